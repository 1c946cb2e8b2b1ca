"""Human review through a spreadsheet: export the flagged fields as CSV, read decisions back.

`write_review_csv` writes one row per flagged field (as listed by `review.review_items`), with
the question, the extraction, the flags, a short excerpt of the letter and any decision already
in the store, and five empty columns for the reviewer: ``decision`` (accept, correct or
status), ``new_value`` (for correct), ``new_status`` (for status), ``reviewer`` and ``note``.

`read_review_csv` checks every row of a filled-in sheet and returns either decisions or every
problem found, each with its line in the file; `apply_review_csv` records the decisions in one
transaction, and only when there is no problem at all: a sheet is applied whole or not at all.

The CSV is UTF-8 with a byte-order mark so that Excel shows the letters' characters; a sheet
that Excel saved back as Windows-1252 ("CSV (Comma delimited)") is read too. A text cell that
a spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-`` or ``@``, also
after leading spaces, or with a tab or a carriage return) is written with a leading apostrophe,
which the import takes off again (`rhi_llm.core.cells`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from rhi_llm.core.cells import protect, unprotect
from rhi_llm.core.files import atomic_write
from rhi_llm.core.questionnaires import FIELDS
from rhi_llm.core.records import OutputRow, ReviewAction, ReviewDecision, Value
from rhi_llm.core.text import one_line, utc_now
from rhi_llm.review import (
    ReviewInputError,
    ReviewItem,
    decide,
    describe_decision,
    parse_status,
    parse_value,
    question_heading,
    review_items,
    review_note,
    reviewer_name,
    write_decisions,
)
from rhi_llm.store import Store

COLUMNS = (
    "letter_sha256",
    "file",
    "council",
    "field",
    "question",
    "extracted_value",
    "unit",
    "of",
    "status",
    "quote",
    "page",
    "flags",
    "context",
    "current_decision",
    "decision",
    "new_value",
    "new_status",
    "reviewer",
    "note",
)
DECISION_COLUMNS = ("decision", "new_value", "new_status", "reviewer", "note")
"""Left empty by the export, for the reviewer to fill in."""
REQUIRED_COLUMNS = ("letter_sha256", "field", "decision")
"""Without these a sheet cannot be read; the other decision columns count as empty if absent."""

CONTEXT_LIMIT = 300  # characters of the letter in the context column, ellipses included
ELLIPSIS = "…"

DECISION_WORDS: dict[str, ReviewAction] = {
    **dict.fromkeys(
        ("accept", "accepted", "a", "ok", "okay", "yes", "y", "keep", "confirm", "confirmed"),
        "accept",
    ),
    **dict.fromkeys(
        ("correct", "corrected", "correction", "c", "fix", "fixed", "change", "changed", "amend"),
        "correct",
    ),
    **dict.fromkeys(("status", "set status", "status set", "s"), "set_status"),
}
"""What the ``decision`` column may say (case, spaces, hyphens and underscores aside)."""

_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class ImportProblem:
    """Why one row (or the whole file) of a review sheet cannot be applied.

    ``line`` is the line of the file where the row starts (the header is line 1); ``row`` is
    its row as a spreadsheet numbers it, which differs only when a cell holds a line break.
    """

    line: int
    message: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}"
        if self.row is not None and self.row != self.line:
            where += f" (spreadsheet row {self.row})"
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    """What `apply_review_csv` did: decisions applied, or the problems that stopped it.

    ``applied`` decisions were recorded; ``unchanged`` were already the latest decision on their
    field (same action, value, status, reviewer and note) and were not recorded again;
    ``skipped`` rows had an empty decision. With any problem, nothing at all is recorded.
    """

    applied: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    decisions: list[ReviewDecision] = field(default_factory=list)
    encoding: str = "utf-8"

    @property
    def ok(self) -> bool:
        return not self.problems


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------


def _value_cell(value: Value, unit: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)  # as `parse_value` reads options back
    if isinstance(value, float) and unit != "percent" and value.is_integer():
        return str(int(value))
    return str(value)


def _question_cell(item: ReviewItem) -> str:
    asked = item.questions()
    if not asked:
        return item.label
    return " | ".join(f"{question_heading(label)}: {wording}" for label, wording in asked)


def _context_cell(item: ReviewItem) -> str:
    """At most `CONTEXT_LIMIT` characters of the letter around the quote, whitespace
    squashed, with an ellipsis where it was cut ('' when the store has no text)."""
    found = item.context()
    if found is None:
        return ""
    text, start, quote, _page = found
    if quote is None:
        return _clip(one_line(text), 0, 0)
    squashed, begin, end = _squash_marking(text, quote[0] - start, quote[1] - start)
    return _clip(squashed, begin, end)


def _squash_marking(text: str, begin: int, end: int) -> tuple[str, int, int]:
    """`_squash` of ``text``, with where ``text[begin:end]`` went."""
    out: list[str] = []
    new_begin = new_end = -1
    gap = False
    for index, char in enumerate(text):
        if index == begin:
            new_begin = len(out) + (1 if gap and out else 0)
        if index == end:
            new_end = len(out)
        if char.isspace():
            gap = True
            continue
        if gap and out:
            out.append(" ")
        gap = False
        out.append(char)
    squashed = "".join(out)
    if new_begin < 0:
        new_begin = len(squashed)
    if new_end < 0:
        new_end = len(squashed)
    new_begin = min(new_begin, len(squashed))
    return squashed, new_begin, max(new_begin, min(new_end, len(squashed)))


def _clip(text: str, begin: int, end: int) -> str:
    """``text`` cut to `CONTEXT_LIMIT` characters around ``text[begin:end]``."""
    if len(text) <= CONTEXT_LIMIT:
        return text
    room = CONTEXT_LIMIT - 2 * len(ELLIPSIS)
    if end - begin >= room:
        left, right = begin, begin + room
    else:
        spare = room - (end - begin)
        left = max(0, begin - spare // 2)
        right = min(len(text), left + room)
        left = max(0, right - room)
    return (
        (ELLIPSIS if left > 0 else "")
        + text[left:right].strip()
        + (ELLIPSIS if right < len(text) else "")
    )


def review_record(item: ReviewItem) -> dict[str, str]:
    """One row of the review sheet, protected against formulas (decision columns empty)."""
    found = item.field
    cells = {
        "letter_sha256": item.sha256,
        "file": item.path,
        "council": item.council,
        "field": item.field_id,
        "question": one_line(_question_cell(item)),
        "extracted_value": one_line(_value_cell(found.value, found.unit)),
        "unit": found.unit or "",
        "of": found.of or "",
        "status": found.status,
        "quote": one_line(found.quote or ""),
        "page": "" if found.page is None else str(found.page),
        "flags": one_line(" | ".join(flag.message for flag in found.flags)),
        "context": _context_cell(item),
        "current_decision": describe_decision(item.decision) if item.decision else "",
        **dict.fromkeys(DECISION_COLUMNS, ""),
    }
    return {name: protect(value) for name, value in cells.items()}


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------


def write_review_csv(items: Iterable[ReviewItem], out: IO[str]) -> int:
    """The review sheet: a header, then one row per item; rows written.

    ``out`` should be opened with ``newline=''`` and encoding ``utf-8`` (the byte-order mark is
    written here) or ``utf-8-sig`` (the codec writes it).
    """
    encoding = (getattr(out, "encoding", None) or "").lower().replace("_", "-")
    if encoding != "utf-8-sig":
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for item in items:
        writer.writerow(review_record(item))
        count += 1
    return count


def export_review_csv(
    store: Store, path: Path | str, *, field: str | None = None, council: str | None = None
) -> int:
    """Write the review sheet of a store's flagged fields to ``path``; rows written.

    ``field`` and ``council`` narrow it as in `review_items` (which raises `ReviewInputError`
    for an unknown field). The sheet appears whole or not at all (`WriteFailed`)."""
    items = review_items(store, field=field, council=council)
    with atomic_write(path, newline="") as handle:
        return write_review_csv(items, handle)


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


@dataclass
class _Reading:
    decisions: list[ReviewDecision] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    skipped: int = 0
    encoding: str = "utf-8"


def _decode(data: bytes) -> tuple[str, str] | ImportProblem:
    """The file's text and the encoding it was in, or why it is not text we can read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text"
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            return ImportProblem(1, "the file starts like UTF-16 text but is not")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        failed = error
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    line = data.count(b"\n", 0, failed.start) + 1
    byte = data[failed.start]
    return ImportProblem(
        line,
        f"the file is neither UTF-8 nor Windows-1252 text (byte 0x{byte:02x} cannot be read); "
        "save it as 'CSV UTF-8 (Comma delimited)' and import it again",
    )


