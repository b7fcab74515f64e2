"""What every front end keeps about its readers: how often they ask, and their verdicts."""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Hashable
from datetime import datetime, timezone
from pathlib import Path

from retrieval import Reading

from . import render


class RateLimiter:
    """At most ``per_minute`` questions per reader (a user id, a client address) in any 60 seconds."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._asked: defaultdict[Hashable, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, reader: Hashable) -> bool:
        now = self.clock()
        with self._lock:
            asked = self._asked[reader]
            while asked and now - asked[0] >= 60:
                asked.popleft()
            if len(asked) >= self.per_minute:
                return False
            asked.append(now)
            return True


class FeedbackLog:
    """👍/👎 verdicts as JSON lines, for ``archive-qa eval``; no names, user ids or addresses, only
    where the verdict came from (a Telegram chat type, or ``web``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, question: str, reading: Reading, verdict: str, origin: str) -> None:
        entry = {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "chat_type": origin,
            "question": question,
            "verdict": verdict,
            "hits": [
                {key: value for key, value in render.hit_json(hit).items() if key != "text"}
                for hit in reading.answer.entries[: reading.shown]
            ],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self.path.open("a", encoding="utf-8", errors="backslashreplace") as log_file:
            log_file.write(json.dumps(entry, ensure_ascii=False) + "\n")  # names not UTF-8 as escapes
