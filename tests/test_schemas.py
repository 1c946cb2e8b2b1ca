"""The survey schema: canonical ids, the shipped questionnaires, generated files, strict mode."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import pytest

from rhi_llm.core.questionnaires import (
    FIELDS,
    NUMERIC_FIELDS,
    QUESTIONNAIRES,
    fields_for,
    questions_for_field,
)
from rhi_llm.core.strict_schema import strict_json_schema
from rhi_llm.core.survey import Figure, SurveyResponse, Unit
from rhi_llm.extract.prompting import questions_text
from rhi_llm.extract.response_models import response_model_for, to_response
from rhi_llm.schemas import render, schema_documents

from conftest import REPO

# the design's table of canonical numeric ids and the question each answers.
DESIGN_NUMERIC = {
    "missing_children": ("4b", "1"),
    "missing_incidents": ("4a", "2"),
    "rhi_offered": ("5a", "6"),
    "rhi_accepted": ("5b", None),
    "rhi_declined": ("5c", "7"),
    "rhi_completed": ("6a", "7"),
    "rhi_within_72h": ("6b", "8"),
    "lac_total": (None, "3"),
    "lac_missing_children": (None, "4"),
    "lac_missing_incidents": (None, "5"),
    "ooa_placed_children": ("ooa-2a", None),
    "ooa_missing_children": ("ooa-2b", None),
    "ooa_missing_incidents": ("ooa-2b", None),
    "ooa_rhi_offered": ("ooa-2c", None),
    "ooa_rhi_completed": ("ooa-2d", None),
    "incoming_placed_children": ("ooa-5a", None),
    "incoming_missing_children": ("ooa-5b", None),
    "incoming_missing_incidents": ("ooa-5b", None),
    "incoming_rhi_completed": ("ooa-5b", None),
}


SHIPPED = ("rhi-2018", "rhi-2024")


def test_numeric_ids_of_the_two_questionnaires_are_exactly_designs() -> None:
    asked = {f for q in SHIPPED for f in fields_for(q) if FIELDS[f].numeric}
    assert asked == set(DESIGN_NUMERIC)
    assert set(DESIGN_NUMERIC) <= set(NUMERIC_FIELDS)


@pytest.mark.parametrize("field_id", sorted(DESIGN_NUMERIC))
def test_each_numeric_field_answers_designs_question(field_id: str) -> None:
    for questionnaire, expected in zip(SHIPPED, DESIGN_NUMERIC[field_id], strict=True):
        keys = [q.key for q in questions_for_field(questionnaire, field_id)]
        assert keys == ([expected] if expected else []), (field_id, questionnaire, keys)


def answer_fields(model: Any, candidates: Iterable[str]) -> list[str]:
    """The field ids among these that a response model's answers may name."""
    taken: list[str] = []
    for field_id in candidates:
        try:
            model.model_validate({"answers": [{"field": field_id, "status": "not_held"}]})
        except ValueError:
            continue
        taken.append(field_id)
    return taken


def test_every_field_is_asked_by_some_questionnaire_and_in_its_response_model() -> None:
    asked = {f for q in QUESTIONNAIRES for f in fields_for(q)}
    assert asked == set(FIELDS)
    for questionnaire in QUESTIONNAIRES:
        model = response_model_for(questionnaire, fields_for(questionnaire))
        assert answer_fields(model, [*FIELDS, "no_such_field"]) == [
            f for f in FIELDS if f in fields_for(questionnaire)
        ]
        listed = questions_text(questionnaire, fields_for(questionnaire))
        for field_id in fields_for(questionnaire):  # the prompt names every field asked
            assert re.search(rf"-> (\w+, )*{field_id}\b", listed), field_id


def test_question_keys_unique_and_numbered() -> None:
    for questionnaire, questions in QUESTIONNAIRES.items():
        keys = [q.key for q in questions]
        assert len(keys) == len(set(keys)), questionnaire
        for question in questions:
            assert question.wording and question.cues
            assert question.label


def test_committed_schema_files_match_the_models() -> None:
    for name, schema in schema_documents().items():
        path = REPO / "schemas" / name
        assert path.is_file(), f"{path} missing: run python -m rhi_llm.schemas"
        assert path.read_text(encoding="utf-8") == render(schema), (
            f"{path} drifted from the models: run python -m rhi_llm.schemas"
        )


# -- OpenAI structured outputs, strict mode ---------------------------------------------------

ALLOWED_KEYS = {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "anyOf",
    "$ref",
    "$defs",
    "description",
    "title",
}


def strict_problems(node: Any, where: str = "#") -> list[str]:
    """Independent check of the strict-mode rules (not the generator's own code)."""
    problems: list[str] = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            problems += strict_problems(item, f"{where}/{index}")
        return problems
    if not isinstance(node, dict):
        return problems
    for key in node:
        if key not in ALLOWED_KEYS:
            problems.append(f"{where}: unsupported keyword {key!r}")
    if "$ref" in node and len(node) > 1:
        problems.append(f"{where}: $ref with sibling keywords")
    if node.get("type") == "object" or "properties" in node:
        properties = node.get("properties", {})
        if node.get("additionalProperties") is not False:
            problems.append(f"{where}: additionalProperties is not false")
        if sorted(node.get("required", [])) != sorted(properties):
            problems.append(f"{where}: not every property is required")
    for key in ("properties", "$defs"):
        for name, sub in node.get(key, {}).items():
            problems += strict_problems(sub, f"{where}/{key}/{name}")
    for key in ("items", "anyOf"):
        if key in node:
            problems += strict_problems(node[key], f"{where}/{key}")
    return problems


