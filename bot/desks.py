"""Where the web's questions are answered: one desk in the server's own process, or several
worker processes over the same memory-mapped index, so that readers asking at once use every
core. A conversation always goes to the desk that holds it (its id names the desk).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import multiprocessing
import os
import pickle
import secrets
import signal
import socket
import struct
import threading
import time
from collections import OrderedDict, deque
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from retrieval import ArchiveQA, BadQuestion, Conversation, DateRange, asks_for_article, search_cores, use_cores

from . import render
from .config import Settings
from .memory import Collector, ready, settle
from .readers import FeedbackLog

log = logging.getLogger("archive_qa.web")


class Gone(Exception):
    """What the request names is not there (an expired conversation, an entry not shown): 404."""


class Conversations:
    """Web readers' conversations by id. Those no reader has touched for ``idle_seconds`` (which
    would start over anyway) are let go as new ones open, and beyond ``kept`` the least recently
    touched: a web server otherwise holds its last ``kept`` readers' answers for good."""

    def __init__(self, kept: int, idle_seconds: float, prefix: str = "") -> None:
        self.kept, self.idle_seconds, self.prefix = kept, idle_seconds, prefix
        # id -> (conversation, question, when last touched), the least recently touched first
        self._items: OrderedDict[str, tuple[Conversation, str, float]] = OrderedDict()
        self._lock = threading.Lock()

    def open(self, key: str | None) -> tuple[str, Conversation]:
        """The conversation ``key`` names, or a new one when it names none (gone, or never was)."""
        with self._lock:
            if key and key in self._items:
                return key, self._touched(key)
            key = self.prefix + secrets.token_urlsafe(12)
            now = time.monotonic()
            self._items[key] = (Conversation(idle_seconds=self.idle_seconds), "", now)
            while len(self._items) > self.kept or now - next(iter(self._items.values()))[2] > self.idle_seconds:
                self._items.popitem(last=False)
            return key, self._items[key][0]

    def get(self, key: str) -> Conversation:
        with self._lock:
            if key not in self._items:
                raise Gone("这个对话已过期，请重新提问。")
            return self._touched(key)

    def asked(self, key: str, question: str) -> None:
        with self._lock:
            if key in self._items:
                conversation, _, touched = self._items[key]
                self._items[key] = (conversation, question, touched)

    def question(self, key: str) -> str:
        with self._lock:
            return self._items[key][1] if key in self._items else ""

    def _touched(self, key: str) -> Conversation:
        conversation, question, _ = self._items.pop(key)
        self._items[key] = (conversation, question, time.monotonic())  # now the most recently touched
        return conversation


