"""The eval harness: every gold letter through the same pipeline as `extract`, then scored.

    rhi-llm eval --backend rules|llm --gold eval/gold [--json] [--report FILE.md]
    rhi-llm eval --compare OLD.json NEW.json

Every letter a gold file names (and each of its `also` forms, scored as a letter of its own)
goes through `pipeline.process_many`: load, read, extract, verify. Each field of the gold file
is then scored against the extraction:

* **correct**: a numeric field needs the status, the value (within 1e-6), the unit and, for a
  percent, what it is a percentage `of` to be right; a choice or provider field needs the status
  and the set of options; a text field the status and the words (whitespace normalised). A
  field the extraction leaves out counts as not_answered with no value. Every gold field of a
  letter that fails to load or extract is wrong, with verdict missing.
* **silent error**: wrong, and the verifier said ok. What a user would publish unreviewed.
* **flag precision**: of the fields the verifier flagged, the share that were wrong (the
  review burden); **flag recall**: of the wrong fields, the share it flagged (the safety net).
* **coverage**: of the gold fields with a value, the share where the extraction gave a value.
* **false value**: a numeric field where the gold has no number (null, or not labelled although
  the questionnaire asks it) and the extraction gave one.

A ratio with an empty denominator is None ("n/a"), never 0 or 1. Before scoring, the gold is
checked against its letter (`check_gold`): a gold number or quote that is not in the letter is
a gold problem, reported and not scored.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rhi_llm.core.contracts import Backend
from rhi_llm.core.errors import ConfigError, RhiError
from rhi_llm.core.questionnaires import FIELDS, FieldKind, fields_for
from rhi_llm.core.records import Value, Verdict
from rhi_llm.core.survey import Status, SurveyResponse, Unit, answer_value
from rhi_llm.core.types import Flag, NumberMention
from rhi_llm.gold import GoldCase, GoldField, GoldFile, default_seeds_dir, load_gold_set
from rhi_llm.letters import load
from rhi_llm.numbers import find_numbers, format_number, same_number
from rhi_llm.pipeline import LetterOutcome, process_many

EVAL_VERSION = "1"
CATEGORICAL: frozenset[FieldKind] = frozenset({"choice", "provider"})

# --------------------------------------------------------------------------------------------
# Answers and what makes one right
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """A gold or extracted answer, reduced to what is scored."""

    value: Value = None
    unit: str | None = None
    of: str | None = None
    status: str = Status.NOT_ANSWERED.value
    quote: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "of": self.of,
            "status": self.status,
            "quote": self.quote,
        }

    def shown(self) -> str:
        """For people: '91.3% of missing_incidents', '1,032', '[a, b]', 'not held'."""
        if self.value is None:
            return self.status.replace("_", " ")
        if isinstance(self.value, list):
            shown = "[" + ", ".join(self.value) + "]"
        elif isinstance(self.value, str):
            shown = repr(self.value)
        elif self.unit == Unit.PERCENT:
            shown = f"{format_number(float(self.value))}% of {self.of or '?'}"
        else:
            number = format_number(float(self.value))
            shown = number if self.unit == Unit.COUNT else f"{number} (unit {self.unit or 'none'})"
        return shown if self.status == Status.ANSWERED else f"{shown} ({self.status})"


def _no_empty_list(value: Value) -> Value:
    return None if value == [] else value


def gold_answer(gold: GoldField) -> Answer:
    return Answer(
        value=_no_empty_list(gold.value),
        unit=gold.unit.value if gold.unit else None,
        of=gold.of,
        status=gold.effective_status.value,
        quote=gold.quote,
    )


def extracted_answer(response: SurveyResponse | None, field_id: str) -> Answer:
    """What the extraction says for a field; a field it leaves out is not_answered."""
    answer = response.answer(field_id) if response is not None else None
    if answer is None:
        return Answer()
    unit = getattr(answer, "unit", None)
    of = getattr(answer, "of", None)
    return Answer(
        value=_no_empty_list(answer_value(answer)),
        unit=str(unit) if unit is not None else None,
        of=str(of) if of is not None else None,
        status=str(answer.status),
        quote=answer.quote,
    )


def _as_set(value: Value) -> frozenset[str]:
    if isinstance(value, list):
        return frozenset(value)
    return frozenset({str(value)})


def _same_figure(gold: Answer, got: Answer) -> bool:
    if not isinstance(gold.value, int | float) or not isinstance(got.value, int | float):
        return False
    if not same_number(float(gold.value), float(got.value)) or gold.unit != got.unit:
        return False
    return gold.unit != Unit.PERCENT or gold.of == got.of


def same_answer(kind: FieldKind, gold: Answer, got: Answer) -> bool:
    """The scoring rule: status equal, and the values equal as the field's kind compares them."""
    if gold.status != got.status:
        return False
    if gold.value is None or got.value is None:
        return gold.value is None and got.value is None
    if kind == "numeric":
        return _same_figure(gold, got)
    if kind == "text":
        return _same_text(gold, got)
    return _as_set(gold.value) == _as_set(got.value)


