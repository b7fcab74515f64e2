"""The console: ask the archive from a terminal, no network and no token needed.

On a terminal it is an interactive prompt with line editing and history; with
questions piped on standard input it answers them one by one in plain text.
A session is one conversation: a follow-up leans on the question before (/new starts over).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from retrieval import Answer, ArchiveQA, BadQuestion, Conversation, asks_for_article

from . import render
from .memory import settle

log = logging.getLogger("archive_qa.console")

PROMPT = "问> "
HISTORY = Path("~/.archive_qa_history").expanduser()
HELP = """输入问题即可检索档案，例如：
  示范区年人均纯收入低于5000元的有多少户？
  2020年4月示范区召开了哪些会议？
可以接着追问，例如先问“2021年示范区党工委书记是谁？”，再问“那2020年呢？”。
命令：
  /more             显示更多（引用或列表的下一页；也可以直接输入“更多”）
  /article n        显示第 n 条的全文（也可以直接输入“全文 n”）
  /timeline 话题    按日期列出某个话题的全部文章
  /contents [月份|版面]  列出某月（如 2020-07）或某个版面文件的文章
  /new              开始新的对话（之后的问题不再承接上文）
  /reload           重新读取档案（新增或修改的版面）
  /help             显示本帮助
  /quit             退出（也可按 Ctrl-D）"""


@dataclass
class Session:
    """One reader at the console: a conversation with the archive."""

    qa: ArchiveQA
    k: int = 3
    conversation: Conversation = field(default_factory=Conversation)
    failed: int = 0  # lines whose handling failed unexpectedly

    def handle(self, line: str, colour: bool) -> tuple[str, bool]:
        """One line in, the text to print and whether to go on; a line that fails is told and logged,
        and the session goes on."""
        try:
            return self._handle(line, colour)
        except Exception as error:  # noqa: BLE001 - one line must not end the session
            self.failed += 1
            log.error("could not handle %r", line, exc_info=True)
            return render.failure(error), True

    def _handle(self, line: str, colour: bool) -> tuple[str, bool]:
        line = line.strip()
        command, _, argument = line.partition(" ")
        argument = argument.strip()
        if not line:
            return "", True
        if command in ("/quit", "/exit", "/q"):
            return "", False
        if command in ("/help", "/?"):
            return HELP, True
        if command == "/more":
            return self.more(colour), True
        if command == "/article":
            return self.article(argument), True
        if command == "/timeline":
            if not argument:
                return "用法：/timeline 话题，例如 /timeline 四城联创", True
            return self.show(lambda: self.qa.timeline(argument, conversation=self.conversation), colour), True
        if command == "/contents":
            return self.show(lambda: self.qa.contents(argument, self.conversation), colour), True
        if command == "/new":
            self.conversation.forget()
            return "已开始新的对话：下一个问题不再承接上文。", True
        if command == "/reload":
            return self.reload(), True
        if line.startswith("/"):
            return f"未知命令 {command}；输入 /help 查看可用命令。", True
        number = asks_for_article(line)
        if number is not None:  # 全文 n typed
            return self.article(str(number)), True
        return self.show(lambda: self.qa.ask(line, self.conversation), colour), True

    def show(self, answering, colour: bool) -> str:
        """Answer (a question, a timeline, a table of contents) and show its first page."""
        try:
            answer: Answer = answering()
        except BadQuestion as error:
            return render.refusal(error)
        except ValueError as error:  # /contents 2020-13
            return f"无法理解：{error}"
        reading = self.conversation.reading
        page = reading.next(render.page_size(answer, self.k)) if reading else []
        return render.answer_text(answer, page, colour=colour) + self._more_hint(colour)

    def more(self, colour: bool) -> str:
        reading = self.conversation.reading
        if reading is None:
            return render.NOT_ASKED
        page = reading.next(render.page_size(reading.answer, self.k))
        if not page:
            return render.NO_MORE
        return render.entries_text(page, colour=colour) + self._more_hint(colour)

    def _more_hint(self, colour: bool) -> str:
        reading = self.conversation.reading
        if reading is None or not reading.more:
            return ""
        dim, reset = (render.DIM, render.RESET) if colour else ("", "")
        return f"\n{dim}（还有 {len(reading.answer.entries) - reading.shown} 条，输入“更多”或 /more 查看）{reset}"

    def reload(self) -> str:
        """Bring the index up to date with the archive folder (new or changed pages)."""
        if self.qa.source is None:
            return "这个档案不是从文件夹载入的，无法重新读取。"
        self.qa = self.qa.reload()
        settle()
        done = self.qa.updated
        return (
            f"已重新读取：{done['segmented']} 个版面有新内容，{done['removed']} 个已移除；"
            f"共 {self.qa.stats().articles} 篇文章。"
        )

    def article(self, number: str) -> str:
        reading = self.conversation.reading
        if reading is None or not reading.shown:
            return "还没有引用：先输入一个问题。"
        article = self.qa.article(self.conversation, int(number)) if number.isdigit() else None
        if article is None:
            return f"用法：/article n，n 为 1 到 {reading.shown} 之间的编号。"
        return render.article_text(article)


def run(
    qa: ArchiveQA, k: int, idle_minutes: float = 30, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout  # the streams of the moment, not of the import
    session = Session(qa, k, Conversation(idle_seconds=idle_minutes * 60))
    interactive = stdin.isatty() and stdout.isatty()
    if not interactive:
        for line in stdin:
            text, go_on = session.handle(line, colour=False)
            if text:
                print(text + "\n", file=stdout, flush=True)
            if not go_on:
                break
        return 3 if session.failed else 0
    _enable_line_editing()
    print(f"archive-qa：{qa.stats().articles} 篇文章。输入问题，/help 查看帮助，Ctrl-D 退出。")
    while True:
        try:
            line = input(PROMPT)
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        text, go_on = session.handle(line, colour=True)
        if text:
            print(text + "\n", flush=True)
        if not go_on:
            return 0


def _enable_line_editing() -> None:
    """readline gives input() editing keys and a history kept between sessions."""
    try:
        import atexit
        import readline
    except ImportError:  # pragma: no cover - e.g. Windows without pyreadline
        return
    try:
        readline.read_history_file(HISTORY)
    except OSError:
        pass
    readline.set_history_length(1000)
    atexit.register(_save_history, readline)


def _save_history(readline) -> None:
    try:
        readline.write_history_file(HISTORY)
    except OSError:
        pass