@pytest.mark.parametrize("questionnaire", SHIPPED)
def test_survey_schema_meets_strict_mode_rules(questionnaire: str) -> None:
    schema = strict_json_schema(response_model_for(questionnaire, fields_for(questionnaire)))
    assert strict_problems(schema) == []
    # optional-in-python keys are nullable, not missing, in the schema
    quote = schema["$defs"]["Answer"]["properties"]["quote"]
    assert quote["type"] == ["string", "null"]


def test_strict_checker_catches_a_plain_pydantic_schema() -> None:
    """The checker can fail: pydantic's default schema (defaults, optional fields) breaks it."""
    plain = response_model_for("rhi-2024", fields_for("rhi-2024")).model_json_schema(
        schema_generator=__import__("pydantic").json_schema.GenerateJsonSchema
    )
    problems = strict_problems(plain)
    assert any("unsupported keyword 'default'" in p for p in problems)
    assert any("not every property is required" in p for p in problems)


def test_model_json_schema_used_by_instructor_is_strict() -> None:
    whole = response_model_for("rhi-2018", fields_for("rhi-2018"))
    assert strict_problems(whole.model_json_schema()) == []
    restricted = response_model_for("rhi-2024", ("missing_children", "rhi_offered", "provider"))
    schema = restricted.model_json_schema()
    assert strict_problems(schema) == []
    assert set(schema["properties"]) == {
        "council",
        "reference",
        "response_date",
        "period",
        "answers",
    }
    assert answer_fields(restricted, FIELDS) == ["missing_children", "rhi_offered", "provider"]
    # a percentage may only be of the questionnaire's own counts
    for base, fits in (("missing_incidents", True), ("ooa_placed_children", False)):
        answer = {"field": "rhi_offered", "value": 50, "unit": "percent", "of": base}
        if fits:
            restricted.model_validate({"answers": [answer]})
        else:
            with pytest.raises(ValueError, match="not a count asked"):
                restricted.model_validate({"answers": [answer]})
    # only the keys of the kinds asked: no choice detail or provider names for counts alone
    counts = response_model_for("rhi-2024", ("missing_children",)).model_json_schema()
    assert set(counts["$defs"]["Answer"]["properties"]) == {
        "field",
        "status",
        "value",
        "unit",
        "of",
        "quote",
    }


def test_the_2018_schema_is_said_once_for_every_field() -> None:
    """One answer definition serves all 30 fields: the schema sent with every request is a
    small part of it (it was 9,792 characters with one definition per field)."""
    schema = strict_json_schema(response_model_for("rhi-2018", fields_for("rhi-2018")))
    assert len(json.dumps(schema)) < 2500
    assert set(schema["$defs"]) == {"Answer", "Period", "Status"}


def test_a_filled_model_becomes_a_response() -> None:
    restricted = response_model_for("rhi-2024", ("missing_children", "provider"))
    partial = restricted.model_validate(
        {
            "council": "X",
            "answers": [
                {
                    "field": "missing_children",
                    "value": 5,
                    "unit": "count",
                    "of": None,
                    "status": "answered",
                    "quote": "5 children",
                    "team": None,
                },
                {
                    "field": "provider",
                    "value": ["local_authority_team"],
                    "unit": None,
                    "team": "Missing Team",
                    "status": "answered",
                    "quote": "the Missing Team",
                },
            ],
        }
    )
    full = to_response(partial, "rhi-2024")
    assert isinstance(full, SurveyResponse) and full.questionnaire == "rhi-2024"
    children = full.answer("missing_children")
    assert isinstance(children, Figure) and children.value == 5 and children.unit == Unit.COUNT
    provider = full.answer("provider")
    assert provider is not None and provider.value == ["local_authority_team"]
    assert getattr(provider, "team", None) == "Missing Team"
    assert full.answer("rhi_offered") is None  # left out: not answered


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        (
            [{"field": "missing_children", "value": "lots", "status": "answered"}],
            "missing_children takes a number",
        ),
        (
            [{"field": "provider", "value": 12, "status": "answered"}],
            "provider takes a list of its options",
        ),
        (
            [{"field": "provider", "value": ["yes"], "status": "answered"}],
            "provider takes a list of its options",
        ),
        (
            [
                {"field": "missing_children", "value": 5, "status": "answered"},
                {"field": "missing_children", "value": 6, "status": "answered"},
            ],
            "missing_children is answered twice",
        ),
        (
            [{"field": "comments", "value": 5, "status": "answered"}],
            "comments takes the council's words",
        ),
        ([{"field": "rhi_offered_typo", "value": 5}], "'rhi_offered_typo' is not a field asked"),
        ([{"field": "rhi_offered", "value": 5}], "'rhi_offered' is not a field asked"),
    ],
)
def test_an_answer_that_does_not_fit_its_field_is_refused_with_its_reason(
    answers: list[dict[str, Any]], said: str
) -> None:
    """One answer schema serves every field, so the validator holds each value to its own
    field's kind and options (its message goes back to the model on a re-ask)."""
    asked = ("missing_children", "provider", "follow_up_support", "comments")
    model = response_model_for("rhi-2024", asked)
    with pytest.raises(ValueError, match=said):
        model.model_validate({"answers": answers})