_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _same_text(gold: Answer, got: Answer) -> bool:
    """A free-text answer is right when it is the council's answer: the same words, or the
    words the gold quotes (at least four) in order and not much more than the answer (an
    answer block that ran on into the next question is wrong). Markup and table bars aside."""
    said, wanted = _words(str(got.value)), _words(str(gold.value))
    if said == wanted:
        return True
    quoted = _words(gold.quote or "")
    if len(quoted) < 4:
        return False
    joined, needle = " " + " ".join(said) + " ", " " + " ".join(quoted) + " "
    return needle in joined and len(said) <= 2 * max(len(wanted), len(quoted)) + 40


# --------------------------------------------------------------------------------------------
# Field scores and the metrics over them
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldScore:
    """One field of one letter form: gold against extraction, and the verifier's verdict.

    ``labelled`` is False for a numeric field the questionnaire asks but the gold file leaves
    out: it is not scored, only watched for false values."""

    letter: str
    gold_file: str
    questionnaire: str
    field: str
    kind: FieldKind
    gold: Answer
    got: Answer
    verdict: Verdict = "missing"
    flags: tuple[Flag, ...] = ()
    labelled: bool = True
    failed: bool = False

    @property
    def correct(self) -> bool:
        return not self.failed and same_answer(self.kind, self.gold, self.got)

    @property
    def status_correct(self) -> bool:
        return not self.failed and self.gold.status == self.got.status

    @property
    def wrong(self) -> bool:
        return self.labelled and not self.correct

    @property
    def flagged(self) -> bool:
        return self.verdict == "flagged"

    @property
    def silent(self) -> bool:
        return self.wrong and self.verdict == "ok"

    @property
    def false_value(self) -> bool:
        return (
            self.kind == "numeric"
            and self.gold.value is None
            and isinstance(self.got.value, int | float)
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "letter": self.letter,
            "field": self.field,
            "labelled": self.labelled,
            "gold": self.gold.as_json(),
            "extracted": self.got.as_json(),
            "verdict": self.verdict,
            "flags": [flag.message for flag in self.flags],
        }


def _scored(s: FieldScore) -> bool:
    return s.labelled


