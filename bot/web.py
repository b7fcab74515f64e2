"""The web front end: an HTTP JSON API and a one-page chat, served by uvicorn.

Like the console and the bot it only relays questions to the archive and renders answers; a web
reader's conversation (follow-ups, 更多, 全文) is kept by id on a desk (``desks.py``: this
process, or one of several worker processes), and the page (or a chat tool posting to /api/ask)
sends the id back with each question.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from retrieval import ArchiveQA, BadQuestion, cli_range

from . import render
from .config import Settings
from .desks import Desk, DeskProcesses, Gone, LocalDesk
from .memory import ready
from .readers import RateLimiter

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


def create_app(desks: LocalDesk | DeskProcesses, settings: Settings) -> FastAPI:
    """The API and the page over one archive, answered by ``desks`` (this process's, or workers')."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        watcher = asyncio.create_task(_watch(desks, settings.telegram.reload_seconds))
        yield
        watcher.cancel()
        desks.close()

    app = FastAPI(
        title="archive-qa",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        description="Questions over a newspaper archive, answered with cited paragraphs.",
    )
    serve = settings.serve
    limiter = RateLimiter(serve.rate_limit_per_minute)
    page = files("bot").joinpath("page.html").read_text(encoding="utf-8")

    # async, though nothing in them waits: FastAPI runs a plain function dependency in a thread,
    # two thread hand-offs a question for checks that take microseconds
    async def authorised(request: Request) -> None:
        if serve.token and not secrets.compare_digest(
            request.headers.get("authorization", ""), f"Bearer {serve.token}"
        ):
            raise HTTPException(401, "需要访问令牌。", headers={"WWW-Authenticate": "Bearer"})

    async def limited(request: Request) -> None:
        if not limiter.allow(request.client.host if request.client else ""):
            raise HTTPException(
                429,
                f"提问太频繁了，请稍后再试（每分钟最多 {limiter.per_minute} 个问题）。",
                headers={"Retry-After": "60"},
            )

    api = [Depends(authorised)]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def chat_page() -> str:
        return page

    @app.get("/healthz", summary="Is the server up, and what does it serve?")
    async def healthz() -> dict[str, Any]:
        return await desks.call(None, "health")

    @app.post("/api/ask", dependencies=[*api, Depends(limited)], summary="Answer a question (follow-ups too)")
    async def ask(body: AskRequest) -> dict[str, Any]:
        """The same JSON as ``archive-qa ask --json``, plus ``conversation`` (send it back with the
        next question for follow-ups, 更多 and 全文), ``page`` (the entries to show first),
        ``more`` and ``remarks`` (how it was understood, notes, as sentences)."""
        return await desks.call(body.conversation, "ask", body.conversation, body.question, body.k)

    @app.get("/api/more", dependencies=api, summary="The next page of a conversation's last answer")
    async def more(conversation: Annotated[str, Query(max_length=64)]) -> dict[str, Any]:
        return await desks.call(conversation, "more", conversation)

    @app.get("/api/article", dependencies=api, summary="The whole article of entry n of the last answer")
    async def article(
        conversation: Annotated[str, Query(max_length=64)], n: Annotated[int, Query(ge=1, le=10_000)]
    ) -> dict[str, Any]:
        return await desks.call(conversation, "article", conversation, n)

    @app.get("/api/timeline", dependencies=[*api, Depends(limited)], summary="Every article on a topic, by date")
    async def timeline(
        topic: Annotated[str, Query(min_length=1, max_length=200)],
        date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
        date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
        conversation: Annotated[str | None, Query(max_length=64)] = None,
    ) -> dict[str, Any]:
        window = cli_range(date_from, date_to)  # ValueError: 422
        return await desks.call(conversation, "timeline", conversation, topic, window)

    @app.get(
        "/api/contents",
        dependencies=[*api, Depends(limited)],
        summary="The articles of a month, a day, a year or a page",
    )
    async def contents(
        selector: Annotated[str, Query(max_length=200)] = "",
        conversation: Annotated[str | None, Query(max_length=64)] = None,
    ) -> dict[str, Any]:
        return await desks.call(conversation, "contents", conversation, selector)

    @app.post("/api/feedback", dependencies=api, summary="👍 or 👎 for a conversation's last answer")
    async def vote(body: FeedbackRequest) -> dict[str, bool]:
        return await desks.call(body.conversation, "vote", body.conversation, body.verdict)

    @app.exception_handler(Gone)
    async def gone(request: Request, error: Gone) -> JSONResponse:
        return JSONResponse({"error": str(error)}, status_code=404)

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


async def _watch(desks: LocalDesk | DeskProcesses, interval: float) -> None:
    """Pick up an index rebuilt by ``archive-qa index`` meanwhile; questions being answered keep theirs."""
    while True:
        await asyncio.sleep(interval)
        try:
            await desks.reload()
        except Exception as error:  # noqa: BLE001 - the watcher must outlive any fault
            log.warning("could not check for a rebuilt index: %s", error)


def run(qa: ArchiveQA, settings: Settings, host: str, port: int, processes: int = 1) -> int:
    """Serve until Ctrl-C: answering in this process, or in ``processes`` worker processes (which
    load what answering needs themselves: this one then holds ~120 MB, not ~330)."""
    import uvicorn

    if processes > 1 and qa.source is not None:
        desks: LocalDesk | DeskProcesses = DeskProcesses(processes, qa.source, settings)
    else:
        desks = LocalDesk(Desk(ready(qa), settings))
    log.info("serving %d articles on http://%s:%d", qa.stats().articles, host, port)
    uvicorn.run(create_app(desks, settings), host=host, port=port, log_level="warning", server_header=False)
    return 0
