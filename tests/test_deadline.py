"""Time limits on work that cannot be awaited, nested: the letter's limit holds around the
file's, and the limit that runs out is the one that says so."""

from __future__ import annotations

import contextlib
import time

import pytest

from rhi_llm.core.deadline import time_limit


class Outer(Exception):
    pass


class Inner(Exception):
    pass


def spin(seconds: float) -> None:
    """Busy work that swallows every `Exception` raised inside it (as lenient parsers do)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with contextlib.suppress(Exception):
            sum(range(1000))


def test_an_inner_limit_that_runs_out_says_so() -> None:
    with pytest.raises(Inner), time_limit(5, Outer), time_limit(0.05, Inner):
        spin(3)


def test_an_outer_limit_that_runs_out_inside_an_inner_one_says_so() -> None:
    started = time.monotonic()
    with pytest.raises(Outer), time_limit(0.1, Outer), time_limit(5, Inner):
        spin(3)
    assert time.monotonic() - started < 1.5


def test_the_outer_limit_still_holds_after_an_inner_one_ends() -> None:
    """Before limits nested, the file's limit disarmed the letter's as it ended."""
    started = time.monotonic()
    with pytest.raises(Outer), time_limit(0.3, Outer):
        with time_limit(5, Inner):
            spin(0.05)
        spin(3)
    assert time.monotonic() - started < 1.5


def test_no_limit_is_left_armed() -> None:
    with time_limit(0.05, Outer):
        pass
    spin(0.2)  # nothing fires once the limit is gone
    with time_limit(0, Outer):  # 0: no limit
        spin(0.05)
