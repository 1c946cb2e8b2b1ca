"""A letter whose own work after loading runs long (a 1.9 MB letter of nothing but numbers
took 39 s to read on the probe's machine) is stopped by RHI_LLM_LETTER_TIMEOUT, fails with
its reason, and the batch goes on."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.pipeline import read_letter

from conftest import LETTERS

runner = CliRunner()


def numbers_letter(path: Path, characters: int) -> Path:
    """Line after line of figures: slow for the question finder, and no reply letter."""
    noise = random.Random(18)
    lines, size = [], 0
    while size < characters:
        line = " ".join(str(noise.randrange(10_000)) for _ in range(12))
        lines.append(line)
        size += len(line) + 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_slow_letter_is_stopped_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    numbers_letter(folder / "numbers.txt", 400_000)
    shutil.copy(LETTERS / "brackley-2024.txt", folder)
    read_letter(folder / "brackley-2024.txt")  # the first letter read builds shared tables
    monkeypatch.setenv("RHI_LLM_LETTER_TIMEOUT", "0.5")
    db = tmp_path / "r.db"
    result = runner.invoke(cli.app, ["extract", str(folder), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 1, result.output
    assert "numbers.txt" in result.output and "RHI_LLM_LETTER_TIMEOUT" in result.output
    with sqlite3.connect(db) as store:
        found = dict(store.execute("SELECT path, coalesce(reason, status) FROM letters"))
    assert found[str(folder / "numbers.txt")] == "letter_timeout"
    assert found[str(folder / "brackley-2024.txt")] == "extracted"
