import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.config import ConfigError, load_settings

from conftest import SEEDS


def test_defaults_serve_the_bundled_seeds():
    settings = load_settings(environ={})
    assert settings.archive == SEEDS.resolve()
    assert (settings.k, settings.telegram.rate_limit_per_minute, settings.telegram.allowed_chat_ids) == (3, 20, [])
    assert settings.serve.processes == "auto"  # readers asking at once are answered on every core


def test_serve_processes_are_a_count_or_auto(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text("[serve]\nprocesses = 3\n", encoding="utf-8")
    assert load_settings(user, environ={}).serve.processes == 3


def test_a_user_file_overrides_and_relative_paths_are_taken_from_it(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text(
        '[archive]\npath = "pages"\n[answers]\nk = 5\n[telegram]\nallowed_chat_ids = [1, -2]\n', encoding="utf-8"
    )
    settings = load_settings(user, environ={})
    assert settings.archive == tmp_path / "pages"
    assert settings.k == 5 and settings.telegram.allowed_chat_ids == [1, -2]


def test_memory_is_two_gigabytes_unless_the_settings_file_says_otherwise(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text('[archive]\nmemory = "1.5G"\n', encoding="utf-8")
    assert load_settings(environ={}).memory == 2 * 2**30
    assert load_settings(user, environ={}).memory == int(1.5 * 2**30)


def test_environment_overrides_files(tmp_path):
    settings = load_settings(
        environ={
            "ARCHIVE_QA_ARCHIVE": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": "1:x",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
        }
    )
    assert settings.archive == tmp_path and settings.telegram.token == "1:x"
    assert settings.telegram.api_base_url == "http://127.0.0.1:8081/bot"


@pytest.mark.parametrize(
    "text, named",
    [
        ("[answers]\nkk = 3\n", "answers.kk"),
        ("[answer]\nk = 3\n", "[answer]"),
        ('[answers]\nk = "three"\n', "answers.k"),
        ("[answers]\nk = 0\n", "answers.k"),
        ('[telegram]\nallowed_chat_ids = ["me"]\n', "allowed_chat_ids"),
        ('[telegram]\napi_base_url = "ftp://x"\n', "api_base_url"),
        ("[telegram\n", "not valid TOML"),
        ('[archive]\nmemory = "lots"\n', "archive.memory: not a size"),
        ('[archive]\nmemory = "100M"\n', "archive.memory: '100M' is too little memory"),
        ("[serve]\nprocesses = 0\n", 'serve.processes must be 1 or more, or "auto", not 0'),
        ('[serve]\nprocesses = "many"\n', "serve.processes must be 1 or more"),
        ("[serve]\nprocesses = 1.5\n", "serve.processes must be int or str"),
    ],
)
def test_wrong_keys_and_values_are_named(tmp_path, text, named):
    user = tmp_path / "bad.toml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=named.replace("[", r"\[")):
        load_settings(user, environ={})


def test_missing_config_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(Path(tmp_path / "nope.toml"), environ={})


# ---------------------------------------------------------------- properties: any settings file


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


KNOWN = {
    "archive": ["path", "cache", "memory"],
    "serve": ["host", "port", "token", "rate_limit_per_minute", "conversations_kept", "processes"],
    "answers": ["k", "snippet_chars"],
    "telegram": [
        "token",
        "api_base_url",
        "rate_limit_per_minute",
        "allowed_chat_ids",
        "feedback_log",
        "results_kept",
        "reload_seconds",
        "webhook_secret",
    ],
}
EDGES = st.sampled_from(
    [
        0,
        -1,
        1,
        20,
        21,
        10**30,
        0.5,
        float("nan"),
        float("inf"),
        -float("inf"),
        True,
        "",
        "\x00",
        "a\x00b",
        "~",
        "../..",
        "http://127.0.0.1:1/bot",
        "ftp://x",
        "auto",
        [],
        [1.5],
        [True],
        ["1"],
    ]
)
VALUES = EDGES | st.recursive(
    st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=5,
)


@st.composite
def settings_files(draw):
    """Known sections and keys with values of any type (edge values often); now and then an unknown name."""
    unknown = draw(st.integers(0, 9)) == 0
    lines = []
    for section in draw(st.lists(st.sampled_from([*KNOWN] + ["other"] * unknown), unique=True)):
        lines.append(f"[{section}]")
        for key in draw(st.lists(st.sampled_from(KNOWN.get(section, []) + ["unknown"] * unknown), unique=True)):
            lines.append(f"{key} = {_toml_value(draw(VALUES))}")
    return "\n".join(lines) + "\n"


@given(settings_files() | st.text(max_size=200))
@example("[telegram]\nreload_seconds = nan\n")
@example("[conversation]\nidle_minutes = 1" + "0" * 400 + "\n")
@example('[archive]\npath = "a\\u0000b"\n')
def test_any_settings_file_gives_settings_in_range_or_a_config_error(tmp_path, text):
    user = tmp_path / "any.toml"
    user.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        settings = load_settings(user, environ={})
    except ConfigError as error:
        assert str(error)
        return
    assert 1 <= settings.k <= 20 and 40 <= settings.snippet_chars <= 1000 and settings.memory >= 512 * 2**20
    assert 0 < settings.telegram.reload_seconds < float("inf") and settings.telegram.rate_limit_per_minute >= 1
    assert settings.serve.processes == "auto" or settings.serve.processes >= 1


@given(st.binary(max_size=200))
def test_any_bytes_as_a_settings_file_give_settings_or_a_config_error(tmp_path, data):
    user = tmp_path / "bytes.toml"
    user.write_bytes(data)
    try:
        load_settings(user, environ={})
    except ConfigError:
        pass


def test_a_user_config_is_found_by_option_then_environment_then_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / ".config" / "archive-qa").mkdir(parents=True)
    (home / ".config" / "archive-qa" / "config.toml").write_text("[answers]\nk = 4\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    named = tmp_path / "named.toml"
    named.write_text("[answers]\nk = 5\n", encoding="utf-8")
    given = tmp_path / "given.toml"
    given.write_text("[answers]\nk = 6\n", encoding="utf-8")
    assert load_settings(environ={}).k == 4
    assert load_settings(environ={"ARCHIVE_QA_CONFIG": str(named)}).k == 5
    assert load_settings(given, environ={"ARCHIVE_QA_CONFIG": str(named)}).k == 6
