"""`rhi-llm review`: walk the flagged fields one by one in the terminal and decide each.

Each screen shows the council and file, the question as asked, the extracted value (the
other backend's too when they disagree, and the count derived from a percentage), the flags in
plain words, and the letter's own answer with the quote highlighted and its page. One line of
input decides:

    a               accept the extracted value
    c VALUE         correct it (``c 642``, ``c 87.7%``, ``c 87.7% of missing_incidents``,
                    ``c yes``; ``c`` alone asks for the value)
    s STATUS        set a status: ``s h`` not held, ``s e`` exempt, ``s r`` refused,
                    ``s n`` not answered (``s`` alone asks)
    k or Enter      skip for now
    b               go back to the previous field (its decision can be changed)
    q               quit (so does the end of input)

Every decision is written to the run store at once, with the reviewer and the time; nothing
is lost when the session stops. A new session starts at the first field with no decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rhi_llm.core.terminal import tag
from rhi_llm.review import (
    ReviewInputError,
    ReviewItem,
    TablePlace,
    describe_decision,
    describe_value,
    options,
    question_heading,
    record_decision,
    reviewer_name,
)
from rhi_llm.store import Store

HELP = "[a]ccept  [c]orrect VALUE  [s]tatus h|e|r|n  [k] skip  [b]ack  [q]uit"


class EndOfInput(Exception):
    """The reviewer's input ended (Ctrl-D, or the end of a scripted session)."""


@dataclass
class SessionResult:
    accepted: int = 0
    corrected: int = 0
    status_set: int = 0
    skipped: int = 0
    left: int = 0  # flagged fields still without a decision when the session ended
    quit_early: bool = False
    decided: list[tuple[str, str]] = field(default_factory=list)  # (file, field) in order


