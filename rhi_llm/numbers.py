"""Numbers in letter text: every mention, its value, and what kind of number it is.

Both the rules extractor and the verifier need to tell a figure ("1,429 incidents") from the
numbers that are not answers: dates, years, statute sections ("section 12"), money and hours of
a cost-limit calculation, phone numbers, postcodes, reference numbers, house numbers and
ordinals. One scanner here classifies them all, so the two stages agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rhi_llm.core.types import NumberKind, NumberMention

_UNITS = {
    "zero": 0,
    "nil": 0,
    "none": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
# "one hundred and twelve", "fifty-two", "six"; "none"/"nil" only stand alone.
_WORDS_NUMBER = re.compile(rf"\b(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*\b", re.IGNORECASE)
_DIGITS_NUMBER = re.compile(
    r"(?<![\w.,/£$])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w/])"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?",
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE_PATTERNS = [
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{4}}\b", re.I),
    re.compile(rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.I),
    re.compile(rf"\b{_MONTHS}\s+\d{{4}}\b", re.I),
    re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
]
_YEAR_SPAN = re.compile(r"\b(?:19|20)\d{2}\s*(?:/|-|–|to)\s*(?:(?:19|20)?\d{2})\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_STATUTE = re.compile(
    r"\b(?:section|sections|s\.|s|regulation|reg\.|paragraph|para\.?|article|schedule|part)"
    r"\s?\d+(?:\.\d+)*(?:\s?\(\d+\))*(?:\s?\([a-z]\))*"
    r"(?:\s*(?:,|and|or|&)\s*\d+(?:\.\d+)*(?:\s?\(\d+\))*)*",
    re.IGNORECASE,
)
_MONEY = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|million))?", re.IGNORECASE)
_DURATION = re.compile(
    r"\b\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?(?:\s*-\s*|\s*)(?:hours?|hrs?|minutes?|mins?|"
    r"working days?|calendar days?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
_REFERENCE = re.compile(
    r"\b(?:ref(?:erence)?|request(?:\s+id)?|foi|eir|case|our ref|your ref|id)\b"
    r"[\s.:#/-]*(?:no\.?|number)?[\s.:#]*[A-Z]*[\d/_-]*\d[\w/_-]*",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"\b(?i:po box|p\.o\. box)\s*\d+|\b\d+[a-zA-Z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|Road|Lane|Avenue|Way|Place|Square|Close|Drive|House|Hall|Court|Walk|Row|"
    r"Terrace|Gardens|Crescent|Park|Quay|Parade|Green)\b"
)
_QUESTION_REFERENCE = re.compile(
    r"\b(?:questions?|q|(?:our |the |your )?answers?(?: to)?|parts?)\s*\.?\s*\d{1,2}[a-d]?"
    r"(?:\s*(?:to|-|–|and|&|,|or)\s*\d{1,2}[a-d]?)*\b(?![.,]\d|\s*%)",
    re.IGNORECASE,
)
# A question's number opening a line or a table row: "5. The council ...", "7   Return
# interviews declined   84", "3 - The ...", "6c(ii) | Counted in hours"
_LINE_MARKER = re.compile(
    r"^[ \t>*#•-]*(?:Q(?:uestion)?\s*\.?\s*)?(\d{1,2})(?:[a-h])?(?:\s*\((?:i{1,3}|iv|v)\))?"
    r"(?=[.):][ \t]+\S|[ \t]*\|[ \t]*[A-Za-z]|[ \t]{2,}[A-Za-z]|[ \t]+[-–][ \t]+[A-Za-z])",
    re.MULTILINE | re.IGNORECASE,
)
_PART_REFERENCE = re.compile(
    r"\b(?:table|note|notes|appendix|annex|annexe|chart|figure|section|paragraph|point)\s+"
    r"[A-Z]?\d{1,2}[a-z]?\b(?!,\d)",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?(?!\d)|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|\b\d{1,2}[:.]?\d{2}\s*(?:hrs|hours)\b(?=[^.\n]{0,20}\b(?:on|every|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|weekday))",
    re.IGNORECASE,
)
_PAGE = re.compile(r"\bpage\s+\d+(?:\s*(?:of|/)\s*\d+)?\b", re.IGNORECASE)
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)
_RANGE = re.compile(r"\b\d+\s*(?:-|–)\s*\d+\b(?!\s*%)")


def words_to_number(text: str) -> float | None:
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        return None
    total, current = 0, 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return float(total + current)


_BLOCKING: tuple[tuple[re.Pattern[str], NumberKind], ...] = (
    *((pattern, "date") for pattern in _DATE_PATTERNS),
    (_YEAR_SPAN, "year"),
    (_STATUTE, "statute"),
    (_MONEY, "money"),
    (_PHONE, "phone"),
    (_POSTCODE, "postcode"),
    (_REFERENCE, "reference"),
    (_ADDRESS, "address"),
    (_ORDINAL, "ordinal"),
)


def _digit_windows(text: str, reach: int = 60) -> list[tuple[int, int]]:
    """Stretches of text around its digits: every blocking pattern needs a digit, so only
    these are scanned (a letter is mostly words)."""
    windows: list[tuple[int, int]] = []
    for match in re.finditer(r"\d+", text):
        start, end = max(0, match.start() - reach), min(len(text), match.end() + reach)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _blocked_spans(text: str) -> list[tuple[int, int, NumberKind]]:
    spans: list[tuple[int, int, NumberKind]] = []
    for start, end in _digit_windows(text):
        window = text[start:end]
        for pattern, kind in _BLOCKING:
            for m in pattern.finditer(window):
                if kind == "reference" and not re.search(r"\d", m.group(0)):
                    continue
                spans.append((m.start() + start, m.end() + start, kind))
    spans += [(m.start(), m.end(), "page") for m in _PAGE.finditer(text)]
    spans += [(m.start(1), m.end(1), "marker") for m in _LINE_MARKER.finditer(text)]
    spans += [(m.start(), m.end(), "reference") for m in _QUESTION_REFERENCE.finditer(text)]
    spans += [(m.start(), m.end(), "reference") for m in _PART_REFERENCE.finditer(text)]
    spans += [(m.start(), m.end(), "time") for m in _CLOCK.finditer(text)]
    return spans


def _coverage(spans: list[tuple[int, int, NumberKind]]) -> dict[int, tuple[int, NumberKind]]:
    """Offset -> (end of the first span covering it, its kind): a constant-time lookup."""
    covered: dict[int, tuple[int, NumberKind]] = {}
    for b_start, b_end, kind in spans:
        for offset in range(b_start, b_end):
            covered.setdefault(offset, (b_end, kind))
    return covered


def _kind_at(start: int, end: int, covered: dict[int, tuple[int, NumberKind]]) -> NumberKind:
    hit = covered.get(start)
    return hit[1] if hit is not None and end <= hit[0] else "figure"


_SLASHED = re.compile(
    r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{2,4})\b"  # 01/04/2023
    r"|\b(?P<y1>(?:19|20)\d{2})\s*[/-]\s*(?P<y2>\d{2}(?:\d{2})?)\b"  # 2016/17, 2022-2023
)


def _slashed_mentions(text: str) -> list[NumberMention]:
    """Numbers inside dates and year spans, which the figure scanner leaves out."""
    found: list[NumberMention] = []
    for match in _SLASHED.finditer(text):
        kind: NumberKind = "date" if match.group("a") else "year"
        for group in ("a", "b", "c", "y1", "y2"):
            if match.group(group):
                start, end = match.span(group)
                found.append(
                    NumberMention(
                        value=float(match.group(group)),
                        start=start,
                        end=end,
                        text=match.group(group),
                        percent=False,
                        kind=kind,
                    )
                )
    return found


@lru_cache(maxsize=4096)
def find_numbers(text: str) -> tuple[NumberMention, ...]:
    """Every number mention in a text, in order, each with its kind."""
    found = _digit_mentions(text) + _word_mentions(text)
    taken = {m.start for m in found}
    found += [m for m in _slashed_mentions(text) if m.start not in taken]
    found.sort(key=lambda m: m.start)
    return tuple(found)


def _digit_mentions(text: str) -> list[NumberMention]:
    blocked = _coverage(_blocked_spans(text))
    durations = _coverage([(m.start(), m.end(), "duration") for m in _DURATION.finditer(text)])
    ranges = _coverage([(m.start(), m.end(), "range") for m in _RANGE.finditer(text)])
    found: list[NumberMention] = []
    for match in _DIGITS_NUMBER.finditer(text):
        start, end = match.span("num")
        raw = match.group("num")
        percent = bool(match.group("pct"))
        kind = _kind_at(start, end, blocked)
        if kind == "figure" and not percent:
            if _YEAR.fullmatch(raw) and not _counts_something(text, start, end):
                kind = "year"
            else:
                kind = _kind_at(start, end, durations)
                if kind == "figure":
                    kind = _kind_at(start, end, ranges)
        full_end = match.end() if percent else end
        found.append(
            NumberMention(
                value=float(raw.replace(",", "")),
                start=start,
                end=full_end,
                text=text[start:full_end],
                percent=percent,
                kind=kind,
            )
        )
    return found


_COUNT_NOUN = re.compile(
    r"[ \t]*(?:[a-z]+[ \t]+)?(?:children|child|young|individuals?|incidents?|episodes?|"
    r"interviews?|rhis?|offers?|cases|referrals?|occasions?|looked)\b",
    re.IGNORECASE,
)


def _counts_something(text: str, start: int, end: int) -> bool:
    """'2017' is a year, but '2017 episodes' or a bare '2017' answer line is a count."""
    if _COUNT_NOUN.match(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return bool(re.fullmatch(r"[ \t]*(?:Q?\d{1,2}[a-h]?[.):][ \t]*)?\d{4}\.?[ \t]*", line))


_WORD_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
_WORD_DURATION = re.compile(r"\s*(?:hours?|minutes?|days?|weeks?|months?|years?)\b", re.IGNORECASE)


def _word_mentions(text: str) -> list[NumberMention]:
    found: list[NumberMention] = []
    for match in _WORDS_NUMBER.finditer(text):
        words = match.group(0)
        if words.lower() in {"none", "nil", "zero"} and not _stands_alone(text, match):
            continue
        if words.lower() == "one" and _is_pronoun_one(text, match.end()):
            continue
        value = words_to_number(words)
        if value is None:
            continue
        end = match.end()
        pct = _WORD_PERCENT.match(text, end)
        if pct:
            end = pct.end()
        duration = _WORD_DURATION.match(text, match.end())
        found.append(
            NumberMention(
                value=value,
                start=match.start(),
                end=end,
                text=text[match.start() : end],
                percent=bool(pct),
                kind="duration" if duration else "figure",
                in_words=True,
            )
        )
    return found


def _stands_alone(text: str, match: re.Match[str]) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(line.split()) <= 3


def _is_pronoun_one(text: str, end: int) -> bool:
    """'one of the', 'no one', 'this one': not a count."""
    after = text[end : end + 8].lower()
    before = text[max(0, end - 10) : end - 3].lower()
    return after.startswith((" of", " another", "'s")) or before.endswith(
        ("no ", "this ", "that ", "any ")
    )


def figures(text: str) -> list[NumberMention]:
    return [m for m in find_numbers(text) if m.is_figure]


def same_number(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}" if round(value, 1) == value else f"{value:,}"
