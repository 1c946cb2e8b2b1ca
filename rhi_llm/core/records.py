"""The output contract: what `extract` writes for each letter (`schemas/output-row.schema.json`).

Other tools (and our benchmarks) read these rows, so a change here needs a version bump of
`OUTPUT_VERSION` and of the generated `schemas/output-row.schema.json`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rhi_llm.core.survey import Period
from rhi_llm.core.types import Flag, LetterFormat

OUTPUT_VERSION = "2"

Verdict = Literal["ok", "flagged", "missing"]
Value = float | int | str | list[str] | None


class LetterRef(BaseModel):
    path: str
    sha256: str
    format: LetterFormat
    pages: int
    parts: list[str] = Field(
        default_factory=list, description="what each page is, for an e-mail with attachments"
    )
    ocr_pages: list[int] = Field(default_factory=list, description="pages read by OCR")
    ocr_confidence: list[float] = Field(
        default_factory=list, description="Tesseract's mean word confidence of each OCR page"
    )


class Derived(BaseModel):
    """A count computed by the verifier from a percentage; never something the council said."""

    count: int
    of: str
    arithmetic: str = Field(description="e.g. '87.7% of 1,429 = 1,253.2 -> 1,253'")


class OutputField(BaseModel):
    value: Value = None
    unit: str | None = None
    of: str | None = None
    status: str = "not_answered"
    quote: str | None = None
    span: list[int] | None = Field(default=None, description="[start, end) in the letter text")
    page: int | None = None
    derived: Derived | None = None
    flags: list[Flag] = Field(default_factory=list)
    verdict: Verdict = "missing"
    alternatives: dict[str, Value] = Field(
        default_factory=dict, description="values other backends or chunks gave, by source"
    )


class CallRecord(BaseModel):
    """One request to a model endpoint (an attempt: retries and re-asks are calls too)."""

    attempt: int
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0  # prompt tokens the provider served from its prompt cache
    latency_ms: float | None = None
    cost_usd: float | None = None
    error: str | None = None


class TokenUsage(BaseModel):
    prompt: int = 0
    completion: int = 0
    total: int = 0


class Provenance(BaseModel):
    backend: str
    model: str | None = None
    prompt_hash: str | None = None
    schema_version: str
    tokens: TokenUsage = Field(default_factory=TokenUsage)
    calls: int = 0
    cost_usd: float | None = None
    cached: bool = False
    tool_version: str | None = Field(
        default=None, description="the rhi-llm version that made this row (`rhi-llm --version`)"
    )
    note: str | None = Field(
        default=None,
        description="where the responses came from when not a live model, e.g. hand-authored "
        "cassettes; eval reports repeat it",
    )


class OutputRow(BaseModel):
    """One letter's extraction, verified: the unit of every export."""

    model_config = ConfigDict(title="OutputRow")

    output_version: str = OUTPUT_VERSION
    letter: LetterRef
    questionnaire: str
    questionnaire_hash: str | None = Field(
        default=None, description="a hash of the questionnaire file the letter was read against"
    )
    council: str | None = None
    reference: str | None = None
    response_date: str | None = None
    period: Period | None = None
    fields: dict[str, OutputField] = Field(default_factory=dict)
    provenance: Provenance


ReviewAction = Literal["accept", "correct", "set_status"]


class ReviewDecision(BaseModel):
    """A person's decision on one field of one letter's extraction. It never overwrites the
    extracted value: both are kept, and exports show the decision where there is one."""

    letter_sha256: str
    letter_path: str
    field: str
    action: ReviewAction
    value: Value = None
    unit: str | None = None
    of: str | None = None
    status: str | None = None
    reviewer: str
    decided_at: str = Field(description="ISO 8601 time, UTC")
    note: str | None = None


class ReviewedField(BaseModel):
    """A field as published: the reviewer's decision where there is one, else the extraction."""

    value: Value = None
    unit: str | None = None
    of: str | None = None
    status: str = "not_answered"
    review: Literal["none", "accepted", "corrected", "status_set"] = "none"
    reviewer: str | None = None


def reviewed(field: OutputField, decision: ReviewDecision | None) -> ReviewedField:
    """What to publish for a field, given the latest decision on it (if any)."""
    if decision is None:
        return ReviewedField(value=field.value, unit=field.unit, of=field.of, status=field.status)
    if decision.action == "accept":
        return ReviewedField(
            value=field.value,
            unit=field.unit,
            of=field.of,
            status=field.status,
            review="accepted",
            reviewer=decision.reviewer,
        )
    if decision.action == "correct":
        unit = decision.unit or field.unit
        return ReviewedField(
            value=decision.value,
            unit=unit,
            of=(decision.of or field.of) if unit == "percent" else None,
            status=decision.status or "answered",
            review="corrected",
            reviewer=decision.reviewer,
        )
    return ReviewedField(
        value=None,
        unit=None,
        of=None,
        status=decision.status or field.status,
        review="status_set",
        reviewer=decision.reviewer,
    )


class LetterDocument(BaseModel):
    """A letter's text as the pipeline read it, kept in the run store so that review and the
    report can show the letter's own words around every quote, even once the file has moved."""

    sha256: str
    text: str
    page_starts: list[int] = Field(default_factory=lambda: [0])
    blocks: dict[str, list[tuple[int, int]]] = Field(
        default_factory=dict, description="field id -> its question's answer block(s)"
    )

    def page_of(self, offset: int) -> int:
        import bisect

        return max(1, bisect.bisect_right(self.page_starts, offset))
