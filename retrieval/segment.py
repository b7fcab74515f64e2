"""Words for the index and for questions: normalisation, jieba, stopwords.

Both sides go through the same function, so a question written in full-width
digits, traditional characters or with a different punctuation finds the same
terms as the archive.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import opencc

from .cutter import Cutter, dictionary_file
from .resources import bundled

CONFIG_DIR = bundled("config")
DEFAULT_USER_DICT = CONFIG_DIR / "userdict.txt"
DEFAULT_STOPWORDS = CONFIG_DIR / "stopwords.txt"
DEFAULT_QUESTION_WORDS = CONFIG_DIR / "question_words.txt"

_WORDLIKE = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
HAN = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character (the common block)
DIGIT = re.compile(r"[0-9０-９]")
NUMERAL = re.compile(r"[一二两三四五六七八九十百千万亿〇零]")  # a Chinese numeral's characters
NAMING_TAGS = frozenset("nr nrfg nrt ns nt nz eng".split())  # jieba's tags of names and terms
GUESSED_TAGS = frozenset(("unk", "m", "x", "eng"))  # ``tagged``'s for a word its dictionary lacks: often a name
_SPACES = re.compile(r"\s+")
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")  # NFKC maps each to one ASCII character
_NUMBER = re.compile(r"[0-9][0-9.,%]*")


@functools.lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """Full-width to half-width (NFKC), lower case, traditional to simplified, spaces folded.

    Cached: headlines and the passages of popular articles come back query after query."""
    return _folded(to_simplified(nfkc(text).lower()))


def _folded(text: str) -> str:
    """Runs of white space as one space; printable text holds no white space but the space, so
    text without two spaces in a row is left as it is, unsearched."""
    if text.isprintable() and "  " not in text:
        return text
    return _SPACES.sub(" ", text)


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, at half the cost for Chinese text: what NFKC does
    to most of it is turn full-width ASCII forms (，：１Ａ) and the ideographic space into their
    plain forms, done here first, so that the full normalisation runs only when more is left to
    do (a list question normalises hundreds of passages it has just read)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _FULL_WIDTH.sub(_half_width, text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _half_width(match: re.Match) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def load_words(path: Path) -> set[str]:
    """One word a line; ``#`` starts a comment line."""
    words = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            words.add(normalise(word.split()[0]))
    return words


