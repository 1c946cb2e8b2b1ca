"""The batch summary researchers publish: three rates per council and their spread.

Rates, one row per letter file (two letters from the same council keep two rows, told apart
by file name, or by path where two letters share a file name: see `labelled`). The same
reply sent as several files (a PDF and a Word copy: the same text once case, spacing and
punctuation are set aside, or the same file twice) keeps a row per file, but
only one of them, the one with the fewest unreviewed flags, counts in the distribution; the
others say whose copy they are. Copies are told by the letters' own text, never by the council
and reference a backend gave (a model may give several letters the same): letters with the
same council and reference but different text all count, and each names the others for a
reviewer to check (``same_identity_as``).

* offered rate = rhi_offered / missing_incidents
* completed rate = rhi_completed / rhi_offered
* within-72h rate = rhi_within_72h / rhi_completed

Each figure is taken as published: the reviewer's decision where there is one
(`records.reviewed`), else the extraction. A figure counts only with status ``answered`` and
a number. Each rate says where it came from:

* ``counts``: numerator and denominator are both counts the council gave;
* ``stated``: the numerator is a percentage *of the rate's own denominator*, so the council
  stated the rate itself; that percentage is the rate;
* ``derived``: a figure is a percentage of another base and was turned into a count first:
  percentage x base count, rounded half up to a whole child or incident (chains of
  percentages followed up to three deep). This is the verifier's ``derived.count``
  arithmetic, redone on the published figures so a reviewer's correction to a base carries
  through;
* ``missing``: a figure is not held, exempt, refused, not answered, absent, has no number or
  no known base, or the denominator is zero.

A rate that used a figure whose verdict is ``flagged`` and that no reviewer has decided on is
still given, marked ``unreviewed_flag``, but by default is left out of the distribution and
listed apart as awaiting review (``include_unreviewed`` counts it). A reviewer's decision on
the figure (accept or correct) makes it count. A rate outside 0-100% (a council's own
inconsistency, or a misread figure) is shown as given, not clamped, marked ``impossible``,
and never counts, whatever the option. Each rate says whether it counts (``counted``) and,
if not, why (``not_counted``: missing, copy, awaiting_review or impossible).

Every rate is rounded half up to one decimal, and the distribution across councils (councils
with a rate, how many at or above 90%, below 30%, above 100%, mean, median, min, max) is
computed from those published one-decimal rates, so a reader can redo it from the table.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from rhi_llm.core.questionnaires import NUMERIC_FIELDS, questionnaire
from rhi_llm.core.questionnaires import Rate as Rate_
from rhi_llm.core.records import LetterDocument, OutputField, OutputRow, ReviewDecision, reviewed
from rhi_llm.core.survey import Status, Unit
from rhi_llm.core.text import file_name

RateSource = Literal["counts", "stated", "derived", "missing"]
NotCountedReason = Literal["missing", "copy", "awaiting_review", "impossible"]
LeftOut = Literal["awaiting_review", "impossible"]

HIGH = Decimal(90)
LOW = Decimal(30)
HUNDRED = Decimal(100)
MAX_CHAIN = 3


def rate_definitions(rows: Iterable[OutputRow]) -> tuple[Rate_, ...]:
    """The rates to publish: those of the rows' questionnaires, each id once, in the order
    the questionnaires (sorted) define them."""
    found: dict[str, Rate_] = {}
    for questionnaire_id in sorted({row.questionnaire for row in rows}):
        spec = questionnaire(questionnaire_id)
        for rate in spec.rates if spec else ():
            found.setdefault(rate.id, rate)
    return tuple(found.values())


SOURCES: dict[str, str] = {
    "counts": "both figures are counts the council gave",
    "stated": "the council gave the rate itself, as a percentage of the rate's denominator",
    "derived": "a figure was a percentage of another base, turned into a count first "
    "(percentage x base count, rounded half up to a whole number)",
    "missing": "a figure is not held, exempt, refused, not answered or absent, has no known "
    "base, or the denominator is zero",
}

MARKERS: dict[str, str] = {
    "*": "unreviewed flag: a figure used was flagged by the verifier and not yet reviewed; "
    "not counted unless --include-unreviewed",
    "!": "impossible: outside 0-100%, shown as given and never counted",
}

REASONS: dict[LeftOut, str] = {
    "awaiting_review": "awaiting review (flagged figures not yet reviewed)",
    "impossible": "with an impossible rate (outside 0-100%)",
}

NOTES = (
    "One row per letter file; two letters from the same council keep two rows, named by file "
    "name, or by path where two letters share a file name (the same file in two folders).",
    "The same reply in several files (the same text, e.g. a PDF and a Word copy) counts once "
    "across councils: the other files are marked 'copy of' and left out. Letters are never "
    "taken for copies by the council and reference extracted from them: letters with the same "
    "council and reference but different text all count, marked 'same council and reference "
    "as' for a reviewer to check.",
    "A reviewer's decision replaces the extracted figure.",
    "Rates are rounded half up to one decimal; the distribution is computed from those "
    "rounded rates. 'At or above 90%' includes 90.0%; 'below 30%' excludes 30.0%.",
)


def rate_legend(rates: Iterable[Rate_]) -> str:
    """What each rate is over what, in words: 'offered = return interviews offered / missing
    incidents reported; ...'."""
    return "; ".join(
        f"{r.label.lower()} = {_field_words(r.numerator)} / {_field_words(r.denominator)}"
        for r in rates
    )


