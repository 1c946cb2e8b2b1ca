"""Untrusted free text and metadata: does a model's invented text or identity pass unflagged?

For every letter of our eval sets (`eval/letters`, `eval/commissioning/letters`,
`eval/injection/letters`), the rules backend's own answers (right, and in the letter's words)
are changed the way a model gets them wrong, one change per response, and each response goes
through `rhi_llm.pipeline.finish` (verify, output row), as a model's would:

* ``invented_sentence``: a free-text answer is its real first words (also its quote) and an
  added sentence the letter never wrote;
* ``changed_figure``: a free-text answer is the letter's words with a number changed;
* ``invented_name``: a provider answer names an agency the letter never names;
* ``oversized_text``: a free-text answer of a megabyte, with a real quote;
* ``foreign_council``, ``foreign_reference``, ``foreign_date``: another letter's council,
  reference or date.

It counts the responses whose change passed unflagged (the field ok, or the metadata kept in
the output row; the target: none), and then gives every letter one council and reference (as
a model might) and summarises them: letters merged as copies of one reply although their text
differs (the target: none), and the forms of one letter (.txt, .pdf, .docx) still counted once.
As a control, the rules' unchanged answers: free-text fields flagged for their words, and
metadata dropped.

    python -m benchmarks.untrusted [--json]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import CHECKOUT
from rhi_llm.core.contracts import Extraction
from rhi_llm.core.questionnaires import FIELDS
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.records import OutputRow, Provenance
from rhi_llm.core.survey import ProviderAnswer, Status, SurveyResponse, TextAnswer
from rhi_llm.extract.rules import extract_rules
from rhi_llm.letters import load
from rhi_llm.pipeline import finish
from rhi_llm.reading import read
from rhi_llm.summary import content_key, summarise

SETS = ("eval/letters", "eval/commissioning/letters", "eval/injection/letters")
TEXT_KINDS = ("invented_sentence", "changed_figure", "invented_name", "oversized_text")
METADATA_KINDS = {
    "foreign_council": "council",
    "foreign_reference": "reference",
    "foreign_date": "response_date",
}
INVENTED = " The council will stop offering return interviews from next April."
MEGABYTE = "Every child is offered a return interview. " * (2**20 // 43)
FREE_TEXT_CODES = frozenset({"free_text_not_in_letter", "free_text_too_long"})


@dataclass
class UntrustedResult:
    letters: int = 0
    tried: Counter[str] = field(default_factory=Counter)
    unflagged: Counter[str] = field(default_factory=Counter)
    passed: list[str] = field(default_factory=list)
    right_text_flagged: int = 0
    right_text_fields: int = 0
    right_metadata_dropped: int = 0
    right_metadata: int = 0
    replies_expected: int = 0
    replies_counted: int = 0
    wrongly_merged: int = 0

    @property
    def total_unflagged(self) -> int:
        return sum(self.unflagged.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "letters": self.letters,
            "responses": sum(self.tried.values()),
            "by_kind": {
                k: {"tried": n, "unflagged": self.unflagged[k]} for k, n in self.tried.items()
            },
            "unflagged": self.total_unflagged,
            "passed_unflagged": self.passed,
            "right_text_fields": self.right_text_fields,
            "right_text_flagged": self.right_text_flagged,
            "right_metadata": self.right_metadata,
            "right_metadata_dropped": self.right_metadata_dropped,
            "shared_identity": {
                "letters": self.letters,
                "replies_expected": self.replies_expected,
                "replies_counted": self.replies_counted,
                "wrongly_merged": self.wrongly_merged,
            },
        }


def letter_paths(root: Path = CHECKOUT) -> list[Path]:
    return [p for folder in SETS for p in sorted((root / folder).iterdir()) if p.is_file()]


def _row(reading: LetterReading, response: SurveyResponse) -> OutputRow:
    extraction = Extraction(
        response=response, provenance=Provenance(backend="llm", schema_version="2")
    )
    outcome = finish(reading, extraction)
    assert outcome.row is not None
    return outcome.row


def _text_field(reading: LetterReading, response: SurveyResponse) -> tuple[str, str] | None:
    """A free-text field the letter answers, and its answer's first words (its quote)."""
    for field_id, answer in response.answers.items():
        if isinstance(answer, TextAnswer) and answer.value and answer.quote:
            words = re.match(r"\s*(\S+(?:\s+\S+){0,7})", answer.value)
            if words:
                return field_id, words.group(1)
    return None


def _with_text(response: SurveyResponse, field_id: str, value: str, quote: str) -> SurveyResponse:
    answer = TextAnswer(status=Status.ANSWERED, value=value, quote=quote)
    return response.with_answer(field_id, answer)


