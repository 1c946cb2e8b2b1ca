"""Peak memory of a process and the worker processes it starts (Linux).

Forked workers share most of their pages with the process that forked them, so adding up
their RSS would count those pages once per worker; the total is therefore the sum of PSS
(each shared page split between the processes that share it), sampled once a second from
/proc/PID/smaps_rollup (reading it walks the process's page tables, so sampling more often
slowed the run being measured). Each process's own peak RSS is the kernel's high-water
mark, read without sampling: `getrusage` of this process, and of the largest worker once
the workers have exited. Processes named in ``exclude`` (a benchmark's fake server, for one)
and their children are left out of the sampled total.
"""

from __future__ import annotations

import os
import resource
import threading
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


def _status_kib(pid: int, key: str, name: str = "status") -> int | None:
    try:
        text = (PROC / str(pid) / name).read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def tree(root: int, exclude: set[int]) -> list[int]:
    pids: list[int] = []
    todo = [root]
    while todo:
        pid = todo.pop()
        if pid in exclude:
            continue
        pids.append(pid)
        todo.extend(_children(pid))
    return pids


@dataclass
class PeakMemory:
    main_rss_mb: float = 0.0  # high-water mark of this process
    worker_rss_mb: float = 0.0  # high-water mark of the largest worker that has exited
    total_pss_mb: float = 0.0  # main and workers together, shared pages split
    processes: int = 0
    samples: int = 0

    @property
    def available(self) -> bool:
        return self.samples > 0


class MemorySampler:
    """Use as a context manager around the work to measure."""

    def __init__(self, exclude: set[int] | None = None, every: float = 1.0) -> None:
        self.exclude = exclude or set()
        self.every = every
        self.peak = PeakMemory()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        if (PROC / "self" / "smaps_rollup").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self.peak.main_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.peak.worker_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        pids = tree(os.getpid(), self.exclude)
        total = 0
        for pid in pids:
            pss = _status_kib(pid, "Pss", "smaps_rollup")
            if pss is not None:  # None: gone meanwhile
                total += pss
        self.peak.total_pss_mb = max(self.peak.total_pss_mb, total / 1024)
        self.peak.processes = max(self.peak.processes, len(pids))
        self.peak.samples += 1
