"""The console as a user runs it: piped questions (in this process, and once for real), and a real
pseudo-terminal."""

import os
import pty
import select
import subprocess
import sys
import time

from conftest import REPO


def test_piped_questions_are_answered_one_by_one_in_plain_text(cli):
    result = cli("console", stdin="沁阳市党政考察团有多少人？\n/more\n/article 1\n/article 99\n/quit\n不会被回答\n")
    out = result.stdout
    assert result.returncode == 0
    assert "40余人" in out and "\033[" not in out  # plain text when piped
    assert "[4] " in out  # /more continues the numbering
    assert "2020-04-24 · 沁阳市党政考察团莅临示范区学习考察 · 记者郭树勋" in out  # /article 1
    assert "用法：/article n" in out
    assert "不会被回答" not in out


def test_console_explains_bad_input_and_unknown_commands(cli):
    out = cli("console", stdin="🙂\n/more\n/oops\n/help\n").stdout
    assert "表情" in out and "还没有提问" in out and "未知命令 /oops" in out and "/article n" in out


def _read_until(fd: int, marker: str, timeout: float = 60) -> str:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker.encode() not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no {marker!r} in {seen.decode(errors='replace')[-500:]!r}"
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen.decode(errors="replace")


def test_interactive_prompt_on_a_terminal_answers_in_colour_and_leaves_on_ctrl_d(tmp_path):
    controller, terminal = pty.openpty()
    env = {**os.environ, "HOME": str(tmp_path), "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "console"],
        cwd=REPO,
        env=env,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        close_fds=True,
    )
    os.close(terminal)
    try:
        assert "问> " in _read_until(controller, "问> ")
        os.write(controller, "沁阳市党政考察团有多少人？\r".encode())
        answer = _read_until(controller, "问> ")
        assert "40余人" in answer and "\033[1m" in answer
        os.write(controller, b"\x04")  # Ctrl-D
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)
    assert (tmp_path / ".archive_qa_history").read_text(encoding="utf-8").strip().endswith("沁阳市党政考察团有多少人？")


def test_reload_picks_up_pages_added_while_the_console_runs(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("本报讯（记者张三）近日，某镇完成道路改造。\n\n某镇完成道路改造\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "console", "--archive", str(archive)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        process.stdin.write("某镇完成了什么？\n")
        process.stdin.flush()
        assert "道路改造" in process.stdout.readline()
        (archive / "b.txt").write_text("本报讯（记者李四）近日，某区新建公园12座。\n\n某区新建公园\n", encoding="utf-8")
        out, _ = process.communicate("/reload\n某区新建了多少座公园？\n", timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert "1 个版面有新内容" in out and "12座" in out


def test_a_line_that_fails_is_told_and_the_session_goes_on():
    result = subprocess.run(
        [sys.executable, str(REPO / "tests" / "faulty_cli.py"), "console"],
        cwd=REPO,
        input="💥 示范区\n沁阳市党政考察团有多少人？\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "出错了（RuntimeError）" in result.stdout and "40余人" in result.stdout
    assert "RuntimeError: injected fault" in result.stderr
    assert result.returncode == 3


def test_a_console_session_is_one_conversation_with_timelines_and_contents(cli):
    lines = [
        "2021年示范区党工委书记是谁？",
        "那2020年呢？",
        "/new",
        "那2020年呢？",
        "/timeline 四城联创",
        "全文 2",
        "/contents 2020-07",
        "更多",
        "/more",
    ]
    out = cli("console", stdin="\n".join(lines) + "\n").stdout
    assert out.count("理解为：2020年 示范区党工委书记是谁") == 1  # after /new the same words stand alone
    assert "已开始新的对话" in out
    assert "篇相关文章（按日期排列）" in out and "2020-07共有 11 篇文章（按日期排列）" in out
    assert "2019-11 · 示范区教育局 “四城联创”进校园 · 通讯员史教轩" in out  # 全文 2 typed: entry 2's article
    assert "[11] " in out  # 更多 typed pages on through the table of contents
    assert out.endswith("没有更多相关段落了。\n\n")  # and then /more has nothing left


def test_reload_picks_up_a_page_added_while_the_console_runs(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text(
        "本报讯（记者张三）5月1日上午，某区新建公园12座。\n\n某区新建公园12座\n", encoding="utf-8"
    )
    console = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "console", "--archive", str(archive)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    console.stdin.write("某区新建了多少座桥梁？\n")
    console.stdin.flush()
    assert "没有找到" in console.stdout.readline()  # a.txt says nothing of bridges
    (archive / "b.txt").write_text(
        "本报讯（记者李四）5月2日上午，某区新建桥梁3座。\n\n某区新建桥梁3座\n", encoding="utf-8"
    )
    out, _ = console.communicate("/reload\n某区新建了多少座桥梁？\n", timeout=120)
    assert "1 个版面有新内容" in out and "3座" in out.split("已重新读取")[1]
