"""A stand-in Telegram Bot API server on 127.0.0.1 for driving the real bot over HTTP.

It serves queued updates to getUpdates, records every call the bot makes, and
answers them with the objects Telegram would return. It can also be told to
answer the next sendMessage with a 429 (retry after) or a chat's messages with
403 (the user blocked the bot), and, with ``Faults``, to fail a share of all
requests at random: HTTP 500, 429 with retry_after, slow replies and dropped
connections. A fault strikes before the server acts on the request, as a failing
proxy in front of Telegram would; ``delivered`` holds what it did act on.
"""

from __future__ import annotations

import html
import json
import random
import re
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Archive QA",
    "username": "archive_qa_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
_JSON_KEYS = {
    "chat_id",
    "message_id",
    "reply_markup",
    "reply_parameters",
    "commands",
    "offset",
    "limit",
    "timeout",
    "allowed_updates",
    "show_alert",
    "reply_to_message_id",
    "message_thread_id",
}


class _Server(ThreadingHTTPServer):
    request_queue_size = (
        1024  # http.server listens with a backlog of 5: a hundred users at once would wait on SYN retries
    )
    daemon_threads = True


# What Telegram's HTML parse mode accepts (https://core.telegram.org/bots/api#html-style).
TELEGRAM_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-spoiler",
    "tg-emoji",
    "span",
}
_ENTITY = re.compile(r"&(?!(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);)")


