"""A run store damaged inside: a valid header over garbage pages opens, then fails on the
first page a query reaches. Every command says so in one line and points to
`rhi-llm store check`, which runs SQLite's integrity check and says what to do."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.core.errors import StoreError
from rhi_llm.store import check_store, open_store

from conftest import LETTERS

runner = CliRunner()


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "runs.db"
    result = runner.invoke(cli.app, ["extract", str(LETTERS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def damaged_copy(healthy: Path, tmp_path: Path) -> Path:
    """The store with every page after the second overwritten by fixed garbage."""
    db = tmp_path / "damaged.db"
    data = bytearray(healthy.read_bytes())
    noise = random.Random(18)
    data[8192:] = bytes(noise.randrange(256) for _ in range(len(data) - 8192))
    db.write_bytes(bytes(data))
    return db


@pytest.mark.parametrize(
    "command",
    [
        ["export", "-o", "{out}/x.csv"],
        ["export", "--long", "--format", "jsonl", "-o", "{out}/x.jsonl"],
        ["summary"],
        ["report", "-o", "{out}/r.html"],
        ["review", "export", "-o", "{out}/sheet.csv"],
        ["extract", str(LETTERS)],
    ],
)
def test_every_command_on_a_damaged_store_says_so_in_one_line(
    healthy: Path, tmp_path: Path, command: list[str]
) -> None:
    db = damaged_copy(healthy, tmp_path)
    args = [part.format(out=tmp_path) for part in command]
    result = runner.invoke(cli.app, [*args, "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, sqlite3.Error), result.exception
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert len(errors) == 1, result.output
    assert "damaged" in errors[0] and f"rhi-llm store check --db {db}" in errors[0]
    assert "Traceback" not in result.output


def test_store_check_passes_a_healthy_store_and_counts_it(healthy: Path) -> None:
    result = runner.invoke(cli.app, ["store", "check", "--db", str(healthy)])
    assert result.exit_code == 0, result.output
    found = check_store(healthy)
    assert found.ok and found.counts is not None and found.counts["letters"] > 0
    assert "no damage" in result.output
    assert f"({found.counts['letters']} letters, " in result.output


def test_store_check_lists_the_damage_and_says_what_to_do(healthy: Path, tmp_path: Path) -> None:
    db = damaged_copy(healthy, tmp_path)
    before = db.read_bytes()
    found = check_store(db)
    assert not found.ok and found.problems
    result = runner.invoke(cli.app, ["store", "check", "--db", str(db)])
    assert result.exit_code == 1
    assert f"damaged {db}" in result.output and "What to do" in result.output
    assert db.read_bytes() == before  # the check only reads


def test_store_check_on_a_file_that_is_no_store(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is a PDF, not a store" * 40)
    result = runner.invoke(cli.app, ["store", "check", "--db", str(junk)])
    assert result.exit_code == 2
    assert "not a run store" in result.output
    missing = runner.invoke(cli.app, ["store", "check", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no run store here" in missing.output


def test_a_stored_row_that_no_longer_parses_is_a_store_error(healthy: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(healthy.read_bytes())
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE extractions SET row_json = '{\"broken' WHERE id = 1")
    with open_store(db) as store, pytest.raises(StoreError, match="damaged"):
        store.current_rows()


@pytest.mark.slow
def test_the_damage_benchmark_sees_every_kind_end_in_one_line() -> None:
    from benchmarks import store_damage

    found = store_damage.run()
    assert found.damaged_stores == len(store_damage.DAMAGE)
    assert found.runs == len(store_damage.DAMAGE) * len(store_damage.COMMANDS)
    assert found.crashes == [] and found.unclear == []
    assert found.one_line_errors + found.ran == found.runs
    assert found.found_by_check == found.damaged_stores and found.healthy_passed
