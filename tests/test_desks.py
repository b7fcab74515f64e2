"""Which worker process a new web conversation goes to (the processes themselves: test_web.py)."""

from concurrent.futures import Future
from pathlib import Path

from bot import desks
from bot.config import load_settings
from bot.desks import least_busy
from retrieval import scratches, search_cores


def test_a_new_reader_goes_to_an_idle_desk_rather_than_the_next_in_turn():
    assert least_busy([1, 0], turn=0) == 1
    assert least_busy([0, 2, 1], turn=1) == 0


def test_desks_equally_busy_take_turns():
    assert [least_busy([0, 0, 0], turn) for turn in (0, 1, 2)] == [0, 1, 2]
    assert least_busy([1, 3, 1], turn=1) == 2  # the first of the least busy from the turn on


def test_each_of_several_desks_searches_on_its_share_of_the_cores(seed_qa, monkeypatch):
    """Two desks on four cores: a long question in either is searched on two cores at most, not on
    all four by both (a process alone on a machine splits it across every core)."""
    monkeypatch.setattr(scratches, "CORES", 4)

    class Started:  # a desk's process, started and answering
        def submit(self, *call):
            done: Future = Future()
            done.set_result({"status": "ok"})
            return done

    monkeypatch.setattr(desks.DeskProcesses, "_start", lambda self, number: Started())
    source = (Path("seeds"), Path("cache"), 160, 2 * 2**30)  # what the server passes its workers
    workers = desks.DeskProcesses(2, source, load_settings(environ={}))
    monkeypatch.setattr(desks.ArchiveQA, "from_folder", lambda *args, **kwargs: seed_qa)
    monkeypatch.setattr(desks, "ready", lambda qa: qa)
    desks._open_desk(source, load_settings(environ={}), "0-", workers.cores_each)  # as each worker process does
    assert search_cores() == 2
