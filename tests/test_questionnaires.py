"""Questionnaires as data: the shipped files, checking a file, a user's own questionnaire
extracted with no code written for it, forcing one, and what a changed file changes."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm.cli import app
from rhi_llm.core.contracts import Backend
from rhi_llm.core.questionnaires import (
    SHIPPED,
    check_file,
    fields_for,
    installed,
    load_file,
    refresh,
)
from rhi_llm.core.settings import build_settings, using
from rhi_llm.extract.rules import RulesBackend

from conftest import EVAL

runner = CliRunner()
COMMISSIONING = EVAL / "commissioning"

FOURTH = (Path(__file__).parent / "data" / "rhi-foster-2026.toml").read_text(encoding="utf-8")

FOURTH_LETTER = """\
Eastmere Council, Children's Services, 4 Quay Street, Eastmere EM3 8RR

Our reference: EM/FOI/26/0419                                   Date: 12 May 2026

Dear Requester

Thank you for your request about children in foster care. Our answers are below.

1. How many children went missing from home or care in 2025/26?
348 children went missing.

2. How many of them were living with foster carers?
61 children were living with foster carers when they went missing.

3. Was every fostered child who went missing offered a return interview?
Yes, each of them was offered an interview within 72 hours.

Yours sincerely

Information Team
"""


def test_the_shipped_questionnaires_have_no_problems() -> None:
    shipped = sorted(p for p in SHIPPED.glob("*.toml") if p.name != "fields.toml")
    assert [p.stem for p in shipped] == ["rhi-2018", "rhi-2024", "rhi-commissioning-2025"]
    for path in shipped:
        assert check_file(path) == [], path
    assert {q.id for q in installed()} >= {p.stem for p in shipped}
    assert len(fields_for("rhi-2018")) == 30 and len(fields_for("rhi-2024")) == 12


RULE = 'at_most = [["foster_missing_children", "missing_children"]]'


def test_every_kind_of_problem_is_one_line_with_its_place(tmp_path: Path) -> None:
    assert RULE in FOURTH
    bad = tmp_path / "bad.toml"
    bad.write_text(
        FOURTH.replace('kind = "count", counts = "children"', 'kind = "tally", counts = "children"')
        .replace('"missing_children",\n    {', '"missing_children",\n    "no_such_field",\n    {')
        .replace(RULE, 'at_most = [["foster_rhi_offered_all", "ghost"]]')
        .replace('key = "3"', 'key = "2"')
        .replace('{ value = "no", words', '{ value = "yes", words'),
        encoding="utf-8",
    )  # fmt: skip
    problems = [str(p) for p in check_file(bad)]
    assert all(p.startswith(f"{bad}: ") for p in problems)
    expected = [
        "fields[2] (foster_missing_children): value error, kind 'tally' is not one of",
        "fields[1]: unknown field 'no_such_field'",
        "fields[3] (foster_rhi_offered_all): foster_rhi_offered_all lists an option twice",
        "questions[1] (2): duplicate key '2'",
        "questions[2] (2): duplicate key '2'",
        "at_most: ['foster_rhi_offered_all', 'ghost'] names foster_rhi_offered_all",
        "at_most: ['foster_rhi_offered_all', 'ghost'] names ghost",
    ]
    for words in expected:
        assert sum(words in p for p in problems) == 1, (words, problems)
    result = runner.invoke(app, ["questionnaire", "check", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == len(problems) + 1 and all(line.startswith("error ") for line in lines[:-1])
    assert "Traceback" not in result.output


def _fourth(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "rhi-foster-2026.toml").write_text(FOURTH, encoding="utf-8")
    letter = tmp_path / "letters" / "eastmere-2026.txt"
    letter.parent.mkdir()
    letter.write_text(FOURTH_LETTER, encoding="utf-8")
    return folder, letter


def test_a_fourth_questionnaire_is_extracted_with_no_code_written_for_it(tmp_path: Path) -> None:
    folder, letter = _fourth(tmp_path)
    listed = runner.invoke(app, ["questionnaires", "--questionnaires", str(folder), "--json"])
    assert listed.exit_code == 0, listed.output
    found = {q["id"]: q for q in json.loads(listed.stdout)}
    assert found["rhi-foster-2026"]["source"] == str((folder / "rhi-foster-2026.toml").resolve())
    assert found["rhi-2024"]["source"] == "shipped"

    db = tmp_path / "run.db"
    common = ["--questionnaires", str(folder), "--db", str(db)]
    result = runner.invoke(app, ["extract", str(letter), "--backend", "rules", *common])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["questionnaire"] == "rhi-foster-2026" and row["questionnaire_hash"]
    assert row["output_version"] == "2"
    fields = row["fields"]
    assert (fields["missing_children"]["value"], fields["missing_children"]["verdict"]) == (
        348,
        "ok",
    )
    assert fields["foster_missing_children"]["value"] == 61
    assert fields["foster_missing_children"]["verdict"] == "ok"
    assert fields["foster_rhi_offered_all"]["value"] == ["yes"]

    exported = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", "-o", str(exported), *common])
    assert result.exit_code == 0, result.output
    with exported.open(encoding="utf-8-sig") as handle:
        [wide] = list(csv.DictReader(handle))
    assert wide["foster_missing_children"] == "61"
    summary = runner.invoke(app, ["summary", "--json", *common])
    assert summary.exit_code == 0, summary.output
    [council] = json.loads(summary.stdout)["councils"]
    assert council["rates"]["fostered_share"]["percent"] == 17.5  # 61 / 348


def test_forcing_a_questionnaire(tmp_path: Path) -> None:
    folder, letter = _fourth(tmp_path)
    forced = runner.invoke(
        app,
        ["load", str(letter), "--questionnaire", str(folder / "rhi-foster-2026.toml"), "--json"],
    )
    assert forced.exit_code == 0, forced.output
    assert json.loads(forced.stdout)[0]["questionnaire"] == "rhi-foster-2026"
    wrong = runner.invoke(app, ["load", str(letter), "--questionnaire", "rhi-1999"])
    assert wrong.exit_code == 2
    assert "no questionnaire 'rhi-1999' is installed" in wrong.stderr
    assert "Traceback" not in wrong.output


def test_a_changed_questionnaire_file_changes_the_keys(tmp_path: Path) -> None:
    folder, _ = _fourth(tmp_path)
    backend: Backend = RulesBackend()
    settings = build_settings(questionnaires=folder, environ={})
    with using(settings):
        before = backend.key_for_sha("0" * 64)
        assert load_file(folder / "rhi-foster-2026.toml").hash
        path = folder / "rhi-foster-2026.toml"
        path.write_text(FOURTH.replace("living with foster carers", "fostered"), encoding="utf-8")
        refresh()
        assert backend.key_for_sha("0" * 64) != before


def test_the_third_questionnaire_goes_through_extract_export_summary_and_review(
    tmp_path: Path,
) -> None:
    letters = tmp_path / "letters"
    shutil.copytree(COMMISSIONING / "letters", letters)
    db = ["--db", str(tmp_path / "run.db")]
    result = runner.invoke(app, ["extract", str(letters), "--backend", "rules", *db])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["questionnaire"] for r in rows} == {"rhi-commissioning-2025"}
    blackfen = next(r for r in rows if r["letter"]["path"].endswith("blackfen-2025.txt"))
    assert blackfen["fields"]["rhi_exploitation_identified"]["value"] == 221
    summary = runner.invoke(app, ["summary", "--json", *db])
    assert summary.exit_code == 0, summary.output
    rates = json.loads(summary.stdout)["definitions"]["rates"]
    assert rates == {
        "completed": "rhi_completed / rhi_offered",
        "exploitation": "rhi_exploitation_identified / rhi_completed",
    }
    sheet = tmp_path / "review.csv"
    result = runner.invoke(app, ["review", "export", "-o", str(sheet), *db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--long", "-o", str(tmp_path / "long.csv"), *db])
    assert result.exit_code == 0, result.output
    assert "rhi_info_shared" in (tmp_path / "long.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("name", ["rhi-2018", "rhi-2024"])
def test_the_shipped_files_say_what_the_old_tables_said(name: str) -> None:
    """A few facts of the two questionnaires, as the design states them."""
    spec = load_file(SHIPPED / f"{name}.toml")
    assert spec.period.label == {"rhi-2018": "2017/18", "rhi-2024": "2023/24"}[name]
    offered = {"rhi-2018": "5a", "rhi-2024": "6"}[name]
    assert [q.key for q in spec.questions if "rhi_offered" in q.fields] == [offered]
    assert ("rhi_within_72h", "rhi_completed") in spec.at_most


def test_the_third_questionnaires_authored_cassettes_flag_every_deliberate_mistake() -> None:
    from rhi_llm.evaluate import evaluate_folder
    from rhi_llm.extract.cassettes import read_provenance
    from rhi_llm.extract.llm import LlmBackend

    cassettes = EVAL.parent / "cassettes" / "commissioning"
    result = evaluate_folder(
        COMMISSIONING / "gold", LlmBackend.replaying(cassettes), COMMISSIONING / "letters"
    )
    assert result.metric("silent_error_rate") == 0.0
    mistakes = {
        (letter.name, m.field)
        for letter in sorted((COMMISSIONING / "letters").iterdir())
        if (told := read_provenance(cassettes, letter.name)) is not None
        for m in told.mistakes
    }
    wrong = {(Path(s.letter).name, s.field) for s in result.wrong()}
    assert len(mistakes) == 3 and wrong == mistakes
    assert all(s.flagged for s in result.wrong())
