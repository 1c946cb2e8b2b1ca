"""A batch against an endpoint that fails on purpose: every letter must end extracted or
failed with its reason, none lost, and no letter may cost more calls than the retry budget.

The fake server (in its own process; its answers are the rules backend's, not a model's)
fails a random share of requests, each with one of its fault kinds: 429 with Retry-After,
500, 503, a reply slower than the client's timeout, a dropped connection, malformed JSON,
JSON that does not fit the schema, output cut off at the token limit, and a refusal. The
batch runs through `run_bulk` into a run store, as `rhi-llm extract --db` does; the figures
come from the store (what a user would find there) and the server's own counts.

The budget per request of a letter is (retries + 1) attempts, each of which instructor may
re-ask up to REASKS times: (retries + 1) x (REASKS + 1) calls per chunk.

A second, small batch (`run_bounds`) meets the answers no per-read timeout stops: one that
drips a byte at a time, and one of hundreds of megabytes. With a small request deadline and
response size cap, every call must end within the deadline (no hang), the client's memory
must stay bounded, and each such letter must fail with its named reason (deadline,
response_too_large) or succeed on a retry.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from benchmarks.rules import build_corpus
from rhi_llm.bulk import run_bulk
from rhi_llm.core.settings import build_settings
from rhi_llm.extract.llm import REASKS, LlmBackend, import_sdk_seconds
from rhi_llm.letters import load
from rhi_llm.progress import BatchProgress, Tally
from rhi_llm.reading import read
from rhi_llm.store import open_store
from rhi_llm.testing.fake_server import BOUND_FAULTS, ServerProcess

DUMMY_KEY = "sk-bench-faults-dummy"


@dataclass
class FaultResult:
    letters: int
    fault_rate: float
    seconds: float
    extracted: int = 0
    failed: int = 0
    lost: int = 0
    failed_by_reason: dict[str, int] = field(default_factory=dict)
    failures_without_reason: int = 0
    faults_served: dict[str, int] = field(default_factory=dict)
    requests_served: int = 0
    calls_recorded: int = 0
    calls_per_letter_mean: float = 0.0
    calls_per_letter_max: int = 0
    budget_per_letter: int = 0
    over_budget: int = 0
    bounds: BoundsResult | None = None

    def as_json(self) -> dict[str, object]:
        return {
            **({"bounds": self.bounds.as_json()} if self.bounds is not None else {}),
            "letters": self.letters,
            "fault_rate": self.fault_rate,
            "seconds": round(self.seconds, 2),
            "extracted": self.extracted,
            "failed_with_reason": self.failed - self.failures_without_reason,
            "failed_without_reason": self.failures_without_reason,
            "lost": self.lost,
            "ended_extracted_or_failed": round(
                (self.extracted + self.failed - self.failures_without_reason) / self.letters, 4
            )
            if self.letters
            else None,
            "failed_by_reason": self.failed_by_reason,
            "faults_served": self.faults_served,
            "requests_served": self.requests_served,
            "calls_recorded": self.calls_recorded,
            "calls_per_letter_mean": round(self.calls_per_letter_mean, 2),
            "calls_per_letter_max": self.calls_per_letter_max,
            "budget_per_letter": self.budget_per_letter,
            "over_budget": self.over_budget,
        }


@dataclass
class BoundsResult:
    """Letters against answers without end: a drip and a huge body."""

    letters: int
    deadline: float
    cap_bytes: int
    huge_bytes: int
    seconds: float = 0.0
    extracted: int = 0
    failed_by_reason: dict[str, int] = field(default_factory=dict)
    lost: int = 0
    faults_served: dict[str, int] = field(default_factory=dict)
    calls_recorded: int = 0
    requests_served: int = 0
    slowest_call_seconds: float = 0.0
    hangs: int = 0  # calls that outlived the deadline by more than a second
    memory_growth_mb: float = 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "letters": self.letters,
            "deadline_seconds": self.deadline,
            "cap_bytes": self.cap_bytes,
            "huge_bytes": self.huge_bytes,
            "seconds": round(self.seconds, 2),
            "extracted": self.extracted,
            "failed_by_reason": self.failed_by_reason,
            "lost": self.lost,
            "faults_served": self.faults_served,
            "calls_recorded": self.calls_recorded,
            "requests_served": self.requests_served,
            "slowest_call_seconds": round(self.slowest_call_seconds, 2),
            "hangs": self.hangs,
            "memory_growth_mb": round(self.memory_growth_mb, 1),
        }


def run(
    source: Path,
    count: int = 100,
    fault_rate: float = 0.3,
    *,
    seed: int = 1,
    concurrency: int = 16,
    retries: int = 4,
    bounds_letters: int = 6,
) -> FaultResult:
    result = _run_faults(source, count, fault_rate, seed, concurrency, retries)
    if bounds_letters:
        result.bounds = run_bounds(source, bounds_letters, seed=seed)
    return result


def _run_faults(
    source: Path, count: int, fault_rate: float, seed: int, concurrency: int, retries: int
) -> FaultResult:
    with tempfile.TemporaryDirectory(prefix="rhi-llm-bench-faults-") as tmp:
        paths = build_corpus(source, Path(tmp) / "letters", count)
        with ServerProcess(
            fault_rate=fault_rate, seed=seed, answer_letters=paths, slow_seconds=1.5
        ) as server:
            settings = build_settings(
                environ={
                    "OPENAI_BASE_URL": server.base_url,
                    "OPENAI_API_KEY": DUMMY_KEY,
                    "RHI_LLM_TIMEOUT": "0.5",  # below the server's slow replies
                    "RHI_LLM_RETRIES": str(retries),
                    "RHI_LLM_CONCURRENCY": str(concurrency),
                }
            )
            import_sdk_seconds()
            chunks = {str(p): len(LlmBackend(settings).plan(read(load(p)))) for p in paths}
            db = Path(tmp) / "faults.db"
            started = time.perf_counter()
            with open_store(db) as store:
                tally = Tally(total=len(paths))
                run_bulk(
                    paths,
                    LlmBackend(settings, cache=None),
                    store,
                    workers=None,
                    concurrency=concurrency,
                    progress=BatchProgress(tally, "quiet", Console(quiet=True)),
                )
                seconds = time.perf_counter() - started
                stats = server.stats()
                result = _figures(store, paths, chunks, retries, fault_rate, seconds)
            result.faults_served = dict(stats["faults"])
            result.requests_served = int(stats["requests"])
    return result


def _figures(
    store: object,
    paths: list[Path],
    chunks: dict[str, int],
    retries: int,
    fault_rate: float,
    seconds: float,
) -> FaultResult:
    from rhi_llm.store import Store

    assert isinstance(store, Store)
    result = FaultResult(letters=len(paths), fault_rate=fault_rate, seconds=seconds)
    extracted = {row.letter.path for row in store.current_rows()}
    failures = {path: (reason, error) for path, reason, error in store.failures()}
    result.extracted = len(extracted)
    result.failed = len(failures)
    result.failures_without_reason = sum(
        1 for reason, error in failures.values() if not reason or not error.strip()
    )
    result.failed_by_reason = dict(
        Counter(_kind(error) for _, error in failures.values()).most_common()
    )
    result.lost = sum(1 for p in paths if str(p) not in extracted and str(p) not in failures)
    per_letter = dict(
        store.db.execute(
            "SELECT l.path, count(c.id) FROM letters l LEFT JOIN model_calls c "
            "ON c.letter_id = l.id GROUP BY l.path"
        ).fetchall()
    )
    calls = [int(per_letter.get(str(p), 0)) for p in paths]
    result.calls_recorded = sum(calls)
    result.calls_per_letter_mean = result.calls_recorded / len(paths) if paths else 0.0
    result.calls_per_letter_max = max(calls, default=0)
    per_chunk = (retries + 1) * (REASKS + 1)
    result.budget_per_letter = per_chunk * max(chunks.values(), default=1)
    result.over_budget = sum(
        1 for p, n in zip(paths, calls, strict=True) if n > per_chunk * chunks[str(p)]
    )
    return result


def _kind(error: str) -> str:
    """The kind of a failure, from its one-line message, for the summary."""
    text = error.lower()
    for needle, kind in (
        ("refused", "refusal"),
        ("did not fit the survey", "answer did not fit the schema"),
        ("cut off", "output cut off"),
        ("gave up after", "retry budget spent"),
        ("timed out", "timeout"),
    ):
        if needle in text:
            return kind
    return "other"


def run_bounds(
    source: Path,
    count: int = 6,
    *,
    seed: int = 1,
    deadline: float = 1.0,
    cap_bytes: int = 1_000_000,
    huge_bytes: int = 200_000_000,
) -> BoundsResult:
    """A batch where half the requests drip (a byte every 50 ms) or send ``huge_bytes``
    with no length given: every call must end by the deadline, memory must stay bounded."""
    result = BoundsResult(count, deadline, cap_bytes, huge_bytes)
    with tempfile.TemporaryDirectory(prefix="rhi-llm-bench-bounds-") as tmp:
        paths = build_corpus(source, Path(tmp) / "letters", count)
        with ServerProcess(
            fault_rate=0.5,
            seed=seed,
            answer_letters=paths,
            fault_kinds=BOUND_FAULTS,
            drip_seconds=0.05,
            huge_bytes=huge_bytes,
        ) as server:
            settings = build_settings(
                environ={
                    "OPENAI_BASE_URL": server.base_url,
                    "OPENAI_API_KEY": DUMMY_KEY,
                    "RHI_LLM_TIMEOUT": "0.5",  # above the drip's gap: only the deadline holds
                    "RHI_LLM_REQUEST_DEADLINE": str(deadline),
                    "RHI_LLM_MAX_RESPONSE_BYTES": str(cap_bytes),
                    "RHI_LLM_RETRIES": "1",
                    "RHI_LLM_CONCURRENCY": "4",
                }
            )
            import_sdk_seconds()
            with open_store(Path(tmp) / "bounds.db") as store, _PeakMemory() as memory:
                started = time.perf_counter()
                run_bulk(
                    paths,
                    LlmBackend(settings, cache=None),
                    store,
                    workers=None,
                    concurrency=4,
                    progress=BatchProgress(Tally(total=len(paths)), "quiet", Console(quiet=True)),
                )
                result.seconds = time.perf_counter() - started
                _bounds_figures(store, paths, result)
            stats = server.stats()
    result.memory_growth_mb = memory.growth_mb
    result.faults_served = dict(stats["faults"])
    result.requests_served = int(stats["requests"])
    return result


def _bounds_figures(store: object, paths: list[Path], result: BoundsResult) -> None:
    from rhi_llm.store import Store

    assert isinstance(store, Store)
    extracted = {row.letter.path for row in store.current_rows()}
    failures = {path: reason for path, reason, _ in store.failures()}
    result.extracted = len(extracted)
    result.failed_by_reason = dict(Counter(failures.values()).most_common())
    result.lost = sum(1 for p in paths if str(p) not in extracted and str(p) not in failures)
    latencies = [
        float(ms or 0) / 1000
        for (ms,) in store.db.execute("SELECT latency_ms FROM model_calls").fetchall()
    ]
    result.calls_recorded = len(latencies)
    result.slowest_call_seconds = max(latencies, default=0.0)
    result.hangs = sum(1 for s in latencies if s > result.deadline + 1.0)


class _PeakMemory:
    """The growth of this process's resident memory over a block, sampled every 20 ms."""

    def __init__(self) -> None:
        self.baseline = self.peak = _resident_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _resident_bytes())

    def __enter__(self) -> _PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _resident_bytes())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.baseline) / 1e6


def _resident_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
