"""The JSON Schema files in `schemas/`, generated from the pydantic models.

Regenerate with ``python -m rhi_llm.schemas``;
`tests/test_schemas.py` fails when the committed files drift from the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rhi_llm.core.files import write_text_atomically
from rhi_llm.core.questionnaires import CATALOGUE, SHIPPED, load_file
from rhi_llm.core.records import OutputRow
from rhi_llm.core.strict_schema import strict_json_schema
from rhi_llm.extract.response_models import response_model_for


def schema_documents() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every schema the project publishes: the response a model
    fills for each shipped questionnaire, and the output row."""
    documents: dict[str, dict[str, Any]] = {}
    for path in sorted(SHIPPED.glob("*.toml")):
        if path.name == CATALOGUE:
            continue
        shipped = load_file(path)
        model = response_model_for(shipped.id, shipped.field_ids)
        documents[f"survey-{shipped.id}.schema.json"] = strict_json_schema(model)
    documents["output-row.schema.json"] = OutputRow.model_json_schema()
    return documents


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, schema in schema_documents().items():
        path = folder / name
        write_text_atomically(path, render(schema))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemas")
    for path in write_schemas(target):
        print(path)
