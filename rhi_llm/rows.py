"""The Output contract row of one letter: its answers, the verifier's report on each, and what
the run store keeps of the letter's text."""

from __future__ import annotations

from rhi_llm import __version__
from rhi_llm.core.contracts import Extraction
from rhi_llm.core.questionnaires import fields_for
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.records import LetterDocument, LetterRef, OutputField, OutputRow
from rhi_llm.core.survey import Status, answer_value
from rhi_llm.verify import FieldReport, VerificationReport, bounded_text


def output_field(answer: object, report: FieldReport | None) -> OutputField:
    unit = getattr(answer, "unit", None)
    of = getattr(answer, "of", None)
    value = answer_value(answer)
    quote = getattr(answer, "quote", None)
    return OutputField(
        value=bounded_text(value) if isinstance(value, str) else value,
        unit=str(unit) if unit is not None else None,
        of=str(of) if of is not None else None,
        status=str(getattr(answer, "status", Status.NOT_ANSWERED)),
        quote=bounded_text(quote) if isinstance(quote, str) else quote,
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
    answers = response.answers
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
            path=letter.path,
            sha256=letter.sha256,
            format=letter.format,
            pages=letter.pages,
            parts=list(letter.parts),
            ocr_pages=list(letter.ocr_pages),
            ocr_confidence=list(letter.ocr_confidence),
        ),
        questionnaire=questionnaire,
        questionnaire_hash=reading.spec.hash if reading.spec else None,
        council=response.council,
        reference=response.reference,
        response_date=response.response_date,
        period=response.period,
        fields=fields,
        provenance=extraction.provenance.model_copy(update={"tool_version": __version__}),
    )


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