class ReviewSession:
    """One reviewer's pass over a list of review items."""

    def __init__(
        self,
        store: Store,
        items: list[ReviewItem],
        reviewer: str,
        console: Console,
        ask: Callable[[str], str] | None = None,
        *,
        name_from: str | None = None,
        confirm_name: bool = False,
    ) -> None:
        """``name_from`` says where ``reviewer`` came from when the reviewer did not give it
        (--reviewer): the session then says, before the first field, which name it records,
        and with ``confirm_name`` (an interactive terminal) asks once, Enter keeping it."""
        self.store = store
        self.items = items
        self.reviewer = reviewer
        self.console = console
        self._ask = ask or (lambda prompt: console.input(Text(prompt)))  # shown, not marked up
        self.name_from = name_from
        self.confirm_name = confirm_name
        self.result = SessionResult()

    def ask(self, prompt: str) -> str:
        try:
            return self._ask(prompt)
        except EOFError:
            raise EndOfInput from None

    def run(self) -> SessionResult:
        pending = [i for i, item in enumerate(self.items) if item.decision is None]
        if not pending:
            self.console.print(
                f"Every one of the {len(self.items)} flagged fields has a decision."
                if self.items
                else "No flagged field to review."
            )
            return self.result
        done = len(self.items) - len(pending)
        if done:
            self.console.print(
                f"Resuming: {done} of {len(self.items)} flagged fields already decided."
            )
        history: list[int] = []
        index: int | None = pending[0]
        try:
            self._settle_reviewer()
            while index is not None:
                self.show(index)
                step = self.decide(index)
                if step == "quit":
                    self.result.quit_early = True
                    break
                if step == "back":
                    if history:
                        index = history.pop()
                    else:
                        self.console.print(tag("this is the first field of the session", "yellow"))
                    continue
                history.append(index)
                index = self._next(index)
        except EndOfInput:
            self.result.quit_early = True
        self.result.left = sum(1 for item in self.items if item.decision is None)
        return self.result

    def _settle_reviewer(self) -> None:
        """Say which name the decisions will carry when the reviewer did not give one, and
        on a terminal ask once (Enter keeps it; a name that cannot be recorded is asked
        again)."""
        if self.name_from is None:
            return
        where = f" ({self.name_from}; --reviewer NAME or RHI_LLM_REVIEWER to change it)"
        while self.confirm_name:
            typed = self.ask(f"your name, recorded with each decision [{self.reviewer}]: ")
            if not typed.strip():
                break
            try:
                self.reviewer, where = reviewer_name(typed), ""
            except ReviewInputError as problem:
                self.console.print(tag(str(problem), "red"))
                continue
            break
        self.console.print(
            tag("decisions are recorded as ", ""),
            tag(self.reviewer, "bold"),
            tag(where, "dim"),
            sep="",
        )

    def _next(self, index: int) -> int | None:
        for later in range(index + 1, len(self.items)):
            if self.items[later].decision is None:
                return later
        return None

    # -- one field ------------------------------------------------------------------------

    def decide(self, index: int) -> str:
        """Read commands until one moves on; returns 'next', 'back' or 'quit'."""
        item = self.items[index]
        while True:
            line = self.ask(f"{HELP}\n> ").strip()
            command, _, argument = line.partition(" ")
            command = command.lower()
            argument = argument.strip()
            try:
                if command in ("", "k", "skip"):
                    self.result.skipped += 1
                    return "next"
                if command in ("q", "quit"):
                    return "quit"
                if command in ("b", "back"):
                    return "back"
                if command in ("a", "accept"):
                    self._record(item, "accept")
                    self.result.accepted += 1
                    return "next"
                if command in ("c", "correct"):
                    if not argument:
                        argument = self.ask(self._value_prompt(item)).strip()
                        if not argument:
                            continue  # nothing typed: back to the choice
                    self._record(item, "correct", value=argument)
                    self.result.corrected += 1
                    return "next"
                if command in ("s", "status"):
                    if not argument:
                        argument = self.ask(
                            "status: [h] not held  [e] exempt  [r] refused  [n] not answered > "
                        ).strip()
                        if not argument:
                            continue
                    self._record(item, "set_status", status=argument)
                    self.result.status_set += 1
                    return "next"
                self.console.print(tag(f"{command!r} is not a choice here", "yellow"))
            except ReviewInputError as problem:
                self.console.print(
                    tag(str(problem), "red"), ": nothing recorded, try again", sep=""
                )

    def _value_prompt(self, item: ReviewItem) -> str:
        allowed = options(item.field_id)
        if allowed:
            return f"new value (one or more of: {', '.join(allowed)}) > "
        if item.kind == "numeric":
            return "new value (642, 1,253, 87.7% or 87.7% of FIELD) > "
        return "new text > "

    def _record(
        self, item: ReviewItem, action: str, *, value: str | None = None, status: str | None = None
    ) -> None:
        # read, checked and committed now: nothing is lost if we stop here
        decision = record_decision(
            self.store, item, action, self.reviewer, value=value, status=status
        )
        self.result.decided.append((item.path, item.field_id))
        self.console.print(
            tag("recorded", "green"), tag(f": {describe_decision(decision)}", ""), sep=""
        )

    # -- what the reviewer sees -------------------------------------------------------------

    def show(self, index: int) -> None:
        item = self.items[index]
        self.console.rule(tag(f"{index + 1} of {len(self.items)}", "bold"))
        self.console.print(render_item(item), soft_wrap=False)


HIGHLIGHT = "bold black on yellow"  # the quote in the letter, and its figure in a table
ROWS_BEFORE, ROWS_AFTER = 5, 3  # of the wrapped letter shown around the quote's own rows
ROWS_WHOLE = 14  # a letter extract this short (wrapped) is shown whole


def _wrapped(*parts: Text) -> Text:
    """Parts as one text that wraps at spaces (a word longer than the line is folded, never
    cut), whatever the console's own settings (``soft_wrap`` would leave the cutting to the
    terminal, in the middle of words)."""
    line = Text.assemble(*parts)
    line.no_wrap = False
    line.overflow = "fold"
    return line


def render_item(item: ReviewItem) -> Group:
    """One flagged field as the reviewer sees it."""
    head = _wrapped(
        tag(item.council, "bold"),
        tag(f"  {item.path}", "dim"),
        tag(f"\n{item.field_id}", "bold cyan"),
        tag(f" ({item.label})", ""),
    )
    parts: list[RenderableType] = [head]
    for label, wording in item.questions():
        parts.append(_wrapped(tag(f"{question_heading(label)}: {wording}", "italic")))
    found = item.field
    parts.append(
        _wrapped(
            tag("extracted: ", "bold"),
            tag(describe_value(found.value, found.unit, found.of), ""),
            tag(f"   status: {found.status.replace('_', ' ')}", ""),
        )
    )
    if found.derived is not None:
        parts.append(_wrapped(tag(f"derived count: {found.derived.arithmetic}", "dim")))
    for source, other in found.alternatives.items():
        read = describe_value(other, found.unit, found.of)
        parts.append(_wrapped(tag(f"{source} read: {read}", "")))
    if item.decision is not None:
        parts.append(_wrapped(tag(f"decided: {describe_decision(item.decision)}", "green")))
    parts.append(_flags(item))
    place = item.table_place()
    if place is not None:
        parts.append(_table_view(place))
    parts.append(_letter_panel(item))
    return Group(*parts)