def _header_name(cell: str) -> str:
    return "_".join(unprotect(cell).strip().lower().replace("-", " ").split())


def _decision_word(text: str) -> ReviewAction | None:
    return DECISION_WORDS.get(" ".join(text.lower().replace("-", " ").replace("_", " ").split()))


@dataclass
class _Row:
    line: int
    row: int
    cells: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.cells.get(name, "")


def _rows(text: str) -> tuple[list[str], list[_Row], list[ImportProblem]]:
    """The header's column names and every non-blank row, with where each starts."""
    first = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first.count) if first.count(",") == 0 else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    problems: list[ImportProblem] = []
    rows: list[_Row] = []
    try:
        header = [_header_name(cell) for cell in next(reader, [])]
    except csv.Error as error:
        return [], [], [ImportProblem(1, f"the header cannot be read as CSV ({error})", 1)]
    line_end = reader.line_num
    number = 1
    while True:
        line = line_end + 1
        try:
            cells = next(reader, None)
        except csv.Error as error:
            problems.append(ImportProblem(line, f"cannot be read as CSV ({error})", number + 1))
            break
        if cells is None:
            break
        line_end = reader.line_num
        number += 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            problems.append(
                ImportProblem(
                    line,
                    f"the row has {len(cells)} cells but the header names {len(header)} "
                    "columns (a comma in a cell that is not in quotes?)",
                    number,
                )
            )
            continue
        values = {name: unprotect(cell).strip() for name, cell in zip(header, cells, strict=False)}
        rows.append(_Row(line, number, values))
    return header, rows, problems


