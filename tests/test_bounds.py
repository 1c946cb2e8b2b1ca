"""Every request to the model endpoint keeps to a total deadline and a response size cap,
enforced while the body is read: an answer dripping a byte at a time, or one of hundreds
of megabytes, fails its letter with a named reason, in bounded time and memory."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from rhi_llm.core.errors import ConfigError, RequestDeadline, ResponseTooLarge
from rhi_llm.core.settings import MAX_RESPONSE_BYTES, Settings, build_settings
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.pipeline import LetterOutcome, process_letter
from rhi_llm.testing.fake_server import FakeOpenAI

from conftest import LETTERS

LETTER = LETTERS / "westmarch-2024.txt"
DEADLINE = 1.0
CAP = 200_000


@pytest.fixture()
def server() -> Iterator[FakeOpenAI]:
    # a byte every 20 ms: the answer (some kilobytes) would take over a minute to arrive
    with FakeOpenAI(drip_seconds=0.02, huge_bytes=150_000_000) as running:
        yield running


def bounded(server: FakeOpenAI, **extra: str) -> Settings:
    return build_settings(
        environ={
            "OPENAI_BASE_URL": server.base_url,
            "OPENAI_API_KEY": "sk-test-" + "4" * 32,
            "RHI_LLM_TIMEOUT": "0.5",  # per read: never reached by the drip
            "RHI_LLM_RETRIES": "1",
            "RHI_LLM_REQUEST_DEADLINE": str(DEADLINE),
            "RHI_LLM_MAX_RESPONSE_BYTES": str(CAP),
            **extra,
        }
    )


def run(settings: Settings, path: Path = LETTER) -> LetterOutcome:
    return asyncio.run(process_letter(path, LlmBackend(settings)))


def test_a_dripping_answer_fails_at_the_deadline_on_every_attempt(server: FakeOpenAI) -> None:
    server.enqueue("drip", "drip")
    started = time.monotonic()
    outcome = run(bounded(server))
    seconds = time.monotonic() - started
    # two attempts, each cut at the deadline (the rest: loading, the SDK, a busy machine);
    # without the deadline the drip holds each attempt for over a minute
    assert seconds < 2 * DEADLINE + 8, seconds
    assert isinstance(outcome.error, RequestDeadline)
    assert outcome.error.reason == "deadline"
    assert "request deadline of 1 s" in str(outcome.error) and "2 attempts" in str(outcome.error)
    assert len(outcome.calls) == server.stats.requests == 2  # every call recorded
    assert all("deadline" in (c.error or "") for c in outcome.calls)
    assert all((c.latency_ms or 0) < (DEADLINE + 1) * 1000 for c in outcome.calls)


def test_a_deadline_once_is_retried_and_the_letter_extracted(server: FakeOpenAI) -> None:
    server.enqueue("drip")
    outcome = run(bounded(server))
    assert outcome.row is not None, outcome.error
    assert [c.error is not None for c in outcome.calls] == [True, False]


def test_a_huge_answer_fails_at_once_with_bounded_memory(server: FakeOpenAI) -> None:
    """The body is counted as it arrives: reading stops at the cap, and a cap hit is not
    retried (at temperature 0 the endpoint would answer the same)."""
    server.enqueue("huge", "huge")
    tracemalloc.start()
    try:
        outcome = run(bounded(server))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(outcome.error, ResponseTooLarge)
    assert outcome.error.reason == "response_too_large"
    assert "response size cap of 200000 bytes" in str(outcome.error)
    assert server.stats.requests == 1 and len(outcome.calls) == 1
    assert peak < 40_000_000, peak  # the body was 150 MB


def test_a_declared_length_over_the_cap_is_refused_before_reading(server: FakeOpenAI) -> None:
    outcome = run(bounded(server, RHI_LLM_MAX_RESPONSE_BYTES="1024"))
    assert isinstance(outcome.error, ResponseTooLarge), outcome.error


def test_the_bounds_are_settings_with_documented_defaults() -> None:
    settings = build_settings(environ={})
    assert settings.request_deadline == 300 and settings.max_response_bytes == MAX_RESPONSE_BYTES
    assert build_settings(environ={"RHI_LLM_TIMEOUT": "400"}).request_deadline == 800
    told = build_settings(
        environ={"RHI_LLM_REQUEST_DEADLINE": "12.5", "RHI_LLM_MAX_RESPONSE_BYTES": "65536"}
    )
    assert (told.request_deadline, told.max_response_bytes) == (12.5, 65536)
    client = told.http_client()
    assert (client.deadline, client.max_bytes) == (12.5, 65536)
    for wrong in ({"RHI_LLM_REQUEST_DEADLINE": "0"}, {"RHI_LLM_MAX_RESPONSE_BYTES": "10"}):
        with pytest.raises(ConfigError):
            build_settings(environ=wrong)
