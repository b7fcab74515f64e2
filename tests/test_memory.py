"""A front end's archive stays out of the collector's way, and an archive swapped out is still freed;
the memory its searches free is kept for the next."""

from __future__ import annotations

import gc
import os
import platform
import subprocess
import sys
import weakref

import pytest

from bot.config import load_settings
from bot.desks import Desk
from bot.memory import Collector, settle
from retrieval import ArchiveQA, Conversation

from conftest import SEEDS


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()


def test_a_settled_archive_is_left_out_of_collections(unfrozen, seed_archive, segmenter):
    qa = ArchiveQA.from_archive(seed_archive, segmenter)
    settle()
    tracked = {id(thing) for thing in gc.get_objects()}
    assert gc.get_freeze_count() > 0
    assert id(qa.passages) not in tracked and id(seed_archive.articles[0]) not in tracked


def test_an_archive_swapped_out_after_settling_is_freed_without_the_collector(unfrozen, segmenter, tmp_path):
    """Nothing in a served archive refers back to itself: dropping the last reference frees it
    (and its memory maps) at once, frozen or not; else every reload would keep the old index for good."""
    qa = ArchiveQA.from_folder(SEEDS, segmenter, cache=tmp_path)
    chat = Conversation()
    qa.ask("示范区低收入群体排查出多少户？", chat).span  # noqa: B018 - the short answer is computed when read
    qa.ask("示范区召开了哪些会议？", chat)
    settle()
    gone = [weakref.ref(part) for part in (qa, qa.index, qa.searcher, qa.composer, qa.analyser, qa.passages)]
    gc.disable()
    try:
        del qa, chat
        assert [ref() for ref in gone] == [None] * len(gone)
    finally:
        gc.enable()


def test_a_conversation_keeps_its_answer_in_few_objects_the_collector_walks(unfrozen, segmenter, tmp_path):
    """A web server keeps thousands of readers' conversations, each with its last answer's
    citations (for 更多), and every full collection walks every object they hold: a citation is
    its passage and how to cut its snippet, not what its search knew of it (a closure over the hit
    and its word sets made a conversation 400 objects at a million passages, and a full collection
    at 4,000 conversations 0.6 s)."""
    qa = ArchiveQA.from_folder(SEEDS, segmenter, cache=tmp_path)

    def answered() -> tuple[Conversation, list[str]]:
        """A reader's conversation after one question, and the snippets shown."""
        chat = Conversation()
        return chat, [hit.snippet for hit in qa.ask("示范区低收入群体排查出多少户？", chat).hits[:3]]

    answered()  # what answering makes once, and the articles it cites, kept by the archive
    settle()
    gc.collect()
    before = len(gc.get_objects())
    chat, shown = answered()
    gc.collect()
    entries = len(chat.reading.answer.entries)
    assert entries >= 10 and "1713户" in shown[0]
    assert (len(gc.get_objects()) - before) / entries < 5


def test_a_readers_conversation_let_go_is_freed_without_the_collector(unfrozen, segmenter, tmp_path):
    """Frozen conversations (``Collector``) are freed when a desk lets them go only if nothing in
    them refers back to itself: a cycle would keep every reader's last answer for good."""
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[serve]\nconversations_kept = 1\n[telegram]\nfeedback_log = "{tmp_path / "f.jsonl"}"\n')
    desk = Desk(ArchiveQA.from_folder(SEEDS, segmenter, cache=tmp_path), load_settings(settings, environ={}))
    key = desk.ask(None, "示范区低收入群体排查出多少户？", 3)["conversation"]
    desk.more(key)
    desk.article(key, 1)
    reading = desk.conversations.get(key).reading
    gone = [weakref.ref(part) for part in (desk.conversations.get(key), reading, reading.answer)]
    gone += [weakref.ref(entry.passage) for entry in reading.answer.entries]
    del reading
    settle()
    gc.disable()
    try:
        desk.ask(None, "示范区召开了哪些会议？", 3)  # a new reader: the first is let go (one kept)
        assert [ref() for ref in gone] == [None] * len(gone)
    finally:
        gc.enable()


def test_the_collector_freezes_what_answers_leave_alive_and_collects_what_they_leave_dead(unfrozen):
    """Every few answers the young objects still alive (conversations) are frozen, out of every
    later collection; garbage cycles among them are collected first."""

    class Node:
        pass

    collector = Collector(young_every=3, whole_every=1000)
    settle()
    gc.disable()  # only the collector collects
    try:
        alive, dead = Node(), Node()
        dead.itself = dead  # a cycle, garbage once the name is dropped
        gone = weakref.ref(dead)
        del dead
        collector.answered()
        collector.answered()
        assert gone() is not None and id(alive) in {id(thing) for thing in gc.get_objects()}
        collector.answered()
        assert gone() is None and id(alive) not in {id(thing) for thing in gc.get_objects()}
    finally:
        gc.enable()


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt")
@pytest.mark.parametrize("kept", [False, True])
def test_memory_a_search_frees_is_kept_for_the_next(kept):
    """A search of common words at ten million passages frees tens of megabytes of arrays: given
    back, the next search faults every page in again (in a process of its own: the setting is the
    process's)."""
    script = (
        "import resource, numpy as np\n"
        "from bot.memory import keep_freed_memory\n"
        f"if {kept}: keep_freed_memory()\n"
        "np.ones(8_000_000)\n"  # 64 MB, freed at once
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
        "np.ones(8_000_000)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)\n"
    )
    small_pages = {**os.environ, "NUMPY_MADVISE_HUGEPAGE": "0"}  # a fault a 4 KB page: 16,000 for 64 MB
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=small_pages)
    assert (int(run.stdout) < 100) == kept
