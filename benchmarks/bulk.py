"""Bulk runs recorded in the run store: speed and memory, reruns, and crashes.

    rhi-llm bench bulk  [--letters 500] [--latency 0.3] [--concurrency 32] [--json]
    rhi-llm bench crash [--letters 100] [--kills 10] [--latency 0.05] [--seed N] [--json]

Both run against the fake OpenAI-compatible server in its own process (its answers are the
rules backend's reading of each letter, computed before the clock starts, not a model's).

`bulk` times `run_bulk` (the code behind `rhi-llm extract --db`) over ``letters`` made from
eval/letters, against the ideal wall time letters x latency / concurrency, and samples peak
memory of the main process and its workers; then runs the same batch again and counts the
model calls the rerun makes (the target is none) and its time, in this process and as a new
`rhi-llm extract` process (imports and all). Like Python's start-up and every other import,
the openai SDK's own deferred import of its modules (about 0.4 s, on the first use of a
client) happens before the clock; it is timed and printed apart as ``sdk_import_s``.

`crash` runs `rhi-llm extract` as a separate process on a fresh store, kills it with SIGKILL
``kills`` times (restarting it after each): once while it starts up, then each time after a
random number of further letters has been recorded plus a random few milliseconds. It lets
the last run finish and compares the long export with that of one uninterrupted run: rows
missing, extra or different, and letters extracted more than once in the store (target: 0).
It also counts requests that a killed run's workers start after they should have noticed
that their main process is gone (target: 0).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console

from benchmarks.memory import MemorySampler, PeakMemory
from benchmarks.rules import build_corpus
from rhi_llm.batch import ORPHAN_CHECK_SECONDS
from rhi_llm.bulk import run_bulk
from rhi_llm.core.settings import Settings, build_settings
from rhi_llm.export import long_records
from rhi_llm.extract.llm import LlmBackend, import_sdk_seconds
from rhi_llm.progress import BatchProgress, Tally
from rhi_llm.store import open_store
from rhi_llm.testing.fake_server import ServerProcess

DUMMY_KEY = "sk-bench-dummy"
ORPHAN_GRACE = ORPHAN_CHECK_SECONDS + 0.25


# -- speed and memory -------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkResult:
    letters: int
    latency: float
    concurrency: int
    sdk_import: float  # before the clock, like every other import
    seconds: float
    first_request_after: float  # start-up: SDK import, response models, forking the workers
    failed: int
    calls: int
    max_in_flight: int
    memory: PeakMemory
    rerun_seconds: float
    rerun_calls: int
    rerun_skipped: int
    cli_rerun_seconds: float
    cli_rerun_calls: int

    @property
    def ideal(self) -> float:
        return self.letters * self.latency / self.concurrency

    def as_json(self) -> dict[str, object]:
        return {
            "letters": self.letters,
            "latency_s": self.latency,
            "concurrency": self.concurrency,
            "sdk_import_s": round(self.sdk_import, 3),
            "seconds": round(self.seconds, 3),
            "ideal_seconds": round(self.ideal, 3),
            "ratio_to_ideal": round(self.seconds / self.ideal, 3),
            "first_request_after_s": round(self.first_request_after, 3),
            "ratio_after_start_up": round(
                (self.seconds - self.first_request_after) / self.ideal, 3
            ),
            "failed": self.failed,
            "calls": self.calls,
            "max_in_flight": self.max_in_flight,
            "peak_main_rss_mb": round(self.memory.main_rss_mb, 1),
            "peak_worker_rss_mb": round(self.memory.worker_rss_mb, 1),
            "peak_total_pss_mb": round(self.memory.total_pss_mb, 1),
            "memory_sampled": self.memory.available,
            "rerun_seconds": round(self.rerun_seconds, 3),
            "rerun_calls": self.rerun_calls,
            "rerun_skipped": self.rerun_skipped,
            "cli_rerun_seconds": round(self.cli_rerun_seconds, 3),
            "cli_rerun_calls": self.cli_rerun_calls,
        }


def _settings(base_url: str, concurrency: int) -> Settings:
    return build_settings(
        environ={
            "OPENAI_BASE_URL": base_url,
            "OPENAI_API_KEY": DUMMY_KEY,
            "RHI_LLM_CONCURRENCY": str(concurrency),
            "RHI_LLM_TIMEOUT": "30",
        }
    )


def run(source: Path, count: int = 500, latency: float = 0.3, concurrency: int = 32) -> BulkResult:
    with tempfile.TemporaryDirectory(prefix="rhi-llm-bench-bulk-") as tmp:
        paths = build_corpus(source, Path(tmp) / "letters", count)
        with ServerProcess(latency=latency, answer_letters=paths) as server:
            settings = _settings(server.base_url, concurrency)
            sdk_import = import_sdk_seconds()
            store = open_store(Path(tmp) / "bench.db")
            exclude = {server.pid} if server.pid else set()
            with store:
                backend = LlmBackend(settings, cache=None)
                tally = Tally(total=len(paths))
                clock_start = time.monotonic()  # the server's request times use this clock
                started = time.perf_counter()
                with MemorySampler(exclude=exclude) as memory:
                    run_bulk(
                        paths,
                        backend,
                        store,
                        workers=None,
                        concurrency=concurrency,
                        progress=BatchProgress(tally, "quiet", _null_console()),
                    )
                seconds = time.perf_counter() - started
                first = server.stats()
                again = Tally(total=len(paths))
                started = time.perf_counter()
                run_bulk(
                    paths,
                    LlmBackend(settings, cache=None),
                    store,
                    workers=None,
                    concurrency=concurrency,
                    progress=BatchProgress(again, "quiet", _null_console()),
                )
                rerun_seconds = time.perf_counter() - started
                second = server.stats()
            # the same rerun as a user types it: a new process, imports and all
            command = _extract_command(Path(tmp) / "letters", Path(tmp) / "bench.db")
            started = time.perf_counter()
            subprocess.run(
                command,
                env=_environment(server.base_url, concurrency),
                check=True,
                capture_output=True,
            )
            cli_rerun_seconds = time.perf_counter() - started
            third = server.stats()
    return BulkResult(
        letters=len(paths),
        latency=latency,
        concurrency=concurrency,
        sdk_import=sdk_import,
        seconds=seconds,
        first_request_after=min(start for start, _ in first["spans"]) - clock_start,
        failed=tally.failed,
        calls=first["requests"],
        max_in_flight=first["max_in_flight"],
        memory=memory.peak,
        rerun_seconds=rerun_seconds,
        rerun_calls=second["requests"] - first["requests"],
        rerun_skipped=again.skipped,
        cli_rerun_seconds=cli_rerun_seconds,
        cli_rerun_calls=third["requests"] - second["requests"],
    )


def _null_console() -> Console:
    return Console(quiet=True)


# -- crashes ----------------------------------------------------------------------------------


@dataclass
class Trial:
    number: int
    killed_after: float
    letters_in_store: int
    was_running: bool
    orphan_requests: int = 0  # requests the killed run's workers started after they should stop
    leftover_processes: int = 0  # processes of the killed run still alive after the grace time


@dataclass
class CrashResult:
    letters: int
    kills: int
    reference_seconds: float
    trials: list[Trial] = field(default_factory=list)
    finished: bool = False
    missing: int = 0
    extra: int = 0
    different: int = 0
    extracted_twice: int = 0
    fields_compared: int = 0

    @property
    def orphan_requests(self) -> int:
        return sum(t.orphan_requests for t in self.trials)

    @property
    def leftover_processes(self) -> int:
        return sum(t.leftover_processes for t in self.trials)

    @property
    def differences(self) -> int:
        return self.missing + self.extra + self.different + self.extracted_twice

    def as_json(self) -> dict[str, object]:
        return {
            "letters": self.letters,
            "kills": self.kills,
            "reference_seconds": round(self.reference_seconds, 3),
            "trials": [asdict(t) for t in self.trials],
            "finished": self.finished,
            "fields_compared": self.fields_compared,
            "missing": self.missing,
            "extra": self.extra,
            "different": self.different,
            "extracted_twice": self.extracted_twice,
            "differences": self.differences,
            "orphan_requests": self.orphan_requests,
            "leftover_processes": self.leftover_processes,
        }


def _extract_command(folder: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "rhi_llm",
        "extract",
        str(folder),
        "--backend",
        "llm",
        "--db",
        str(db),
        "--no-cache",
        "--quiet",
        "-o",
        os.devnull,
    ]


def _environment(base_url: str, concurrency: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "OPENAI_BASE_URL": base_url,
            "OPENAI_API_KEY": DUMMY_KEY,
            "RHI_LLM_CONCURRENCY": str(concurrency),
            "RHI_LLM_TIMEOUT": "30",
        }
    )
    return env


def _letters_in_store(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT count(*) FROM letters WHERE status = 'extracted'")
            return int(row.fetchone()[0])
    except sqlite3.Error:
        return 0


def _processes_using(db: Path) -> int:
    """Processes whose command line names this store (a killed run's workers, if any are
    left: they are forked from the run, so they carry its command line)."""
    found = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if str(db).encode() in command:
            found += 1
    return found


def _export(db: Path) -> dict[tuple[str, str], dict[str, object]]:
    with open_store(db) as store:
        rows = store.current_rows()
        records = long_records(rows, store.decisions())
    return {(str(r["path"]), str(r["field"])): dict(r) for r in records}


def _extracted_twice(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT count(*) FROM (SELECT letter_id, backend FROM extractions "
            "GROUP BY letter_id, backend HAVING count(*) > 1)"
        ).fetchone()
        return int(row[0])


def crash(
    source: Path,
    count: int = 100,
    kills: int = 10,
    latency: float = 0.1,
    concurrency: int = 8,
    seed: int | None = None,
    log: object = None,
) -> CrashResult:
    chooser = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="rhi-llm-bench-crash-") as tmp:
        folder = Path(tmp) / "letters"
        paths = build_corpus(source, folder, count)
        with ServerProcess(latency=latency, answer_letters=paths) as server:
            env = _environment(server.base_url, concurrency)
            reference_db = Path(tmp) / "reference.db"
            started = time.perf_counter()
            subprocess.run(
                _extract_command(folder, reference_db), env=env, check=False, capture_output=True
            )
            reference_seconds = time.perf_counter() - started
            result = CrashResult(letters=count, kills=kills, reference_seconds=reference_seconds)
            crashed_db = Path(tmp) / "crashed.db"
            for number in range(1, kills + 1):
                process = subprocess.Popen(
                    _extract_command(folder, crashed_db),
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                started = time.monotonic()
                if number == 1:
                    # the first while it starts up, before any letter is recorded
                    moment = chooser.uniform(0.1, 1.0)
                    time.sleep(moment)
                else:
                    # the others once a random share of the letters left has been recorded,
                    # then a random few milliseconds on, so that some land mid-transaction
                    done = _letters_in_store(crashed_db)
                    left = count - done
                    target = done + chooser.randint(1, max(1, 2 * left // (kills - number + 2)))
                    while process.poll() is None and _letters_in_store(crashed_db) < target:
                        time.sleep(0.01)
                    time.sleep(chooser.uniform(0.0, 0.05))
                    moment = time.monotonic() - started
                was_running = process.poll() is None
                if was_running:
                    os.kill(process.pid, signal.SIGKILL)  # the main process only, like kill -9
                killed_at = time.monotonic()
                process.wait()
                # its workers notice within ORPHAN_CHECK_SECONDS and stop; any request they
                # start later than that (with some slack) is one nobody will record
                time.sleep(ORPHAN_GRACE + 0.5)
                late = sum(
                    1 for start, _ in server.stats()["spans"] if start > killed_at + ORPHAN_GRACE
                )
                trial = Trial(
                    number,
                    round(moment, 3),
                    _letters_in_store(crashed_db),
                    was_running,
                    late,
                    _processes_using(crashed_db),
                )
                result.trials.append(trial)
                if callable(log):
                    log(trial)
            final = subprocess.run(
                _extract_command(folder, crashed_db), env=env, check=False, capture_output=True
            )
            result.finished = final.returncode == 0
        expected = _export(reference_db)
        got = _export(crashed_db)
        result.fields_compared = len(expected)
        result.missing = len(expected.keys() - got.keys())
        result.extra = len(got.keys() - expected.keys())
        result.different = sum(1 for k in expected.keys() & got.keys() if expected[k] != got[k])
        result.extracted_twice = _extracted_twice(crashed_db)
    return result
