"""Small text and time helpers every layer uses: one of each, here."""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import UTC, datetime


def utc_now(*, precise: bool = False) -> str:
    """The time now in UTC, ISO 8601: to the second, or (``precise``) to the microsecond."""
    shape = "%Y-%m-%dT%H:%M:%S.%fZ" if precise else "%Y-%m-%dT%H:%M:%SZ"
    return datetime.now(UTC).strftime(shape)


def file_name(path: str) -> str:
    """The last part of a path written with / or \\ (a letter's file name)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


# what a terminal or a reader may act on or not show: C0 and C1 controls (ESC starts the
# sequences that move the cursor, clear the screen or plant links), format characters
# (bidirectional overrides, zero-width marks), line and paragraph separators, surrogates
_UNSHOWN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with every character a terminal could act on, or that a reader would not
    see, written as an escape (``\\x1b``, ``\\u202e``), and every byte of a file name that
    was not UTF-8 (Python's surrogate escapes) as ``\\xNN``. Tabs and line breaks are
    escaped too (the result is one line) unless ``lines``. Idempotent: printable text comes
    back the same."""
    if text.isprintable():  # the common case, fast (spaces count as printable)
        return text
    kept = "\n\t" if lines else ""
    return "".join(ch if ch in kept else _shown_char(ch) for ch in text)


def _shown_char(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not read as UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if ch == " " or unicodedata.category(ch) not in _UNSHOWN:
        return ch
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as rhi-llm writes it everywhere (screen, run store, report, exports): the
    real path's text with undecodable bytes and control or invisible characters escaped
    (`printable`). The real `Path` is kept only to open the file."""
    return printable(os.fspath(path))


def one_line(text: str) -> str:
    """Runs of whitespace (line breaks included) as one space."""
    return " ".join(text.split())


_BYTES_REPR = re.compile(r"\bb'(?:[^'\\]|\\.)*'" + r'|\bb"(?:[^"\\]|\\.)*"')


def parser_message(exc: BaseException) -> str:
    """A parser's message, short, for a parenthesis after plain words: its first line, with
    the raw bytes it quotes from the file (b'...') left out."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _BYTES_REPR.sub("...", text)[:120]


COUNCIL_CONNECTORS = frozenset(("and", "of", "upon", "the", "on", "-", "&"))
_AUTHORITY_WORDS = frozenset(
    ("council", "borough", "county", "city", "district", "metropolitan", "authority")
)


def looks_like_council_name(name: str) -> bool:
    """Is ``name`` written as a council styles its own name: every word but a connector
    ('and', 'of', 'upon') capitalised, a capitalised 'Council' (or Borough, County, ...) in
    it, and a word of its own besides? 'Police reports passed to the council' and 'No
    council' are words about a council, not its name."""
    words = name.replace("-", " - ").split()
    own = [w for w in words if w.casefold() not in COUNCIL_CONNECTORS]
    if any(not (w[0].isupper() or w[0].isdigit()) for w in own):
        return False
    authority = [w for w in own if w.casefold().strip(".,") in _AUTHORITY_WORDS]
    named = [w for w in own if w.casefold().strip(".,") not in _AUTHORITY_WORDS]
    return bool(authority) and bool(named)