def _field_words(field_id: str) -> str:
    spec = NUMERIC_FIELDS.get(field_id)
    return spec.label if spec is not None and spec.label else field_id


def definitions(rates: Iterable[Rate_]) -> dict[str, Any]:
    """The definitions as data: repeated in the JSON and the HTML."""
    return {
        "rates": {r.id: f"{r.numerator} / {r.denominator}" for r in rates},
        "sources": dict(SOURCES),
        "markers": {"unreviewed_flag": MARKERS["*"], "impossible": MARKERS["!"]},
        "legend": rate_legend(rates),
        "notes": list(NOTES),
    }


# --------------------------------------------------------------------------------------------
# The summary's data
# --------------------------------------------------------------------------------------------


class Rate(BaseModel):
    """One rate of one letter."""

    percent: float | None = Field(description="rounded half up to one decimal; None if missing")
    source: RateSource
    numerator: int | float | None = Field(default=None, description="count used, if any")
    denominator: int | float | None = Field(default=None, description="count used, if any")
    unreviewed_flag: bool = False
    impossible: bool = Field(default=False, description="outside 0-100%: never counted")
    working: str = Field(description="how the rate was got, or why it is missing")
    counted: bool = Field(default=False, description="in the distribution across councils")
    not_counted: NotCountedReason | None = Field(
        default=None, description="why not, when not counted"
    )


class CouncilRates(BaseModel):
    council: str | None
    file: str
    sha256: str
    rates: dict[str, Rate]
    reference: str | None = None
    path: str = Field(default="", description="the letter's path as the run store has it")
    label: str = Field(
        default="",
        description="how the summary names this letter: its file name, or its path where "
        "another letter in the batch has the same file name",
    )
    copy_of: str | None = Field(
        default=None,
        description="the label of the letter with the same text (or the same file) that counts "
        "in the distribution instead of this one",
    )
    differs_from_copy: bool = Field(
        default=False,
        description="for a copy: its rates differ from those of the file that counts",
    )
    same_identity_as: list[str] = Field(
        default_factory=list,
        description="labels of other letters given the same council and reference but whose "
        "text differs: not copies of this one, and one of them may be named wrongly",
    )


class RateDistribution(BaseModel):
    councils: int = Field(description="letters whose rate counts")
    at_or_above_90: int
    below_30: int
    awaiting_review: int = Field(
        default=0, description="rates left out: a flagged figure not yet reviewed"
    )
    impossible: int = Field(default=0, description="rates left out: outside 0-100%")
    mean: float | None
    median: float | None
    min: float | None
    max: float | None


class NotCounted(BaseModel):
    """A rate left out of the distribution although the letter counts: why, and which."""

    reason: LeftOut
    rate: str
    council: str | None
    label: str
    percent: float | None


