"""Time limits on work that cannot be awaited: reading a file, finding a letter's questions,
the rules backend, the verifier.

A timer signal (SIGALRM) interrupts the work wherever it is, so a limit holds in a process's
main thread (the CLI and every batch worker); elsewhere the work runs without one. Limits nest:
the whole letter has one, and reading its file has a shorter one inside it. The timer is always
set for the soonest deadline of those open, and the limit that ran out is the one that says so.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

REFIRE_SECONDS = 1.0
"""After a deadline passes the timer fires again this often, should the work swallow it."""


class Expired(BaseException):
    """A limit ran out. Not an `Exception`: parsers that read damaged files leniently catch
    `Exception` in many places (pypdf around each form on a page), and a limit raised as one
    was swallowed there, so that the work went on with no limit."""

    def __init__(self, limit: _Limit) -> None:
        super().__init__("time limit")
        self.limit = limit


@dataclass(eq=False)
class _Limit:
    deadline: float


_open: list[_Limit] = []


def _soonest() -> _Limit:
    return min(_open, key=lambda limit: limit.deadline)


def _arm() -> None:
    left = _soonest().deadline - time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), REFIRE_SECONDS)


def _fired(signum: int, frame: object) -> None:
    if _open and _soonest().deadline <= time.monotonic() + 0.001:
        raise Expired(_soonest())


def usable() -> bool:
    return (
        hasattr(signal, "setitimer")
        and hasattr(signal, "pthread_sigmask")
        and threading.current_thread() is threading.main_thread()
    )


@contextmanager
def time_limit(seconds: float, on_expiry: Callable[[], BaseException]) -> Iterator[None]:
    """Stop the work inside after ``seconds`` by raising ``on_expiry()`` (0 or less: no limit)."""
    if seconds <= 0 or not usable():
        yield
        return
    limit = _Limit(time.monotonic() + seconds)
    outermost = not _open
    previous = signal.signal(signal.SIGALRM, _fired) if outermost else None
    _open.append(limit)
    _arm()
    try:
        yield
    except Expired as expired:
        if expired.limit is not limit:
            raise  # an outer limit ran out: it says so
        raise on_expiry() from None
    finally:
        # no signal while the limit is taken down: one due now is delivered once it is gone,
        # and then only an outer limit that has run out can raise
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        try:
            _open.remove(limit)
            if outermost:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
            else:
                _arm()
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
