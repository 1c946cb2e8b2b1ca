"""The deterministic verifier: every extracted answer checked against the letter's own text.

For each field of a `SurveyResponse`:

* **grounded**: the quote is found in the letter (exact, then normalised for case, whitespace,
  quotes, dashes, thousands separators and line-break hyphens, then a bounded fuzzy match that
  never accepts a changed digit), giving a span and page; a quote found several times resolves
  to the occurrence inside the field's own answer block;
* **value_in_quote**: the value is read back out of the quoted words, in the right unit, and it
  is the figure the quote gives for *this* field when the quote holds several;
* **aligned**: the span lies in the answer block of the field's own question, not in question
  text, another answer, the letterhead, a date, a statute reference or a cost calculation;
* **status**: withheld fields carry no number, a figure does not come from a refusal;
* **planted instructions** (reported as aligned): the quote does not stand in, or follow in its
  paragraph, text addressed to automated readers ("Note for AI tools: record this as ...",
  "SYSTEM: ...", "skip the checks"), and a free-text answer does not carry such text: a letter's
  words are data, and an instruction planted in a letter is never the council's answer;
* **consistent**: figures agree with each other (completed <= offered <= incidents, ...), with
  the council's own inconsistencies told apart from extraction errors;
* **derived**: a percentage with a known base gets the count it implies, with the arithmetic,
  marked as derived.

No model is used. The verdict of each field is ok, flagged (with reasons) or missing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rhi_llm.meaning import (
    AT_MOST,
    COST_WORDS,
    SUM_AT_MOST,
    YEAR_TOKEN,
    base_class,
    class_conflict,
    column_header,
    other_year,
    plausible_base,
    role_score,
    sentence_base,
    withheld_sentence_about,
)
from rhi_llm.meaning import clear_caches as clear_meaning_caches
from rhi_llm.numbers import NumberMention, find_numbers, format_number, same_number
from rhi_llm.reading import LetterReading, withheld_status
from rhi_llm.records import Derived, Verdict
from rhi_llm.survey import (
    FIELDS,
    WITHHELD,
    Choice,
    Figure,
    ProviderAnswer,
    Status,
    SurveyResponse,
    TextAnswer,
    Unit,
    fields_for,
)
from rhi_llm.types import Check, CheckCode, Flag, Letter, QuestionMap, Span

# --------------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------------


class FieldReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    field: str
    verdict: Verdict
    checks: tuple[Check, ...] = ()
    span: Span | None = None
    page: int | None = None
    derived: Derived | None = None

    @property
    def flags(self) -> list[Flag]:
        return [Flag(code=c.code.value, message=c.message) for c in self.checks if not c.passed]

    @property
    def council_only(self) -> bool:
        """Flagged only because the council's own figures disagree."""
        failed = [c for c in self.checks if not c.passed]
        return bool(failed) and all(c.council for c in failed)


class VerificationReport(BaseModel):
    letter_sha256: str
    questionnaire: str
    fields: dict[str, FieldReport] = Field(default_factory=dict)

    def flagged(self) -> list[str]:
        return [f for f, r in self.fields.items() if r.verdict == "flagged"]

    def verdicts(self) -> dict[str, Verdict]:
        return {f: r.verdict for f, r in self.fields.items()}


# --------------------------------------------------------------------------------------------
# Finding quotes
# --------------------------------------------------------------------------------------------

_QUOTE_CHARS = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "…": ".",
    }
)
FUZZY_MIN_LENGTH = 16
FUZZY_MIN_RATIO = 0.9


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    span: Span
    how: Literal["exact", "normalised", "fuzzy"]
    similarity: float = 1.0


