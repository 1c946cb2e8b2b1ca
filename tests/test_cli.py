"""The command line: help for every command, --version, and `load` output and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from benchmarks.cli import bench_app
from rhi_llm import __version__, cli
from rhi_llm.cli import app

from conftest import seed_path

runner = CliRunner()


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under a (typer-vendored) click group."""
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if hasattr(command, "commands"):
            found += _commands(command, (*prefix, name))
    return found


def test_every_command_has_help_text() -> None:
    root: Any = typer.main.get_command(app)
    bench: Any = typer.main.get_command(bench_app)
    commands = _commands(root) + [("bench", *path) for path in _commands(bench)]
    assert ("load",) in commands and ("bench", "verifier") in commands
    for path in commands:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.stdout, path
        command = root
        for name in path:
            command = bench if command is root and name == "bench" else command.commands[name]
        assert command.help and len(command.help.split()) >= 5, f"{path} has no real help"


def test_bench_outside_a_checkout_says_what_it_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "CHECKOUT", tmp_path)  # as from an installed wheel: no eval/
    result = runner.invoke(app, ["bench", "verifier"])
    assert result.exit_code == 2
    assert "run them from a checkout" in result.stderr
    assert "Traceback" not in result.output


def test_a_setting_that_cannot_work_is_one_line() -> None:
    result = runner.invoke(app, ["extract", "eval/letters", "--concurrency", "0"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "concurrency must be at least 1" in result.stderr
    result = runner.invoke(app, ["summary"], env={"RHI_LLM_CONTEXT": "lots"})
    assert result.exit_code == 2 and "RHI_LLM_CONTEXT must be a number" in result.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"rhi-llm {__version__}"


def test_load_json_reports_questionnaire_and_questions() -> None:
    leicester = seed_path("000_bf391f66d2a073dd.txt")
    coventry = seed_path("003_52bd7aa7f47e9622.txt")
    result = runner.invoke(app, ["load", str(leicester), str(coventry), "--json"])
    assert result.exit_code == 0, result.output
    described = json.loads(result.stdout)
    assert [d["questionnaire"] for d in described] == ["rhi-2018", "rhi-2024"]
    assert len(described[0]["questions"]) == 28 and len(described[1]["questions"]) == 11
    first = described[1]["questions"][0]
    assert first["key"] == "1" and first["answer_starts"] == "428."
    assert described[1]["sha256"] and described[1]["pages"] == 1


def test_load_errors_name_the_file_and_the_rest_still_load(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("1. How many individual children were reported missing?\n\n215\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    odd = tmp_path / "letter.pages"
    odd.write_text("an Apple Pages file")
    result = runner.invoke(app, ["load", str(empty), str(odd), str(good), "--json"])
    assert result.exit_code == 1
    described = json.loads(result.stdout)
    assert [d.get("reason") for d in described] == ["empty", "unsupported_format", None]
    assert described[2]["characters"] > 0
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error")]
    assert len(error_lines) == 2
    assert str(empty) in error_lines[0] and "empty" in error_lines[0]
    assert str(odd) in error_lines[1] and "unsupported format" in error_lines[1]
    assert "Traceback" not in result.output
