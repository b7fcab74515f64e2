"""The Telegram bot: relays questions to the archive and renders cited answers.

One handler per concern, wired in ``build_application``. Answering runs off
the event loop and updates are handled concurrently, so a slow question in one
chat does not hold up the others.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from telegram import BotCommand, CallbackQuery, Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from retrieval import Answer, ArchiveQA, BadQuestion, CitedHit, Conversation, Reading, asks_for_article

from . import render
from .config import ConfigError, Settings
from .memory import Collector, settle
from .readers import FeedbackLog, RateLimiter

log = logging.getLogger("archive_qa.telegram")

TOKEN_FORMAT = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")
COMMANDS = [
    ("ask", "提问：/ask 问题"),
    ("timeline", "按日期列出某个话题的文章：/timeline 话题"),
    ("contents", "某月或某版面的文章：/contents 2020-07"),
    ("new", "开始新的对话"),
    ("help", "使用帮助和示例问题"),
    ("about", "档案概况"),
    ("start", "开始使用"),
]
HELP = """你好！我会在报纸档案中查找答案，并给出出处（日期、标题、版面文件和段落）。

直接发送问题即可，例如：
• 示范区年人均纯收入低于5000元的有多少户？
• 沁阳市党政考察团有多少人到示范区学习考察？
• 2020年4月示范区召开了哪些会议？

可以接着追问：先问“2021年示范区党工委书记是谁？”，再问“那2020年呢？”；/new 重新开始。
/timeline 话题：按日期列出某个话题的全部文章；/contents 2020-07：某月（或某个版面文件）的文章。
在群组里请用 /ask 问题，或 @我，或回复我的消息。
答案下方的按钮：更多（下一页）、全文 n（第 n 条的全文）、👍/👎（答得好不好）；也可以直接输入“更多”或“全文 2”。
/about 查看档案概况。"""
ASK_FOR_TEXT = "请用文字提问，例如：示范区年人均纯收入低于5000元的有多少户？"
SEND_ATTEMPTS = 10  # tries of one reply through 429s, server errors and lost connections (≤ 30 s of waiting)
EXPIRED = "这条结果已过期（机器人重启过或结果太旧），请重新提问。"


def check_token(token: str) -> None:
    """Stop before anything starts when the token is missing or malformed (without echoing it)."""
    if not token:
        raise ConfigError(
            "no Telegram bot token: set TELEGRAM_BOT_TOKEN (from @BotFather) "
            "or telegram.token in a config file outside the repository"
        )
    if not TOKEN_FORMAT.match(token):
        raise ConfigError(
            "the Telegram bot token is malformed: it should look like 123456789:AA… "
            "(digits, a colon, then letters, digits, - and _)"
        )


class RedactToken(logging.Filter):
    """Never let the token reach a log line: httpx logs request URLs, which contain it, and an
    error's traceback may quote one."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        return True


@dataclass
class Result:
    """An answer kept for its buttons: 更多 shows its next page, 全文 n the article of entry n."""

    question: str
    reading: Reading
    chat_type: str


class Results:
    """The most recent answers by short id (callback data must fit in 64 bytes)."""

    def __init__(self, kept: int) -> None:
        self.kept = kept
        self._items: OrderedDict[str, Result] = OrderedDict()

    def add(self, result: Result) -> str:
        key = secrets.token_urlsafe(6)
        self._items[key] = result
        while len(self._items) > self.kept:
            self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Result | None:
        return self._items.get(key)


