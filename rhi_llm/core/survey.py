"""The survey schema: canonical fields and the answers they hold.

* the answer types (`Figure` for numbers, `Choice` for categories, `TextAnswer` for free text,
  `ProviderAnswer` for who delivers interviews) and `SurveyResponse`, which holds one answer per
  canonical field id of DESIGN.md;
* `FIELDS`, the canonical fields with their kind and what a count counts;
* `answer_value`, an answer's value as the output rows and the eval show it.

The questions that feed the fields are in `rhi_llm.core.questionnaires`; the strict JSON
Schema sent to a model endpoint is made by `rhi_llm.core.strict_schema`.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from rhi_llm.core.strict_schema import StrictModel, strict_json_schema

SCHEMA_VERSION = "1"


class Questionnaire(StrEnum):
    RHI_2018 = "rhi-2018"
    RHI_2024 = "rhi-2024"
    OTHER = "other"


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


class NumericField(StrEnum):
    """Canonical ids of the numeric fields (DESIGN.md), also the allowed bases of a percent."""

    missing_children = "missing_children"
    missing_incidents = "missing_incidents"
    rhi_offered = "rhi_offered"
    rhi_accepted = "rhi_accepted"
    rhi_declined = "rhi_declined"
    rhi_completed = "rhi_completed"
    rhi_within_72h = "rhi_within_72h"
    lac_total = "lac_total"
    lac_missing_children = "lac_missing_children"
    lac_missing_incidents = "lac_missing_incidents"
    ooa_placed_children = "ooa_placed_children"
    ooa_missing_children = "ooa_missing_children"
    ooa_missing_incidents = "ooa_missing_incidents"
    ooa_rhi_offered = "ooa_rhi_offered"
    ooa_rhi_completed = "ooa_rhi_completed"
    incoming_placed_children = "incoming_placed_children"
    incoming_missing_children = "incoming_missing_children"
    incoming_missing_incidents = "incoming_missing_incidents"
    incoming_rhi_completed = "incoming_rhi_completed"


class ProviderKind(StrEnum):
    LOCAL_AUTHORITY_TEAM = "local_authority_team"
    THIRD_SECTOR_AGENCY = "third_sector_agency"
    SOCIAL_WORKER = "social_worker"
    YOUTH_WORKER = "youth_worker"
    COMMISSIONED_INDEPENDENT_SERVICE = "commissioned_independent_service"
    OTHER = "other"


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"


class MeasureFrom(StrEnum):
    RETURN = "return"
    POLICE_REFERRAL = "police_referral"


class MeasureUnits(StrEnum):
    HOURS = "hours"
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"


class OoaDelivery(StrEnum):
    """The tick-box options a-i of out-of-area question 1 (2018 questionnaire)."""

    THIRD_SECTOR_SAME_AS_LOCAL = "third_sector_same_as_local"
    CHILDRENS_SERVICES_NOT_SOCIAL_WORKER = "childrens_services_not_social_worker"
    CHILDRENS_SERVICES_MAY_BE_SOCIAL_WORKER = "childrens_services_may_be_social_worker"
    OWN_SOCIAL_WORKER = "own_social_worker"
    SPOT_PURCHASE_HOST_AUTHORITY = "spot_purchase_host_authority"
    SPOT_PURCHASE_OTHER = "spot_purchase_other"
    NOT_OFFERED = "not_offered"
    COMBINATION = "combination"
    OTHER = "other"


class IncomingOffered(StrEnum):
    YES = "yes"
    NO = "no"
    CASE_BY_CASE = "case_by_case"


class IncomingProvider(StrEnum):
    THIRD_SECTOR_AGENCY = "third_sector_agency"
    LOCAL_AUTHORITY_TEAM = "local_authority_team"
    SPOT_PURCHASE = "spot_purchase"


# --------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------

QUOTE_HELP = (
    "verbatim words copied from the letter that state this answer, as short as possible "
    "while still holding the figure; null when the letter gives nothing"
)


class Figure(StrictModel):
    """A numeric answer: a count or a percentage, with the words it came from."""

    value: float | None = Field(
        default=None, description="the number exactly as the council gave it; null if none"
    )
    unit: Unit | None = Field(default=None, description="count, or percent when stated as a %")
    of: NumericField | None = Field(
        default=None, description="for a percent: the field it is a percentage of"
    )
    status: Status = Field(default=Status.NOT_ANSWERED)
    quote: str | None = Field(default=None, description=QUOTE_HELP)

    @field_serializer("value")
    def _whole_numbers_as_int(self, value: float | None) -> float | int | None:
        if value is not None and float(value).is_integer() and self.unit != Unit.PERCENT:
            return int(value)
        return value


E = TypeVar("E", bound=StrEnum)


class Choice(StrictModel, Generic[E]):
    """A categorical answer (one or more options), with the words it came from."""

    value: list[E] | None = Field(default=None, description="the option(s) the council chose")
    status: Status = Field(default=Status.NOT_ANSWERED)
    detail: str | None = Field(default=None, description="any detail the council adds, verbatim")
    quote: str | None = Field(default=None, description=QUOTE_HELP)


class ProviderAnswer(StrictModel):
    """Who delivers return home interviews, as kinds of provider plus names."""

    value: list[ProviderKind] | None = Field(
        default=None, description="every kind of provider the letter says delivers RHIs"
    )
    agency: str | None = Field(default=None, description="third sector agency name, verbatim")
    team: str | None = Field(default=None, description="team or role named, verbatim")
    status: Status = Field(default=Status.NOT_ANSWERED)
    detail: str | None = Field(default=None, description="other detail, verbatim")
    quote: str | None = Field(default=None, description=QUOTE_HELP)


class TextAnswer(StrictModel):
    """A free-text answer; the value is the council's own words."""

    value: str | None = Field(default=None, description="the answer, verbatim")
    status: Status = Field(default=Status.NOT_ANSWERED)
    quote: str | None = Field(default=None, description=QUOTE_HELP)


