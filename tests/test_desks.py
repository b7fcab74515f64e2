"""Which worker process a new web conversation goes to (the processes themselves: test_web.py), how
questions and replies pass between the server and a desk, and how long a desk keeps a conversation."""

import asyncio
import multiprocessing
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from bot import desks
from bot.config import load_settings
from bot.desks import Conversations, DeskDied, DeskPipe, Gone, least_busy
from retrieval import ArchiveQA, scratches, search_cores

from conftest import SEEDS


def test_a_new_reader_goes_to_an_idle_desk_rather_than_the_next_in_turn():
    assert least_busy([1, 0], turn=0) == 1
    assert least_busy([0, 2, 1], turn=1) == 0


def test_desks_equally_busy_take_turns():
    assert [least_busy([0, 0, 0], turn) for turn in (0, 1, 2)] == [0, 1, 2]
    assert least_busy([1, 3, 1], turn=1) == 2  # the first of the least busy from the turn on


def test_auto_starts_a_desk_a_core_up_to_four_and_a_count_is_taken_as_given(monkeypatch):
    for cores, started in ((1, 1), (2, 2), (4, 4), (16, desks.MOST_DESKS)):
        monkeypatch.setattr(scratches, "CORES", cores)
        assert desks.count_of("auto") == started
    assert desks.count_of(3) == 3


def test_a_desk_searches_on_every_core_while_the_others_are_idle_and_on_its_share_while_they_answer(
    seed_qa, monkeypatch
):
    """Two desks on four cores: a question asked while the other desk is idle is searched on all
    four (a long one split as one process alone on the machine would); one asked while the other
    answers, on two, not on all four by both."""
    monkeypatch.setattr(scratches, "CORES", 4)
    asked: list[tuple[Future, tuple]] = []

    class Started:  # a desk's process, started; it answers a question when the test has it answer
        ended = False

        def ready(self) -> None:
            pass

        async def call(self, *call):
            done: Future = Future()
            asked.append((done, call))
            return await asyncio.wrap_future(done)

    monkeypatch.setattr(desks.DeskProcesses, "_start", lambda self, number: Started())
    source = (Path("seeds"), Path("cache"), 160, 2 * 2**30)  # what the server passes its workers
    workers = desks.DeskProcesses(2, source, load_settings(environ={}))
    monkeypatch.setattr(desks.ArchiveQA, "from_folder", lambda *args, **kwargs: seed_qa)
    monkeypatch.setattr(desks, "ready", lambda qa: qa)
    desks._open_desk(source, load_settings(environ={}), "0-", workers.cores_each)  # as each worker process does
    assert search_cores() == 2

    def answered() -> list[int]:
        """Each question asked so far answered, as its desk does, and the cores it searched on."""
        cores = []
        while asked:
            done, call = asked.pop(0)
            done.set_result(desks._call(*call))
            cores.append(search_cores())
        return cores

    async def readers() -> list[list[int]]:
        first = asyncio.ensure_future(workers.call(None, "ask", None, "示范区低收入群体排查出多少户？", 3))
        await asyncio.sleep(0)
        second = asyncio.ensure_future(workers.call(None, "ask", None, "苏家作乡都得过哪些荣誉？", 3))
        await asyncio.sleep(0)
        together = answered()
        await asyncio.gather(first, second)
        later = asyncio.ensure_future(workers.call(None, "ask", None, "蒙牛四期何时投产？", 3))
        await asyncio.sleep(0)
        alone = answered()
        await later
        return [together, alone]

    assert asyncio.run(readers()) == [[4, 2], [4]]


def test_a_desk_that_died_between_questions_is_started_again_before_the_next_reaches_it(monkeypatch):
    """Its readers' next question waits for the new desk rather than failing (only questions it
    held as it died fail)."""
    started: list = []

    class Started:  # a desk's process, started
        def __init__(self, number: int) -> None:
            self.number, self.ended = number, False
            started.append(self)

        def ready(self) -> None:
            pass

        async def call(self, cores: int, method: str, *args) -> tuple[int, int]:
            assert not self.ended, "a question was sent to a desk that had died"
            return self.number, started.index(self)

    monkeypatch.setattr(desks.DeskProcesses, "_start", lambda self, number: Started(number))
    workers = desks.DeskProcesses(2, (Path("seeds"), Path("cache"), 160, 2 * 2**30), load_settings(environ={}))
    started[0].ended = True  # desk 0's process was killed while it had nothing in hand
    assert asyncio.run(workers.call("0-follow-up", "ask", "0-follow-up", "那2020年呢？", 3)) == (0, 2)
    assert asyncio.run(workers.call("1-other", "ask", "1-other", "那2020年呢？", 3)) == (1, 1)
    started[1].ended = True  # and desk 1's, though no reader asks it again: the watcher for a rebuilt index
    asyncio.run(workers.reload())  # finds it dead and starts it again
    assert len(started) == 4 and workers.desks[1] is started[3]