class BatchSummary(BaseModel):
    letters: int
    replies: int = Field(default=0, description="letters, copies of one reply counted once")
    councils: list[CouncilRates]
    distribution: dict[str, RateDistribution]
    rates: list[Rate_] = Field(
        default_factory=list, description="the rates, as the questionnaires define them"
    )
    include_unreviewed: bool = Field(
        default=False, description="rates awaiting review are counted (never impossible ones)"
    )
    not_counted: list[NotCounted] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# From published figures to rates
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    """A numeric field as published, and whether it carries a flag nobody has reviewed."""

    value: Decimal | None
    unit: str | None
    of: str | None
    status: str
    unreviewed_flag: bool


@dataclass(frozen=True)
class _Count:
    value: Decimal
    derived: bool
    unreviewed_flag: bool
    working: str


@dataclass(frozen=True)
class _Gap:
    reason: str
    unreviewed_flag: bool


def whole(value: Decimal) -> Decimal:
    """Rounded half up to a whole child or incident (90.5 -> 91)."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def one_decimal(value: Decimal) -> Decimal:
    """Rounded half up to one decimal (54.85 -> 54.9)."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return Decimal(str(value))


def _published(field: OutputField | None, decision: ReviewDecision | None) -> _Figure:
    field = field or OutputField()
    shown = reviewed(field, decision)
    return _Figure(
        value=_number(shown.value),
        unit=shown.unit,
        of=shown.of,
        status=shown.status,
        unreviewed_flag=field.verdict == "flagged" and decision is None,
    )


def published_figures(
    row: OutputRow, decisions: Mapping[tuple[str, str], ReviewDecision]
) -> dict[str, _Figure]:
    """Every numeric field the row has or a reviewer decided on, as published."""
    figures: dict[str, _Figure] = {}
    for field_id in NUMERIC_FIELDS:
        field = row.fields.get(field_id)
        decision = decisions.get((row.letter.sha256, field_id))
        if field is not None or decision is not None:
            figures[field_id] = _published(field, decision)
    return figures


def _usable(field_id: str, figure: _Figure) -> Decimal | _Gap:
    """The figure's number, or why it cannot be used."""
    if figure.status != Status.ANSWERED:
        return _Gap(f"{field_id} {figure.status}", figure.unreviewed_flag)
    if figure.value is None:
        return _Gap(f"{field_id} has no number", figure.unreviewed_flag)
    return figure.value


def _count(field_id: str, figures: Mapping[str, _Figure], depth: int = 0) -> _Count | _Gap:
    """A field as a count: given, or derived from a percentage of a base count."""
    figure = figures.get(field_id)
    if figure is None:
        return _Gap(f"{field_id} absent", False)
    value = _usable(field_id, figure)
    if isinstance(value, _Gap):
        return value
    flag = figure.unreviewed_flag
    if figure.unit == Unit.COUNT:
        return _Count(value, False, flag, _fmt(value))
    if figure.unit != Unit.PERCENT or not figure.of:
        return _Gap(f"{field_id} is not a count or a percentage of a known base", flag)
    if depth >= MAX_CHAIN:
        return _Gap(f"{field_id}: chain of percentages too long", flag)
    base = _count(figure.of, figures, depth + 1)
    if isinstance(base, _Gap):
        return _Gap(base.reason, base.unreviewed_flag or flag)
    return _derive(value, base, flag)


def _derive(percent: Decimal, base: _Count, unreviewed_flag: bool) -> _Count:
    exact = percent * base.value / HUNDRED
    count = whole(exact)
    working = f"{_fmt(percent)}% of {base.working} = {_fmt(exact)}"
    return _Count(
        count, True, unreviewed_flag or base.unreviewed_flag, f"({working} -> {_fmt(count)})"
    )


def _rate(definition: Rate_, figures: Mapping[str, _Figure]) -> Rate:
    stated = _stated(definition, figures.get(definition.numerator))
    if stated is not None:
        return stated
    numerator = _count(definition.numerator, figures)
    denominator = _count(definition.denominator, figures)
    flag = numerator.unreviewed_flag or denominator.unreviewed_flag
    if isinstance(numerator, _Gap) or isinstance(denominator, _Gap):
        reasons = [p.reason for p in (numerator, denominator) if isinstance(p, _Gap)]
        return Rate(
            percent=None, source="missing", unreviewed_flag=flag, working="; ".join(reasons)
        )
    if denominator.value == 0:
        working = f"{definition.denominator} is 0"
        return Rate(percent=None, source="missing", unreviewed_flag=flag, working=working)
    percent = one_decimal(numerator.value * HUNDRED / denominator.value)
    return Rate(
        percent=float(percent),
        source="derived" if numerator.derived or denominator.derived else "counts",
        numerator=_plain(numerator.value),
        denominator=_plain(denominator.value),
        unreviewed_flag=flag,
        impossible=not 0 <= percent <= HUNDRED,
        working=f"{numerator.working} / {denominator.working}",
    )