class ArchiveBot:
    """The bot's state and handlers; ``build_application`` wires them to python-telegram-bot."""

    def __init__(self, qa: ArchiveQA, settings: Settings) -> None:
        self.qa = qa
        self.settings = settings
        self.results = Results(settings.telegram.results_kept)
        self.limiter = RateLimiter(settings.telegram.rate_limit_per_minute)
        self.feedback = FeedbackLog(settings.telegram.feedback_log)
        self.allowed = set(settings.telegram.allowed_chat_ids)
        self.collector = Collector()  # chats' conversations kept out of full collections
        self._watcher: asyncio.Task | None = None

    # ------------------------------------------------------------ the index

    async def start_watching(self, application: Application) -> None:
        await application.bot.set_my_commands([BotCommand(name, text) for name, text in COMMANDS])
        self._watcher = asyncio.create_task(self._watch(self.settings.telegram.reload_seconds))

    async def stop_watching(self, application: Application) -> None:
        if self._watcher is not None:
            self._watcher.cancel()

    async def _watch(self, interval: float) -> None:
        """Pick up an index that ``archive-qa index`` rebuilt meanwhile; questions being
        answered keep the index they started with."""
        while True:
            await asyncio.sleep(interval)
            try:
                fresh = await asyncio.to_thread(self.qa.reloaded)
            except Exception as error:  # noqa: BLE001 - a bad rebuild must not stop the bot
                log.warning("could not load the rebuilt index, still serving the old one: %s", error)
                continue
            if fresh is not None:
                self.qa = fresh
                settle()
                log.info("index reloaded: %d articles, %d passages", fresh.stats().articles, fresh.stats().passages)

    # ------------------------------------------------------------ commands

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message:
            await _reply(update.effective_message, HELP, html=False)

    async def about(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        stats = self.qa.stats()
        text = (
            f"档案：{stats.pages} 个版面，{stats.articles} 篇文章，{stats.passages} 个段落，"
            f"日期 {stats.first_date or '不详'} 至 {stats.last_date or '不详'}。"
        )
        if update.effective_message:
            await _reply(update.effective_message, text, html=False)

    async def ask_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        question = " ".join(context.args or [])
        if not question.strip():
            if update.effective_message:
                await _reply(
                    update.effective_message, "用法：/ask 问题，例如 /ask 沁阳市党政考察团有多少人？", html=False
                )
            return
        await self.answer(update, context, question)

    async def timeline_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        topic = " ".join(context.args or [])
        if not topic.strip():
            if update.effective_message:
                await _reply(update.effective_message, "用法：/timeline 话题，例如 /timeline 四城联创", html=False)
            return
        await self.answer(update, context, topic, lambda conversation: self.qa.timeline(topic, None, conversation))

    async def contents_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        selector = " ".join(context.args or [])
        await self.answer(update, context, selector, lambda conversation: self.qa.contents(selector, conversation))

    async def new_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat, message = update.effective_chat, update.effective_message
        if chat and message:
            self._conversation(context, chat, update.effective_user.id if update.effective_user else chat.id).forget()
            await _reply(message, "已开始新的对话：下一个问题不再承接上文。", html=False)

    # ------------------------------------------------------------ messages

    async def private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.effective_message.text:
            await self.answer(update, context, update.effective_message.text)

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In groups, answer only messages that mention the bot or reply to it."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        bot = context.bot
        mention = f"@{bot.username}" if bot.username else None
        replied = message.reply_to_message
        to_bot = replied is not None and replied.from_user is not None and replied.from_user.id == bot.id
        if mention and mention.lower() in message.text.lower():
            question = re.sub(re.escape(mention), " ", message.text, flags=re.IGNORECASE)
        elif to_bot:
            question = message.text
        else:
            return
        await self.answer(update, context, question)

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice…: ask for text (in groups only when addressed to the bot)."""
        message = update.effective_message
        if message is None:
            return
        if message.chat.type != ChatType.PRIVATE:
            replied = message.reply_to_message
            if not (replied and replied.from_user and replied.from_user.id == context.bot.id):
                return
        await _reply(message, ASK_FOR_TEXT, html=False)

    async def answer(
        self,
        update: Update,
        context: ContextTypes.DEFAULT_TYPE,
        question: str,
        answering: Callable[[Conversation], Answer] | None = None,
    ) -> None:
        """Answer a question (or run ``answering``: a timeline, a table of contents) in the
        asker's conversation, and send its first page with its buttons."""
        message = update.effective_message
        chat = update.effective_chat
        if message is None or chat is None:
            return
        if self.allowed and chat.id not in self.allowed:
            if chat.type == ChatType.PRIVATE:
                await _reply(message, "抱歉，这个机器人没有对本对话开放。", html=False)
            return
        user_id = update.effective_user.id if update.effective_user else chat.id
        if not self.limiter.allow(user_id):
            await _reply(
                message, f"提问太频繁了，请稍后再试（每分钟最多 {self.limiter.per_minute} 个问题）。", html=False
            )
            return
        conversation = self._conversation(context, chat, user_id)
        number = asks_for_article(question) if answering is None else None
        if number is not None:  # 全文 n typed: the article of entry n of the answer being read
            article = self.qa.article(conversation, number)
            if article is None:
                await _reply(message, render.not_shown(number), html=False)
            else:
                await _reply_in_parts(message, render.article_blocks_html(article))
            return
        run = answering or (lambda conversation: self.qa.ask(question, conversation))
        # "typing…" while the answer is looked up, not before: a slow Bot API does not delay the answer
        typing = asyncio.create_task(_send_safely(chat.send_action(ChatAction.TYPING)))
        answer: Answer | str
        read_before = conversation.reading
        try:
            answer = await asyncio.to_thread(run, conversation)
        except BadQuestion as error:
            answer = render.refusal(error)
        except ValueError as error:  # /contents 2020-13
            answer = f"无法理解：{error}"
        except Exception as error:  # noqa: BLE001 - the user hears of it; the other chats go on
            log.error("could not answer %r", question, exc_info=True)
            answer = render.failure(error)
        self.collector.answered()
        await typing  # so that "typing…" never shows after the reply
        if isinstance(answer, str):
            await _reply(message, answer, html=False)
            return
        reading = conversation.reading if conversation.reading and conversation.reading.answer is answer else None
        if reading is not None and reading is read_before:
            question = answer.question  # 更多 typed: the next page of the answer being read
        reading = reading or Reading(answer)
        page = reading.next(render.page_size(answer, self.settings.k))
        key = self.results.add(Result(question, reading, chat.type))
        await _reply_in_parts(message, render.answer_blocks_html(answer, page), self._keyboard(key, page, reading))

    def _conversation(self, context: ContextTypes.DEFAULT_TYPE, chat: Chat, user_id: int) -> Conversation:
        """The asker's conversation: one a private chat; in a group, one a person, since
        everyone's follow-ups lean on their own questions."""
        conversations = context.chat_data.setdefault("conversations", {}) if context.chat_data is not None else {}
        key = "chat" if chat.type == ChatType.PRIVATE else user_id
        conversation = conversations.get(key)
        if conversation is None:
            now = time.monotonic()
            for stale in [k for k, c in conversations.items() if now - c.last_active > c.idle_seconds]:
                del conversations[stale]  # people who left a group's conversation long ago
            conversation = conversations[key] = Conversation(idle_seconds=self.settings.idle_minutes * 60)
        return conversation

    @staticmethod
    def _keyboard(key: str, page: list[CitedHit], reading: Reading) -> InlineKeyboardMarkup | None:
        if not page:
            return None
        articles = [InlineKeyboardButton(f"全文 {entry.rank}", callback_data=f"f:{key}:{entry.rank}") for entry in page]
        more = [InlineKeyboardButton("更多", callback_data=f"m:{key}")] if reading.more else []
        rows = [more + articles[:4]] + [articles[i : i + 5] for i in range(4, len(articles), 5)]
        return InlineKeyboardMarkup(
            [
                *rows,
                [
                    InlineKeyboardButton("👍", callback_data=f"v:{key}:up"),
                    InlineKeyboardButton("👎", callback_data=f"v:{key}:down"),
                ],
            ]
        )

    # ------------------------------------------------------------ buttons

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        action, _, rest = (query.data or "").partition(":")
        key, _, argument = rest.partition(":")
        result = self.results.get(key)
        article = result.reading.article(int(argument)) if result and argument.isdigit() else None
        if result is None or not isinstance(query.message, Message):  # gone, or too old for Telegram to show
            await _send_safely(query.answer(EXPIRED, show_alert=True))
        elif action == "m":
            await self._more(query, query.message, result, key)
        elif action == "f" and article is not None:
            await _send_safely(query.answer())
            await _reply_in_parts(query.message, render.article_blocks_html(article))
        elif action == "v" and argument in ("up", "down"):
            await asyncio.to_thread(self.feedback.record, result.question, result.reading, argument, result.chat_type)
            await _send_safely(query.answer("谢谢反馈！"))
        else:
            await _send_safely(query.answer(EXPIRED, show_alert=True))

    async def _more(self, query: CallbackQuery, message: Message, result: Result, key: str) -> None:
        """The next page of the answer already found: nothing is searched again."""
        page = result.reading.next(render.page_size(result.reading.answer, self.settings.k))
        if not page:
            await _send_safely(query.answer(render.NO_MORE))
            return
        await _send_safely(query.answer())
        blocks = render.entries_blocks_html(page, result.reading.answer.words)
        await _reply_in_parts(message, blocks, self._keyboard(key, page, result.reading))

    # ------------------------------------------------------------ errors

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update is None and isinstance(context.error, NetworkError):
            log.warning("asking Telegram for updates failed, trying again: %s", context.error)
            return
        log.error("update failed: %s", context.error, exc_info=context.error)


async def _send_safely(call) -> object | None:
    """Await a Bot API call that the answer does not depend on (the typing action, a button's
    acknowledgement): whatever goes wrong is logged, never fatal, never waited out."""
    try:
        return await call
    except TelegramError as error:
        _log_send_error(error)
    return None


def _log_send_error(error: TelegramError) -> None:
    if isinstance(error, Forbidden):
        log.warning("cannot send (the user blocked the bot or left the chat): %s", error)
    else:
        log.warning("sending to Telegram failed: %s", error)


async def _reply_in_parts(message: Message, blocks: list[str], keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Reply with HTML blocks packed into messages under Telegram's limit; buttons go on the last."""
    messages = render.pack_messages(blocks)
    for number, text in enumerate(messages, start=1):
        await _reply(message, text, keyboard if number == len(messages) else None)


async def _reply(message: Message, text: str, keyboard: InlineKeyboardMarkup | None = None, html: bool = True) -> bool:
    """Reply to a message; True when Telegram took it.

    A 429 waits as long as Telegram says; a server error (5xx) or a connection lost
    before Telegram answered is tried again, backing off, up to SEND_ATTEMPTS times.
    A request that timed out while waiting for Telegram's answer is not sent again:
    Telegram may have delivered it, and an answer twice is worse than a logged loss.
    """
    parse_mode = ParseMode.HTML if html else None
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            await message.reply_text(text, parse_mode=parse_mode, reply_markup=keyboard)
            return True
        except RetryAfter as error:
            retry_after = error.retry_after
            wait = retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)
            log.warning("Telegram asks to wait %.0f s before sending (429)", wait)
        except TimedOut as error:
            if isinstance(error.__cause__, httpx.ReadTimeout):
                log.warning("no answer from Telegram in time; not sending again, it may have arrived: %s", error)
                return False
            wait = _backoff(attempt)
        except (Forbidden, BadRequest) as error:
            _log_send_error(error)
            return False
        except NetworkError as error:
            log.warning("sending to Telegram failed (attempt %d of %d): %s", attempt, SEND_ATTEMPTS, error)
            wait = _backoff(attempt)
        if attempt < SEND_ATTEMPTS:
            await asyncio.sleep(wait)
    log.error("gave up sending a reply after %d attempts", SEND_ATTEMPTS)
    return False


def _backoff(attempt: int) -> float:
    return min(0.5 * 2 ** (attempt - 1), 4.0)


def build_application(qa: ArchiveQA, settings: Settings) -> Application:
    telegram = settings.telegram
    check_token(telegram.token)
    bot = ArchiveBot(qa, settings)
    application = (
        ApplicationBuilder()
        .token(telegram.token)
        .base_url(telegram.api_base_url)
        .concurrent_updates(True)
        .post_init(bot.start_watching)
        .post_stop(bot.stop_watching)
        .build()
    )
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    application.add_handler(CommandHandler(["start", "help"], bot.help))
    application.add_handler(CommandHandler("about", bot.about))
    application.add_handler(CommandHandler("ask", bot.ask_command))
    application.add_handler(CommandHandler("timeline", bot.timeline_command))
    application.add_handler(CommandHandler("contents", bot.contents_command))
    application.add_handler(CommandHandler("new", bot.new_command))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & private, bot.private_text))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & groups, bot.group_text))
    application.add_handler(MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL, bot.not_text))
    application.add_handler(CallbackQueryHandler(bot.button))
    application.add_error_handler(bot.error)
    return application