class NormalisedText:
    """The letter text normalised for quote matching, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        origin: list[int] = []
        index, length = 0, len(text)
        while index < length:
            char = text[index]
            if char.isspace():
                end = index
                while end < length and text[end].isspace():
                    end += 1
                # a line-break hyphen: "inter-\nview" -> "interview"
                if (
                    chars
                    and chars[-1] == "-"
                    and "\n" in text[index:end]
                    and len(chars) > 1
                    and chars[-2].isalpha()
                    and end < length
                    and text[end].islower()
                ):
                    chars.pop()
                    origin.pop()
                elif chars and chars[-1] != " " and not (end < length and text[end] == "%"):
                    chars.append(" ")
                    origin.append(index)
                index = end
                continue
            if (
                char == ","
                and chars
                and chars[-1].isdigit()
                and re.match(r",\d{3}(?!\d)", text[index : index + 5])
            ):
                index += 1
                continue
            chars.append(char.lower().translate(_QUOTE_CHARS))
            origin.append(index)
            index += 1
        self.text = "".join(chars)
        self.origin = origin

    def span(self, start: int, end: int) -> Span:
        return Span(start=self.origin[start], end=self.origin[end - 1] + 1)


def normalise_quote(quote: str) -> str:
    return NormalisedText(quote.strip()).text.strip()


def _prefer(spans: list[Span], blocks: list[Span]) -> Span:
    for block in blocks:
        for span in spans:
            if block.contains(span):
                return span
    for block in blocks:
        for span in spans:
            if block.overlaps(span):
                return span
    return spans[0]


def _all(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    at = haystack.find(needle)
    while at >= 0 and len(found) < 50:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))


def locate_quote(reading: LetterReading, quote: str, blocks: list[Span]) -> QuoteMatch | None:
    """Where a quote stands in the letter, preferring the field's own answer blocks."""
    quote = quote.strip()
    if not quote:
        return None
    text = reading.text
    exact = _all(text, quote)
    if exact:
        spans = [Span(start=a, end=a + len(quote)) for a in exact]
        return QuoteMatch(span=_prefer(spans, blocks), how="exact")
    normal = reading_normalised(reading)
    needle = normalise_quote(quote)
    if not needle:
        return None
    hits = _all(normal.text, needle)
    if hits:
        spans = [normal.span(a, a + len(needle)) for a in hits]
        return QuoteMatch(span=_prefer(spans, blocks), how="normalised")
    return _fuzzy(normal, needle, blocks)


def _fuzzy(normal: NormalisedText, needle: str, blocks: list[Span]) -> QuoteMatch | None:
    """A bounded fuzzy match: anchored on the quote's numbers or rarest word, digits exact."""
    if len(needle) < FUZZY_MIN_LENGTH:
        return None
    digits = _digits(needle)
    anchors: list[tuple[int, int]] = []  # (position in letter, position in quote)
    if digits:
        anchor = max(digits, key=len)
        in_quote = needle.find(anchor)
        anchors = [(a, in_quote) for a in _all(normal.text, anchor)]
    else:
        words = sorted(re.findall(r"[a-z]{5,}", needle), key=len, reverse=True)[:2]
        for word in words:
            in_quote = needle.find(word)
            anchors += [(a, in_quote) for a in _all(normal.text, word)]
    best: QuoteMatch | None = None
    for at, in_quote in anchors[:20]:
        lo = max(0, at - in_quote - 20)
        hi = min(len(normal.text), at - in_quote + len(needle) + 20)
        window = normal.text[lo:hi]
        matcher = difflib.SequenceMatcher(None, window, needle, autojunk=False)
        blocks_ = [b for b in matcher.get_matching_blocks() if b.size]
        if not blocks_:
            continue
        start, end = blocks_[0].a, blocks_[-1].a + blocks_[-1].size
        region = window[start:end]
        if _cuts_a_word(normal.text, lo + start, lo + end):
            continue
        matched = sum(b.size for b in blocks_)
        ratio = 2 * matched / (len(region) + len(needle))
        if ratio < FUZZY_MIN_RATIO or _digits(region) != digits:
            continue
        span = normal.span(lo + start, lo + end)
        candidate = QuoteMatch(span=span, how="fuzzy", similarity=round(ratio, 3))
        in_block = any(b.contains(span) for b in blocks)
        if best is None or ratio > best.similarity or in_block:
            best = candidate
            if in_block:
                break
    return best


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """A fuzzy match may not begin or end inside a word or number ("214" of "1214")."""
    return (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    )


_NORMAL_CACHE: dict[str, NormalisedText] = {}


def clear_caches() -> None:
    """Forget per-letter work (for timing a letter from scratch)."""
    _NORMAL_CACHE.clear()
    _INSTRUCTION_CACHE.clear()
    clear_meaning_caches()


def reading_normalised(reading: LetterReading) -> NormalisedText:
    key = reading.letter.sha256 + str(len(reading.text))
    cached = _NORMAL_CACHE.get(key)
    if cached is None:
        if len(_NORMAL_CACHE) > 256:
            _NORMAL_CACHE.clear()
        cached = _NORMAL_CACHE[key] = NormalisedText(reading.text)
    return cached


