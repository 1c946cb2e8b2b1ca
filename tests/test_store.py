"""The run store: migrations, one transaction per letter, the newest row per path, decisions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rhi_llm import store as store_module
from rhi_llm.batch import blocking_outcome
from rhi_llm.core.errors import StoreError
from rhi_llm.core.records import CallRecord, OutputRow, ReviewDecision
from rhi_llm.extract.rules import RulesBackend
from rhi_llm.store import MIGRATIONS, Store, _explain, open_store

from conftest import LETTERS


def _row(name: str = "westmarch-2024.txt") -> OutputRow:
    outcome = blocking_outcome(RulesBackend(), LETTERS / name)
    assert outcome.row is not None
    return outcome.row


def _tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


# The schema as the migrations leave it: every table with its columns in order, and the
# named indexes. A new migration changes this on purpose, and this test with it.
SCHEMA = {
    "letters": ["id", "path", "sha256", "format", "pages", "status", "reason", "error", "updated"],
    "extractions": [
        "id",
        "letter_id",
        "backend",
        "cache_key",
        "model",
        "prompt_hash",
        "schema_version",
        "prompt_tokens",
        "completion_tokens",
        "calls",
        "cost_usd",
        "cached",
        "questionnaire",
        "council",
        "row_json",
        "created",
    ],
    "field_values": [
        "extraction_id",
        "field",
        "value_json",
        "unit",
        "of_field",
        "status",
        "quote",
        "span_start",
        "span_end",
        "page",
        "derived_json",
        "verdict",
        "flags_json",
    ],
    "model_calls": [
        "id",
        "letter_id",
        "extraction_id",
        "attempt",
        "prompt_tokens",
        "completion_tokens",
        "latency_ms",
        "cost_usd",
        "error",
        "created",
    ],
    "review_decisions": [
        "id",
        "letter_sha256",
        "letter_path",
        "field",
        "action",
        "value_json",
        "unit",
        "of_field",
        "status",
        "reviewer",
        "decided_at",
        "note",
    ],
    "model_batches": ["id", "batch_id", "backend", "status", "letters_json", "created", "updated"],
    "letter_texts": ["sha256", "text", "page_starts_json", "blocks_json"],
}
INDEXES = {"decisions_by_field", "extractions_by_letter", "letters_by_path"}


def test_a_new_store_has_every_migration_and_uses_wal(tmp_path: Path) -> None:
    with open_store(tmp_path / "run.db") as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        columns = {
            table: [r[1] for r in store.db.execute(f"PRAGMA table_info({table})")]
            for table in _tables(store.db)
        }
        assert columns == SCHEMA
        indexes = {
            r[0]
            for r in store.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' "
                "AND name NOT LIKE 'sqlite_autoindex_%'"
            )
        }
        assert indexes == INDEXES


def test_an_older_store_is_brought_up_to_date_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    MIGRATIONS[0](db)
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO letters (path, sha256, status, updated) VALUES ('a.txt', 'abc', "
        "'failed', '2026-01-01T00:00:00Z')"
    )
    db.execute("COMMIT")
    db.close()
    with open_store(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert "review_decisions" in _tables(store.db)
        assert store.failures() == [("a.txt", "", "")]


def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x INTEGER)")
        db.execute("THIS IS NOT SQL")

    path = tmp_path / "run.db"
    open_store(path).close()
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(StoreError, match=r"run\.db"):
        open_store(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert "half_done" not in _tables(db)


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "run.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    db.close()
    with pytest.raises(StoreError, match="newer rhi-llm"):
        open_store(path)


def test_a_letter_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = _row()

    def fail(*_: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    with open_store(tmp_path / "run.db") as store:
        monkeypatch.setattr(Store, "_insert_calls", staticmethod(fail))
        with pytest.raises(StoreError, match="disk I/O error"):
            store.record_row(row, "key", [CallRecord(attempt=1)])
        assert store.counts() == {
            "letters": 0,
            "extractions": 0,
            "field_values": 0,
            "model_calls": 0,
            "review_decisions": 0,
        }


def test_recording_a_letter_twice_keeps_one_extraction(tmp_path: Path) -> None:
    row = _row()
    with open_store(tmp_path / "run.db") as store:
        store.record_row(row, "key-1", [CallRecord(attempt=1, prompt_tokens=10)])
        store.record_row(row, "key-1", [])
        counts = store.counts()
        assert counts["letters"] == 1
        assert counts["extractions"] == 1
        assert counts["field_values"] == len(row.fields)
        assert store.is_done(row.letter.path, row.letter.sha256, row.provenance.backend, "key-1")
        assert not store.is_done(
            row.letter.path, row.letter.sha256, row.provenance.backend, "key-2"
        )
        assert store.current_rows() == [row]


def test_a_path_whose_new_content_failed_has_no_current_row(tmp_path: Path) -> None:
    row = _row()
    with open_store(tmp_path / "run.db") as store:
        store.record_row(row, "key", [])
        store.record_failure(row.letter.path, "0" * 64, "empty", "the file is empty")
        assert store.current_rows() == []
        assert store.failures() == [(row.letter.path, "empty", "the file is empty")]


def test_current_rows_filter_by_path_and_backend(tmp_path: Path) -> None:
    first, second = _row("westmarch-2024.txt"), _row("brackley-2024.txt")
    with open_store(tmp_path / "run.db") as store:
        store.record_row(first, "k", [])
        store.record_row(second, "k", [])
        assert [r.letter.path for r in store.current_rows([second.letter.path])] == [
            second.letter.path
        ]
        assert len(store.current_rows(backend="rules")) == 2
        assert store.current_rows(backend="llm") == []


def test_the_latest_decision_on_a_field_wins(tmp_path: Path) -> None:
    def decision(value: int, when: str) -> ReviewDecision:
        return ReviewDecision(
            letter_sha256="abc",
            letter_path="a.txt",
            field="missing_incidents",
            action="correct",
            value=value,
            reviewer="sam",
            decided_at=when,
        )

    with open_store(tmp_path / "run.db") as store:
        store.add_decision(decision(640, "2026-01-01T00:00:00Z"))
        store.add_decision(decision(641, "2026-01-02T00:00:00Z"))
        found = store.decisions()
    assert list(found) == [("abc", "missing_incidents")]
    assert found[("abc", "missing_incidents")].value == 641


def test_store_errors_say_what_to_do() -> None:
    db = Path("runs.db")
    full = sqlite3.OperationalError("database or disk is full")
    assert "disk is full" in _explain(full, db)
    read_only = sqlite3.OperationalError("attempt to write a readonly database")
    assert "read-only" in _explain(read_only, db)
    assert "another rhi-llm run" in _explain(sqlite3.OperationalError("database is locked"), db)
    malformed = sqlite3.DatabaseError("database disk image is malformed")
    assert "rhi-llm store check --db runs.db" in _explain(malformed, db)


def test_a_folder_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the run store"):
        open_store(tmp_path)