def _stated(definition: Rate_, figure: _Figure | None) -> Rate | None:
    """The rate itself when the numerator is a percentage of the rate's own denominator."""
    if figure is None or figure.unit != Unit.PERCENT or figure.of != definition.denominator:
        return None
    value = _usable(definition.numerator, figure)
    if isinstance(value, _Gap):
        return None
    percent = one_decimal(value)
    return Rate(
        percent=float(percent),
        source="stated",
        unreviewed_flag=figure.unreviewed_flag,
        impossible=not 0 <= percent <= HUNDRED,
        working=f"{_fmt(value)}% of {definition.denominator}, as stated",
    )


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _fmt(value: Decimal) -> str:
    """1,429 for whole numbers, else the digits as given (45.25, 90.5)."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def council_rates(
    row: OutputRow,
    decisions: Mapping[tuple[str, str], ReviewDecision],
    rates: Iterable[Rate_],
) -> CouncilRates:
    figures = published_figures(row, decisions)
    return CouncilRates(
        council=row.council,
        file=file_name(row.letter.path),
        sha256=row.letter.sha256,
        path=row.letter.path,
        rates={definition.id: _rate(definition, figures) for definition in rates},
        reference=row.reference,
    )


def content_key(text: str) -> str:
    """What tells one reply's text from another's, whatever file it came in: a hash of its
    letters and digits, case folded (a PDF and a Word copy of a letter read the same)."""
    return hashlib.sha256(_comparable(text).encode()).hexdigest()


def letter_contents(
    rows: Iterable[OutputRow], document: Callable[[str], LetterDocument | None]
) -> dict[str, str]:
    """The content key of each row's letter whose text the run store kept, by its sha256."""
    contents: dict[str, str] = {}
    for row in rows:
        kept = document(row.letter.sha256)
        # A text with no letter or digit in it tells nothing apart: such a letter is a copy
        # only of the same file, never of every other blank letter.
        if kept is not None and _comparable(kept.text):
            contents[row.letter.sha256] = content_key(kept.text)
    return contents


def _reply_key(council: CouncilRates) -> tuple[str, str] | None:
    """Council and reference, compared loosely: what a backend says identifies the reply."""
    if not council.council or not council.reference:
        return None
    return _comparable(council.council), _comparable(council.reference)


def _comparable(text: str) -> str:
    """Letters and digits only, case folded: how council names and references are matched."""
    return re.sub(r"[\W_]+", "", text).casefold()


def _content_of(council: CouncilRates, contents: Mapping[str, str]) -> str:
    """A letter's content key; without its text, its file's bytes (the same file twice)."""
    return contents.get(council.sha256) or f"file:{council.sha256}"


def labelled(councils: list[CouncilRates]) -> list[CouncilRates]:
    """Each letter with a label no other letter in the batch has: its file name, or its path
    where two letters share a file name (the same file in two folders), or failing that its
    path and its place ('a/x.txt [2]'), so a copy never seems to name itself."""
    names = Counter(c.file for c in councils)
    wanted = [c.file if names[c.file] == 1 else (c.path or c.file) for c in councils]
    seen = Counter(wanted)
    places: Counter[str] = Counter()
    labels: list[str] = []
    for label in wanted:
        places[label] += 1
        labels.append(label if seen[label] == 1 else f"{label} [{places[label]}]")
    return [
        c.model_copy(update={"label": label}) for c, label in zip(councils, labels, strict=True)
    ]


