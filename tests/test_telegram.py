"""The real bot process, driven over HTTP through a stand-in Bot API server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from botapi_stub import BOT_USER, BotApiStub
from conftest import REPO, SEEDS, TOKEN, run_cli, running_bot


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive")
    for page in SEEDS.iterdir():
        (folder / page.name).write_bytes(page.read_bytes())
    long_text = "\n\n".join(f"第{n}段：黄河长篇记录，" + "河水奔流不息，两岸麦田金黄。" * 60 for n in range(1, 16))
    (folder / "long.txt").write_text("黄河长篇记录\n\n" + long_text, encoding="utf-8")
    (folder / "markup.txt").write_text(
        "联创科技简介\n\n联创科技的A&B<公司>有员工120名，<b>不是粗体</b>。\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def bot(archive, tmp_path_factory):
    """One bot process for the module."""
    home = tmp_path_factory.mktemp("bot")
    feedback = home / "feedback.jsonl"
    settings = f'[telegram]\nrate_limit_per_minute = 5\nfeedback_log = "{feedback}"\nreload_seconds = 0.5\n'
    with running_bot(archive, home, settings) as running:
        running.feedback = feedback
        yield running


def buttons(message: dict) -> dict[str, str]:
    return {
        button["text"]: button["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for button in row
    }


def second_reply(bot, chat_id: int, first: str, then: str) -> str:
    """Ask ``first`` in a private chat, wait for its answer, then ask ``then``: the text of its answer."""
    bot.stub.message(chat_id, first)
    bot.stub.wait_for("sendMessage", chat_id=chat_id)
    bot.stub.message(chat_id, then)
    return bot.stub.wait_for("sendMessage", count=2, chat_id=chat_id)[1]["text"]


def bot_message(sent: dict, chat_type: str = "private") -> dict:
    """The bot's message as Telegram would echo it in a later callback or reply."""
    return {
        "message_id": 555,
        "date": int(time.time()),
        "chat": {"id": sent["chat_id"], "type": chat_type},
        "from": BOT_USER,
        "text": re.sub("<[^>]+>", "", sent["text"]),
        "reply_markup": sent.get("reply_markup"),
    }


def test_commands_are_registered_at_start_up(bot):
    commands = bot.stub.sent("setMyCommands")[0]["commands"]
    assert {command["command"] for command in commands} == {
        "start",
        "help",
        "about",
        "ask",
        "timeline",
        "contents",
        "new",
    }


def test_a_private_question_gets_a_cited_html_answer_with_buttons(bot):
    bot.stub.message(101, "示范区年人均纯收入低于5000元的有多少户？")
    reply = bot.stub.wait_for("sendMessage", chat_id=101)[0]
    assert bot.stub.sent("sendChatAction", chat_id=101, action="typing")
    assert reply["parse_mode"] == "HTML"
    assert "1713户2462人" in reply["text"]
    plain = re.sub("<[^>]+>", "", reply["text"])
    assert "[1] 2020-04 · 高起点高标准落实“两不愁、三保障”" in plain and "000_b7e49fbd0a3b0876.txt ¶2" in plain
    assert "<b>" in reply["text"]  # question terms in bold
    labels = buttons(reply)
    assert {"更多", "全文 1", "全文 2", "全文 3", "👍", "👎"} <= set(labels)
    assert all(len(data.encode("utf-8")) <= 64 for data in labels.values())


def test_start_and_help_explain_with_examples(bot):
    bot.stub.message(102, "/start")
    bot.stub.message(102, "/help")
    replies = bot.stub.wait_for("sendMessage", count=2, chat_id=102)
    assert all("示范区年人均纯收入低于5000元的有多少户" in reply["text"] for reply in replies)


def test_about_describes_the_archive(bot):
    bot.stub.message(103, "/about")
    text = bot.stub.wait_for("sendMessage", chat_id=103)[0]["text"]
    assert "7 个版面" in text and "57 篇文章" in text and "2019-11 至 2021-04" in text


def test_groups_answer_only_when_addressed(bot):
    group = -2001
    bot.stub.message(group, "沁阳市党政考察团有多少人？", chat_type="group", user_id=201)
    bot.stub.message(group, "@archive_qa_bot 沁阳市党政考察团有多少人？", chat_type="group", user_id=201)
    replies = bot.stub.wait_for("sendMessage", chat_id=group)
    time.sleep(1.0)
    assert len(bot.stub.sent("sendMessage", chat_id=group)) == 1
    assert "40余人" in replies[0]["text"]


