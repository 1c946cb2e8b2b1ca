"""The survey schema: canonical fields, the answers they hold, and the questions they answer.

Three things live here and nowhere else:

* the answer types (`Figure` for numbers, `Choice` for categories, `TextAnswer` for free text,
  `ProviderAnswer` for who delivers interviews) and `SurveyResponse`, which holds one answer per
  canonical field id of DESIGN.md;
* `QUESTIONNAIRES`, the one table of every question of both questionnaires (number, our own
  short wording, the cues the question finder looks for, and the fields the question feeds);
* `strict_json_schema`, the JSON Schema of a response model in the form OpenAI structured
  outputs accept in strict mode (every property required, nullable instead of optional,
  ``additionalProperties: false``, no unsupported keywords).
"""

from __future__ import annotations

import copy
import re
from contextvars import ContextVar
from enum import StrEnum
from functools import cache
from string import Template
from typing import Any, ClassVar, Generic, Literal, TypeVar, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    create_model,
    field_serializer,
    model_validator,
)
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode

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
# Strict JSON Schema
# --------------------------------------------------------------------------------------------

_DROPPED_KEYWORDS = frozenset(
    {
        "default",
        "format",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "maxItems",
        "uniqueItems",
        "examples",
    }
)


def _make_strict(node: Any) -> Any:
    """Rewrite a JSON Schema in place into the subset OpenAI strict mode accepts."""
    if isinstance(node, list):
        return [_make_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    for key in list(node):
        if key in _DROPPED_KEYWORDS:
            del node[key]
    if "const" in node:
        node["enum"] = [node.pop("const")]
    for key, value in list(node.items()):
        if key == "properties":
            node[key] = {name: _make_strict(sub) for name, sub in value.items()}
        elif isinstance(value, dict | list):
            node[key] = _make_strict(value)
    if node.get("type") == "object" or "properties" in node:
        node["required"] = list(node.get("properties", {}))
        node["additionalProperties"] = False
    # A $ref may not carry sibling keywords in strict mode.
    if "$ref" in node and len(node) > 1:
        ref = node["$ref"]
        node.clear()
        node["$ref"] = ref
    return node


class StrictJsonSchema(GenerateJsonSchema):
    """Pydantic's schema generator, post-processed into OpenAI strict structured-output form."""

    def generate(self, schema: Any, mode: JsonSchemaMode = "validation") -> dict[str, Any]:
        result: dict[str, Any] = _make_strict(super().generate(schema, mode=mode))
        for prop in result.get("properties", {}).values():
            _drop_property_titles(prop)
        for definition in result.get("$defs", {}).values():
            for prop in definition.get("properties", {}).values():
                _drop_property_titles(prop)
        return result


def _drop_property_titles(node: dict[str, Any]) -> None:
    """Property titles repeat the property name: tokens sent on every call for nothing."""
    node.pop("title", None)


class StrictModel(BaseModel):
    """Base of every model sent to a model endpoint: its JSON Schema is always strict.

    The schema of a class is generated once and reused: it is asked for on every request.
    """

    model_config = ConfigDict(extra="forbid", use_enum_values=False)

    @classmethod
    def model_json_schema(  # type: ignore[override]
        cls,
        by_alias: bool = True,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = StrictJsonSchema,
        mode: JsonSchemaMode = "validation",
        **kwargs: Any,
    ) -> dict[str, Any]:
        key = (cls, by_alias, ref_template, schema_generator, mode, tuple(sorted(kwargs)))
        cached = _SCHEMAS.get(key)
        if cached is None:
            cached = _SCHEMAS[key] = super().model_json_schema(
                by_alias=by_alias,
                ref_template=ref_template,
                schema_generator=schema_generator,
                mode=mode,
                **kwargs,
            )
        return copy.deepcopy(cached)


_SCHEMAS: dict[tuple[Any, ...], dict[str, Any]] = {}


def strict_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(schema_generator=StrictJsonSchema)


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


_LOOSE_CHARS = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-", "\u00a0": " "}
)


def loose(text: str) -> str:
    """Text compared loosely: case, quote marks, dashes, spacing and thousands commas aside."""
    text = text.translate(_LOOSE_CHARS).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return re.sub(r"\s+", " ", text).strip()


