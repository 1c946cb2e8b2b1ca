"""`rhi-llm bench reliability`: bad inputs, endpoint faults and injected instructions in one
table, at a small count here (the full count is the benchmark's; see benchmarks/README.md)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rhi_llm.cli import app

runner = CliRunner()


@pytest.mark.slow
def test_one_command_measures_all_three_and_names_a_missed_target() -> None:
    result = runner.invoke(
        app,
        ["bench", "reliability", "--bad-files", "30", "--good", "3", "--fault-letters", "12",
         "--json"],
    )  # fmt: skip
    figures = json.loads(result.stdout)
    assert set(figures["parts"]) == {
        "bad_inputs",
        "faults",
        "injection",
        "secrets",
        "store_damage",
        "exports",
        "untrusted",
    }
    rows = {(row["part"], row["figure"]): row for row in figures["rows"]}
    # 30 bad files is below the 200 the benchmark asks for: that target is missed, and said
    assert rows[("bad inputs", "bad files tried")] == {
        "part": "bad inputs",
        "figure": "bad files tried",
        "value": 30,
        "target": ">= 200",
        "met": False,
    }
    assert result.exit_code == 1
    missed = {m.split(" = ")[0] for m in figures["missed"]}
    assert "bad inputs: bad files tried" in missed
    # everything that does not depend on the count holds
    for key in (
        ("bad inputs", "crashes"),
        ("bad inputs", "hangs (limit did not hold)"),
        ("bad inputs", "lost"),
        ("bad inputs", "good letters stored"),
        ("endpoint faults", "lost"),
        ("endpoint faults", "extracted or failed with reason"),
        ("endpoint faults", "over the retry budget"),
        ("injected instructions", "llm: unflagged"),
        ("injected instructions", "verifier sweep: flagged"),
        ("secrets", "secrets found (files, store, printed)"),
        ("secrets", "letters / requests / echoes of the key"),
        ("damaged store", "tracebacks"),
        ("damaged store", "store check finds the damage"),
        ("exports", "cells a spreadsheet runs as formulas"),
        ("untrusted text and identity", "invented_sentence: unflagged"),
        ("untrusted text and identity", "oversized_text: unflagged"),
        ("untrusted text and identity", "foreign_council: unflagged"),
        ("untrusted text and identity", "one identity: wrongly merged"),
    ):
        assert rows[key]["met"] is True, rows[key]
    assert figures["parts"]["bad_inputs"]["tried"] == 30
    assert figures["parts"]["faults"]["letters"] == 12
    assert figures["parts"]["injection"]["silent"] == 0