class YesNoAnswer(Choice[YesNo]):
    """Yes or no."""


class MeasureFromAnswer(Choice[MeasureFrom]):
    """Where the 72 hours are counted from."""


class MeasureUnitsAnswer(Choice[MeasureUnits]):
    """What the 72 hours are counted in."""


class OoaDeliveryAnswer(Choice[OoaDelivery]):
    """The option(s) ticked for out-of-area delivery."""


class IncomingOfferedAnswer(Choice[IncomingOffered]):
    """Whether children placed here by other councils are offered RHIs."""


class IncomingProviderAnswer(Choice[IncomingProvider]):
    """Who delivers RHIs to children placed here by other councils."""


Answer = Figure | Choice[Any] | ProviderAnswer | TextAnswer


class Period(StrictModel):
    start: str | None = Field(default=None, description="first day, YYYY-MM-DD")
    end: str | None = Field(default=None, description="last day, YYYY-MM-DD")


class SurveyResponse(StrictModel):
    """One letter's answers, one attribute per canonical field id (null when not asked)."""

    council: str | None = Field(default=None, description="the council that wrote the letter")
    reference: str | None = Field(default=None, description="the council's request reference")
    response_date: str | None = Field(default=None, description="date of the letter, YYYY-MM-DD")
    period: Period | None = Field(default=None, description="the reporting period answered")
    questionnaire: Questionnaire = Questionnaire.OTHER

    missing_children: Figure | None = None
    missing_incidents: Figure | None = None
    rhi_offered: Figure | None = None
    rhi_accepted: Figure | None = None
    rhi_declined: Figure | None = None
    rhi_completed: Figure | None = None
    rhi_within_72h: Figure | None = None
    lac_total: Figure | None = None
    lac_missing_children: Figure | None = None
    lac_missing_incidents: Figure | None = None
    ooa_placed_children: Figure | None = None
    ooa_missing_children: Figure | None = None
    ooa_missing_incidents: Figure | None = None
    ooa_rhi_offered: Figure | None = None
    ooa_rhi_completed: Figure | None = None
    incoming_placed_children: Figure | None = None
    incoming_missing_children: Figure | None = None
    incoming_missing_incidents: Figure | None = None
    incoming_rhi_completed: Figure | None = None

    provider: ProviderAnswer | None = None
    provider_2016_17: ProviderAnswer | None = None
    provider_2013_14: ProviderAnswer | None = None
    follow_up_support: YesNoAnswer | None = None
    measure_72h_from: MeasureFromAnswer | None = None
    measure_72h_units: MeasureUnitsAnswer | None = None
    ooa_delivery: OoaDeliveryAnswer | None = None
    incoming_offered: IncomingOfferedAnswer | None = None
    incoming_provider: IncomingProviderAnswer | None = None

    measure_72h_adjustments: TextAnswer | None = None
    info_use: TextAnswer | None = None
    vulnerability_steps: TextAnswer | None = None
    comments: TextAnswer | None = None
    ooa_comments: TextAnswer | None = None

    METADATA: ClassVar[tuple[str, ...]] = (
        "council",
        "reference",
        "response_date",
        "period",
        "questionnaire",
    )

    def answer(self, field_id: str) -> Answer | None:
        value: Answer | None = getattr(self, field_id)
        return value

    def answers(self) -> dict[str, Answer]:
        """The answers present, keyed by canonical field id, in table order."""
        found: dict[str, Answer] = {}
        for field_id in FIELDS:
            value = getattr(self, field_id)
            if value is not None:
                found[field_id] = value
        return found


