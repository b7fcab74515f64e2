"""The index on disk, read side: a folder of segments opened through memory maps.

A cache folder holds one built index (``index/``): ``meta.json`` naming each page with its
content hash and the segment that holds it, the vocabulary shared by all segments (``vocabulary.py``), and
the segments (``segments/NNNNNN/``), each with its postings and passages as NumPy arrays and its
articles as JSON lines (read only when cited). Loading reads ``meta.json`` and maps the rest:
only what queries touch is read from disk. ``writer.py`` builds and updates it. Nothing is
pickled.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from .documents import ArchiveReport, Article, Passage
from .errors import StoreError
from .forward import Seen, StoredArticle, StoredPassage
from .index import BM25Index
from .paging import will_need
from .recent import Recent
from .segment import Segmenter
from .segments import Segment
from .vocabulary import Vocabulary

log = logging.getLogger(__name__)

FORMAT = 9  # 2: bigrams of function or question words are no terms; 3: headlines as printed; 4: captions; 5: headlines that wrap before their verb (莅临) join; 6: segments; 7: vocabulary hashes; 8: pages in traditional characters read as in simplified; 9: forward records


def default_cache(archive: Path) -> Path:
    """``$ARCHIVE_QA_CACHE`` or ~/.cache/archive-qa, one folder per archive path."""
    root = Path(os.environ.get("ARCHIVE_QA_CACHE") or Path("~/.cache/archive-qa").expanduser())
    key = hashlib.sha256(os.fsencode(Path(archive).resolve())).hexdigest()[:16]
    return root / f"{Path(archive).resolve().name}-{key}"


def fingerprint(segmenter: Segmenter, passage_chars: int) -> str:
    """What the stored terms depend on: a different dictionary or passage size means a rebuild."""
    return hashlib.sha256(json.dumps([FORMAT, passage_chars, segmenter.fingerprint()]).encode()).hexdigest()[:16]


# ------------------------------------------------------------------ the stored index


class StoredPassages(Sequence[Passage]):
    """Passages materialised on demand from the segments' arrays and article files."""

    def __init__(self, segments: list[Segment], cached: int = 4096) -> None:
        self.segments = segments
        self._passage_bases = [0, *itertools.accumulate(segment.passages for segment in segments)]
        self._article_bases = [0, *itertools.accumulate(segment.articles for segment in segments)]
        self._articles: Recent[Article] = Recent(cached)
        self._stored: Recent[StoredArticle] = Recent(cached)  # the articles as candidates know them, read or not

    def __len__(self) -> int:
        return self._passage_bases[-1]

    @property
    def article_numbers(self) -> np.ndarray:
        """Every passage's article number (read from the files when there are several segments)."""
        if len(self.segments) == 1:
            will_need(self.segments[0].arrays["passage_article"])  # the caller reads it whole
            return self.segments[0].arrays["passage_article"]
        return np.concatenate(
            [
                np.asarray(segment.arrays["passage_article"], dtype=np.int64) + int(base)
                for segment, base in zip(self.segments, self._article_bases, strict=False)
            ]
        )

    def article(self, number: int) -> Article:
        at = bisect.bisect_right(self._article_bases, number) - 1
        return self._articles.get(number, lambda: self.segments[at].article(number - self._article_bases[at]))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.at(np.arange(*index.indices(len(self))))
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self.at(np.array([index % len(self)]))[0]

    def at(self, ids: np.ndarray) -> list[Passage]:
        """The passages ``ids`` (the candidates of a question), each from its forward record, its
        article read only when more of it than its source and number is asked for (most of a
        question's candidates are ranked and never shown). Each segment's tables are indexed once
        for all of its passages among them, not once a passage (a third of reading them)."""
        ids = np.asarray(ids, dtype=np.int64)
        if len(ids) and (int(ids.min()) < 0 or int(ids.max()) >= len(self)):
            raise IndexError("passage numbers out of range")
        at = np.searchsorted(self._passage_bases, ids, side="right") - 1
        rows = np.empty((4, len(ids)), dtype=np.int64)  # article, paragraph, start, end
        records: list = [None] * len(ids)
        for number in np.unique(at).tolist():
            which, segment = at == number, self.segments[number]
            local = ids[which] - self._passage_bases[number]
            rows[0, which] = np.asarray(segment.arrays["passage_article"])[local] + self._article_bases[number]
            for row, name in enumerate(("passage_paragraph", "passage_start", "passage_end"), start=1):
                rows[row, which] = np.asarray(segment.arrays[name])[local]
            for place, record in zip(np.flatnonzero(which).tolist(), segment.forward(local), strict=True):
                records[place] = record
        passages: list[Passage] = []
        for (
            (text, headline, whole, position, year, source, number, illustrates),
            in_segment,
            article_number,
            paragraph,
            start,
            end,
        ) in zip(records, at.tolist(), *rows.tolist(), strict=True):
            article = self._stored.kept(article_number) or self._stored.keep(
                article_number, self._stored_article(in_segment, article_number, source, number, illustrates)
            )
            seen = Seen(text, headline, text if whole is None else whole, position, year)
            passages.append(StoredPassage(article, paragraph, start, end, seen))
        return passages

    def _stored_article(
        self, segment: int, number: int, source: str, in_source: int, illustrates: int
    ) -> StoredArticle:
        """Article ``number`` (in segment ``segment``) as its candidates know it, reading itself from its
        segment when more is asked for: not through these caches, which hold it (a cycle would keep a
        reloaded index's maps and files open until a full collection, and a frozen one for good)."""
        return StoredArticle(
            source, in_source, illustrates, self.segments[segment], number - self._article_bases[segment]
        )

    def articles(self) -> Iterator[Article]:
        for number in range(self._article_bases[-1]):
            yield self.article(number)