def _letters(store: Store) -> dict[str, list[OutputRow]]:
    """The newest extraction of each letter path, by the letter's sha256."""
    found: dict[str, list[OutputRow]] = {}
    for row in store.current_rows():
        found.setdefault(row.letter.sha256, []).append(row)
    return found


def _decision_of(
    record: _Row, letters: dict[str, list[OutputRow]], default_reviewer: str | None
) -> ReviewDecision | list[ImportProblem] | None:
    """The row's decision, None for a row left undecided, or every problem of the row."""
    word, new_value, new_status = record["decision"], record["new_value"], record["new_status"]
    if not word and not (new_value or new_status):
        return None
    action, messages = _action(word, new_value, new_status)
    field_id = record["field"]
    row, found = _target(record, letters)
    messages += found
    reviewer = record["reviewer"] or (default_reviewer or "").strip()
    if word and not reviewer:
        messages.append("no reviewer: fill in the reviewer column (or give a default reviewer)")
    messages += _who_problems(reviewer, record["note"])
    given, wrong = _new_answer(action, field_id, new_value, new_status)
    messages += wrong
    if messages or action is None or row is None:
        return [ImportProblem(record.line, message, record.row) for message in messages]
    del given  # checked above, with every other problem of the row; `decide` reads it again
    item = ReviewItem(row, field_id, row.fields[field_id], None, None)
    return decide(
        item,
        action,
        reviewer,
        value=new_value or None,
        status=new_status or None,
        note=record["note"] or None,
    )


def _who_problems(reviewer: str, note: str) -> list[str]:
    """What is wrong with a row's reviewer name and note (control characters)."""
    problems: list[str] = []
    if reviewer:
        try:
            reviewer_name(reviewer)
        except ReviewInputError as reason:
            problems.append(str(reason))
    try:
        review_note(note)
    except ReviewInputError as reason:
        problems.append(str(reason))
    return problems


