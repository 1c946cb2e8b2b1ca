"""A run store that cannot be written: a full disk, a read-only file system. A clear error,
the store intact, and the same command carries on once the problem is gone.

Where the tests run as root and may mount a small tmpfs, the disk is really full and the file
system really read-only; elsewhere those tests skip and say why, and SQLite's own limits
(``max_page_count``, ``query_only``) stand in for them in the tests that always run."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.bulk import run_bulk
from rhi_llm.core.errors import StoreError
from rhi_llm.extract import get_backend
from rhi_llm.letters import find_letters
from rhi_llm.progress import BatchProgress, Tally
from rhi_llm.store import Store, open_store

from conftest import LETTERS

runner = CliRunner()
LETTER_FILES = find_letters([LETTERS])


def bulk(paths: list[Path], store: Store) -> Tally:
    tally = Tally(total=len(paths))
    progress = BatchProgress(tally, "quiet", Console(quiet=True))
    return run_bulk(paths, get_backend("rules"), store, workers=2, concurrency=2, progress=progress)


def intact(db: Path) -> tuple[int, int, int]:
    """Integrity check passed; (letters extracted, extractions, field rows) and every letter
    whole: each extraction has all of its fields."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        letters = connection.execute(
            "SELECT count(*) FROM letters WHERE status = 'extracted'"
        ).fetchone()[0]
        extractions = connection.execute("SELECT count(*) FROM extractions").fetchone()[0]
        fields = connection.execute("SELECT count(*) FROM field_values").fetchone()[0]
        partial = connection.execute(
            "SELECT count(*) FROM extractions e WHERE (SELECT count(*) FROM field_values f "
            "WHERE f.extraction_id = e.id) = 0"
        ).fetchone()[0]
    finally:
        connection.close()
    assert partial == 0
    return letters, extractions, fields


def test_a_full_store_stops_the_batch_cleanly_and_a_rerun_carries_on(tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    with open_store(db) as store:
        bulk(LETTER_FILES[:3], store)
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 4}")  # as if the disk filled up
        with pytest.raises(StoreError, match="the disk is full") as raised:
            bulk(LETTER_FILES, store)
        assert "\n" not in str(raised.value) and str(db) in str(raised.value)
    letters, extractions, _ = intact(db)
    assert 3 <= letters < len(LETTER_FILES) and extractions == letters
    with open_store(db) as store:  # space again (a new connection has no page limit)
        again = bulk(LETTER_FILES, store)
        assert again.skipped == letters
    assert intact(db)[:2] == (len(LETTER_FILES), len(LETTER_FILES))


def test_a_read_only_store_is_a_clear_error_and_stays_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    with open_store(db) as store:
        bulk(LETTER_FILES[:2], store)
    before = intact(db)
    with open_store(db) as store:
        store.db.execute("PRAGMA query_only = ON")  # as if the file could not be written
        with pytest.raises(StoreError, match="read-only"):
            bulk(LETTER_FILES, store)
    assert intact(db) == before


# -- the real thing, where a tmpfs can be mounted ---------------------------------------------


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs (a really full, read-only disk)")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=320k", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def remount(mount: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(mount)], check=True)


def extract(db: Path) -> tuple[int, str]:
    result = runner.invoke(
        cli.app,
        ["extract", str(LETTERS), "--db", str(db), "-o", os.devnull, "--quiet"],
        env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""},
    )
    return result.exit_code, result.stderr


def test_a_really_full_disk_then_room_again(small_disk: Path) -> None:
    db = small_disk / "run.db"
    code, errors = extract(db)
    assert code == 1
    assert "the disk is full" in errors and "Traceback" not in errors
    letters, _, _ = intact(db)
    assert 0 < letters < len(LETTER_FILES)
    remount(small_disk, "size=16m")
    code, errors = extract(db)
    assert code == 0, errors
    assert intact(db)[:2] == (len(LETTER_FILES), len(LETTER_FILES))


def test_a_really_read_only_file_system(small_disk: Path) -> None:
    db = small_disk / "run.db"
    remount(small_disk, "size=16m")
    with open_store(db) as store:
        bulk(LETTER_FILES[:2], store)
    before = intact(db)
    remount(small_disk, "ro")
    code, errors = extract(db)
    assert code in (1, 2)
    assert "read-only" in errors and "Traceback" not in errors
    export = runner.invoke(
        cli.app, ["export", "--db", str(db), "-o", str(small_disk.parent / "out.csv")]
    )
    assert export.exit_code == 0, export.output  # reading still works
    remount(small_disk, "rw")
    assert intact(db) == before