@dataclass
class StoredIndex:
    folder: Path
    meta: dict
    index: BM25Index
    passages: StoredPassages
    dates: np.ndarray  # per article: first ordinal, last ordinal, month, day (0 when unknown)

    @property
    def report(self) -> ArchiveReport:
        report = ArchiveReport(
            pages=[page["name"] for page in self.meta["pages"]],
            encodings=self.meta.get("encodings", {}),
            problems=list(self.meta.get("problems", [])),
        )
        return report


def version(folder: Path) -> str:
    """Changes whenever a new index is written (its meta.json is replaced with the folder)."""
    try:
        stat = (folder / "index" / "meta.json").stat()
    except OSError:
        return ""
    return f"{stat.st_ino}:{stat.st_mtime_ns}"


def load(folder: Path, expected_fingerprint: str) -> StoredIndex:
    """Load a built index; raise StoreError when it is missing, damaged or built differently."""
    index_dir = folder / "index"
    try:
        meta = json.loads((index_dir / "meta.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError("no index built yet") from None
    except (OSError, ValueError) as error:
        raise StoreError(f"the index's meta.json is damaged ({error})") from None
    if meta.get("format") != FORMAT or meta.get("fingerprint") != expected_fingerprint:
        raise StoreError("the index was built by another version or with other settings")
    if not all(key in meta for key in ("k1", "b", "epsilon", "pages", "segments", "passages", "articles")):
        raise StoreError("the index's files do not agree with each other")
    vocabulary = Vocabulary.load(index_dir)
    segments = [Segment.open(index_dir / "segments" / entry["name"]) for entry in meta["segments"]]
    if (
        not segments
        or sum(segment.passages for segment in segments) != meta["passages"]
        or sum(segment.articles for segment in segments) != meta["articles"]
        or any(len(segment.arrays["indptr"]) - 1 > len(vocabulary) for segment in segments)
    ):
        raise StoreError("the index's files do not agree with each other")
    bases = np.cumsum([0] + [segment.passages for segment in segments])
    for segment in segments:  # read whole below
        will_need(segment.arrays["doc_lengths"])
        if len(segments) > 1:
            will_need(segment.arrays["dates"])
    lengths = [segment.arrays["doc_lengths"] for segment in segments]
    index = BM25Index(
        vocabulary,
        [segment.postings(int(base)) for segment, base in zip(segments, bases, strict=False)],
        lengths[0] if len(lengths) == 1 else np.concatenate(lengths),
        meta["k1"],
        meta["b"],
        meta["epsilon"],
    )
    # one segment's dates are used where they are mapped, read when first needed
    dates = segments[0].arrays["dates"] if len(segments) == 1 else np.concatenate([s.arrays["dates"] for s in segments])
    return StoredIndex(folder, meta, index, StoredPassages(segments), dates)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the cache folder's lock: one process at a time builds, swaps or opens its index.
    The lock is the kernel's (flock), so a process killed while holding it lets go."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / "lock")
    try:
        lock.acquire(timeout=1)
    except Timeout:
        log.warning("another archive-qa process is updating the index in %s; waiting for it", folder)
        lock.acquire()
    try:
        yield
    finally:
        lock.release()
