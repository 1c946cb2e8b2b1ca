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
import functools
import gc
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rhi_llm.core.contracts import Backend
from rhi_llm.core.errors import RhiError
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.text import shown_path
from rhi_llm.pipeline import (
    LetterOutcome,
    extract_blocking,
    failed,
    finish,
    process_many,
    process_reading,
    read_letter,
)

OnDone = Callable[[LetterOutcome], None]
MIN_LETTERS_PER_WORKER = 20
# A worker allocates many short-lived objects per letter; with the default thresholds the
# collector ran hundreds of times per batch, each pass scanning every long-lived object
# (a quarter of a worker's CPU in `rhi-llm bench bulk`). Objects that exist before the
# fork are frozen out of collection, and the youngest generation is collected less often.
WORKER_GC_THRESHOLDS = (20_000, 50, 100)
LETTERS_PER_REQUEST_SLOT = 2  # letters being read or verified beside each request in flight


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


# -- a blocking backend (the rules) ---------------------------------------------------------


def tune_worker_gc() -> None:
    """Run first in every worker process (see WORKER_GC_THRESHOLDS)."""
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


def blocking_outcome(backend: Backend, path: Path) -> LetterOutcome:
    """One letter through a blocking backend (the rules), synchronously; the reading is not
    kept, so that the outcome can cross processes."""
    try:
        reading = read_letter(path)
        outcome = finish(reading, extract_blocking(backend, reading))
    except Exception as error:  # a bug on one letter is that letter's failure, not the batch's
        return failed(path, error)
    return outcome.slim()


def run_blocking_parallel(
    paths: list[Path], backend: Backend, workers: int, on_done: OnDone | None = None
) -> list[LetterOutcome]:
    """A blocking backend (the rules) over many letters in ``workers`` processes."""
    outcomes: list[LetterOutcome] = []
    one = functools.partial(blocking_outcome, backend)
    if workers <= 1 or len(paths) < 2 * workers:
        for path in paths:
            outcome = one(path)
            outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome)
        return outcomes
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(paths) // (workers * 4)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=tune_worker_gc)
    try:
        for outcome in pool.map(one, paths, chunksize=chunk):
            outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome)
    except BaseException:
        # the caller cannot take more (its store failed, or Ctrl-C): stop at once rather
        # than read the letters still queued
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
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
    if backend.blocking:
        return run_blocking_parallel(paths, backend, workers, on_done)
    shards = min(workers, len(paths) // MIN_LETTERS_PER_WORKER)
    if shards <= 1 or not backend.shardable:
        if paths:
            backend.warm()
        return asyncio.run(_in_one_loop(paths, backend, concurrency, on_done))
    shards = min(shards, concurrency)
    # the requests in flight add up to ``concurrency`` exactly: shares differ by one at most
    shares = [concurrency // shards + (1 if i < concurrency % shards else 0) for i in range(shards)]
    backends: dict[int, Backend] = {}
    for share in sorted(set(shares)):
        backends[share] = backend.with_concurrency(share)
        backends[share].warm()  # built once here, inherited by every worker
    return _sharded(paths, [(backends[share], share) for share in shares], on_done)


async def _in_one_loop(
    paths: list[Path], backend: Backend, concurrency: int, on_done: OnDone | None
) -> list[LetterOutcome]:
    try:
        return await process_many(
            paths, backend, on_done=on_done, concurrency=concurrency * LETTERS_PER_REQUEST_SLOT
        )
    finally:
        await backend.aclose()


def _sharded(
    paths: list[Path], workers: list[tuple[Backend, int]], on_done: OnDone | None
) -> list[LetterOutcome]:
    context = multiprocessing.get_context("fork")
    tasks: Any = context.Queue()
    results: Any = context.Queue()
    processes = [
        context.Process(target=_model_worker, args=(backend, tasks, results, share), daemon=True)
        for backend, share in workers
    ]
    thresholds = gc.get_threshold()
    gc.freeze()  # before the fork: what exists now is never scanned again (nor copied on write)
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    for process in processes:
        process.start()
    for index, path in enumerate(paths):
        tasks.put((index, str(path)))
    for _ in workers:
        tasks.put(None)  # one per worker: its reader stops there
    stopped = True
    try:
        found = _collect(paths, results, processes, on_done)
        stopped = False
        return found
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        for process in processes:
            if stopped:
                # the caller cannot take more (its store failed, or Ctrl-C): end the workers
                # now, before they send requests whose answers nobody would record
                process.terminate()
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
    finished: list[LetterOutcome] = []
    for index, found in enumerate(outcomes):
        if found is None:
            found = LetterOutcome(
                path=shown_path(paths[index]),
                error=RhiError(
                    "a worker process stopped before this letter was done", path=paths[index]
                ),
            )
            if on_done is not None:
                on_done(found)
        finished.append(found)
    return finished


def _model_worker(backend: Backend, tasks: Any, results: Any, share: int) -> None:
    tune_worker_gc()
    _exit_when_orphaned(os.getppid())
    asyncio.run(_worker_loop(backend, tasks, results, share))


ORPHAN_CHECK_SECONDS = 0.25
# A worker keeps only a few letters beyond those in flight: enough that a request slot freed
# by one letter is taken at once by another while the first is verified, and few enough that
# near the end of a batch no worker sits on letters that another worker, idle, could send.
SPARE_ASKERS = 4
READ_AHEAD = 2


def _exit_when_orphaned(parent: int) -> None:
    """If the batch's main process dies (kill -9 included), the worker stops at once: the
    letters left in the queue would otherwise go on costing model calls whose answers nobody
    records, and a worker that had finished would wait for ever to hand over its last
    results. A thread, so that it also acts while the event loop is busy or has ended."""

    def watch() -> None:
        while True:
            time.sleep(ORPHAN_CHECK_SECONDS)
            if os.getppid() != parent:
                os._exit(3)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


async def _worker_loop(backend: Backend, tasks: Any, results: Any, share: int) -> None:
    """One reader and ``share`` + SPARE_ASKERS askers. The reader reads one letter at a time
    and hands it over, yielding after each so that an asker sends its request before the next
    letter is read: at the start of a batch the requests go out one by one as letters are
    read, instead of all after every letter has been read."""
    loop = asyncio.get_running_loop()
    askers = share + SPARE_ASKERS
    read: asyncio.Queue[tuple[int, LetterReading] | None] = asyncio.Queue(maxsize=READ_AHEAD)

    async def reader() -> None:
        while True:
            item = await loop.run_in_executor(None, tasks.get)
            if item is None:
                break
            index, path = item
            try:
                reading = read_letter(path)
            except Exception as error:
                results.put((index, failed(path, error)))
                continue
            await read.put((index, reading))
            await asyncio.sleep(0)
        for _ in range(askers):
            await read.put(None)

    async def asker() -> None:
        while True:
            item = await read.get()
            if item is None:
                return
            index, reading = item
            try:
                outcome = await process_reading(reading, backend)
            except Exception as error:  # one letter's failure is its outcome
                outcome = failed(reading.letter.path, error)
            results.put((index, outcome.slim()))

    try:
        await asyncio.gather(reader(), *(asker() for _ in range(askers)))
    finally:
        await backend.aclose()
