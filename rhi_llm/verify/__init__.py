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
* **free text**: a free-text answer, and the words a choice or provider answer carries beside
  its options, are found in the letter themselves (not only their quote), and are no longer
  than `MAX_FREE_TEXT` characters (`free_text_not_in_letter`, `free_text_too_long`);
* **consistent**: figures agree with each other (completed <= offered <= incidents, ...), with
  the council's own inconsistencies told apart from extraction errors;
* **derived**: a percentage with a known base gets the count it implies, with the arithmetic,
  marked as derived.

And the letter's metadata (council, reference, response date, period) is checked against the
letter; what it does not say is dropped to unknown (`grounded_metadata`, `verify.metadata`).

No model is used. The verdict of each field is ok, flagged (with reasons) or missing.
"""

from __future__ import annotations

from rhi_llm.core.reading import LetterReading
from rhi_llm.core.records import Verdict
from rhi_llm.core.survey import SurveyResponse
from rhi_llm.core.types import Check, CheckCode, Letter, QuestionMap
from rhi_llm.meaning import clear_caches as clear_meaning_caches
from rhi_llm.quotes import clear_cache as clear_quote_cache
from rhi_llm.reading import read
from rhi_llm.verify.consistency import consistency, derive
from rhi_llm.verify.fields import verify_field
from rhi_llm.verify.free_text import MAX_FREE_TEXT, bounded_text
from rhi_llm.verify.injection import addressed_to_machines
from rhi_llm.verify.injection import clear_cache as clear_instruction_cache
from rhi_llm.verify.metadata import check_metadata, grounded_metadata
from rhi_llm.verify.reports import FieldReport, VerificationReport
from rhi_llm.verify.values import one_figure_for_two, parts_without_whole


def clear_caches() -> None:
    """Forget per-letter work (for timing a letter from scratch)."""
    clear_quote_cache()
    clear_instruction_cache()
    clear_meaning_caches()


def verify(
    letter: Letter | LetterReading, response: SurveyResponse, qmap: QuestionMap | None = None
) -> VerificationReport:
    """Check every answer of a response against its letter."""
    reading = letter if isinstance(letter, LetterReading) else read(letter, qmap)
    reports: dict[str, FieldReport] = {}
    for field_id, answer in response.answers.items():
        reports[field_id] = verify_field(reading, field_id, answer)
    derived = derive(response)
    extra = consistency(response, reports, derived, reading.qmap.questionnaire)
    for found in (
        parts_without_whole(reading, response, reports),
        one_figure_for_two(reading, response, reports),
    ):
        for field_id, checks in found.items():
            extra.setdefault(field_id, []).extend(checks)
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
        metadata=check_metadata(reading, response),
    )


__all__ = [
    "MAX_FREE_TEXT",
    "FieldReport",
    "VerificationReport",
    "addressed_to_machines",
    "bounded_text",
    "clear_caches",
    "grounded_metadata",
    "verify",
]
