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
