"""What a batch shows while it runs: a rich progress bar on a terminal, a line now and then in
plain mode (a pipe, CI), nothing in quiet mode; and one summary table at the end."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from rhi_llm.core.records import OutputRow
from rhi_llm.pipeline import LetterOutcome

Mode = Literal["bar", "plain", "quiet"]


def choose_mode(quiet: bool, console: Console) -> Mode:
    if quiet:
        return "quiet"
    return "bar" if console.is_terminal else "plain"


@dataclass
class Tally:
    total: int
    skipped: int = 0
    not_letters: int = 0  # files in the folders named that are not letters (listed as skipped)
    ok: int = 0
    flagged: int = 0
    failed: int = 0
    calls: int = 0
    tokens: int = 0
    cost: float = 0.0
    priced: bool = False
    reasons: dict[str, int] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> int:
        return self.ok + self.flagged + self.failed

    def add(self, outcome: LetterOutcome) -> None:
        self.calls += len(outcome.calls)
        if outcome.row is None:
            self.failed += 1
            reason = getattr(outcome.error, "reason", "error")
            self.reasons[reason] = self.reasons.get(reason, 0) + 1
            self.tokens += sum(c.prompt_tokens + c.completion_tokens for c in outcome.calls)
            return
        provenance = outcome.row.provenance
        self.tokens += provenance.tokens.total
        if provenance.cost_usd is not None:
            self.cost += provenance.cost_usd
            self.priced = True
        if any(f.verdict == "flagged" for f in outcome.row.fields.values()):
            self.flagged += 1
        else:
            self.ok += 1

    def cost_text(self) -> str:
        return f"${self.cost:.4f}" if self.priced else "n/a"


class _InFlight(ProgressColumn):
    """Model requests in flight right now, read from the batch's shared counter."""

    def __init__(self, counter: Any) -> None:
        super().__init__()
        self.counter = counter

    def render(self, task: Task) -> Text:
        value = self.counter.value if self.counter is not None else 0
        return Text(f"{value} in flight")


class BatchProgress:
    """Use as a context manager around a batch; call `done(outcome)` for each letter."""

    def __init__(
        self, tally: Tally, mode: Mode, console: Console, in_flight: Any = None, every: float = 5.0
    ) -> None:
        self.tally = tally
        self.mode = mode
        self.console = console
        self.in_flight = in_flight
        self.every = every
        self._last_line = 0.0
        self._progress: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> BatchProgress:
        if self.mode == "bar":
            columns: list[ProgressColumn] = [
                BarColumn(bar_width=8),
                MofNCompleteColumn(),
                TextColumn(
                    "ok {task.fields[ok]} flag {task.fields[flagged]} fail {task.fields[failed]}"
                ),
            ]
            if self.in_flight is not None:  # a model backend: requests, tokens, cost
                columns += [
                    _InFlight(self.in_flight),
                    TextColumn("{task.fields[tokens]} tok {task.fields[cost]}"),
                ]
            columns += [TextColumn("eta"), TimeRemainingColumn()]
            self._progress = Progress(*columns, console=self.console, transient=False)
            self._progress.start()
            self._task = self._progress.add_task(
                "extract", total=self.tally.total - self.tally.skipped, **self._fields()
            )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _fields(self) -> dict[str, Any]:
        t = self.tally
        return {
            "ok": t.ok,
            "flagged": t.flagged,
            "failed": t.failed,
            "tokens": f"{t.tokens:,}",
            "cost": t.cost_text(),
        }

    def done(self, outcome: LetterOutcome) -> None:
        self.tally.add(outcome)
        if self._progress is not None:
            self._progress.update(self._task, advance=1, **self._fields())
        elif self.mode == "plain":
            self._maybe_line()

    def _maybe_line(self) -> None:
        now = time.monotonic()
        t = self.tally
        todo = t.total - t.skipped
        if t.done < todo and now - self._last_line < self.every:
            return
        self._last_line = now
        flight = self.in_flight.value if self.in_flight is not None else 0
        print(
            f"[{t.done}/{todo}] ok {t.ok} flagged {t.flagged} failed {t.failed} | "
            f"in flight {flight} | tokens {t.tokens:,} | cost {t.cost_text()} | "
            f"{now - t.started:.0f}s",
            file=sys.stderr,
            flush=True,
        )


def summary_table(tally: Tally, store_path: str | None, found: Sequence[OutputRow] = ()) -> Table:
    """What a batch did, in one short table: letters read and failed, the fields extracted
    from the rows ``found`` and how many of them wait for review, calls, tokens and time."""
    fields = [f for row in found for f in row.fields.values()]
    table = Table(title="Batch summary", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("letters", tally.total),
        *((("not letters, skipped", tally.not_letters),) if tally.not_letters else ()),
        ("already in the store (no call)", tally.skipped),
        ("extracted now: ok", tally.ok),
        ("extracted now: with flagged fields", tally.flagged),
        ("failed", tally.failed),
        *((f"  failed: {reason}", n) for reason, n in sorted(tally.reasons.items())),
        ("fields extracted", sum(f.verdict != "missing" for f in fields)),
        ("fields flagged for review", sum(f.verdict == "flagged" for f in fields)),
        ("model calls", tally.calls),
        ("tokens", f"{tally.tokens:,}"),
        ("estimated cost", tally.cost_text()),
        ("seconds", f"{time.monotonic() - tally.started:.1f}"),
    ]
    if store_path:
        rows.append(("run store", store_path))
    for what, count in rows:
        table.add_row(what, str(count))
    return table