class Desk:
    """One process's conversations over one loaded archive, answering with render's JSON."""

    def __init__(self, qa: ArchiveQA, settings: Settings, prefix: str = "") -> None:
        self.qa = qa
        self.settings = settings
        self.conversations = Conversations(settings.serve.conversations_kept, settings.idle_minutes * 60, prefix)
        self.feedback = FeedbackLog(settings.telegram.feedback_log)
        self.collector = Collector()
        self._checked = time.monotonic()

    def ask(self, key: str | None, question: str, k: int) -> dict[str, Any]:
        number = asks_for_article(question)
        if number is not None:  # 全文 n typed (a chat tool relaying its readers' words has no buttons)
            key, conversation = self.conversations.open(key)
            reading = conversation.reading
            whole = self.article(key, number)
            return {
                **render.article_answer_json(question, whole),
                "conversation": key,
                "more": bool(reading and reading.more),
            }
        return self._answering(key, question, k, lambda qa, chat: qa.ask(question, chat))

    def timeline(self, key: str | None, topic: str, window: DateRange | None) -> dict[str, Any]:
        return self._answering(key, topic, 3, lambda qa, chat: qa.timeline(topic, window, chat))

    def contents(self, key: str | None, selector: str) -> dict[str, Any]:
        return self._answering(key, selector, 3, lambda qa, chat: qa.contents(selector, chat))

    def more(self, key: str) -> dict[str, Any]:
        reading = self.conversations.get(key).reading
        if reading is None:
            raise Gone("还没有提问。")
        entries = reading.next(render.page_size(reading.answer, self.settings.k))
        return {"page": [render.hit_json(entry) for entry in entries], "more": reading.more}

    def article(self, key: str, number: int) -> dict[str, Any]:
        found = self.qa.article(self.conversations.get(key), number)
        if found is None:
            raise Gone(render.not_shown(number))
        return render.article_json(found)

    def vote(self, key: str, verdict: str) -> dict[str, bool]:
        reading = self.conversations.get(key).reading
        if reading is None:
            raise Gone("还没有提问。")
        self.feedback.record(self.conversations.question(key), reading, verdict, "web")
        return {"ok": True}

    def health(self) -> dict[str, Any]:
        stats = self.qa.stats()
        return {"status": "ok", "articles": stats.articles, "passages": stats.passages}

    def reload(self) -> bool:
        """Pick up an index rebuilt by ``archive-qa index`` meanwhile (at most every
        ``reload_seconds``); a bad rebuild leaves the old one serving."""
        if time.monotonic() - self._checked < self.settings.telegram.reload_seconds:
            return False
        self._checked = time.monotonic()
        try:
            fresh = self.qa.reloaded()
        except Exception as error:  # noqa: BLE001 - a bad rebuild must not stop the server
            log.warning("could not load the rebuilt index, still serving the old one: %s", error)
            return False
        if fresh is None:
            return False
        self.qa = fresh
        settle()
        log.info("index reloaded: %d articles", fresh.stats().articles)
        return True

    def _answering(self, key: str | None, question: str, k: int, run) -> dict[str, Any]:
        key, conversation = self.conversations.open(key)
        read_before = conversation.reading
        answer = run(self.qa, conversation)
        self.collector.answered()
        reading = conversation.reading
        # 更多 typed goes on reading the answer before: its question is still the one voted on
        self.conversations.asked(key, answer.question if reading is read_before else question)
        entries = reading.next(render.page_size(answer, k)) if reading else []
        return {
            **render.answer_json(answer, k),
            "conversation": key,
            "page": [render.hit_json(entry) for entry in entries],
            "more": bool(reading and reading.more),
            "remarks": render.remarks(answer),
            "words": answer.words,  # the question's words, for the page to set in bold
        }


MOST_DESKS = 4  # "auto" starts no more (~300 MB each; two answer ~600 questions a second at a million passages)


def count_of(processes: int | str) -> int:
    """The worker processes ``serve.processes`` asks for: "auto" is one a core this process may
    use (two answer many readers at once 1.7–2.7 times as fast as one, which answers in threads
    on about one core), at most ``MOST_DESKS``, each holding ~300 MB of jieba and models."""
    if processes == "auto":
        return max(1, min(MOST_DESKS, search_cores()))
    return int(processes)


