"""The run store: one SQLite file (WAL) that holds every letter, extraction, field, model call
and review decision of a batch, so that a batch can be stopped at any moment and resumed.

Opened only through `open_store`, which applies the numbered, append-only migrations in
`MIGRATIONS` inside one transaction. Each letter's results are written in one transaction:
a run killed at any moment (kill -9 included) leaves either all of a letter or none of it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic_core import to_json

from rhi_llm.core.errors import StoreError
from rhi_llm.core.records import CallRecord, LetterDocument, OutputRow, ReviewDecision
from rhi_llm.core.redact import redact, redact_optional
from rhi_llm.core.settings import DEFAULT_DB
from rhi_llm.core.text import printable, shown_path, utc_now


def _run(db: sqlite3.Connection, script: str) -> None:
    """Statements one by one: ``executescript`` would commit the open transaction first."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m1(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE letters (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            format TEXT,
            pages INTEGER,
            status TEXT NOT NULL CHECK (status IN ('extracted', 'failed')),
            reason TEXT,
            error TEXT,
            updated TEXT NOT NULL,
            UNIQUE (path, sha256)
        );
        CREATE TABLE extractions (
            id INTEGER PRIMARY KEY,
            letter_id INTEGER NOT NULL REFERENCES letters(id),
            backend TEXT NOT NULL,
            cache_key TEXT NOT NULL,
            model TEXT,
            prompt_hash TEXT,
            schema_version TEXT NOT NULL,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            calls INTEGER NOT NULL DEFAULT 0,
            cost_usd REAL,
            cached INTEGER NOT NULL DEFAULT 0,
            questionnaire TEXT NOT NULL,
            council TEXT,
            row_json TEXT NOT NULL,
            created TEXT NOT NULL,
            UNIQUE (letter_id, backend, cache_key)
        );
        CREATE TABLE field_values (
            extraction_id INTEGER NOT NULL REFERENCES extractions(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            value_json TEXT,
            unit TEXT,
            of_field TEXT,
            status TEXT NOT NULL,
            quote TEXT,
            span_start INTEGER,
            span_end INTEGER,
            page INTEGER,
            derived_json TEXT,
            verdict TEXT NOT NULL,
            flags_json TEXT NOT NULL,
            PRIMARY KEY (extraction_id, field)
        );
        CREATE TABLE model_calls (
            id INTEGER PRIMARY KEY,
            letter_id INTEGER NOT NULL REFERENCES letters(id),
            extraction_id INTEGER REFERENCES extractions(id),
            attempt INTEGER NOT NULL,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            latency_ms REAL,
            cost_usd REAL,
            error TEXT,
            created TEXT NOT NULL
        );
        CREATE INDEX letters_by_path ON letters(path);
        CREATE INDEX extractions_by_letter ON extractions(letter_id);
    """,
    )


def _m2(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE review_decisions (
            id INTEGER PRIMARY KEY,
            letter_sha256 TEXT NOT NULL,
            letter_path TEXT NOT NULL,
            field TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('accept', 'correct', 'set_status')),
            value_json TEXT,
            unit TEXT,
            of_field TEXT,
            status TEXT,
            reviewer TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            note TEXT
        );
        CREATE INDEX decisions_by_field ON review_decisions(letter_sha256, field);
    """,
    )


def _m3(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE model_batches (
            id INTEGER PRIMARY KEY,
            batch_id TEXT NOT NULL UNIQUE,
            backend TEXT NOT NULL,
            status TEXT NOT NULL,
            letters_json TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        );
    """,
    )


def _m4(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE letter_texts (
            sha256 TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            page_starts_json TEXT NOT NULL,
            blocks_json TEXT NOT NULL
        );
    """,
    )


# Append only: never edit or reorder; a new change is a new function at the end.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_m1, _m2, _m3, _m4)

_T = TypeVar("_T")


