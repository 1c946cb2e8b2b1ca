"""Readers below the letter loader: OCR, spreadsheets, word processors, Outlook messages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rhi_llm.core.errors import CorruptLetter, LetterError
from rhi_llm.core.text import parser_message


@contextmanager
def damaged_as_corrupt(path: str, what: str) -> Iterator[None]:
    """A library's error on a damaged file, as one line naming the file (``what``: "the
    spreadsheet"); our own `LetterError` passes through as it is."""
    try:
        yield
    except LetterError:
        raise
    except RecursionError:
        raise CorruptLetter(f"{what} is nested too deeply to read", path=path) from None
    except Exception as exc:  # parsers raise a wide range of errors on junk files
        raise CorruptLetter(f"{what} is damaged ({parser_message(exc)})", path=path) from None
