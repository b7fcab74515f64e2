"""The last values made, by key: what a process answering for hours keeps of what it read, within
a bound, shared by the threads answering at once."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Recent(Generic[Value]):
    """At most ``size`` values, the least recently asked for let go first. A value is made outside
    the lock (it may be read from disk); two threads making one at once keep the first kept, so one
    key gives one object while it is kept (citations of one article are told apart by identity)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Value]) -> Value:
        """The value kept for ``key``, else the one ``make`` makes, kept."""
        value = self.kept(key)
        return self.keep(key, make()) if value is None else value

    def kept(self, key: Hashable) -> Value | None:
        """The value kept for ``key``, if it is, made the most recently asked for."""
        with self._lock:
            value = self._kept.get(key)
            if value is not None:
                self._kept.move_to_end(key)
            return value

    def keep(self, key: Hashable, value: Value) -> Value:
        """``value`` kept for ``key``, unless another thread kept one meanwhile: the one kept."""
        with self._lock:
            value = self._kept.setdefault(key, value)
            if len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value