def _action(word: str, new_value: str, new_status: str) -> tuple[ReviewAction | None, list[str]]:
    """The decision word read, and what is wrong with it."""
    if not word:
        given = "new_value" if new_value else "new_status"
        return None, [
            f"{given} is filled in but decision is empty: write correct (for a new value) or "
            "status (for a new status), or clear it"
        ]
    action = _decision_word(word)
    if action is None:
        return None, [
            f"decision {word!r} is not one of accept, correct, status (or leave it empty)"
        ]
    return action, []


def _target(
    record: _Row, letters: dict[str, list[OutputRow]]
) -> tuple[OutputRow | None, list[str]]:
    """The extraction a row decides on, and why it cannot be found."""
    sha, field_id = record["letter_sha256"].lower(), record["field"]
    messages: list[str] = []
    if not field_id:
        messages.append("the field column is empty")
    elif field_id not in FIELDS:
        messages.append(f"unknown field {field_id!r}")
    if not sha:
        return None, [*messages, "the letter_sha256 column is empty"]
    if not letters.get(sha):
        return None, [
            *messages,
            f"letter {sha[:12]}… ({record['file'] or 'no file named'}) is not among the letters "
            "of this run store (wrong store, or the letter was replaced since the export?)",
        ]
    rows = letters[sha]
    row = next((r for r in rows if r.letter.path == record["file"]), rows[0])
    if field_id in FIELDS and field_id not in row.fields:
        messages.append(f"the extraction of {row.letter.path} has no field {field_id}")
    return row, messages


_Given = tuple[Value, str | None, str | None, str | None]  # value, unit, of, status


def _new_answer(
    action: ReviewAction | None, field_id: str, new_value: str, new_status: str
) -> tuple[_Given, list[str]]:
    """The new value or status a decision gives, and what is wrong with them."""
    nothing: _Given = (None, None, None, None)
    if action == "accept":
        if new_value or new_status:
            return nothing, [
                "accept keeps the extracted value: clear new_value and new_status, or write "
                "correct (new value) or status (new status)"
            ]
        return nothing, []
    if action == "correct":
        return _correction(field_id, new_value, new_status)
    if action == "set_status":
        messages: list[str] = []
        if new_value:
            messages.append(
                "status takes a new_status, not a new_value (for a new value, write correct)"
            )
        if not new_status:
            messages.append("status needs a new_status: not held, exempt, refused or not answered")
            return nothing, messages
        try:
            return (None, None, None, parse_status(new_status)), messages
        except ReviewInputError as reason:
            return nothing, [*messages, f"new_status: {reason}"]
    return nothing, []


def _correction(field_id: str, new_value: str, new_status: str) -> tuple[_Given, list[str]]:
    nothing: _Given = (None, None, None, None)
    messages: list[str] = []
    if new_status:
        messages.append("correct takes a new_value, not a new_status (for a status, write status)")
    if not new_value:
        messages.append("correct needs a new_value (to keep the extracted value, write accept)")
        return nothing, messages
    if field_id not in FIELDS:
        return nothing, messages
    try:
        value, unit, of = parse_value(field_id, new_value)
    except ReviewInputError as reason:
        return nothing, [*messages, f"new_value: {reason}"]
    return (value, unit, of, None), messages


def _same_decision(a: ReviewDecision, b: ReviewDecision) -> bool:
    return (a.action, a.value, a.unit, a.of, a.status) == (
        b.action,
        b.value,
        b.unit,
        b.of,
        b.status,
    )


def _read(path: Path | str, store: Store, default_reviewer: str | None) -> _Reading:
    reading = _Reading()
    decoded = _decode(Path(path).read_bytes())
    if isinstance(decoded, ImportProblem):
        reading.problems.append(decoded)
        return reading
    text, reading.encoding = decoded
    header, rows, reading.problems = _rows(text)
    if not header or not any(header):
        return _Reading(problems=[ImportProblem(1, "the file is empty: no header row", 1)])
    wrong_header = _header_problems(header)
    if wrong_header:
        return _Reading(problems=wrong_header, encoding=reading.encoding)
    _decide(reading, rows, _letters(store), default_reviewer)
    reading.problems.sort(key=lambda p: p.line)
    return reading