@dataclass(frozen=True)
class Metric:
    """A ratio over field scores: ``hit`` among those ``over`` selects."""

    name: str
    over: Callable[[FieldScore], bool]
    hit: Callable[[FieldScore], bool]
    higher_is_better: bool = True

    def rate(self, scores: Iterable[FieldScore]) -> float | None:
        population = [s for s in scores if self.over(s)]
        if not population:
            return None
        return sum(1 for s in population if self.hit(s)) / len(population)

    def failing(self, scores: Iterable[FieldScore]) -> list[FieldScore]:
        """The fields that pull this metric the wrong way."""
        return [s for s in scores if self.over(s) and self.hit(s) != self.higher_is_better]


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("accuracy", _scored, lambda s: s.correct),
        Metric(
            "numeric_accuracy", lambda s: _scored(s) and s.kind == "numeric", lambda s: s.correct
        ),
        Metric(
            "categorical_accuracy",
            lambda s: s.labelled and s.kind in CATEGORICAL,
            lambda s: s.correct,
        ),
        Metric("status_accuracy", _scored, lambda s: s.status_correct),
        Metric(
            "coverage",
            lambda s: s.labelled and s.gold.value is not None,
            lambda s: s.got.value is not None,
        ),
        Metric("silent_error_rate", _scored, lambda s: s.silent, higher_is_better=False),
        Metric("flag_precision", lambda s: s.labelled and s.flagged, lambda s: s.wrong),
        Metric("flag_recall", lambda s: s.wrong, lambda s: s.flagged),
        # review burden: of the answers given right, the share the verifier flags anyway
        Metric(
            "false_flag_rate",
            lambda s: s.labelled and s.correct and s.verdict != "missing",
            lambda s: s.flagged,
            higher_is_better=False,
        ),
        Metric(
            "false_value_rate",
            lambda s: s.kind == "numeric" and s.gold.value is None,
            lambda s: s.false_value,
            higher_is_better=False,
        ),
    )
}


def _round(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 4)


def summarise(scores: Sequence[FieldScore]) -> dict[str, Any]:
    """Every metric over some field scores, with the counts behind them."""
    scored = [s for s in scores if s.labelled]
    summary: dict[str, Any] = {
        "fields_scored": len(scored),
        "correct": sum(s.correct for s in scored),
        "wrong": sum(s.wrong for s in scored),
        "silent_errors": sum(s.silent for s in scored),
        "flagged": sum(s.flagged for s in scored),
        "false_values": sum(s.false_value for s in scores),
    }
    summary.update({name: _round(metric.rate(scores)) for name, metric in METRICS.items()})
    return summary


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterRun:
    """One letter form run through the pipeline: what it cost, and whether it failed."""

    letter: str
    path: str
    gold_file: str
    questionnaire: str
    detected: str | None = None
    error: str | None = None
    tokens: int = 0
    calls: int = 0
    cost_usd: float | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "gold": self.gold_file,
            "questionnaire": self.questionnaire,
            "questionnaire_detected": self.detected,
            "error": self.error,
            "tokens": self.tokens,
            "calls": self.calls,
            "cost_usd": self.cost_usd,
        }


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _grouped(
    scores: Iterable[FieldScore], key: Callable[[FieldScore], str]
) -> dict[str, list[FieldScore]]:
    groups: dict[str, list[FieldScore]] = {}
    for score in scores:
        groups.setdefault(key(score), []).append(score)
    return groups


