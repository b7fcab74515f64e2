"""The errors the library raises on purpose, under one base class.

Their messages are for logs and developers; front ends tell people what happened in their own
words, from the error's type (and a question's ``reason``).
"""

from __future__ import annotations


class ArchiveQAError(Exception):
    """Base of every error archive-qa raises on purpose."""


class BadQuestion(ArchiveQAError, ValueError):
    """A question with nothing to search; ``reason`` says why (one of the constants below)."""

    EMPTY = "empty"
    NO_TEXT = "no_text"  # only emoji, symbols or punctuation
    SMALL_TALK = "small_talk"  # a greeting, thanks or a request for help, said alone
    NOTHING_ASKED = "nothing_asked"  # 更多 typed before any question (or after the conversation expired)
    NOTHING_MORE = "nothing_more"  # 更多 typed when every entry of the answer has been shown

    def __init__(self, reason: str) -> None:
        super().__init__(f"a question with nothing to search ({reason})")
        self.reason = reason

    def __reduce__(self):  # pickled with its reason, e.g. from a worker process
        return (type(self), (self.reason,))


class ArchiveError(ArchiveQAError):
    """The archive as a whole cannot be used (missing, empty, not a folder)."""


class StoreError(ArchiveQAError):
    """The stored index cannot be used (missing, damaged, or from another version)."""