def test_group_ask_command_and_replies_to_the_bot_are_answered(bot):
    group = -2002
    bot.stub.message(group, "/ask 沁阳市党政考察团有多少人？", chat_type="group", user_id=202)
    first = bot.stub.wait_for("sendMessage", chat_id=group)[0]
    bot.stub.message(
        group,
        "低收入家庭参加医保的人员一共有多少名？",
        chat_type="group",
        user_id=202,
        reply_to=bot_message(first, "group"),
    )
    second = bot.stub.wait_for("sendMessage", count=2, chat_id=group)[1]
    assert "40余人" in first["text"] and "2817名" in second["text"]


def test_stickers_and_photos_get_a_polite_request_for_text(bot):
    bot.stub.message(
        104,
        sticker={
            "file_id": "s1",
            "file_unique_id": "u1",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        },
    )
    reply = bot.stub.wait_for("sendMessage", chat_id=104)[0]
    assert "请用文字提问" in reply["text"]


def test_more_shows_the_next_citations(bot):
    bot.stub.message(105, "四城联创")
    first = bot.stub.wait_for("sendMessage", chat_id=105)[0]
    bot.stub.press(105, bot_message(first), buttons(first)["更多"])
    more = bot.stub.wait_for("sendMessage", count=2, chat_id=105)[1]
    assert re.sub("<[^>]+>", "", more["text"]).startswith("[4] ")
    assert "全文 4" in buttons(more)
    assert bot.stub.wait_for("answerCallbackQuery")


def test_more_typed_shows_the_next_citations_too(bot):
    bot.stub.message(130, "更多")
    assert "先输入一个问题" in bot.stub.wait_for("sendMessage", chat_id=130)[0]["text"]
    bot.stub.message(130, "四城联创")
    bot.stub.wait_for("sendMessage", count=2, chat_id=130)  # answered before 更多 is typed
    bot.stub.message(130, "更多")
    more = bot.stub.wait_for("sendMessage", count=3, chat_id=130)[2]
    assert "[4] " in re.sub("<[^>]+>", "", more["text"]) and "全文 4" in buttons(more)


def test_full_text_typed_sends_the_whole_article_too(bot):
    article = second_reply(bot, 131, "沁阳市党政考察团有多少人？", "全文 1")
    assert "沁阳市党政考察团莅临示范区学习考察" in article and "推进县域经济高质量发展。" in article
    bot.stub.message(131, "全文 7")
    assert "没有显示过第 7 条" in bot.stub.wait_for("sendMessage", count=3, chat_id=131)[2]["text"]


def test_full_text_button_sends_the_whole_article(bot):
    bot.stub.message(106, "沁阳市党政考察团有多少人？")
    first = bot.stub.wait_for("sendMessage", chat_id=106)[0]
    bot.stub.press(106, bot_message(first), buttons(first)["全文 1"])
    article = bot.stub.wait_for("sendMessage", count=2, chat_id=106)[1]["text"]
    assert "沁阳市党政考察团莅临示范区学习考察" in article and "记者郭树勋" in article
    assert "推进县域经济高质量发展。" in article  # the article's last sentence


def test_a_very_long_article_is_split_between_blocks_within_the_limit(bot):
    bot.stub.message(107, "黄河长篇记录 河水奔流不息")
    first = bot.stub.wait_for("sendMessage", chat_id=107)[0]
    bot.stub.press(107, bot_message(first), buttons(first)["全文 1"])
    parts = [m["text"] for m in bot.stub.wait_for("sendMessage", count=5, chat_id=107)[1:]]
    for part in parts:
        assert len(part.encode("utf-16-le")) // 2 <= 4096
        assert part.count("<b>") == part.count("</b>")
    assert "第15段" in "".join(parts)


def test_an_expired_button_answers_politely(bot):
    fake = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": 108, "type": "private"},
        "from": BOT_USER,
        "text": "old answer",
    }
    query_id = bot.stub.press(108, fake, "m:gone123")
    answer = bot.stub.wait_for("answerCallbackQuery", callback_query_id=query_id)[0]
    assert "过期" in answer["text"] and answer["show_alert"] is True


def test_archive_text_that_looks_like_html_reaches_the_reader_as_text(bot):
    bot.stub.message(109, "联创科技的A&B<公司>有多少名员工？")
    reply = bot.stub.wait_for("sendMessage", chat_id=109)[0]  # the stand-in refuses HTML Telegram would refuse
    assert reply["text"].startswith("<b>120名</b>（[1] 《联创科技简介》）")  # the short answer in bold
    assert "A&amp;B&lt;<b>公司</b>&gt;" in reply["text"]


def test_empty_and_emoji_questions_get_a_reason(bot):
    bot.stub.message(110, "🙂🙂")
    assert "表情" in bot.stub.wait_for("sendMessage", chat_id=110)[0]["text"]


