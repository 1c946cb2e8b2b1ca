"""The JSON Schema of a response model in the form OpenAI structured outputs accept in strict
mode: every property required, nullable instead of optional, ``additionalProperties: false``,
no unsupported keywords.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode

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
        _compact(result, seen=set(), top=True)
        _inline_nullable_enums(result)
        return result


def _inline_nullable_enums(schema: dict[str, Any]) -> None:
    """An optional enum written in place, ``{"type": ["string", "null"], "enum": [...,
    null]}``, instead of an ``anyOf`` of a definition and null; a definition no longer
    referred to is dropped."""
    defs = schema.get("$defs") or {}

    def inline(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                inline(item)
            return
        if not isinstance(node, dict):
            return
        options = node.get("anyOf")
        if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
            other = next(o for o in options if o != {"type": "null"})
            target = defs.get(str(other.get("$ref", "")).rsplit("/", 1)[-1])
            if (
                isinstance(target, dict)
                and set(target) == {"enum", "type"}
                and target["type"] == "string"
            ):
                del node["anyOf"]
                node.update({"type": ["string", "null"], "enum": [*target["enum"], None]})
        for value in node.values():
            inline(value)

    inline(schema)
    text = json.dumps({k: v for k, v in schema.items() if k != "$defs"})
    for _ in range(len(defs)):  # a definition may be referred to only by another one
        used = text + json.dumps(defs)
        dropped = [n for n in defs if f'"#/$defs/{n}"' not in used]
        if not dropped:
            break
        for name in dropped:
            del defs[name]
    if "$defs" in schema and not defs:
        del schema["$defs"]


def _compact(node: Any, seen: set[str], top: bool = False) -> None:
    """Fewer tokens, the same schema: no titles (they repeat the names), ``type: [T,
    "null"]`` for an optional primitive or array instead of an ``anyOf`` pair, and a
    property description said once per schema (the quote's, say, is the same in every
    kind of answer; the system prompt explains it too)."""
    if isinstance(node, list):
        for item in node:
            _compact(item, seen)
        return
    if not isinstance(node, dict):
        return
    if not top:
        node.pop("title", None)
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        if isinstance(other, dict) and isinstance(other.get("type"), str) and "$ref" not in other:
            del node["anyOf"]
            node.update({**other, "type": [other["type"], "null"]})
    description = node.get("description")
    if isinstance(description, str) and not top and "properties" not in node:
        if description in seen:
            del node["description"]
        else:
            seen.add(description)
    for key, value in list(node.items()):
        if key in ("properties", "$defs") and isinstance(value, dict):
            for sub in value.values():
                _compact(sub, seen)
        elif isinstance(value, dict | list):
            _compact(value, seen)


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
