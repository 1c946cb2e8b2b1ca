"""Letter metadata the rules can read: council, reference, date of the reply, period covered."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rhi_llm.core.reading import LetterReading
from rhi_llm.core.text import COUNCIL_CONNECTORS, looks_like_council_name

_COUNCIL = re.compile(r"\b((?:[A-Za-z'’]+[ -]){1,5}council)\b", re.IGNORECASE)
_NOT_A_NAME = {
    "the",
    "dear",
    "your",
    "our",
    "by",
    "from",
    "of",
    "to",
    "a",
    "this",
    "that",
    "with",
    "and",
    "for",
    "in",
    "at",
    "on",
    "city",
    "county",
    "borough",
}


def _council(text: str) -> str | None:
    """The first proper council name ('Brackley and Denholm Council', not 'The Council'):
    the capitalised words that run up to a capitalised 'Council' ('Crown copyright or
    Bramwell Fen Council' gives 'Bramwell Fen Council'; 'passed to the council' gives none)."""
    for match in _COUNCIL.finditer(text):
        words = _capitalised_run(match.group(1).replace("-", " - ").split())
        while words and (words[0].lower() in _NOT_A_NAME or not words[0][0].isupper()):
            words = words[1:]
        if len(words) < 2:
            continue
        name = " ".join(words).replace(" - ", "-")
        if not looks_like_council_name(name):
            continue
        if name.isupper():
            name = re.sub(r"\b(And|Of|Upon|The|On)\b", lambda m: m.group(1).lower(), name.title())
        return name
    return None


def _capitalised_run(words: list[str]) -> list[str]:
    """The words at the end that are capitalised, or connectors between capitalised ones."""
    start = len(words)
    while start > 0:
        word = words[start - 1]
        if not (word[0].isupper() or word.lower() in COUNCIL_CONNECTORS):
            break
        start -= 1
    return words[start:]


_REFERENCE = re.compile(
    r"\b(?:our ref(?:erence)?|your ref(?:erence)?|foi ref(?:erence)?|request (?:id|number|ref"
    r"(?:erence)?)|reference(?: number)?|ref(?:erence)? no\.?|case (?:number|ref))\b[\s:.#*]*"
    r"([A-Z0-9][\w/.-]*\d[\w/-]*)",
    re.IGNORECASE,
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+("
    + "|".join(m[:3] + r"[a-z]*" for m in _MONTHS)
    + r")\.?,?\s+(\d{4})\b|\b(\d{1,2})/(\d{1,2})/(\d{4})\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"(?:^|\n)\s*(?:\**date(?: of (?:response|reply))?\**:?\**|sent:|dated)"
    r"\s*$",
    re.IGNORECASE,
)


def _iso(match: re.Match[str]) -> str | None:
    try:
        if match.group(1):
            month = next(
                i for i, m in enumerate(_MONTHS, 1) if match.group(2).lower().startswith(m[:3])
            )
            return date(int(match.group(3)), month, int(match.group(1))).isoformat()
        return date(int(match.group(6)), int(match.group(5)), int(match.group(4))).isoformat()
    except ValueError:
        return None


def _response_date(head: str) -> str | None:
    """The letter's own date: one on a line of its own or after 'Date:'/'Sent:', else none."""
    for match in _DATE.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        line_end = head.find("\n", match.end())
        line = head[line_start : line_end if line_end >= 0 else len(head)]
        before = head[line_start : match.start()]
        alone = len(line.strip()) <= len(match.group(0)) + 12 and not re.search(
            r"request|received|of your|published|updated", line, re.IGNORECASE
        )
        bare = line.strip().strip(",.") == match.group(0)  # the date is all its line holds
        label = _label_above(head, line_start) if bare else ""
        if re.search(r"request|received|published|updated|of your", label, re.IGNORECASE):
            continue  # a disclosure log's 'Date received' / 'Published', its value below it
        if alone or _DATE_LABEL.search(head[:line_start] + before):
            return _iso(match)
    return None


def _label_above(head: str, line_start: int) -> str:
    """The nearest line above that holds words but no date: a label in a table whose
    cells a web page or a Word table gives one to a line ('Date received' / '17 May 2018')."""
    above = head[:line_start].rstrip().rsplit("\n", 1)[-1].strip()
    return "" if _DATE.search(above) or len(above) > 40 else above


def letter_metadata(reading: LetterReading) -> dict[str, Any]:
    text = reading.text
    first_question = min((q.question.start for q in reading.qmap.questions), default=2000)
    head = text[: max(first_question, 400)]
    council = _council(head) or _council(text)
    reference = _REFERENCE.search(head)
    asked = reading.spec.period if reading.spec is not None else None
    return {
        "council": council,
        "reference": reference.group(1).rstrip(".") if reference else None,
        "response_date": _response_date(head),
        "period": {"start": asked.start, "end": asked.end} if asked else None,
    }
