"""The web front end: an HTTP JSON API and a one-page chat, served by uvicorn.

Like the console and the bot it only relays questions to the archive and renders answers; a web
reader's conversation (follow-ups, 更多, 全文) is kept here by id, which the page (or a chat
tool posting to /api/ask) sends back with each question.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from retrieval import Answer, ArchiveQA, BadQuestion, Conversation, cli_range

from . import render
from .config import Settings
from .readers import FeedbackLog, RateLimiter

log = logging.getLogger("archive_qa.web")

MAX_BODY_BYTES = 16 * 1024  # a question and its options; anything larger is refused unread
MAX_QUESTION_CHARS = 2000  # the core reads the first 500 and says so; longer is not a question


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS, description="the question")
    conversation: str | None = Field(
        default=None, max_length=64, description="the id a previous answer gave, for follow-ups"
    )
    k: int = Field(default=3, ge=1, le=20, description="citations in the first page")


class FeedbackRequest(BaseModel):
    conversation: str = Field(max_length=64)
    verdict: Literal["up", "down"]


class Conversations:
    """Web readers' conversations by id; the least recently used are forgotten first."""

    def __init__(self, kept: int, idle_seconds: float) -> None:
        self.kept, self.idle_seconds = kept, idle_seconds
        self._items: OrderedDict[str, tuple[Conversation, str]] = OrderedDict()  # id -> (conversation, question)
        self._lock = threading.Lock()

    def open(self, key: str | None) -> tuple[str, Conversation]:
        """The conversation ``key`` names, or a new one when it names none (gone, or never was)."""
        with self._lock:
            if key and key in self._items:
                self._items.move_to_end(key)
                return key, self._items[key][0]
            key = secrets.token_urlsafe(12)
            self._items[key] = (Conversation(idle_seconds=self.idle_seconds), "")
            while len(self._items) > self.kept:
                self._items.popitem(last=False)
            return key, self._items[key][0]

    def get(self, key: str) -> Conversation:
        with self._lock:
            if key not in self._items:
                raise HTTPException(404, "这个对话已过期，请重新提问。")
            self._items.move_to_end(key)
            return self._items[key][0]

    def asked(self, key: str, question: str) -> None:
        with self._lock:
            if key in self._items:
                self._items[key] = (self._items[key][0], question)

    def question(self, key: str) -> str:
        with self._lock:
            return self._items[key][1] if key in self._items else ""


