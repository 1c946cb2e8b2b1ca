"""Across fields: figures that must agree with each other, and counts derived from percentages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from rhi_llm.core.questionnaires import FIELDS, fields_for, questionnaire
from rhi_llm.core.records import Derived
from rhi_llm.core.survey import Figure, Status, SurveyResponse, Unit
from rhi_llm.core.types import Check, CheckCode
from rhi_llm.meaning import plausible_base
from rhi_llm.numbers import format_number
from rhi_llm.verify.reports import FieldReport


def round_half_up(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def derive(response: SurveyResponse) -> dict[str, Derived]:
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
            base_id = fig.of
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
    return {f: a for f, a in response.answers.items() if isinstance(a, Figure)}


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


TOLERANCE = 1.0  # a derived count may be off by one from rounding


def consistency(
    response: SurveyResponse,
    reports: dict[str, FieldReport],
    derived: dict[str, Derived],
    questionnaire_id: str,
) -> dict[str, list[Check]]:
    """Failed checks, per field, where figures disagree with each other or a percentage is
    impossible or of an unknown base."""
    extra: dict[str, list[Check]] = {}
    for fids, message in _disagreements(_comparable(response, derived), questionnaire_id):
        council = all(_clean(reports, f) for f in fids)
        # Each figure being found in its own answer does not prove it was read from the
        # right place in it (a neighbouring figure of the same answer reads back just as
        # well), so the flag blames neither the council nor the extraction outright.
        text = (
            f"the figures as read disagree: {message}; each is in its question's answer, so "
            "either the letter's own figures disagree or one was read from the wrong place"
            if council
            else f"{message}: one of these is probably extracted wrongly"
        )
        for fid in fids:
            extra.setdefault(fid, []).append(
                Check(code=CheckCode.CONSISTENT, passed=False, message=text, council=council)
            )
    asked = set(fields_for(questionnaire_id))
    for fid, fig in _figures(response).items():
        for message in _percent_problems(fid, fig, asked, questionnaire_id):
            extra.setdefault(fid, []).append(
                Check(code=CheckCode.CONSISTENT, passed=False, message=message)
            )
    return extra


def _clean(reports: dict[str, FieldReport], fid: str) -> bool:
    """The field's own checks hold: its figure is the letter's, so a disagreement is the
    council's."""
    report = reports.get(fid)
    return report is not None and all(
        c.passed
        for c in report.checks
        if c.code in (CheckCode.GROUNDED, CheckCode.VALUE_IN_QUOTE, CheckCode.ALIGNED)
    )


def _disagreements(
    values: dict[str, float], questionnaire_id: str
) -> list[tuple[tuple[str, ...], str]]:
    """The questionnaire's bounds (`at_most`, `sum_at_most`) that these figures break."""
    found: list[tuple[tuple[str, ...], str]] = []
    spec = questionnaire(questionnaire_id)
    if spec is None:
        return found
    for small, large in spec.at_most:
        if small in values and large in values and values[small] > values[large] + TOLERANCE:
            found.append(
                (
                    (small, large),
                    f"{small} ({format_number(values[small])}) is more than "
                    f"{large} ({format_number(values[large])})",
                )
            )
    for rule in spec.sum_at_most:
        (a, b), total = rule.parts, rule.total
        present = a in values and b in values and total in values
        if present and values[a] + values[b] > values[total] + TOLERANCE:
            found.append(
                (
                    (a, b, total),
                    f"{a} + {b} ({format_number(values[a] + values[b])}) is more "
                    f"than {total} ({format_number(values[total])})",
                )
            )
    return found


def _percent_problems(fid: str, fig: Figure, asked: set[str], questionnaire_id: str) -> list[str]:
    if fig.value is None or fig.unit != Unit.PERCENT:
        return []
    problems: list[str] = []
    if not 0 <= fig.value <= 100:
        problems.append(f"{format_number(fig.value)}% is not a percentage between 0 and 100")
    if fig.of is None:
        problems.append("a percentage without 'of': what it is a percentage of is unknown")
    elif fig.of not in asked:
        problems.append(
            f"a percentage of {fig.of}, which this questionnaire does not ask, cannot be checked"
        )
    elif not plausible_base(fid, fig.of, questionnaire_id):
        problems.append(
            f"{FIELDS[fid].label} cannot be a percentage of {FIELDS[fig.of].label} ({fig.of})"
        )
    return problems
