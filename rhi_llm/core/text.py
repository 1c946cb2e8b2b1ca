"""Small text and time helpers every layer uses: one of each, here."""

from __future__ import annotations

import re
from datetime import UTC, datetime


def utc_now(*, precise: bool = False) -> str:
    """The time now in UTC, ISO 8601: to the second, or (``precise``) to the microsecond."""
    shape = "%Y-%m-%dT%H:%M:%S.%fZ" if precise else "%Y-%m-%dT%H:%M:%SZ"
    return datetime.now(UTC).strftime(shape)


def file_name(path: str) -> str:
    """The last part of a path written with / or \\ (a letter's file name)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def one_line(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space."""
    return " ".join(text.split())


_BYTES_REPR = re.compile(r"\bb'(?:[^'\\]|\\.)*'" + r'|\bb"(?:[^"\\]|\\.)*"')


def parser_message(exc: BaseException) -> str:
    """A parser's message, short, for a parenthesis after plain words: its first line, with
    the raw bytes it quotes from the file (b'...') left out."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _BYTES_REPR.sub("...", text)[:120]
