"""The extract command: folders and files, formats, failures, the default backend, and the
`both` backend's disagreement flags (with a fake model until the real one is wired)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.extract import BothBackend, default_backend, get_backend
from rhi_llm.extract.rules import RulesBackend, extract_rules
from rhi_llm.pipeline import Extraction, process_letter, provenance
from rhi_llm.reading import LetterReading
from rhi_llm.settings import build_settings

from conftest import LETTERS

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
    assert "backend: rules (no model endpoint configured" in result.stderr


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


class FakeModel:
    """A model that answers like the rules, except for the fields it is told to change."""

    name = "llm"

    def __init__(self, changes: dict[str, dict[str, object]]) -> None:
        self.changes = changes

    async def extract(self, reading: LetterReading) -> Extraction:
        response = extract_rules(reading)
        for field_id, update in self.changes.items():
            answer = response.answer(field_id)
            assert answer is not None
            response = response.model_copy(update={field_id: answer.model_copy(update=update)})
        return Extraction(response=response, provenance=provenance("llm"))


def test_both_backend_flags_every_disagreement() -> None:
    backend = BothBackend(FakeModel({"missing_incidents": {"value": 614.0}}), RulesBackend())
    outcome = asyncio.run(process_letter(LETTERS / "westmarch-2024.txt", backend))
    assert outcome.row is not None
    field = outcome.row.fields["missing_incidents"]
    assert field.verdict == "flagged"
    assert any(
        f.code == "backends_disagree" and "614" in f.message and "641" in f.message
        for f in field.flags
    )
    assert field.alternatives == {"rules": 641}
    agreed = outcome.row.fields["missing_children"]
    assert not any(f.code == "backends_disagree" for f in agreed.flags)
    assert outcome.row.provenance.backend == "both"


def test_get_backend_names() -> None:
    assert get_backend("rules").name == "rules"
    with pytest.raises(Exception, match="unknown backend"):
        get_backend("nope")
