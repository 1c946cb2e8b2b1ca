"""The survey schema: canonical ids, the shipped questionnaires, generated files, strict mode."""

from __future__ import annotations

import json
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
from rhi_llm.core.survey import Figure, Status, SurveyResponse, Unit
from rhi_llm.extract.response_models import response_model_for, to_response
from rhi_llm.schemas import render, schema_documents

from conftest import REPO

# DESIGN.md's table of canonical numeric ids and the question each answers.
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


def test_every_field_is_asked_by_some_questionnaire_and_in_its_response_model() -> None:
    asked = {f for q in QUESTIONNAIRES for f in fields_for(q)}
    assert asked == set(FIELDS)
    for questionnaire in QUESTIONNAIRES:
        model = response_model_for(questionnaire, fields_for(questionnaire))
        assert set(fields_for(questionnaire)) <= set(model.model_fields)
        for field_id in fields_for(questionnaire):
            annotation = model.model_fields[field_id].annotation
            assert annotation is not None
            if FIELDS[field_id].numeric:
                assert any(getattr(a, "__name__", "") == "Figure" for a in annotation.__args__)


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
    # optional-in-python fields are nullable, not missing, in the schema
    figure = schema["$defs"]["Figure"]["properties"]["value"]
    assert figure["type"] == ["number", "null"]


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
        "missing_children",
        "rhi_offered",
        "provider",
    }
    # a percentage may only be of the questionnaire's own counts
    bases = set(schema["$defs"]["NumericField"]["enum"])
    assert bases == {f for f in fields_for("rhi-2024") if FIELDS[f].numeric}


def test_a_filled_model_becomes_a_response() -> None:
    restricted = response_model_for("rhi-2024", ("missing_children",))
    partial = restricted.model_validate(
        {
            "council": "X",
            "missing_children": {
                "value": 5,
                "unit": "count",
                "of": None,
                "status": "answered",
                "quote": "5 children",
            },
        }
    )
    full = to_response(partial, "rhi-2024")
    assert isinstance(full, SurveyResponse) and full.questionnaire == "rhi-2024"
    children = full.answer("missing_children")
    assert isinstance(children, Figure) and children.value == 5
    assert full.answer("rhi_offered") is None


def test_figure_serialises_counts_as_integers() -> None:
    count = Figure(value=1458.0, unit=Unit.COUNT, status=Status.ANSWERED, quote="1458")
    percent = Figure(value=87.7, unit=Unit.PERCENT, of="missing_incidents", status=Status.ANSWERED)
    assert json.loads(count.model_dump_json())["value"] == 1458
    assert isinstance(json.loads(count.model_dump_json())["value"], int)
    assert json.loads(percent.model_dump_json())["value"] == 87.7