@dataclass
class EvalResult:
    backend: str
    scores: list[FieldScore]
    runs: list[LetterRun]
    skipped: list[str] = field(default_factory=list)
    gold_problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def scored(self) -> list[FieldScore]:
        return [s for s in self.scores if s.labelled]

    def metric(self, name: str) -> float | None:
        return METRICS[name].rate(self.scores)

    def wrong(self) -> list[FieldScore]:
        return [s for s in self.scores if s.wrong]

    def false_values(self) -> list[FieldScore]:
        return [s for s in self.scores if s.false_value]

    def usage(self) -> dict[str, Any]:
        """Tokens and calls per letter (mean over letters that ran), and the total cost."""
        ran = [r for r in self.runs if r.error is None]
        costs = [r.cost_usd for r in ran if r.cost_usd is not None]
        return {
            "tokens_per_letter": _mean([r.tokens for r in ran]),
            "calls_per_letter": _mean([r.calls for r in ran]),
            "cost_usd": round(sum(costs), 6) if costs else None,
        }

    def per_field(self) -> dict[str, dict[str, Any]]:
        groups = _grouped(self.scores, lambda s: s.field)
        return {f: summarise(groups[f]) for f in FIELDS if f in groups}

    def per_letter(self) -> dict[str, dict[str, Any]]:
        groups = _grouped(self.scores, lambda s: s.letter)
        return {r.letter: {**r.as_json(), **summarise(groups.get(r.letter, []))} for r in self.runs}

    def per_questionnaire(self) -> dict[str, dict[str, Any]]:
        groups = _grouped(self.scores, lambda s: s.questionnaire)
        return {q: summarise(groups[q]) for q in sorted(groups)}

    def as_json(self) -> dict[str, Any]:
        """The `eval --json` object (keys are a contract: change with `EVAL_VERSION`)."""
        return {
            "eval_version": EVAL_VERSION,
            "backend": self.backend,
            "notes": self.notes,
            "letters": len(self.runs),
            **summarise(self.scores),
            **self.usage(),
            "per_field": self.per_field(),
            "per_letter": self.per_letter(),
            "per_questionnaire": self.per_questionnaire(),
            "wrong_fields": [s.as_json() for s in self.wrong()],
            "false_value_fields": [s.as_json() for s in self.false_values()],
            "skipped": self.skipped,
            "gold_problems": self.gold_problems,
        }


# --------------------------------------------------------------------------------------------
# Checking the gold against its letter
# --------------------------------------------------------------------------------------------


def _has_number(mentions: Iterable[NumberMention], value: float, percent: bool) -> bool:
    return any(m.percent == percent and same_number(m.value, value) for m in mentions)


def _field_problem(field_id: str, gold: GoldField, text: str) -> str | None:
    if gold.quote and gold.quote not in text:
        return f"gold quote {gold.quote!r} is not in the letter"
    value = gold.value
    if FIELDS[field_id].kind != "numeric" or not isinstance(value, int | float):
        return None
    percent = gold.unit == Unit.PERCENT
    shown = format_number(float(value)) + ("%" if percent else "")
    what = "a percentage" if percent else "a count"
    if not _has_number(find_numbers(text), float(value), percent):
        return f"gold value {shown} does not appear in the letter as {what}"
    if gold.quote and not _has_number(find_numbers(gold.quote), float(value), percent):
        return f"gold value {shown} is not in its quote {gold.quote!r}"
    return None


def gold_field_problems(gold: GoldFile, text: str) -> dict[str, str]:
    """Fields whose gold number or quote is not in the letter text: field id -> problem."""
    problems: dict[str, str] = {}
    for field_id, answer in gold.fields.items():
        problem = _field_problem(field_id, answer, text)
        if problem:
            problems[field_id] = problem
    return problems


def _letter_problems(case: GoldCase) -> tuple[dict[str, str], str | None]:
    """The field problems of a case, checked on its first letter form (or why it could not be)."""
    if not case.letters:
        return {}, None
    try:
        text = load(case.letters[0]).text
    except RhiError as error:
        return {}, str(error)
    return gold_field_problems(case.gold, text), None


def check_gold(case: GoldCase) -> list[str]:
    """Everything wrong with a gold file: letters not found, numbers or quotes not in its letter."""
    name = case.path.name
    problems = [f"{name}: letter {missing} not found" for missing in case.missing]
    fields, load_error = _letter_problems(case)
    if load_error:
        problems.append(f"{name}: {load_error}")
    problems += [f"{name}: {field_id}: {problem}" for field_id, problem in fields.items()]
    return problems


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """One letter form to run and score, with the gold fields left out for gold problems."""

    case: GoldCase
    path: Path
    excluded: frozenset[str] = frozenset()


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    gold_problems: list[str] = field(default_factory=list)


def _no_cassette(name: str, path: Path, seeds_dir: Path | None) -> str:
    """Why a letter with no cassette to replay is skipped: a seed letter is never recorded;
    any other simply has no recording in the folder replayed."""
    if seeds_dir is not None and path.resolve().is_relative_to(seeds_dir.resolve()):
        why = "seed letters are third-party text and are never recorded"
    else:
        why = "no recording of it in the cassettes folder; --record with a key makes one"
    return f"{name}: no cassette for {path.name} ({why})"


