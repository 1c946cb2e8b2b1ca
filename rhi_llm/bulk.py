"""A batch recorded in the run store: resumable, idempotent, nothing lost.

Before anything runs, each letter file's bytes are hashed; a letter already extracted with the
same cache key (same content, backend, prompt, schema, model, mode) is skipped with no call.
The rest go through `rhi_llm.batch.run_batch`, and each outcome is written to the store in
its own transaction the moment it arrives. Kill the run at any point and start it again: what
was written stays, what was not is done again, and nothing is written twice.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rhi_llm.batch import run_batch
from rhi_llm.core.contracts import Backend
from rhi_llm.core.errors import BatchStopped, LetterError, RhiError
from rhi_llm.core.text import shown_path
from rhi_llm.letters import file_sha256
from rhi_llm.pipeline import LetterOutcome
from rhi_llm.progress import BatchProgress, Tally
from rhi_llm.store import Store


@dataclass
class Plan:
    todo: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    sha: dict[str, str] = field(default_factory=dict)  # by the path as shown (`shown_path`)
    unreadable: list[LetterError] = field(default_factory=list)


def plan(paths: list[Path], backend: Backend, store: Store) -> Plan:
    """Each file hashed (read in chunks, after the checks that it is a regular file of a
    size that is read): done already, to do, or unreadable."""
    result = Plan()
    for path in paths:
        try:
            sha = file_sha256(path)
        except LetterError as error:
            result.unreadable.append(error)
            continue
        result.sha[shown_path(path)] = sha
        if store.is_done(shown_path(path), sha, backend.name, backend.keys_for_sha(sha)):
            result.skipped.append(path)
        else:
            result.todo.append(path)
    return result


class Recorder:
    """Writes each outcome to the store as it arrives, and keeps the progress up to date."""

    def __init__(
        self,
        store: Store,
        backend: Backend,
        sha: dict[str, str],
        progress: BatchProgress | None,
        on_error: Any = None,
    ) -> None:
        self.store = store
        self.backend = backend
        self.sha = sha
        self.progress = progress
        self.on_error = on_error

    def __call__(self, outcome: LetterOutcome) -> None:
        if getattr(outcome.error, "stops_batch", False):
            # every other letter would meet it too (a rejected key, an unknown model): stop
            # now, and record nothing against this letter, so a rerun sends it
            assert outcome.error is not None
            raise BatchStopped(
                f"stopped: {outcome.error.detail}; the letters done before it are kept in "
                f"the run store, and a rerun sends the rest"
            )
        if outcome.row is not None:
            key = self.backend.key_for_sha(outcome.row.letter.sha256)
            self.store.record_row(outcome.row, key, outcome.calls, outcome.stored_document())
        else:
            error = outcome.error or RhiError("unknown failure", path=outcome.path)
            sha = self.sha.get(outcome.path) or self.sha.get(shown_path(Path(outcome.path)), "")
            self.store.record_failure(outcome.path, sha, error.reason, str(error), outcome.calls)
            if self.on_error is not None:
                self.on_error(error)
        if self.progress is not None:
            self.progress.done(outcome)


def in_flight_counter(backend: Backend) -> Any:
    """A counter of model requests in flight, shared with the batch's worker processes
    (None for a backend that makes no request)."""
    if not backend.sends_requests:
        return None
    counter = multiprocessing.get_context("fork").Value("i", 0)
    backend.count_in_flight(counter)
    return counter


def run_bulk(
    paths: list[Path],
    backend: Backend,
    store: Store,
    *,
    workers: int | None,
    concurrency: int,
    progress: BatchProgress,
    on_error: Any = None,
) -> Tally:
    """Extract the letters the store does not have yet; record each as it is done."""
    found = plan(paths, backend, store)
    tally = progress.tally
    tally.skipped = len(found.skipped)
    for error in found.unreadable:
        path = error.path or ""
        store.record_failure(path, "", error.reason, str(error))
        progress.done(LetterOutcome(path=path, error=error))
        if on_error is not None:
            on_error(error)
    recorder = Recorder(store, backend, found.sha, progress, on_error)
    if found.todo:
        with progress:
            run_batch(
                found.todo, backend, workers=workers, concurrency=concurrency, on_done=recorder
            )
    return tally
