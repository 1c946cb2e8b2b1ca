"""Every command that writes a file for the user, on a full disk: one line naming the file,
exit code 1, the file already there unchanged, and no temporary file left beside it."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm.cli import app

from conftest import GOLD, LETTERS

runner = CliRunner()
OLD = "yesterday's file, which must survive\n"
LETTER = "brackley-2024.txt"


@pytest.fixture(scope="module")
def store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run store holding one letter read by the rules backend."""
    db = tmp_path_factory.mktemp("store") / "run.db"
    result = runner.invoke(
        app,
        ["extract", str(LETTERS / LETTER), "--backend", "rules", "--db", str(db), "--quiet",
         "--workers", "1", "-o", str(db.with_name("first.jsonl"))],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return db


def gold_folder(tmp_path: Path) -> Path:
    """A gold folder of one letter (eval's report of it is the file written)."""
    folder = tmp_path / "gold"
    if not folder.is_dir():
        folder.mkdir()
        shutil.copy(GOLD / "brackley-2024.json", folder)
    return folder


def commands(tmp_path: Path, db: Path, out: Path) -> dict[str, list[str]]:
    store = ["--db", str(db)]
    return {
        "export csv": ["export", "-o", str(out), *store],
        "export long csv": ["export", "-o", str(out), "--long", *store],
        "export jsonl": ["export", "-o", str(out), "--format", "jsonl", *store],
        "export xlsx": ["export", "-o", str(out), "--format", "xlsx", *store],
        "export long xlsx": ["export", "-o", str(out), "--format", "xlsx", "--long", *store],
        "extract --output csv": ["extract", str(LETTERS / LETTER), "--backend", "rules",
                                 "--quiet", "--workers", "1", "--format", "csv", "-o", str(out)],
        "extract --output jsonl": ["extract", str(LETTERS / LETTER), "--backend", "rules",
                                   "--quiet", "--workers", "1", "-o", str(out)],
        "report": ["report", "-o", str(out), *store],
        "summary --html": ["summary", "--html", str(out), *store],
        "review export": ["review", "export", "-o", str(out), *store],
        "eval --report": ["eval", "--gold", str(tmp_path / "gold"), "--letters",
                          str(LETTERS), "--report", str(out), "--json"],
    }  # fmt: skip


COMMANDS = list(commands(Path("x"), Path("x"), Path("x")))


@pytest.mark.parametrize("name", COMMANDS)
def test_a_full_disk_leaves_the_old_file_and_says_so_in_one_line(
    name: str, store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "result.file"
    out.write_text(OLD, encoding="utf-8")
    gold_folder(tmp_path)
    args = commands(tmp_path, store_file, out)[name]

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert out.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in folder.iterdir()) == ["result.file"]
    errors = [line for line in result.stderr.splitlines() if str(out) in line]
    assert len(errors) == 1, result.stderr
    assert "the disk is full" in errors[0] and "unchanged" in errors[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_the_same_commands_write_the_file_when_the_disk_has_room(
    name: str, store_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "result.file"
    out.write_text(OLD, encoding="utf-8")
    gold_folder(tmp_path)
    result = runner.invoke(app, commands(tmp_path, store_file, out)[name])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() not in (b"", OLD.encode())
    assert sorted(p.name for p in folder.iterdir()) == ["result.file"]


def test_a_disk_filling_up_half_way_through_an_export_keeps_the_old_file(
    store_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    out = tmp_path / "long.csv"
    out.write_text(OLD, encoding="utf-8")
    real_writerow = csv.DictWriter.writerow
    written: list[int] = []

    def fills_up(self: csv.DictWriter[str], row: dict[str, object]) -> object:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(1)
        return real_writerow(self, row)

    monkeypatch.setattr(csv.DictWriter, "writerow", fills_up)
    result = runner.invoke(app, ["export", "-o", str(out), "--long", "--db", str(store_file)])
    assert written == [1, 1, 1]  # the header and two rows went out before the disk was full
    assert result.exit_code == 1
    assert f"{out}: cannot write the file: the disk is full" in " ".join(result.stderr.split())
    assert out.read_text(encoding="utf-8") == OLD
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".long.csv")] == []