class BodyLimit:
    """Refuse request bodies over a size before they are read whole (413)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await JSONResponse({"error": "请求太大。"}, status_code=413)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, "请求太大。")
            return message

        await self.app(scope, limited, send)


def create_app(qa: ArchiveQA, settings: Settings) -> FastAPI:
    """The API and the page over one archive; ``state.qa`` may be swapped for a rebuilt index."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        watcher = asyncio.create_task(_watch(app, settings.telegram.reload_seconds))
        yield
        watcher.cancel()

    app = FastAPI(
        title="archive-qa",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        description="Questions over a newspaper archive, answered with cited paragraphs.",
    )
    app.state.qa = qa
    serve = settings.serve
    conversations = Conversations(serve.conversations_kept, settings.idle_minutes * 60)
    limiter = RateLimiter(serve.rate_limit_per_minute)
    feedback = FeedbackLog(settings.telegram.feedback_log)
    page = files("bot").joinpath("page.html").read_text(encoding="utf-8")

    def authorised(request: Request) -> None:
        if serve.token and not secrets.compare_digest(
            request.headers.get("authorization", ""), f"Bearer {serve.token}"
        ):
            raise HTTPException(401, "需要访问令牌。", headers={"WWW-Authenticate": "Bearer"})

    def limited(request: Request) -> None:
        if not limiter.allow(request.client.host if request.client else ""):
            raise HTTPException(
                429,
                f"提问太频繁了，请稍后再试（每分钟最多 {limiter.per_minute} 个问题）。",
                headers={"Retry-After": "60"},
            )

    api = [Depends(authorised)]

    async def answering(
        key: str | None, question: str, k: int, run: Callable[[ArchiveQA, Conversation], Answer]
    ) -> dict[str, Any]:
        key, conversation = conversations.open(key)
        answer = await asyncio.to_thread(run, app.state.qa, conversation)
        conversations.asked(key, question)
        reading = conversation.reading
        page_entries = reading.next(render.page_size(answer, k)) if reading else []
        return {
            **render.answer_json(answer, k),
            "conversation": key,
            "page": [render.hit_json(entry) for entry in page_entries],
            "more": bool(reading and reading.more),
            "remarks": render.remarks(answer),
            "words": answer.words,  # the question's words, for the page to set in bold
        }

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def chat_page() -> str:
        return page

    @app.get("/healthz", summary="Is the server up, and what does it serve?")
    async def healthz() -> dict[str, Any]:
        stats = app.state.qa.stats()
        return {"status": "ok", "articles": stats.articles, "passages": stats.passages}

    @app.post("/api/ask", dependencies=[*api, Depends(limited)], summary="Answer a question (follow-ups too)")
    async def ask(body: AskRequest) -> dict[str, Any]:
        """The same JSON as ``archive-qa ask --json``, plus ``conversation`` (send it back with the
        next question for follow-ups, 更多 and 全文), ``page`` (the entries to show first),
        ``more`` and ``remarks`` (how it was understood, notes, as sentences)."""
        return await answering(
            body.conversation, body.question, body.k, lambda qa, conversation: qa.ask(body.question, conversation)
        )

    @app.get("/api/more", dependencies=api, summary="The next page of a conversation's last answer")
    async def more(conversation: Annotated[str, Query(max_length=64)]) -> dict[str, Any]:
        reading = conversations.get(conversation).reading
        if reading is None:
            raise HTTPException(404, "还没有提问。")
        page_entries = reading.next(render.page_size(reading.answer, settings.k))
        return {"page": [render.hit_json(entry) for entry in page_entries], "more": reading.more}

    @app.get("/api/article", dependencies=api, summary="The whole article of entry n of the last answer")
    async def article(
        conversation: Annotated[str, Query(max_length=64)], n: Annotated[int, Query(ge=1, le=10_000)]
    ) -> dict[str, Any]:
        found = app.state.qa.article(conversations.get(conversation), n)
        if found is None:
            raise HTTPException(404, f"没有第 {n} 条。")
        return {
            "date": found.date_text,
            "title": found.title,
            "byline": found.byline,
            "source": found.source,
            "head": render.article_head(found),
            "paragraphs": found.paragraphs,
        }

    @app.get("/api/timeline", dependencies=[*api, Depends(limited)], summary="Every article on a topic, by date")
    async def timeline(
        topic: Annotated[str, Query(min_length=1, max_length=200)],
        date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
        conversation: Annotated[str | None, Query(max_length=64)] = None,
    ) -> dict[str, Any]:
        window = cli_range(date_from, date_to)  # ValueError: 422
        return await answering(conversation, topic, 3, lambda qa, chat: qa.timeline(topic, window, chat))

    @app.get(
        "/api/contents",
        dependencies=[*api, Depends(limited)],
        summary="The articles of a month, a day, a year or a page",
    )
    async def contents(
        selector: Annotated[str, Query(max_length=200)] = "",
        conversation: Annotated[str | None, Query(max_length=64)] = None,
    ) -> dict[str, Any]:
        return await answering(conversation, selector, 3, lambda qa, chat: qa.contents(selector, chat))

    @app.post("/api/feedback", dependencies=api, summary="👍 or 👎 for a conversation's last answer")
    async def vote(body: FeedbackRequest) -> dict[str, bool]:
        reading = conversations.get(body.conversation).reading
        if reading is None:
            raise HTTPException(404, "还没有提问。")
        await asyncio.to_thread(
            feedback.record, conversations.question(body.conversation), reading, body.verdict, "web"
        )
        return {"ok": True}

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": error.detail}, status_code=error.status_code, headers=error.headers)

    @app.exception_handler(BadQuestion)
    async def refused(request: Request, error: BadQuestion) -> JSONResponse:
        return JSONResponse({"error": render.refusal(error)}, status_code=422)

    @app.exception_handler(ValueError)
    async def not_understood(request: Request, error: ValueError) -> JSONResponse:
        return JSONResponse({"error": f"无法理解：{error}"}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        where = "; ".join(
            ".".join(str(part) for part in problem["loc"]) + ": " + problem["msg"] for problem in error.errors()
        )
        return JSONResponse({"error": f"请求不对：{where}"}, status_code=422)

    @app.exception_handler(Exception)
    async def failed(request: Request, error: Exception) -> JSONResponse:
        log.error("%s %s failed", request.method, request.url.path, exc_info=error)
        return JSONResponse({"error": render.failure(error)}, status_code=500)  # no traceback, no path

    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    return app


async def _watch(app: FastAPI, interval: float) -> None:
    """Pick up an index rebuilt by ``archive-qa index`` meanwhile; questions being answered keep theirs."""
    while True:
        await asyncio.sleep(interval)
        try:
            fresh = await asyncio.to_thread(app.state.qa.reloaded)
        except Exception as error:  # noqa: BLE001 - a bad rebuild must not stop the server
            log.warning("could not load the rebuilt index, still serving the old one: %s", error)
            continue
        if fresh is not None:
            app.state.qa = fresh
            log.info("index reloaded: %d articles", fresh.stats().articles)


def run(qa: ArchiveQA, settings: Settings, host: str, port: int) -> int:
    """Serve until Ctrl-C."""
    import uvicorn

    log.info("serving %d articles on http://%s:%d", qa.stats().articles, host, port)
    uvicorn.run(create_app(qa, settings), host=host, port=port, log_level="warning", server_header=False)
    return 0
