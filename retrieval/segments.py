"""Segments of the stored index: the postings, passages and articles of some pages, each in a
folder of its own, written once and then only read (arrays through memory maps, articles where
they lie: ``paging``) or merged.

Terms are numbered by one vocabulary shared by every segment, so merging segments is a
streaming k-way merge by term number: a range of terms is a contiguous slice of each segment's
postings, and the slices are read, renumbered and written one range at a time, so memory stays
bounded whatever the size of the archive. Nothing is pickled.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import orjson
from numpy.lib import format as npy_format

from .dates import parse_iso
from .documents import Article
from .errors import StoreError
from .index import Postings, average_length, narrowest, term_peaks, term_ranges
from .kernels import FREQUENCY_TYPES, LENGTH_TYPES
from .paging import RandomReads, mapped_array

POSTINGS = ("indptr", "doc_ids", "term_freqs")
PASSAGES = ("doc_lengths", "passage_article", "passage_paragraph", "passage_start", "passage_end")
ARTICLES = ("article_offsets", "dates")
FORWARD = "forward_offsets"  # where each passage's forward record begins in forward.jsonl (``forward``), and its end
_LINE_OFFSETS = {"articles": "article_offsets", "forward": FORWARD}  # each JSON-lines file's offsets
PEAKS = "term_peaks"  # each term's highest tf / (tf + norm) here, for BM25's bounds (``index.term_peaks``)
MERGE_CHUNK = 8_000_000  # postings held in memory at once while merging (~250 MB)


@dataclass
class Segment:
    """A written segment, its arrays memory-mapped (``paging``): only what queries touch is read."""

    folder: Path
    arrays: dict[str, np.ndarray]
    articles_file: RandomReads
    forward_file: RandomReads
    _data_at: dict[str, int] = field(default_factory=dict, repr=False)  # where each array's data starts

    @classmethod
    def open(cls, folder: Path) -> Segment:
        try:
            arrays = {name: mapped_array(folder / f"{name}.npy") for name in (*POSTINGS, *PASSAGES, *ARTICLES, FORWARD)}
            if (folder / f"{PEAKS}.npy").exists():  # segments written before the sixteenth session have none
                arrays[PEAKS] = mapped_array(folder / f"{PEAKS}.npy")
            articles = RandomReads(folder / "articles.jsonl")
            forward = RandomReads(folder / "forward.jsonl")
        except (OSError, ValueError) as error:
            raise StoreError(f"the index is damaged ({error})") from None
        segment = cls(folder, arrays, articles, forward)
        segment._check()
        return segment

    def _check(self) -> None:
        arrays = self.arrays
        passages, articles = len(arrays["doc_lengths"]), len(arrays["dates"])
        if (
            len(arrays["doc_ids"]) != int(arrays["indptr"][-1])
            or len(arrays["term_freqs"]) != len(arrays["doc_ids"])
            or arrays["term_freqs"].dtype not in FREQUENCY_TYPES
            or arrays["doc_lengths"].dtype not in LENGTH_TYPES
            or any(len(arrays[name]) != passages for name in PASSAGES)
            or len(arrays["article_offsets"]) != articles + 1
            or int(arrays["article_offsets"][-1]) != len(self.articles_file)
            or len(arrays[FORWARD]) != passages + 1
            or int(arrays[FORWARD][-1]) != len(self.forward_file)
            or (passages and int(arrays["passage_article"][-1]) >= articles)
            or (PEAKS in arrays and len(arrays[PEAKS]) != len(arrays["indptr"]) - 1)
        ):
            raise StoreError("the index's files do not agree with each other")

    @property
    def passages(self) -> int:
        return len(self.arrays["doc_lengths"])

    @property
    def articles(self) -> int:
        return len(self.arrays["dates"])

    @property
    def postings_count(self) -> int:
        return len(self.arrays["doc_ids"])

    def postings(self, base: int) -> Postings:
        arrays = self.arrays
        return Postings(arrays["indptr"], arrays["doc_ids"], arrays["term_freqs"], base, arrays.get(PEAKS))

    def read(self, name: str, start: int, end: int) -> np.ndarray:
        """Items ``start:end`` of a stored array, read rather than mapped: what a merge streams
        through stays in the page cache, out of the merging process's memory."""
        array = self.arrays[name]
        path = self.folder / f"{name}.npy"
        if name not in self._data_at:  # the data ends the file, after its header
            self._data_at[name] = path.stat().st_size - array.nbytes
        offset = self._data_at[name] + start * array.itemsize
        return np.fromfile(path, dtype=array.dtype, count=end - start, offset=offset)

    def forward(self, numbers: np.ndarray) -> list[list]:
        """The forward records of these passages (``forward.record``)."""
        offsets = self.arrays[FORWARD]
        return [
            _read_json(self.forward_file.read(low, high))
            for low, high in zip(offsets[numbers].tolist(), offsets[numbers + 1].tolist(), strict=True)
        ]

    def copy_lines(self, name: str, start: int, end: int, out: BinaryIO) -> int:
        """Lines ``start:end`` of ``articles.jsonl`` (articles) or ``forward.jsonl`` (passages),
        byte for byte, onto ``out`` (read in blocks, not mapped); returns the bytes copied."""
        offsets = self.arrays[_LINE_OFFSETS[name]]
        low, high = int(offsets[start]), int(offsets[end])
        with (self.folder / f"{name}.jsonl").open("rb") as source:
            source.seek(low)
            left = high - low
            while left:
                block = source.read(min(left, 1 << 20))
                out.write(block)
                left -= len(block)
        return high - low

    def article(self, number: int) -> Article:
        """Article ``number`` of this segment."""
        data = self.article_json(number)
        data["date"] = parse_iso(data["date"])
        return Article(**data)

    def article_json(self, number: int) -> dict:
        """One stored article: read by orjson (every candidate of a question is read back, a list's
        hundreds), or by json where orjson refuses what it holds (a file name that was not UTF-8,
        stored as lone surrogates: ``reading.json_line``)."""
        low, high = self.arrays["article_offsets"][number : number + 2].tolist()
        return _read_json(self.articles_file.read(low, high))