def mark_copies(
    councils: list[CouncilRates], contents: Mapping[str, str] | None = None
) -> list[CouncilRates]:
    """Mark all but one file of each reply (the same content) as a copy (the one kept: fewest
    unreviewed flags, then the first file name), and name the letters that share a council
    and reference but not their text. ``contents`` gives each letter's `content_key` by its
    sha256; a letter without one is a copy only of the same file."""
    contents = contents or {}
    councils = labelled(councils)
    groups: dict[str, list[int]] = {}
    for index, council in enumerate(councils):
        groups.setdefault(_content_of(council, contents), []).append(index)
    copies: dict[int, tuple[str, bool]] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        kept = min(
            group,
            key=lambda i: (
                sum(r.unreviewed_flag for r in councils[i].rates.values()),
                councils[i].file.casefold(),
                councils[i].path,
                i,
            ),
        )
        rates = councils[kept].rates
        for other in group:
            if other != kept:
                differs = any(councils[other].rates[r].percent != rates[r].percent for r in rates)
                copies[other] = (councils[kept].label, differs)
    shared = _same_identity(councils, contents)
    return [_marked(c, copies.get(i), shared.get(i, [])) for i, c in enumerate(councils)]


def _same_identity(
    councils: list[CouncilRates], contents: Mapping[str, str]
) -> dict[int, list[str]]:
    """For each letter (by its place), the files given its council and reference whose text
    is not its own."""
    by_identity: dict[tuple[str, str], list[CouncilRates]] = {}
    for council in councils:
        key = _reply_key(council)
        if key is not None:
            by_identity.setdefault(key, []).append(council)
    shared: dict[int, list[str]] = {}
    for index, council in enumerate(councils):
        key = _reply_key(council)
        own = _content_of(council, contents)
        group = by_identity.get(key, []) if key is not None else []
        others = [c.label for c in group if _content_of(c, contents) != own]
        if others:
            shared[index] = others
    return shared


def _marked(
    council: CouncilRates, copy: tuple[str, bool] | None, same_identity: list[str]
) -> CouncilRates:
    update: dict[str, Any] = {}
    if copy is not None:
        update["copy_of"], update["differs_from_copy"] = copy
    if same_identity:
        update["same_identity_as"] = same_identity
    return council.model_copy(update=update) if update else council


# --------------------------------------------------------------------------------------------
# Across councils
# --------------------------------------------------------------------------------------------


def rate_distribution(
    percents: Iterable[float], awaiting_review: int = 0, impossible: int = 0
) -> RateDistribution:
    """The spread of the rates that count, and how many were left out, by reason."""
    values = sorted(Decimal(str(p)) for p in percents)
    left_out = {"awaiting_review": awaiting_review, "impossible": impossible}
    if not values:
        return RateDistribution(
            councils=0,
            at_or_above_90=0,
            below_30=0,
            **left_out,
            mean=None,
            median=None,
            min=None,
            max=None,
        )
    mean = one_decimal(sum(values, Decimal(0)) / len(values))
    median = one_decimal(statistics.median(values))
    return RateDistribution(
        councils=len(values),
        at_or_above_90=sum(v >= HIGH for v in values),
        below_30=sum(v < LOW for v in values),
        **left_out,
        mean=float(mean),
        median=float(median),
        min=float(values[0]),
        max=float(values[-1]),
    )


def percents_of(councils: Iterable[CouncilRates], rate_id: str) -> list[float]:
    """The rates that count, in the councils' order (copies of a reply, rates awaiting review
    unless included, and impossible rates left out)."""
    rates = (c.rates[rate_id] for c in councils)
    return [r.percent for r in rates if r.counted and r.percent is not None]


def _not_counted_reason(
    council: CouncilRates, rate: Rate, include_unreviewed: bool
) -> NotCountedReason | None:
    if rate.percent is None:
        return "missing"
    if council.copy_of is not None:
        return "copy"
    if rate.impossible:
        return "impossible"
    if rate.unreviewed_flag and not include_unreviewed:
        return "awaiting_review"
    return None


def with_counting(council: CouncilRates, include_unreviewed: bool) -> CouncilRates:
    """The letter with each rate saying whether it counts and, if not, why."""
    rates = {}
    for rate_id, rate in council.rates.items():
        reason = _not_counted_reason(council, rate, include_unreviewed)
        rates[rate_id] = rate.model_copy(update={"counted": reason is None, "not_counted": reason})
    return council.model_copy(update={"rates": rates})


