"""archive-qa serve as a reader and a chat tool use it: a real uvicorn server over HTTP, and the
page in a real headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from retrieval import ArchiveQA

from conftest import REPO, SEEDS


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(home: Path, settings: str = ""):
    """``archive-qa serve`` as a real process on a free port of 127.0.0.1; yields its base URL."""
    config = home / "settings.toml"
    config.write_text(f'[telegram]\nfeedback_log = "{home / "feedback.jsonl"}"\n{settings}', encoding="utf-8")
    port = _free_port()
    log = (home / "serve.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "serve",
            "--archive",
            str(SEEDS),
            "--config",
            str(config),
            "--port",
            str(port),
        ],
        cwd=REPO,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and process.poll() is None, (home / "serve.log").read_text()
            time.sleep(0.2)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server answering in two worker processes: a conversation must stay with its own (its rate
    limit out of the way of the questions these tests ask; the limit has a test of its own). Its index is
    built first, as ``archive-qa index`` builds it: a server that builds its own at start holds jieba from
    that build, and whether another test had built it in this worker's cache made the memory test below
    pass or fail with the order tests ran in."""
    ArchiveQA.from_folder(SEEDS)  # into the session's private cache, where the server looks
    home = tmp_path_factory.mktemp("serve")
    with serving(home, "[serve]\nprocesses = 2\nrate_limit_per_minute = 1000\n") as url:
        yield url, home


def ask(url: str, question: str, conversation: str | None = None, **headers) -> httpx.Response:
    """A question as the page asks it (a worker that is starting may take seconds: no 5 s limit)."""
    body = {"question": question, "conversation": conversation}
    return httpx.post(url + "/api/ask", json=body, headers=headers, timeout=60)


def test_health_and_the_openapi_schema(server):
    url, _ = server
    assert httpx.get(url + "/healthz").json() == {"status": "ok", "articles": 55, "passages": 303}
    paths = httpx.get(url + "/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/more", "/api/article", "/api/timeline", "/api/contents", "/api/feedback"} <= set(paths)


def test_ask_answers_with_the_json_of_ask_json_and_a_conversation(server):
    url, _ = server
    first = ask(url, "2021年示范区党工委书记是谁？").json()
    assert "吕沛" in first["hits"][0]["snippet"] and first["no_answer"] is False and first["conversation"]
    follow_up = ask(url, "那2020年呢？", first["conversation"]).json()
    assert follow_up["understood_as"] == "2020年 示范区党工委书记是谁" and "王家鹏" in follow_up["hits"][0]["snippet"]
    assert follow_up["conversation"] == first["conversation"]


def test_readers_asking_at_once_are_spread_over_the_worker_processes_and_keep_their_conversations(server):
    url, _ = server
    with httpx.Client(timeout=60) as client:
        started = [
            client.post(url + "/api/ask", json={"question": "2021年示范区党工委书记是谁？"}).json() for _ in range(4)
        ]
        assert sorted(answer["conversation"][:2] for answer in started) == ["0-", "0-", "1-", "1-"]
        for answer in started:
            follow_up = client.post(
                url + "/api/ask", json={"question": "那2020年呢？", "conversation": answer["conversation"]}
            ).json()
            assert follow_up["conversation"] == answer["conversation"] and "王家鹏" in follow_up["hits"][0]["snippet"]


