"""The command line: help for every command, --version, and `load` output and errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from rhi_llm import __version__
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
    commands = _commands(root)
    assert ("load",) in commands
    for path in commands:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        command = root
        for name in path:
            command = command.commands[name]
        assert command.help and len(command.help.split()) >= 5, f"{path} has no real help"


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
    odd = tmp_path / "letter.rtf"
    odd.write_text("{\\rtf1}")
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
