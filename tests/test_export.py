"""Exports: wide and long, as CSV, JSON Lines and xlsx, read back with pandas.

Three fictional councils; a reviewer accepts one field, corrects a count and marks a figure
not held. The published value must replace the extracted one, and the long export must keep
both.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pytest
from openpyxl import load_workbook

from rhi_llm.core.records import (
    Derived,
    LetterRef,
    OutputField,
    OutputRow,
    Provenance,
    ReviewDecision,
)
from rhi_llm.core.survey import Period
from rhi_llm.core.types import Flag
from rhi_llm.export import (
    LONG_COLUMNS,
    Decisions,
    long_records,
    read_jsonl,
    wide_columns,
    wide_records,
    write_csv,
    write_export,
    write_jsonl,
)

ASHBY, BRINDLE, CORVE = "a" * 64, "b" * 64, "c" * 64
Fmt = Literal["csv", "jsonl", "xlsx"]


def letter_row(sha: str, council: str, fields: dict[str, OutputField]) -> OutputRow:
    return OutputRow(
        letter=LetterRef(
            path=f"letters/{council.split()[0].lower()}.pdf", sha256=sha, format="pdf", pages=3
        ),
        questionnaire="rhi-2024",
        council=council,
        reference="FOI-1",
        period=Period(start="2023-04-01", end="2024-03-31"),
        fields=fields,
        provenance=Provenance(backend="rules", model=None, schema_version="1"),
    )


def rows() -> list[OutputRow]:
    offered = OutputField(
        value=87.7,
        unit="percent",
        of="missing_incidents",
        status="answered",
        quote="87.7% of episodes were offered an interview",
        page=2,
        span=[120, 164],
        derived=Derived(
            count=1253, of="missing_incidents", arithmetic="87.7% of 1,429 = 1,253.2 -> 1,253"
        ),
        flags=[Flag(code="percent_base", message="base assumed to be incidents")],
        verdict="flagged",
    )
    ashby = letter_row(
        ASHBY,
        "Ashby Vale Council",
        {
            "missing_incidents": OutputField(
                value=1429,
                unit="count",
                status="answered",
                quote="1,429 episodes",
                page=1,
                span=[40, 54],
                verdict="ok",
            ),
            "rhi_offered": offered,
            "provider": OutputField(
                value=["local_authority_team", "third_sector_agency"],
                status="answered",
                verdict="ok",
            ),
        },
    )
    brindle = letter_row(
        BRINDLE,
        "Brindlecombe Borough Council",
        {
            "missing_children": OutputField(
                value=310.0, unit="count", status="answered", verdict="ok"
            ),
            "rhi_within_72h": OutputField(
                value=150,
                unit="count",
                status="answered",
                quote="150 within\x0c72 hours",
                verdict="flagged",
                flags=[Flag(code="a", message="one"), Flag(code="b", message="two")],
            ),
            "comments": OutputField(value="=not a formula", status="answered", verdict="ok"),
        },
    )
    corve = letter_row(
        CORVE,
        "Corvedale District Council",
        {
            "rhi_completed": OutputField(
                value=88,
                unit="count",
                status="answered",
                quote="88 interviews were completed",
                verdict="ok",
            ),
        },
    )
    return [ashby, brindle, corve]


def decision(sha: str, field: str, action: Any, **kw: Any) -> ReviewDecision:
    return ReviewDecision(
        letter_sha256=sha,
        letter_path="x.pdf",
        field=field,
        action=action,
        reviewer="jo",
        decided_at="2025-01-02T10:00:00Z",
        **kw,
    )


def decisions() -> Decisions:
    made = [
        decision(ASHBY, "rhi_offered", "accept"),
        decision(
            CORVE,
            "rhi_completed",
            "correct",
            value=98,
            unit="count",
            note="letter says 98 on page 2",
        ),
        decision(BRINDLE, "rhi_within_72h", "set_status", status="not_held"),
    ]
    return {(d.letter_sha256, d.field): d for d in made}


def read_back(path: Path, fmt: Fmt) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path, encoding="utf-8-sig")
    if fmt == "jsonl":
        return pd.read_json(path, lines=True)
    return pd.read_excel(path)


def export(tmp_path: Path, fmt: Fmt, long: bool) -> pd.DataFrame:
    out = tmp_path / f"export.{fmt}"
    written = write_export(rows(), decisions(), out, fmt=fmt, long=long)
    frame = read_back(out, fmt)
    assert written == len(frame)
    return frame.set_index("sha256" if not long else ["sha256", "field"])


FORMATS: list[Fmt] = ["csv", "jsonl", "xlsx"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_wide_publishes_the_reviewed_value(tmp_path: Path, fmt: Fmt) -> None:
    frame = export(tmp_path, fmt, long=False)
    assert len(frame) == 3
    assert frame.loc[CORVE, "rhi_completed"] == 98
    assert frame.loc[CORVE, "rhi_completed_review"] == "corrected"
    assert frame.loc[BRINDLE, "rhi_within_72h_status"] == "not_held"
    assert frame.loc[BRINDLE, "rhi_within_72h_review"] == "status_set"
    assert pd.isna(frame.loc[BRINDLE, "rhi_within_72h"])
    assert frame.loc[ASHBY, "rhi_offered_review"] == "accepted"
    assert frame.loc[ASHBY, "missing_incidents_review"] == "none"
    assert frame.loc[ASHBY, "rhi_offered"] == pytest.approx(87.7)
    assert frame.loc[ASHBY, "rhi_offered_unit"] == "percent of missing_incidents"
    assert frame.loc[ASHBY, "provider"] == "local_authority_team;third_sector_agency"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_wide_table_has_flag_counts_and_every_field_column(tmp_path: Path, fmt: Fmt) -> None:
    out = tmp_path / f"wide.{fmt}"
    write_export(rows(), decisions(), out, fmt=fmt, long=False)
    assert list(read_back(out, fmt).columns) == wide_columns()
    frame = export(tmp_path, fmt, long=False)
    assert frame.loc[BRINDLE, "rhi_within_72h_flags"] == 2
    assert frame.loc[BRINDLE, "flags_total"] == 2
    assert frame.loc[ASHBY, "rhi_offered_flags"] == 1
    assert frame.loc[BRINDLE, "missing_children"] == 310
    comments = frame.loc[BRINDLE, "comments"]
    assert comments == ("'=not a formula" if fmt == "csv" else "=not a formula")


def test_wide_jsonl_keeps_the_extraction_and_adds_published(tmp_path: Path) -> None:
    out = tmp_path / "wide.jsonl"
    write_export(rows(), decisions(), out, fmt="jsonl", long=False)
    objects = {o["letter"]["sha256"]: o for o in map(json.loads, out.read_text().splitlines())}
    corve = objects[CORVE]
    assert corve["fields"]["rhi_completed"]["value"] == 88
    assert corve["published"]["rhi_completed"] == {
        "value": 98,
        "unit": "count",
        "of": None,
        "status": "answered",
        "review": "corrected",
        "reviewer": "jo",
    }
    assert objects[ASHBY]["published"]["missing_incidents"]["review"] == "none"
    assert read_jsonl(out.read_text().splitlines())[2].council == "Corvedale District Council"
    frame = pd.read_json(out, lines=True)
    assert list(frame.columns)[-1] == "published"
    assert frame.loc[2, "published"]["rhi_completed"]["value"] == 98
    assert frame.loc[1, "published"]["rhi_within_72h"]["status"] == "not_held"


def test_long_jsonl_keeps_numbers_numeric(tmp_path: Path) -> None:
    out = tmp_path / "long.jsonl"
    write_export(rows(), decisions(), out, fmt="jsonl", long=True)
    objects = [json.loads(line) for line in out.read_text().splitlines()]
    by_field = {(o["sha256"], o["field"]): o for o in objects}
    assert by_field[(CORVE, "rhi_completed")]["value"] == 98
    assert isinstance(by_field[(CORVE, "rhi_completed")]["value"], int)
    assert by_field[(BRINDLE, "missing_children")]["value"] == 310
    assert isinstance(by_field[(BRINDLE, "missing_children")]["value"], int)
    assert by_field[(ASHBY, "rhi_offered")]["value"] == 87.7
    assert list(objects[0]) == list(LONG_COLUMNS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_long_keeps_extracted_and_published_values(tmp_path: Path, fmt: Fmt) -> None:
    frame = export(tmp_path, fmt, long=True)
    assert len(frame) == 7
    corrected = frame.loc[(CORVE, "rhi_completed")]
    # a long CSV's value column mixes numbers and text, so pandas reads it as text
    assert float(corrected["value"]) == 98
    assert float(corrected["extracted_value"]) == 88
    assert corrected["review"] == "corrected"
    assert corrected["reviewer"] == "jo"
    assert corrected["review_note"] == "letter says 98 on page 2"
    assert corrected["quote"] == "88 interviews were completed"
    withheld = frame.loc[(BRINDLE, "rhi_within_72h")]
    assert withheld["status"] == "not_held"
    assert withheld["extracted_status"] == "answered"
    assert float(withheld["extracted_value"]) == 150
    assert pd.isna(withheld["value"])
    assert withheld["flags"] == "a: one | b: two"
    assert withheld["flag_codes"] == "a;b"


@pytest.mark.parametrize("fmt", FORMATS)
def test_long_has_evidence_and_derived_count(tmp_path: Path, fmt: Fmt) -> None:
    frame = export(tmp_path, fmt, long=True)
    offered = frame.loc[(ASHBY, "rhi_offered")]
    assert offered["unit"] == "percent"
    assert offered["of"] == "missing_incidents"
    assert offered["review"] == "accepted"
    assert offered["derived_count"] == 1253
    assert offered["derived_arithmetic"] == "87.7% of 1,429 = 1,253.2 -> 1,253"
    assert (offered["page"], offered["span_start"], offered["span_end"]) == (2, 120, 164)
    assert offered["verdict"] == "flagged"
    assert frame.loc[(ASHBY, "missing_incidents"), "review"] == "none"
    assert list(frame.reset_index().columns)[:2] == ["sha256", "field"]


def test_csv_starts_with_the_bom(tmp_path: Path) -> None:
    for long in (False, True):
        out = tmp_path / f"long-{long}.csv"
        write_export(rows(), decisions(), out, fmt="csv", long=long)
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        assert raw[3:].decode("utf-8").splitlines()[0].split(",")[:2] == (["path", "sha256"])
        assert b"\r\r\n" not in raw


def test_long_csv_has_the_long_columns(tmp_path: Path) -> None:
    out = tmp_path / "long.csv"
    write_export(rows(), None, out, fmt="csv", long=True)
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert list(frame.columns) == list(LONG_COLUMNS)
    assert set(frame["review"]) == {"none"}


def test_xlsx_numbers_are_numbers_and_header_is_frozen(tmp_path: Path) -> None:
    out = tmp_path / "wide.xlsx"
    write_export(rows(), decisions(), out, fmt="xlsx", long=False)
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[1]]
    cells = {name: sheet.cell(row=4, column=header.index(name) + 1) for name in header}
    assert sheet.freeze_panes == "A2"
    assert cells["rhi_completed"].value == 98
    assert cells["rhi_completed"].data_type == "n"
    assert isinstance(cells["rhi_completed"].value, int)
    ashby_offered = sheet.cell(row=2, column=header.index("rhi_offered") + 1).value
    assert isinstance(ashby_offered, float)
    brindle_comments = sheet.cell(row=3, column=header.index("comments") + 1)
    assert brindle_comments.data_type == "s"
    assert sheet.column_dimensions["A"].width > 10


def test_xlsx_drops_control_characters_from_quotes(tmp_path: Path) -> None:
    out = tmp_path / "long.xlsx"
    write_export(rows(), decisions(), out, fmt="xlsx", long=True)
    frame = pd.read_excel(out).set_index(["sha256", "field"])
    assert frame.loc[(BRINDLE, "rhi_within_72h"), "quote"] == "150 within72 hours"


def test_records_without_decisions_publish_the_extraction() -> None:
    wide = {r["sha256"]: r for r in wide_records(rows())}
    assert wide[CORVE]["rhi_completed"] == 88
    assert wide[CORVE]["rhi_completed_review"] == "none"
    assert wide[BRINDLE]["missing_children"] == 310
    assert isinstance(wide[BRINDLE]["missing_children"], int)
    assert "missing_children" not in wide[ASHBY]
    long = long_records(rows())
    assert [r["field"] for r in long if r["sha256"] == ASHBY] == [
        "missing_incidents",
        "rhi_offered",
        "provider",
    ]


def test_a_decision_on_a_field_left_out_still_shows() -> None:
    made = decision(ASHBY, "rhi_completed", "set_status", status="exempt")
    long = long_records(rows(), {(ASHBY, "rhi_completed"): made})
    added = [r for r in long if r["sha256"] == ASHBY and r["field"] == "rhi_completed"]
    assert len(added) == 1
    assert added[0]["status"] == "exempt"
    assert added[0]["extracted_status"] == "not_answered"


def test_write_csv_and_jsonl_keep_working_for_extract() -> None:
    handle = io.StringIO(newline="")
    assert write_csv(rows(), handle) == 3
    frame = pd.read_csv(io.StringIO(handle.getvalue().lstrip("\ufeff")))
    assert frame.loc[2, "rhi_completed"] == 88
    assert frame.loc[2, "rhi_completed_review"] == "none"
    lines = io.StringIO()
    assert write_jsonl(rows(), lines) == 3
    assert read_jsonl(lines.getvalue().splitlines()) == rows()


# -- no cell of an export runs as a formula ---------------------------------------------------

HOSTILE = (
    '=HYPERLINK("http://evil.example","click")',
    "+44 20 7946 0000",
    "-2+3",
    "@SUM(A1:A9)",
    "  =1+1",
    "\t=cmd|' /C calc'!A0",
    "\r=1+1",
    "\n@x",
    "'=already quoted",
)


def hostile_rows() -> tuple[list[OutputRow], Decisions]:
    """One letter per hostile text, that text in every place a letter's words reach."""
    made: list[OutputRow] = []
    notes: Decisions = {}
    for index, text in enumerate(HOSTILE):
        sha = f"{index:064x}"
        row = letter_row(sha, "Hostile Council", {})
        row = row.model_copy(
            update={
                "council": text,
                "reference": text,
                "letter": row.letter.model_copy(update={"path": text}),
                "fields": {
                    "comments": OutputField(value=text, status="answered", quote=text),
                    "missing_incidents": OutputField(
                        value=-3, unit="count", status="answered", quote=text,
                        flags=[Flag(code="odd", message=text)], verdict="flagged",
                    ),
                    "rhi_offered": OutputField(
                        value=12.5, unit="percent", of="missing_incidents", status="answered"
                    ),
                },
            }
        )  # fmt: skip
        made.append(row)
        notes[(sha, "comments")] = decision(sha, "comments", "accept", note=text)
        notes[(sha, "comments")] = notes[(sha, "comments")].model_copy(update={"reviewer": text})
    return made, notes


