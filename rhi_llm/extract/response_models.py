"""The models a model endpoint fills, built from a questionnaire's fields.

For a questionnaire and the fields one request asks, `response_model_for` makes a pydantic
model whose strict JSON Schema (`rhi_llm.core.strict_schema`) is what the endpoint is told to
answer in: the letter's metadata and a list of answers, each naming the field it answers (one
of the fields the prompt's question list asks), its status, its value (a number, options or
text), for a figure its unit and what a percentage is ``of`` (one of the questionnaire's
counts), and its quote. One answer schema serves every field asked, so the schema sent with
each request stays small; a validator holds each answer to a field asked, its kind and its
options. Fields the letter does not answer are left out. `to_response` turns a filled model
into a `SurveyResponse`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from typing import Any, cast

from pydantic import BaseModel, Field, create_model, model_validator

from rhi_llm.core.questionnaires import (
    ANSWER_KIND,
    FIELDS,
    installed,
    make_response,
    numeric_fields,
    questionnaire,
)
from rhi_llm.core.strict_schema import StrictModel, strict_json_schema
from rhi_llm.core.survey import SCHEMA_VERSION, Status, SurveyResponse, Unit
from rhi_llm.extract.grounding import GroundedResponse


class Period(StrictModel):
    start: str | None = Field(default=None, description="YYYY-MM-DD")
    end: str | None = Field(default=None, description="YYYY-MM-DD")


METADATA: dict[str, Any] = {
    "council": (str | None, Field(default=None, description="who wrote the letter")),
    "reference": (str | None, Field(default=None, description="the council's reference")),
    "response_date": (str | None, Field(default=None, description="its date, YYYY-MM-DD")),
    "period": (Period | None, Field(default=None, description="the period answered")),
}


ANSWER_KEYS: dict[str, tuple[str, ...]] = {
    "figure": ("value", "unit", "of", "status", "quote"),
    "choice": ("value", "status", "detail", "quote"),
    "provider": ("value", "agency", "team", "status", "detail", "quote"),
    "text": ("value", "status", "quote"),
}
"""The keys of each kind of answer in a `SurveyResponse` (an answer on the wire carries the
keys of every kind asked, and its own kind's are kept)."""


def _kind(field_id: str) -> str:
    return ANSWER_KIND[FIELDS[field_id].kind]


def _answer_model(fields: tuple[str, ...]) -> type[BaseModel]:
    """One answer: the field it answers, and the keys of every kind of answer asked. The
    schema is said once for all fields, not once per field, and it lists no field ids,
    options or percentage bases: the prompt's question list names each, and
    `_fits_its_field` holds every answer to them (the survey's schema is then a quarter of
    the size it was with one definition per field)."""
    kinds = {_kind(f) for f in fields}
    values: list[Any] = []
    if "figure" in kinds:
        values.append(float)
    if kinds & {"choice", "provider"}:
        values.append(list[str])
    if "text" in kinds:
        values.append(str)
    value: Any = values[0]
    for other in values[1:]:
        value = value | other
    keys: dict[str, Any] = {
        "field": (str, Field(description="a field id from the question list")),
        "status": (Status, Field(default=Status.NOT_ANSWERED)),
        "value": (value | None, Field(default=None)),
    }
    if "figure" in kinds:
        keys["unit"] = (Unit | None, Field(default=None))
        keys["of"] = (str | None, Field(default=None, description="a percent's base field"))
    if "provider" in kinds:
        keys["agency"] = (str | None, Field(default=None))
        keys["team"] = (str | None, Field(default=None))
    if kinds & {"choice", "provider"}:
        keys["detail"] = (str | None, Field(default=None))
    keys["quote"] = (str | None, Field(default=None, description="verbatim"))
    return create_model("Answer", __base__=StrictModel, **keys)


def _fits_its_field(self: BaseModel, fields: tuple[str, ...], bases: frozenset[str]) -> BaseModel:
    """Each answer names a field asked, its value is of that field's kind (a number,
    options of that field, or text), a percentage is of one of the questionnaire's counts,
    and no field is answered twice: what strict decoding cannot hold once one schema serves
    every field. A problem goes back to the model (instructor re-asks)."""
    problems: list[str] = []
    seen: set[str] = set()
    for answer in getattr(self, "answers", None) or ():
        field_id = answer.field
        if field_id not in fields:
            problems.append(f"{field_id!r} is not a field asked ({', '.join(fields)})")
            continue
        spec = FIELDS[field_id]
        kind, value = _kind(field_id), answer.value
        if field_id in seen:
            problems.append(f"{field_id} is answered twice: give one answer per field")
        seen.add(field_id)
        base = getattr(answer, "of", None)
        if kind == "figure" and base is not None and base not in bases:
            problems.append(f"{field_id} is a percentage of {base!r}, which is not a count asked")
        if value is None:
            continue
        if kind == "figure" and not isinstance(value, float | int):
            problems.append(f"{field_id} takes a number as its value, not {value!r}")
        elif kind in ("choice", "provider"):
            if not isinstance(value, list) or not set(value) <= set(spec.option_values):
                allowed = ", ".join(spec.option_values)
                problems.append(f"{field_id} takes a list of its options ({allowed}) as its value")
        elif kind == "text" and not isinstance(value, str):
            problems.append(f"{field_id} takes the council's words as its value")
    if problems:
        raise ValueError("\n".join(problems))
    return self


def response_model_for(questionnaire_id: str, fields: tuple[str, ...]) -> type[BaseModel]:
    """The model a request for these fields of a questionnaire is answered in."""
    return _response_model(installed().fingerprint, questionnaire_id, fields)


@cache
def _response_model(
    fingerprint: str, questionnaire_id: str, fields: tuple[str, ...]
) -> type[BaseModel]:
    asked = questionnaire(questionnaire_id)
    bases = tuple(f for f in asked.field_ids if FIELDS[f].numeric) if asked else numeric_fields()
    answer = _answer_model(fields)
    allowed = frozenset(bases)

    def fits(self: BaseModel) -> BaseModel:
        return _fits_its_field(self, fields, allowed)

    every = asked is not None and set(fields) >= set(asked.field_ids)
    return create_model(
        "SurveyResponse" if every else "SurveyAnswers",
        __base__=GroundedResponse,
        __doc__="A letter's answers",
        __validators__={"fits": cast(Any, model_validator(mode="after")(fits))},
        **METADATA,
        answers=(
            list[answer],  # type: ignore[valid-type]  # a model made at run time
            Field(
                default_factory=list,
                description="one per field answered or declined",
            ),
        ),
    )


def to_response(answered: BaseModel, questionnaire_id: str) -> SurveyResponse:
    """A filled response model as a `SurveyResponse` of that questionnaire: each answer
    under its field, with its own kind's keys."""
    data = answered.model_dump(mode="json", exclude_none=True)
    flat: dict[str, Any] = {k: v for k, v in data.items() if k != "answers"}
    for answer in data.get("answers", ()):
        field_id = answer["field"]
        flat[field_id] = {k: answer[k] for k in ANSWER_KEYS[_kind(field_id)] if k in answer}
    return make_response({**flat, "questionnaire": questionnaire_id})


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
    """A response in the shape a model sends it (the letter's metadata, not the
    questionnaire, which is detected; then one answer per field answered or declined)."""
    flat: dict[str, Any] = {
        "council": response.council,
        "reference": response.reference,
        "response_date": response.response_date,
        "period": response.period.model_dump() if response.period else None,
    }
    for field_id, answer in response.answers.items():
        flat[field_id] = answer.model_dump(mode="json", exclude={"kind"})
    return wire_from_flat(flat)


WIRE_METADATA = ("council", "reference", "response_date", "period")


def wire_from_flat(flat: dict[str, Any]) -> dict[str, Any]:
    """The wire form of answers written flat (``{"council": ..., "missing_incidents":
    {...}}``), as tests and the cassette authoring write them: each answer as it stands,
    with its field named; a field left unanswered (no value, status not_answered or none)
    is left out, as the prompt tells a model to."""
    wire: dict[str, Any] = {k: flat[k] for k in WIRE_METADATA if k in flat}
    answers: list[dict[str, Any]] = []
    for field_id, answer in flat.items():
        if field_id in WIRE_METADATA or field_id == "questionnaire" or answer is None:
            continue
        unanswered = answer.get("status", "not_answered") == "not_answered"
        if unanswered and answer.get("value") is None:
            continue
        answers.append({"field": field_id, **{k: v for k, v in answer.items() if k != "kind"}})
    wire["answers"] = answers
    return wire


def restrict_wire(wire: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """A wire answer cut down to the metadata and the answers of these fields."""
    wanted = set(fields)
    kept = [a for a in wire.get("answers", ()) if a.get("field") in wanted]
    return {**{k: v for k, v in wire.items() if k != "answers"}, "answers": kept}
