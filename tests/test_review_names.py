"""Who decided, and their note: a reviewer's name with a control character (NUL, an escape
sequence, a line break, a direction override) or with nothing in it is refused in one line, from
every way a decision is made; a note may have line breaks and tabs but no other control."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.core.records import LetterRef, OutputField, OutputRow, Provenance
from rhi_llm.core.types import Flag
from rhi_llm.review import (
    ReviewInputError,
    make_decision,
    review_items,
    review_note,
    reviewer_name,
)
from rhi_llm.review_csv import export_review_csv
from rhi_llm.store import open_store

runner = CliRunner()
SHA = "d" * 64
BAD_NAMES = ("sam\x00", "\x1b[2Jsam", "sam\nkim", "sam\tkim", "sam\u202ekim", "sam\x85kim", "\x7f")
BAD_NOTES = ("\x00", "see page\x002", "\x1b]0;owned\x07", "a\x0bb", "\x7f")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A run store with one flagged field to decide."""
    row = OutputRow(
        letter=LetterRef(path="letters/dunmore.txt", sha256=SHA, format="txt", pages=1),
        questionnaire="rhi-2024",
        council="Dunmore Council",
        fields={
            "rhi_completed": OutputField(
                value=640,
                unit="count",
                status="answered",
                verdict="flagged",
                flags=[Flag(code="check", message="the figures disagree")],
            )
        },
        provenance=Provenance(backend="rules", schema_version="1"),
    )
    path = tmp_path / "run.db"
    with open_store(path) as store:
        store.record_row(row, "k", [])
    return path


def test_names_with_control_characters_or_nothing_are_refused() -> None:
    for name in (*BAD_NAMES, "", "   ", None):
        with pytest.raises(ReviewInputError) as caught:
            reviewer_name(name)
        assert "\n" not in str(caught.value)
    with pytest.raises(ReviewInputError, match=r"control character \(U\+0000\)"):
        reviewer_name("sam\x00")
    for name in ("Sam O'Neil", "Zoë Ndiaye", "@sam", "=jo", "李 明"):
        assert reviewer_name(f"  {name} ") == name


def test_notes_keep_lines_and_tabs_but_no_other_control() -> None:
    for note in BAD_NOTES:
        with pytest.raises(ReviewInputError, match="control character"):
            review_note(note)
    assert review_note("page 2 says 642\n\tsee also page 3\r\n") == (
        "page 2 says 642\n\tsee also page 3\r\n"
    )
    assert review_note("   ") is None and review_note(None) is None


def test_no_decision_is_made_with_a_bad_name_or_note(db: Path) -> None:
    with open_store(db) as store:
        item = review_items(store)[0]
    for name in BAD_NAMES:
        with pytest.raises(ReviewInputError):
            make_decision(item, "accept", name)
    for note in BAD_NOTES:
        with pytest.raises(ReviewInputError):
            make_decision(item, "accept", "sam", note=note)
    assert make_decision(item, "accept", " sam ", note="line\nline").reviewer == "sam"


@pytest.mark.parametrize("name", ["sam\x00", "\x1b[31msam", "a\nb", "   ", ""])
def test_the_terminal_review_refuses_the_name_in_one_line(db: Path, name: str) -> None:
    result = runner.invoke(cli.app, ["review", "--db", str(db), "--reviewer", name], input="a\n")
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "reviewer's name" in lines[0], result.stderr
    assert "\x00" not in result.output and "\x1b[31m" not in result.output
    with open_store(db) as store:
        assert store.decisions() == {}


def test_a_sheet_import_refuses_a_bad_default_name(db: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "review.csv"
    with open_store(db) as store:
        export_review_csv(store, sheet)
    result = runner.invoke(
        cli.app, ["review", "import", str(sheet), "--db", str(db), "--reviewer", "x\x1by"]
    )
    assert result.exit_code == 2
    assert "control character (U+001B)" in result.stderr


def filled_sheet(db: Path, tmp_path: Path, **cells: str) -> Path:
    sheet = tmp_path / "review.csv"
    with open_store(db) as store:
        export_review_csv(store, sheet)
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0].update(decision="accept", **cells)
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return sheet


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        ({"reviewer": "sa\x00m"}, "reviewer's name holds a control character (U+0000)"),
        ({"reviewer": "sam", "note": "bad\x00note"}, "note holds a control character (U+0000)"),
        ({"reviewer": "sam", "note": "\x1b[2J"}, "note holds a control character (U+001B)"),
    ],
)
def test_a_sheet_row_with_a_control_character_is_a_problem_on_its_line(
    db: Path, tmp_path: Path, cells: dict[str, str], said: str
) -> None:
    sheet = filled_sheet(db, tmp_path, **cells)
    result = runner.invoke(cli.app, ["review", "import", str(sheet), "--db", str(db)])
    assert result.exit_code == 1
    assert f"line 2: the {said}" in result.stderr, result.stderr
    assert "nothing was recorded" in result.stderr
    with open_store(db) as store:
        assert store.decisions() == {}


def test_a_note_with_lines_and_tabs_is_stored_as_written(db: Path, tmp_path: Path) -> None:
    sheet = filled_sheet(db, tmp_path, reviewer="sam", note="page 2:\n\t642, not 640")
    result = runner.invoke(cli.app, ["review", "import", str(sheet), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        decided = store.decisions()[(SHA, "rhi_completed")]
    assert (decided.reviewer, decided.note) == ("sam", "page 2:\n\t642, not 640")