def run(qa: ArchiveQA, settings: Settings, webhook_url: str = "", listen: str = "127.0.0.1:8443") -> int:
    """Serve until Ctrl-C (SIGINT) or SIGTERM: polling Telegram for updates, or, with
    ``webhook_url``, receiving them on ``listen`` behind a reverse proxy that owns that URL."""
    redact = RedactToken(settings.telegram.token)  # before anything that may log the token
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    application = build_application(qa, settings)
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per poll; ARCHIVE_QA_LOG_LEVEL=DEBUG shows them
    log.info("serving %d articles; press Ctrl-C to stop", qa.stats().articles)
    try:
        if webhook_url:
            host, port = parse_listen(listen)
            # Telegram sends the secret with every update; python-telegram-bot refuses updates
            # without it (403), so only Telegram can post to the listener.
            secret = settings.telegram.webhook_secret or secrets.token_urlsafe(32)
            log.info("receiving updates on %s:%d for %s", host, port, webhook_url)
            application.run_webhook(
                listen=host,
                port=port,
                url_path=urlsplit(webhook_url).path.lstrip("/"),
                webhook_url=webhook_url,
                secret_token=secret,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
            )
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    except RuntimeError as error:  # Ctrl-C while still starting up stops the loop mid-call
        log.info("stopped while starting up (%s)", error)
    log.info("stopped")
    return 0


def parse_listen(listen: str) -> tuple[str, int]:
    """``127.0.0.1:8443`` -> host and port; ConfigError when it is not that."""
    host, _, port = listen.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigError(f"--listen wants HOST:PORT, such as 127.0.0.1:8443, not {listen!r}")
    return host.strip("[]"), int(port)