def _header_problems(header: list[str]) -> list[ImportProblem]:
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    twice = sorted({name for name in header if name and header.count(name) > 1})
    problems = []
    if missing:
        problems.append(
            ImportProblem(
                1, f"the header has no {', '.join(missing)} column (is this a review sheet?)", 1
            )
        )
    if twice:
        problems.append(ImportProblem(1, f"the header names {', '.join(twice)} twice", 1))
    return problems


def _decide(
    reading: _Reading,
    rows: list[_Row],
    letters: dict[str, list[OutputRow]],
    default_reviewer: str | None,
) -> None:
    """Every row's decision into ``reading``, each (letter, field) decided once."""
    # (letter, field) -> first line deciding it, what it says as typed, its decision if valid
    seen: dict[tuple[str, str], tuple[int, tuple[str, ...], ReviewDecision | None]] = {}
    stamp = utc_now()
    for record in rows:
        found = _decision_of(record, letters, default_reviewer)
        if found is None:
            reading.skipped += 1
            continue
        decision = found if isinstance(found, ReviewDecision) else None
        if isinstance(found, list):
            reading.problems.extend(found)
        key = (record["letter_sha256"].lower(), record["field"])
        typed = (
            _decision_word(record["decision"]) or record["decision"].lower(),
            record["new_value"],
            record["new_status"].lower(),
        )
        if key in seen:
            first_line, first_typed, first = seen[key]
            same = (
                _same_decision(first, decision)
                if first is not None and decision is not None
                else first_typed == typed
            )
            if not same:
                reading.problems.append(
                    ImportProblem(
                        record.line,
                        f"{key[1]} of {record['file'] or key[0][:12]} is decided differently on "
                        f"line {first_line}: keep one decision",
                        record.row,
                    )
                )
            continue  # the same decision twice is applied once
        seen[key] = (record.line, typed, decision)
        if decision is not None:
            reading.decisions.append(decision.model_copy(update={"decided_at": stamp}))


def read_review_csv(
    path: Path | str, store: Store, *, default_reviewer: str | None = None
) -> tuple[list[ReviewDecision], list[ImportProblem]]:
    """The decisions of a filled-in review sheet, and every problem of every row.

    Rows with an empty decision are skipped. ``default_reviewer`` is used where a row's
    reviewer cell is empty. Decisions are stamped with the time of reading. An unreadable file
    raises OSError.
    """
    reading = _read(path, store, default_reviewer)
    return reading.decisions, reading.problems


def add_decisions(store: Store, decisions: Sequence[ReviewDecision]) -> int:
    """Record decisions in one transaction: all of them or (on any error) none."""
    return write_decisions(store, decisions)  # the terminal's and the browser's way too


def apply_review_csv(
    path: Path | str, store: Store, *, default_reviewer: str | None = None
) -> ImportResult:
    """Read a filled-in review sheet and, if no row has a problem, record its decisions.

    A decision that is already the latest on its field (same action, value, status, reviewer
    and note) is not recorded again, so importing the same sheet twice changes nothing.
    Raises OSError when the file cannot be read and StoreError when the store cannot be
    written (then nothing is recorded).
    """
    reading = _read(path, store, default_reviewer)
    result = ImportResult(
        skipped=reading.skipped, problems=reading.problems, encoding=reading.encoding
    )
    if reading.problems:
        return result
    latest = store.decisions()
    fresh: list[ReviewDecision] = []
    for decision in reading.decisions:
        before = latest.get((decision.letter_sha256, decision.field))
        if (
            before is not None
            and _same_decision(before, decision)
            and (before.reviewer, before.note) == (decision.reviewer, decision.note)
        ):
            result.unchanged += 1
            continue
        fresh.append(decision)
    if fresh:
        add_decisions(store, fresh)
    result.applied = len(fresh)
    result.decisions = fresh
    return result