class _TelegramHTML(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.problem = ""

    def handle_starttag(self, tag, attrs):
        if tag not in TELEGRAM_TAGS:
            self.problem = self.problem or f'unsupported start tag "{tag}"'
        self.open.append(tag)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.problem = self.problem or f'unexpected end tag "{tag}"'

    def handle_data(self, data):
        if "<" in data or ">" in data:
            self.problem = self.problem or "unescaped < or >"


def html_problem(text: str) -> str:
    """Why Telegram would refuse ``text`` in HTML parse mode ("" when it would take it)."""
    if _ENTITY.search(text):
        return "unsupported or unescaped & entity"
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    if parser.problem or parser.open:
        return parser.problem or f'unclosed tag "{parser.open[-1]}"'
    shown = html.unescape(re.sub(r"<[^>]*>", "", text))
    if not shown.strip():
        return "message text is empty"
    if len(shown.encode("utf-16-le")) // 2 > 4096:
        return "message is too long"
    return ""


@dataclass
class Faults:
    """What share of requests fail, and how; the same seed gives the same faults in the same order."""

    share: float = 0.2  # of getUpdates, sendMessage, sendChatAction and answerCallbackQuery requests
    kinds: tuple[str, ...] = ("500", "429", "slow", "drop")
    slow_seconds: tuple[float, float] = (0.3, 2.0)
    seed: int = 8
    injected: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()

    def draw(self, method: str) -> tuple[str | None, float]:
        """The fault for one request (None for none) and, for a slow one, its delay."""
        if method not in ("getUpdates", "sendMessage", "sendChatAction", "answerCallbackQuery"):
            return None, 0.0  # start-up calls: a bot that cannot start is another test
        with self._lock:
            if self._random.random() >= self.share:
                return None, 0.0
            kind = self._random.choice(self.kinds)
            self.injected[kind] += 1
            return kind, self._random.uniform(*self.slow_seconds)


class BotApiStub:
    def __init__(self, token: str, faults: Faults | None = None) -> None:
        self.token = token
        self.faults = faults
        self.delivered: list[tuple[str, dict]] = []  # messages the server acted on (status 200)
        self.delivered_to: Counter = Counter()  # and how many to each chat
        self._arrivals: dict[int, threading.Condition] = {}  # a condition a chat, sharing the stub's lock
        self.calls: list[tuple[str, dict]] = []
        self.updates: list[dict] = []
        self.next_update_id = 1
        self.next_message_id = 1000
        self.too_many_requests = 0  # answer this many sendMessage calls with 429
        self.blocked_chats: set[int] = set()
        self.polls = 0  # getUpdates calls (not kept in ``calls``: there are many)
        self.condition = threading.Condition()
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/bot"

    def start(self) -> BotApiStub:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------ feeding the bot

    def push(self, kind: str, payload: dict) -> int:
        with self.condition:
            update_id = self.next_update_id
            self.next_update_id += 1
            self.updates.append({"update_id": update_id, kind: payload})
            self.condition.notify_all()
        return update_id

    def message(
        self,
        chat_id: int,
        text: str | None = None,
        chat_type: str = "private",
        user_id: int | None = None,
        reply_to: dict | None = None,
        **extra,
    ) -> dict:
        """A user's message, as Telegram sends it; pushed to the bot."""
        self.next_message_id += 1
        message = {
            "message_id": self.next_message_id,
            "date": int(time.time()),
            "chat": {
                "id": chat_id,
                "type": chat_type,
                **({"title": "群"} if chat_type != "private" else {"first_name": "用户"}),
            },
            "from": {"id": user_id or chat_id, "is_bot": False, "first_name": "用户"},
            **extra,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self.push("message", message)
        return message

    def press(self, chat_id: int, bot_message: dict, data: str, user_id: int | None = None) -> str:
        query_id = f"q{self.next_update_id}"
        self.push(
            "callback_query",
            {
                "id": query_id,
                "chat_instance": "1",
                "data": data,
                "message": bot_message,
                "from": {"id": user_id or chat_id, "is_bot": False, "first_name": "用户"},
            },
        )
        return query_id

    # ------------------------------------------------------------ watching the bot

    def sent(self, method: str, **where) -> list[dict]:
        with self.condition:
            return [
                params
                for name, params in self.calls
                if name == method and all(params.get(key) == value for key, value in where.items())
            ]

    def wait_for(self, method: str, count: int = 1, timeout: float = 20, **where) -> list[dict]:
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                found = [
                    params
                    for name, params in self.calls
                    if name == method and all(params.get(key) == value for key, value in where.items())
                ]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"the bot made {len(found)} {method} call(s) matching {where}, "
                        f"expected {count}; calls: {[name for name, _ in self.calls][-20:]}"
                    )
                self.condition.wait(remaining)

    def wait_for_delivered(self, chat_id: int, count: int, timeout: float) -> bool:
        """Until ``count`` messages were delivered to a chat; False when time ran out first.
        Each chat has a condition of its own, so a hundred waiting users wake only when theirs moves."""
        with self.condition:
            arrived = self._arrivals.setdefault(chat_id, threading.Condition(self.condition))
            return arrived.wait_for(lambda: self.delivered_to[chat_id] >= count, timeout)

    def wait_for_polling(self, timeout: float = 60) -> None:
        """Until the bot has asked for updates twice: it is fully started."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while self.polls < 2:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("the bot never polled for updates")
                self.condition.wait(remaining)

    # ------------------------------------------------------------ the HTTP side

    def _answer(self, method: str, params: dict) -> tuple[int, dict]:
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._updates(params)}
        if method in ("sendMessage", "editMessageText"):
            chat_id = params.get("chat_id")
            if method == "sendMessage" and self.too_many_requests:
                self.too_many_requests -= 1
                return 429, {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                }
            if chat_id in self.blocked_chats:
                return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
            problem = html_problem(params.get("text", "")) if params.get("parse_mode") == "HTML" else ""
            if problem or not str(params.get("text", "")).strip():
                return 400, {
                    "ok": False,
                    "error_code": 400,
                    "description": f"Bad Request: can't parse entities: {problem or 'text is empty'}",
                }
            self.next_message_id += 1
            message = {
                "message_id": params.get("message_id", self.next_message_id),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id and chat_id > 0 else "group"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            return 200, {"ok": True, "result": message}
        if method in (
            "answerCallbackQuery",
            "sendChatAction",
            "setMyCommands",
            "deleteWebhook",
            "setWebhook",
            "close",
            "logOut",
        ):
            return 200, {"ok": True, "result": True}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    def _updates(self, params: dict) -> list[dict]:
        offset = params.get("offset") or 0
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        with self.condition:
            while True:
                ready = [update for update in self.updates if update["update_id"] >= offset]
                remaining = deadline - time.monotonic()
                if ready or remaining <= 0:
                    return ready
                self.condition.wait(remaining)

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server name
                prefix = f"/bot{stub.token}/"
                if not self.path.startswith(prefix):
                    self._send(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                    return
                method = self.path[len(prefix) :]
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8")
                params = {}
                for key, values in parse_qs(body, keep_blank_values=True).items():
                    value = values[0]
                    params[key] = json.loads(value) if key in _JSON_KEYS else value
                fault, delay = stub.faults.draw(method) if stub.faults else (None, 0.0)
                if fault == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault == "500":
                    self._send(500, {"ok": False, "error_code": 500, "description": "Internal Server Error"})
                    return
                if fault == "429":
                    self._send(
                        429,
                        {
                            "ok": False,
                            "error_code": 429,
                            "description": "Too Many Requests: retry after 1",
                            "parameters": {"retry_after": 1},
                        },
                    )
                    return
                if fault == "slow":
                    time.sleep(delay)
                with stub.condition:
                    if method == "getUpdates":
                        stub.polls += 1
                    else:
                        stub.calls.append((method, params))
                    stub.condition.notify_all()
                status, answer = stub._answer(method, params)
                if status == 200 and method == "sendMessage":
                    with stub.condition:
                        stub.delivered.append((method, params))
                        stub.delivered_to[params.get("chat_id")] += 1
                        if params.get("chat_id") in stub._arrivals:
                            stub._arrivals[params["chat_id"]].notify_all()
                        stub.condition.notify_all()
                self._send(status, answer)

            do_GET = do_POST  # noqa: N815

            def _send(self, status: int, answer: dict) -> None:
                data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot stopped while a long poll was open

            def log_message(self, *args) -> None:
                pass

        return Handler