def _changed_figure(
    reading: LetterReading, response: SurveyResponse
) -> tuple[str, SurveyResponse] | None:
    for field_id, answer in response.answers.items():
        if isinstance(answer, TextAnswer) and answer.value and re.search(r"\d", answer.value):
            changed = re.sub(
                r"\d", lambda m: str((int(m.group(0)) + 1) % 10), answer.value, count=1
            )
            return field_id, _with_text(response, field_id, changed, answer.quote or "")
    found = _text_field(reading, response)
    if found is None:
        return None
    field_id, quote = found
    value = f"{quote} within 48 hours"
    return field_id, _with_text(response, field_id, value, quote)


def _invented_name(response: SurveyResponse) -> tuple[str, SurveyResponse] | None:
    for field_id, answer in response.answers.items():
        if isinstance(answer, ProviderAnswer) and answer.value and answer.quote:
            named = answer.model_copy(update={"agency": "Brightwater Young People's Trust"})
            return field_id, response.with_answer(field_id, named)
    return None


def _text_change(
    kind: str, reading: LetterReading, response: SurveyResponse
) -> tuple[str, SurveyResponse] | None:
    if kind == "changed_figure":
        return _changed_figure(reading, response)
    if kind == "invented_name":
        return _invented_name(response)
    found = _text_field(reading, response)
    if found is None:
        return None
    field_id, quote = found
    value = quote + INVENTED if kind == "invented_sentence" else MEGABYTE
    return field_id, _with_text(response, field_id, value, quote)


def _flagged_for_text(row: OutputRow, field_id: str) -> bool:
    return row.fields[field_id].verdict != "ok"


def _control(result: UntrustedResult, row: OutputRow, response: SurveyResponse) -> None:
    """The rules' unchanged answers: their free text and metadata, as the row keeps them."""
    for field_id, answer in response.answers.items():
        if FIELDS[field_id].kind == "text" and getattr(answer, "value", None):
            result.right_text_fields += 1
            codes = {f.code for f in row.fields[field_id].flags}
            result.right_text_flagged += bool(codes & FREE_TEXT_CODES)
    for name in METADATA_KINDS.values():
        if getattr(response, name):
            result.right_metadata += 1
            result.right_metadata_dropped += getattr(row, name) is None


def _one_letter(
    result: UntrustedResult,
    reading: LetterReading,
    other: SurveyResponse,
) -> SurveyResponse:
    response = extract_rules(reading)
    _control(result, _row(reading, response), response)
    for kind in TEXT_KINDS:
        changed = _text_change(kind, reading, response)
        if changed is None:
            continue
        field_id, wrong = changed
        result.tried[kind] += 1
        if not _flagged_for_text(_row(reading, wrong), field_id):
            result.unflagged[kind] += 1
            result.passed.append(f"{reading.letter.name}: {kind} in {field_id}")
    for kind, name in METADATA_KINDS.items():
        foreign = getattr(other, name)
        if not foreign or foreign == getattr(response, name):
            continue
        result.tried[kind] += 1
        row = _row(reading, response.model_copy(update={name: foreign}))
        if getattr(row, name) == foreign:
            result.unflagged[kind] += 1
            result.passed.append(f"{reading.letter.name}: {kind} {foreign!r}")
    return response


def _shared_identity(result: UntrustedResult, readings: list[LetterReading]) -> None:
    """Every letter given one council and reference: only the same text is one reply."""
    rows: list[OutputRow] = []
    contents: dict[str, str] = {}
    for reading in readings:
        response = extract_rules(reading).model_copy(
            update={"council": "Westmarch Council", "reference": "2024/0183"}
        )
        row = _row(reading, response).model_copy(
            update={"council": response.council, "reference": response.reference}
        )
        rows.append(row)
        contents[reading.letter.sha256] = content_key(reading.text)
    summary = summarise(rows, {}, contents)
    stems = {c.file: c.file.rsplit(".", 1)[0] for c in summary.councils}
    result.replies_expected = len(set(stems.values()))
    result.replies_counted = summary.replies
    result.wrongly_merged = sum(
        c.copy_of is not None and stems[c.copy_of] != stems[c.file] for c in summary.councils
    )


def measure(
    paths: list[Path] | None = None, progress: Callable[[str], None] | None = None
) -> UntrustedResult:
    paths = paths if paths is not None else letter_paths()
    readings = [read(load(p)) for p in paths]
    result = UntrustedResult(letters=len(readings))
    responses = [extract_rules(r) for r in readings]
    for index, reading in enumerate(readings):
        # another letter's identity: the next one of another council
        other = next(
            (
                responses[(index + step) % len(responses)]
                for step in range(1, len(responses))
                if responses[(index + step) % len(responses)].council != responses[index].council
            ),
            SurveyResponse(),
        )
        _one_letter(result, reading, other)
        if progress is not None:
            progress(reading.letter.name)
    _shared_identity(result, readings)
    return result


def main(argv: list[str]) -> int:
    result = measure()
    if "--json" in argv:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        for kind, tried in result.tried.items():
            print(f"{kind}: {result.unflagged[kind]} of {tried} unflagged")
        print(f"wrongly merged: {result.wrongly_merged}")
    return 0 if result.total_unflagged == 0 and result.wrongly_merged == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