def plan(
    cases: Iterable[GoldCase],
    searched: str = "",
    covers: Callable[[Path], bool] | None = None,
    seeds_dir: Path | None = None,
) -> Plan:
    """Which letter forms to run; gold whose letter is missing is skipped, with the reason,
    and so is a letter the backend cannot answer for (no cassette to replay: a seed letter,
    under ``seeds_dir``, never has one)."""
    result = Plan()
    for case in cases:
        name = case.path.name
        result.skipped += [f"{name}: {missing} not found{searched}" for missing in case.missing]
        if not case.letters:
            continue
        problems, _ = _letter_problems(case)  # a letter that cannot load fails in the pipeline
        result.gold_problems += [f"{name}: {f}: {p} (not scored)" for f, p in problems.items()]
        for path in case.letters:
            if covers is not None and not covers(path):
                result.skipped.append(_no_cassette(name, path, seeds_dir))
                continue
            result.jobs.append(Job(case, path, frozenset(problems)))
    return result


def _field_score(job: Job, letter: str, outcome: LetterOutcome, field_id: str) -> FieldScore:
    gold = job.case.gold
    failed = outcome.error is not None
    report = None if failed or outcome.report is None else outcome.report.fields.get(field_id)
    labelled = field_id in gold.fields
    return FieldScore(
        letter=letter,
        gold_file=job.case.path.name,
        questionnaire=gold.questionnaire,
        field=field_id,
        kind=FIELDS[field_id].kind,
        gold=gold_answer(gold.fields[field_id]) if labelled else Answer(),
        got=extracted_answer(None if failed else outcome.response, field_id),
        verdict=report.verdict if report else "missing",
        flags=tuple(report.flags) if report else (),
        labelled=labelled,
        failed=failed,
    )


def score_letter(job: Job, letter: str, outcome: LetterOutcome) -> list[FieldScore]:
    """Every gold field of one letter form (except gold problems), and the numeric fields its
    questionnaire asks that the gold leaves out (watched for false values only)."""
    gold = job.case.gold
    labelled = [f for f in gold.fields if f not in job.excluded]
    unlabelled = [
        f
        for f in fields_for(gold.questionnaire)
        if FIELDS[f].kind == "numeric" and f not in gold.fields
    ]
    return [_field_score(job, letter, outcome, f) for f in [*labelled, *unlabelled]]


def letter_run(job: Job, letter: str, outcome: LetterOutcome) -> LetterRun:
    provenance = outcome.row.provenance if outcome.row is not None else None
    return LetterRun(
        letter=letter,
        path=str(job.path),
        gold_file=job.case.path.name,
        questionnaire=job.case.gold.questionnaire,
        detected=outcome.report.questionnaire if outcome.report else None,
        error=str(outcome.error) if outcome.error is not None else None,
        tokens=provenance.tokens.total if provenance else 0,
        calls=provenance.calls if provenance else 0,
        cost_usd=provenance.cost_usd if provenance else None,
    )


def _letter_key(job: Job, taken: set[str]) -> str:
    key = job.path.name
    if key in taken:
        key = f"{key} ({job.case.path.name})"
    taken.add(key)
    return key


def _notes(outcomes: Iterable[LetterOutcome]) -> list[str]:
    notes: list[str] = []
    for outcome in outcomes:
        note = outcome.row.provenance.note if outcome.row is not None else None
        if note and note not in notes:
            notes.append(note)
    return notes