# --------------------------------------------------------------------------------------------
# Fields
# --------------------------------------------------------------------------------------------

FieldKind = Literal["numeric", "choice", "provider", "text"]


class FieldSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    kind: FieldKind
    label: str
    counts: Literal["children", "incidents", "interviews", ""] = ""


def _fields() -> dict[str, FieldSpec]:
    numeric: list[tuple[str, str, Literal["children", "incidents", "interviews", ""]]] = [
        ("missing_children", "children reported missing", "children"),
        ("missing_incidents", "missing incidents reported", "incidents"),
        ("rhi_offered", "return interviews offered", "interviews"),
        ("rhi_accepted", "offers accepted", "interviews"),
        ("rhi_declined", "offers declined", "interviews"),
        ("rhi_completed", "return interviews completed", "interviews"),
        ("rhi_within_72h", "completed within 72 hours", "interviews"),
        ("lac_total", "looked-after children in the year", "children"),
        ("lac_missing_children", "looked-after children who went missing", "children"),
        ("lac_missing_incidents", "missing incidents of looked-after children", "incidents"),
        ("ooa_placed_children", "children placed out of area", "children"),
        ("ooa_missing_children", "out-of-area children who went missing", "children"),
        ("ooa_missing_incidents", "missing incidents of out-of-area children", "incidents"),
        ("ooa_rhi_offered", "out-of-area interviews offered", "interviews"),
        ("ooa_rhi_completed", "out-of-area interviews received", "interviews"),
        ("incoming_placed_children", "children placed here by other councils", "children"),
        ("incoming_missing_children", "incoming children who went missing", "children"),
        ("incoming_missing_incidents", "missing incidents of incoming children", "incidents"),
        ("incoming_rhi_completed", "interviews received by incoming children", "interviews"),
    ]
    specs = [FieldSpec(id=i, kind="numeric", label=label, counts=c) for i, label, c in numeric]
    specs += [
        FieldSpec(id="provider", kind="provider", label="who delivers RHIs now"),
        FieldSpec(id="provider_2016_17", kind="provider", label="who delivered RHIs in 2016-17"),
        FieldSpec(id="provider_2013_14", kind="provider", label="who delivered RHIs in 2013-14"),
        FieldSpec(id="follow_up_support", kind="choice", label="follow-up support after an RHI"),
        FieldSpec(id="measure_72h_from", kind="choice", label="72 hours counted from"),
        FieldSpec(id="measure_72h_units", kind="choice", label="72 hours counted in"),
        FieldSpec(id="ooa_delivery", kind="choice", label="how out-of-area RHIs are delivered"),
        FieldSpec(id="incoming_offered", kind="choice", label="RHIs for children placed here"),
        FieldSpec(id="incoming_provider", kind="choice", label="who delivers incoming RHIs"),
        FieldSpec(id="measure_72h_adjustments", kind="text", label="adjustments to the 72h rule"),
        FieldSpec(id="info_use", kind="text", label="what happens to RHI information"),
        FieldSpec(id="vulnerability_steps", kind="text", label="steps when vulnerable"),
        FieldSpec(id="comments", kind="text", label="comments on the service"),
        FieldSpec(id="ooa_comments", kind="text", label="comments on out-of-area service"),
    ]
    return {spec.id: spec for spec in specs}


FIELDS: dict[str, FieldSpec] = _fields()
NUMERIC_FIELDS: tuple[str, ...] = tuple(f.id for f in FIELDS.values() if f.kind == "numeric")


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


@cache
def schema_fingerprint() -> str:
    """The schema version and a hash of the survey's JSON Schema: part of every cache key, so
    that a changed schema never reuses an old answer."""
    import hashlib
    import json

    text = json.dumps(strict_json_schema(SurveyResponse), sort_keys=True)
    return f"{SCHEMA_VERSION}:{hashlib.sha256(text.encode()).hexdigest()[:16]}"
