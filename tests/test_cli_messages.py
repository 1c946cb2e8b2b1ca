"""What a new user reads: help, one-line refusals, plurals, quiet runs, and what `extract`
prints on a terminal (issue 19: help and messages, the quickstart's output)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from benchmarks.cli import bench_app
from rhi_llm import cli
from rhi_llm.cli import app
from rhi_llm.testing.fake_server import FakeOpenAI

from conftest import LETTERS

runner = CliRunner()
ONE_LETTER = "westmarch-2024.txt"
LETTER_COUNT = len([p for p in LETTERS.iterdir() if p.is_file()])


def _command_paths(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield prefix
    for name, command in group.commands.items():
        if name == "bench":  # its own app, in benchmarks/
            continue
        if hasattr(command, "commands"):
            yield from _command_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


COMMANDS = list(_command_paths(typer.main.get_command(app)))
BENCH: Any = typer.main.get_command(bench_app)
BENCH_COMMANDS: list[tuple[str, ...]] = [("bench", name) for name in BENCH.commands]


def _help(path: tuple[str, ...]) -> str:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, path
    return result.stdout


@pytest.mark.parametrize("path", COMMANDS + BENCH_COMMANDS, ids=" ".join)
def test_help_names_values_in_words_and_wraps_at_80_columns(path: tuple[str, ...]) -> None:
    text = _help(path)
    assert not re.search(r"<[a-z][\w\[\], ]*>", text), text  # <bool>, <str>, <list[Path]>
    assert not re.search(r"\{\w+\}", text), text  # {files}
    assert not re.search(r"\s\.(\s|$)", text), text  # a stray " ." after a help text
    assert max(len(line) for line in text.splitlines()) <= 80, text
    assert not re.search(r"\w-$", text, re.MULTILINE), text  # "--batch-" / "api" split


def test_usage_lines_read_naturally() -> None:
    assert "extract [OPTIONS] [PATH...]\n" in _help(("extract",))
    assert "load [OPTIONS] PATH...\n" in _help(("load",))
    assert "review import [OPTIONS] SHEET\n" in _help(("review", "import"))
    assert "--db FILE" in _help(("export",)) and "--workers N" in _help(("extract",))


def _value_options(path: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    ctx = typer.Context(command)
    for param in command.params:
        takes_value = not (getattr(param, "is_flag", False) or getattr(param, "count", False))
        if param.param_type_name == "option" and takes_value:
            record = param.get_help_record(ctx)
            if record is not None:
                yield record


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_option_with_a_value_says_its_default(path: tuple[str, ...]) -> None:
    for names, text in _value_options(path):
        assert "default" in text or "required" in text, f"{' '.join(path)} {names}: {text}"


SETTING_ENV = {
    "--model": "RHI_LLM_MODEL",
    "--base-url": "OPENAI_BASE_URL",
    "--mode": "RHI_LLM_MODE",
    "--concurrency": "RHI_LLM_CONCURRENCY",
    "--timeout": "RHI_LLM_TIMEOUT",
    "--retries": "RHI_LLM_RETRIES",
    "--context": "RHI_LLM_CONTEXT",
    "--max-output": "RHI_LLM_MAX_OUTPUT",
    "--db": "RHI_LLM_DB",
    "--reviewer": "RHI_LLM_REVIEWER",
    "--questionnaires": "RHI_LLM_QUESTIONNAIRES",
    "--questionnaire": "RHI_LLM_QUESTIONNAIRE",
}


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_option_read_from_the_environment_names_its_variable(
    path: tuple[str, ...],
) -> None:
    for names, text in _value_options(path):
        option = names.split()[-2] if len(names.split()) > 1 else names
        if option in SETTING_ENV:
            assert f"env {SETTING_ENV[option]}" in " ".join(text.split()), (path, names)


# --- commands that read a store never make one ------------------------------------------------

READING = [
    ["export", "-o", "out.csv"],
    ["summary"],
    ["report", "-o", "out.html"],
    ["review"],
    ["review", "export", "-o", "sheet.csv"],
    ["review", "import", "sheet.csv"],
    ["store", "check"],
]


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_a_reading_command_with_no_store_names_it_and_makes_none(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sheet.csv").write_text("letter,field,decision\n", encoding="utf-8")
    result = runner.invoke(app, [*command, "--db", "missing.db"])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "missing.db" in result.stderr
    assert "no run store" in result.stderr
    assert not (tmp_path / "missing.db").exists()
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "out.html").exists()


def test_review_in_a_folder_with_no_store_says_which_store_it_looked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RHI_LLM_DB", raising=False)
    result = runner.invoke(app, ["review", "--reviewer", "ann"])
    assert result.exit_code == 2
    assert "rhi-llm.db" in result.stderr and "default" in result.stderr
    assert not (tmp_path / "rhi-llm.db").exists()


# --- load, workers, plurals, quiet, the output path ----------------------------------------


def test_load_reads_a_folder_as_extract_finds_it() -> None:
    result = runner.invoke(app, ["load", str(LETTERS), "--json"])
    assert result.exit_code == 0, result.output
    described = json.loads(result.stdout)
    assert len(described) == LETTER_COUNT
    assert all(len(d["sha256"]) == 64 for d in described)


def test_no_workers_is_refused_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    result = runner.invoke(app, ["extract", str(LETTERS), "--workers", "0", "--db", str(db)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--workers must be at least 1" in result.stderr
    assert not db.exists()


def _one_letter(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    shutil.copy(LETTERS / ONE_LETTER, folder / ONE_LETTER)
    return folder


def test_counts_of_one_are_singular(tmp_path: Path) -> None:
    db = str(tmp_path / "run.db")
    rows = tmp_path / "rows.jsonl"
    result = runner.invoke(
        app, ["extract", str(_one_letter(tmp_path)), "--db", db, "-o", str(rows)]
    )
    assert result.exit_code == 0, result.output
    assert "wrote 1 row to" in result.stderr
    result = runner.invoke(app, ["export", "--db", db, "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert "wrote 1 letter row (1 letter, 0 review decisions applied)" in result.stderr
    page = runner.invoke(app, ["load", str(LETTERS / ONE_LETTER)]).stdout
    assert "1 page," in page and "page(s)" not in page


def test_quiet_prints_nothing_but_errors_and_files_left_out(tmp_path: Path) -> None:
    folder = _one_letter(tmp_path)
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # a file that is no letter: a skip notice
    result = runner.invoke(
        app,
        ["extract", str(folder), "-q", "--db", str(tmp_path / "run.db"), "-o", str(tmp_path / "r")],
    )
    assert result.exit_code == 0, result.output
    # no progress, summary or table; only the one line that says a file was not read
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("skipped ") and "notes.bin" in result.stderr
    assert (tmp_path / "r").read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize("where", ["missing/rows.jsonl", "."])
def test_an_output_that_cannot_be_written_is_refused_before_extracting(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", str(LETTERS), "--db", "run.db", "-o", where])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "error" in result.stderr
    assert not (tmp_path / "run.db").exists()  # nothing was extracted first


def test_fake_server_on_a_bad_port_is_one_line() -> None:
    result = runner.invoke(app, ["fake-server", "--port", "70000"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["fake-server", "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_batch_status_is_words_not_a_dict(tmp_path: Path) -> None:
    with FakeOpenAI(batch_seconds=60) as server:
        env = {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-test-" + "3" * 32}
        db = str(tmp_path / "run.db")
        folder = _one_letter(tmp_path)
        sent = runner.invoke(app, ["extract", str(folder), "--batch-api", "--db", db], env=env)
        assert sent.exit_code == 0, sent.output
        assert "1 request for 1 letter" in sent.stderr
        result = runner.invoke(app, ["extract", "--resume", "--db", db], env=env)
    assert result.exit_code == 0, result.output
    assert "{" not in result.stderr and "'total'" not in result.stderr
    assert re.search(r"\d+ of 1 request done", result.stderr), result.stderr


# --- the quickstart on a terminal ----------------------------------------------------------


def test_on_a_terminal_extract_writes_a_file_and_prints_one_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "stdout_is_terminal", lambda: True)
    result = runner.invoke(
        app, ["extract", str(LETTERS), "--db", "rhi-llm.db"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    written = (tmp_path / "rhi-llm-dataset.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(written) == LETTER_COUNT and json.loads(written[0])["fields"]
    shown = result.stderr.splitlines()
    assert len(shown) <= 24 and max(map(len, shown)) <= 80, result.stderr  # one screen
    assert f"wrote {LETTER_COUNT} rows to rhi-llm-dataset.jsonl" in result.stderr
    for line in ("letters", "failed", "fields extracted", "fields flagged for review"):
        assert re.search(rf"│ {line}\s+│\s+\d+ │", result.stderr), line
    assert "next: rhi-llm review" in result.stderr


def test_on_a_terminal_the_format_names_the_file_and_dash_means_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "stdout_is_terminal", lambda: True)
    folder = str(_one_letter(tmp_path))
    result = runner.invoke(app, ["extract", folder, "--format", "csv"])
    assert result.exit_code == 0, result.output
    with (tmp_path / "rhi-llm-dataset.csv").open(encoding="utf-8-sig", newline="") as sheet:
        assert len(list(csv.reader(sheet))) == 2  # the header and the letter
    result = runner.invoke(app, ["extract", folder, "-o", "-"])
    assert result.exit_code == 0 and json.loads(result.stdout)["fields"]


def test_a_pipe_still_gets_the_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["extract", str(_one_letter(tmp_path))])
    assert result.exit_code == 0 and json.loads(result.stdout)["fields"]
    assert not (tmp_path / "rhi-llm-dataset.jsonl").exists()


# --- eval --cassettes ----------------------------------------------------------------------


def test_a_mistyped_cassettes_folder_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["eval", "--backend", "llm", "--cassettes", str(tmp_path / "nosuch")]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "nosuch" in result.stderr


def test_a_skip_gives_its_real_reason(tmp_path: Path) -> None:
    from rhi_llm.evaluate import plan
    from rhi_llm.gold import load_gold_set

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    cases = load_gold_set(LETTERS.parent / "gold", LETTERS, seeds)
    planned = plan(cases, covers=lambda path: False, seeds_dir=seeds)
    ours = [s for s in planned.skipped if ONE_LETTER in s]
    assert ours and all("seed letters" not in s for s in ours)
    assert all("cassettes folder" in s for s in ours)
