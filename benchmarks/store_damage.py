"""Run stores damaged in several ways, opened by every command that reads one.

A store can be damaged inside while its header stays valid: a disk or a copy that failed
part-way, a sync tool that wrote over a page. Every command on such a store must end with one
line naming it and saying to run `rhi-llm store check`, never a traceback, and `store check`
must find the damage (and pass the healthy store).

    rhi-llm bench reliability      (the "damaged store" rows)
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import CHECKOUT

PAGE = 4096


def _garbage_after_header(data: bytearray, noise: random.Random) -> None:
    data[2 * PAGE :] = bytes(noise.randrange(256) for _ in range(len(data) - 2 * PAGE))


def _zeroed_middle(data: bytearray, noise: random.Random) -> None:
    pages = len(data) // PAGE
    for page in noise.sample(range(1, pages), k=max(1, pages // 3)):
        data[page * PAGE : (page + 1) * PAGE] = bytes(PAGE)


def _cut_short(data: bytearray, noise: random.Random) -> None:
    del data[len(data) // 2 :]


def _flipped_bytes(data: bytearray, noise: random.Random) -> None:
    for _ in range(len(data) // 64):
        spot = noise.randrange(PAGE, len(data))
        data[spot] ^= 0xFF


def _not_sqlite(data: bytearray, noise: random.Random) -> None:
    data[:100] = bytes(noise.randrange(256) for _ in range(100))


DAMAGE: dict[str, Callable[[bytearray, random.Random], None]] = {
    "garbage after the header": _garbage_after_header,
    "a third of the pages zeroed": _zeroed_middle,
    "cut short at half": _cut_short,
    "bytes flipped throughout": _flipped_bytes,
    "header overwritten": _not_sqlite,
}

COMMANDS: dict[str, list[str]] = {
    "export": ["export", "-o", "{out}/x.csv"],
    "export --long jsonl": ["export", "--long", "--format", "jsonl", "-o", "{out}/x.jsonl"],
    "summary": ["summary"],
    "report": ["report", "-o", "{out}/r.html"],
    "review export": ["review", "export", "-o", "{out}/sheet.csv"],
    "extract": ["extract", "{letters}"],
}


@dataclass
class DamageResult:
    runs: int = 0
    one_line_errors: int = 0
    ran: int = 0  # exit 0: the damage was on pages this command never read
    crashes: list[str] = field(default_factory=list)
    unclear: list[str] = field(default_factory=list)
    damaged_stores: int = 0
    found_by_check: int = 0
    healthy_passed: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "runs": self.runs,
            "one_line_errors": self.one_line_errors,
            "ran": self.ran,
            "crashes": self.crashes,
            "unclear": self.unclear,
            "damaged_stores": self.damaged_stores,
            "found_by_check": self.found_by_check,
            "healthy_passed": self.healthy_passed,
        }


def _healthy_store(folder: Path, letters: Path) -> Path:
    from typer.testing import CliRunner

    from rhi_llm import cli

    db = folder / "healthy.db"
    result = CliRunner().invoke(cli.app, ["extract", str(letters), "--db", str(db)])
    if result.exit_code != 0:
        raise RuntimeError(f"could not build the healthy store: {result.output[-300:]}")
    with sqlite3.connect(db) as store:  # a bigger store, so damage lands on many kinds of page
        store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def _judge(result: Any, db: Path, name: str, out: DamageResult) -> None:
    out.runs += 1
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        out.crashes.append(f"{name}: {type(result.exception).__name__}: {result.exception}")
        return
    if result.exit_code == 0:
        out.ran += 1
        return
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    if "Traceback" in result.output or len(errors) != 1 or str(db) not in errors[0]:
        out.unclear.append(f"{name}: {result.output.strip()[-200:]}")
    else:
        out.one_line_errors += 1


def run(*, seed: int = 18, letters: Path = CHECKOUT / "eval" / "letters") -> DamageResult:
    from typer.testing import CliRunner

    from rhi_llm import cli
    from rhi_llm.store import check_store

    runner = CliRunner()
    out = DamageResult()
    with tempfile.TemporaryDirectory(prefix="rhi-store-damage-") as name:
        folder = Path(name)
        healthy = _healthy_store(folder, letters)
        out.healthy_passed = check_store(healthy).ok
        for kind, damage in DAMAGE.items():
            data = bytearray(healthy.read_bytes())
            damage(data, random.Random(seed))
            out.damaged_stores += 1
            for command, args in COMMANDS.items():
                db = folder / "damaged.db"
                db.write_bytes(bytes(data))
                filled = [a.format(out=folder, letters=letters) for a in args]
                result = runner.invoke(cli.app, [*filled, "--db", str(db)])
                _judge(result, db, f"{kind} / {command}", out)
            db.write_bytes(bytes(data))
            check = runner.invoke(cli.app, ["store", "check", "--db", str(db)])
            if check.exit_code != 0 and "Traceback" not in check.output:
                out.found_by_check += 1
        shutil.rmtree(folder, ignore_errors=True)
    return out