def spreadsheet_would_run(cell: str) -> bool:
    """Our own reading of OWASP's rule, independent of rhi_llm.core.cells."""
    if cell.startswith(("\t", "\r")):
        return True
    body = cell.lstrip()
    if not body or body[0] not in "=+-@":
        return False
    try:
        float(body.replace(",", "").rstrip("%"))
    except ValueError:
        return True
    return False


def csv_cells(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("long", [False, True])
def test_no_csv_cell_runs_as_a_formula_and_every_text_reads_back(
    tmp_path: Path, long: bool
) -> None:
    from rhi_llm.core.cells import unprotect

    made, notes = hostile_rows()
    out = tmp_path / "hostile.csv"
    write_export(made, notes, out, fmt="csv", long=long)
    records = csv_cells(out)
    running = [
        cell for record in records for cell in record.values() if spreadsheet_would_run(cell)
    ]
    assert running == []
    texts = {unprotect(cell) for record in records for cell in record.values()}
    assert set(HOSTILE) <= texts
    if long:
        comments = [r for r in records if unprotect(r["field"]) == "comments"]
        assert [unprotect(r["review_note"]) for r in comments] == list(HOSTILE)
        assert [unprotect(r["reviewer"]) for r in comments] == list(HOSTILE)
        counts = [r for r in records if r["field"] == "missing_incidents"]
        assert {r["value"] for r in counts} == {"-3"}  # a number, not escaped
        assert {r["value"] for r in records if r["field"] == "rhi_offered"} == {"12.5"}
    else:
        assert [unprotect(r["path"]) for r in records] == list(HOSTILE)
        assert {r["missing_incidents"] for r in records} == {"-3"}
        assert {r["rhi_offered"] for r in records} == {"12.5"}
    frame = pd.read_csv(out, encoding="utf-8-sig")
    numbers = frame["value" if long else "missing_incidents"]
    assert pd.to_numeric(numbers, errors="coerce").notna().sum() >= len(HOSTILE)


def test_the_extract_csv_protects_its_cells_too() -> None:
    import csv

    made, _ = hostile_rows()
    handle = io.StringIO(newline="")
    write_csv(made, handle)
    cells = [c for row in csv.reader(io.StringIO(handle.getvalue().lstrip("\ufeff"))) for c in row]
    assert not [cell for cell in cells if spreadsheet_would_run(cell)]
    assert "'  =1+1" in cells and "-3" in cells


@pytest.mark.parametrize("long", [False, True])
def test_xlsx_has_no_formula_cell_and_keeps_the_text(tmp_path: Path, long: bool) -> None:
    import zipfile

    made, notes = hostile_rows()
    out = tmp_path / "hostile.xlsx"
    write_export(made, notes, out, fmt="xlsx", long=long)
    sheet = load_workbook(out).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert "f" not in {c.data_type for c in cells}
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {t for t in HOSTILE if t.isprintable()} <= texts  # as written, no apostrophe
    assert -3 in {c.value for c in cells if c.data_type == "n"}
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml


@pytest.mark.parametrize("long", [False, True])
def test_jsonl_keeps_hostile_text_exactly(tmp_path: Path, long: bool) -> None:
    made, notes = hostile_rows()
    out = tmp_path / "hostile.jsonl"
    write_export(made, notes, out, fmt="jsonl", long=long)
    objects = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    if long:
        notes_read = [o["review_note"] for o in objects if o["field"] == "comments"]
        assert notes_read == list(HOSTILE)
    else:
        assert [o["letter"]["path"] for o in objects] == list(HOSTILE)
        assert [o["fields"]["comments"]["value"] for o in objects] == list(HOSTILE)
