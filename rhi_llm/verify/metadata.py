"""A letter's metadata held to the letter: who wrote it, its reference, its date, its period.

A backend's council, reference, response date and period are kept only when the letter says
them; each that it does not fails its check and is dropped to unknown (`grounded_metadata`).
Metadata has no verdict of its own in the output row, the review queue or the exports (it is
a plain column), so a flag could not travel with it: an unknown council is never a wrong one,
and the letter's file still names it.

* **council**: the distinctive words of the name (not "council", "borough", "city", ...)
  stand in the letter in order, next to what makes them a council's name ("... Council",
  "... Metropolitan Borough Council", "London Borough of ...", "MBC", a ``.gov.uk``
  address); or they are all in the letter's file name. Case, punctuation, a possessive 's and
  the generic words of a council's name aside ("Northbridge Council" for "Northbridge Borough
  Council"), never a word spelt otherwise (a name a letter away is another council's);
* **reference**: its letters and digits, in order, start and end at word boundaries of the
  letter (or the file name), whatever separators either uses ("FOI/2018/0042" is "FOI 2018
  0042");
* **response date**: a real day that the letter writes as a date, in any common form, and
  not as a period's first or last day or the date of the request;
* **period**: the period the questionnaire asks, or both of its days written in the letter,
  or the financial year it spans named there ("2017/18", "2017-2018").
"""

from __future__ import annotations

import re
from datetime import date

from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import Period, SurveyResponse
from rhi_llm.core.text import looks_like_council_name
from rhi_llm.core.types import Check, CheckCode
from rhi_llm.verify.injection import clip

