"""The extract command: folders and files, formats, failures, the default backend, and the
`both` backend's disagreement flags."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.core.settings import build_settings
from rhi_llm.core.survey import answer_value
from rhi_llm.extract import default_backend, get_backend
from rhi_llm.extract.both import BothBackend
from rhi_llm.extract.rules import extract_rules
from rhi_llm.letters import load
from rhi_llm.pipeline import process_letter
from rhi_llm.reading import read

from conftest import CASSETTES, LETTERS

runner = CliRunner()


def test_extract_a_folder_to_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "rows.jsonl"
    result = runner.invoke(
        cli.app,
        ["extract", str(LETTERS), "-o", str(out)],
        env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""},
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    letters = sorted(p.name for p in LETTERS.iterdir() if p.is_file())
    assert sorted(Path(r["letter"]["path"]).name for r in rows) == letters
    westmarch = next(r for r in rows if r["letter"]["path"].endswith("westmarch-2024.txt"))
    assert westmarch["questionnaire"] == "rhi-2024"
    assert westmarch["fields"]["missing_incidents"]["value"] == 641
    assert westmarch["fields"]["missing_incidents"]["span"] is not None
    assert westmarch["provenance"]["backend"] == "rules"
    assert "backend: rules (offline; set OPENAI_API_KEY or OPENAI_BASE_URL" in result.stderr


def test_csv_is_one_row_per_letter_with_value_status_and_flags(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    result = runner.invoke(
        cli.app,
        [
            "extract",
            str(LETTERS / "westmarch-2024.txt"),
            str(LETTERS / "hollinford-2024.pdf"),
            "--format",
            "csv",
            "-o",
            str(out),
            "--backend",
            "rules",
        ],
    )
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1]["rhi_offered"] == "94.2"
    assert rows[1]["rhi_offered_unit"] == "percent of missing_incidents"
    assert rows[1]["rhi_offered_status"] == "answered"
    assert rows[0]["rhi_within_72h_status"] == "not_held"
    assert rows[0]["rhi_within_72h"] == ""


def test_a_bad_letter_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text((LETTERS / "westmarch-2024.txt").read_text())
    result = runner.invoke(cli.app, ["extract", str(tmp_path), "--backend", "rules"])
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["letter"]["path"].endswith("good.txt")


def test_parallel_rules_give_the_same_rows(tmp_path: Path) -> None:
    one = runner.invoke(cli.app, ["extract", str(LETTERS), "--backend", "rules"])
    two = runner.invoke(cli.app, ["extract", str(LETTERS), "--backend", "rules", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


def test_default_backend_follows_the_environment() -> None:
    assert default_backend(build_settings(environ={}))[0] == "rules"
    name, why = default_backend(build_settings(environ={"OPENAI_API_KEY": "sk-test"}))
    assert name == "llm" and "OPENAI_API_KEY is set" in why
    name, why = default_backend(build_settings(environ={"OPENAI_BASE_URL": "http://x/v1"}))
    assert name == "llm" and "OPENAI_BASE_URL" in why


def test_unknown_backend_is_a_clear_error() -> None:
    result = runner.invoke(cli.app, ["extract", str(LETTERS), "--backend", "magic"])
    assert result.exit_code == 2
    assert "unknown backend 'magic'" in result.stderr


def test_both_backend_flags_every_disagreement() -> None:
    """The model's answers replayed from an authored cassette whose missing_incidents carries a
    deliberate digit typo: the rules read the letter's own figure, and the two disagree."""
    backend = BothBackend.replaying(CASSETTES / "authored")
    letter = LETTERS / "ashcombe-2018.md"
    outcome = asyncio.run(process_letter(letter, backend))
    assert outcome.row is not None
    field = outcome.row.fields["missing_incidents"]
    rules_value = answer_value(extract_rules(read(load(letter))).answer("missing_incidents"))
    assert field.value != rules_value
    assert field.verdict == "flagged"
    assert any(
        f.code == "backends_disagree"
        and f"{field.value:,}" in f.message
        and f"{rules_value:,}" in f.message
        for f in field.flags
    )
    assert field.alternatives == {"rules": rules_value}
    agreed = outcome.row.fields["missing_children"]
    assert not any(f.code == "backends_disagree" for f in agreed.flags)
    assert outcome.row.provenance.backend == "both"
    assert outcome.calls, "the model's requests are recorded in both mode too"


def test_get_backend_names() -> None:
    assert get_backend("rules").name == "rules"
    with pytest.raises(Exception, match="unknown backend"):
        get_backend("nope")


def test_a_folder_run_lists_what_it_skips_and_counts_it(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "reply.txt").write_text((LETTERS / "westmarch-2024.txt").read_text())
    (folder / "budget.numbers").write_bytes(b"not a format rhi-llm reads")
    (folder / "~$reply.docx").write_bytes(b"lock")
    result = runner.invoke(
        cli.app,
        ["extract", str(folder), "-o", str(tmp_path / "rows.jsonl")],
        env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""},
    )
    assert result.exit_code == 0, result.output
    assert f"skipped {folder / 'budget.numbers'}: unsupported format '.numbers'" in result.stderr
    assert "~$reply.docx: an Office lock file" in result.stderr
    assert re.search(r"not letters, skipped\s*│\s*2\s*│", result.stderr)
    assert len((tmp_path / "rows.jsonl").read_text().splitlines()) == 1
