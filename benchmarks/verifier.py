"""Mutation benchmark for the verifier: does it flag realistic model mistakes?

From every gold file (our letters, their PDF/DOCX forms, and the seeds) we build the correct
response with its quotes, then many wrong ones, each with exactly one mistake of a kind a model
really makes. The verifier must flag the mutated field. On the unmutated responses, the share
of correct fields it flags is the false-flag rate (flags that only report the council's own
inconsistent figures are counted apart: they are true statements about the letter).

    rhi-llm bench verifier [--json]
"""

from __future__ import annotations

import random
import re
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rhi_llm.core.questionnaires import FIELDS
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import WITHHELD, Figure, Status, SurveyResponse, Unit
from rhi_llm.core.types import NumberMention, Span
from rhi_llm.extract.rules import figure_quote
from rhi_llm.gold import GoldCase, GoldFile, load_gold_set, response_from_gold
from rhi_llm.letters import load
from rhi_llm.meaning import counted_on_a_day, other_year, part_of_period, row_marker
from rhi_llm.numbers import find_numbers, format_number, same_number
from rhi_llm.reading import read
from rhi_llm.verify import clear_caches, verify

DISTRACTOR_KINDS = ("date", "year", "statute", "phone", "postcode", "reference", "address")


@dataclass(frozen=True)
class Mutation:
    kind: str
    field: str
    response: SurveyResponse
    note: str


@dataclass
class KindResult:
    mutations: int = 0
    flagged: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.flagged / self.mutations if self.mutations else 0.0


@dataclass
class BenchResult:
    letters: int
    kinds: dict[str, KindResult]
    correct_fields: int
    false_flags: int
    council_flags: int
    verify_ms: list[float]
    verify_with_finder_ms: list[float]
    skipped: list[str]

    @property
    def mutations(self) -> int:
        return sum(k.mutations for k in self.kinds.values())

    @property
    def recall(self) -> float:
        flagged = sum(k.flagged for k in self.kinds.values())
        return flagged / self.mutations if self.mutations else 0.0

    @property
    def false_flag_rate(self) -> float:
        return self.false_flags / self.correct_fields if self.correct_fields else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "mutations": self.mutations,
            "recall": round(self.recall, 4),
            "recall_by_kind": {k: round(v.recall, 4) for k, v in sorted(self.kinds.items())},
            "mutations_by_kind": {k: v.mutations for k, v in sorted(self.kinds.items())},
            "false_flag_rate": round(self.false_flag_rate, 4),
            "correct_fields": self.correct_fields,
            "false_flags": self.false_flags,
            "council_flags": self.council_flags,
            "letters": self.letters,
            "verify_ms_median": round(statistics.median(self.verify_ms), 2),
            "verify_ms_max": round(max(self.verify_ms), 2),
            "verify_with_finder_ms_median": round(statistics.median(self.verify_with_finder_ms), 2),
            "verify_with_finder_ms_max": round(max(self.verify_with_finder_ms), 2),
            "missed": {k: v.missed[:5] for k, v in sorted(self.kinds.items()) if v.missed},
            "skipped": self.skipped,
        }


# --------------------------------------------------------------------------------------------
# Building mutations
# --------------------------------------------------------------------------------------------


def _with(response: SurveyResponse, field_id: str, **changes: Any) -> SurveyResponse:
    figure = response.answer(field_id)
    assert isinstance(figure, Figure)
    return response.with_answer(field_id, figure.model_copy(update=changes))


