"""The models a model endpoint fills, built from a questionnaire's fields.

For a questionnaire and the fields one request asks, `response_model_for` makes a pydantic
model whose strict JSON Schema (`rhi_llm.core.strict_schema`) is what the endpoint is told to
answer in: one property per field, each a `Figure` (whose ``of`` may only name the
questionnaire's own counts), a choice among the field's options, a provider answer or free
text, every one with its quote. `to_response` turns a filled model into a `SurveyResponse`.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import BaseModel, Field, create_model

from rhi_llm.core.questionnaires import (
    FIELDS,
    FieldSpec,
    installed,
    make_response,
    numeric_fields,
    questionnaire,
)
from rhi_llm.core.strict_schema import StrictModel, strict_json_schema
from rhi_llm.core.survey import (
    QUOTE_HELP,
    SCHEMA_VERSION,
    Choice,
    Figure,
    ProviderAnswer,
    Status,
    SurveyResponse,
    TextAnswer,
    Unit,
)
from rhi_llm.extract.grounding import GroundedResponse


class Period(StrictModel):
    start: str | None = Field(default=None, description="first day, YYYY-MM-DD")
    end: str | None = Field(default=None, description="last day, YYYY-MM-DD")


METADATA: dict[str, Any] = {
    "council": (str | None, Field(default=None, description="the council that wrote the letter")),
    "reference": (
        str | None,
        Field(default=None, description="the council's request reference"),
    ),
    "response_date": (
        str | None,
        Field(default=None, description="date of the letter, YYYY-MM-DD"),
    ),
    "period": (Period | None, Field(default=None, description="the reporting period answered")),
}


def _camel(field_id: str) -> str:
    return "".join(part.capitalize() for part in field_id.split("_"))


def _enum(name: str, values: tuple[str, ...]) -> Any:
    """An enum of these values (a type built at run time, so typed Any)."""
    return StrEnum(name, {v: v for v in values})


def _status() -> Any:
    return (Status, Field(default=Status.NOT_ANSWERED))


def _quote() -> Any:
    return (str | None, Field(default=None, description=QUOTE_HELP))


def _figure_model(bases: tuple[str, ...]) -> type[BaseModel]:
    numeric = _enum("NumericField", bases)
    return create_model(
        "Figure",
        __base__=StrictModel,
        __doc__=Figure.__doc__,
        value=(
            float | None,
            Field(
                default=None,
                description="the number exactly as the council gave it; null if none",
            ),
        ),
        unit=(Unit | None, Field(default=None, description="count, or percent when stated as a %")),
        of=(
            numeric | None,
            Field(default=None, description="for a percent: the field it is a percentage of"),
        ),
        status=_status(),
        quote=_quote(),
    )


def _choice_model(spec: FieldSpec) -> type[BaseModel]:
    options = _enum(_camel(spec.id), spec.option_values)
    chosen: Any = list.__class_getitem__(options)
    return create_model(
        f"{_camel(spec.id)}Answer",
        __base__=StrictModel,
        __doc__=spec.description or Choice.__doc__,
        value=(
            chosen | None,
            Field(default=None, description="the option(s) the council chose"),
        ),
        status=_status(),
        detail=(
            str | None,
            Field(default=None, description="any detail the council adds, verbatim"),
        ),
        quote=_quote(),
    )


def _provider_model(spec: FieldSpec) -> type[BaseModel]:
    kinds: Any = list.__class_getitem__(_enum("ProviderKind", spec.option_values))
    return create_model(
        "ProviderAnswer",
        __base__=StrictModel,
        __doc__=ProviderAnswer.__doc__,
        value=(
            kinds | None,
            Field(default=None, description="every kind of provider the letter says delivers RHIs"),
        ),
        agency=(str | None, Field(default=None, description="third sector agency name, verbatim")),
        team=(str | None, Field(default=None, description="team or role named, verbatim")),
        status=_status(),
        detail=(str | None, Field(default=None, description="other detail, verbatim")),
        quote=_quote(),
    )


def _text_model() -> type[BaseModel]:
    return create_model(
        "TextAnswer",
        __base__=StrictModel,
        __doc__=TextAnswer.__doc__,
        value=(str | None, Field(default=None, description="the answer, verbatim")),
        status=_status(),
        quote=_quote(),
    )


def response_model_for(questionnaire_id: str, fields: tuple[str, ...]) -> type[BaseModel]:
    """The model a request for these fields of a questionnaire is answered in."""
    return _response_model(installed().fingerprint, questionnaire_id, fields)


@cache
def _response_model(
    fingerprint: str, questionnaire_id: str, fields: tuple[str, ...]
) -> type[BaseModel]:
    asked = questionnaire(questionnaire_id)
    bases = tuple(f for f in asked.field_ids if FIELDS[f].numeric) if asked else numeric_fields()
    figure = _figure_model(bases)
    providers: dict[tuple[str, ...], type[BaseModel]] = {}
    text = _text_model()
    definitions: dict[str, Any] = dict(METADATA)
    for field_id in fields:
        spec = FIELDS[field_id]
        model: type[BaseModel]
        if spec.numeric:
            model = figure
        elif spec.kind == "choice":
            model = _choice_model(spec)
        elif spec.kind == "provider":
            model = providers.setdefault(spec.option_values, _provider_model(spec))
        else:
            model = text
        definitions[field_id] = (model | None, None)
    every = asked is not None and set(fields) >= set(asked.field_ids)
    return create_model(
        "SurveyResponse" if every else "SurveyAnswers",
        __base__=GroundedResponse,
        __doc__=SurveyResponse.__doc__.split("\n")[0] if SurveyResponse.__doc__ else None,
        **definitions,
    )


def to_response(answered: BaseModel, questionnaire_id: str) -> SurveyResponse:
    """A filled response model as a `SurveyResponse` of that questionnaire."""
    data = answered.model_dump(mode="json", exclude_none=True)
    return make_response({**data, "questionnaire": questionnaire_id})


def schema_fingerprint() -> str:
    """The schema version and a hash of every installed questionnaire's response schema: part
    of every cache key, so that a changed schema or questionnaire never reuses an old answer."""
    registry = installed()
    return _fingerprint(registry.fingerprint)


@cache
def _fingerprint(registry: str) -> str:
    schemas = {q.id: strict_json_schema(response_model_for(q.id, q.field_ids)) for q in installed()}
    text = json.dumps(schemas, sort_keys=True)
    return f"{SCHEMA_VERSION}:{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def wire_answers(response: SurveyResponse) -> dict[str, Any]:
    """A response in the shape a model sends it: the letter's metadata (not the
    questionnaire, which is detected) and each field's answer beside it."""
    data: dict[str, Any] = {
        "council": response.council,
        "reference": response.reference,
        "response_date": response.response_date,
        "period": response.period.model_dump() if response.period else None,
    }
    for field_id, answer in response.answers.items():
        data[field_id] = answer.model_dump(mode="json", exclude={"kind"})
    return data