def test_more_article_and_feedback_page_through_the_same_answer(server):
    url, home = server
    first = ask(url, "四城联创").json()
    key = first["conversation"]
    assert [hit["rank"] for hit in first["page"]] == [1, 2, 3] and first["more"]
    more = httpx.get(url + "/api/more", params={"conversation": key}).json()
    assert [hit["rank"] for hit in more["page"]] == [4, 5, 6]
    article = httpx.get(url + "/api/article", params={"conversation": key, "n": 5}).json()
    assert article["paragraphs"] and more["page"][1]["title"] == article["title"]
    assert httpx.post(url + "/api/feedback", json={"conversation": key, "verdict": "up"}).json() == {"ok": True}
    logged = json.loads((home / "feedback.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert (logged["question"], logged["verdict"], logged["chat_type"], len(logged["hits"])) == (
        "四城联创",
        "up",
        "web",
        6,
    )


def test_more_typed_as_a_question_pages_on_like_the_more_button(server):
    """A chat tool relaying what its readers type has no buttons: 更多 is typed."""
    url, home = server
    first = ask(url, "四城联创").json()
    more = ask(url, "更多", first["conversation"]).json()
    assert [hit["rank"] for hit in more["page"]] == [4, 5, 6] and more["answer"] == first["answer"]
    assert httpx.post(url + "/api/feedback", json={"conversation": first["conversation"], "verdict": "up"}).json()
    logged = json.loads((home / "feedback.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert logged["question"] == "四城联创"  # the question voted on, not 更多
    refused = ask(url, "更多")  # a new conversation: nothing asked yet
    assert refused.status_code == 422 and "先输入一个问题" in refused.json()["error"]


def test_full_text_typed_as_a_question_sends_the_article_like_the_full_text_button(server):
    url, _ = server
    first = ask(url, "沁阳市党政考察团有多少人？").json()
    typed = ask(url, "全文 1", first["conversation"]).json()
    button = httpx.get(url + "/api/article", params={"conversation": first["conversation"], "n": 1}).json()
    assert typed["article"] == button and typed["answer"] == button["head"] and typed["page"] == []
    assert "记者郭树勋" in button["head"] and "40余人" in button["paragraphs"][0]
    unseen = ask(url, "全文第九条", first["conversation"])
    assert unseen.status_code == 404 and "没有显示过第 9 条" in unseen.json()["error"]


def test_timeline_and_contents(server):
    url, _ = server
    timeline = httpx.get(url + "/api/timeline", params={"topic": "四城联创"}).json()
    assert len(timeline["items"]) >= 8
    contents = httpx.get(url + "/api/contents", params={"selector": "2020-07"}).json()
    assert len(contents["items"]) == 11 and contents["answer"].startswith("2020-07共有 11 篇文章")


def test_bad_requests_get_a_reason_and_never_a_traceback(server):
    url, _ = server
    cases = [
        (ask(url, "🙂🙂"), 422, "表情"),
        (
            httpx.post(url + "/api/ask", content=b"not json", headers={"Content-Type": "application/json"}),
            422,
            "请求不对",
        ),
        (httpx.post(url + "/api/ask", json={"question": "问" * 20_000}), 413, "太大"),
        (httpx.post(url + "/api/ask", json={"question": ""}), 422, "请求不对"),
        (httpx.get(url + "/api/more", params={"conversation": "nope"}), 404, "过期"),
        (httpx.get(url + "/api/article", params={"conversation": "nope", "n": 1}), 404, "过期"),
        (httpx.get(url + "/api/contents", params={"selector": "2020-13"}), 422, "无法理解"),
        (httpx.get(url + "/api/timeline", params={"topic": "四城联创", "from": "April"}), 422, "无法理解"),
    ]
    for response, status, reason in cases:
        assert response.status_code == status and reason in response.json()["error"], response.text
        assert "Traceback" not in response.text and str(REPO) not in response.text


def test_a_token_guards_the_api_and_a_rate_limit_each_client(tmp_path):
    settings = '[serve]\ntoken = "s3cret-token"\nrate_limit_per_minute = 3\nprocesses = 1\n'  # answered in-process
    with serving(tmp_path, settings) as url:
        assert ask(url, "四城联创").status_code == 401
        assert httpx.get(url + "/healthz").status_code == 200 and httpx.get(url + "/").status_code == 200
        allowed = [ask(url, "四城联创", Authorization="Bearer s3cret-token").status_code for _ in range(4)]
        assert allowed == [200, 200, 200, 429]


@pytest.fixture
def browser(tmp_path):
    """Debian's Chromium driven through its own chromedriver (Selenium downloads nothing), phone-sized."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and chromedriver):
        assert not os.environ.get("CI"), "CI installs Debian's chromium and chromium-driver (.ci/run)"
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=412,915",
        f"--user-data-dir={tmp_path / 'chromium'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_the_web_chat_in_a_real_browser(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, home = server
    wait = WebDriverWait(browser, 30)

    def press(button) -> None:
        """As a person would: scroll the button to the middle of the screen, then tap it."""
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()

    browser.get(url + "/")
    browser.find_element(By.ID, "question").send_keys("示范区年人均纯收入低于5000元的有多少户？")
    press(browser.find_element(By.ID, "send"))
    wait.until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".entry"))
    exchange = browser.find_element(By.CSS_SELECTOR, ".exchange")
    assert exchange.find_element(By.CSS_SELECTOR, ".answer").text.startswith("1713户（[1] 2020-04，《高起点")
    assert exchange.find_element(By.CSS_SELECTOR, ".answer .span").text == "1713户"  # stressed
    first = exchange.find_element(By.CSS_SELECTOR, ".entry .cite").text
    assert first.startswith("[1] 2020-04 · 高起点高标准落实") and first.endswith("000_b7e49fbd0a3b0876.txt ¶2")
    assert "纯收入" in [bold.text for bold in exchange.find_elements(By.CSS_SELECTOR, ".snippet b")]
    press(exchange.find_element(By.CSS_SELECTOR, "button.more"))
    wait.until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, ".entry")) == 6)
    press(exchange.find_element(By.CSS_SELECTOR, "button.full"))  # 全文 1
    wait.until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".article p"))
    assert "1713户2462人" in exchange.find_element(By.CSS_SELECTOR, ".article").text
    press(exchange.find_element(By.CSS_SELECTOR, "button.vote"))  # 👍
    wait.until(lambda driver: "谢谢反馈" in driver.find_element(By.CSS_SELECTOR, ".tools").text)
    logged = json.loads((home / "feedback.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert logged["verdict"] == "up" and logged["question"] == "示范区年人均纯收入低于5000元的有多少户？"
    browser.find_element(By.ID, "question").send_keys("全文 2")  # typed, as a reader may
    press(browser.find_element(By.ID, "send"))
    wait.until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, ".exchange")) == 2)
    typed = browser.find_elements(By.CSS_SELECTOR, ".exchange")[1]
    wait.until(lambda driver: typed.find_elements(By.CSS_SELECTOR, ".article p"))
    assert typed.find_element(By.CSS_SELECTOR, ".article h2").text.startswith("2020-04 · 高起点高标准落实")
    browser.execute_script("window.scrollTo(0, 0)")
    shot = Path(os.environ.get("ARCHIVE_QA_SCREENSHOT") or tmp_path / "answered.png")
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def _server_process(url: str) -> int:
    """The process of the server listening at ``url`` (Linux: /proc)."""
    port = url.rsplit(":", 1)[1]
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if entry.name.isdigit() and b"serve" in command and port.encode() in command:
            return int(entry.name)
    raise LookupError(url)


def _desk_processes(url: str) -> list[int]:
    """The worker processes of the server listening at ``url``."""
    tasks = Path("/proc") / str(_server_process(url)) / "task"
    children = [child for task in tasks.iterdir() for child in (task / "children").read_text().split()]
    return [
        int(child)
        for child in children
        if b"spawn_main" in (Path("/proc") / child / "cmdline").read_bytes()  # not the resource tracker
    ]


def _resident_mb(pid: int) -> float:
    status = (Path("/proc") / str(pid) / "status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def test_the_server_leaves_what_answering_loads_to_its_worker_processes(server):
    """jieba and the models are loaded by the workers that answer, not a third time by the server
    (which held as much as a worker: ~330 MB; now ~120)."""
    url, _ = server
    assert ask(url, "沁阳市党政考察团有多少人？").status_code == 200
    front, workers = _resident_mb(_server_process(url)), [_resident_mb(pid) for pid in _desk_processes(url)]
    assert len(workers) == 2 and front < 0.6 * min(workers), (front, workers)


def test_a_worker_process_that_dies_is_started_again(server):
    url, _ = server
    desks = _desk_processes(url)
    assert len(desks) == 2
    for pid in desks:
        os.kill(pid, signal.SIGKILL)
    statuses = [ask(url, "沁阳市党政考察团有多少人？").status_code for _ in range(6)]
    assert statuses[-2:] == [200, 200] and set(statuses) <= {200, 500}  # a question may fail while one restarts
    assert len(set(_desk_processes(url)) - set(desks)) == 2