def test_rate_limit_per_user(bot):
    for n in range(6):
        bot.stub.message(111, f"沁阳市党政考察团有多少人？{n}")
    replies = bot.stub.wait_for("sendMessage", count=6, chat_id=111)
    assert sum("太频繁" in reply["text"] for reply in replies) == 1


def test_votes_are_logged_without_user_ids_and_feed_eval(bot):
    bot.stub.message(112, "沁阳市党政考察团有多少人？")
    first = bot.stub.wait_for("sendMessage", chat_id=112)[0]
    query_id = bot.stub.press(112, bot_message(first), buttons(first)["👍"])
    bot.stub.wait_for("answerCallbackQuery", callback_query_id=query_id)
    entry = json.loads(bot.feedback.read_text(encoding="utf-8").splitlines()[-1])
    assert (entry["question"], entry["verdict"], entry["chat_type"]) == ("沁阳市党政考察团有多少人？", "up", "private")
    assert "112" not in json.dumps(entry)
    result = run_cli("eval", str(bot.feedback), "--archive", str(SEEDS))
    assert "questions: 1" in result.stdout and "hit@1: 1.000" in result.stdout


def test_telegram_errors_are_survived(bot):
    bot.stub.too_many_requests = 1
    bot.stub.message(113, "沁阳市党政考察团有多少人？")
    delivered = bot.stub.wait_for("sendMessage", count=2, chat_id=113)  # the 429, then the retry
    assert "40余人" in delivered[-1]["text"]
    bot.stub.blocked_chats.add(114)
    bot.stub.message(114, "沁阳市党政考察团有多少人？")
    bot.stub.wait_for("sendMessage", chat_id=114)
    bot.stub.message(115, "沁阳市党政考察团有多少人？")
    assert bot.stub.wait_for("sendMessage", chat_id=115)
    assert bot.process.poll() is None


def test_a_question_that_fails_gets_a_polite_reply_and_the_bot_goes_on(tmp_path):
    """Logging every request (where httpx writes the token into each URL) and failing on purpose."""
    faulty = (str(REPO / "tests" / "faulty_cli.py"),)
    with running_bot(SEEDS, tmp_path, "", command=faulty, ARCHIVE_QA_LOG_LEVEL="DEBUG") as running:
        running.stub.message(401, "💥 沁阳市党政考察团有多少人？")
        assert "出错了" in running.stub.wait_for("sendMessage", chat_id=401)[0]["text"]
        running.stub.message(401, "沁阳市党政考察团有多少人？")
        assert "40余人" in running.stub.wait_for("sendMessage", count=2, chat_id=401)[1]["text"]
        log = running.log.read_text(encoding="utf-8")
    assert "RuntimeError: injected fault" in log and "Traceback" in log
    assert TOKEN not in log and "/bot<token>/getUpdates" in log  # the redaction filter at work


def test_an_allowlist_limits_the_bot_to_some_chats(tmp_path):
    with running_bot(SEEDS, tmp_path, "[telegram]\nallowed_chat_ids = [301, -303]\n") as allowed:
        allowed.stub.message(302, "沁阳市党政考察团有多少人？")
        allowed.stub.message(-304, "@archive_qa_bot 沁阳市党政考察团有多少人？", chat_type="group", user_id=7)
        allowed.stub.message(301, "沁阳市党政考察团有多少人？")
        assert "40余人" in allowed.stub.wait_for("sendMessage", chat_id=301)[0]["text"]
        assert "没有对本对话开放" in allowed.stub.wait_for("sendMessage", chat_id=302)[0]["text"]
        allowed.stub.message(-303, "@archive_qa_bot 沁阳市党政考察团有多少人？", chat_type="group", user_id=8)
        allowed.stub.wait_for("sendMessage", chat_id=-303)
        assert allowed.stub.sent("sendMessage", chat_id=-304) == []


def test_pages_indexed_while_the_bot_runs_become_answerable(bot, archive):
    """Last in the module: it adds a page to the shared archive."""
    (archive / "new.txt").write_text(
        "本报讯（记者张三）5月1日上午，某区新建公园12座。\n\n某区新建公园12座\n", encoding="utf-8"
    )
    result = run_cli("index", "--archive", str(archive))
    assert result.returncode == 0 and "1 page(s) segmented" in result.stdout
    deadline = time.monotonic() + 30
    for attempt in range(1000):
        before = len(bot.stub.sent("sendMessage", chat_id=116))
        bot.stub.message(116, "某区新建了多少座公园？", user_id=1160 + attempt)
        replies = bot.stub.wait_for("sendMessage", count=before + 1, chat_id=116)
        if "12座" in replies[-1]["text"]:
            break
        assert time.monotonic() < deadline, "the bot never picked up the rebuilt index"
        time.sleep(0.5)
    assert bot.process.poll() is None


