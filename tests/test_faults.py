"""A batch against an endpoint failing on purpose in every way it can: nothing lost, every
failure with its reason, and no letter over the retry budget (the full 100-letter run is
`rhi-llm bench reliability`)."""

from __future__ import annotations

import pytest

from benchmarks.faults import run

from conftest import LETTERS


@pytest.mark.slow
def test_every_letter_ends_extracted_or_failed_with_its_reason() -> None:
    result = run(LETTERS, count=40, fault_rate=0.3, seed=3, concurrency=8)
    figures = result.as_json()
    assert result.lost == 0
    assert result.extracted + result.failed == 40
    assert result.failures_without_reason == 0
    assert figures["ended_extracted_or_failed"] == 1.0
    assert result.over_budget == 0
    assert 0 < result.calls_per_letter_max <= result.budget_per_letter
    served = result.faults_served
    assert sum(served.values()) >= 5 and len(served) >= 4, served
    assert result.calls_recorded == result.requests_served  # every request is accounted for


@pytest.mark.slow
def test_answers_without_end_are_cut_at_the_deadline_and_the_cap() -> None:
    """A drip (a byte every 50 ms) and 200 MB bodies: no call outlives the 1 s deadline,
    memory stays bounded, and every letter ends extracted or failed with its named reason."""
    from benchmarks.faults import run_bounds

    result = run_bounds(LETTERS, count=6, seed=1)
    assert result.lost == 0 and result.hangs == 0
    assert result.slowest_call_seconds < result.deadline + 1.0
    assert result.memory_growth_mb < 64, result.memory_growth_mb
    assert set(result.faults_served) == {"drip", "huge"}, result.faults_served
    assert set(result.failed_by_reason) <= {"deadline", "response_too_large"}
    assert "response_too_large" in result.failed_by_reason
    assert result.extracted + sum(result.failed_by_reason.values()) == 6
    assert result.calls_recorded == result.requests_served