# words that make the words before or after them a council's name
_AUTHORITY = frozenset(("council", "borough", "county", "city", "district", "metropolitan"))
_AUTHORITY |= {"authority", "mbc", "bc", "cc", "dc", "lbc", "rbc", "gov"}
# words every council's name may carry, that tell no council from another
_GENERIC = _AUTHORITY | {"royal", "london", "unitary", "shire", "uk"}
_GENERIC |= {"of", "the", "and", "upon", "on", "in"}
# what may stand between the words of a council's name and its "Council" ("Brackley and
# Denholm Council", "London Borough of Hackney"), not "in" ("the coordinator in the council")
_CONNECTORS = _GENERIC - {"in"}
NEAR = 4  # at most so many words between a council's name and what makes it a council's

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATES = (
    # 14 June 2018, 14th of June, 2018
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})\b", re.I),
        "dmy",
    ),
    # June 14, 2018
    (re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    # 14/06/2018, 14.06.2018, 14-06-2018 (day first, as English letters write it)
    (re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b"), "dmy-numeric"),
    # 2018-06-14
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
)


def check_metadata(reading: LetterReading, response: SurveyResponse) -> dict[str, Check]:
    """A check for each metadata item the response gives."""
    checks: dict[str, Check] = {}
    if response.council:
        checks["council"] = _council(reading, response.council)
    if response.reference:
        checks["reference"] = _reference(reading, response.reference)
    if response.response_date:
        checks["response_date"] = _response_date(reading, response.response_date)
    if response.period and (response.period.start or response.period.end):
        checks["period"] = _period(reading, response.period)
    return checks


def grounded_metadata(response: SurveyResponse, checks: dict[str, Check]) -> SurveyResponse:
    """The response with each metadata item whose check failed dropped to unknown."""
    dropped = {name: None for name, check in checks.items() if not check.passed}
    return response.model_copy(update=dropped) if dropped else response


def _passed(message: str) -> Check:
    return Check(code=CheckCode.METADATA, passed=True, message=message)


def _failed(message: str) -> Check:
    return Check(code=CheckCode.METADATA, passed=False, message=message)


# --------------------------------------------------------------------------------------------
# The council
# --------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    text = re.sub(r"['’]s\b", "", text.casefold())
    return re.findall(r"[^\W_]+", text.replace("’", "").replace("'", ""))


def _council(reading: LetterReading, council: str) -> Check:
    own = [w for w in _words(council) if w not in _GENERIC]
    if not own:
        return _failed(f"the council {clip(council)} names no council in particular")
    if not looks_like_council_name(council):
        return _failed(f"{clip(council)} is not written as a council's name, so it is unknown")
    file_words = set(_words(reading.letter.name))
    if all(w in file_words for w in own):
        return _passed("the council is named in the letter's file name")
    words = _words(reading.text)
    for at in (i for i, w in enumerate(words) if w == own[0]):
        end = _run_end(words, at, own)
        if end is not None and (_authority_after(words, end) or _authority_before(words, at)):
            return _passed("the council is named in the letter")
    return _failed(
        f"the council {clip(council)} is not named in the letter or its file name, so it is "
        "left unknown"
    )


def _run_end(words: list[str], at: int, own: list[str]) -> int | None:
    """Where the name's own words end when they stand in order from ``at``, with only the
    words a council's name may carry between them ("Kingston upon Thames"), else None."""
    index = at
    for word in own:
        while index < len(words) and words[index] != word and words[index] in _CONNECTORS:
            index += 1
        if index >= len(words) or words[index] != word:
            return None
        index += 1
    return index


def _authority_after(words: list[str], end: int) -> bool:
    """'... Council', '... Metropolitan Borough Council', '... MBC', '....gov.uk'."""
    for word in words[end : end + NEAR]:
        if word in _AUTHORITY:
            return True
        if word not in _CONNECTORS:
            return False
    return False


def _authority_before(words: list[str], at: int) -> bool:
    """'London Borough of ...', 'City of ...'."""
    for word in reversed(words[max(0, at - NEAR) : at]):
        if word in _AUTHORITY:
            return True
        if word not in _CONNECTORS:
            return False
    return False


# --------------------------------------------------------------------------------------------
# The reference
# --------------------------------------------------------------------------------------------


def _reference(reading: LetterReading, reference: str) -> Check:
    wanted = "".join(_words(reference))
    if not re.search(r"\d", wanted):
        return _failed(f"the reference {clip(reference)} has no number, so it is left unknown")
    for text in (reading.text, reading.letter.name):
        if _compact_find(_words(text), wanted):
            return _passed("the reference is in the letter")
    return _failed(f"the reference {clip(reference)} is not in the letter, so it is left unknown")


def _compact_find(words: list[str], wanted: str) -> bool:
    """Whether ``wanted`` is a run of whole consecutive words, joined without separators."""
    for start, word in enumerate(words):
        if not wanted.startswith(word):
            continue
        joined = ""
        for following in words[start:]:
            joined += following
            if joined == wanted:
                return True
            if not wanted.startswith(joined):
                break
    return False


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def dates_in(text: str) -> set[str]:
    """Every real day a text writes as a date, as YYYY-MM-DD."""
    return {day for day, _, _ in _dated(text)}


def _dated(text: str) -> list[tuple[str, int, int]]:
    """Every real day a text writes as a date, with where it stands."""
    found: list[tuple[str, int, int]] = []
    for pattern, shape in _DATES:
        for match in pattern.finditer(text):
            day = _as_date(match.groups(), shape)
            if day is not None:
                found.append((day, match.start(), match.end()))
    return found


# what a letter's own date is not: a day that opens or closes a period ("1 April 2023 to 31
# March 2024", "01/04/2023 – 31/03/2024"), or the date of the request it answers
_RANGE_AFTER = re.compile(r"\s*(?:to|until|till|and|-|–|—)\s*\d", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"(?:\d|\b[a-z]+)\s*(?:to|until|till|and|-|–|—)\s*$", re.IGNORECASE)
_REQUEST_BEFORE = re.compile(
    r"\b(?:request(?:ed)?|received|of your|asked|between|from|since|period|year)\b[^\n]{0,40}$",
    re.IGNORECASE,
)


def own_dates(text: str) -> set[str]:
    """The days a letter writes that may be its own date: not a period's first or last day,
    nor the date of the request it answers."""
    own: set[str] = set()
    for day, start, end in _dated(text):
        before = text[max(0, start - 60) : start]
        if _RANGE_AFTER.match(text, end) or _RANGE_BEFORE.search(before[-12:]):
            continue
        line = before[before.rfind("\n") + 1 :]
        sentence = re.split(r"(?<=[.!?;])\s+", line)[-1]  # "Request received ... Sent 12 ..."
        if _REQUEST_BEFORE.search(sentence):
            continue
        own.add(day)
    return own


def _as_date(groups: tuple[str, ...], shape: str) -> str | None:
    try:
        if shape == "dmy":
            day, month, year = int(groups[0]), _month(groups[1]), int(groups[2])
        elif shape == "mdy":
            month, day, year = _month(groups[0]), int(groups[1]), int(groups[2])
        elif shape == "dmy-numeric":
            day, month, year = (int(g) for g in groups)
        else:
            year, month, day = (int(g) for g in groups)
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTHS.index(name[:3].casefold()) + 1


def _iso(text: str) -> str | None:
    """A YYYY-MM-DD text as a real day, else None."""
    try:
        return date.fromisoformat(text.strip()).isoformat() if len(text.strip()) == 10 else None
    except ValueError:
        return None


def _response_date(reading: LetterReading, given: str) -> Check:
    day = _iso(given)
    if day is None:
        return _failed(f"the date {clip(given)} is not a day (YYYY-MM-DD), so it is left unknown")
    if day in own_dates(reading.text):
        return _passed("the date is written in the letter")
    return _failed(
        f"the date {day} is not written in the letter as its own date (a period's first or "
        "last day and the request's date are not), so it is left unknown"
    )


def _period(reading: LetterReading, period: Period) -> Check:
    asked = reading.spec.period if reading.spec is not None else None
    if asked is not None and (period.start, period.end) == (asked.start, asked.end):
        return _passed("the period is the one the questionnaire asks")
    start, end = _iso(period.start or ""), _iso(period.end or "")
    if start is None or end is None or start > end:
        return _failed("the period is not two days in order (YYYY-MM-DD), so it is left unknown")
    written = dates_in(reading.text)
    if start in written and end in written:
        return _passed("the period's days are written in the letter")
    if _financial_year_named(reading.text, start, end):
        return _passed("the letter names the financial year of the period")
    return _failed(
        f"the period {start} to {end} is neither the one asked nor written in the letter, so "
        "it is left unknown"
    )


def _financial_year_named(text: str, start: str, end: str) -> bool:
    """Whether the period is one financial year (1 April to 31 March) the letter names."""
    first, last = int(start[:4]), int(end[:4])
    if start[5:] != "04-01" or end[5:] != "03-31" or last != first + 1:
        return False
    names = rf"\b{first}\s*(?:/|-|–|to)\s*(?:{last}|{str(last)[2:]})\b"
    return re.search(names, text, re.IGNORECASE) is not None
