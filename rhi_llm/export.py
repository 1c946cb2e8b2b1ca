"""Writing output rows: JSON Lines (the Output contract), and wide or long exports.

Wide: one row per letter with the letter's columns, then for each canonical field its published
value, unit (with what a percentage is of), status, number of flags and review state. Long: one
row per field of a letter, with the published value beside the extracted one, the evidence
(quote, page, span), the derived count and the flags.

The published value is the reviewer's where a decision exists (see ``records.reviewed``), else
the extracted one; the long export and the wide JSONL keep the extracted value as well. CSV is
written UTF-8 with a byte-order mark so that Excel opens it with the right characters.

No export can run as a formula in a spreadsheet. In CSV, a text cell that would (one starting
with ``=``, ``+``, ``-`` or ``@``, also after leading spaces, or with a tab or a carriage
return) and one starting with an apostrophe get a leading apostrophe; numbers are written as
numbers. To read a CSV export back exactly, take one leading apostrophe off every text cell
that starts with one (`rhi_llm.core.cells.unprotect`). In xlsx every text is a text cell, never
a formula, and is kept as written (less the control characters XML cannot hold). JSON Lines
keep every text exactly.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Literal

from rhi_llm.core.cells import protect
from rhi_llm.core.files import atomic_write, atomic_write_bytes
from rhi_llm.core.questionnaires import FIELDS
from rhi_llm.core.records import (
    OutputField,
    OutputRow,
    ReviewDecision,
    ReviewedField,
    Value,
    reviewed,
)

ExportFormat = Literal["csv", "jsonl", "xlsx"]
Cell = str | int | float | None
Record = dict[str, Cell]
Decisions = dict[tuple[str, str], ReviewDecision]
"""The latest decision per field, keyed by (letter sha256, field id)."""

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
FIELD_SUFFIXES = ("", "_unit", "_status", "_flags", "_review")
LONG_COLUMNS = (
    "path",
    "sha256",
    "council",
    "questionnaire",
    "field",
    "value",
    "unit",
    "of",
    "status",
    "review",
    "reviewer",
    "decided_at",
    "review_note",
    "extracted_value",
    "extracted_unit",
    "extracted_of",
    "extracted_status",
    "quote",
    "page",
    "span_start",
    "span_end",
    "derived_count",
    "derived_arithmetic",
    "verdict",
    "flags",
    "flag_codes",
    "backend",
    "model",
)
XLSX_MAX_WIDTH = 60
XLSX_SAMPLE_ROWS = 200


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------


def export_value(value: Value, unit: str | None) -> Cell:
    """A value as one cell: lists joined with ';', whole counts as int, percentages as float."""
    if value is None:
        return None
    if isinstance(value, list):
        return ";".join(value) or None
    if isinstance(value, float) and unit != "percent" and value.is_integer():
        return int(value)
    if isinstance(value, int) and unit == "percent":
        return float(value)
    return value


def unit_text(unit: str | None, of: str | None) -> str:
    """'count', 'percent of missing_incidents', or '' when there is no unit."""
    if unit == "percent" and of:
        return f"percent of {of}"
    return unit or ""


def flags_text(field: OutputField) -> str:
    return " | ".join(f"{flag.code}: {flag.message}" for flag in field.flags)


# --------------------------------------------------------------------------------------------
# Published fields
# --------------------------------------------------------------------------------------------


def decision_for(
    row: OutputRow, field_id: str, decisions: Mapping[tuple[str, str], ReviewDecision] | None
) -> ReviewDecision | None:
    return None if decisions is None else decisions.get((row.letter.sha256, field_id))


def field_ids(
    row: OutputRow, decisions: Mapping[tuple[str, str], ReviewDecision] | None
) -> list[str]:
    """The row's fields in canonical order, then any others; a field with a decision counts even
    if the extraction left it out (e.g. a reviewer marked it not held)."""
    return [
        field_id
        for field_id in (*FIELDS, *(f for f in row.fields if f not in FIELDS))
        if field_id in row.fields or decision_for(row, field_id, decisions) is not None
    ]


def published_fields(
    row: OutputRow, decisions: Mapping[tuple[str, str], ReviewDecision] | None = None
) -> dict[str, ReviewedField]:
    """Each field of the row as published: the reviewer's decision where there is one."""
    return {
        field_id: reviewed(
            row.fields.get(field_id, OutputField()), decision_for(row, field_id, decisions)
        )
        for field_id in field_ids(row, decisions)
    }