class LocalDesk:
    """The desk in this process: questions answered in threads (one core, in practice)."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    async def call(self, key: str | None, method: str, *args: Any) -> Any:
        return await asyncio.to_thread(getattr(self.desk, method), *args)

    async def reload(self) -> None:
        await asyncio.to_thread(self.desk.reload)

    def close(self) -> None:
        pass


class DeskProcesses:
    """``count`` worker processes, each with its own desk over the same stored index (memory-mapped,
    so they share the page cache). A new conversation goes to the desk with the fewest questions
    in hand (the next in turn among those); its id starts with that desk's number, so its
    follow-ups go there too. A desk that dies is started again (only the questions it held fail;
    the next waits for its successor). A question asked while every other desk is idle is searched
    on every core (a long one on several at once, as one process would); one asked while another
    desk answers, on its desk's share of them."""

    def __init__(self, count: int, source: tuple[Path, Path, int, int], settings: Settings) -> None:
        self.source, self.settings = source, settings
        self.cores_alone = search_cores()
        self.cores_each = max(1, self.cores_alone // count)
        self.desks = [self._start(number) for number in range(count)]
        try:
            for desk in self.desks:
                desk.ready()  # every desk open before the first reader asks
        except BaseException:
            self.close()
            raise
        self._turn = itertools.cycle(range(count))
        self._in_hand = [0] * count  # questions each desk has been given and not yet answered

    def _start(self, number: int) -> DeskProcess:
        """A desk's process; it opens the index as it starts, while its first question waits."""
        return DeskProcess(self.source, self.settings, f"{number}-", self.cores_each)

    def _number(self, key: str | None) -> int:
        head = key.split("-", 1)[0] if key else ""
        if head.isdigit() and int(head) < len(self.desks):
            return int(head)
        return least_busy(self._in_hand, next(self._turn))

    async def call(self, key: str | None, method: str, *args: Any) -> Any:
        number = self._number(key)
        cores = self.cores_each if any(self._in_hand) else self.cores_alone
        self._in_hand[number] += 1  # counted on the event loop's thread only: no lock
        try:
            return await self._ask(number, cores, method, *args)
        finally:
            self._in_hand[number] -= 1

    async def reload(self) -> None:
        """Every desk picks up a rebuilt index; one found dead is started again, though no reader asked."""
        for number in range(len(self.desks)):
            await self._ask(number, self.cores_each, "reload")

    async def _ask(self, number: int, cores: int, method: str, *args: Any) -> Any:
        if self.desks[number].ended:  # died between questions: this one waits for its successor
            self._restart(number)
        desk = self.desks[number]
        try:
            return await desk.call(cores, method, *args)
        except DeskDied:
            if self.desks[number] is desk:  # the first question to find it dead starts it again
                self._restart(number)
            raise

    def _restart(self, number: int) -> None:
        log.error("desk %d died; starting it again (its conversations are lost)", number)
        self.desks[number] = self._start(number)

    def close(self) -> None:
        for desk in self.desks:
            desk.close()


class DeskDied(Exception):
    """A desk's process ended while a question waited for it (killed, out of memory)."""

    def __str__(self) -> str:
        return super().__str__() or "a worker process ended"


class DeskProcess:
    """A desk in a worker process of its own, asked over a pipe (``DeskPipe``). Every reader's
    question passes through the server's one process, and a ``ProcessPoolExecutor``'s threads and
    queues took a quarter of a millisecond of its CPU a question more (0.97 against 0.72 ms, each
    desk's answer ~2.8 ms, at a million passages): two readers asking at once got 1.5 times one
    reader's answers a second, now 1.8."""

    def __init__(self, source: tuple[Path, Path, int, int], settings: Settings, prefix: str, cores: int) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads forked mid-flight
        ours, theirs = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(theirs, source, settings, prefix, cores), name=f"desk {prefix}", daemon=True
        )
        self.process.start()
        theirs.close()
        self.pipe = DeskPipe(ours)

    def ready(self) -> None:
        """Wait until the desk has opened its index (before the server takes questions); ``DeskDied``
        saying why if it could not."""
        try:
            self.pipe.ask_now((1, "health", ()))
        except (EOFError, OSError):
            self.process.join(timeout=5)
            raise DeskDied(
                f"a worker process ended as it opened the index (exit code {self.process.exitcode})"
            ) from None

    @property
    def ended(self) -> bool:
        """Its process has ended (its end of the pipe closed)."""
        return self.pipe.ended

    async def call(self, cores: int, method: str, *args: Any) -> Any:
        """The desk's ``method(*args)``, its searches on ``cores`` cores at most."""
        try:
            return await self.pipe.ask((cores, method, args))
        except DeskDied:
            self.process.join(timeout=0)  # reaped, if it has ended
            raise

    def close(self) -> None:
        """Its end of the pipe closed, the desk ends; waited for a moment, then stopped."""
        self.pipe.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()


