"""The index's files are mapped read-only and marked as read at random, so a cited article costs
a page from disk, not the disk's whole read-ahead window; a process answering for hours lets go of
the pages it mapped when it holds more than its memory."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from retrieval import ArchiveQA
from retrieval.paging import MemoryBudget, RandomReads, mapped_array, mapped_file, resident, will_need

from conftest import SEEDS

LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="what is resident is read from /proc")


@pytest.mark.parametrize("dtype", [np.uint8, np.int32, np.int64, np.float64])
def test_a_mapped_array_holds_what_was_saved_and_cannot_be_written(tmp_path: Path, dtype: type) -> None:
    saved = (np.arange(10_000) % 200).astype(dtype)
    np.save(tmp_path / "a.npy", saved)
    array = mapped_array(tmp_path / "a.npy")
    assert array.dtype == saved.dtype and array.tolist() == saved.tolist()
    with pytest.raises(ValueError):
        array[0] = 1


def test_a_table_of_rows_and_an_empty_array_map_too(tmp_path: Path) -> None:
    np.save(tmp_path / "rows.npy", np.arange(12, dtype=np.int64).reshape(3, 4))
    np.save(tmp_path / "empty.npy", np.empty(0, dtype=np.int32))
    assert mapped_array(tmp_path / "rows.npy")[2].tolist() == [8, 9, 10, 11]
    assert len(mapped_array(tmp_path / "empty.npy")) == 0
    (tmp_path / "none").write_bytes(b"")
    assert mapped_file(tmp_path / "none") == b""


def test_a_cut_short_array_is_refused(tmp_path: Path) -> None:
    np.save(tmp_path / "a.npy", np.arange(1000, dtype=np.int32))
    data = (tmp_path / "a.npy").read_bytes()
    (tmp_path / "a.npy").write_bytes(data[:-100])
    with pytest.raises(ValueError, match="shorter"):
        mapped_array(tmp_path / "a.npy")


def test_asking_for_a_slice_ahead_leaves_its_values_alone(tmp_path: Path) -> None:
    np.save(tmp_path / "a.npy", np.arange(100_000, dtype=np.int32))
    array = mapped_array(tmp_path / "a.npy")
    will_need(array[12_345:67_890])
    will_need(np.arange(10))  # in memory: nothing to ask for
    assert int(array[12_345:67_890].sum()) == sum(range(12_345, 67_890))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's flags are read from /proc")
def test_mappings_are_marked_read_at_random(tmp_path: Path) -> None:
    np.save(tmp_path / "a.npy", np.arange(100_000, dtype=np.int32))
    (tmp_path / "articles.jsonl").write_bytes(b'{"title": "x"}\n' * 10_000)
    array, articles = mapped_array(tmp_path / "a.npy"), mapped_file(tmp_path / "articles.jsonl")
    assert _flags_of(tmp_path / "a.npy") >= {"rd", "rr"}  # VM_RAND_READ: no read-around on a fault
    assert "rr" in _flags_of(tmp_path / "articles.jsonl")
    del array, articles


def _smaps_of(wanted: Callable[[str], bool]) -> Iterator[str]:
    """What /proc/self/smaps says of this process's mappings whose first line is ``wanted``."""
    inside = False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        if re.match(r"[0-9a-f]+-[0-9a-f]+ ", line):  # a mapping's first line: its addresses ... its path
            inside = wanted(line.rstrip())
        elif inside:
            yield line


def _flags_of(path: Path) -> set[str]:
    """The kernel's flags for the mapping of ``path`` in this process."""
    lines = _smaps_of(lambda first: first.endswith(str(path)))
    return {flag for line in lines if line.startswith("VmFlags:") for flag in line.split()[1:]}


def test_articles_are_read_where_they_lie_without_being_mapped(tmp_path: Path) -> None:
    lines = b"".join(f'{{"title": "第{n}篇"}}\n'.encode() for n in range(5_000))
    (tmp_path / "articles.jsonl").write_bytes(lines)
    articles = RandomReads(tmp_path / "articles.jsonl")
    start = lines.index("第4321篇".encode()) - len('{"title": "')
    assert len(articles) == len(lines) and articles.read(start, start + 24) == lines[start : start + 24]
    assert articles.read(7, 7) == b""
    if sys.platform.startswith("linux"):
        assert not _flags_of(tmp_path / "articles.jsonl")  # no mapping of it in this process
    with pytest.raises(OSError, match="shorter"):
        articles.read(len(lines) - 3, len(lines) + 10)


def _resident_under(folder: Path) -> int:
    """Bytes of the files under ``folder`` mapped into this process and resident."""
    lines = _smaps_of(lambda first: str(folder) in first)
    return sum(int(line.split()[1]) * 1024 for line in lines if line.startswith("Rss:"))


@LINUX_ONLY
def test_a_budget_lets_go_of_mapped_pages_only_when_the_process_holds_more(tmp_path: Path) -> None:
    np.save(tmp_path / "a.npy", np.arange(1_000_000, dtype=np.int64))
    array = mapped_array(tmp_path / "a.npy")
    assert int(array.sum()) == sum(range(1_000_000))
    assert _resident_under(tmp_path) >= 7_000_000
    roomy = MemoryBudget(2**40)
    roomy.check()
    assert roomy.times_let_go == 0 and _resident_under(tmp_path) >= 7_000_000
    held = resident()
    assert held is not None and held[0] > held[1] > 7_000_000
    tight = MemoryBudget(min(held[0] - 1, 4 * held[1]))  # over it, with mapped pages worth letting go
    tight.check()
    assert tight.times_let_go == 1 and _resident_under(tmp_path) == 0
    assert int(array.sum()) == sum(range(1_000_000))  # mapped again, from the page cache
    del array


@LINUX_ONLY
def test_a_budget_lets_go_while_the_next_question_still_has_room_in_it(tmp_path: Path) -> None:
    """Checked after each question only, a budget keeps an eighth of itself for the next one's pages."""
    held = resident()
    assert held is not None
    size = max(8 * 2**20, held[0] // 4)  # mapped pages worth letting go, in a budget about the process's size
    np.save(tmp_path / "a.npy", np.ones(size // 8, dtype=np.int64))
    array = mapped_array(tmp_path / "a.npy")
    assert int(array.sum()) == size // 8
    now = resident()
    assert now is not None
    total = now[0]
    roomy = MemoryBudget(total + total // 4)  # what it holds is four fifths of it
    roomy.check()
    assert roomy.times_let_go == 0 and _resident_under(tmp_path) >= size
    near = MemoryBudget(total + total // 16)  # under it, but the next question may not fit
    near.check()
    assert near.times_let_go == 1 and _resident_under(tmp_path) == 0
    del array


@LINUX_ONLY
def test_an_archive_answering_beyond_its_memory_lets_go_of_its_index_pages_and_answers_the_same(
    segmenter, tmp_path: Path
) -> None:
    question = "示范区低收入群体排查出多少户？"
    roomy = ArchiveQA.from_folder(SEEDS, segmenter, cache=tmp_path)
    expected = roomy.ask(question)
    assert _resident_under(tmp_path) > 0
    tight = ArchiveQA.from_folder(SEEDS, segmenter, cache=tmp_path, update=False, memory=64 * 2**20)
    answered = tight.ask(question)
    assert tight.budget is not None and tight.budget.times_let_go == 1
    assert _resident_under(tmp_path) == 0  # every mapping of the index's files, the roomy one's too
    assert answered == expected  # its citations' articles read now, as a front end shows them
    assert roomy.ask(question) == expected