# --------------------------------------------------------------------------------------------
# Wide: one record per letter
# --------------------------------------------------------------------------------------------


def wide_columns() -> list[str]:
    return [*LETTER_COLUMNS, *(f"{f}{suffix}" for f in FIELDS for suffix in FIELD_SUFFIXES)]


def letter_record(row: OutputRow) -> Record:
    return {
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


def wide_field_cells(field_id: str, published: ReviewedField, flags: int) -> Record:
    return {
        field_id: export_value(published.value, published.unit),
        f"{field_id}_unit": unit_text(published.unit, published.of),
        f"{field_id}_status": published.status,
        f"{field_id}_flags": flags,
        f"{field_id}_review": published.review,
    }


def wide_row(
    row: OutputRow, decisions: Mapping[tuple[str, str], ReviewDecision] | None = None
) -> Record:
    record = letter_record(row)
    for field_id, published in published_fields(row, decisions).items():
        if field_id in FIELDS:
            extracted = row.fields.get(field_id)
            flags = len(extracted.flags) if extracted else 0
            record.update(wide_field_cells(field_id, published, flags))
    return record


def wide_records(
    rows: Iterable[OutputRow], decisions: Mapping[tuple[str, str], ReviewDecision] | None = None
) -> list[Record]:
    return [wide_row(row, decisions) for row in rows]


def wide_json(
    row: OutputRow, decisions: Mapping[tuple[str, str], ReviewDecision] | None = None
) -> dict[str, Any]:
    """The row's Output contract JSON plus ``published``: field id -> ReviewedField."""
    data = row.model_dump(mode="json")
    data["published"] = {
        field_id: published.model_dump(mode="json")
        for field_id, published in published_fields(row, decisions).items()
    }
    return data


# --------------------------------------------------------------------------------------------
# Long: one record per field of a letter
# --------------------------------------------------------------------------------------------


def review_cells(published: ReviewedField, decision: ReviewDecision | None) -> Record:
    return {
        "value": export_value(published.value, published.unit),
        "unit": published.unit,
        "of": published.of,
        "status": published.status,
        "review": published.review,
        "reviewer": published.reviewer,
        "decided_at": decision.decided_at if decision else None,
        "review_note": decision.note if decision else None,
    }


def extracted_cells(field: OutputField) -> Record:
    span = field.span if field.span and len(field.span) == 2 else None
    return {
        "extracted_value": export_value(field.value, field.unit),
        "extracted_unit": field.unit,
        "extracted_of": field.of,
        "extracted_status": field.status,
        "quote": field.quote,
        "page": field.page,
        "span_start": span[0] if span else None,
        "span_end": span[1] if span else None,
        "derived_count": field.derived.count if field.derived else None,
        "derived_arithmetic": field.derived.arithmetic if field.derived else None,
        "verdict": field.verdict,
        "flags": flags_text(field) or None,
        "flag_codes": ";".join(flag.code for flag in field.flags) or None,
    }


def long_rows_of(
    row: OutputRow, decisions: Mapping[tuple[str, str], ReviewDecision] | None
) -> Iterator[Record]:
    for field_id, published in published_fields(row, decisions).items():
        decision = decision_for(row, field_id, decisions)
        yield {
            "path": row.letter.path,
            "sha256": row.letter.sha256,
            "council": row.council,
            "questionnaire": row.questionnaire,
            "field": field_id,
            **review_cells(published, decision),
            **extracted_cells(row.fields.get(field_id, OutputField())),
            "backend": row.provenance.backend,
            "model": row.provenance.model,
        }


def long_records(
    rows: Iterable[OutputRow], decisions: Mapping[tuple[str, str], ReviewDecision] | None = None
) -> list[Record]:
    return [record for row in rows for record in long_rows_of(row, decisions)]


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------


def write_jsonl(rows: Iterable[OutputRow], out: IO[str]) -> int:
    """The Output contract: one OutputRow JSON object per line."""
    count = 0
    for row in rows:
        out.write(row.model_dump_json() + "\n")
        count += 1
    return count


def write_json_objects(objects: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    count = 0
    for obj in objects:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_cell(value: Cell) -> Cell:
    """A cell as the CSV holds it: text protected against formulas, numbers as they are."""
    return protect(value) if isinstance(value, str) else value


def write_csv_records(records: Iterable[Record], columns: Iterable[str], out: IO[str]) -> int:
    """CSV with a BOM; ``out`` should be opened with newline=''.

    Every text cell goes through `rhi_llm.core.cells.protect`: one that a spreadsheet would
    run as a formula gets a leading apostrophe; read it back with `unprotect`."""
    out.write("\ufeff")
    names = list(columns)
    writer = csv.DictWriter(out, fieldnames=names, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({name: csv_cell(record.get(name)) for name in names})
        count += 1
    return count


def write_csv(
    rows: Iterable[OutputRow],
    out: IO[str],
    decisions: Mapping[tuple[str, str], ReviewDecision] | None = None,
) -> int:
    """Wide CSV; ``out`` should be opened with newline='' (BOM written here)."""
    return write_csv_records(wide_records(rows, decisions), wide_columns(), out)


def xlsx_cell(value: Cell) -> Cell:
    """Strings without the control characters XML cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def column_width(column: list[Cell]) -> float:
    longest = max((len(str(v)) for v in column[:XLSX_SAMPLE_ROWS] if v is not None), default=0)
    return min(max(longest, 4) + 2, XLSX_MAX_WIDTH)


def write_xlsx(records: list[Record], columns: list[str], out: IO[bytes], sheet: str) -> int:
    """One sheet with a frozen header row; text is always text (a quote starting '=' is no
    formula)."""
    from openpyxl import Workbook  # imported when an xlsx is written, not on every run
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(columns)
    for record in records:
        ws.append([xlsx_cell(record.get(column)) for column in columns])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
    for index, column in enumerate(columns, start=1):
        values: list[Cell] = [column, *(record.get(column) for record in records)]
        ws.column_dimensions[get_column_letter(index)].width = column_width(values)
    ws.freeze_panes = "A2"
    book.save(out)
    return len(records)


def write_export(
    rows: Iterable[OutputRow],
    decisions: Mapping[tuple[str, str], ReviewDecision] | None,
    out_path: Path,
    *,
    fmt: ExportFormat,
    long: bool,
) -> int:
    """Write the wide (one row per letter) or long (one row per field) export; rows written.

    The file appears whole or not at all: `WriteFailed` (the old file kept) when it cannot."""
    rows = list(rows)
    if fmt == "jsonl":
        objects = long_records(rows, decisions) if long else [wide_json(r, decisions) for r in rows]
        with atomic_write(out_path) as handle:
            return write_json_objects(objects, handle)
    records = long_records(rows, decisions) if long else wide_records(rows, decisions)
    columns = list(LONG_COLUMNS) if long else wide_columns()
    if fmt == "xlsx":
        with atomic_write_bytes(out_path) as binary:
            return write_xlsx(records, columns, binary, "fields" if long else "letters")
    with atomic_write(out_path, newline="") as handle:
        return write_csv_records(records, columns, handle)


def read_jsonl(lines: Iterable[str]) -> list[OutputRow]:
    return [OutputRow.model_validate(json.loads(line)) for line in lines if line.strip()]