class _Cursor(sqlite3.Cursor):
    """A cursor whose every SQLite error is a `StoreError` naming the store and what to do.

    A store can fail at any read, not only at a write: a file damaged inside (a valid header
    over garbage pages) opens, then fails on the first page that a query reaches. Guarding the
    cursor turns every such failure, wherever the query is, into one line."""

    connection: _Connection

    def _guard(self, error: sqlite3.Error) -> StoreError:
        return StoreError(
            _explain(error, self.connection.store_path), path=self.connection.store_path
        )

    def execute(self, sql: str, parameters: Any = (), /) -> _Cursor:
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as error:
            raise self._guard(error) from None

    def executemany(self, sql: str, parameters: Any, /) -> _Cursor:
        try:
            return super().executemany(sql, parameters)
        except sqlite3.Error as error:
            raise self._guard(error) from None

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as error:
            raise self._guard(error) from None

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as error:
            raise self._guard(error) from None

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as error:
            raise self._guard(error) from None


class _Connection(sqlite3.Connection):
    """A connection whose statements run on `_Cursor`s."""

    store_path: Path

    def cursor(self, factory: Any = _Cursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> _Cursor:
        cursor: _Cursor = self.cursor()
        return cursor.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> _Cursor:
        cursor: _Cursor = self.cursor()
        return cursor.executemany(sql, parameters)


def _connect(target: str | Path, path: Path, **options: Any) -> _Connection:
    db = sqlite3.connect(target, timeout=30, isolation_level=None, factory=_Connection, **options)
    db.store_path = path
    return db


def _jsonable(value: Any) -> str | None:
    """JSON text of a value (models included), or None; pydantic-core writes it in Rust."""
    if value is None:
        return None
    return to_json(value).decode()


class Store:
    """A batch's durable record. Use `open_store`."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield self.db
            self.db.execute("COMMIT")
        except sqlite3.Error as error:
            self._roll_back()
            raise StoreError(_explain(error, self.path), path=self.path) from None
        except BaseException:
            self._roll_back()
            raise

    def _roll_back(self) -> None:
        if self.db.in_transaction:
            with suppress(sqlite3.Error, StoreError):  # the error that got here is the one to tell
                self.db.execute("ROLLBACK")

    # -- letters and extractions ------------------------------------------------------------

    def is_done(self, path: str, sha256: str, backend: str, keys: str | list[str]) -> bool:
        """Is this letter (path and content) extracted by this backend under one of the keys?"""
        wanted = [keys] if isinstance(keys, str) else list(keys)
        marks = ", ".join("?" * len(wanted))
        path = shown_path(path)
        found = self.db.execute(
            "SELECT 1 FROM extractions e JOIN letters l ON l.id = e.letter_id "
            "WHERE l.path = ? AND l.sha256 = ? AND e.backend = ? AND e.cache_key IN "
            f"({marks}) AND l.status = 'extracted' LIMIT 1",
            (path, sha256, backend, *wanted),
        ).fetchone()
        return found is not None

    def _letter_id(
        self,
        db: sqlite3.Connection,
        path: str,
        sha256: str,
        fmt: str | None,
        pages: int | None,
        status: str,
        reason: str | None,
        error: str | None,
    ) -> int:
        # letters are stored under the name as shown: a name that is not UTF-8 cannot be
        # written to SQLite, and one with escape sequences must not reach a terminal from here
        path = shown_path(path)
        error = printable(error, lines=True) if error is not None else None
        db.execute(
            "INSERT INTO letters (path, sha256, format, pages, status, reason, error, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path, sha256) DO UPDATE SET "
            "format = coalesce(excluded.format, format), pages = coalesce(excluded.pages, "
            "pages), status = excluded.status, reason = excluded.reason, error = excluded.error,"
            " updated = excluded.updated",
            (
                path,
                sha256,
                fmt,
                pages,
                status,
                redact_optional(reason),
                redact_optional(error),  # an endpoint's error may quote the key
                utc_now(precise=True),
            ),
        )
        row = db.execute(
            "SELECT id FROM letters WHERE path = ? AND sha256 = ?", (path, sha256)
        ).fetchone()
        return int(row[0])

    def record_row(
        self,
        row: OutputRow,
        key: str,
        calls: list[CallRecord],
        document: LetterDocument | None = None,
    ) -> None:
        """A letter's extraction, its fields, its model calls and (when given) its text, in one
        transaction."""
        with self.transaction() as db:
            letter_id = self._letter_id(
                db,
                row.letter.path,
                row.letter.sha256,
                row.letter.format,
                row.letter.pages,
                "extracted",
                None,
                None,
            )
            # the same extraction again replaces the old one; the calls that made the old one
            # were still made (and paid for), so they stay, no longer tied to an extraction
            replaced = (letter_id, row.provenance.backend, key)
            db.execute(
                "UPDATE model_calls SET extraction_id = NULL WHERE extraction_id IN (SELECT id "
                "FROM extractions WHERE letter_id = ? AND backend = ? AND cache_key = ?)",
                replaced,
            )
            db.execute(
                "DELETE FROM extractions WHERE letter_id = ? AND backend = ? AND cache_key = ?",
                replaced,
            )
            extraction_id = self._insert_extraction(db, letter_id, row, key)
            self._insert_fields(db, extraction_id, row)
            self._insert_calls(db, letter_id, extraction_id, calls)
            if document is not None:
                db.execute(
                    "INSERT OR REPLACE INTO letter_texts (sha256, text, page_starts_json, "
                    "blocks_json) VALUES (?, ?, ?, ?)",
                    (
                        document.sha256,
                        document.text,
                        to_json(document.page_starts).decode(),
                        to_json(document.blocks).decode(),
                    ),
                )

    def record_failure(
        self, path: str, sha256: str, reason: str, error: str, calls: list[CallRecord] | None = None
    ) -> None:
        with self.transaction() as db:
            letter_id = self._letter_id(db, path, sha256, None, None, "failed", reason, error)
            self._insert_calls(db, letter_id, None, calls or [])

    @staticmethod
    def _insert_extraction(db: sqlite3.Connection, letter_id: int, row: OutputRow, key: str) -> int:
        p = row.provenance
        if p.note:  # a cassette's provenance names its endpoint
            p = p.model_copy(update={"note": redact(p.note)})
            row = row.model_copy(update={"provenance": p})
        cursor = db.execute(
            "INSERT INTO extractions (letter_id, backend, cache_key, model, prompt_hash, "
            "schema_version, prompt_tokens, completion_tokens, calls, cost_usd, cached, "
            "questionnaire, council, row_json, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?)",
            (
                letter_id,
                p.backend,
                key,
                p.model,
                p.prompt_hash,
                p.schema_version,
                p.tokens.prompt,
                p.tokens.completion,
                p.calls,
                p.cost_usd,
                int(p.cached),
                row.questionnaire,
                row.council,
                row.model_dump_json(),
                utc_now(precise=True),
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    @staticmethod
    def _insert_fields(db: sqlite3.Connection, extraction_id: int, row: OutputRow) -> None:
        db.executemany(
            "INSERT INTO field_values (extraction_id, field, value_json, unit, of_field, status,"
            " quote, span_start, span_end, page, derived_json, verdict, flags_json) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    extraction_id,
                    name,
                    _jsonable(f.value),
                    f.unit,
                    f.of,
                    f.status,
                    f.quote,
                    f.span[0] if f.span else None,
                    f.span[1] if f.span else None,
                    f.page,
                    _jsonable(f.derived),
                    f.verdict,
                    json.dumps([flag.model_dump() for flag in f.flags], ensure_ascii=False),
                )
                for name, f in row.fields.items()
            ],
        )

    @staticmethod
    def _insert_calls(
        db: sqlite3.Connection, letter_id: int, extraction_id: int | None, calls: list[CallRecord]
    ) -> None:
        db.executemany(
            "INSERT INTO model_calls (letter_id, extraction_id, attempt, prompt_tokens, "
            "completion_tokens, latency_ms, cost_usd, error, created) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    letter_id,
                    extraction_id,
                    c.attempt,
                    c.prompt_tokens,
                    c.completion_tokens,
                    c.latency_ms,
                    c.cost_usd,
                    redact_optional(c.error),
                    utc_now(precise=True),
                )
                for c in calls
            ],
        )

    def current_rows(
        self, paths: list[str] | None = None, backend: str | None = None
    ) -> list[OutputRow]:
        """The newest extraction of each letter path, in path order.

        A path whose newest content failed gives no row (it is in `failures`), so an export
        never shows the figures of a letter that has since been replaced by another file.
        """
        query = """
            WITH newest_letter AS (
                SELECT id, path, status, ROW_NUMBER() OVER (
                    PARTITION BY path ORDER BY updated DESC, id DESC) AS n
                FROM letters),
            newest_extraction AS (
                SELECT e.row_json, l.path, ROW_NUMBER() OVER (
                    PARTITION BY l.path ORDER BY e.id DESC) AS n
                FROM extractions e JOIN newest_letter l ON l.id = e.letter_id
                WHERE l.n = 1 AND l.status = 'extracted' AND (? IS NULL OR e.backend = ?))
            SELECT row_json, path FROM newest_extraction WHERE n = 1 ORDER BY path
        """
        wanted = set(paths) if paths is not None else None
        return [
            self._parsed(path, OutputRow.model_validate_json, text)
            for text, path in self.db.execute(query, (backend, backend))
            if wanted is None or path in wanted
        ]

    def _parsed(self, what: str, parse: Callable[[Any], _T], stored: Any) -> _T:
        """A stored JSON value, read back; a value that no longer parses is a damaged store."""
        try:
            return parse(stored)
        except ValueError as error:  # pydantic's ValidationError and json's errors are both
            raise StoreError(
                f"the run store is damaged: what it holds for {what} cannot be read back "
                f"({type(error).__name__}); run `rhi-llm store check --db {self.path}`",
                path=self.path,
            ) from None

    def failures(self) -> list[tuple[str, str, str]]:
        """(path, reason, error) of letters whose latest attempt failed."""
        return [
            (p, r or "", e or "")
            for p, r, e in self.db.execute(
                "SELECT path, reason, error FROM letters l WHERE status = 'failed' AND NOT EXISTS "
                "(SELECT 1 FROM letters l2 WHERE l2.path = l.path AND l2.updated > l.updated) "
                "ORDER BY path"
            )
        ]

    def counts(self) -> dict[str, int]:
        return _counts(self.db)

    def document(self, sha256: str) -> LetterDocument | None:
        """The text of a letter as it was read (None for a letter recorded without it)."""
        found = self.db.execute(
            "SELECT text, page_starts_json, blocks_json FROM letter_texts WHERE sha256 = ?",
            (sha256,),
        ).fetchone()
        if found is None:
            return None
        return self._parsed(
            f"the letter {sha256[:12]}",
            lambda row: LetterDocument(
                sha256=sha256,
                text=row[0],
                page_starts=json.loads(row[1]),
                blocks={k: [tuple(b) for b in v] for k, v in json.loads(row[2]).items()},
            ),
            found,
        )

    # -- batches submitted to the Batch API -------------------------------------------------

    def add_batch(
        self, batch_id: str, backend: str, status: str, letters: list[dict[str, Any]]
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO model_batches (batch_id, backend, status, letters_json, created, "
                "updated) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    batch_id,
                    backend,
                    status,
                    json.dumps(letters, ensure_ascii=False),
                    utc_now(precise=True),
                    utc_now(precise=True),
                ),
            )

    def open_batches(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """(batch id, its letters) of every batch not yet collected, oldest first."""
        return [
            (batch_id, json.loads(letters))
            for batch_id, letters in self.db.execute(
                "SELECT batch_id, letters_json FROM model_batches WHERE status NOT LIKE "
                "'collected%' ORDER BY id"
            )
        ]

    def set_batch_status(self, batch_id: str, status: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE model_batches SET status = ?, updated = ? WHERE batch_id = ?",
                (status, utc_now(precise=True), batch_id),
            )

    def batches(self) -> list[tuple[str, str, str]]:
        """(batch id, status, created) of every batch, oldest first."""
        return [
            (str(batch_id), str(status), str(created))
            for batch_id, status, created in self.db.execute(
                "SELECT batch_id, status, created FROM model_batches ORDER BY id"
            )
        ]

    # -- review decisions -------------------------------------------------------------------

    def add_decision(self, decision: ReviewDecision) -> int:
        """Record one decision (its own transaction); returns its row id."""
        with self.transaction() as db:
            cursor = db.execute(_INSERT_DECISION, _decision_values(decision))
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def add_decisions(self, decisions: Sequence[ReviewDecision]) -> int:
        """Record decisions in one transaction: all of them or (on any error) none."""
        with self.transaction() as db:
            db.executemany(_INSERT_DECISION, [_decision_values(d) for d in decisions])
        return len(decisions)

    def add_decision_if_latest(self, decision: ReviewDecision, seen: int) -> int | None:
        """Record a decision only if the newest decision on its field is still the one with
        row id ``seen`` (0: none), checked and written in one transaction; returns the new
        row id, or None (nothing written) when someone decided the field since."""
        with self.transaction() as db:
            latest = db.execute(_LATEST_ID, (decision.letter_sha256, decision.field)).fetchone()[0]
            if int(latest) != seen:
                return None
            cursor = db.execute(_INSERT_DECISION, _decision_values(decision))
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def latest_decision(self, sha256: str, field: str) -> tuple[int, ReviewDecision] | None:
        """The newest decision on one field of one letter, with its row id (None: undecided)."""
        row = self.db.execute(
            "SELECT id, letter_sha256, letter_path, field, action, value_json, unit, of_field, "
            "status, reviewer, decided_at, note FROM review_decisions "
            "WHERE letter_sha256 = ? AND field = ? ORDER BY id DESC LIMIT 1",
            (sha256, field),
        ).fetchone()
        if row is None:
            return None
        return int(row[0]), self._parsed(f"a review decision on {row[2]}", _decision_of, row[1:])

    def decision_ids(self) -> dict[tuple[str, str], int]:
        """The row id of the newest decision on each (letter sha256, field)."""
        return {
            (str(sha), str(field)): int(latest)
            for sha, field, latest in self.db.execute(
                "SELECT letter_sha256, field, max(id) FROM review_decisions "
                "GROUP BY letter_sha256, field"
            )
        }

    def decisions(self) -> dict[tuple[str, str], ReviewDecision]:
        """The latest decision on each (letter sha256, field)."""
        found: dict[tuple[str, str], ReviewDecision] = {}
        for row in self.db.execute(
            "SELECT letter_sha256, letter_path, field, action, value_json, unit, of_field, "
            "status, reviewer, decided_at, note FROM review_decisions ORDER BY id"
        ):
            decision = self._parsed(f"a review decision on {row[1]}", _decision_of, row)
            found[(decision.letter_sha256, decision.field)] = decision
        return found


def _decision_of(row: Sequence[Any]) -> ReviewDecision:
    return ReviewDecision(
        letter_sha256=row[0],
        letter_path=row[1],
        field=row[2],
        action=row[3],
        value=json.loads(row[4]) if row[4] is not None else None,
        unit=row[5],
        of=row[6],
        status=row[7],
        reviewer=row[8],
        decided_at=row[9],
        note=row[10],
    )


def _counts(db: sqlite3.Connection) -> dict[str, int]:
    out: dict[str, int] = {}
    for table in ("letters", "extractions", "field_values", "model_calls", "review_decisions"):
        out[table] = int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    return out


_INSERT_DECISION = (
    "INSERT INTO review_decisions (letter_sha256, letter_path, field, action, value_json, unit, "
    "of_field, status, reviewer, decided_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


_LATEST_ID = (
    "SELECT coalesce(max(id), 0) FROM review_decisions WHERE letter_sha256 = ? AND field = ?"
)


def _decision_values(d: ReviewDecision) -> tuple[Any, ...]:
    return (
        d.letter_sha256,
        d.letter_path,
        d.field,
        d.action,
        _jsonable(d.value),
        d.unit,
        d.of,
        d.status,
        d.reviewer,
        d.decided_at,
        d.note,
    )


def _explain(error: sqlite3.Error, path: Path) -> str:
    text = str(error)
    if "not a database" in text:
        return (
            f"this is not a run store, or its first page is damaged ({text}): check the path; "
            f"`rhi-llm store check --db {path}` says more"
        )
    if "malformed" in text or "corrupt" in text:
        return (
            f"the run store is damaged ({text}); nothing more can be read from it or written "
            f"to it safely: run `rhi-llm store check --db {path}` to see what to do"
        )
    if "disk" in text.lower() and "full" in text.lower():
        return (
            "the disk is full: the run store cannot be written; what it holds is intact "
            "(free some space and run the same command to carry on)"
        )
    if "readonly" in text.lower() or "read-only" in text.lower():
        return (
            "the run store is read-only: it cannot be written; what it holds is intact "
            "(make it writable, or choose another --db)"
        )
    if "locked" in text.lower():
        return "the run store is locked by another rhi-llm run; wait for it to finish"
    return f"the run store failed ({text})"


def open_store(path: Path | str = DEFAULT_DB) -> Store:
    """Open (or create) a run store and bring its schema up to date, in one transaction.

    A store on a read-only file system (an archive, a CD, a share) is opened for reading:
    export, summary and report work, and anything that writes gets a clear error."""
    path = Path(path)
    if path.is_file() and not os.access(path.parent, os.W_OK):
        return _open_read_only(path)
    try:
        db = _connect(path, path)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the run store ({error})", path=path) from None
    store = Store(db, path)
    migrate(store)
    return store


def _open_read_only(path: Path) -> Store:
    # a WAL store needs its -shm file, which cannot be made here; as nothing can change the
    # file either, SQLite may read it as immutable
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        db = _connect(uri, path, uri=True)
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as error:
        raise StoreError(f"cannot open the run store ({error})", path=path) from None
    if version != len(MIGRATIONS):
        db.close()
        raise StoreError(
            "the run store is read-only and was written by another version of rhi-llm "
            f"(schema {version}, this one reads {len(MIGRATIONS)}); copy it somewhere writable",
            path=path,
        )
    return Store(db, path)


def migrate(store: Store) -> int:
    """Apply the migrations not yet applied; returns the schema version reached."""
    db = store.db
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise StoreError(
            f"the run store was written by a newer rhi-llm (schema {version}); "
            "upgrade rhi-llm to open it",
            path=store.path,
        )
    if version == len(MIGRATIONS):
        return version
    with store.transaction() as tx:
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            step(tx)
            tx.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)


# --------------------------------------------------------------------------------------------
# Checking a store
# --------------------------------------------------------------------------------------------

SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class StoreCheck:
    """What SQLite's integrity check found in a run store, and what it still holds."""

    path: Path
    problems: tuple[str, ...]
    counts: dict[str, int] | None  # None when the tables cannot be counted
    schema: int | None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_store(path: Path | str) -> StoreCheck:
    """Run SQLite's full integrity check on a store, read-only: nothing in it is changed.

    Raises `StoreError` for a path that is missing or is no SQLite file at all."""
    path = Path(path)
    if not path.is_file():
        raise StoreError("no run store here (check the --db path)", path=path)
    immutable = "&immutable=1" if not os.access(path.parent, os.W_OK) else ""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro{immutable}"
    db = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)  # errors as SQLite's
    try:
        problems = _integrity_problems(db, path)
        schema = counts = None
        with suppress(sqlite3.Error):
            schema = int(db.execute("PRAGMA user_version").fetchone()[0])
            counts = _counts(db)
    finally:
        db.close()
    return StoreCheck(path, tuple(problems), counts, schema)


def _integrity_problems(db: sqlite3.Connection, path: Path) -> list[str]:
    try:
        rows = db.execute(f"PRAGMA integrity_check({SHOWN_PROBLEMS})").fetchall()
    except sqlite3.DatabaseError as error:  # so damaged that the check itself stops
        if "not a database" in str(error):
            raise StoreError(
                "this is no SQLite file, or its first page is damaged: it is not a run store",
                path=path,
            ) from None
        return [str(error)]
    lines = (line.strip() for row in rows for line in str(row[0]).splitlines())
    found = [line for line in lines if line and not line.startswith("*** in database")]
    return [] if found == ["ok"] else found