def score_outcomes(
    backend: str, done: Sequence[tuple[Job, LetterOutcome]], planned: Plan | None = None
) -> EvalResult:
    """Score letter outcomes against their gold (pure: no letter is read or extracted here)."""
    planned = planned or Plan()
    scores: list[FieldScore] = []
    runs: list[LetterRun] = []
    taken: set[str] = set()
    for job, outcome in done:
        letter = _letter_key(job, taken)
        scores += score_letter(job, letter, outcome)
        runs.append(letter_run(job, letter, outcome))
    return EvalResult(
        backend=backend,
        scores=scores,
        runs=runs,
        skipped=list(planned.skipped),
        gold_problems=list(planned.gold_problems),
        notes=_notes(outcome for _, outcome in done),
    )


async def run_eval(
    cases: Sequence[GoldCase],
    backend: Backend,
    *,
    concurrency: int = 8,
    searched: str = "",
    seeds_dir: Path | None = None,
) -> EvalResult:
    """Every letter form of the gold cases through the pipeline, scored."""
    planned = plan(cases, searched, backend.covers, seeds_dir)
    paths = [job.path for job in planned.jobs]
    try:
        outcomes = await process_many(paths, backend, concurrency=concurrency)
    finally:
        await backend.aclose()
    return score_outcomes(backend.name, list(zip(planned.jobs, outcomes, strict=True)), planned)


def evaluate(
    cases: Sequence[GoldCase],
    backend: Backend,
    *,
    concurrency: int = 8,
    searched: str = "",
    seeds_dir: Path | None = None,
) -> EvalResult:
    return asyncio.run(
        run_eval(cases, backend, concurrency=concurrency, searched=searched, seeds_dir=seeds_dir)
    )


def evaluate_folder(
    gold_dir: Path,
    backend: Backend,
    letters_dir: Path | None = None,
    seeds_dir: Path | None = None,
    *,
    concurrency: int = 8,
) -> EvalResult:
    """`rhi-llm eval`: the gold files of a folder, their letters looked up as LABELLING.md says."""
    letters_dir = letters_dir or gold_dir.parent / "letters"
    seeds_dir = seeds_dir or default_seeds_dir(gold_dir)
    cases = load_gold_set(gold_dir, letters_dir, seeds_dir)
    searched = f" in {letters_dir} or {seeds_dir}"
    return evaluate(cases, backend, concurrency=concurrency, searched=searched, seeds_dir=seeds_dir)


# --------------------------------------------------------------------------------------------
# Thresholds
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    metric: str
    bound: float
    minimum: bool

    @property
    def key(self) -> str:
        return f"{'min' if self.minimum else 'max'}_{self.metric}"

    def crossed(self, actual: float | None) -> bool:
        if actual is None:
            return False
        return actual < self.bound if self.minimum else actual > self.bound


def _shown_rate(rate: float | None) -> str:
    return "n/a" if rate is None else f"{round(rate, 4):g}"


@dataclass(frozen=True)
class Regression:
    threshold: Threshold
    actual: float | None
    causes: tuple[FieldScore, ...] = ()

    def __str__(self) -> str:
        op = "<" if self.threshold.minimum else ">"
        return (
            f"REGRESSION: {self.threshold.metric} {_shown_rate(self.actual)} {op} "
            f"{self.threshold.bound:g}"
        )


def _threshold(key: str, bound: object, path: Path) -> Threshold:
    prefix, _, metric = key.partition("_")
    if prefix not in ("min", "max") or metric not in METRICS:
        known = ", ".join(f"min_{m} / max_{m}" for m in METRICS)
        raise ConfigError(f"unknown threshold {key!r} (known: {known})", path=path)
    if isinstance(bound, bool) or not isinstance(bound, int | float) or math.isnan(bound):
        raise ConfigError(f"threshold {key} must be a number, not {bound!r}", path=path)
    return Threshold(metric=metric, bound=float(bound), minimum=prefix == "min")


