"""`extract --db`, `export` and `summary` from the command line, as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.core.records import ReviewDecision
from rhi_llm.letters import find_letters
from rhi_llm.store import open_store

from conftest import LETTERS

runner = CliRunner()
NO_MODEL = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}


def extract(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli.app, ["extract", *args], env=NO_MODEL)
    return result.exit_code, result.stdout, result.stderr


def test_a_second_run_takes_every_letter_from_the_store(tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    code, first, errors = extract(str(LETTERS), "--db", str(db))
    assert code == 0, errors
    code, second, errors = extract(str(LETTERS), "--db", str(db))
    assert code == 0, errors
    letters = len(find_letters([LETTERS]))
    assert "already in the store (no call)" in errors
    line = next(x for x in errors.splitlines() if "already in the store" in x)
    assert line.split("│")[-2].strip() == str(letters)
    assert first == second  # the same rows, now read back from the store
    assert len(first.splitlines()) == letters


def test_quiet_prints_rows_and_errors_only(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    shutil.copy(LETTERS / "westmarch-2024.txt", folder)
    (folder / "empty.txt").write_text("")
    code, rows, errors = extract(str(folder), "--db", str(tmp_path / "run.db"), "--quiet")
    assert code == 1
    assert len(rows.splitlines()) == 1
    assert "empty.txt" in errors and "Batch summary" not in errors
    with open_store(tmp_path / "run.db") as store:
        assert [Path(p).name for p, _, _ in store.failures()] == ["empty.txt"]


def test_an_unusable_store_path_stops_before_any_work(tmp_path: Path) -> None:
    code, _, errors = extract(str(LETTERS), "--db", str(tmp_path))
    assert code == 2
    assert "cannot open the run store" in errors


def test_exports_open_in_pandas_with_reviewed_values(tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    assert extract(str(LETTERS / "westmarch-2024.txt"), "--db", str(db))[0] == 0
    with open_store(db) as store:
        row = store.current_rows()[0]
        store.add_decision(
            ReviewDecision(
                letter_sha256=row.letter.sha256,
                letter_path=row.letter.path,
                field="missing_incidents",
                action="correct",
                value=642,
                reviewer="test",
                decided_at="2026-11-21T10:00:00Z",
            )
        )
    extracted = row.fields["missing_incidents"].value
    for fmt in ("csv", "jsonl", "xlsx"):
        wide, long = tmp_path / f"wide.{fmt}", tmp_path / f"long.{fmt}"
        for out, extra in ((wide, []), (long, ["--long"])):
            args = ["export", "--db", str(db), "--format", fmt, "-o", str(out), *extra]
            result = runner.invoke(cli.app, args)
            assert result.exit_code == 0, result.output
        if fmt == "csv":
            frame, fields = pd.read_csv(wide), pd.read_csv(long)
        elif fmt == "xlsx":
            frame, fields = pd.read_excel(wide), pd.read_excel(long)
        else:
            frame, fields = pd.read_json(wide, lines=True), pd.read_json(long, lines=True)
        if fmt == "jsonl":
            assert frame.loc[0, "published"]["missing_incidents"]["value"] == 642
        else:
            assert frame.loc[0, "missing_incidents"] == 642
            assert frame.loc[0, "missing_incidents_review"] == "corrected"
        one = fields[fields["field"] == "missing_incidents"].iloc[0]
        assert float(one["value"]) == 642
        assert float(one["extracted_value"]) == extracted


def test_export_and_summary_of_an_empty_store_say_so(tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    open_store(db).close()  # a store with nothing extracted (a missing one is another error)
    for args in (["export", "-o", str(tmp_path / "x.csv")], ["summary"]):
        result = runner.invoke(cli.app, [*args, "--db", str(db)])
        assert result.exit_code == 1
        assert "no extracted letters" in result.stderr


@pytest.mark.slow
def test_summary_prints_json_and_writes_a_page(tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    assert extract(str(LETTERS / "westmarch-2024.txt"), "--db", str(db))[0] == 0
    page = tmp_path / "summary.html"
    result = runner.invoke(cli.app, ["summary", "--db", str(db), "--json", "--html", str(page)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["letters"] == 1
    rates = summary["councils"][0]["rates"]
    assert set(rates) == {"offered", "completed", "within_72h"}
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<script" not in html
