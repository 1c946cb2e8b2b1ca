"""What the verifier says of a response: a report per field with its checks and verdict."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from rhi_llm.core.records import Derived, Verdict
from rhi_llm.core.types import Check, Flag, Span


class FieldReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    field: str
    verdict: Verdict
    checks: tuple[Check, ...] = ()
    span: Span | None = None
    page: int | None = None
    derived: Derived | None = None

    @property
    def flags(self) -> list[Flag]:
        return [Flag(code=c.code.value, message=c.message) for c in self.checks if not c.passed]

    @property
    def council_only(self) -> bool:
        """Flagged only because the council's own figures disagree."""
        failed = [c for c in self.checks if not c.passed]
        return bool(failed) and all(c.council for c in failed)


class VerificationReport(BaseModel):
    letter_sha256: str
    questionnaire: str
    fields: dict[str, FieldReport] = Field(default_factory=dict)
    metadata: dict[str, Check] = Field(
        default_factory=dict,
        description="council, reference, response_date, period: whether the letter says it",
    )

    def flagged(self) -> list[str]:
        return [f for f, r in self.fields.items() if r.verdict == "flagged"]
