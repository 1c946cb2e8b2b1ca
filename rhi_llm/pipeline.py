"""One letter through the whole pipeline: load, read, extract, verify, and the output row.

`extract`, `eval` and the benchmarks all go through `process_letter` (or its async twin for
model backends), so what is scored is exactly what users get.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from rhi_llm.errors import InternalError, RhiError
from rhi_llm.letters import load
from rhi_llm.reading import LetterReading
from rhi_llm.records import (
    CallRecord,
    LetterDocument,
    LetterRef,
    OutputField,
    OutputRow,
    Provenance,
    Value,
)
from rhi_llm.survey import (
    FIELDS,
    SCHEMA_VERSION,
    Figure,
    Questionnaire,
    Status,
    SurveyResponse,
    Unit,
    fields_for,
)
from rhi_llm.types import Check, CheckCode
from rhi_llm.verify import FieldReport, VerificationReport, verify

log = logging.getLogger(__name__)


class Extraction(BaseModel):
    """What a backend returns for one letter."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    response: SurveyResponse
    provenance: Provenance
    others: dict[str, SurveyResponse] = Field(
        default_factory=dict, description="other backends' responses, by backend name"
    )
    checks: dict[str, list[Check]] = Field(
        default_factory=dict, description="checks the backend itself raised (chunks_disagree)"
    )
    calls: list[CallRecord] = Field(
        default_factory=list, description="every request made, retries and re-asks included"
    )


@runtime_checkable
class Backend(Protocol):
    """An extractor: fills a `SurveyResponse` for a letter, every figure with its quote."""

    name: str

    async def extract(self, reading: LetterReading) -> Extraction: ...


@dataclass
class LetterOutcome:
    """One letter's result: a verified row, or the reason it failed."""

    path: str
    row: OutputRow | None = None
    error: RhiError | None = None
    response: SurveyResponse | None = None
    report: VerificationReport | None = None
    reading: LetterReading | None = field(default=None, repr=False)
    calls: list[CallRecord] = field(default_factory=list)
    document: LetterDocument | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.row is not None

    def slim(self) -> LetterOutcome:
        """Only what a batch records (row, error, calls): what crosses from a worker process
        to the main one, where pickling the reading, response and report would cost more
        than they are worth."""
        return LetterOutcome(
            path=self.path,
            row=self.row,
            error=self.error,
            calls=self.calls,
            document=self.stored_document(),
        )

    def stored_document(self) -> LetterDocument | None:
        """The letter's text and answer blocks, for the run store."""
        if self.document is None and self.reading is not None and self.row is not None:
            self.document = document_of(self.reading)
        return self.document


# --------------------------------------------------------------------------------------------
# Output rows
# --------------------------------------------------------------------------------------------


def answer_value(answer: object) -> Value:
    value = getattr(answer, "value", None)
    if value is None:
        return None
    if isinstance(answer, Figure):
        number = float(value)
        return int(number) if number.is_integer() and answer.unit != Unit.PERCENT else number
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)


def output_field(answer: object, report: FieldReport | None) -> OutputField:
    unit = getattr(answer, "unit", None)
    of = getattr(answer, "of", None)
    return OutputField(
        value=answer_value(answer),
        unit=str(unit) if unit is not None else None,
        of=str(of) if of is not None else None,
        status=str(getattr(answer, "status", Status.NOT_ANSWERED)),
        quote=getattr(answer, "quote", None),
        span=report.span.as_list() if report and report.span else None,
        page=report.page if report else None,
        derived=report.derived if report else None,
        flags=report.flags if report else [],
        verdict=report.verdict if report else "missing",
    )


def build_row(
    reading: LetterReading, extraction: Extraction, report: VerificationReport
) -> OutputRow:
    response = extraction.response
    letter = reading.letter
    questionnaire = reading.qmap.questionnaire
    fields: dict[str, OutputField] = {}
    answers = response.answers()
    for field_id in fields_for(questionnaire):
        answer = answers.get(field_id)
        fields[field_id] = (
            output_field(answer, report.fields.get(field_id))
            if answer is not None
            else OutputField()
        )
        for backend, other in extraction.others.items():
            other_answer = other.answer(field_id)
            if other_answer is not None:
                fields[field_id].alternatives[backend] = answer_value(other_answer)
    return OutputRow(
        letter=LetterRef(
            path=letter.path, sha256=letter.sha256, format=letter.format, pages=letter.pages
        ),
        questionnaire=questionnaire,
        council=response.council,
        reference=response.reference,
        response_date=response.response_date,
        period=response.period,
        fields=fields,
        provenance=extraction.provenance,
    )


# --------------------------------------------------------------------------------------------
# Backends that disagree
# --------------------------------------------------------------------------------------------


def _same(a: object, b: object) -> bool:
    value_a, value_b = answer_value(a), answer_value(b)
    if isinstance(value_a, list) and isinstance(value_b, list):
        return sorted(value_a) == sorted(value_b)
    if isinstance(value_a, int | float) and isinstance(value_b, int | float):
        same_number = abs(float(value_a) - float(value_b)) < 1e-6
        return same_number and getattr(a, "unit", None) == getattr(b, "unit", None)
    status_a = getattr(a, "status", None)
    status_b = getattr(b, "status", None)
    return value_a == value_b and (value_a is not None or status_a == status_b)


