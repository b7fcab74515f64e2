"""The console: ask the archive from a terminal, no network and no token needed.

On a terminal it is an interactive prompt with line editing and history; with
questions piped on standard input it answers them one by one in plain text.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from retrieval.answer import Answer
from retrieval.pipeline import ArchiveQA
from retrieval.search import BadQuestion

from . import render

log = logging.getLogger("archive_qa.console")

PROMPT = "问> "
HISTORY = Path("~/.archive_qa_history").expanduser()
HELP = """输入问题即可检索档案，例如：
  示范区年人均纯收入低于5000元的有多少户？
  2020年4月示范区召开了哪些会议？
命令：
  /more        显示更多相关段落
  /article n   显示第 n 条引用的全文
  /reload      重新读取档案（新增或修改的版面）
  /help        显示本帮助
  /quit        退出（也可按 Ctrl-D）"""


@dataclass
class Session:
    """What the console remembers between lines: the last question and what was shown."""

    qa: ArchiveQA
    k: int = 3
    question: str = ""
    answer: Answer | None = None
    shown: list = field(default_factory=list)  # cited hits shown so far, numbered from 1

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
        if not line:
            return "", True
        if line in ("/quit", "/exit", "/q"):
            return "", False
        if line in ("/help", "/?"):
            return HELP, True
        if line == "/more":
            return self.more(colour), True
        if line.startswith("/article"):
            return self.article(line.removeprefix("/article").strip()), True
        if line == "/reload":
            return self.reload(), True
        if line.startswith("/"):
            return f"未知命令 {line.split()[0]}；输入 /help 查看可用命令。", True
        return self.ask(line, colour), True

    def ask(self, question: str, colour: bool) -> str:
        try:
            answer = self.qa.ask(question, k=self.k)
        except BadQuestion as error:
            return str(error)
        self.question, self.answer, self.shown = question, answer, list(answer.hits)
        return render.answer_text(answer, colour=colour)

    def more(self, colour: bool) -> str:
        if not self.question:
            return "还没有提问：先输入一个问题。"
        answer = self.qa.ask(self.question, k=len(self.shown) + self.k)
        new = answer.hits[len(self.shown) :]
        if not new:
            return "没有更多相关段落了。"
        start = len(self.shown) + 1
        self.shown.extend(new)
        return render.citations_text(new, colour=colour, start=start)

    def reload(self) -> str:
        """Bring the index up to date with the archive folder (new or changed pages)."""
        if self.qa.source is None:
            return "这个档案不是从文件夹载入的，无法重新读取。"
        folder, cache, snippet_chars = self.qa.source
        self.qa = ArchiveQA.from_folder(folder, self.qa.segmenter, cache, snippet_chars)
        done = self.qa.updated
        return (
            f"已重新读取：{done['segmented']} 个版面有新内容，{done['removed']} 个已移除；"
            f"共 {self.qa.stats().articles} 篇文章。"
        )

    def article(self, number: str) -> str:
        if not self.shown:
            return "还没有引用：先输入一个问题。"
        if not number.isdigit() or not 1 <= int(number) <= len(self.shown):
            return f"用法：/article n，n 为 1 到 {len(self.shown)} 之间的引用编号。"
        return render.article_text(self.shown[int(number) - 1].passage.article)


def run(qa: ArchiveQA, k: int, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    session = Session(qa, k)
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
