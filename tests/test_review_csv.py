"""The review spreadsheet: export the flagged fields, fill in decisions, import them back.

Two fictional councils in a run store. A reviewer accepts one flagged field, corrects another
and marks a third not held; the import must record exactly those, the exports must publish
them, and a sheet with any bad row must change nothing and say what is wrong on which line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from rhi_llm.core.cells import protect, unprotect
from rhi_llm.core.errors import StoreError
from rhi_llm.core.records import (
    LetterDocument,
    LetterRef,
    OutputField,
    OutputRow,
    Provenance,
    ReviewDecision,
)
from rhi_llm.core.types import Flag
from rhi_llm.export import long_records, wide_records
from rhi_llm.review import review_items
from rhi_llm.review_csv import (
    COLUMNS,
    CONTEXT_LIMIT,
    ImportProblem,
    add_decisions,
    apply_review_csv,
    export_review_csv,
    read_review_csv,
    write_review_csv,
)
from rhi_llm.store import Store, open_store

ASHBY, BRINDLE = "a" * 64, "b" * 64
FILLER = "The council holds this information. " * 12
ASHBY_TEXT = (
    f"Dear Requester,\n\n{FILLER}\n\nQ6a: In the year\n   640 interviews   were completed.\n\n"
    f"{FILLER}"
)
QUOTE_AT = ASHBY_TEXT.index("640 interviews")


def flagged(value: object, **kw: object) -> OutputField:
    return OutputField.model_validate(
        {
            "value": value,
            "status": "answered",
            "verdict": "flagged",
            "flags": [
                Flag(code="check", message="the figures disagree"),
                Flag(code="x", message="too big"),
            ],
            **kw,
        }
    )


def letter(sha: str, council: str, fields: dict[str, OutputField]) -> OutputRow:
    return OutputRow(
        letter=LetterRef(
            path=f"letters/{council.split()[0].lower()}.txt", sha256=sha, format="txt", pages=1
        ),
        questionnaire="rhi-2024",
        council=council,
        fields=fields,
        provenance=Provenance(backend="rules", schema_version="1"),
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    ashby = letter(
        ASHBY,
        "Ashby Vale Council",
        {
            "missing_incidents": OutputField(
                value=1429, unit="count", status="answered", verdict="ok"
            ),
            "rhi_accepted": OutputField(value=700, unit="count", status="answered", verdict="ok"),
            "lac_total": OutputField(value=250, unit="count", status="answered", verdict="ok"),
            "rhi_offered": flagged(87.7, unit="percent", of="missing_incidents"),
            "rhi_completed": flagged(
                640,
                unit="count",
                quote="640 interviews",
                span=[QUOTE_AT, QUOTE_AT + len("640 interviews")],
                page=1,
            ),
            "comments": flagged('=HYPERLINK("http://evil.example","click")', quote="@SUM(A1)"),
        },
    )
    brindle = letter(
        BRINDLE,
        "Brindlecombe Borough Council",
        {
            "rhi_within_72h": flagged(150, unit="count", quote="150\nwithin 72 hours"),
            "provider": flagged(["local_authority_team", "third_sector_agency"]),
        },
    )
    opened = open_store(tmp_path / "run.db")
    opened.record_row(ashby, "k", [], LetterDocument(sha256=ASHBY, text=ASHBY_TEXT))
    opened.record_row(brindle, "k", [])
    return opened


Sheet = list[dict[str, str]]


def exported(store: Store, path: Path) -> Sheet:
    export_review_csv(store, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def save(sheet: Sheet, path: Path, encoding: str = "utf-8-sig") -> Path:
    """The sheet as a spreadsheet would save it back (every cell kept as read)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sheet[0]))
        writer.writeheader()
        writer.writerows(sheet)
    return path


def fill(sheet: Sheet, sha: str, field: str, **cells: str) -> None:
    for row in sheet:
        if row["letter_sha256"] == sha and row["field"] == field:
            row.update(cells)
            return
    raise AssertionError(f"no row for {field} of {sha[:4]}")


def filled(store: Store, tmp_path: Path) -> Sheet:
    sheet = exported(store, tmp_path / "review.csv")
    fill(sheet, ASHBY, "rhi_offered", decision="accept", reviewer="sam")
    fill(
        sheet,
        ASHBY,
        "rhi_completed",
        decision="correct",
        new_value="642",
        reviewer="sam",
        note="page 1 says 642",
    )
    fill(sheet, BRINDLE, "rhi_within_72h", decision="status", new_status="not held", reviewer="jo")
    return sheet