class Segmenter:
    """jieba with the archive's user dictionary; yields index terms.

    Terms are jieba's words minus punctuation, stopwords and question words, plus the character
    bigrams of every longer Chinese word, so that a question saying 低收入群众
    still meets a text saying 低收入群体, and names jieba cuts differently on
    the two sides still share most of their terms.
    """

    def __init__(
        self,
        user_dict: Path | None = DEFAULT_USER_DICT,
        stopwords: Path | None = DEFAULT_STOPWORDS,
        question_words: Path | None = DEFAULT_QUESTION_WORDS,
        bigrams: bool = True,
    ) -> None:
        self.user_dict, self.stopwords_path, self.question_words_path = user_dict, stopwords, question_words
        self.bigrams = bigrams
        self._cutter = Cutter(user_dict)
        self.stopwords = load_words(stopwords) if stopwords is not None else set()
        self.question_words = load_words(question_words) if question_words is not None else set()
        self._unindexed = self.stopwords | self.question_words

    def fingerprint(self) -> str:
        """Changes whenever the terms this segmenter gives could change."""
        jieba, rjieba = importlib.metadata.version("jieba"), importlib.metadata.version("rjieba")
        digest = hashlib.sha256(f"{jieba}|{rjieba}|{self.bigrams}|{opencc.__version__}".encode())
        for path in (self.user_dict, self.stopwords_path, self.question_words_path):
            digest.update(Path(path).read_bytes() if path is not None else b"-")
        return digest.hexdigest()[:16]

    def words(self, text: str) -> list[str]:
        """jieba's words of the normalised text, without punctuation, stopwords and question words."""
        return self._words_except(text, self._unindexed)

    def question_content(self, text: str) -> list[str]:
        """What a question is about: its words less punctuation and question words (stopwords stay)."""
        return self._words_except(text, self.question_words)

    def _words_except(self, text: str, left_out: set[str]) -> list[str]:
        return [word for word in self._cutter.cut(normalise(text)) if word not in left_out and _WORDLIKE.search(word)]

    def terms(self, text: str) -> list[str]:
        """Index terms: words, and the bigrams of Chinese words longer than two characters."""
        return self.with_bigrams(self.words(text))

    def with_bigrams(self, words: Iterable[str]) -> list[str]:
        terms = list(words)
        if self.bigrams:
            for word in list(terms):
                if len(word) > 2 and _CJK_RUN.fullmatch(word):
                    # 多少岁 gives 多少 and 少岁: a bigram that is a function or question word is no term
                    terms.extend(pair for i in range(len(word) - 1) if (pair := word[i : i + 2]) not in self._unindexed)
        return terms

    def tokens(self, normalised: str) -> list[tuple[str, int, int]]:
        """jieba's words of already normalised text with where they stand, punctuation left out:
        one segmentation from which a question's words, terms and topic are all taken."""
        return [token for token in self._cutter.tokenize(normalised) if _WORDLIKE.search(token[0])]

    def is_indexed(self, word: str) -> bool:
        return word not in self._unindexed

    def tagged(self, normalised: str) -> list[tuple[str, str, int, int]]:
        """jieba's words of already normalised text with a part-of-speech tag each and where they
        stand. Tags come from jieba's dictionary (its own tagger runs an HMM over every character:
        ~17 ms a passage against ~0.3 ms); a word it lacks is a number, Latin, punctuation or
        ``unk`` (jieba's HMM found it: often a name)."""
        tags = self._tags
        tagged = []
        for word, start, end in self._cutter.tokenize(normalised):
            tag = tags.get(word)
            if tag is None:
                if _NUMBER.fullmatch(word):
                    tag = "m"
                elif word.isascii() and word.isalnum():
                    tag = "eng"
                elif not _WORDLIKE.search(word):
                    tag = "x"
                else:
                    tag = "unk"
            tagged.append((word, tag, start, end))
        return tagged

    def tag(self, word: str) -> str:
        """jieba's dictionary tag of a word (``ns`` a place, ``nt`` an organisation…), "" when it has none."""
        return self._tags.get(word, "")

    def load_jieba(self) -> None:
        """Load jieba itself now rather than for the first text jieba-rs would cut otherwise."""
        self._cutter.load()

    def load_tags(self) -> None:
        """Read the dictionary's word tags now rather than when first tagging."""
        self._tags  # noqa: B018 - a cached property, read for its effect

    @functools.cached_property
    def _tags(self) -> dict[str, str]:
        """jieba's dictionary tags (``word frequency tag`` a line), with the user dictionary's
        (``word [frequency] [tag]``), read when first tagging."""
        with dictionary_file() as file:
            text = file.read().decode("utf-8")
        fields = text.split()
        if len(fields) == 3 * text.count("\n"):  # every line has its three fields: read them at once
            tags = dict(zip(fields[0::3], fields[2::3], strict=True))
        else:
            tags = {parts[0]: parts[-1] for parts in map(str.split, text.splitlines()) if len(parts) == 3}
        if self.user_dict is not None:
            for line in Path(self.user_dict).read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if len(parts) >= 2 and parts[-1].isascii() and parts[-1].isalpha():
                    tags[normalise(parts[0])] = parts[-1]
        return tags


@functools.lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """The segmenter with the bundled word lists, made once a process (~0.1 s: jieba-rs's dictionary)."""
    return Segmenter()


_T2S = opencc.OpenCC("t2s")
_TW2SP = opencc.OpenCC("tw2sp")


def as_mainland(text: str) -> str:
    """A question typed in traditional characters with Taiwan's words for things in mainland words
    (專案 → 项目, 物件 → 对象, 叢集 → 集群), as a simplified archive writes them; any other unchanged."""
    return _TW2SP.convert(text) if _T2S.convert(text) != text else text


def to_simplified(text: str) -> str:
    """Traditional to simplified, so 繁體 questions meet a simplified archive (and back)."""
    return _T2S.convert(text)


CLAUSE_MARKS = "，。；,;：:！？!?"  # a clause's ends, a list's 、 not among them
SENTENCE_MARKS = "。！？!?；;"  # a sentence's ends


def clause_start(text: str, at: int, marks: str = CLAUSE_MARKS) -> int:
    """Where the clause holding ``at`` begins: after the last of ``marks`` before it."""
    return max(text.rfind(mark, 0, at) for mark in marks) + 1


def clause_end(text: str, at: int, marks: str = CLAUSE_MARKS) -> int:
    """Where the clause (or, given a sentence's ends, the sentence) holding ``at`` ends: at the first of
    ``marks`` from it, else the text's end."""
    return min((end for end in (text.find(mark, at) for mark in marks) if end >= 0), default=len(text))


def occurrences(text: str, piece: str) -> list[int]:
    """Where ``piece`` occurs in ``text``, overlaps included (a pattern compiled for each question's
    words would cost more than the search)."""
    found, at = [], text.find(piece)
    while at >= 0:
        found.append(at)
        at = text.find(piece, at + 1)
    return found
