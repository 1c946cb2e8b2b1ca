"""Merging the answers of a letter's chunks, field by field.

Each chunk was asked only for the fields whose questions it holds, but chunks overlap, so a
field may come back from two of them. The answer whose quote the verifier finds inside the
field's own answer block wins; two such answers with different values become a
`chunks_disagree` flag, and the field keeps the first.
"""

from __future__ import annotations

from typing import Any

from rhi_llm.chunking import Chunk
from rhi_llm.core.questionnaires import FIELDS
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import SurveyResponse
from rhi_llm.core.types import Check, CheckCode
from rhi_llm.quotes import locate_quote


def _grounded_in_block(reading: LetterReading, field_id: str, answer: Any) -> bool:
    quote = getattr(answer, "quote", None)
    if not quote:
        return False
    blocks = reading.answer_blocks(field_id)
    match = locate_quote(reading, quote, blocks)
    return match is not None and any(b.contains(match.span) for b in blocks)


def _has_answer(answer: Any) -> bool:
    return answer is not None and (
        getattr(answer, "value", None) is not None
        or str(getattr(answer, "status", "")) != "not_answered"
    )


def merge_chunks(
    reading: LetterReading, answered: list[tuple[Chunk, SurveyResponse]]
) -> tuple[SurveyResponse, dict[str, list[Check]]]:
    if len(answered) == 1:
        return answered[0][1], {}
    merged: dict[str, Any] = {}
    checks: dict[str, list[Check]] = {}
    for name in SurveyResponse.METADATA:
        merged[name] = next(
            (getattr(r, name) for _, r in answered if getattr(r, name) is not None), None
        )
    for field_id in FIELDS:
        candidates = [r.answer(field_id) for c, r in answered if field_id in c.fields]
        candidates = [a for a in candidates if a is not None]
        if not candidates:
            continue
        useful = [a for a in candidates if _has_answer(a)] or candidates
        grounded = [a for a in useful if _grounded_in_block(reading, field_id, a)]
        chosen = (grounded or useful)[0]
        values = {repr(getattr(a, "value", None)) for a in grounded}
        if len(values) > 1:
            shown = ", ".join(sorted(values))
            checks[field_id] = [
                Check(
                    code=CheckCode.CHUNKS_DISAGREE,
                    passed=False,
                    message=f"parts of the letter give different answers "
                    f"for {FIELDS[field_id].label}: {shown}",
                )
            ]
        merged[field_id] = chosen
    return SurveyResponse.model_validate(merged), checks
