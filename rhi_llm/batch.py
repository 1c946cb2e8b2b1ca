"""Running many letters: the CPU-bound rules in worker processes, a model backend in worker
processes that each keep their share of the requests in flight.

Python runs one thread of Python code at a time, and reading a letter, parsing a model's
answer and verifying it all take CPU; one event loop could not both do that work and keep
enough requests in flight. So a batch is split across worker processes (one per core): each
runs its own event loop with its share of the concurrency (the total number of requests in
flight stays at ``concurrency``), takes letters from a shared queue, and sends each outcome
back as soon as it is done, in whatever order they finish; the caller gets them in input
order at the end and one by one through ``on_done`` as they come.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import queue
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rhi_llm.errors import RhiError
from rhi_llm.pipeline import (
    Backend,
    LetterOutcome,
    close_backend,
    finish,
    process_letter,
    process_many,
    read_letter,
)

OnDone = Callable[[LetterOutcome], None]
MIN_LETTERS_PER_WORKER = 20
LETTERS_PER_REQUEST_SLOT = 2  # letters being read or verified beside each request in flight


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


# -- rules ------------------------------------------------------------------------------------


def rules_outcome(path: Path) -> LetterOutcome:
    """One letter through the rules backend, synchronously (it never waits on anything);
    the reading is not kept, so that the outcome can cross processes."""
    from rhi_llm.extract.rules import rules_extraction

    try:
        reading = read_letter(path)
        outcome = finish(reading, rules_extraction(reading))
    except RhiError as error:
        return LetterOutcome(path=str(path), error=error)
    outcome.reading = None
    return outcome


def run_rules_parallel(
    paths: list[Path], workers: int, on_done: OnDone | None = None
) -> list[LetterOutcome]:
    """The rules backend over many letters in ``workers`` processes."""
    outcomes: list[LetterOutcome] = []
    if workers <= 1 or len(paths) < 2 * workers:
        for path in paths:
            outcome = rules_outcome(path)
            outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome)
        return outcomes
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(paths) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(rules_outcome, paths, chunksize=chunk):
            outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome)
    return outcomes


# -- a model backend --------------------------------------------------------------------------


def run_batch(
    paths: list[Path],
    backend: Backend,
    *,
    workers: int | None = None,
    concurrency: int = 8,
    on_done: OnDone | None = None,
) -> list[LetterOutcome]:
    """Many letters through one backend; results in input order."""
    workers = workers or default_workers()
    if backend.name == "rules":
        return run_rules_parallel(paths, workers, on_done)
    shards = min(workers, len(paths) // MIN_LETTERS_PER_WORKER)
    split = getattr(backend, "with_concurrency", None)
    if shards <= 1 or split is None or getattr(backend, "cassettes", None) is not None:
        return asyncio.run(_in_one_loop(paths, backend, concurrency, on_done))
    share = max(1, math.ceil(concurrency / shards))
    worker_backend = split(share)
    warm = getattr(worker_backend, "warm", None)
    if warm is not None:
        warm()  # built once here, inherited by every worker
    return _sharded(paths, worker_backend, shards, share, on_done)


async def _in_one_loop(
    paths: list[Path], backend: Backend, concurrency: int, on_done: OnDone | None
) -> list[LetterOutcome]:
    try:
        return await process_many(
            paths, backend, on_done=on_done, concurrency=concurrency * LETTERS_PER_REQUEST_SLOT
        )
    finally:
        await close_backend(backend)


def _sharded(
    paths: list[Path], backend: Backend, shards: int, share: int, on_done: OnDone | None
) -> list[LetterOutcome]:
    context = multiprocessing.get_context("fork")
    tasks: Any = context.Queue()
    results: Any = context.Queue()
    runners = share * LETTERS_PER_REQUEST_SLOT
    processes = [
        context.Process(target=_model_worker, args=(backend, tasks, results, runners), daemon=True)
        for _ in range(shards)
    ]
    for process in processes:
        process.start()
    for index, path in enumerate(paths):
        tasks.put((index, str(path)))
    for _ in range(shards * runners):
        tasks.put(None)
    try:
        return _collect(paths, results, processes, on_done)
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()


def _collect(
    paths: list[Path], results: Any, processes: list[Any], on_done: OnDone | None
) -> list[LetterOutcome]:
    outcomes: list[LetterOutcome | None] = [None] * len(paths)
    waiting = len(paths)
    while waiting:
        try:
            index, outcome = results.get(timeout=1.0)
        except queue.Empty:
            if any(p.is_alive() for p in processes):
                continue
            break  # every worker is gone: what is left cannot come
        outcomes[index] = outcome
        waiting -= 1
        if on_done is not None:
            on_done(outcome)
    lost = RhiError("a worker process stopped before this letter was done")
    return [
        o if o is not None else LetterOutcome(path=str(paths[i]), error=lost)
        for i, o in enumerate(outcomes)
    ]


def _model_worker(backend: Backend, tasks: Any, results: Any, runners: int) -> None:
    asyncio.run(_worker_loop(backend, tasks, results, runners))


async def _worker_loop(backend: Backend, tasks: Any, results: Any, runners: int) -> None:
    loop = asyncio.get_running_loop()

    async def runner() -> None:
        while True:
            item = await loop.run_in_executor(None, tasks.get)
            if item is None:
                return
            index, path = item
            outcome = await process_letter(Path(path), backend)
            outcome.reading = None
            results.put((index, outcome))

    try:
        await asyncio.gather(*(runner() for _ in range(runners)))
    finally:
        await close_backend(backend)