def test_a_conversation_no_reader_touched_for_the_idle_time_is_let_go_as_a_new_one_opens(monkeypatch):
    """A web server keeps only the conversations readers are still having (each holds its last
    answer), not its last ``kept`` readers' for good; paging through an answer keeps one."""
    clock = [1000.0]
    monkeypatch.setattr(desks.time, "monotonic", lambda: clock[0])
    conversations = Conversations(kept=100, idle_seconds=60)
    left, _ = conversations.open(None)
    paging, _ = conversations.open(None)
    clock[0] += 50
    conversations.get(paging)  # 更多
    clock[0] += 50
    conversations.get(paging)  # 更多 again: left untouched for 100 s, paging for 0 s
    conversations.open(None)
    with pytest.raises(Gone, match="过期"):
        conversations.get(left)
    assert conversations.get(paging) is not None


def test_beyond_the_conversations_kept_the_least_recently_touched_is_let_go():
    conversations = Conversations(kept=2, idle_seconds=3600)
    first, _ = conversations.open(None)
    second, _ = conversations.open(None)
    conversations.open(first)  # a follow-up
    conversations.open(None)
    with pytest.raises(Gone):
        conversations.get(second)
    assert conversations.get(first) is not None


def _desk_at_the_other_end(connection, reply_size: int, asked: int, answered: int) -> None:
    """As a desk's process answers (``_serve``): a reply a question, in order, for the first
    ``answered`` of the ``asked``; then it ends."""
    for number in range(asked):
        question = connection.recv()
        if number < answered:
            connection.send((True, str(question) * reply_size))
    connection.close()


def test_replies_larger_than_the_pipe_holds_reach_their_own_questions_whole():
    """An article or a long list can be more than the pipe holds at once: read as it arrives (the
    event loop never waits on it), each reply goes to its own question, in the order asked."""
    ours, theirs = multiprocessing.Pipe()
    threading.Thread(target=_desk_at_the_other_end, args=(theirs, 300_000, 5, 5), daemon=True).start()
    pipe = DeskPipe(ours)

    async def readers() -> list[str]:
        return await asyncio.wait_for(asyncio.gather(*(pipe.ask(number) for number in range(5))), 30)

    assert asyncio.run(readers()) == [str(number) * 300_000 for number in range(5)]


def test_questions_waiting_on_a_desk_that_died_fail_and_it_says_so():
    ours, theirs = multiprocessing.Pipe()
    threading.Thread(target=_desk_at_the_other_end, args=(theirs, 10, 3, 1), daemon=True).start()
    pipe = DeskPipe(ours)

    async def readers() -> list:
        return await asyncio.wait_for(
            asyncio.gather(*(pipe.ask(number) for number in range(3)), return_exceptions=True), 30
        )

    first, *waiting = asyncio.run(readers())
    assert first == "0" * 10 and [type(error) for error in waiting] == [DeskDied, DeskDied]
    assert pipe.ended


def test_a_desk_process_answers_over_its_pipe_and_ends_by_itself_when_the_server_closes_it(segmenter, tmp_path):
    """Ctrl-C on the server closes each desk's pipe: the desk ends on its own (exit code 0), not
    stopped by a signal after a wait, and no worker is left behind."""
    source = ArchiveQA.from_folder(SEEDS, segmenter, cache=tmp_path).source  # the index the server built
    assert source is not None
    desk = desks.DeskProcess(source, load_settings(environ={}), "0-", 1)
    desk.ready()

    async def served() -> dict:
        """One reader's question; then the server stops, closing its desks (as its lifespan ends)."""
        answer = await asyncio.wait_for(desk.call(1, "ask", None, "示范区低收入群体排查出多少户？", 3), 60)
        desk.close()
        return answer

    assert "1713户" in asyncio.run(served())["answer"]
    assert desk.process.exitcode == 0


def test_workers_that_cannot_open_the_index_stop_the_server_starting_and_say_why(tmp_path):
    """Each worker opens the index before the first reader is let in; one that cannot (the index
    removed meanwhile) makes the start fail with its reason, not with a reset pipe's traceback."""
    source = (SEEDS, tmp_path / "no-index-here", 160, 2**31)
    with pytest.raises(DeskDied, match="could not open the index: no index built yet"):
        desks.DeskProcesses(2, source, load_settings(environ={}))


def test_a_question_to_a_desk_that_died_before_its_first_question_fails_rather_than_waiting_forever():
    """A desk killed before any reader asked it (out of memory as it started): its pipe, first read
    as the question comes, ends at once; the question is told, and the server can stop."""
    ours, theirs = multiprocessing.Pipe()
    theirs.close()
    pipe = DeskPipe(ours)

    async def reader() -> object:
        try:
            return await asyncio.wait_for(pipe.ask("示范区低收入群体排查出多少户？"), 10)
        except DeskDied as died:
            return died

    assert isinstance(asyncio.run(reader()), DeskDied) and pipe.ended
