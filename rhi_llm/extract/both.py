"""The `both` backend: the model, checked field by field against the rules.

Every field where the two disagree is flagged `backends_disagree`, showing both values; the
rules' response travels with the model's as `others["rules"]`.
"""

from __future__ import annotations

import asyncio

from rhi_llm.core.contracts import Extraction
from rhi_llm.core.questionnaires import FIELDS
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import Figure, SurveyResponse, Unit, answer_value
from rhi_llm.core.types import Check, CheckCode
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.extract.rules import RulesBackend


class BothBackend(LlmBackend):
    """The model backend with the rules as a second reader of every letter."""

    name = "both"

    def key_for_sha(self, sha256: str) -> str:
        return f"both:{super().key_for_sha(sha256)}"

    def keys_for_sha(self, sha256: str) -> list[str]:
        return [self.key_for_sha(sha256)]

    async def extract(self, reading: LetterReading) -> Extraction:
        mine, theirs = await asyncio.gather(
            super().extract(reading), RulesBackend().extract(reading)
        )
        others = {RulesBackend.name: theirs.response}
        checks = {k: list(v) for k, v in mine.checks.items()}
        for field_id, found in disagreements(mine.response, others).items():
            checks.setdefault(field_id, []).extend(found)
        return mine.model_copy(
            update={
                "provenance": mine.provenance.model_copy(update={"backend": self.name}),
                "others": others,
                "checks": checks,
            }
        )


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
        return f"{value}% of {answer.of or '?'}"
    return str(value)