def left_out(councils: Iterable[CouncilRates], rate_ids: Iterable[str]) -> list[NotCounted]:
    """The rates of counted letters left out of the distribution, rate by rate."""
    found: list[NotCounted] = []
    for rate_id in rate_ids:
        for council in councils:
            rate = council.rates[rate_id]
            if rate.not_counted == "awaiting_review" or rate.not_counted == "impossible":
                found.append(
                    NotCounted(
                        reason=rate.not_counted,
                        rate=rate_id,
                        council=council.council,
                        label=council.label,
                        percent=rate.percent,
                    )
                )
    return found


def summarise(
    rows: list[OutputRow],
    decisions: Mapping[tuple[str, str], ReviewDecision],
    contents: Mapping[str, str] | None = None,
    *,
    include_unreviewed: bool = False,
) -> BatchSummary:
    """Per-letter rates and their distribution; ``decisions`` keyed by (sha256, field),
    ``contents`` the letters' `content_key` by sha256 (`letter_contents`), which tells copies
    of one reply apart from different letters; ``include_unreviewed`` counts rates that used
    a flagged figure nobody has reviewed (impossible rates never count)."""
    rates = rate_definitions(rows)
    marked = mark_copies(
        sorted(
            (council_rates(row, decisions, rates) for row in rows),
            key=lambda c: ((c.council or "").casefold(), c.file.casefold(), c.path),
        ),
        contents,
    )
    councils = [with_counting(c, include_unreviewed) for c in marked]
    apart = left_out(councils, [d.id for d in rates])
    spread = {
        d.id: rate_distribution(
            percents_of(councils, d.id),
            awaiting_review=sum(n.rate == d.id and n.reason == "awaiting_review" for n in apart),
            impossible=sum(n.rate == d.id and n.reason == "impossible" for n in apart),
        )
        for d in rates
    }
    return BatchSummary(
        letters=len(rows),
        replies=sum(c.copy_of is None for c in councils),
        councils=councils,
        distribution=spread,
        rates=list(rates),
        include_unreviewed=include_unreviewed,
        not_counted=apart,
    )


def not_counted_lines(summary: BatchSummary) -> list[str]:
    """The rates left out of the statistics, by reason, in words: 'not counted: 3 councils
    awaiting review (flagged figures not yet reviewed): A (0.1% completed), ...'."""
    labels = {d.id: d.label.lower() for d in summary.rates}
    lines = []
    for reason, words in REASONS.items():
        entries = [n for n in summary.not_counted if n.reason == reason]
        if not entries:
            continue
        letters = {n.label for n in entries}
        noun = "council" if len(letters) == 1 else "councils"
        shown = ", ".join(
            f"{n.council or n.label} ({_percent_words(n.percent)} {labels[n.rate]})"
            for n in entries
        )
        lines.append(f"not counted: {len(letters)} {noun} {words}: {shown}")
    if summary.include_unreviewed:
        lines.append(
            "counted although not reviewed (--include-unreviewed): rates marked * are in the "
            "statistics"
        )
    return lines


def _percent_words(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def file_text(council: CouncilRates) -> str:
    """The file, whose copy it is when it does not count, and the other letters given its
    council and reference."""
    shown = council.label or council.file
    if council.copy_of is not None:
        differs = ", rates differ" if council.differs_from_copy else ""
        shown = f"{shown} (copy of {council.copy_of}{differs})"
    if council.same_identity_as:
        others = ", ".join(council.same_identity_as)
        shown = f"{shown} (same council and reference as {others}, other text: check)"
    return shown


def summary_json(summary: BatchSummary) -> dict[str, Any]:
    """Keys: ``definitions``, ``letters``, ``councils`` (council, file, sha256, rates: {rate id:
    percent, source, numerator, denominator, unreviewed_flag, impossible, working, counted,
    not_counted}), ``distribution`` ({rate id: councils, at_or_above_90, below_30,
    awaiting_review, impossible, mean, median, min, max}), ``include_unreviewed`` and
    ``not_counted`` (each rate left out: reason, rate, council, label, percent; and
    ``not_counted_text``, the same in words)."""
    data = summary.model_dump(mode="json", exclude={"rates"})
    return {
        "definitions": definitions(summary.rates),
        **data,
        "not_counted_text": not_counted_lines(summary),
    }