def _flags(item: ReviewItem) -> RenderableType:
    """The flags, one a line, each wrapped at spaces under its own first word."""
    heading = (
        "why the extracted value was flagged (before the decision above):"
        if item.decision is not None
        else "why flagged:"
    )
    grid = Table.grid(padding=(0, 0))
    grid.add_column(width=4, no_wrap=True)
    grid.add_column(overflow="fold")
    for flag in item.field.flags:
        grid.add_row(tag("  - ", "red"), _wrapped(tag(flag.message, "red")))
    return Group(_wrapped(tag(heading, "bold red")), grid)


def _table_view(place: TablePlace) -> RenderableType:
    """The figure's table row under the row that heads its columns, the figure marked."""
    where = [f"column {place.column_header!r}" if place.column_header else "", ""]
    if place.row_label:
        where[1] = f"row {place.row_label!r}"
    title = "in a table: " + (", ".join(w for w in where if w) or "no heading or label")
    columns = 1 + max(column for column, _ in (*place.heading, *place.row))
    table = Table(show_header=bool(place.heading), box=box.SIMPLE_HEAD, pad_edge=False)
    heading = dict(place.heading)
    for column in range(columns):
        table.add_column(_wrapped(tag(heading.get(column, ""), "bold")), overflow="fold")
    cells = dict(place.row)
    table.add_row(
        *(
            _wrapped(tag(cells.get(column, ""), HIGHLIGHT if column == place.column else ""))
            for column in range(columns)
        )
    )
    note = (
        ""
        if place.heading_is_header or not place.heading
        else " (no heading row was recognised: its first row is shown as one)"
    )
    return Group(_wrapped(tag(title + note, "bold")), table)


@dataclass
class LetterExtract:
    """The letter's words around the quote, wrapped to the width it is drawn at: all of it
    when it is short, else a window of rows around the quote's rows, which are always shown
    in full; an ellipsis marks letter text left out above or below."""

    text: Text
    cut_before: bool = False
    cut_after: bool = False

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = self.text.wrap(
            console, options.max_width, justify="left", overflow="fold", no_wrap=False
        )
        marked = [i for i, row in enumerate(rows) if any(s.style == HIGHLIGHT for s in row.spans)]
        first, last = 0, len(rows)
        if marked and len(rows) > ROWS_WHOLE:
            first = max(0, marked[0] - ROWS_BEFORE)
            last = min(len(rows), marked[-1] + 1 + ROWS_AFTER)
        if first > 0 or self.cut_before:
            yield tag("…", "dim")
        for row in rows[first:last]:
            row.no_wrap, row.overflow = True, "fold"  # already wrapped to the width
            yield row
        if last < len(rows) or self.cut_after:
            yield tag("…", "dim")


def _letter_panel(item: ReviewItem) -> Panel:
    context = item.context()
    if context is None:
        quote = item.field.quote or "(no quote)"
        body = _wrapped(tag(f"“{quote}”", "bold"))
        return Panel(body, title="quote (the letter's text is not in the store)")
    text, start, span, page = context
    shown = tag(text, "")
    if span is not None:
        a, b = span[0] - start, span[1] - start
        if 0 <= a < b <= len(text):  # the quote's own characters highlighted, made visible
            shown = Text.assemble(tag(text[:a], ""), tag(text[a:b], HIGHLIGHT), tag(text[b:], ""))
    whole = item.document.text if item.document is not None else text
    end = start + len(text)
    extract = LetterExtract(
        shown,
        cut_before=start > 0 and whole[start - 1] != "\n",
        cut_after=end < len(whole) and whole[end] != "\n",
    )
    title = f"the letter, page {page}" if page else "the letter"
    return Panel(extract, title=title, title_align="left")
