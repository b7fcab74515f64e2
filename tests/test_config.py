from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

from conftest import SEEDS


def test_defaults_serve_the_bundled_seeds():
    settings = load_settings(environ={})
    assert settings.archive == SEEDS.resolve()
    assert (settings.k, settings.telegram.rate_limit_per_minute, settings.telegram.allowed_chat_ids) == (3, 20, [])


def test_a_user_file_overrides_and_relative_paths_are_taken_from_it(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text('[archive]\npath = "pages"\n[answers]\nk = 5\n[telegram]\nallowed_chat_ids = [1, -2]\n',
                    encoding="utf-8")
    settings = load_settings(user, environ={})
    assert settings.archive == tmp_path / "pages"
    assert settings.k == 5 and settings.telegram.allowed_chat_ids == [1, -2]


def test_environment_overrides_files(tmp_path):
    settings = load_settings(environ={"ARCHIVE_QA_ARCHIVE": str(tmp_path), "TELEGRAM_BOT_TOKEN": "1:x",
                                      "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"})
    assert settings.archive == tmp_path and settings.telegram.token == "1:x"
    assert settings.telegram.api_base_url == "http://127.0.0.1:8081/bot"


@pytest.mark.parametrize("text, named", [
    ("[answers]\nkk = 3\n", "answers.kk"),
    ("[answer]\nk = 3\n", "[answer]"),
    ("[answers]\nk = \"three\"\n", "answers.k"),
    ("[answers]\nk = 0\n", "answers.k"),
    ("[telegram]\nallowed_chat_ids = [\"me\"]\n", "allowed_chat_ids"),
    ("[telegram]\napi_base_url = \"ftp://x\"\n", "api_base_url"),
    ("[telegram\n", "not valid TOML"),
])
def test_wrong_keys_and_values_are_named(tmp_path, text, named):
    user = tmp_path / "bad.toml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=named.replace("[", r"\[")):
        load_settings(user, environ={})


def test_missing_config_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(Path(tmp_path / "nope.toml"), environ={})
