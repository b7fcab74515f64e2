"""Settings: the defaults in config/archive-qa.toml, a user's file, then the environment.

A wrong key or value stops with a message naming it, before anything starts.
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retrieval import DEFAULT_MEMORY
from retrieval.resources import bundled

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULTS = bundled("config") / "archive-qa.toml"
USER_CONFIG = Path("~/.config/archive-qa/config.toml")  # read when neither --config nor $ARCHIVE_QA_CONFIG names one


class ConfigError(ValueError):
    pass


@dataclass
class TelegramSettings:
    token: str = ""
    api_base_url: str = "https://api.telegram.org/bot"
    rate_limit_per_minute: int = 20
    allowed_chat_ids: list[int] = field(default_factory=list)
    feedback_log: Path = Path("~/.local/share/archive-qa/feedback.jsonl")
    results_kept: int = 1000
    reload_seconds: float = 30.0
    webhook_secret: str = ""  # sent by Telegram with every webhook update; empty: a random one each start


@dataclass
class ServeSettings:
    host: str = "127.0.0.1"  # loopback unless told otherwise: put a reverse proxy in front
    port: int = 8000
    token: str = ""  # when set, /api/* wants "Authorization: Bearer <token>"
    rate_limit_per_minute: int = 30  # questions per client address
    conversations_kept: int = 10000  # web readers' conversations kept (least recently used go first)
    # worker processes answering (each ~300 MB; they share the index's page cache); "auto": one a
    # core this process may use, at most four (``desks.count_of``)
    processes: int | str = "auto"


@dataclass
class Settings:
    archive: Path
    k: int = 3
    snippet_chars: int = 160
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    cache: Path | None = None  # where the index is kept; None: ~/.cache/archive-qa/<archive>
    idle_minutes: float = 30.0  # a conversation left this long starts over
    serve: ServeSettings = field(default_factory=ServeSettings)
    memory: int = DEFAULT_MEMORY  # bytes a build, and a process answering, stays within (--memory)


_SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "archive": {"path": str, "cache": str, "memory": str},
    "answers": {"k": int, "snippet_chars": int},
    "conversation": {"idle_minutes": (int, float)},
    "serve": {
        "host": str,
        "port": int,
        "token": str,
        "rate_limit_per_minute": int,
        "conversations_kept": int,
        "processes": (int, str),
    },
    "telegram": {
        "token": str,
        "api_base_url": str,
        "rate_limit_per_minute": int,
        "allowed_chat_ids": list,
        "feedback_log": str,
        "results_kept": int,
        "reload_seconds": (int, float),
    },
}


def _read(path: Path) -> dict[str, Any]:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    for section, values in table.items():
        if section not in _SCHEMA:
            raise ConfigError(f"{path}: unknown section [{section}] (known: {', '.join(_SCHEMA)})")
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: [{section}] must be a table")
        for key, value in values.items():
            expected = _SCHEMA[section].get(key)
            if expected is None:
                raise ConfigError(f"{path}: unknown key {section}.{key} (known: {', '.join(_SCHEMA[section])})")
            if not isinstance(value, expected) or isinstance(value, bool):
                names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
                raise ConfigError(f"{path}: {section}.{key} must be {names}, not {value!r}")
            if isinstance(value, str) and "\x00" in value:
                raise ConfigError(f"{path}: {section}.{key} holds a NUL character")
            if isinstance(value, int) and not -(2**63) <= value < 2**63:  # TOML integers are 64-bit
                raise ConfigError(f"{path}: {section}.{key} is out of range: {str(value)[:20]}…")
            if isinstance(value, float) and not math.isfinite(value):
                raise ConfigError(f"{path}: {section}.{key} must be a finite number, not {value!r}")
    return table


def load_settings(user_file: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """The defaults, then the user's file (``user_file``, else ``$ARCHIVE_QA_CONFIG``, else
    ``~/.config/archive-qa/config.toml`` when it exists), then the environment."""
    environ = os.environ if environ is None else environ
    if user_file is None and environ.get("ARCHIVE_QA_CONFIG"):
        user_file = Path(environ["ARCHIVE_QA_CONFIG"])
    if user_file is None and USER_CONFIG.expanduser().is_file():
        user_file = USER_CONFIG
    merged: dict[str, dict[str, Any]] = {section: {} for section in _SCHEMA}
    origin: dict[str, Path] = {}
    for path in (DEFAULTS, user_file):
        if path is None:
            continue
        for section, values in _read(Path(path).expanduser()).items():
            merged[section].update(values)
            if "path" in values and section == "archive":
                origin["archive"] = Path(path).expanduser().resolve().parent
    archive = Path(merged["archive"].get("path", "seeds")).expanduser()
    if not archive.is_absolute():
        archive = origin.get("archive", Path.cwd()) / archive
    if environ.get("ARCHIVE_QA_ARCHIVE"):
        archive = Path(environ["ARCHIVE_QA_ARCHIVE"]).expanduser()
    answers = merged["answers"]
    telegram = TelegramSettings(**{**merged["telegram"]})
    telegram.feedback_log = Path(str(telegram.feedback_log)).expanduser()
    if environ.get("TELEGRAM_BOT_TOKEN"):
        telegram.token = environ["TELEGRAM_BOT_TOKEN"]
    if environ.get("TELEGRAM_WEBHOOK_SECRET"):
        telegram.webhook_secret = environ["TELEGRAM_WEBHOOK_SECRET"]
    if environ.get("TELEGRAM_API_BASE_URL"):
        telegram.api_base_url = environ["TELEGRAM_API_BASE_URL"]
    cache = merged["archive"].get("cache") or None  # None: a folder per archive under $ARCHIVE_QA_CACHE
    settings = Settings(
        archive.resolve(),
        answers.get("k", 3),
        answers.get("snippet_chars", 160),
        telegram,
        Path(cache).expanduser() if cache else None,
        float(merged["conversation"].get("idle_minutes", 30)),
        ServeSettings(**merged["serve"]),
    )
    if "memory" in merged["archive"]:
        try:
            settings.memory = byte_size(merged["archive"]["memory"])
        except ValueError as error:
            raise ConfigError(f"archive.memory: {error}") from None
    if environ.get("ARCHIVE_QA_SERVE_TOKEN"):
        settings.serve.token = environ["ARCHIVE_QA_SERVE_TOKEN"]
    _check(settings)
    return settings


def byte_size(text: str) -> int:
    """``2G``, ``500M``, ``64k`` or bytes, as ``--memory`` and ``archive.memory`` take them; at least
    512M (jieba, the models and a page-reading worker need about that)."""
    number, unit = text.strip().upper().removesuffix("B"), 1
    if number[-1:] in _UNITS:
        number, unit = number[:-1], _UNITS[number[-1]]
    try:
        size = int(float(number) * unit)
    except (ValueError, OverflowError):
        raise ValueError(f"not a size: {text!r} (try 500M or 2G)") from None
    if size < 512 * 2**20:
        raise ValueError(f"{text!r} is too little memory to work in (512M at least)")
    return size


_UNITS = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


def _check(settings: Settings) -> None:
    if settings.k < 1 or settings.k > 20:
        raise ConfigError(f"answers.k must be between 1 and 20, not {settings.k}")
    if not 40 <= settings.snippet_chars <= 1000:
        raise ConfigError(f"answers.snippet_chars must be between 40 and 1000, not {settings.snippet_chars}")
    serve = settings.serve
    if not 0 <= serve.port <= 65535:
        raise ConfigError(f"serve.port must be between 0 and 65535, not {serve.port}")
    if serve.rate_limit_per_minute < 1 or serve.conversations_kept < 1:
        raise ConfigError("serve.rate_limit_per_minute and serve.conversations_kept must be at least 1")
    if serve.processes != "auto" and not (isinstance(serve.processes, int) and serve.processes >= 1):
        raise ConfigError(f'serve.processes must be 1 or more, or "auto", not {serve.processes!r}')
    if settings.idle_minutes <= 0:
        raise ConfigError(f"conversation.idle_minutes must be positive, not {settings.idle_minutes}")
    telegram = settings.telegram
    if telegram.rate_limit_per_minute < 1:
        raise ConfigError("telegram.rate_limit_per_minute must be at least 1")
    if telegram.reload_seconds <= 0:
        raise ConfigError("telegram.reload_seconds must be positive")
    if telegram.results_kept < 1:
        raise ConfigError("telegram.results_kept must be at least 1")
    if not all(isinstance(chat, int) and not isinstance(chat, bool) for chat in telegram.allowed_chat_ids):
        raise ConfigError("telegram.allowed_chat_ids must be a list of integer chat ids")
    if telegram.webhook_secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", telegram.webhook_secret):
        raise ConfigError("telegram.webhook_secret must be 1 to 256 of A-Z, a-z, 0-9, _ and -")
    if not telegram.api_base_url.startswith(("http://", "https://")):
        raise ConfigError(f"telegram.api_base_url must be an http(s) URL, not {telegram.api_base_url!r}")