def _line_around(text: str, mention: NumberMention, width: int = 70) -> str:
    """A verbatim window of the letter around a number, as a model would quote it."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    start = max(line_start, mention.start - width // 2)
    end = min(line_end, mention.end + width // 2)
    return text[start:end].strip()


def _retype(value: float, rng: random.Random) -> float | None:
    digits = list(format_number(value).replace(",", ""))
    places = [i for i, d in enumerate(digits) if d.isdigit()]
    if not places:
        return None
    at = rng.choice(places)
    choices = [d for d in "0123456789" if d != digits[at] and not (at == 0 and d == "0")]
    digits[at] = rng.choice(choices)
    return float("".join(digits))


def _transpose(value: float) -> float | None:
    digits = list(format_number(value).replace(",", ""))
    for i in range(len(digits) - 1):
        if digits[i].isdigit() and digits[i + 1].isdigit() and digits[i] != digits[i + 1]:
            digits[i], digits[i + 1] = digits[i + 1], digits[i]
            if digits[0] == "0":
                continue
            return float("".join(digits))
    return None


def _absent_number(text: str, near: float, rng: random.Random) -> float:
    present = {m.group(0).replace(",", "") for m in re.finditer(r"\d[\d,]*", text)}
    while True:
        candidate = float(max(1, round(near * rng.uniform(0.55, 1.6)) + rng.randint(1, 9)))
        if format_number(candidate).replace(",", "") not in present and candidate != near:
            return candidate


PARAPHRASES = (
    "In total the council logged {n} {label} that year",
    "Our records indicate {n} {label} over the period",
    "A figure of {n} {label} was reported to us",
)


class Mutator:
    """All the one-mistake responses for one letter and its gold."""

    def __init__(self, reading: LetterReading, gold: GoldFile, rng: random.Random) -> None:
        self.reading = reading
        self.gold = gold
        self.rng = rng
        self.correct = response_from_gold(gold)
        self.text = reading.text
        self.figures = {
            f: a
            for f, a in self.correct.answers.items()
            if isinstance(a, Figure) and a.value is not None and a.quote
        }

    def all(self) -> Iterator[Mutation]:
        for field_id, figure in self.figures.items():
            for make in self._answered_kinds():
                for mutation in make(field_id, figure):
                    if self._really_wrong(mutation, figure):
                        yield mutation
        for field_id, answer in self.correct.answers.items():
            if isinstance(answer, Figure) and answer.status in WITHHELD:
                yield from self._not_held(field_id, answer)

    def _answered_kinds(self) -> list[Callable[[str, Figure], Iterator[Mutation]]]:
        return [
            self._swap,
            self._typo,
            self._transposed,
            self._distractors,
            self._units,
            self._paraphrase,
            self._invented,
            self._absent,
            self._other_quote,
            self._second_figure,
            self._layout_traps,
            self._span_reused,
        ]

    @staticmethod
    def _really_wrong(mutation: Mutation, truth: Figure) -> bool:
        after = mutation.response.answer(mutation.field)
        assert isinstance(after, Figure)
        if mutation.kind in ("quote_paraphrased",):
            return after.quote != truth.quote
        same_value = (
            after.value is not None
            and truth.value is not None
            and same_number(after.value, truth.value)
        )
        return not (same_value and after.unit == truth.unit and after.of == truth.of)

    def _m(self, kind: str, field_id: str, note: str, **changes: Any) -> Mutation:
        return Mutation(
            kind=kind, field=field_id, note=note, response=_with(self.correct, field_id, **changes)
        )

    def _swap(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        others = [f for f in self.figures if f != field_id]
        if others:
            other = self.figures[self.rng.choice(others)]
            yield self._m(
                "value_swapped",
                field_id,
                f"value of another field ({other.value})",
                value=other.value,
                unit=other.unit,
                of=other.of,
            )

    def _other_quote(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        """Another field's figure with its true quote, from outside this field's answer."""
        yield from self._given("true_quote_other_question", field_id, self._others(field_id))

    def _others(self, field_id: str, *, inside: bool = False) -> list[Figure]:
        """The other fields' figures whose quotes stand outside this field's answer blocks,
        or (``inside``) start in them and count the same kind of thing."""
        blocks = self.reading.answer_blocks(field_id)
        found = []
        for other_id, other in self.figures.items():
            at = self.text.find(other.quote or "\0")
            if other_id == field_id or at < 0:
                continue
            if inside:
                same_kind = FIELDS[other_id].counts == FIELDS[field_id].counts
                if same_kind and any(b.start <= at < b.end for b in blocks):
                    found.append(other)
            elif not any(
                b.contains(Span(start=at, end=at + len(other.quote or ""))) for b in blocks
            ):
                found.append(other)
        return found

    def _given(
        self, kind: str, field_id: str, others: list[Figure], said: str = ""
    ) -> Iterator[Mutation]:
        if others:
            other = self.rng.choice(others)
            yield self._m(
                kind,
                field_id,
                f"quote {other.quote!r}{said}",
                value=other.value,
                unit=other.unit,
                of=other.of,
                quote=other.quote,
            )

    def _typo(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        assert figure.value is not None and figure.quote is not None
        wrong = _retype(figure.value, self.rng)
        if wrong is None:
            return
        yield self._m("digit_typo", field_id, f"{figure.value} -> {wrong}", value=wrong)
        shown = format_number(figure.value)
        for written in (shown, shown.replace(",", "")):
            if written in figure.quote:
                quote = figure.quote.replace(
                    written, format_number(wrong).replace(",", "" if "," not in written else ","), 1
                )
                yield self._m(
                    "digit_typo_in_quote_too",
                    field_id,
                    f"quote {quote!r}",
                    value=wrong,
                    quote=quote,
                )
                break

    def _transposed(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        assert figure.value is not None
        wrong = _transpose(figure.value)
        if wrong is not None:
            yield self._m("digit_transposed", field_id, f"{figure.value} -> {wrong}", value=wrong)

    def _distractors(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        mentions = self.reading.numbers
        by_kind: dict[str, list[NumberMention]] = {}
        for mention in mentions:
            if mention.kind in DISTRACTOR_KINDS:
                by_kind.setdefault(mention.kind, []).append(mention)
        for mention in mentions:
            sentence = self.text[
                self.reading.sentence_at(mention.start).start : self.reading.sentence_at(
                    mention.start
                ).end
            ]
            if re.search(
                r"appropriate limit|section 12|cost limit|£", sentence, re.I
            ) and mention.kind in ("figure", "duration", "money"):
                by_kind.setdefault("cost_limit", []).append(mention)
        for question in self.reading.qmap.questions:
            marker = re.match(
                r"\D*(\d+)", self.text[question.question.start : question.question.start + 8]
            )
            if marker:
                start = question.question.start + marker.start(1)
                by_kind.setdefault("question_number", []).append(
                    NumberMention(
                        value=float(marker.group(1)),
                        start=start,
                        end=start + len(marker.group(1)),
                        text=marker.group(1),
                        percent=False,
                        kind="figure",
                    )
                )
        own = self.reading.answer_blocks(field_id)
        for mention in mentions:
            if (
                mention.is_figure
                and not any(b.start <= mention.start < b.end for b in own)
                and self.reading.block_of_offset(mention.start) is not None
            ):
                by_kind.setdefault("other_answer", []).append(mention)
        for kind, found in sorted(by_kind.items()):
            usable = [m for m in found if not same_number(m.value, figure.value or -1)]
            if not usable:
                continue
            mention = self.rng.choice(usable)
            quote = _line_around(self.text, mention)
            yield self._m(
                f"distractor_{kind}",
                field_id,
                f"{mention.text} in {quote!r}",
                value=mention.value,
                unit=Unit.PERCENT if mention.percent else Unit.COUNT,
                of=figure.of if mention.percent else None,
                quote=quote,
            )

    def _layout_traps(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        """The traps of letters from other hands, each taken from this letter when it has
        one: another year's column or clause, a count on one day, one quarter's figure, a
        duration or clock time, a question number. The quote is the figure and the words
        after it, as a model quotes."""
        traps: dict[str, list[NumberMention]] = {}
        for mention in self.reading.numbers:
            if mention.kind in ("duration", "time"):
                traps.setdefault("duration_as_count", []).append(mention)
            elif mention.kind == "marker" or (
                mention.is_figure and row_marker(self.reading, mention)
            ):
                traps.setdefault("marker_as_figure", []).append(mention)
            elif not mention.is_figure:
                continue
            elif other_year(self.reading, mention):
                traps.setdefault("other_year_column", []).append(mention)
            elif counted_on_a_day(self.reading, mention):
                traps.setdefault("point_in_time", []).append(mention)
            elif part_of_period(self.reading, mention):
                traps.setdefault("quarter_for_year", []).append(mention)
        own = self.reading.answer_blocks(field_id)
        for kind, found in sorted(traps.items()):
            usable = [m for m in found if not same_number(m.value, figure.value or -1)]
            if not usable:
                continue
            # prefer a trap inside the field's own answer: the one a model falls into
            near = [m for m in usable if any(b.start <= m.start < b.end for b in own)]
            mention = self.rng.choice(near or usable)
            quote = figure_quote(self.reading, mention)
            yield self._m(
                kind,
                field_id,
                f"{mention.text} in {quote!r}",
                value=mention.value,
                unit=Unit.PERCENT if mention.percent else Unit.COUNT,
                of=figure.of if mention.percent else None,
                quote=quote,
            )

    def _span_reused(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        """Another field's figure and quote from the same answer given to this field too
        ("5b. and 5c. 742 accepted, 379 declined": 742 stored as declined)."""
        others = self._others(field_id, inside=True)
        yield from self._given("span_reused", field_id, others, " of another field")

    def _units(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        if figure.unit == Unit.PERCENT:
            yield self._m("percent_as_count", field_id, "unit count", unit=Unit.COUNT, of=None)
            assert figure.of is not None
            wanted = FIELDS[figure.of].counts
            wrong = [
                f
                for f in self.figures
                if f != field_id and FIELDS[f].counts and FIELDS[f].counts != wanted
            ]
            if wrong:
                base = self.rng.choice(wrong)
                yield self._m("percent_of_wrong_base", field_id, f"of {base}", of=base)
        else:
            base = "missing_incidents" if field_id != "missing_incidents" else "lac_total"
            yield self._m(
                "count_as_percent",
                field_id,
                f"percent of {base}",
                unit=Unit.PERCENT,
                of=base,
            )

    def _paraphrase(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        assert figure.value is not None
        template = self.rng.choice(PARAPHRASES)
        number = format_number(figure.value) + ("%" if figure.unit == Unit.PERCENT else "")
        quote = template.format(n=number, label=FIELDS[field_id].label)
        yield Mutation(
            kind="quote_paraphrased",
            field=field_id,
            note=quote,
            response=_with(self.correct, field_id, quote=quote),
        )

    def _invented(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        assert figure.value is not None
        wrong = _absent_number(self.text, figure.value, self.rng)
        quote = f"{format_number(wrong)} {FIELDS[field_id].label}"
        yield self._m("quote_invented", field_id, quote, value=wrong, quote=quote)

    def _absent(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        assert figure.value is not None
        wrong = _absent_number(self.text, figure.value, self.rng)
        yield self._m("number_absent_from_letter", field_id, f"{wrong}", value=wrong)

    def _second_figure(self, field_id: str, figure: Figure) -> Iterator[Mutation]:
        at = self.text.find(figure.quote or "\0")
        if at < 0:
            return
        sentence = self.reading.sentence_at(at)
        inside = [m for m in self.reading.numbers_in(sentence) if m.is_figure]
        others = [m for m in inside if not same_number(m.value, figure.value or -1)]
        if len(inside) >= 2 and others:
            other = self.rng.choice(others)
            quote = self.text[sentence.start : sentence.end].strip()
            yield self._m(
                "second_figure_of_sentence",
                field_id,
                f"{other.text} in {quote!r}",
                value=other.value,
                unit=Unit.PERCENT if other.percent else Unit.COUNT,
                quote=quote,
            )

    def _not_held(self, field_id: str, answer: Figure) -> Iterator[Mutation]:
        blocks = self.reading.answer_blocks(field_id)
        decoys = [m for b in blocks for m in self.reading.numbers_in(b)]
        if decoys:
            decoy = self.rng.choice(decoys)
            quote = _line_around(self.text, decoy)
            value = decoy.value
        else:
            value = _absent_number(self.text, 100, self.rng)
            quote = answer.quote or ""
        yield Mutation(
            kind="number_where_not_held",
            field=field_id,
            note=f"{value} {quote!r}",
            response=_with(
                self.correct,
                field_id,
                value=value,
                unit=Unit.COUNT,
                status=Status.ANSWERED,
                quote=quote,
            ),
        )
        yield Mutation(
            kind="withheld_but_number_kept",
            field=field_id,
            note=f"{value}",
            response=_with(self.correct, field_id, value=value, unit=Unit.COUNT),
        )


# --------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------


def _readings(cases: list[GoldCase]) -> Iterator[tuple[GoldCase, LetterReading]]:
    for case in cases:
        for path in case.letters:
            yield case, read(load(path))


def _time_letter(
    reading: LetterReading, correct: SurveyResponse, repeats: int = 5
) -> tuple[float, float]:
    """Median milliseconds to verify one letter: from scratch (question finding and number
    scanning included, caches emptied), and with the letter's reading shared with extraction."""
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(repeats):
        find_numbers.cache_clear()
        clear_caches()
        started = time.perf_counter()
        verify(read(reading.letter), correct)
        cold.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        verify(reading, correct)
        warm.append((time.perf_counter() - started) * 1000)
    return statistics.median(cold), statistics.median(warm)