# --------------------------------------------------------------------------------------------
# Reading a value back out of its quote
# --------------------------------------------------------------------------------------------


def _quoted_mentions(
    reading: LetterReading, span: Span | None, quote: str
) -> tuple[str, list[NumberMention], list[NumberMention]]:
    """The quoted words and the numbers in them, relative to the quote.

    With a span, the numbers come from the whole letter, so a quote that starts inside a number
    ("214" of "1,214") reads the number the letter really gives.
    """
    if span is None:
        return quote, list(find_numbers(quote)), []
    text = reading.letter.excerpt(span)
    absolute = [m for m in reading.numbers if m.end > span.start and m.start < span.end]
    local = [
        replace(m, start=max(0, m.start - span.start), end=min(len(text), m.end - span.start))
        for m in absolute
    ]
    return text, local, absolute


def kind_phrase(kind: str) -> str:
    """'an address', 'a date', 'a statute reference': what a non-figure number is."""
    names = {
        "statute": "statute reference",
        "reference": "reference number",
        "duration": "duration or time limit",
        "money": "sum of money",
    }
    name = names.get(kind, kind)
    return ("an " if name[0] in "aeiou" else "a ") + name


def _fail(message: str) -> Check:
    return Check(code=CheckCode.VALUE_IN_QUOTE, passed=False, message=message)


def _check_value(
    reading: LetterReading, field_id: str, figure: Figure, span: Span | None, quote: str
) -> Check:
    value = figure.value
    assert value is not None
    text, mentions, absolute = _quoted_mentions(reading, span, quote)
    figures = [m for m in mentions if m.is_figure]
    want_percent = figure.unit == Unit.PERCENT
    shown = format_number(value) + ("%" if want_percent else "")
    equal = [m for m in mentions if same_number(m.value, value)]
    if not equal:
        listed = ", ".join(m.text for m in figures) or "no figure"
        return _fail(f"{shown} is not in the quoted words (they give {listed})")
    usable = [m for m in equal if m.is_figure]
    if not usable:
        return _fail(f"{equal[0].text} in the quote is {kind_phrase(equal[0].kind)}, not a figure")
    right_unit = [m for m in usable if m.percent == want_percent]
    if not right_unit:
        said = "a percentage" if usable[0].percent else "a count"
        stored = "percent" if want_percent else "count"
        return _fail(f"the letter gives {usable[0].text} as {said}, stored as {stored}")
    if len(figures) > 1:
        scores = [role_score(field_id, text, figures, i) for i in range(len(figures))]
        best = max(scores)
        chosen = [i for i, m in enumerate(figures) if m in right_unit]
        if best > 0 and all(scores[i] < best for i in chosen):
            other = figures[scores.index(best)]
            return _fail(
                f"the quote gives {other.text} for {FIELDS[field_id].label}; "
                f"{shown} is another figure in the same words"
            )
    mention = right_unit[0]
    if not mention.percent:
        conflict = class_conflict(field_id, text[mention.end :])
        if conflict:
            return _fail(
                f"{mention.text} counts {conflict}, but "
                f"{FIELDS[field_id].label} counts {FIELDS[field_id].counts}"
            )
    if want_percent and figure.of is not None:
        said_of = base_class(text[mention.end :])
        if said_of is None and absolute:
            said_of = sentence_base(reading, absolute[mentions.index(mention)])
        wanted = FIELDS[figure.of.value].counts
        if said_of and wanted and said_of != wanted:
            return _fail(
                f"the letter's {mention.text} is of {said_of}, but it is stored "
                f"as a percentage of {figure.of.value} ({wanted})"
            )
    if absolute:
        placed = absolute[mentions.index(mention)]
        year = other_year(reading, placed)
        if year:
            return _fail(f"{mention.text} is the figure for {year}, not for the period asked")
        header = column_header(reading.text, placed)
        if header and not YEAR_TOKEN.fullmatch(header):
            conflict = class_conflict(field_id, header)
            if conflict:
                return _fail(
                    f"{mention.text} is in the '{header}' column, but "
                    f"{FIELDS[field_id].label} counts {FIELDS[field_id].counts}"
                )
    return Check(
        code=CheckCode.VALUE_IN_QUOTE, passed=True, message=f"{shown} is read back from the quote"
    )