def load_thresholds(path: Path, backend: str) -> list[Threshold]:
    """The `[backend]` section of a thresholds TOML file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the thresholds ({exc.strerror})", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=path) from None
    section = data.get(backend)
    if not isinstance(section, dict):
        raise ConfigError(f"no [{backend}] section of thresholds", path=path)
    return [_threshold(key, bound, path) for key, bound in section.items()]


def check_thresholds(result: EvalResult, thresholds: Iterable[Threshold]) -> list[Regression]:
    """Thresholds the result crosses, each with the fields that pull it the wrong way. With no
    field scored at all, every threshold is crossed; a metric that is n/a otherwise is not."""
    regressions: list[Regression] = []
    nothing_scored = not result.scored
    for threshold in thresholds:
        metric = METRICS[threshold.metric]
        actual = metric.rate(result.scores)
        if nothing_scored or threshold.crossed(actual):
            causes = tuple(metric.failing(result.scores))
            regressions.append(Regression(threshold, actual, causes))
    return regressions


# --------------------------------------------------------------------------------------------
# Comparing two saved results
# --------------------------------------------------------------------------------------------

HEADLINE = (*METRICS, "fields_scored", "letters", "silent_errors", "false_values")
LOWER_IS_BETTER = frozenset(
    {"silent_error_rate", "false_value_rate", "false_flag_rate", "silent_errors", "false_values"}
)


@dataclass(frozen=True)
class Change:
    name: str
    metric: str
    old: float | None
    new: float | None

    @property
    def delta(self) -> float | None:
        if self.old is None or self.new is None:
            return None
        return round(self.new - self.old, 4)

    @property
    def better(self) -> bool | None:
        """True when the change is an improvement; None when there is no direction."""
        if self.delta is None or self.delta == 0 or self.metric in ("fields_scored", "letters"):
            return None
        return (self.delta > 0) != (self.metric in LOWER_IS_BETTER)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "metric": self.metric,
            "old": self.old,
            "new": self.new,
            "delta": self.delta,
            "better": self.better,
        }


@dataclass
class Comparison:
    headline: list[Change]
    fields: list[Change]
    letters: list[Change]
    broken: list[str]
    fixed: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "headline": [c.as_json() for c in self.headline],
            "per_field": [c.as_json() for c in self.fields],
            "per_letter": [c.as_json() for c in self.letters],
            "newly_wrong": self.broken,
            "fixed": self.fixed,
        }


def read_eval_json(path: Path) -> dict[str, Any]:
    """A saved `eval --json` object."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read ({exc.strerror})", path=path) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"invalid JSON at line {exc.lineno}: {exc.msg}", path=path) from None
    if not isinstance(data, dict) or "per_field" not in data or "accuracy" not in data:
        raise ConfigError("not the output of `rhi-llm eval --json`", path=path)
    return data


def _changes(
    old: dict[str, Any], new: dict[str, Any], metrics: Iterable[str], name: str = ""
) -> list[Change]:
    found: list[Change] = []
    for metric in metrics:
        before, after = old.get(metric), new.get(metric)
        if before != after:
            found.append(Change(name=name or metric, metric=metric, old=before, new=after))
    return found


def _group_changes(old: dict[str, Any], new: dict[str, Any], key: str) -> list[Change]:
    before: dict[str, Any] = old.get(key) or {}
    after: dict[str, Any] = new.get(key) or {}
    found: list[Change] = []
    for name in [*before, *(n for n in after if n not in before)]:
        found += _changes(
            before.get(name) or {}, after.get(name) or {}, ("accuracy", "silent_errors"), name
        )
    return found


def _wrong_keys(data: dict[str, Any]) -> list[str]:
    return [f"{w.get('letter')} {w.get('field')}" for w in data.get("wrong_fields") or []]


def compare(old: dict[str, Any], new: dict[str, Any]) -> Comparison:
    """Which headline figures, fields and letters got better or worse between two evals."""
    old_wrong, new_wrong = _wrong_keys(old), _wrong_keys(new)
    return Comparison(
        headline=_changes(old, new, HEADLINE),
        fields=_group_changes(old, new, "per_field"),
        letters=_group_changes(old, new, "per_letter"),
        broken=[w for w in new_wrong if w not in old_wrong],
        fixed=[w for w in old_wrong if w not in new_wrong],
    )