@dataclass
class NewPage:
    """One page's passages and terms (numbered by the shared vocabulary), ready to be written."""

    articles: int
    article_lines: bytes  # one JSON line an article
    forward_lines: bytes  # one JSON line a passage (``forward.record``)
    article_dates: np.ndarray  # one ArticleDates row an article
    passages: np.ndarray  # per passage: article (within the page), paragraph, start, end
    terms: np.ndarray  # distinct terms of every passage, passage after passage
    freqs: np.ndarray  # and how often each occurs in its passage
    counts: np.ndarray  # distinct terms per passage
    lengths: np.ndarray  # terms per passage (with repeats)


def write_segment(folder: Path, pages: list[NewPage], vocabulary_size: int) -> None:
    """A segment of these pages, in this order, written to a new folder."""
    folder.mkdir(parents=True)
    terms = np.concatenate([page.terms for page in pages]).astype(np.int64)
    doc_ids = np.repeat(np.arange(sum(len(page.counts) for page in pages), dtype=np.int32), _concat(pages, "counts"))
    order = stable_order_by(terms)
    indptr = np.zeros(vocabulary_size + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=vocabulary_size), out=indptr[1:])
    passages, first_article = [], 0
    for page in pages:
        block = np.asarray(page.passages, dtype=np.int64).reshape(-1, 4).copy()
        block[:, 0] += first_article
        passages.append(block)
        first_article += page.articles
    table = np.concatenate(passages)
    blob = b"".join(page.article_lines for page in pages)
    forward = b"".join(page.forward_lines for page in pages)
    lengths = _concat(pages, "lengths")
    arrays = {
        "indptr": indptr,
        "doc_ids": doc_ids[order],
        "term_freqs": narrowest(_concat(pages, "freqs")[order]),
        "doc_lengths": narrowest(lengths, LENGTH_TYPES),
        "passage_article": table[:, 0].astype(np.int32),
        "passage_paragraph": table[:, 1].astype(np.int32),
        "passage_start": table[:, 2].astype(np.int32),
        "passage_end": table[:, 3].astype(np.int32),
        "article_offsets": _line_offsets(blob),
        FORWARD: _line_offsets(forward),
        "dates": np.concatenate([page.article_dates for page in pages]).astype(np.int64).reshape(-1, 4),
    }
    arrays[PEAKS] = term_peaks(indptr, arrays["doc_ids"], arrays["term_freqs"], lengths, average_length(lengths))
    for name, array in arrays.items():
        np.save(folder / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
    (folder / "articles.jsonl").write_bytes(blob)
    (folder / "forward.jsonl").write_bytes(forward)
    sync(folder)


def _read_json(line: bytes):  # noqa: ANN202 - a record or an article
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line.decode("utf-8"))


def _line_offsets(lines: bytes) -> np.ndarray:
    """Where each JSON line begins, and the end."""
    ends = np.flatnonzero(np.frombuffer(lines, dtype=np.uint8) == ord("\n")) + 1
    return np.concatenate([np.zeros(1, dtype=np.int64), ends.astype(np.int64)])


def _concat(pages: list[NewPage], name: str) -> np.ndarray:
    return np.concatenate([getattr(page, name) for page in pages])


@dataclass
class Kept:
    """What a merge keeps of one segment: these page spans, (first passage, passages, first
    article, articles) each, in the order they sit in it; all of it when ``spans`` is None."""

    segment: Segment
    spans: list[tuple[int, int, int, int]] | None = None