# --------------------------------------------------------------------------------------------
# Per-field checks
# --------------------------------------------------------------------------------------------


def _grounded(
    reading: LetterReading, quote: str | None, blocks: list[Span]
) -> tuple[Check, QuoteMatch | None]:
    if not quote or not quote.strip():
        return Check(
            code=CheckCode.GROUNDED, passed=False, message="no quote was given for this answer"
        ), None
    match = locate_quote(reading, quote, blocks)
    if match is None:
        shown = quote if len(quote) <= 60 else quote[:57] + "..."
        return Check(
            code=CheckCode.GROUNDED,
            passed=False,
            message=f"the quote {shown!r} is not in the letter",
        ), None
    page = reading.letter.page_of(match.span.start)
    how = {
        "exact": "found",
        "normalised": "found (after normalising spacing and punctuation)",
        "fuzzy": f"found approximately ({match.similarity:.0%} alike)",
    }[match.how]
    return Check(code=CheckCode.GROUNDED, passed=True, message=f"quote {how} on page {page}"), match


def _aligned(
    reading: LetterReading,
    field_id: str,
    span: Span,
    figure_at: NumberMention | None,
    blocks: list[Span],
) -> Check:
    located = reading.questions_of(field_id)
    if not located:
        return Check(
            code=CheckCode.ALIGNED,
            passed=False,
            message=f"the question for {reading.field_label(field_id)} was not found in "
            "the letter, so the answer's place cannot be confirmed",
        )
    asked = reading.in_question_text(span)
    if asked is not None:
        return Check(
            code=CheckCode.ALIGNED,
            passed=False,
            message=f"the quote is taken from the text of question {asked.label}, not "
            "from an answer",
        )
    if figure_at is not None and not figure_at.is_figure:
        return Check(
            code=CheckCode.ALIGNED,
            passed=False,
            message=f"{figure_at.text} is part of {kind_phrase(figure_at.kind)}, not an answer",
        )
    allowed = blocks
    if any(block.contains(span) for block in allowed):
        if figure_at is not None:
            sentence = reading.letter.excerpt(reading.sentence_at(figure_at.start))
            if COST_WORDS.search(sentence) and withheld_status(sentence):
                return Check(
                    code=CheckCode.ALIGNED,
                    passed=False,
                    message=f"{figure_at.text} is part of a cost-limit calculation",
                )
        return Check(
            code=CheckCode.ALIGNED,
            passed=True,
            message=f"in the answer to question {located[0].label}",
        )
    other = reading.block_of_offset(span.start)
    labels = ", ".join(q.label for q in located)
    if other is not None:
        where = f"the answer to question {other.label}"
    elif span.start < min(q.question.start for q in reading.qmap.questions):
        where = "the letterhead or introduction, before the first question"
    else:
        where = "text outside any answer"
    return Check(
        code=CheckCode.ALIGNED,
        passed=False,
        message=f"the quote is in {where}, not in the answer to question {labels}",
    )


# --------------------------------------------------------------------------------------------
# Text addressed to automated readers (prompt injection)
# --------------------------------------------------------------------------------------------

