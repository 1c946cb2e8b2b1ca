"""One letter through the whole pipeline: load, read, extract, verify, and the output row.

`extract`, `eval` and the benchmarks all go through `process_letter` (or `finish`, for a
letter read and extracted elsewhere), so what is scored is exactly what users get.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from rhi_llm.core.contracts import Backend, Extraction
from rhi_llm.core.deadline import time_limit
from rhi_llm.core.errors import InternalError, LetterTimeout, ModelError, RhiError
from rhi_llm.core.questionnaires import forced
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.records import CallRecord, LetterDocument, OutputRow
from rhi_llm.core.settings import current_settings
from rhi_llm.core.survey import SurveyResponse
from rhi_llm.core.text import shown_path
from rhi_llm.core.types import Check
from rhi_llm.letters import load
from rhi_llm.reading import read
from rhi_llm.rows import build_row, document_of
from rhi_llm.verify import FieldReport, VerificationReport, grounded_metadata, verify

log = logging.getLogger(__name__)


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


def letter_step(path: Path | str, step: str) -> AbstractContextManager[None]:
    """A time limit on one step of a letter's own work after loading (finding its questions,
    the rules backend, the verifier): RHI_LLM_LETTER_TIMEOUT seconds each. Loading has its
    own limits (RHI_LLM_LOAD_TIMEOUT, and OCR's per page); a model's requests have theirs."""
    seconds = current_settings().letter_timeout

    def expired() -> LetterTimeout:
        return LetterTimeout(
            f"{step} took over {seconds:g} s and was stopped (RHI_LLM_LETTER_TIMEOUT); "
            "a letter this slow is probably not a reply letter",
            path=str(path),
        )

    return time_limit(seconds, expired)


def read_letter(path: Path | str) -> LetterReading:
    """Load and read a letter, against the questionnaire chosen for the run if there is one."""
    letter = load(path)
    with letter_step(path, "finding the letter's questions"):
        return read(letter, questionnaire=forced())


def extract_blocking(backend: Backend, reading: LetterReading) -> Extraction:
    """A blocking backend's extraction (the rules), under the letter's time limit."""
    with letter_step(reading.letter.path, f"the {backend.name} backend"):
        return backend.extract_blocking(reading)


def finish(reading: LetterReading, extraction: Extraction) -> LetterOutcome:
    """Verify an extraction against its letter and build the output row (with the metadata
    the letter does not say left unknown)."""
    response = _with_questionnaire(extraction.response, reading)
    with letter_step(reading.letter.path, "verifying the letter"):
        report = verify(reading, response)
    response = grounded_metadata(response, report.metadata)
    extraction = extraction.model_copy(update={"response": response})
    if extraction.checks:
        report = with_extra_checks(report, extraction.checks)
    return LetterOutcome(
        path=reading.letter.path,
        row=build_row(reading, extraction, report),
        response=response,
        report=report,
        reading=reading,
        calls=extraction.calls,
    )


async def process_reading(reading: LetterReading, backend: Backend) -> LetterOutcome:
    if backend.blocking:
        return finish(reading, extract_blocking(backend, reading))
    return finish(reading, await backend.extract(reading))


def _with_questionnaire(response: SurveyResponse, reading: LetterReading) -> SurveyResponse:
    """The questionnaire is what the question finder detected, whatever a backend said."""
    detected = reading.qmap.questionnaire
    if response.questionnaire == detected:
        return response
    return response.model_copy(update={"questionnaire": detected})


def failed(path: Path | str, error: BaseException) -> LetterOutcome:
    """The outcome of a letter that failed: an `RhiError` as it is; anything else (a bug) is
    reported as an internal error of that letter, so that the batch goes on."""
    if not isinstance(error, RhiError):
        log.exception("internal error on %s", path, exc_info=error)
        error = InternalError(f"internal error ({type(error).__name__}: {error})", path=path)
    calls = list(error.calls) if isinstance(error, ModelError) else []
    return LetterOutcome(path=shown_path(path), error=error, calls=calls)


async def process_letter(path: Path | str, backend: Backend) -> LetterOutcome:
    """Load, read, extract and verify one letter; a bad letter gives an outcome with its error."""
    try:
        return await process_reading(read_letter(path), backend)
    except Exception as error:
        return failed(path, error)


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
