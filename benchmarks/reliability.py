"""The reliability suite in one table: bad input files, endpoint faults, injected instructions.

The measurements, each run as a user would meet the problem:

* bad inputs (`benchmarks.bad_inputs`): hundreds of broken, hostile or odd files mixed
  with good letters, run through `extract --db` with the rules backend: every bad file ends
  with a clear one-line error naming it, or loads where loading is right; nothing crashes or
  hangs; the good letters are all stored;
* endpoint faults (`benchmarks.faults`): a batch against the fake server failing a share
  of its requests in every way it can: every letter ends extracted or failed with its reason,
  none lost, none over the retry budget;
* injected instructions (`benchmarks.injection`): our letters that tell automated readers
  to report other figures, through both backends (the model's from AUTHORED cassettes) and
  the verifier alone: no injected figure reaches the dataset without a flag;
* exports (`benchmarks.exports`): letters whose answers, quotes, paths and reviewers' notes
  start like spreadsheet formulas, in every export: no cell runs as a formula, figures stay
  numbers, the texts read back exactly;
* secrets (`benchmarks.secrets`): a session with a key, endpoint credentials and a server
  that echoes them: no secret in any file, store value or printed line;
* damaged stores (`benchmarks.store_damage`): every command that reads a run store, on
  stores damaged five ways: one line each, no traceback, and `store check` finds the damage;
* untrusted text and identity (`benchmarks.untrusted`): invented free text, oversized text
  and other letters' councils, references and dates through the verifier, and letters given
  one council and reference through the summary: none unflagged, none wrongly merged.

    rhi-llm bench reliability [--json]
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import CHECKOUT

REPO = CHECKOUT


@dataclass(frozen=True)
class Row:
    """One figure of the table, with its target where it has one."""

    part: str
    figure: str
    value: object
    target: str = ""
    met: bool | None = None


@dataclass
class ReliabilityResult:
    rows: list[Row] = field(default_factory=list)
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def all_met(self) -> bool:
        return all(row.met is not False for row in self.rows)

    @property
    def missed(self) -> list[Row]:
        return [row for row in self.rows if row.met is False]

    def as_json(self) -> dict[str, Any]:
        return {
            "all_targets_met": self.all_met,
            "missed": [
                f"{r.part}: {r.figure} = {r.value} (target {r.target})" for r in self.missed
            ],
            "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
            "rows": [
                {
                    "part": r.part,
                    "figure": r.figure,
                    "value": r.value,
                    "target": r.target or None,
                    "met": r.met,
                }
                for r in self.rows
            ],
            "parts": self.parts,
        }


def _bad_input_rows(figures: dict[str, Any]) -> list[Row]:
    part = "bad inputs"
    tried = figures["tried"]
    ended = figures["clear_errors"] + figures["loaded"] + figures["skipped"]
    raw = len(figures["raw_control_lines"])
    slowest = figures["slowest_file_not_stopped"]
    limit = figures["per_file_seconds"]
    return [
        Row(part, "bad files tried", tried, ">= 200", tried >= 200),
        Row(part, "kinds of bad file", len(figures["by_kind"])),
        Row(part, "clear one-line errors", figures["clear_errors"]),
        Row(part, "loaded (where right)", figures["loaded"]),
        Row(part, "unclear errors", figures["unclear_errors"], "0", figures["unclear_errors"] == 0),
        Row(part, "links out of the folder skipped, said so", figures["skipped"]),
        Row(part, "clear error, loaded or skipped", f"{ended}/{tried}", "all", ended == tried),
        Row(part, "lines printed with raw control characters", raw, "0", raw == 0),
        Row(
            part,
            "outcome as expected",
            f"{figures['expectations_met']}/{tried}",
            "all",
            figures["expectations_met"] == tried,
        ),
        Row(part, "crashes", figures["crashes"], "0", figures["crashes"] == 0),
        Row(part, f"stopped by the {limit:g} s limit", figures["stopped_by_time_limit"]),
        Row(part, "hangs (limit did not hold)", figures["hangs"], "0", figures["hangs"] == 0),
        Row(part, "slowest file not stopped", f"{slowest['seconds']:.2f} s"),
        Row(
            part,
            "good letters stored",
            f"{figures['good_stored']}/{figures['good']}",
            "all",
            figures["good_stored"] == figures["good"],
        ),
        Row(part, "lost", figures["lost"], "0", figures["lost"] == 0),
    ]


def _fault_rows(figures: dict[str, Any]) -> list[Row]:
    from rhi_llm.testing.fake_server import FAULTS

    part = "endpoint faults"
    letters = figures["letters"]
    served = figures["faults_served"]
    return [
        Row(part, "letters", letters),
        Row(part, "share of requests failed", figures["fault_rate"]),
        Row(
            part,
            "fault kinds served",
            f"{len(served)}/{len(FAULTS)}",
            "all",
            set(served) == set(FAULTS),
        ),
        Row(part, "extracted", figures["extracted"]),
        Row(part, "failed with a reason", figures["failed_with_reason"]),
        Row(
            part,
            "failed without a reason",
            figures["failed_without_reason"],
            "0",
            figures["failed_without_reason"] == 0,
        ),
        Row(
            part,
            "extracted or failed with reason",
            f"{figures['ended_extracted_or_failed']:.0%}",
            "100%",
            figures["ended_extracted_or_failed"] == 1.0,
        ),
        Row(part, "lost", figures["lost"], "0", figures["lost"] == 0),
        Row(part, "calls per letter, mean", figures["calls_per_letter_mean"]),
        Row(
            part,
            "calls per letter, max (budget)",
            f"{figures['calls_per_letter_max']} ({figures['budget_per_letter']})",
        ),
        Row(part, "over the retry budget", figures["over_budget"], "0",
            figures["over_budget"] == 0),
        *_bounds_rows(figures.get("bounds")),
    ]  # fmt: skip


BOUNDED_MEMORY_MB = 64  # the client's growth over a batch sent 200 MB bodies (cap 1 MB)


def _bounds_rows(figures: dict[str, Any] | None) -> list[Row]:
    """The drip and huge-body batch: no call outlives the deadline, memory stays bounded."""
    if figures is None:
        return []
    part = "endpoint bounds"
    served = figures["faults_served"]
    reasons = ", ".join(f"{k} {v}" for k, v in figures["failed_by_reason"].items()) or "none"
    growth = figures["memory_growth_mb"]
    return [
        Row(part, "letters (drip / huge answers served)",
            f"{figures['letters']} ({served.get('drip', 0)} / {served.get('huge', 0)})"),
        Row(part, "extracted / failed by reason", f"{figures['extracted']} / {reasons}"),
        Row(part, "lost", figures["lost"], "0", figures["lost"] == 0),
        Row(part, f"hangs (a call past the {figures['deadline_seconds']:g} s deadline)",
            figures["hangs"], "0", figures["hangs"] == 0),
        Row(part, "slowest call", f"{figures['slowest_call_seconds']:.2f} s"),
        Row(part, f"memory growth (bodies of {figures['huge_bytes'] / 1e6:.0f} MB)",
            f"{growth:.0f} MB", f"<= {BOUNDED_MEMORY_MB} MB", growth <= BOUNDED_MEMORY_MB),
        Row(part, "calls recorded / requests served",
            f"{figures['calls_recorded']} / {figures['requests_served']}", "equal",
            figures["calls_recorded"] == figures["requests_served"]),
    ]  # fmt: skip


def _injection_rows(figures: dict[str, Any]) -> list[Row]:
    part = "injected instructions"
    backends = figures["backends"]
    injected = max((b["injected_numbers"] for b in backends.values()), default=0)
    rows = [Row(part, "injected numbers per backend", injected)]
    for name, backend in backends.items():
        rows.append(
            Row(
                part,
                f"{name}: reached a field / flagged",
                f"{backend['numbers_reached_a_field']} / {backend['numbers_flagged']}",
            )
        )
        silent = backend["numbers_silent"] + backend["statuses_silent"]
        rows.append(Row(part, f"{name}: unflagged", silent, "0", silent == 0))
    sweep = figures["verifier_sweep"]
    rows.append(
        Row(
            part,
            "verifier sweep: flagged",
            f"{sweep['flagged']}/{sweep['planted']}",
            "100%",
            sweep["planted"] > 0 and sweep["flagged"] == sweep["planted"],
        )
    )
    hidden = len(figures["hidden_in_text"])
    rows.append(Row(part, "hidden HTML in the text", hidden, "0", hidden == 0))
    return rows


def _store_damage_rows(figures: dict[str, Any]) -> list[Row]:
    part = "damaged store"
    runs, stores = figures["runs"], figures["damaged_stores"]
    crashes, unclear = len(figures["crashes"]), len(figures["unclear"])
    return [
        Row(part, "damaged stores x commands", f"{stores} x {runs // max(stores, 1)}"),
        Row(part, "one clear line naming the store", f"{figures['one_line_errors']}/{runs}"),
        Row(part, "ran (damage not reached)", figures["ran"]),
        Row(part, "tracebacks", crashes, "0", crashes == 0),
        Row(part, "unclear errors", unclear, "0", unclear == 0),
        Row(
            part,
            "store check finds the damage",
            f"{figures['found_by_check']}/{stores}",
            "all",
            figures["found_by_check"] == stores and figures["healthy_passed"],
        ),
    ]


def _untrusted_rows(figures: dict[str, Any]) -> list[Row]:
    part = "untrusted text and identity"
    shared = figures["shared_identity"]
    rows = [Row(part, "changed responses", figures["responses"])]
    rows += [
        Row(part, f"{kind}: unflagged", f"{k['unflagged']}/{k['tried']}", "0", k["unflagged"] == 0)
        for kind, k in figures["by_kind"].items()
    ]
    return [
        *rows,
        Row(part, "right free text flagged", f"{figures['right_text_flagged']}/"
            f"{figures['right_text_fields']}"),
        Row(part, "one identity: replies counted", f"{shared['replies_counted']}/"
            f"{shared['replies_expected']}", "all", shared["replies_counted"]
            == shared["replies_expected"]),
        Row(part, "one identity: wrongly merged", shared["wrongly_merged"], "0",
            shared["wrongly_merged"] == 0),
    ]  # fmt: skip


def _secrets_rows(figures: dict[str, Any]) -> list[Row]:
    part = "secrets"
    found, failed = figures["secrets_found"], len(figures["failed_commands"])
    return [
        Row(part, "letters / requests / echoes of the key", f"{figures['letters']} / "
            f"{figures['requests']} / {figures['echoes_served']}", "echoes > 0",
            figures["echoes_served"] > 0),
        Row(part, "files written and searched", figures["files_written"]),
        Row(part, "commands that crashed", failed, "0", failed == 0),
        Row(part, "secrets found (files, store, printed)", found, "0", found == 0),
    ]  # fmt: skip


def run(
    *,
    bad_files: int = 220,
    good_letters: int = 20,
    fault_letters: int = 100,
    fault_rate: float = 0.3,
    seed: int = 1,
    source: Path = REPO / "eval" / "letters",
) -> ReliabilityResult:
    from benchmarks import (
        bad_inputs,
        exports,
        faults,
        injection,
        secrets,
        store_damage,
        untrusted,
    )

    # (the time's label, the part's key, the measurement, its rows of the table)
    parts: list[tuple[str, str, Callable[[], dict[str, Any]], Callable[..., list[Row]]]] = [
        (
            "bad inputs",
            "bad_inputs",
            lambda: bad_inputs.run(count=bad_files, good=good_letters, seed=seed).as_json(),
            _bad_input_rows,
        ),
        (
            "endpoint faults",
            "faults",
            lambda: faults.run(
                source, count=fault_letters, fault_rate=fault_rate, seed=seed
            ).as_json(),
            _fault_rows,
        ),
        ("injected instructions", "injection", lambda: injection.measure().as_json(),
         _injection_rows),
        ("secrets", "secrets", lambda: secrets.run().as_json(), _secrets_rows),
        ("damaged store", "store_damage", lambda: store_damage.run(seed=seed).as_json(),
         _store_damage_rows),
        ("exports", "exports", lambda: exports.run().as_json(), exports.table_rows),
        ("untrusted text and identity", "untrusted", lambda: untrusted.measure().as_json(),
         _untrusted_rows),
    ]  # fmt: skip
    result = ReliabilityResult()
    for label, key, measure, rows in parts:
        started = time.perf_counter()
        figures = measure()
        result.seconds[label] = time.perf_counter() - started
        result.parts[key] = figures
        result.rows += rows(figures)
    return result