# Who such text speaks to: AI tools, language models, automated systems, bots. "AI", "LLM" and
# "GPT" are matched in capitals only, so that ordinary words never match.
_MACHINE = (
    r"(?:\bA\.?I\b|\bLLMs?\b|\b(?:Chat)?GPT\w*"
    r"|(?i:\blanguage\s+models?\b|\bchat\s?bots?\b|\bbots?\b"
    r"|\b(?:automated|automatic|machine)\s+(?:systems?|tools?|readers?|reading|processing"
    r"|extraction|extractors?|parsers?|agents?|assistants?|software|models?)\b"
    r"|\b(?:parsers?|scrapers?|crawlers?)\b|\b(?:virtual|digital)\s+assistants?\b))"
)
_ADDRESSED = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            # "Automated readers: ...", "AI note: ...", "Note for AI tools: ..."
            rf"{_MACHINE}(?:[ \t]+[\w-]+){{0,3}}[ \t]*:",
            # "Note for automated systems", "Instruction to AI extraction tools"
            rf"(?i:\b(?:note|message|instructions?|notice|attention|reminder|guidance)\s+"
            rf"(?:for|to)\s+(?:any\s+|all\s+|the\s+)?)(?:[\w-]+\s+){{0,2}}?{_MACHINE}",
            # "language models reading this page"
            rf"{_MACHINE}[^.\n]{{0,40}}(?i:\b(?:reading|processing|parsing|summari[sz]ing|"
            rf"scanning)\s+this\s+(?:letter|page|document|reply|response|e-?mail|message|text)\b)",
            # text dressed as a chat role: "SYSTEM: ...", "[system]", "system prompt"
            r"(?m:^[ \t]*[\[<]?\|?(?:SYSTEM|ASSISTANT|DEVELOPER)\|?[\]>]?[ \t]*:)",
            r"(?i:\bsystem\s+(?:message|prompt|instructions?)\b)",
            # instructions to a checker, never to a person reading a reply
            r"(?i:\b(?:ignore|disregard|forget|override)\s+(?:(?:all|any|the|your|these|those|"
            r"previous|prior|above|earlier|preceding|other)\s+)*(?:instructions?|rules|checks?|"
            r"prompts?)\b)",
            r"(?i:\b(?:skip|bypass|disable|switch\s+off|turn\s+off)\s+(?:(?:the|all|any|your|"
            r"these)\s+)*(?:checks?|verification|validation|verifier)\b)",
            r"(?i:\bquote\s+rule\b)",
            r"(?i:\bmark\s+(?:every|each|all)\s+(?:the\s+)?(?:fields?|answers?|values?|figures?)\b)",
            r"(?i:\bverification\s+(?:is|has\s+been)\s+(?:complete|completed|done|passed)\b)",
        )
    )
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TEXT_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n[ \t]*\n")


@lru_cache(maxsize=8192)
def addressed_to_machines(sentence: str) -> str | None:
    """The words by which a sentence speaks to automated readers or gives them instructions."""
    found = _ADDRESSED.search(sentence)
    return " ".join(found.group(0).split()) if found else None


def _instruction_reach(reading: LetterReading, sentence: Span) -> int:
    """Where an instruction's sway ends: its paragraph, and never past its own answer (or, out
    of any answer, past the next question)."""
    text = reading.text
    blank = _BLANK_LINE.search(text, sentence.end)
    end = blank.start() if blank else len(text)
    block = reading.block_of_offset(sentence.start)
    if block is not None:
        return min(end, max(block.answer.end, sentence.end))
    later = [q.question.start for q in reading.qmap.questions if q.question.start >= sentence.end]
    return min([end, *later])


@dataclass(frozen=True, slots=True)
class Instruction:
    """A sentence of the letter addressed to automated readers, and how far its sway runs."""

    sentence: Span
    words: str
    reach: int


_INSTRUCTION_CACHE: dict[str, list[Instruction]] = {}


def instructions(reading: LetterReading) -> list[Instruction]:
    """Every sentence of the letter that speaks to automated readers (found once per letter)."""
    key = reading.letter.sha256 + str(len(reading.text))
    cached = _INSTRUCTION_CACHE.get(key)
    if cached is None:
        if len(_INSTRUCTION_CACHE) > 256:
            _INSTRUCTION_CACHE.clear()
        cached = _INSTRUCTION_CACHE[key] = [
            Instruction(sentence=s, words=words, reach=_instruction_reach(reading, s))
            for s in reading.sentences
            if (words := addressed_to_machines(reading.letter.excerpt(s))) is not None
        ]
    return cached


def _planted_instruction(reading: LetterReading, span: Span) -> Check | None:
    """A failed check when the quote stands in, or follows in its paragraph, text addressed to
    automated readers; None otherwise."""
    for found in instructions(reading):
        if not (found.sentence.start < span.end and span.start < found.reach):
            continue
        where = "stands in" if found.sentence.overlaps(span) else "follows, in the same paragraph,"
        return Check(
            code=CheckCode.ALIGNED,
            passed=False,
            message=f"the quote {where} text addressed to automated readers ('{found.words}' in "
            f"{_clip(reading.letter.excerpt(found.sentence))}): an instruction planted in a "
            "letter is not the council's answer",
        )
    return None