def disagreements(
    primary: SurveyResponse, others: dict[str, SurveyResponse]
) -> dict[str, list[Check]]:
    """A `backends_disagree` check for every field where another backend gives another value."""
    found: dict[str, list[Check]] = {}
    for name, other in others.items():
        for field_id in FIELDS:
            mine, theirs = primary.answer(field_id), other.answer(field_id)
            if mine is None and theirs is None:
                continue
            if mine is not None and theirs is not None and _same(mine, theirs):
                continue
            if FIELDS[field_id].kind == "text":
                continue  # free text is worded differently by every reader
            shown_mine = _shown(mine)
            shown_theirs = _shown(theirs)
            if shown_mine == shown_theirs:
                continue
            found.setdefault(field_id, []).append(
                Check(
                    code=CheckCode.BACKENDS_DISAGREE,
                    passed=False,
                    message=f"backends disagree: {shown_mine} here, {shown_theirs} from {name}",
                )
            )
    return found


def _shown(answer: object) -> str:
    if answer is None:
        return "nothing"
    value = answer_value(answer)
    if value is None:
        return str(getattr(answer, "status", "not_answered")).replace("_", " ")
    if isinstance(answer, Figure) and answer.unit == Unit.PERCENT:
        return f"{value}% of {answer.of.value if answer.of else '?'}"
    return str(value)


def with_extra_checks(
    report: VerificationReport, extra: dict[str, list[Check]]
) -> VerificationReport:
    fields = dict(report.fields)
    for field_id, checks in extra.items():
        current = fields.get(field_id) or FieldReport(field=field_id, verdict="missing")
        fields[field_id] = current.model_copy(
            update={
                "checks": current.checks + tuple(checks),
                "verdict": "flagged",
            }
        )
    return report.model_copy(update={"fields": fields})


# --------------------------------------------------------------------------------------------
# Running a letter
# --------------------------------------------------------------------------------------------


def document_of(reading: LetterReading) -> LetterDocument:
    """What the run store keeps of a letter's reading (see `LetterDocument`)."""
    blocks = {
        field_id: [(b.start, b.end) for b in reading.blocks_of(field_id)]
        for field_id in fields_for(reading.questionnaire)
    }
    return LetterDocument(
        sha256=reading.letter.sha256,
        text=reading.text,
        page_starts=list(reading.letter.page_starts),
        blocks={k: v for k, v in blocks.items() if v},
    )


def read_letter(path: Path | str) -> LetterReading:
    return LetterReading(load(path))


def finish(reading: LetterReading, extraction: Extraction) -> LetterOutcome:
    """Verify an extraction against its letter and build the output row."""
    response = _with_questionnaire(extraction.response, reading)
    extraction = extraction.model_copy(update={"response": response})
    report = verify(reading, response)
    if extraction.checks:
        report = with_extra_checks(report, extraction.checks)
    if extraction.others:
        report = with_extra_checks(report, disagreements(response, extraction.others))
    return LetterOutcome(
        path=reading.letter.path,
        row=build_row(reading, extraction, report),
        response=response,
        report=report,
        reading=reading,
        calls=extraction.calls,
    )


async def process_reading(reading: LetterReading, backend: Backend) -> LetterOutcome:
    return finish(reading, await backend.extract(reading))


def _with_questionnaire(response: SurveyResponse, reading: LetterReading) -> SurveyResponse:
    """The questionnaire is what the question finder detected, whatever a backend said."""
    detected = Questionnaire(reading.qmap.questionnaire)
    if response.questionnaire == detected:
        return response
    return response.model_copy(update={"questionnaire": detected})


def failed(path: Path | str, error: BaseException) -> LetterOutcome:
    """The outcome of a letter that failed: an `RhiError` as it is; anything else (a bug) is
    reported as an internal error of that letter, so that the batch goes on."""
    if not isinstance(error, RhiError):
        log.exception("internal error on %s", path, exc_info=error)
        error = InternalError(f"internal error ({type(error).__name__}: {error})", path=path)
    return LetterOutcome(path=str(path), error=error, calls=list(getattr(error, "calls", [])))


async def process_letter(path: Path | str, backend: Backend) -> LetterOutcome:
    """Load, read, extract and verify one letter; a bad letter gives an outcome with its error."""
    try:
        return await process_reading(read_letter(path), backend)
    except Exception as error:
        return failed(path, error)


def process_letter_sync(path: Path | str, backend: Backend) -> LetterOutcome:
    return asyncio.run(process_letter(path, backend))


async def process_many(
    paths: list[Path],
    backend: Backend,
    *,
    concurrency: int = 8,
    on_done: Callable[[LetterOutcome], Awaitable[None] | None] | None = None,
) -> list[LetterOutcome]:
    """Many letters, at most ``concurrency`` at a time, results in input order."""
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(path: Path) -> LetterOutcome:
        async with gate:
            outcome = await process_letter(path, backend)
        if on_done is not None:
            maybe = on_done(outcome)
            if maybe is not None:
                await maybe
        return outcome

    return list(await asyncio.gather(*(one(p) for p in paths)))


async def close_backend(backend: Backend) -> None:
    """Let a backend close its connections inside the event loop that opened them."""
    closer = getattr(backend, "aclose", None)
    if closer is not None:
        await closer()


def provenance(backend: str) -> Provenance:
    """Provenance of a backend that uses no model (no tokens, no calls)."""
    return Provenance(backend=backend, schema_version=SCHEMA_VERSION)