def merge(inputs: list[Kept], folder: Path, vocabulary_size: int, chunk: int = MERGE_CHUNK) -> None:
    """One segment of what each input keeps, in input order, written to a new folder: postings
    a range of terms at a time (at most ``chunk`` postings in memory), articles byte for byte."""
    folder.mkdir(parents=True)
    kept_docs, doc_maps = [], []
    for item in inputs:
        keep = _keep_mask(item, passages=True)
        kept_docs.append(keep)
        doc_maps.append(None if keep is None else np.cumsum(keep, dtype=np.int64) - 1)
    doc_bases = np.cumsum(
        [0]
        + [
            item.segment.passages if keep is None else int(keep.sum())
            for item, keep in zip(inputs, kept_docs, strict=True)
        ]
    )
    lengths = _merge_passages(inputs, kept_docs, folder)
    _merge_postings(inputs, kept_docs, doc_maps, doc_bases, folder, vocabulary_size, chunk, lengths)
    sync(folder)


def _keep_mask(item: Kept, passages: bool) -> np.ndarray | None:
    if item.spans is None:
        return None
    size = item.segment.passages if passages else item.segment.articles
    keep = np.zeros(size, dtype=bool)
    for first_passage, count, first_article, articles in item.spans:
        if passages:
            keep[first_passage : first_passage + count] = True
        else:
            keep[first_article : first_article + articles] = True
    return keep


def _merge_passages(inputs: list[Kept], kept_docs: list[np.ndarray | None], folder: Path) -> np.ndarray:
    """The kept passages' tables and articles written; returns the passages' lengths (for the peaks)."""
    tables: dict[str, list[np.ndarray]] = {name: [] for name in (*PASSAGES, "dates")}
    article_base = 0
    with _Lines(folder, "articles") as articles, _Lines(folder, "forward") as forward:
        for item, keep in zip(inputs, kept_docs, strict=True):
            arrays = item.segment.arrays
            article_keep = _keep_mask(item, passages=False)
            article_map = (
                np.arange(item.segment.articles, dtype=np.int64)
                if article_keep is None
                else np.cumsum(article_keep, dtype=np.int64) - 1
            )
            for name in PASSAGES:
                column = np.asarray(arrays[name] if keep is None else arrays[name][keep])
                if name == "passage_article":
                    column = (article_map[column] + article_base).astype(np.int32)
                tables[name].append(column)
            spans = (
                [(0, item.segment.articles)]
                if item.spans is None
                else sorted((first, first + count) for _, _, first, count in item.spans)  # as the passages
            )
            passage_spans = (
                [(0, item.segment.passages)]
                if item.spans is None
                else sorted((first, first + count) for first, count, _, _ in item.spans)
            )
            for start, end in passage_spans:
                forward.copy(item.segment, start, end)
            for start, end in spans:
                articles.copy(item.segment, start, end)
                tables["dates"].append(np.asarray(arrays["dates"][start:end]))
            article_base += int(len(article_map) if article_keep is None else article_keep.sum())
    lengths: np.ndarray = np.empty(0, dtype=np.int32)
    for name, parts in tables.items():
        empty = np.empty((0, 4) if name == "dates" else 0, dtype=np.int64 if name == "dates" else np.int32)
        table = np.concatenate(parts) if parts else empty
        np.save(folder / f"{name}.npy", table, allow_pickle=False)
        if name == "doc_lengths":
            lengths = table  # two bytes a passage, kept; the other tables are let go as written
    np.save(folder / "article_offsets.npy", articles.offsets(), allow_pickle=False)
    np.save(folder / f"{FORWARD}.npy", forward.offsets(), allow_pickle=False)
    return lengths


class _Lines:
    """A JSON-lines file of a merged segment (``articles`` or ``forward``), written span after span
    of its inputs' lines, with where each line begins."""

    def __init__(self, folder: Path, name: str) -> None:
        self.path, self.name = folder / f"{name}.jsonl", name
        self._offsets: list[np.ndarray] = [np.zeros(1, dtype=np.int64)]
        self._written = 0

    def __enter__(self) -> _Lines:
        self._out = self.path.open("wb")
        return self

    def __exit__(self, *exc: object) -> None:
        self._out.close()

    def copy(self, segment: Segment, start: int, end: int) -> None:
        """Lines ``start:end`` of the segment's file."""
        if start == end:
            return
        source = segment.arrays[_LINE_OFFSETS[self.name]]
        self._offsets.append(
            np.asarray(source[start + 1 : end + 1], dtype=np.int64) - int(source[start]) + self._written
        )
        self._written += segment.copy_lines(self.name, start, end, self._out)

    def offsets(self) -> np.ndarray:
        return np.concatenate(self._offsets)