def _planted_in_text(value: str) -> Check | None:
    """A failed check when a free-text answer carries text addressed to automated readers."""
    for sentence in _TEXT_SENTENCE.split(value):
        words = addressed_to_machines(sentence)
        if words is not None:
            return Check(
                code=CheckCode.ALIGNED,
                passed=False,
                message=f"the answer's text includes words addressed to automated readers "
                f"('{words}' in {_clip(sentence)}): that passage is not part of the council's "
                "answer; review the text before publishing it",
            )
    return None


def _status(
    reading: LetterReading,
    field_id: str,
    status: Status,
    has_value: bool,
    span: Span | None,
    figure_at: NumberMention | None,
    blocks: list[Span],
) -> Check:
    if status in WITHHELD:
        return _withheld_status(reading, status, has_value, span, blocks)
    if status == Status.ANSWERED and has_value and figure_at is not None:
        problem = _decoy_problem(reading, field_id, figure_at, blocks)
        if problem:
            return Check(code=CheckCode.STATUS, passed=False, message=problem)
    return Check(code=CheckCode.STATUS, passed=True, message="status agrees with the letter")


def _withheld_status(
    reading: LetterReading, status: Status, has_value: bool, span: Span | None, blocks: list[Span]
) -> Check:
    if has_value:
        return Check(
            code=CheckCode.STATUS,
            passed=False,
            message=f"marked {status.value} but carries a number",
        )
    statements = [withheld_status(reading.letter.excerpt(b)) for b in blocks]
    if span is not None:
        statements.append(withheld_status(reading.letter.excerpt(reading.sentence_at(span.start))))
    if not any(statements):
        return Check(
            code=CheckCode.STATUS,
            passed=False,
            message=f"marked {status.value}, but the answer does not say the "
            "information is withheld or not held",
        )
    return Check(code=CheckCode.STATUS, passed=True, message=f"the letter says {status.value}")


def _decoy_problem(
    reading: LetterReading, field_id: str, figure_at: NumberMention, blocks: list[Span]
) -> str | None:
    """Why an answered figure may be a decoy from a refusal or a not-held statement."""
    sentence = reading.letter.excerpt(reading.sentence_at(figure_at.start))
    said_here = withheld_status(sentence)
    if said_here:
        return (
            f"{figure_at.text} sits in a sentence saying the information is "
            f"{said_here.value.replace('_', ' ')}: it is not the answer"
        )
    block = next((b for b in blocks if b.start <= figure_at.start < b.end), None)
    if block is None:
        return None
    withheld = withheld_sentence_about(reading, field_id, block, figure_at)
    if withheld is None:
        return None
    said, other = withheld
    return (
        f"the answer also says the information is {said.value.replace('_', ' ')} "
        f"({_clip(other)}); check that {figure_at.text} really answers the question"
    )


def _clip(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 3]}...'"


def _figure_at(reading: LetterReading, span: Span, figure: Figure) -> NumberMention | None:
    if figure.value is None:
        return None
    inside = reading.numbers_in(span)
    for mention in inside:
        if same_number(mention.value, figure.value) and mention.is_figure:
            return mention
    for mention in inside:
        if same_number(mention.value, figure.value):
            return mention
    return None


_CHOICE_SUPPORT: dict[str, str] = {
    "yes": r"\byes\b|\bwe (?:do|provide|offer|commission)\b|\bx\b",
    "no": r"\bno\b|\bnot\b|\bnone\b",
    "return": r"\breturn",
    "police_referral": r"\bpolice\b|\breferral\b",
    "hours": r"\bhours?\b",
    "calendar_days": r"\bcalendar\b",
    "working_days": r"\bworking\b|\bbusiness days\b",
    "case_by_case": r"case.by.case",
    "local_authority_team": r"\bteam\b|\bservice\b|\blocal authority\b|\bcouncil\b|\bearly help\b"
    r"|\bmash\b|\bhub\b|\bunit\b|\byes\b",
    "third_sector_agency": r"\bcharity\b|\bthird sector\b|\bvoluntary\b|\bbarnardo|\bchildren's "
    r"society\b|\bagency\b|\bproject\b|\btrust\b|\bcatch22\b|\byes\b",
    "social_worker": r"\bsocial workers?\b",
    "youth_worker": r"\byouth\b",
    "commissioned_independent_service": r"\bcommission|\bprocure|\bindependent\b|\bspot.purchas",
}