def run(
    gold_dir: Path,
    letters_dir: Path | None = None,
    seeds_dir: Path | None = None,
    seed: int = 20261121,
) -> BenchResult:
    cases = load_gold_set(gold_dir, letters_dir, seeds_dir)
    skipped = [f"{c.path.name}: {', '.join(c.missing)} not found" for c in cases if c.missing]
    rng = random.Random(seed)
    kinds: dict[str, KindResult] = {}
    correct_fields = false_flags = council_flags = letters = 0
    verify_ms: list[float] = []
    with_finder_ms: list[float] = []
    warmed = False
    for case, reading in _readings([c for c in cases if c.letters]):
        letters += 1
        correct = response_from_gold(case.gold)
        if not warmed:  # compile regexes and fill caches once, outside the timings
            verify(read(reading.letter), correct)
            warmed = True
        cold, warm = _time_letter(reading, correct)
        with_finder_ms.append(cold)
        verify_ms.append(warm)
        report = verify(reading, correct)
        for field_report in report.fields.values():
            if field_report.verdict == "missing":
                continue
            correct_fields += 1
            if field_report.verdict == "flagged":
                if field_report.council_only:
                    council_flags += 1
                else:
                    false_flags += 1
        for mutation in Mutator(reading, case.gold, rng).all():
            result = kinds.setdefault(mutation.kind, KindResult())
            result.mutations += 1
            verdict = verify(reading, mutation.response).fields[mutation.field].verdict
            if verdict == "flagged":
                result.flagged += 1
            else:
                result.missed.append(f"{reading.letter.name} {mutation.field}: {mutation.note}")
    return BenchResult(
        letters=letters,
        kinds=kinds,
        correct_fields=correct_fields,
        false_flags=false_flags,
        council_flags=council_flags,
        verify_ms=verify_ms,
        verify_with_finder_ms=with_finder_ms,
        skipped=skipped,
    )
