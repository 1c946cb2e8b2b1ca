"""Human review of flagged fields: what a reviewer sees, and what a decision may say.

Shared by the terminal review (`rhi_llm.review_tui`), the spreadsheet round trip
(`rhi_llm.review_csv`) and the report: `review_items` lists the flagged fields of the newest
extraction of every letter in a run store, each with the question as asked, the extraction,
the flags, other backends' values, the letter's own words around the quote and any decision
already taken; `parse_value` and `parse_status` turn what a reviewer typed into a decision's
value, or say in one line why they cannot.

A decision is always a new row in the store's ``review_decisions`` table: the extraction is
never changed, and the newest decision on a field is the one published.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rhi_llm.core.questionnaires import FIELDS, NUMERIC_FIELDS, questions_for_field
from rhi_llm.core.records import (
    LetterDocument,
    OutputField,
    OutputRow,
    ReviewAction,
    ReviewDecision,
    Value,
)
from rhi_llm.core.text import one_line, utc_now
from rhi_llm.core.types import Table, TableCell
from rhi_llm.numbers import find_numbers, same_number
from rhi_llm.store import Store
from rhi_llm.tables import find_tables

STATUS_WORDS = {
    "not held": "not_held",
    "not_held": "not_held",
    "nh": "not_held",
    "exempt": "exempt",
    "refused": "refused",
    "not answered": "not_answered",
    "not_answered": "not_answered",
    "na": "not_answered",
}
CONTEXT_CHARS = 320  # of the letter shown around a quote when no answer block is known
MAX_CONTEXT_CHARS = 1600
LINES_BEFORE, LINES_AFTER = 3, 1  # whole lines around an answer (the question above it)


def question_heading(label: str) -> str:
    """A question's number as a reader says it: 'Q4a' for a number, and a label in words
    as it is, capitalised ('Out-of-area 2c'), never 'Qout-of-area 2c'."""
    label = label.strip()
    if not label or label[0].isdigit():
        return f"Q{label}"
    return label[0].upper() + label[1:]


@dataclass(frozen=True)
class TablePlace:
    """Where a figure stands in a table of the letter: the row that names the columns (or,
    when no row was recognised as a heading, the table's first row), the figure's own row,
    and the words that head its column and name its row. Rows are (column, cell text)."""

    heading: tuple[tuple[int, str], ...]
    heading_is_header: bool  # False: ``heading`` is only the table's first row
    row: tuple[tuple[int, str], ...]
    column: int  # the figure's column
    column_header: str
    row_label: str


class ReviewInputError(ValueError):
    """What a reviewer typed cannot be a decision (the message says why, in one line)."""


@dataclass
class ReviewItem:
    """One flagged field of one letter, with everything a reviewer needs to decide."""

    row: OutputRow
    field_id: str
    field: OutputField
    decision: ReviewDecision | None
    document: LetterDocument | None

    @property
    def sha256(self) -> str:
        return self.row.letter.sha256

    @property
    def path(self) -> str:
        return self.row.letter.path

    @property
    def council(self) -> str:
        return self.row.council or "(council not named)"

    @property
    def label(self) -> str:
        return FIELDS[self.field_id].label if self.field_id in FIELDS else self.field_id

    @property
    def kind(self) -> str:
        return FIELDS[self.field_id].kind if self.field_id in FIELDS else "text"

    def questions(self) -> list[tuple[str, str]]:
        """(number as printed, our wording) of the question(s) this field answers."""
        return [
            (q.label, q.wording) for q in questions_for_field(self.row.questionnaire, self.field_id)
        ]

    def context(self) -> tuple[str, int, tuple[int, int] | None, int | None] | None:
        """The letter's words around the answer: (text, its start offset, the quote's span
        within the letter or None, page) or None when the store has no text for the letter."""
        doc = self.document
        if doc is None:
            return None
        span = tuple(self.field.span) if self.field.span else None
        blocks = doc.blocks.get(self.field_id) or []
        if blocks:
            start = min(b[0] for b in blocks)
            end = max(b[1] for b in blocks)
            if span is not None:  # a quote outside its block is shown with it
                start, end = min(start, span[0]), max(end, span[1])
        elif span is not None:
            start, end = (
                max(0, span[0] - CONTEXT_CHARS),
                min(len(doc.text), span[1] + CONTEXT_CHARS),
            )
        else:
            return None
        quote = (int(span[0]), int(span[1])) if span is not None else None
        start, end = _widen_to_lines(doc.text, start, end, before=LINES_BEFORE, after=LINES_AFTER)
        start, end = _keep_quote(doc.text, start, end, quote)
        return doc.text[start:end], start, quote, doc.page_of(quote[0] if quote else start)

    def table_place(self) -> TablePlace | None:
        """Where the field's figure stands in a table of the letter (None when it is not a
        number, has no quote in the letter, or the quote is in no table)."""
        doc, span = self.document, self.field.span
        if doc is None or not span or self.kind != "numeric":
            return None
        for table in find_tables(doc.text):
            if table.end <= span[0] or span[1] <= table.start:
                continue
            cell = _figure_cell(table, (span[0], span[1]), self.field.value)
            if cell is not None:
                return _place(table, cell)
        return None


def _figure_cell(table: Table, span: tuple[int, int], value: Value) -> TableCell | None:
    """The cell of the quote that holds the figure: the one whose number is the value, else
    the first with a digit in it; never a cell of the heading row."""
    held = [
        c
        for c in table.cells
        if c.start < span[1] and span[0] < c.end and c.row != table.header_row
        if _has_digit(c.text)
    ]
    if isinstance(value, int | float) and not isinstance(value, bool):
        for cell in held:
            if any(same_number(m.value, float(value)) for m in find_numbers(cell.text)):
                return cell
    return held[0] if held else None


def _place(table: Table, cell: TableCell) -> TablePlace:
    heading_row = table.header_row if table.header_row is not None else 0
    heading = tuple((c.column, c.text) for c in table.row_cells(heading_row))
    column_header = table.column_header(cell)
    if not column_header and heading_row != cell.row:
        column_header = next((text for col, text in heading if col == cell.column), "")
    return TablePlace(
        heading=heading if heading_row != cell.row else (),
        heading_is_header=table.header_row is not None,
        row=tuple((c.column, c.text) for c in table.row_cells(cell.row)),
        column=cell.column,
        column_header=column_header,
        row_label=_row_words(heading, table.row_cells(cell.row), cell),
    )


def _row_words(heading: tuple[tuple[int, str], ...], row: list[TableCell], cell: TableCell) -> str:
    """The words naming the figure's row: its first cell, and the cells after it that are
    words under a heading without a number (a 'Measure' column), up to the first value
    ('Not recorded' under '2022/23' is another year's answer, not part of the name)."""
    headed = dict(heading)
    words: list[str] = []
    for other in row:
        if other.column >= cell.column:
            break
        if other.column > 0 and (
            _has_digit(other.text) or _has_digit(headed.get(other.column, ""))
        ):
            break
        words.append(other.text)
    return " ".join(w for w in words if w)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _keep_quote(text: str, start: int, end: int, quote: tuple[int, int] | None) -> tuple[int, int]:
    """At most `MAX_CONTEXT_CHARS` of ``text[start:end]`` (more only when the quote itself
    is longer), cut at spaces, never through the quote: a window around the quote, a little
    more of it before (where the question is) than after."""
    if end - start <= MAX_CONTEXT_CHARS:
        return start, end
    if quote is None:
        return start, _back_to_space(text, start + MAX_CONTEXT_CHARS, start)
    room = max(0, MAX_CONTEXT_CHARS - (quote[1] - quote[0]))
    low = max(start, quote[0] - room * 2 // 3)
    high = min(end, max(quote[1], low + MAX_CONTEXT_CHARS))
    low = max(start, min(low, high - MAX_CONTEXT_CHARS))
    return _on_to_space(text, low, min(quote[0], high)), _back_to_space(text, high, quote[1])


def _on_to_space(text: str, offset: int, limit: int) -> int:
    """``offset`` moved on to the start of a word (not past ``limit``)."""
    if offset == 0 or text[offset - 1].isspace():
        return offset
    found = next((i + 1 for i in range(offset, limit) if text[i].isspace()), None)
    return found if found is not None else offset


def _back_to_space(text: str, offset: int, limit: int) -> int:
    """``offset`` moved back to the end of a word (not before ``limit``)."""
    if offset >= len(text) or text[offset].isspace():
        return offset
    found = next((i for i in range(offset - 1, limit - 1, -1) if text[i].isspace()), None)
    return found if found is not None else offset


def _widen_to_lines(text: str, start: int, end: int, *, before: int, after: int) -> tuple[int, int]:
    """The span grown to whole lines, with a few more lines before and after it."""
    for _ in range(before + 1):
        found = text.rfind("\n", 0, max(0, start - 1))
        start = found + 1 if found >= 0 else 0
        if start == 0:
            break
    for _ in range(after + 1):
        found = text.find("\n", end + 1)
        end = found if found >= 0 else len(text)
        if end == len(text):
            break
    return start, end


def review_items(
    store: Store, *, field: str | None = None, council: str | None = None
) -> list[ReviewItem]:
    """Every flagged field of the newest extraction of each letter, letters by council then
    path, fields in the survey's order; ``field`` and ``council`` narrow it (the council by a
    case-insensitive part of its name)."""
    if field is not None and field not in FIELDS:
        raise ReviewInputError(f"unknown field {field!r}: see `rhi-llm review --help`")
    decisions = store.decisions()
    rows = sorted(store.current_rows(), key=lambda r: ((r.council or "").casefold(), r.letter.path))
    wanted = council.casefold() if council else None
    items: list[ReviewItem] = []
    documents: dict[str, LetterDocument | None] = {}
    for row in rows:
        if wanted is not None and wanted not in (row.council or "").casefold():
            continue
        for field_id in FIELDS:
            found = row.fields.get(field_id)
            if found is None or found.verdict != "flagged":
                continue
            if field is not None and field_id != field:
                continue
            sha = row.letter.sha256
            if sha not in documents:
                documents[sha] = store.document(sha)
            items.append(
                ReviewItem(row, field_id, found, decisions.get((sha, field_id)), documents[sha])
            )
    return items


# -- what a reviewer may type -----------------------------------------------------------------


def options(field_id: str) -> list[str]:
    """The values a categorical field may take (empty for numbers and free text)."""
    return list(FIELDS[field_id].option_values)


_NUMBER = re.compile(r"^\s*(-?[\d,]*\.?\d+)\s*(%|per\s*cent|percent)?\s*(?:of\s+([a-z0-9_]+))?\s*$")


def parse_value(field_id: str, text: str) -> tuple[Value, str | None, str | None]:
    """A corrected value as typed: ``(value, unit, of)``.

    Numbers: ``642``, ``1,253``, ``87.7%`` or ``87.7% of missing_incidents``. Categorical
    fields: one or more of their options, separated by commas. Free text: as typed.
    """
    if field_id not in FIELDS:
        raise ReviewInputError(f"unknown field {field_id!r}")
    text = text.strip()
    if not text:
        raise ReviewInputError("no value given")
    kind = FIELDS[field_id].kind
    if kind == "numeric":
        found = _NUMBER.match(text)
        if not found:
            raise ReviewInputError(
                f"{text!r} is not a number (write 642, 1,253, 87.7% or 87.7% of FIELD)"
            )
        raw, percent, of = found.groups()
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            raise ReviewInputError(f"{text!r} is not a number") from None
        if value < 0:
            raise ReviewInputError("a count or percentage cannot be negative")
        if of is not None and of not in NUMERIC_FIELDS:
            raise ReviewInputError(f"{of!r} is not a numeric field id")
        if percent:
            if value > 100:
                raise ReviewInputError(f"{value:g}% is over 100%")
            return value, "percent", of
        if of is not None:
            raise ReviewInputError("'of FIELD' goes with a percentage")
        if not value.is_integer():
            raise ReviewInputError(f"{value:g} is not a whole count (add % for a percentage)")
        return int(value), "count", None
    if kind in ("choice", "provider"):
        allowed = options(field_id)
        picked = [part.strip().lower().replace(" ", "_") for part in text.split(",")]
        unknown = [p for p in picked if p not in allowed]
        if unknown:
            raise ReviewInputError(
                f"{', '.join(unknown)} is not an option of {field_id} (one or more of: "
                f"{', '.join(allowed)})"
            )
        return list(dict.fromkeys(picked)), None, None
    return text, None, None


def parse_status(text: str) -> str:
    """A status as typed ('not held', 'exempt', 'refused', 'not answered')."""
    found = STATUS_WORDS.get(text.strip().lower().replace("-", " "))
    if found is None:
        raise ReviewInputError(
            f"{text.strip()!r} is not a status (one of: not held, exempt, refused, not answered)"
        )
    return found


# -- who decided, and their note --------------------------------------------------------------

_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Bidirectional embeddings, overrides and isolates: they make a name read differently."""
NOTE_WHITESPACE = frozenset("\t\n\r")
"""The only control characters a note may hold (a note may have lines and tabs)."""


def _unsafe_character(text: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """The first character that is a control (or a line separator, or a direction control)
    and not ``allowed``, as U+XXXX; None when there is none."""
    for char in text:
        if char in allowed:
            continue
        if unicodedata.category(char) in ("Cc", "Zl", "Zp") or char in _DIRECTION_CONTROLS:
            return f"U+{ord(char):04X}"
    return None


def reviewer_name(name: str | None) -> str:
    """A reviewer's name as recorded (surrounding spaces off); `ReviewInputError` when it is
    empty or holds a control character (NUL, an escape, a tab or line break, a direction
    override), which would be stored, printed and exported as part of every decision."""
    name = (name or "").strip()
    if not name:
        raise ReviewInputError("the reviewer's name is empty: give a name (--reviewer NAME)")
    found = _unsafe_character(name)
    if found is not None:
        raise ReviewInputError(
            f"the reviewer's name holds a control character ({found}): give a plain name"
        )
    return name


def review_note(note: str | None) -> str | None:
    """A reviewer's note as recorded (None when empty); it may hold line breaks and tabs but no
    other control character (NUL, an escape...): `ReviewInputError` then."""
    if note is None or not note.strip():
        return None
    found = _unsafe_character(note, NOTE_WHITESPACE)
    if found is not None:
        raise ReviewInputError(
            f"the note holds a control character ({found}); only line breaks and tabs may be in it"
        )
    return note


def make_decision(
    item: ReviewItem,
    action: ReviewAction,
    reviewer: str,
    *,
    value: Value = None,
    unit: str | None = None,
    of: str | None = None,
    status: str | None = None,
    note: str | None = None,
) -> ReviewDecision:
    """A decision on an item, stamped with the reviewer and the time (UTC).

    Raises `ReviewInputError` for a reviewer's name or a note that cannot be recorded
    (`reviewer_name`, `review_note`)."""
    reviewer, note = reviewer_name(reviewer), review_note(note)
    return ReviewDecision(
        letter_sha256=item.sha256,
        letter_path=item.path,
        field=item.field_id,
        action=action,
        value=value,
        unit=unit,
        of=of,
        status=status if action == "set_status" else ("answered" if action == "correct" else None),
        reviewer=reviewer,
        decided_at=utc_now(),
        note=note,
    )


STATUS_KEYS = {"h": "not_held", "e": "exempt", "r": "refused", "n": "not_answered"}
"""The one-letter statuses a reviewer may type in the terminal or press in the browser."""
ACTION_WORDS: dict[str, ReviewAction] = {
    **dict.fromkeys(("a", "accept"), "accept"),
    **dict.fromkeys(("c", "correct"), "correct"),
    **dict.fromkeys(("s", "status", "set_status"), "set_status"),
}


class DecisionConflict(Exception):
    """Someone decided the field after the reviewer's page showed it: nothing was recorded.
    ``theirs`` is the decision now in the store, ``mine`` the one that was not recorded."""

    def __init__(self, theirs: ReviewDecision | None, theirs_id: int, mine: ReviewDecision):
        super().__init__("this field was decided by someone else since the page showed it")
        self.theirs, self.theirs_id, self.mine = theirs, theirs_id, mine


def decide(
    item: ReviewItem,
    action: str,
    reviewer: str,
    *,
    value: str | None = None,
    status: str | None = None,
    note: str | None = None,
) -> ReviewDecision:
    """A decision from what a reviewer gave, read and checked: the action ('a', 'accept',
    'c', 'correct', 's', 'status'), for a correction the value as typed (`parse_value`), for
    a status its word or key ('not held', 'h'), the reviewer's name and a note.

    The terminal review, the review sheet and the browser review all make their decisions
    here. Raises `ReviewInputError` with a one-line reason when any part cannot be recorded."""
    chosen = ACTION_WORDS.get(action.strip().lower())
    if chosen is None:
        raise ReviewInputError(f"{action.strip()!r} is not a decision (accept, correct or status)")
    if chosen == "accept":
        return make_decision(item, "accept", reviewer, note=note)
    if chosen == "correct":
        new_value, unit, of = parse_value(item.field_id, value or "")
        return make_decision(
            item, "correct", reviewer, value=new_value, unit=unit, of=of, note=note
        )
    typed = (status or "").strip()
    found = STATUS_KEYS.get(typed.lower()) or parse_status(typed)
    return make_decision(item, "set_status", reviewer, status=found, note=note)


def write_decisions(
    store: Store, decisions: Sequence[ReviewDecision], *, seen: int | None = None
) -> int:
    """The one place review decisions reach the run store, for the terminal, the browser
    and the review sheet alike: all of ``decisions`` in one transaction, or none. With
    ``seen`` (one decision; the row id of the newest decision the reviewer was shown, 0 for
    none) it is written only if nobody decided the field since. Returns how many were
    written (0 when ``seen`` is stale)."""
    if seen is None:
        return store.add_decisions(decisions)
    (decision,) = decisions
    return 0 if store.add_decision_if_latest(decision, seen) is None else 1


def record_decision(
    store: Store,
    item: ReviewItem,
    action: str,
    reviewer: str,
    *,
    value: str | None = None,
    status: str | None = None,
    note: str | None = None,
    seen: int | None = None,
) -> ReviewDecision:
    """Read, check (`decide`) and record one decision in the run store at once.

    With ``seen`` (the row id of the newest decision the reviewer's page showed, 0 for none)
    the decision is recorded only if nobody decided the field since; otherwise
    `DecisionConflict` carries both decisions and nothing is written. The item is updated."""
    decision = decide(item, action, reviewer, value=value, status=status, note=note)
    if not write_decisions(store, [decision], seen=seen):
        latest = store.latest_decision(item.sha256, item.field_id)
        theirs_id, theirs = latest if latest is not None else (0, None)
        raise DecisionConflict(theirs, theirs_id, decision)
    item.decision = decision
    return decision


def describe_decision(decision: ReviewDecision) -> str:
    """A decision in a few words: 'corrected to 642 by sam at 2026-01-02T10:00:00Z'."""
    if decision.action == "accept":
        what = "accepted"
    elif decision.action == "correct":
        what = f"corrected to {describe_value(decision.value, decision.unit, decision.of)}"
    else:
        what = f"status set to {(decision.status or '').replace('_', ' ')}"
    text = f"{what} by {decision.reviewer} at {decision.decided_at}"
    return text + (f" (note: {one_line(decision.note)})" if decision.note else "")


def describe_value(value: Any, unit: str | None, of: str | None) -> str:
    """A value as a reviewer reads it: '1,253', '87.7% of missing_incidents', 'yes, no'."""
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if unit == "percent":
            return f"{value:g}%" + (f" of {of}" if of else "")
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return str(value)