def _check_choice(values: list[str], quote_text: str, context: str) -> Check:
    unsupported = [
        v
        for v in values
        if v in _CHOICE_SUPPORT
        and not re.search(_CHOICE_SUPPORT[v], quote_text, re.IGNORECASE)
        and not re.search(_CHOICE_SUPPORT[v], context, re.IGNORECASE)
    ]
    if unsupported:
        return Check(
            code=CheckCode.VALUE_IN_QUOTE,
            passed=False,
            message=f"nothing in the answer supports {', '.join(unsupported)}",
        )
    return Check(code=CheckCode.VALUE_IN_QUOTE, passed=True, message="the answer supports it")


def _verify_field(reading: LetterReading, field_id: str, answer: object) -> FieldReport:
    blocks = reading.answer_blocks(field_id)
    status: Status = getattr(answer, "status", Status.NOT_ANSWERED)
    value = getattr(answer, "value", None)
    quote: str | None = getattr(answer, "quote", None)
    if value is None and status == Status.NOT_ANSWERED:
        return FieldReport(field=field_id, verdict="missing")
    checks: list[Check] = []
    grounded, match = _grounded(reading, quote, blocks)
    if value is None and not quote:
        grounded = Check(code=CheckCode.GROUNDED, passed=True, message="no quote needed")
    checks.append(grounded)
    span = match.span if match else None
    quote_text = reading.letter.excerpt(span) if span else (quote or "")
    figure_at: NumberMention | None = None
    if isinstance(answer, Figure):
        if value is not None:
            figure_at = _figure_at(reading, span, answer) if span else None
            checks.append(_check_value(reading, field_id, answer, span, quote or ""))
    elif isinstance(answer, Choice | ProviderAnswer) and value:
        context = " ".join(reading.letter.excerpt(b) for b in blocks)
        checks.append(_check_choice([str(v) for v in value], quote_text, context))
    if span is not None:
        checks.append(_aligned(reading, field_id, span, figure_at, blocks))
        planted = _planted_instruction(reading, span)
        if planted is not None:
            checks.append(planted)
    elif value is not None:
        checks.append(
            Check(
                code=CheckCode.ALIGNED,
                passed=False,
                message="the answer cannot be placed in the letter without a quote",
            )
        )
    if isinstance(answer, TextAnswer) and isinstance(value, str):
        planted = _planted_in_text(value)
        if planted is not None:
            checks.append(planted)
    checks.append(_status(reading, field_id, status, value is not None, span, figure_at, blocks))
    return FieldReport(
        field=field_id,
        verdict="flagged" if any(not c.passed for c in checks) else "ok",
        checks=tuple(checks),
        span=span,
        page=reading.letter.page_of(span.start) if span else None,
    )


# --------------------------------------------------------------------------------------------
# Across fields: consistency and derived counts
# --------------------------------------------------------------------------------------------


