"""Writing output rows: JSON Lines (the Output contract) and a wide CSV, one row per letter.

The CSV has the letter's columns, then for each canonical field: its value, unit (with what a
percentage is of), status and number of flags. It is written UTF-8 with a byte-order mark so
that Excel opens it with the right characters.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from rhi_llm.records import OutputField, OutputRow
from rhi_llm.survey import FIELDS

LETTER_COLUMNS = (
    "path",
    "sha256",
    "format",
    "pages",
    "questionnaire",
    "council",
    "reference",
    "response_date",
    "period_start",
    "period_end",
    "backend",
    "model",
    "flags_total",
)


def write_jsonl(rows: Iterable[OutputRow], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(row.model_dump_json() + "\n")
        count += 1
    return count


def wide_columns() -> list[str]:
    columns = list(LETTER_COLUMNS)
    for field_id in FIELDS:
        columns += [field_id, f"{field_id}_unit", f"{field_id}_status", f"{field_id}_flags"]
    return columns


def cell_value(field: OutputField) -> str:
    value = field.value
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def unit_label(field: OutputField) -> str:
    if field.unit == "percent" and field.of:
        return f"percent of {field.of}"
    return field.unit or ""


def wide_row(row: OutputRow) -> dict[str, str | int | None]:
    record: dict[str, str | int | None] = {
        "path": row.letter.path,
        "sha256": row.letter.sha256,
        "format": row.letter.format,
        "pages": row.letter.pages,
        "questionnaire": row.questionnaire,
        "council": row.council,
        "reference": row.reference,
        "response_date": row.response_date,
        "period_start": row.period.start if row.period else None,
        "period_end": row.period.end if row.period else None,
        "backend": row.provenance.backend,
        "model": row.provenance.model,
        "flags_total": sum(len(f.flags) for f in row.fields.values()),
    }
    for field_id in FIELDS:
        field = row.fields.get(field_id)
        if field is None:
            continue
        record[field_id] = cell_value(field)
        record[f"{field_id}_unit"] = unit_label(field)
        record[f"{field_id}_status"] = field.status
        record[f"{field_id}_flags"] = len(field.flags)
    return record


def write_csv(rows: Iterable[OutputRow], out: IO[str]) -> int:
    """Wide CSV; ``out`` should be opened with newline='' (BOM written here)."""
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=wide_columns(), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(wide_row(row))
        count += 1
    return count


def read_jsonl(lines: Iterable[str]) -> list[OutputRow]:
    return [OutputRow.model_validate(json.loads(line)) for line in lines if line.strip()]