# The letter a response is being validated against, set by the model backend around each
# request (a context variable, so concurrent requests each see their own letter). It is not
# passed to instructor as ``context=``: instructor would also render the messages as Jinja
# templates with it, and a letter's text must reach the model exactly as written.
GROUNDING: ContextVar[dict[str, str] | None] = ContextVar("rhi_llm_grounding", default=None)


class GroundedResponse(StrictModel):
    """A response whose quotes, while a letter is set in `GROUNDING` (or given as validation
    context: ``{"letter": text, "reask": template}``), must stand in that letter; otherwise the
    validation error (sent back to the model by instructor) asks for an exact copy."""

    @model_validator(mode="after")
    def _quotes_are_in_the_letter(self, info: ValidationInfo) -> GroundedResponse:
        context = info.context if isinstance(info.context, dict) else GROUNDING.get()
        if not context or "letter" not in context:
            return self
        letter = context.get("loose_letter") or loose(str(context["letter"]))
        template = str(context.get("reask") or "The quote for ${field} is not in the letter.")
        problems: list[str] = []
        for name in type(self).model_fields:
            answer = getattr(self, name)
            quote = getattr(answer, "quote", None)
            if isinstance(quote, str) and quote.strip() and loose(quote) not in letter:
                problems.append(Template(template).safe_substitute(field=name, quote=quote))
        if problems:
            raise ValueError("\n".join(problems))
        return self


class SurveyResponse(GroundedResponse):
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
# Fields and questions: the one table
# --------------------------------------------------------------------------------------------

FieldKind = Literal["numeric", "choice", "provider", "text"]