def lines(problems: list[ImportProblem]) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in problems]


# -- export -----------------------------------------------------------------------------------


def test_the_sheet_has_one_row_per_flagged_field_and_empty_decision_columns(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "review.csv"
    assert export_review_csv(store, path) == 5
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf" * 2)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        assert next(reader) == list(COLUMNS)
        rows = [dict(zip(COLUMNS, cells, strict=True)) for cells in reader]
    assert [(r["letter_sha256"][:1], r["field"]) for r in rows] == [
        ("a", "rhi_offered"),
        ("a", "rhi_completed"),
        ("a", "comments"),
        ("b", "rhi_within_72h"),
        ("b", "provider"),
    ]
    for row in rows:
        assert all(
            row[c] == "" for c in ("decision", "new_value", "new_status", "reviewer", "note")
        )
        assert row["flags"] == "the figures disagree | too big"
        assert row["current_decision"] == ""
    completed = rows[1]
    assert completed["file"] == "letters/ashby.txt"
    assert completed["council"] == "Ashby Vale Council"
    assert completed["question"].startswith("Q") and "completed" in completed["question"]
    assert (completed["extracted_value"], completed["unit"], completed["page"]) == (
        "640",
        "count",
        "1",
    )
    assert "640 interviews were completed" in completed["context"]
    assert len(completed["context"]) <= CONTEXT_LIMIT
    assert "\n" not in completed["context"] and "  " not in completed["context"]
    assert completed["context"].startswith("…") and completed["context"].endswith("…")
    assert rows[0]["extracted_value"] == "87.7" and rows[0]["of"] == "missing_incidents"
    assert rows[3]["quote"] == "150 within 72 hours"  # one line per row
    assert rows[3]["context"] == ""  # no letter text in the store
    assert rows[4]["extracted_value"] == "local_authority_team, third_sector_agency"

    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == 5


def test_the_sheet_shows_a_decision_already_taken(store: Store, tmp_path: Path) -> None:
    store.add_decision(
        ReviewDecision(
            letter_sha256=ASHBY,
            letter_path="letters/ashby.txt",
            field="rhi_completed",
            action="correct",
            value=642,
            unit="count",
            status="answered",
            reviewer="sam",
            decided_at="2026-01-02T10:00:00Z",
        )
    )
    sheet = exported(store, tmp_path / "review.csv")
    assert sheet[1]["current_decision"] == "corrected to 642 by sam at 2026-01-02T10:00:00Z"


def test_write_review_csv_writes_one_bom_whatever_the_encoding(
    store: Store, tmp_path: Path
) -> None:
    for encoding in ("utf-8", "utf-8-sig"):
        path = tmp_path / f"{encoding}.csv"
        with path.open("w", encoding=encoding, newline="") as handle:
            assert write_review_csv(review_items(store), handle) == 5
        assert path.read_bytes().count(b"\xef\xbb\xbf") == 1


def test_formula_cells_are_escaped_and_come_back_intact(store: Store, tmp_path: Path) -> None:
    sheet = exported(store, tmp_path / "review.csv")
    comments = sheet[2]
    assert comments["extracted_value"] == '\'=HYPERLINK("http://evil.example","click")'
    assert comments["quote"] == "'@SUM(A1)"
    for text in ("=1+1", "+44 20 7946 0000", "-2+3", "@cmd", "\tx", "'quoted", "''"):
        assert protect(text).startswith("'")
        assert unprotect(protect(text)) == text
    for text in ("-3", "642", "87.7%", "plain", "", "'", "it's"):
        assert unprotect(protect(text)) == text
    assert protect("-3") == "-3" and protect("-1,253.5") == "-1,253.5"

    fill(
        sheet,
        ASHBY,
        "comments",
        decision="correct",
        new_value=protect("=not a formula"),
        reviewer=protect("@sam"),
        note=protect("-see page 2"),
    )
    result = apply_review_csv(save(sheet, tmp_path / "back.csv"), store)
    assert result.ok, result.problems
    decided = store.decisions()[(ASHBY, "comments")]
    assert (decided.value, decided.reviewer, decided.note) == (
        "=not a formula",
        "@sam",
        "-see page 2",
    )


def test_formulas_behind_leading_whitespace_are_escaped_too(tmp_path: Path) -> None:
    for text in ("  =1+1", " @cmd", "\n=1", "  +44 20", " -2+3", "'  =x"):
        assert protect(text) == "'" + text
        assert unprotect(protect(text)) == text
    for text in (" -3", "  12.5", "a =b", "plain"):
        assert protect(text) == text
    hostile = letter(
        ASHBY,
        '  =HYPERLINK("http://evil.example","click")',
        {"rhi_completed": flagged(640, unit="count", quote="640")},
    )
    hostile = hostile.model_copy(
        update={"letter": hostile.letter.model_copy(update={"path": "  @cmd.txt"})}
    )
    opened = open_store(tmp_path / "hostile.db")
    opened.record_row(hostile, "k", [])
    sheet = exported(opened, tmp_path / "review.csv")
    assert sheet[0]["council"] == '\'  =HYPERLINK("http://evil.example","click")'
    assert sheet[0]["file"] == "'  @cmd.txt"
    fill(sheet, ASHBY, "rhi_completed", decision="accept", reviewer="sam")
    result = apply_review_csv(save(sheet, tmp_path / "back.csv"), opened)
    assert result.ok and result.applied == 1, result.problems


# -- import -----------------------------------------------------------------------------------


def test_decisions_round_trip_into_the_store_and_the_exports(store: Store, tmp_path: Path) -> None:
    path = save(filled(store, tmp_path), tmp_path / "filled.csv")
    result = apply_review_csv(path, store)
    assert result.ok, result.problems
    assert (result.applied, result.skipped, result.unchanged) == (3, 2, 0)
    assert result.encoding == "utf-8"

    found = store.decisions()
    assert set(found) == {
        (ASHBY, "rhi_offered"),
        (ASHBY, "rhi_completed"),
        (BRINDLE, "rhi_within_72h"),
    }
    accepted = found[(ASHBY, "rhi_offered")]
    assert (accepted.action, accepted.value, accepted.reviewer) == ("accept", None, "sam")
    corrected = found[(ASHBY, "rhi_completed")]
    assert (corrected.action, corrected.value, corrected.unit, corrected.status) == (
        "correct",
        642,
        "count",
        "answered",
    )
    assert corrected.note == "page 1 says 642"
    assert corrected.letter_path == "letters/ashby.txt"
    status = found[(BRINDLE, "rhi_within_72h")]
    assert (status.action, status.status, status.reviewer) == ("set_status", "not_held", "jo")
    assert len({d.decided_at for d in found.values()}) == 1  # stamped with the import's time

    rows = store.current_rows()
    wide = {r["sha256"]: r for r in wide_records(rows, found)}
    assert wide[ASHBY]["rhi_completed"] == 642
    assert wide[ASHBY]["rhi_completed_review"] == "corrected"
    assert wide[ASHBY]["rhi_offered_review"] == "accepted"
    assert wide[BRINDLE]["rhi_within_72h"] is None
    assert wide[BRINDLE]["rhi_within_72h_status"] == "not_held"
    assert wide[BRINDLE]["provider_review"] == "none"
    long = {(r["sha256"], r["field"]): r for r in long_records(rows, found)}
    assert long[(ASHBY, "rhi_completed")]["value"] == 642
    assert long[(ASHBY, "rhi_completed")]["extracted_value"] == 640
    assert long[(BRINDLE, "rhi_within_72h")]["extracted_value"] == 150

    again = apply_review_csv(path, store)  # the same sheet twice changes nothing
    assert (again.applied, again.unchanged) == (0, 3)
    assert store.counts()["review_decisions"] == 3


def test_decision_words_are_read_leniently(store: Store, tmp_path: Path) -> None:
    sheet = exported(store, tmp_path / "review.csv")
    fill(sheet, ASHBY, "rhi_offered", decision=" Accepted ", new_value="")
    fill(sheet, ASHBY, "rhi_completed", decision="CORRECTED", new_value="1,253")
    fill(sheet, BRINDLE, "rhi_within_72h", decision="set_status", new_status="Exempt")
    fill(sheet, BRINDLE, "provider", decision="Correct", new_value="Local Authority Team")
    decisions, problems = read_review_csv(
        save(sheet, tmp_path / "words.csv"), store, default_reviewer="kim"
    )
    assert problems == []
    got = {d.field: (d.action, d.value, d.status, d.reviewer) for d in decisions}
    assert got == {
        "rhi_offered": ("accept", None, None, "kim"),
        "rhi_completed": ("correct", 1253, "answered", "kim"),
        "rhi_within_72h": ("set_status", None, "exempt", "kim"),
        "provider": ("correct", ["local_authority_team"], "answered", "kim"),
    }


def test_a_row_reviewer_wins_over_the_default(store: Store, tmp_path: Path) -> None:
    sheet = exported(store, tmp_path / "review.csv")
    fill(sheet, ASHBY, "rhi_offered", decision="accept", reviewer="sam")
    fill(sheet, ASHBY, "rhi_completed", decision="accept")
    decisions, problems = read_review_csv(
        save(sheet, tmp_path / "r.csv"), store, default_reviewer="kim"
    )
    assert problems == []
    assert {d.field: d.reviewer for d in decisions} == {
        "rhi_offered": "sam",
        "rhi_completed": "kim",
    }


def test_one_bad_row_stops_the_whole_sheet(store: Store, tmp_path: Path) -> None:
    sheet = filled(store, tmp_path)
    fill(sheet, BRINDLE, "provider", decision="correct", new_value="a council team", reviewer="jo")
    result = apply_review_csv(save(sheet, tmp_path / "bad.csv"), store)
    assert not result.ok
    assert result.applied == 0 and result.decisions == []
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.line == 6  # header, then the provider row is the fifth
    assert "a_council_team is not an option of provider" in problem.message
    assert str(problem).startswith("line 6: new_value: ")
    assert store.decisions() == {}


def test_every_problem_is_listed_with_its_line(store: Store, tmp_path: Path) -> None:
    sheet = exported(store, tmp_path / "review.csv")
    template = dict(sheet[0])

    def extra(**cells: str) -> None:
        sheet.append({**template, "decision": "accept", "reviewer": "sam", **cells})

    fill(sheet, ASHBY, "rhi_offered", decision="correct", new_value="120%", reviewer="sam")  # 2
    fill(sheet, ASHBY, "rhi_completed", decision="correct", new_value="-5", reviewer="sam")  # 3
    fill(sheet, ASHBY, "comments", decision="maybe", reviewer="sam")  # 4
    fill(sheet, BRINDLE, "rhi_within_72h", decision="status", new_status="lost")  # 5
    fill(sheet, BRINDLE, "provider", decision="", new_value="local_authority_team")  # 6
    extra(field="rhi_declined")  # 7: not in that letter's extraction
    extra(field="no_such_field")  # 8
    extra(letter_sha256="f" * 64)  # 9
    extra(field="rhi_offered", decision="status", new_status="refused")  # 10: differs from 2
    extra(field="rhi_accepted", decision="correct", new_value="")  # 11
    extra(field="lac_total", decision="accept", new_value="642", reviewer="")  # 12: two
    extra(field="missing_incidents")  # 13: an unflagged field of the letter is fine
    decisions, problems = read_review_csv(save(sheet, tmp_path / "many.csv"), store)
    found = lines(problems)
    expected = [
        (2, "120% is over 100%"),
        (3, "cannot be negative"),
        (4, "decision 'maybe' is not one of accept, correct, status"),
        (5, "no reviewer"),
        (5, "'lost' is not a status"),
        (6, "new_value is filled in but decision is empty"),
        (7, "has no field rhi_declined"),
        (8, "unknown field 'no_such_field'"),
        (9, "is not among the letters of this run store"),
        (10, "is decided differently on line 2"),
        (11, "correct needs a new_value"),
        (12, "no reviewer"),
        (12, "accept keeps the extracted value"),
    ]
    assert len(found) == len(expected), "\n".join(map(str, found))
    for (line, message), (want_line, want) in zip(found, expected, strict=True):
        assert line == want_line and want in message, (line, message)
    assert [d.field for d in decisions] == ["missing_incidents"]
    assert apply_review_csv(tmp_path / "many.csv", store).applied == 0
    assert store.decisions() == {}


def test_the_same_decision_twice_is_applied_once(store: Store, tmp_path: Path) -> None:
    sheet = exported(store, tmp_path / "review.csv")
    fill(sheet, ASHBY, "rhi_offered", decision="accept", reviewer="sam")
    sheet.append(dict(sheet[0]))
    result = apply_review_csv(save(sheet, tmp_path / "twice.csv"), store)
    assert result.ok and result.applied == 1


def test_missing_columns_are_one_problem_on_line_one(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("sha256,field,value\nabc,rhi_offered,1\n", encoding="utf-8")
    decisions, problems = read_review_csv(path, store)
    assert decisions == []
    assert lines(problems) == [
        (1, "the header has no letter_sha256, decision column (is this a review sheet?)")
    ]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert lines(read_review_csv(empty, store)[1]) == [(1, "the file is empty: no header row")]


def test_line_numbers_count_line_breaks_inside_cells(store: Store, tmp_path: Path) -> None:
    sheet = exported(store, tmp_path / "review.csv")
    fill(sheet, ASHBY, "rhi_offered", decision="accept", reviewer="sam", note="two\nlines")
    fill(sheet, ASHBY, "rhi_completed", decision="correct", new_value="six", reviewer="sam")
    _, problems = read_review_csv(save(sheet, tmp_path / "breaks.csv"), store)
    assert [(p.line, p.row) for p in problems] == [(4, 3)]
    assert str(problems[0]).startswith("line 4 (spreadsheet row 3): new_value: 'six' is not")


def test_a_sheet_saved_back_as_windows_1252_is_read(store: Store, tmp_path: Path) -> None:
    sheet = filled(store, tmp_path)
    fill(sheet, ASHBY, "rhi_completed", note="café: £642 – see page 1")
    for row in sheet:  # the letters' own characters Windows-1252 has no room for
        row["context"] = row["context"].replace("…", "...")
    path = save(sheet, tmp_path / "excel.csv", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    result = apply_review_csv(path, store)
    assert result.ok, result.problems
    assert result.encoding == "cp1252" and result.applied == 3
    assert store.decisions()[(ASHBY, "rhi_completed")].note == "café: £642 – see page 1"


def test_semicolons_and_utf16_from_other_spreadsheets_are_read(
    store: Store, tmp_path: Path
) -> None:
    sheet = filled(store, tmp_path)
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(sheet[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(sheet)
    semicolons = tmp_path / "semicolons.csv"
    semicolons.write_text(text.getvalue(), encoding="utf-8")
    assert len(read_review_csv(semicolons, store)[0]) == 3
    tabs = tmp_path / "unicode.txt"
    tabs.write_text(text.getvalue().replace(";", "\t"), encoding="utf-16")
    decisions, problems = read_review_csv(tabs, store)
    assert problems == [] and len(decisions) == 3


def test_a_file_in_no_known_encoding_is_one_problem(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "garbled.csv"
    path.write_bytes(b"letter_sha256,field,decision\n" + b"x,y,\x81\x8d\n")
    decisions, problems = read_review_csv(path, store)
    assert decisions == []
    assert len(problems) == 1 and problems[0].line == 2
    assert "neither UTF-8 nor Windows-1252" in problems[0].message


def test_decisions_are_written_all_or_none(store: Store) -> None:
    good = ReviewDecision(
        letter_sha256=ASHBY,
        letter_path="letters/ashby.txt",
        field="rhi_offered",
        action="accept",
        reviewer="sam",
        decided_at="2026-01-01T00:00:00Z",
    )
    bad = good.model_copy(update={"action": "delete"})  # the table's CHECK refuses it
    with pytest.raises(StoreError):
        add_decisions(store, [good, bad])
    assert store.decisions() == {}
    assert add_decisions(store, [good, good.model_copy(update={"field": "rhi_completed"})]) == 2
    assert len(store.decisions()) == 2


def test_empty_rows_are_skipped_not_problems(store: Store, tmp_path: Path) -> None:
    sheet = exported(store, tmp_path / "review.csv")
    sheet.append(dict.fromkeys(sheet[0], ""))
    fill(sheet, ASHBY, "rhi_offered", reviewer="sam", note="looked, not sure yet")
    result = apply_review_csv(save(sheet, tmp_path / "blank.csv"), store)
    assert result.ok and (result.applied, result.skipped) == (0, 5)
