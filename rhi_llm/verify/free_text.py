"""Free text held to the letter: the words a backend gives as an answer must be the letter's.

A free-text answer (a `TextAnswer`'s value) and the words a choice or provider answer carries
beside its options (``detail``, ``agency``, ``team``) are the council's own words. A quote
found in the letter proves only the quote: the text itself must be found there too, after
normalising case, spacing, quote marks and dashes (as quotes are), whole or passage by
passage (a backend may join the sentences of an answer that run across lines, or leave out
another year's sentence between them), each passage exactly, normalised or by the verifier's
bounded fuzzy match. A passage that is nowhere in the letter fails ``free_text_not_in_letter``.

Text longer than `MAX_FREE_TEXT` characters fails ``free_text_too_long`` and is not searched
(an answer is a paragraph or two; a megabyte of it is not the council's answer), and the
output row shows it cut to that length (`bounded_text`).
"""

from __future__ import annotations

import re

from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import Choice, ProviderAnswer, TextAnswer
from rhi_llm.core.types import Check, CheckCode, Span
from rhi_llm.quotes import locate_quote, normalise_quote, reading_normalised
from rhi_llm.verify.injection import clip

MAX_FREE_TEXT = 4000
"""The longest free text kept as an answer (the rules backend keeps at most 2,000)."""

# where a passage of free text ends: a sentence's end, a line break, an ellipsis (text left
# out), a bullet; a semicolon or colon (a backend may leave out what follows one)
_PASSAGE_END = re.compile(r"(?<=[.!?;:])\s+|\s*\n\s*|\s*(?:\.\.\.|…)\s*|\s+[•·▪-]\s+")
_WORDS = re.compile(r"[^\W_]")


def free_texts(answer: object) -> list[tuple[str, str]]:
    """The free-text parts of an answer, as (what it is, its text)."""
    if isinstance(answer, TextAnswer):
        parts = [("answer", answer.value)]
    elif isinstance(answer, ProviderAnswer):
        parts = [("agency", answer.agency), ("team", answer.team), ("detail", answer.detail)]
    elif isinstance(answer, Choice):
        parts = [("detail", answer.detail)]
    else:
        return []
    return [(name, text) for name, text in parts if text and text.strip()]


def bounded_text(text: str) -> str:
    """A free text as an output row shows it: cut to `MAX_FREE_TEXT` characters, saying so."""
    if len(text) <= MAX_FREE_TEXT:
        return text
    return f"{text[:MAX_FREE_TEXT]} [... cut: {len(text):,} characters in all]"


def check_free_text(reading: LetterReading, field_id: str, answer: object) -> list[Check]:
    """A failed check for each free-text part of an answer that is too long or not the
    letter's words (none when every part is found in the letter)."""
    checks: list[Check] = []
    blocks = reading.answer_blocks(field_id)
    for name, text in free_texts(answer):
        if len(text) > MAX_FREE_TEXT:
            checks.append(_too_long(name, text))
            continue
        missing = _passage_not_in_letter(reading, text, blocks)
        if missing is not None:
            checks.append(
                Check(
                    code=CheckCode.FREE_TEXT_NOT_IN_LETTER,
                    passed=False,
                    message=f"the {name}'s words {clip(missing, 120)} are not in the letter: "
                    "free text must be the council's own words",
                )
            )
    return checks


def _too_long(name: str, text: str) -> Check:
    return Check(
        code=CheckCode.FREE_TEXT_TOO_LONG,
        passed=False,
        message=f"the {name} is {len(text):,} characters long, more than the "
        f"{MAX_FREE_TEXT:,} an answer may hold: it is not checked against the letter and is "
        f"shown cut to {MAX_FREE_TEXT:,} characters",
    )


def _passage_not_in_letter(reading: LetterReading, text: str, blocks: list[Span]) -> str | None:
    """The first passage of ``text`` that the letter does not hold (None when all are in it)."""
    whole = normalise_quote(text)
    if not whole or whole in reading_normalised(reading).text:
        return None
    for passage in _PASSAGE_END.split(text):
        if not passage or not _WORDS.search(passage):
            continue
        if locate_quote(reading, passage, blocks) is None:
            return passage
    return None
