"""jieba's cut, computed by jieba-rs where the two agree and by jieba where they might not.

jieba-rs (its Python binding ``rjieba``) is jieba's dictionary, word graph and HMM in Rust, about
fifteen times as fast as jieba in Python, which was three quarters of an index build's CPU. It cuts
text exactly as jieba does but in two cases, both handed to jieba itself:

- a run of letters and digits joined by ``-``, ``.`` or ``_`` ("26-40", "e-mail", "10.5.3"): jieba-rs
  keeps it whole, jieba cuts it at the joins (but keeps a decimal, "2.3" or "3.5%", whole);
- text holding an ideograph jieba does not count as Chinese (CJK extension A, compatibility
  ideographs, the supplementary planes, which is also where emoji are): jieba-rs does, and cuts
  the text around it otherwise.

jieba itself is loaded only when a text first needs it. ``tests/test_cutter.py`` holds the two to
the same words on the archive and on random text.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import marshal
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import rjieba


@contextlib.contextmanager
def _without_pkg_resources() -> Iterator[None]:
    """Imports made here find no ``pkg_resources``, setuptools' deprecated resource API, unless
    something imported it already: jieba then opens its own files from its folder, as it does
    where setuptools is not installed, and a process starts ~0.1 s sooner (a tenth of answering
    one question from the command line)."""
    if "pkg_resources" in sys.modules:
        yield
        return
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import pkg_resources: ImportError
    try:
        yield
    finally:
        del sys.modules["pkg_resources"]


with _without_pkg_resources():
    import jieba

_JOINED = re.compile(r"[-._]")  # what jieba-rs may join letters and digits across
_OTHER_IDEOGRAPHS = re.compile(r"[^\u0000-\u33ff\u4e00-\u9fd5\ua000-\uf8ff\ufb00-\uffff]")
_ALIKE = re.compile(r"[a-zA-Z0-9]+(?:\.\d+)?%?")  # a run jieba keeps whole too
_CHINESE = re.compile(r"[\u4e00-\u9fd5]")  # what jieba counts as Chinese

jieba.setLogLevel(logging.WARNING)

# rjieba makes a jieba-rs of its own when imported (~0.1 s, ~25 MB), for module-level functions that
# nothing here calls: the first cutter a process makes takes it over rather than load another.
_UNCLAIMED = [rjieba._DEFAULT_JIEBA] if isinstance(getattr(rjieba, "_DEFAULT_JIEBA", None), rjieba.Jieba) else []


class Cutter:
    """jieba's words of a text (``jieba.lcut``), with jieba's user dictionary, quickly."""

    def __init__(self, user_dict: Path | None = None) -> None:
        self.user_dict = user_dict
        self._fast = _jieba_rs()
        self._jieba_cut = functools.lru_cache(maxsize=4096)(self._cut_by_jieba)  # the same dates and numbers recur
        if user_dict is not None:
            for word, frequency, tag in _user_words(user_dict):
                self._fast.add_word(word, frequency, tag)

    def cut(self, text: str) -> list[str]:
        if _OTHER_IDEOGRAPHS.search(text):
            return self._jieba.lcut(text)
        words = self._fast.cut(text)
        if not _JOINED.search(text):
            return words
        cut: list[str] = []
        for word in words:
            if len(word) > 1 and _JOINED.search(word) and not _ALIKE.fullmatch(word) and not _CHINESE.search(word):
                cut.extend(self._jieba_cut(word))
            else:
                cut.append(word)
        return cut

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Each word with where it starts and ends (``jieba.tokenize``)."""
        tokens, start = [], 0
        for word in self.cut(text):
            tokens.append((word, start, start + len(word)))
            start += len(word)
        return tokens

    def load(self) -> None:
        """Load jieba itself now rather than when a text first needs it (~0.3 s, ~60 MB)."""
        self._jieba  # noqa: B018 - a cached property, read for its effect

    def _cut_by_jieba(self, word: str) -> list[str]:
        return self._jieba.lcut(word)

    @functools.cached_property
    def _jieba(self) -> jieba.Tokenizer:
        tokenizer = _initialised(jieba.Tokenizer())
        if self.user_dict is not None:
            tokenizer.load_userdict(str(self.user_dict))
        return tokenizer


def dictionary_file() -> BinaryIO:
    """jieba's own dictionary, ``word frequency tag`` a line."""
    return jieba.get_dict_file()


def _jieba_rs() -> rjieba.Jieba:
    """A jieba-rs with its own dictionary only: rjieba's, the first time, else a new one."""
    try:
        return _UNCLAIMED.pop()
    except IndexError:
        return rjieba.Jieba()


def _user_words(path: Path) -> list[tuple[str, int | None, str | None]]:
    """A jieba user dictionary's entries, read as ``jieba.load_userdict`` reads them: ``word
    [frequency] [tag]`` a line."""
    entries = []
    for raw in Path(path).read_bytes().split(b"\n"):
        line = raw.strip().decode("utf-8").lstrip("\ufeff")  # jieba strips bytes: a full-width space stays
        if not line:
            continue
        match = jieba.re_userdict.match(line)
        if match is None:
            continue
        word, frequency, tag = match.groups()
        entries.append((word, int(frequency) if frequency else None, tag.strip() if tag else None))
    return entries


def _initialised(tokenizer: jieba.Tokenizer) -> jieba.Tokenizer:
    """jieba's tokenizer with its dictionary loaded. jieba reads the cache it keeps of its default
    dictionary with ``marshal.load`` on the open file, a read for every word (~0.7 s, most of a front
    end's cold start); read whole and decoded at once, the same file takes ~0.2 s. No cache yet, or
    anything unexpected in it, and jieba loads as it always does (and writes the cache)."""
    cache = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    if tokenizer.dictionary is jieba.DEFAULT_DICT and cache.is_file():
        try:
            frequencies, total = marshal.loads(cache.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass
        else:
            if isinstance(frequencies, dict) and frequencies and isinstance(total, int) and total > 0:
                tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies, total, True
                return tokenizer
    tokenizer.initialize()
    return tokenizer
