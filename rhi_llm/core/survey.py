"""The answers a letter gives: one per field, with the words it came from.

* the answer types: `Figure` for numbers (a count, or a percentage of another field),
  `Choice` for options, `ProviderAnswer` for who delivers interviews, `TextAnswer` for free
  text; each carries a status and a verbatim quote;
* `SurveyResponse`: one letter's answers, keyed by field id, with the letter's metadata;
* `answer_value`: an answer's value as the output rows and the eval show it.

Which fields a questionnaire asks, and what each means, is data: `rhi_llm.core.questionnaires`.
The models a model endpoint fills are built from that data (`rhi_llm.extract.response_models`)
and turned into a `SurveyResponse`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

SCHEMA_VERSION = "2"
OTHER = "other"
"""The questionnaire of a letter that answers none of those installed."""


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"


class Status(StrEnum):
    ANSWERED = "answered"
    NOT_HELD = "not_held"
    EXEMPT = "exempt"
    REFUSED = "refused"
    NOT_ANSWERED = "not_answered"


WITHHELD = frozenset({Status.NOT_HELD, Status.EXEMPT, Status.REFUSED})


class ProviderKind(StrEnum):
    """The kinds of provider the rules can read (a provider field's options)."""

    LOCAL_AUTHORITY_TEAM = "local_authority_team"
    THIRD_SECTOR_AGENCY = "third_sector_agency"
    SOCIAL_WORKER = "social_worker"
    YOUTH_WORKER = "youth_worker"
    COMMISSIONED_INDEPENDENT_SERVICE = "commissioned_independent_service"
    OTHER = "other"


QUOTE_HELP = (
    "verbatim words copied from the letter that state this answer, as short as possible "
    "while still holding the figure; null when the letter gives nothing"
)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Status = Field(default=Status.NOT_ANSWERED)
    quote: str | None = Field(default=None, description=QUOTE_HELP)


class Figure(_Answer):
    """A numeric answer: a count or a percentage, with the words it came from."""

    kind: Literal["figure"] = "figure"
    value: float | None = Field(
        default=None, description="the number exactly as the council gave it; null if none"
    )
    unit: Unit | None = Field(default=None, description="count, or percent when stated as a %")
    of: str | None = Field(
        default=None, description="for a percent: the field it is a percentage of"
    )

    @field_serializer("value")
    def _whole_numbers_as_int(self, value: float | None) -> float | int | None:
        if value is not None and float(value).is_integer() and self.unit != Unit.PERCENT:
            return int(value)
        return value


class Choice(_Answer):
    """A categorical answer (one or more options), with the words it came from."""

    kind: Literal["choice"] = "choice"
    value: list[str] | None = Field(default=None, description="the option(s) the council chose")
    detail: str | None = Field(default=None, description="any detail the council adds, verbatim")


class ProviderAnswer(_Answer):
    """Who delivers return home interviews, as kinds of provider plus names."""

    kind: Literal["provider"] = "provider"
    value: list[str] | None = Field(
        default=None, description="every kind of provider the letter says delivers RHIs"
    )
    agency: str | None = Field(default=None, description="third sector agency name, verbatim")
    team: str | None = Field(default=None, description="team or role named, verbatim")
    detail: str | None = Field(default=None, description="other detail, verbatim")


class TextAnswer(_Answer):
    """A free-text answer; the value is the council's own words."""

    kind: Literal["text"] = "text"
    value: str | None = Field(default=None, description="the answer, verbatim")


Answer = Annotated[Figure | Choice | ProviderAnswer | TextAnswer, Field(discriminator="kind")]
AnswerKind = Literal["figure", "choice", "provider", "text"]


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: str | None = Field(default=None, description="first day, YYYY-MM-DD")
    end: str | None = Field(default=None, description="last day, YYYY-MM-DD")


def kind_by_shape(answer: dict[str, Any]) -> AnswerKind:
    """The kind of an answer written as a plain mapping, from its keys and value (for data
    that says nothing more; `rhi_llm.core.questionnaires.make_response` knows the field)."""
    value = answer.get("value")
    if "unit" in answer or "of" in answer or isinstance(value, int | float):
        return "figure"
    if "agency" in answer or "team" in answer:
        return "provider"
    if isinstance(value, list) or "detail" in answer:
        return "choice"
    if isinstance(value, str):
        return "text"
    return "figure"


class SurveyResponse(BaseModel):
    """One letter's answers, by field id, with the letter's metadata.

    Also accepts the flat form ``{"council": ..., "missing_incidents": {...}}``: every key
    that is not metadata is a field's answer (its kind told by its "kind", else its shape).
    """

    model_config = ConfigDict(extra="forbid")

    council: str | None = Field(default=None, description="the council that wrote the letter")
    reference: str | None = Field(default=None, description="the council's request reference")
    response_date: str | None = Field(default=None, description="date of the letter, YYYY-MM-DD")
    period: Period | None = Field(default=None, description="the reporting period answered")
    questionnaire: str = OTHER
    answers: dict[str, Answer] = Field(default_factory=dict)

    METADATA: ClassVar[tuple[str, ...]] = (
        "council",
        "reference",
        "response_date",
        "period",
        "questionnaire",
    )

    @model_validator(mode="before")
    @classmethod
    def _flat_form(cls, data: Any) -> Any:
        if not isinstance(data, dict) or set(data) <= {*cls.METADATA, "answers"}:
            return data
        shaped: dict[str, Any] = {k: v for k, v in data.items() if k in cls.METADATA}
        answers = dict(data.get("answers") or {})
        for key, answer in data.items():
            if key in cls.METADATA or key == "answers" or answer is None:
                continue
            if isinstance(answer, dict) and "kind" not in answer:
                answer = {"kind": kind_by_shape(answer), **answer}
            answers[key] = answer
        shaped["answers"] = answers
        return shaped

    def answer(self, field_id: str) -> Figure | Choice | ProviderAnswer | TextAnswer | None:
        return self.answers.get(field_id)

    def with_answer(
        self, field_id: str, answer: Figure | Choice | ProviderAnswer | TextAnswer | None
    ) -> SurveyResponse:
        """A copy with one field's answer replaced (or removed, with None)."""
        answers = dict(self.answers)
        if answer is None:
            answers.pop(field_id, None)
        else:
            answers[field_id] = answer
        return self.model_copy(update={"answers": answers})


Value = float | int | str | list[str] | None


def answer_value(answer: object) -> Value:
    """An answer's value as output rows and the eval show it: a whole count as an int, a
    percentage as a float, options as a list of strings, text as a string."""
    value = getattr(answer, "value", None)
    if value is None:
        return None
    if isinstance(answer, Figure):
        number = float(value)
        return int(number) if number.is_integer() and answer.unit != Unit.PERCENT else number
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)