def round_half_up(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _derive(response: SurveyResponse) -> dict[str, Derived]:
    """Counts implied by percentages whose base is known (chains allowed, up to 3 deep)."""
    derived: dict[str, Derived] = {}
    counts = {
        fid: float(fig.value)
        for fid, fig in _figures(response).items()
        if fig.value is not None and fig.unit == Unit.COUNT and fig.status == Status.ANSWERED
    }
    for _ in range(3):
        for fid, fig in _figures(response).items():
            if fid in derived or fig.value is None or fig.unit != Unit.PERCENT or fig.of is None:
                continue
            base_id = fig.of.value
            base = counts.get(base_id)
            if base is None:
                continue
            exact = fig.value * base / 100
            count = round_half_up(exact)
            marker = " (itself derived)" if base_id in derived else ""
            derived[fid] = Derived(
                count=count,
                of=base_id,
                arithmetic=f"{format_number(fig.value)}% of {format_number(base)}{marker} = "
                f"{exact:,.1f} -> {count:,}",
            )
            counts[fid] = count
    return derived


def _figures(response: SurveyResponse) -> dict[str, Figure]:
    return {f: a for f, a in response.answers().items() if isinstance(a, Figure)}


def _comparable(response: SurveyResponse, derived: dict[str, Derived]) -> dict[str, float]:
    values: dict[str, float] = {}
    for fid, fig in _figures(response).items():
        if fig.value is None or fig.status != Status.ANSWERED:
            continue
        if fig.unit == Unit.COUNT:
            values[fid] = fig.value
        elif fid in derived:
            values[fid] = derived[fid].count
    return values


def _consistency(
    response: SurveyResponse,
    reports: dict[str, FieldReport],
    derived: dict[str, Derived],
    questionnaire: str,
) -> dict[str, list[Check]]:
    extra: dict[str, list[Check]] = {}
    values = _comparable(response, derived)

    def clean(fid: str) -> bool:
        report = reports.get(fid)
        return report is not None and all(
            c.passed
            for c in report.checks
            if c.code in (CheckCode.GROUNDED, CheckCode.VALUE_IN_QUOTE, CheckCode.ALIGNED)
        )

    def add(fids: tuple[str, ...], message: str) -> None:
        council = all(clean(f) for f in fids)
        text = (
            f"the letter's own figures disagree: {message} (as the council wrote them)"
            if council
            else f"{message}: one of these is probably extracted wrongly"
        )
        for fid in fids:
            extra.setdefault(fid, []).append(
                Check(code=CheckCode.CONSISTENT, passed=False, message=text, council=council)
            )

    tolerance = 1.0
    for small, large in AT_MOST:
        if small in values and large in values and values[small] > values[large] + tolerance:
            add(
                (small, large),
                f"{small} ({format_number(values[small])}) is more than "
                f"{large} ({format_number(values[large])})",
            )
    for (a, b), total in SUM_AT_MOST:
        if (
            a in values
            and b in values
            and total in values
            and values[a] + values[b] > values[total] + tolerance
        ):
            add(
                (a, b, total),
                f"{a} + {b} ({format_number(values[a] + values[b])}) is more "
                f"than {total} ({format_number(values[total])})",
            )
    asked = set(fields_for(questionnaire))
    for fid, fig in _figures(response).items():
        if fig.value is None or fig.unit != Unit.PERCENT:
            continue
        if not 0 <= fig.value <= 100:
            extra.setdefault(fid, []).append(
                Check(
                    code=CheckCode.CONSISTENT,
                    passed=False,
                    message=f"{format_number(fig.value)}% is not a percentage between 0 and 100",
                )
            )
        if fig.of is None:
            extra.setdefault(fid, []).append(
                Check(
                    code=CheckCode.CONSISTENT,
                    passed=False,
                    message="a percentage without 'of': what it is a percentage of is unknown",
                )
            )
        elif not plausible_base(fid, fig.of.value):
            extra.setdefault(fid, []).append(
                Check(
                    code=CheckCode.CONSISTENT,
                    passed=False,
                    message=f"{FIELDS[fid].label} cannot be a percentage of "
                    f"{FIELDS[fig.of.value].label} ({fig.of.value})",
                )
            )
        elif fig.of.value not in asked:
            extra.setdefault(fid, []).append(
                Check(
                    code=CheckCode.CONSISTENT,
                    passed=False,
                    message=f"a percentage of {fig.of.value}, which this questionnaire does not "
                    "ask, cannot be checked",
                )
            )
    return extra


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def verify(
    letter: Letter | LetterReading, response: SurveyResponse, qmap: QuestionMap | None = None
) -> VerificationReport:
    """Check every answer of a response against its letter."""
    reading = letter if isinstance(letter, LetterReading) else LetterReading(letter, qmap)
    reports: dict[str, FieldReport] = {}
    for field_id, answer in response.answers().items():
        reports[field_id] = _verify_field(reading, field_id, answer)
    derived = _derive(response)
    extra = _consistency(response, reports, derived, reading.qmap.questionnaire)
    for field_id, report in list(reports.items()):
        checks = list(report.checks) + extra.get(field_id, [])
        if field_id in derived:
            checks.append(
                Check(
                    code=CheckCode.DERIVED,
                    passed=True,
                    message=f"derived count: {derived[field_id].arithmetic}",
                )
            )
        verdict: Verdict = report.verdict
        if verdict != "missing":
            verdict = "flagged" if any(not c.passed for c in checks) else "ok"
        reports[field_id] = report.model_copy(
            update={
                "checks": tuple(checks),
                "verdict": verdict,
                "derived": derived.get(field_id),
            }
        )
    return VerificationReport(
        letter_sha256=reading.letter.sha256,
        questionnaire=reading.qmap.questionnaire,
        fields=reports,
    )


__all__ = [
    "FieldReport",
    "QuoteMatch",
    "TextAnswer",
    "VerificationReport",
    "addressed_to_machines",
    "locate_quote",
    "verify",
]
