# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""How a question's characters and words sit in a candidate passage, compiled (see ranking.py,
whose ``_measures`` computes the same numbers in Python where this is not built).

The learned ranker reads them for each of a question's 30 candidates: about a hundred substring
searches a candidate, which cost less than the interpreter's steps around them. Each share is
one whole count over another, divided once as Python divides them, so that the numbers are the
same to the last bit either way.
"""

from libc.stdlib cimport free, malloc, qsort
from libc.stdint cimport int64_t


cdef extern from "Python.h":
    Py_ssize_t PyUnicode_FindChar(object text, Py_UCS4 char, Py_ssize_t start, Py_ssize_t end, int direction) except -2
    Py_ssize_t PyUnicode_Find(object text, object piece, Py_ssize_t start, Py_ssize_t end, int direction) except -2


def measures(str phrase, str question, tuple pairs, str focus_chars, str text, tuple found):
    """``(char_share, focus_char_share, bigram_share, longest_run, window)`` of ``text``: the
    shares of the question's characters, of its focus characters and of its character ``pairs``
    that ``text`` holds, the longest piece of ``phrase`` it holds as written, and the shortest
    stretch holding every word ``found`` in it against their length."""
    cdef Py_ssize_t held = 0
    cdef object pair
    for pair in pairs:
        held += PyUnicode_Find(text, pair, 0, len(text), 1) >= 0
    return (
        _char_share(question, text),
        _char_share(focus_chars, text),
        held / <double>len(pairs) if pairs else 0.0,
        _longest_run(phrase, text),
        _window(text, found),
    )


cdef double _char_share(str characters, str text) except -1.0:
    cdef Py_ssize_t held = 0, size = len(text)
    cdef Py_UCS4 char
    if not characters:
        return 1.0
    for char in characters:
        held += PyUnicode_FindChar(text, char, 0, size, 1) >= 0
    return held / <double>len(characters)


cdef Py_ssize_t _longest_run(str phrase, str text) except -1:
    cdef Py_ssize_t best = 0, start = 0, size = len(phrase), end = len(text)
    while start + best < size:
        if PyUnicode_Find(text, phrase[start : start + best + 1], 0, end, 1) >= 0:
            best += 1
        else:
            start += 1
    return best


cdef int _ascending(const void *a, const void *b) noexcept nogil:
    cdef int64_t x = (<const int64_t *>a)[0], y = (<const int64_t *>b)[0]
    return (x > y) - (x < y)


cdef double _window(str text, tuple found) except -1.0:
    cdef Py_ssize_t need = len(found), size = len(text), total = 0, spots = 0, at, index, i
    cdef Py_ssize_t have = 0, left = 0, best = size + 1, start, first
    cdef int64_t *spot
    cdef Py_ssize_t *counts
    cdef Py_ssize_t *lengths
    cdef str word
    if not need:
        return 0.0
    for word in found:
        total += len(word)
        at = PyUnicode_Find(text, word, 0, size, 1)
        while at >= 0:
            spots += 1
            at = PyUnicode_Find(text, word, at + 1, size, 1)
    # a spot is where a word occurs and which word, packed so that sorting them sorts by both
    spot = <int64_t *>malloc(max(spots, 1) * sizeof(int64_t))
    counts = <Py_ssize_t *>malloc(need * sizeof(Py_ssize_t))
    lengths = <Py_ssize_t *>malloc(need * sizeof(Py_ssize_t))
    if spot == NULL or counts == NULL or lengths == NULL:
        free(spot)
        free(counts)
        free(lengths)
        raise MemoryError()
    try:
        spots = 0
        for index in range(need):
            word = found[index]
            counts[index] = 0
            lengths[index] = len(word)
            at = PyUnicode_Find(text, word, 0, size, 1)
            while at >= 0:
                spot[spots] = (<int64_t>at << 20) | index
                spots += 1
                at = PyUnicode_Find(text, word, at + 1, size, 1)
        qsort(spot, spots, sizeof(int64_t), _ascending)
        for i in range(spots):
            at, index = spot[i] >> 20, spot[i] & 0xFFFFF
            counts[index] += 1
            have += counts[index] == 1
            while have == need:
                start, first = spot[left] >> 20, spot[left] & 0xFFFFF
                best = min(best, at + lengths[index] - start)
                counts[first] -= 1
                have -= counts[first] == 0
                left += 1
        return best / <double>total
    finally:
        free(spot)
        free(counts)
        free(lengths)


def held(tuple words, tuple weights, frozenset chinese, str headline, str text, str paragraph, double context_share):
    """``search._held_words`` compiled: the question's words (``weights`` theirs, in the question's
    order) that a candidate's headline holds, those its text holds, and the weights they add up
    to, summed in the question's word order as Python sums them."""
    cdef double everything = 0.0, coverage = 0.0, in_text = 0.0, in_headline = 0.0, focus = 0.0, written = 0.0
    cdef double weight
    cdef bint by_headline, by_text
    cdef Py_ssize_t at
    cdef list headline_holds = [], found = [], focus_chinese = []
    cdef object word
    for at in range(len(words)):
        word, weight = words[at], weights[at]
        by_headline = PyUnicode_Find(headline, word, 0, len(headline), 1) >= 0
        by_text = PyUnicode_Find(text, word, 0, len(text), 1) >= 0
        everything += weight
        if by_text:
            found.append(word)
            in_text += weight
        if by_headline:
            headline_holds.append(word)
            in_headline += weight
        else:
            focus += weight
            if by_text:
                written += weight
            if word in chinese:
                focus_chinese.append(word)
        if by_headline or by_text:
            coverage += weight
        elif PyUnicode_Find(paragraph, word, 0, len(paragraph), 1) >= 0:
            coverage += context_share * weight
    return frozenset(headline_holds), tuple(found), (everything, coverage, in_text, in_headline, focus, written, focus_chinese)