class DeskPipe:
    """Questions sent to a desk and its replies, each to the question waiting longest: read by the
    event loop as they arrive, without blocking it. Messages are framed as ``multiprocessing``
    frames them (a length, then the pickle), so the desk reads and writes its end as a plain
    ``Connection``; this end cannot be one (the event loop makes the socket non-blocking, and a
    ``Connection`` then gives up on a reply half arrived)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._waiting: deque[asyncio.Future] = deque()
        self._opened: asyncio.Future[asyncio.StreamWriter] | None = None
        self._replies: asyncio.Task | None = None
        self._stream: socket.socket | None = None
        self.ended = False

    def ask_now(self, message: object) -> Any:
        """The reply to ``message``, waited for (before the event loop reads the pipe)."""
        self._connection.send(message)
        ok, value = self._connection.recv()
        if not ok:
            raise value
        return value

    async def ask(self, message: object) -> Any:
        """The reply to ``message``; ``DeskDied`` if the desk's end closes first."""
        if self.ended:
            raise DeskDied
        if self._opened is None:  # the first question: the pipe becomes the event loop's stream
            self._opened = asyncio.ensure_future(self._open())
        writer = await self._opened
        if self.ended:  # the desk's end was found closed while the pipe opened: no reply will come
            raise DeskDied
        future = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        writer.write(_framed(pickle.dumps(message)))
        return await future

    async def _open(self) -> asyncio.StreamWriter:
        stream = self._stream = socket.socket(fileno=os.dup(self._connection.fileno()))
        self._connection.close()
        reader, writer = await asyncio.open_connection(sock=stream)
        self._replies = asyncio.create_task(self._read(reader))
        return writer

    async def _read(self, reader: asyncio.StreamReader) -> None:
        """Each reply, to the question waiting longest, until the desk's end closes."""
        try:
            while True:
                (size,) = struct.unpack("!i", await reader.readexactly(4))
                if size == -1:  # over 2 GB
                    (size,) = struct.unpack("!Q", await reader.readexactly(8))
                ok, value = pickle.loads(await reader.readexactly(size))
                future = self._waiting.popleft()
                if not future.done():  # a reader who hung up no longer waits
                    future.set_result(value) if ok else future.set_exception(value)
        except (asyncio.IncompleteReadError, OSError):
            pass
        except Exception:  # a reply that cannot be read: the pipe cannot be trusted to line up again
            log.exception("a desk's reply could not be read; the desk is started again")
        self.ended = True
        if self._opened is not None and self._opened.done():
            self._opened.result().close()  # the desk, still running, reads the end of the pipe and stops
        while self._waiting:
            future = self._waiting.popleft()
            if not future.done():
                future.set_exception(DeskDied())

    def close(self) -> None:
        """The desk sees the end of the pipe now (a stream closes on the event loop's next turn,
        and the server then waits for the desk to end: it waited 5 s a desk)."""
        if self._stream is not None:
            with contextlib.suppress(OSError):
                self._stream.shutdown(socket.SHUT_RDWR)
        if self._replies is not None and not self._replies.get_loop().is_closed():
            self._replies.cancel()
            if self._opened is not None and self._opened.done():
                self._opened.result().close()
        elif self._stream is not None:
            self._stream.close()  # the event loop that read it is gone
        else:
            self._connection.close()


def _framed(message: bytes) -> bytes:
    """A message as ``multiprocessing.Connection`` frames it: its length, then itself."""
    if len(message) > 0x7FFFFFFF:
        return struct.pack("!iQ", -1, len(message)) + message
    return struct.pack("!i", len(message)) + message


def least_busy(in_hand: list[int], turn: int) -> int:
    """The desk with the fewest questions in hand, the first of them from ``turn`` on: readers
    arriving at once go to idle desks (taking turns, a busy desk could be given the next new
    reader while another sits idle), and desks equally busy still take turns."""
    count = len(in_hand)
    return min(((turn + step) % count for step in range(count)), key=in_hand.__getitem__)


_DESK: Desk | None = None


def _serve(
    connection: Connection, source: tuple[Path, Path, int, int], settings: Settings, prefix: str, cores: int
) -> None:
    """A desk's process: open the index, then answer what comes down the pipe until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which then closes the pipe
    try:
        _open_desk(source, settings, prefix, cores)
    except Exception as error:  # noqa: BLE001 - the server hears why, in place of the first reply
        connection.send((False, DeskDied(f"a worker process could not open the index: {error}")))
        return
    while True:
        try:
            cores, method, args = connection.recv()
        except (EOFError, OSError):  # the server is gone
            return
        try:
            reply = (True, _call(cores, method, *args))
        except Exception as error:  # noqa: BLE001 - told to the question that asked (_call keeps it short)
            reply = (False, error)
        try:
            connection.send(reply)
        except (BrokenPipeError, ConnectionResetError):  # the server is gone
            return
        except Exception as error:  # noqa: BLE001 - a reply that cannot be sent (pickled): its question fails, not the desk
            log.error("a desk's reply could not be sent: %s", error)
            connection.send((False, RuntimeError(type(error).__name__)))


def _open_desk(source: tuple[Path, Path, int, int], settings: Settings, prefix: str, cores: int) -> None:
    global _DESK
    use_cores(cores)
    folder, cache, snippet_chars, memory = source
    qa = ArchiveQA.from_folder(folder, cache=cache, snippet_chars=snippet_chars, update=False, memory=memory)
    _DESK = Desk(ready(qa), settings, prefix)


def _call(cores: int, method: str, *args: Any) -> Any:
    """A desk's answer, its searches on ``cores`` cores at most."""
    assert _DESK is not None, "_serve opens it first"
    use_cores(cores)
    _DESK.reload()
    try:
        return getattr(_DESK, method)(*args)
    except (Gone, BadQuestion, ValueError):
        raise
    except Exception as error:  # a fault is told in the server's log, without pickling a traceback
        log.exception("a desk failed")
        raise RuntimeError(type(error).__name__) from None