def test_ctrl_c_stops_the_bot_cleanly(archive, tmp_path):
    stub = BotApiStub(TOKEN).start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": stub.base_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "telegram", "--archive", str(archive)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stub.wait_for_polling()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
        assert "Traceback" not in err and TOKEN not in err
    finally:
        if process.poll() is None:
            process.kill()
        stub.stop()


def test_missing_or_malformed_token_stops_before_starting(tmp_path):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": ""}
    missing = run_cli("telegram", env=env)
    assert missing.returncode == 2 and "TELEGRAM_BOT_TOKEN" in missing.stderr
    env["TELEGRAM_BOT_TOKEN"] = "not-a-token-secret"
    malformed = run_cli("telegram", env=env)
    assert malformed.returncode == 2 and "malformed" in malformed.stderr
    assert "not-a-token-secret" not in malformed.stderr + malformed.stdout


def test_a_private_follow_up_leans_on_the_question_before(bot):
    follow_up = second_reply(bot, 120, "2021年示范区党工委书记是谁？", "那2020年呢？")
    assert "理解为：2020年 示范区党工委书记是谁" in follow_up and "王家鹏" in follow_up


def test_in_a_group_everyone_has_a_conversation_of_their_own(bot):
    group = -2003
    bot.stub.message(group, "/ask 2021年示范区党工委书记是谁？", chat_type="group", user_id=301)
    bot.stub.wait_for("sendMessage", chat_id=group)
    bot.stub.message(group, "/ask 那2020年呢？", chat_type="group", user_id=302)
    other = bot.stub.wait_for("sendMessage", count=2, chat_id=group)[1]["text"]
    bot.stub.message(group, "/ask 那2020年呢？", chat_type="group", user_id=301)
    same = bot.stub.wait_for("sendMessage", count=3, chat_id=group)[2]["text"]
    assert "理解为" not in other and "理解为：2020年" in same


def test_timeline_and_contents_commands_list_articles_with_buttons(bot):
    bot.stub.message(121, "/timeline 四城联创")
    timeline = bot.stub.wait_for("sendMessage", chat_id=121)[0]
    assert "篇相关文章（按日期排列）" in timeline["text"]
    bot.stub.press(121, bot_message(timeline), buttons(timeline)["全文 2"])
    article = bot.stub.wait_for("sendMessage", count=2, chat_id=121)[1]["text"]
    assert "示范区教育局 “四城联创”进校园" in article
    bot.stub.message(121, "/contents 2020-07")
    contents = bot.stub.wait_for("sendMessage", count=3, chat_id=121)[2]
    assert "2020-07共有 11 篇文章" in contents["text"] and "[10] " in contents["text"]
    bot.stub.press(121, bot_message(contents), buttons(contents)["更多"])
    more = bot.stub.wait_for("sendMessage", count=4, chat_id=121)[3]
    assert re.sub("<[^>]+>", "", more["text"]).startswith("[11] ") and "更多" not in buttons(more)


def test_webhooks_take_updates_with_the_secret_and_refuse_the_rest(tmp_path):
    stub = BotApiStub(TOKEN).start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": stub.base_url,
        "TELEGRAM_WEBHOOK_SECRET": "hook-secret_123",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "telegram",
            "--archive",
            str(SEEDS),
            "--webhook-url",
            "https://bot.example.org/archive-qa/hook",
            "--listen",
            f"127.0.0.1:{port}",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        registered = stub.wait_for("setWebhook", timeout=60)[0]
        assert registered["url"] == "https://bot.example.org/archive-qa/hook"
        assert registered["secret_token"] == "hook-secret_123"
        hook = f"http://127.0.0.1:{port}/archive-qa/hook"

        def post(text: str, **headers) -> int:
            update = {"update_id": stub.next_update_id, "message": stub.message(701, text)}
            stub.next_update_id += 1
            for _ in range(100):
                try:
                    return httpx.post(hook, json=update, headers=headers).status_code
                except httpx.TransportError:  # the listener is still starting
                    time.sleep(0.1)
            raise AssertionError("the webhook listener never answered")

        assert post("沁阳市党政考察团有多少人？") == 403
        assert post("沁阳市党政考察团有多少人？", **{"X-Telegram-Bot-Api-Secret-Token": "wrong"}) == 403
        assert post("沁阳市党政考察团有多少人？", **{"X-Telegram-Bot-Api-Secret-Token": "hook-secret_123"}) == 200
        replies = stub.wait_for("sendMessage", chat_id=701)
        time.sleep(1)
        assert len(stub.sent("sendMessage", chat_id=701)) == 1 and "40余人" in replies[0]["text"]
        assert stub.polls == 0  # no getUpdates: Telegram pushes
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
        stub.stop()