def _merge_postings(
    inputs, kept_docs, doc_maps, doc_bases, folder: Path, vocabulary_size: int, chunk: int, lengths: np.ndarray
) -> None:
    """Postings term range by term range; within a term, inputs in order, so passages ascend."""
    pointers = [_padded(np.asarray(item.segment.arrays["indptr"]), vocabulary_size) for item in inputs]
    total = sum(
        item.segment.postings_count if keep is None else _count_kept(item.segment, keep, chunk)
        for item, keep in zip(inputs, kept_docs, strict=True)
    )
    doc_ids = _Appending(folder / "doc_ids.npy", np.int32, total)
    widest = np.result_type(np.uint8, *(item.segment.arrays["term_freqs"].dtype for item in inputs))  # holds all
    term_freqs = _Appending(folder / "term_freqs.npy", widest, total)
    indptr = np.zeros(vocabulary_size + 1, dtype=np.int64)
    peaks = np.zeros(vocabulary_size, dtype=np.float32)
    average = average_length(lengths)  # the merged passages'
    together = np.sum(pointers, axis=0)
    written = low = 0
    for high in term_ranges(together, chunk):
        terms_parts, docs_parts, freqs_parts = [], [], []
        for item, pointer, keep, doc_map, base in zip(
            inputs, pointers, kept_docs, doc_maps, doc_bases[:-1], strict=True
        ):
            start, end = int(pointer[low]), int(pointer[high])
            if start == end:
                continue
            docs = item.segment.read("doc_ids", start, end)
            freqs = item.segment.read("term_freqs", start, end)
            terms = np.repeat(np.arange(low, high, dtype=np.int64), np.diff(pointer[low : high + 1]))
            if keep is not None:
                held = keep[docs]
                docs, freqs, terms = doc_map[docs[held]], freqs[held], terms[held]
            terms_parts.append(terms)
            docs_parts.append(np.asarray(docs, dtype=np.int64) + int(base))
            freqs_parts.append(freqs)
        if terms_parts:
            terms = np.concatenate(terms_parts) - low
            order = stable_order_by(terms)
            count = len(terms)
            docs, freqs = np.concatenate(docs_parts)[order], np.concatenate(freqs_parts)[order]
            doc_ids.append(docs)
            term_freqs.append(freqs)
            local = np.concatenate(([0], np.cumsum(np.bincount(terms, minlength=high - low))))
            peaks[low:high] = term_peaks(local, docs, freqs, lengths, average)
            indptr[low + 1 : high + 1] = written + local[1:]
            written += count
        else:
            indptr[low + 1 : high + 1] = written
        low = high
    doc_ids.close()
    term_freqs.close()
    np.save(folder / "indptr.npy", indptr, allow_pickle=False)
    np.save(folder / f"{PEAKS}.npy", peaks, allow_pickle=False)


def _padded(indptr: np.ndarray, vocabulary_size: int) -> np.ndarray:
    """A segment's term pointers extended to the whole vocabulary (later terms: none)."""
    padded = np.full(vocabulary_size + 1, indptr[-1], dtype=np.int64)
    padded[: len(indptr)] = indptr
    return padded


def _count_kept(segment: Segment, keep: np.ndarray, chunk: int) -> int:
    total = segment.postings_count
    return sum(
        int(keep[segment.read("doc_ids", start, min(start + chunk, total))].sum()) for start in range(0, total, chunk)
    )


class _Appending:
    """A stored array of known length written piece after piece (written, not mapped)."""

    def __init__(self, path: Path, dtype: type | np.dtype, length: int) -> None:
        self.file = path.open("wb")
        self.dtype, self.length, self.written = np.dtype(dtype), length, 0
        header = {"descr": npy_format.dtype_to_descr(self.dtype), "fortran_order": False, "shape": (length,)}
        npy_format.write_array_header_1_0(self.file, header)

    def append(self, values: np.ndarray) -> None:
        self.file.write(np.ascontiguousarray(values, dtype=self.dtype).tobytes())
        self.written += len(values)

    def close(self) -> None:
        self.file.close()
        if self.written != self.length:
            raise AssertionError(f"{self.written} of {self.length} items written")


def stable_order_by(keys: np.ndarray) -> np.ndarray:
    """Positions that sort ``keys`` (non-negative ints), equal keys kept in order.

    Postings arrive passage after passage, so keeping equal terms in order keeps
    each term's passages ascending. NumPy sorts 16-bit keys stably by radix, in
    linear time, so the keys are sorted 16 bits at a time, low half first.
    """
    order = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    if len(keys) and int(keys.max()) > 0xFFFF:
        high = (keys[order] >> 16).astype(np.uint32)
        if int(high.max()) > 0xFFFF:
            return np.argsort(keys, kind="stable")
        order = order[np.argsort(high.astype(np.uint16), kind="stable")]
    return order


def sync(folder: Path) -> None:
    """Every file of the folder on disk before the folder is put in place."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as written:
                os.fsync(written.fileno())