class FieldSpec(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    kind: FieldKind
    label: str
    counts: Literal["children", "incidents", "interviews", ""] = ""


class Question(BaseModel):
    """One question of a questionnaire: its number, our short wording, and what it feeds."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(description="unique within the questionnaire: '4a', 'ooa-2b', '6c-ii'")
    label: str = Field(description="the number as printed: '4b', 'out-of-area 2b', '7'")
    section: Literal["main", "out_of_area"] = "main"
    number: int
    part: str = ""
    subpart: str = ""
    alt_numbers: tuple[int, ...] = ()
    wording: str = Field(description="what the question asks, in our own words")
    cues: tuple[str, ...] = Field(description="regexes of the question's distinctive words")
    fields: tuple[str, ...] = ()

    @property
    def numbers(self) -> tuple[int, ...]:
        return (self.number, *self.alt_numbers)


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

_YEAR_2016 = r"2016\s*[/-]\s*(?:20)?17|2016 to 2017"
_YEAR_2013 = r"2013\s*[/-]\s*(?:20)?14|2013 to 2014"
_RHI = r"\brhis?\b|return (?:home )?interviews?"


def _q(
    key: str,
    label: str,
    number: int,
    wording: str,
    cues: tuple[str, ...],
    fields: tuple[str, ...] = (),
    *,
    part: str = "",
    subpart: str = "",
    section: Literal["main", "out_of_area"] = "main",
    alt: tuple[int, ...] = (),
) -> Question:
    return Question(
        key=key,
        label=label,
        section=section,
        number=number,
        part=part,
        subpart=subpart,
        alt_numbers=alt,
        wording=wording,
        cues=cues,
        fields=fields,
    )


_OOA: Literal["out_of_area"] = "out_of_area"

QUESTIONS_2018: tuple[Question, ...] = (
    _q(
        "1",
        "1",
        1,
        "Who delivers RHIs now: a third sector agency (which) or a council team "
        "(which team or role)?",
        (r"\bcurrently\b", r"deliver", r"missing from home or care", r"\bby:?\s*$"),
        ("provider",),
    ),
    _q(
        "2",
        "2",
        2,
        "Who delivered RHIs in 2016/17: third sector agency or council team?",
        (_YEAR_2016, r"deliver", r"missing from home or care"),
        ("provider_2016_17",),
    ),
    _q(
        "3",
        "3",
        3,
        "Who delivered RHIs in 2013/14: third sector agency or council team?",
        (_YEAR_2013, r"deliver", r"missing from home or care"),
        ("provider_2013_14",),
    ),
    _q(
        "4a",
        "4a",
        4,
        "Number of missing incidents reported in the year to 31 March 2018.",
        (
            r"how many",
            r"incidents",
            r"going missing|gone missing|went missing",
            r"reported",
            r"between|during|in the year",
        ),
        ("missing_incidents",),
        part="a",
    ),
    _q(
        "4b",
        "4b",
        4,
        "Number of individual children those incidents relate to.",
        (r"individual", r"children", r"relate|this figure|same time"),
        ("missing_children",),
        part="b",
    ),
    _q(
        "5a",
        "5a",
        5,
        "For how many incidents was an RHI offered to child or parent/carer?",
        (r"how many", r"\boffer(?:ed)?\b", _RHI, r"young person|parent|carer"),
        ("rhi_offered",),
        part="a",
    ),
    _q(
        "5b",
        "5b",
        5,
        "How many offers did the child accept?",
        (r"\boffers?\b", r"accepted", r"child|young person"),
        ("rhi_accepted",),
        part="b",
    ),
    _q(
        "5c",
        "5c",
        5,
        "For how many incidents was the offer declined?",
        (r"\boffer\b", r"declined", r"young person|parent|carer"),
        ("rhi_declined",),
        part="c",
    ),
    _q(
        "6a",
        "6a",
        6,
        "For how many incidents in the year was an RHI carried out?",
        (
            r"how many",
            r"carried out|conducted|took place|completed",
            _RHI,
            r"reported between|incidents",
        ),
        ("rhi_completed",),
        part="a",
    ),
    _q(
        "6b",
        "6b",
        6,
        "How many incidents had an RHI within 72 hours of the child's return?",
        (r"72\s*h(?:ou)?rs?|seventy.two", r"within", r"return", r"how many"),
        ("rhi_within_72h",),
        part="b",
    ),
    _q(
        "6c",
        "6c",
        6,
        "How is the 72 hours measured, and on what assumptions?",
        (r"explain", r"measured", r"assumptions?", r"72"),
        (),
        part="c",
    ),
    _q(
        "6c-i",
        "6c(i)",
        6,
        "Is the 72 hours counted from the return or the police referral?",
        (r"calculate from", r"return", r"police referral"),
        ("measure_72h_from",),
        part="c",
        subpart="i",
    ),
    _q(
        "6c-ii",
        "6c(ii)",
        6,
        "Hours or days, and calendar or working days?",
        (r"hours or days", r"calendar", r"working days"),
        ("measure_72h_units",),
        part="c",
        subpart="ii",
    ),
    _q(
        "6c-iii",
        "6c(iii)",
        6,
        "Any adjustment when the child goes missing again before an RHI?",
        (r"adjustments?", r"missing again", r"exclude|most recent"),
        ("measure_72h_adjustments",),
        part="c",
        subpart="iii",
    ),
    _q(
        "7a",
        "7a",
        7,
        "Is follow-up support provided or commissioned after an RHI?",
        (r"follow.up support", r"provide or commission", _RHI),
        ("follow_up_support",),
        part="a",
    ),
    _q(
        "7b",
        "7b",
        7,
        "What is done with the information gathered in an RHI?",
        (r"information collected|information gathered", r"what happens", _RHI),
        ("info_use",),
        part="b",
    ),
    _q(
        "7c",
        "7c",
        7,
        "What steps follow when a vulnerability is identified?",
        (r"steps", r"vulnerabilit", r"identified"),
        ("vulnerability_steps",),
        part="c",
    ),
    _q(
        "8",
        "8",
        8,
        "Tell us about your service: guidance changes, barriers, what works.",
        (r"tell us more", r"national guidance", r"barriers", r"working well"),
        ("comments",),
    ),
    _q(
        "ooa-1",
        "out-of-area 1",
        1,
        "How are RHIs delivered to looked-after children placed "
        "outside the area? (tick one of options a-i)",
        (r"looked.after children", r"placed outside|placed out of", r"tick", r"deliver"),
        ("ooa_delivery",),
        section=_OOA,
        alt=(9,),
    ),
    _q(
        "ooa-2a",
        "out-of-area 2a",
        2,
        "How many children in care were placed out of area in the year?",
        (
            r"how many",
            r"in the care|in care|looked.after",
            r"placed out of area",
            r"between|during|in the year",
        ),
        ("ooa_placed_children",),
        part="a",
        section=_OOA,
        alt=(10,),
    ),
    _q(
        "ooa-2b",
        "out-of-area 2b",
        2,
        "How many of those placed out of area went missing?",
        (r"how many", r"placed out of area", r"went missing|go missing|gone missing"),
        ("ooa_missing_children", "ooa_missing_incidents"),
        part="b",
        section=_OOA,
        alt=(10,),
    ),
    _q(
        "ooa-2c",
        "out-of-area 2c",
        2,
        "Of those, how many were offered an RHI?",
        (r"of that figure|of those", r"offered", _RHI),
        ("ooa_rhi_offered",),
        part="c",
        section=_OOA,
        alt=(10,),
    ),
    _q(
        "ooa-2d",
        "out-of-area 2d",
        2,
        "How many received an RHI?",
        (r"how many", r"received", _RHI),
        ("ooa_rhi_completed",),
        part="d",
        section=_OOA,
        alt=(10,),
    ),
    _q(
        "ooa-3",
        "out-of-area 3",
        3,
        "Do you offer RHIs to looked-after children placed in your "
        "area by other councils? (yes / no / case by case)",
        (r"other local authorities|other councils", r"placed in your", r"offer", r"tick"),
        ("incoming_offered",),
        section=_OOA,
        alt=(11,),
    ),
    _q(
        "ooa-4",
        "out-of-area 4",
        4,
        "If yes or case by case: which agency delivers RHIs to this group?",
        (r"which agency", r"responsible", r"this group", r"case.by.case"),
        ("incoming_provider",),
        section=_OOA,
        alt=(12,),
    ),
    _q(
        "ooa-5a",
        "out-of-area 5a",
        5,
        "How many looked-after children did other councils place in your area in the year?",
        (
            r"how many",
            r"placed in your",
            r"by other local "
            r"authorities|by other councils",
            r"looked.after",
        ),
        ("incoming_placed_children",),
        part="a",
        section=_OOA,
        alt=(13,),
    ),
    _q(
        "ooa-5b",
        "out-of-area 5b",
        5,
        "How many of those children received an RHI?",
        (r"how many", r"of these|of those", r"received", _RHI),
        ("incoming_missing_children", "incoming_missing_incidents", "incoming_rhi_completed"),
        part="b",
        section=_OOA,
        alt=(13,),
    ),
    _q(
        "ooa-6",
        "out-of-area 6",
        6,
        "Tell us about your service for children placed out of "
        "area: guidance changes, barriers, what works.",
        (r"tell us more", r"out of area|placed outside|placed out", r"barriers", r"guidance"),
        ("ooa_comments",),
        section=_OOA,
        alt=(14,),
    ),
)

QUESTIONS_2024: tuple[Question, ...] = (
    _q(
        "1",
        "1",
        1,
        "Number of individual children reported missing in the period.",
        (r"how many", r"individual children", r"reported missing", r"local authority"),
        ("missing_children",),
    ),
    _q(
        "2",
        "2",
        2,
        "Total number of missing incidents reported in the period.",
        (r"how many", r"total incidents|incidents", r"reported", r"going missing|gone missing"),
        ("missing_incidents",),
    ),
    _q(
        "3",
        "3",
        3,
        "Number of children looked after by the council in the period.",
        (r"how many", r"children", r"looked after by", r"between|during|in the year"),
        ("lac_total",),
    ),
    _q(
        "4",
        "4",
        4,
        "Number of individual looked-after children who went missing.",
        (r"how many", r"individual", r"looked.after children", r"went missing|go missing"),
        ("lac_missing_children",),
    ),
    _q(
        "5",
        "5",
        5,
        "Number of missing incidents of looked-after children.",
        (r"how many", r"incidents", r"looked.after children", r"going missing|went missing"),
        ("lac_missing_incidents",),
    ),
    _q(
        "6",
        "6",
        6,
        "Number of return interviews offered after a missing incident.",
        (r"how many", r"return interviews|\brhis?\b", r"offered", r"missing incident"),
        ("rhi_offered",),
    ),
    _q(
        "7",
        "7",
        7,
        "Number of return interviews completed after a missing incident.",
        (r"how many", r"return interviews|\brhis?\b", r"completed", r"missing incident"),
        ("rhi_completed", "rhi_declined"),
    ),
    _q(
        "8",
        "8",
        8,
        "How many of those were completed within 72 hours of the child's return?",
        (r"how many", r"completed", r"72\s*h(?:ou)?rs?|seventy.two", r"returning|return"),
        ("rhi_within_72h",),
    ),
    _q(
        "9",
        "9",
        9,
        "Who provides return interviews in your area? (tick all that apply, and give any detail)",
        (r"who provides", r"return interviews|\brhis?\b", r"in your area"),
        ("provider",),
    ),
    _q(
        "10",
        "10",
        10,
        "Is follow-up support provided or commissioned after an RHI?",
        (r"follow.up support", r"provide or commission", r"\brhis?\b|return interview"),
        ("follow_up_support",),
    ),
    _q(
        "11",
        "11",
        11,
        "Tell us about your service: guidance changes, barriers, what works.",
        (r"tell us more", r"national guidance", r"barriers", r"working well"),
        ("comments",),
    ),
)

# The financial year each questionnaire asks about, as councils label table columns.
ASKED_YEAR: dict[str, str] = {"rhi-2018": "2017/18", "rhi-2024": "2023/24"}

QUESTIONNAIRES: dict[Questionnaire, tuple[Question, ...]] = {
    Questionnaire.RHI_2018: QUESTIONS_2018,
    Questionnaire.RHI_2024: QUESTIONS_2024,
}


@cache
def compiled_cues(questionnaire: Questionnaire, key: str) -> tuple[re.Pattern[str], ...]:
    """A question's cues as regexes; a space in a cue matches any run of whitespace, since
    letters wrap lines anywhere ("national\nguidance")."""
    question = question_by_key(questionnaire, key)
    return tuple(
        re.compile(cue.replace(" ", r"\s+"), re.IGNORECASE | re.MULTILINE) for cue in question.cues
    )


def question_by_key(questionnaire: Questionnaire | str, key: str) -> Question:
    for question in QUESTIONNAIRES[Questionnaire(questionnaire)]:
        if question.key == key:
            return question
    raise KeyError(f"{questionnaire} has no question {key!r}")


def questions_for_field(questionnaire: Questionnaire | str, field_id: str) -> list[Question]:
    """The question(s) of a questionnaire that a canonical field answers (may be empty)."""
    return list(_questions_for_field(str(questionnaire), field_id))


@cache
def _questions_for_field(questionnaire: str, field_id: str) -> tuple[Question, ...]:
    if Questionnaire(questionnaire) not in QUESTIONNAIRES:
        return ()
    return tuple(q for q in QUESTIONNAIRES[Questionnaire(questionnaire)] if field_id in q.fields)


def fields_for(questionnaire: Questionnaire | str) -> tuple[str, ...]:
    """Canonical fields a questionnaire asks, in table order."""
    if Questionnaire(questionnaire) not in QUESTIONNAIRES:
        return tuple(FIELDS)
    asked = {f for q in QUESTIONNAIRES[Questionnaire(questionnaire)] for f in q.fields}
    return tuple(f for f in FIELDS if f in asked)


@cache
def response_model_for(fields: tuple[str, ...]) -> type[SurveyResponse]:
    """A `SurveyResponse` restricted to some fields (what one chunk or questionnaire asks)."""
    all_fields = SurveyResponse.model_fields
    keep = set(fields) | set(SurveyResponse.METADATA)
    definitions: dict[str, Any] = {
        name: (info.annotation, info) for name, info in all_fields.items() if name in keep
    }
    name = "SurveyResponse" if set(fields) >= set(FIELDS) else "SurveyAnswers"
    model = create_model(
        name, __base__=GroundedResponse, __doc__=SurveyResponse.__doc__, **definitions
    )
    return cast("type[SurveyResponse]", model)


def widen(partial: BaseModel) -> SurveyResponse:
    """Turn a restricted response (from `response_model_for`) into a full `SurveyResponse`."""
    return SurveyResponse.model_validate(partial.model_dump(exclude_none=True))


@cache
def schema_fingerprint() -> str:
    """The schema version and a hash of the survey's JSON Schema: part of every cache key, so
    that a changed schema never reuses an old answer."""
    import hashlib
    import json

    text = json.dumps(strict_json_schema(SurveyResponse), sort_keys=True)
    return f"{SCHEMA_VERSION}:{hashlib.sha256(text.encode()).hexdigest()[:16]}"
