"""The model backend against the endpoints people run: its context budget, output budget,
reasoning models' parameters, endpoint errors by name, and a cache that knows the endpoint.

Each server kind is the fake server in that kind's profile (`rhi_llm.testing.profiles`)."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from rhi_llm.chunking import estimate_tokens
from rhi_llm.core.errors import (
    ContentFiltered,
    ContextOverflow,
    EndpointRejected,
    ModelError,
    OutputCutOff,
)
from rhi_llm.core.settings import Settings, build_settings
from rhi_llm.extract.cache import ResponseCache, endpoint_id
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.letters import load
from rhi_llm.pipeline import LetterOutcome, process_letter, process_many
from rhi_llm.reading import read
from rhi_llm.testing.fake_server import FakeOpenAI
from rhi_llm.testing.profiles import PROFILES

from conftest import LETTERS

LETTER = LETTERS / "westmarch-2024.txt"
LONG_2018 = LETTERS / "northbridge-2018.txt"
KEY = "sk-test-" + "7" * 32


@pytest.fixture()
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as running:
        yield running


def settings_for(server: FakeOpenAI, **extra: object) -> Settings:
    environ = {
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": KEY,
        "RHI_LLM_TIMEOUT": "5",
        "RHI_LLM_RETRIES": "1",
    }
    environ.update({k: str(v) for k, v in extra.items()})
    return build_settings(environ=environ)


def run(backend: LlmBackend, path: Path = LETTER) -> LetterOutcome:
    return asyncio.run(process_letter(path, backend))


def sent_tokens(body: dict[str, object]) -> int:
    """Our own estimate of a request body's prompt, messages and schema together."""
    messages = body["messages"]
    assert isinstance(messages, list)
    words = sum(estimate_tokens(str(m.get("content") or "")) for m in messages)
    schema = json.dumps(body.get("tools") or body.get("response_format") or {})
    return words + round(len(schema) / 2.8)


# -- the context budget -------------------------------------------------------------------


@pytest.mark.slow  # a 2018 letter in 13-20 parts, three windows
@pytest.mark.parametrize("context", [4096, 6000, 9000])
def test_every_request_fits_the_context_with_its_output_budget(
    server: FakeOpenAI, context: int
) -> None:
    backend = LlmBackend(settings_for(server, RHI_LLM_CONTEXT=context, RHI_LLM_MAX_OUTPUT=1000))
    outcome = run(backend, LONG_2018)
    assert outcome.row is not None, outcome.error
    assert len(server.bodies) >= 2  # a 2018 letter does not fit these windows whole
    for body in server.bodies:
        assert body["max_tokens"] == 1000
        assert sent_tokens(body) + 1000 <= context
    whole = run(LlmBackend(settings_for(server)), LONG_2018)
    assert whole.row is not None
    for field in ("missing_incidents", "rhi_offered", "ooa_placed_children"):
        assert outcome.row.fields[field].value == whole.row.fields[field].value, field


def test_an_answer_block_longer_than_the_window_is_split(tmp_path: Path) -> None:
    letter = tmp_path / "annex-2024.txt"
    annex = "\n\n".join(
        f"Note {n}: the panel met and discussed the service in general terms, with no "
        "figures that answer any question of the request. " * 3
        for n in range(60)
    )
    text = LETTER.read_text(encoding="utf-8")
    after = text.index("\n", text.index("641"))  # inside the answer that gives 641
    letter.write_text(text[:after] + "\n\n" + annex + text[after:], encoding="utf-8")
    with FakeOpenAI() as running:
        backend = LlmBackend(settings_for(running, RHI_LLM_CONTEXT=6000, RHI_LLM_MAX_OUTPUT=1000))
        reading = read(load(letter))
        chunks = backend.plan(reading)
        asking = [c for c in chunks if "missing_incidents" in c.fields]
        assert len(asking) >= 3  # the long answer went in parts, each asked its fields
        for chunk in chunks:
            assert backend.request_tokens(reading, chunk) + 1000 <= 6000
        outcome = run(backend, letter)
        assert outcome.row is not None, outcome.error
        assert outcome.row.fields["missing_incidents"].value == 641


def test_an_answer_with_nothing_in_it_fails_the_letter_with_the_setting(
    server: FakeOpenAI,
) -> None:
    """What a model says when the server cut its instructions and the letter away."""
    server.enqueue({})
    outcome = run(LlmBackend(settings_for(server)))
    assert outcome.row is None and isinstance(outcome.error, ModelError)
    assert "answered no field at all" in str(outcome.error)
    assert "--context" in str(outcome.error)


# -- the output budget and reasoning models ------------------------------------------------


def test_a_cut_off_answer_is_asked_once_more_with_twice_the_budget(server: FakeOpenAI) -> None:
    server.enqueue("length")
    outcome = run(LlmBackend(settings_for(server, RHI_LLM_MAX_OUTPUT=2000)))
    assert outcome.row is not None, outcome.error
    assert [b["max_tokens"] for b in server.bodies] == [2000, 4000]


def test_an_answer_cut_off_twice_fails_with_its_reason(server: FakeOpenAI) -> None:
    server.enqueue("length", "length")
    outcome = run(LlmBackend(settings_for(server, RHI_LLM_MAX_OUTPUT=2000)))
    assert isinstance(outcome.error, OutputCutOff)
    assert "cut off at 4000 output tokens" in str(outcome.error)
    assert "--max-output" in str(outcome.error)
    assert server.stats.requests == 2  # not five identical retries


def test_a_reasoning_model_gets_its_own_parameters(server: FakeOpenAI) -> None:
    outcome = run(LlmBackend(settings_for(server, RHI_LLM_MODEL="o4-mini")))
    assert outcome.row is not None, outcome.error
    body = server.bodies[0]
    assert "temperature" not in body and "max_tokens" not in body
    assert body["max_completion_tokens"] == 4000
    plain = build_settings(environ={"RHI_LLM_MODEL": "gpt-4o-mini"})
    assert not plain.reasoning
    told = build_settings(environ={"RHI_LLM_MODEL": "my-local-model", "RHI_LLM_REASONING": "yes"})
    assert told.reasoning


# -- endpoint errors by name ----------------------------------------------------------------


def test_a_rejected_key_stops_the_batch_after_one_request(tmp_path: Path) -> None:
    from rhi_llm.bulk import run_bulk
    from rhi_llm.core.errors import BatchStopped
    from rhi_llm.progress import BatchProgress, Tally
    from rhi_llm.store import open_store

    paths = sorted(LETTERS.glob("*-2024.txt"))[:6]
    with FakeOpenAI(api_keys=("sk-the-right-one",)) as running:
        # eight requests could be in flight: the first goes alone until the endpoint answers
        backend = LlmBackend(settings_for(running, RHI_LLM_CONCURRENCY=8))
        store = open_store(tmp_path / "run.db")
        progress = BatchProgress(Tally(total=len(paths)), "quiet", Console(file=io.StringIO()))
        with pytest.raises(BatchStopped) as stopped:
            run_bulk(paths, backend, store, workers=1, concurrency=8, progress=progress)
        assert running.stats.requests == 1
    said = str(stopped.value)
    assert "rejected the API key (HTTP 401)" in said and "OPENAI_API_KEY" in said
    assert KEY not in said and KEY[:12] not in said
    assert store.current_rows([str(p) for p in paths]) == []  # nothing recorded as failed


def test_an_unknown_model_is_named(tmp_path: Path) -> None:
    with FakeOpenAI(models=("llama3.1:8b",)) as running:
        outcome = run(LlmBackend(settings_for(running, RHI_LLM_MODEL="llama3.1:80b")))
    assert isinstance(outcome.error, EndpointRejected)
    assert "has no model 'llama3.1:80b' (HTTP 404)" in str(outcome.error)


@pytest.mark.parametrize("profile", ["vllm", "llamacpp", "openai", "azure"])
def test_a_request_over_the_window_names_the_letter_and_the_setting(profile: str) -> None:
    small = replace(PROFILES[profile], window=4096 * PROFILES[profile].slots)
    with FakeOpenAI(profile=small) as running:
        # the server's window is smaller than the one the settings claim
        outcome = run(LlmBackend(settings_for(running, RHI_LLM_CONTEXT=64000)), LONG_2018)
        assert running.stats.requests == 1  # not retried, not re-asked
    assert isinstance(outcome.error, ContextOverflow), outcome.error
    said = str(outcome.error)
    assert said.startswith(str(LONG_2018)) and "--context" in said and "64000" in said


def test_ollama_cutting_the_prompt_silently_fails_the_letter() -> None:
    # Ollama before 0.6 gave 2,048 tokens by default: a whole 2018 letter's request is about
    # twice that, so the server reads only its last half (a cut of a few per cent is not
    # told from our estimate's error: the README's "Using your endpoint" says so)
    older = replace(PROFILES["ollama"], window=2048)
    with FakeOpenAI(profile=older) as running:
        backend = LlmBackend(settings_for(running, RHI_LLM_MODE="json"))
        outcome = run(backend, LONG_2018)
    assert outcome.row is None, "a cut prompt must never pass as an extraction"
    assert isinstance(outcome.error, ContextOverflow | ModelError)
    assert "--context" in str(outcome.error)


def test_ollama_with_its_window_set_reads_the_letter_in_parts() -> None:
    with FakeOpenAI(profile="ollama") as running:
        settings = settings_for(
            running, RHI_LLM_MODE="json", RHI_LLM_CONTEXT=4096, RHI_LLM_MAX_OUTPUT=1000
        )
        outcome = run(LlmBackend(settings), LONG_2018)
        assert outcome.row is not None, outcome.error
        assert running.stats.per_request and not any(r.truncated for r in running.stats.per_request)
    assert outcome.row.fields["missing_incidents"].value == 1032


def test_a_content_filter_fails_the_letter_with_no_reask(tmp_path: Path) -> None:
    letter = tmp_path / "filtered-2024.txt"
    letter.write_text(
        LETTER.read_text(encoding="utf-8") + "\nSome children had been sexually exploited.\n",
        encoding="utf-8",
    )
    with FakeOpenAI(profile="azure") as running:
        outcome = run(LlmBackend(settings_for(running)), letter)
        assert running.stats.requests == 1
    assert isinstance(outcome.error, ContentFiltered)
    assert "content filter" in str(outcome.error)


def test_a_reasoning_model_not_named_as_one_is_switched_to_its_parameters() -> None:
    with FakeOpenAI(profile="openai-reasoning") as running:
        outcome = run(LlmBackend(settings_for(running, RHI_LLM_MODEL="house-reasoner")))
        bodies = running.bodies
    assert outcome.row is not None, outcome.error
    assert "temperature" in bodies[0] and "temperature" not in bodies[-1]
    assert bodies[-1]["max_completion_tokens"] == 4000


# -- the cache and the accounting ----------------------------------------------------------


def test_the_cache_never_answers_for_another_endpoint(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache")
    with FakeOpenAI() as first, FakeOpenAI() as second:
        assert run(LlmBackend(settings_for(first), cache=cache)).row is not None
        again = run(LlmBackend(settings_for(second), cache=cache))
        assert again.row is not None and not again.row.provenance.cached
        assert second.stats.requests == 1


def test_a_cache_hit_counts_no_call_token_or_cost(server: FakeOpenAI, tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache")
    first = run(LlmBackend(settings_for(server), cache=cache))
    assert first.row is not None and first.row.provenance.tokens.total > 0
    hit = run(LlmBackend(settings_for(server), cache=cache))
    assert hit.row is not None and hit.row.provenance.cached
    assert hit.calls == [] and hit.row.provenance.calls == 0
    assert hit.row.provenance.tokens.total == 0 and hit.row.provenance.cost_usd is None


def test_the_endpoint_in_a_cache_key_has_no_credentials() -> None:
    assert endpoint_id("https://user:secret@Example.COM:8443/v1/") == "https://example.com:8443/v1"
    assert endpoint_id(None) == "https://api.openai.com/v1"
    assert endpoint_id("http://127.0.0.1:11434/v1") != endpoint_id("http://127.0.0.1:8000/v1")


def test_replayed_authored_cassettes_print_no_cost() -> None:
    from conftest import REPO

    backend = LlmBackend.replaying(REPO / "cassettes" / "authored")
    outcome = run(backend, LETTERS / "westmarch-2024.txt")
    assert outcome.row is not None, outcome.error
    assert outcome.row.provenance.tokens.total > 0  # the recorded requests' usage is kept
    assert outcome.row.provenance.cost_usd is None  # but nobody paid for it


# -- strict structured outputs ---------------------------------------------------------------


@pytest.mark.parametrize("mode", ["tools", "json_schema"])
def test_strict_outputs_are_asked_for_and_the_schema_passes_openais_rules(mode: str) -> None:
    with FakeOpenAI(profile="openai") as running:
        settings = settings_for(running, RHI_LLM_STRICT="yes", RHI_LLM_MODE=mode)
        outcome = run(LlmBackend(settings), LONG_2018)
        body = running.bodies[0]
    assert outcome.row is not None, outcome.error  # the fake checks strict schemas as OpenAI does
    if mode == "tools":
        assert body["tools"][0]["function"]["strict"] is True
    else:
        assert body["response_format"]["json_schema"]["strict"] is True
    assert outcome.row.fields["missing_incidents"].value == 1032


def test_strict_is_on_by_default_only_where_the_endpoint_takes_it() -> None:
    assert build_settings(environ={}).strict  # api.openai.com
    azure = {"OPENAI_BASE_URL": "https://acme.openai.azure.com/openai/v1"}
    assert build_settings(environ=azure).strict
    assert not build_settings(environ={"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"}).strict
    told = {"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "RHI_LLM_STRICT": "yes"}
    assert build_settings(environ=told).strict


def test_a_cassette_matches_its_request_whether_or_not_strict_was_asked() -> None:
    from types import SimpleNamespace

    from rhi_llm.extract.cassettes import _same_body_but_strict

    plain = {"messages": [{"role": "user", "content": "x"}], "tools": [{"function": {"name": "A"}}]}
    flagged = json.loads(json.dumps(plain))
    flagged["tools"][0]["function"]["strict"] = True
    other = json.loads(json.dumps(plain))
    other["messages"][0]["content"] = "y"

    def request(body: dict[str, object]) -> SimpleNamespace:
        return SimpleNamespace(body=json.dumps(body).encode())

    _same_body_but_strict(request(plain), request(flagged))  # no AssertionError: the same
    with pytest.raises(AssertionError):
        _same_body_but_strict(request(plain), request(other))


def test_an_azure_deployment_is_reached_by_its_path_and_api_version() -> None:
    with FakeOpenAI(profile="azure") as running:
        environ = {
            "OPENAI_BASE_URL": running.endpoint,
            "OPENAI_API_KEY": KEY,
            "OPENAI_API_VERSION": "2024-10-21",
            "RHI_LLM_MODEL": "rhi-extractor",  # the deployment's name
        }
        outcome = run(LlmBackend(build_settings(environ=environ)))
        assert running.stats.per_request[0].status == 200
    assert outcome.row is not None, outcome.error
    assert outcome.row.fields["missing_incidents"].value == 641


def test_an_azure_address_without_its_deployment_path_is_named() -> None:
    with FakeOpenAI(profile="azure") as running:
        wrong = {"OPENAI_BASE_URL": running.endpoint + "/v1", "OPENAI_API_KEY": KEY}
        outcome = run(LlmBackend(build_settings(environ=wrong)))
    assert isinstance(outcome.error, EndpointRejected)
    assert "(HTTP 404)" in str(outcome.error) and "deployment path" in str(outcome.error)


def test_prompt_tokens_served_from_the_providers_cache_are_priced_as_cached() -> None:
    from types import SimpleNamespace

    from rhi_llm.extract.llm import CallLog

    settings = build_settings(environ={"RHI_LLM_MODEL": "gpt-4o-mini"})
    full = settings.cost(10_000, 1_000)
    assert full == pytest.approx((10_000 * 0.15 + 1_000 * 0.60) / 1e6)
    half_cached = settings.cost(10_000, 1_000, cached_tokens=6_000)
    assert half_cached == pytest.approx((4_000 * 0.15 + 6_000 * 0.075 + 1_000 * 0.60) / 1e6)
    log = CallLog(price=settings)
    usage = SimpleNamespace(
        prompt_tokens=10_000,
        completion_tokens=1_000,
        prompt_tokens_details=SimpleNamespace(cached_tokens=6_000),
    )
    log.add(0.1, response=SimpleNamespace(usage=usage, choices=[]))
    assert log.records[0].cached_tokens == 6_000
    assert log.records[0].cost_usd == pytest.approx(half_cached)


def test_the_both_backend_records_its_model_calls(server: FakeOpenAI) -> None:
    from rhi_llm.extract.both import BothBackend

    outcome = asyncio.run(process_letter(LETTER, BothBackend(settings_for(server))))
    assert outcome.row is not None, outcome.error
    assert len(outcome.calls) == 1 and outcome.calls[0].prompt_tokens > 0
    assert outcome.row.provenance.backend == "both" and outcome.row.provenance.calls == 1


def test_letters_after_a_rejected_key_are_not_sent_and_say_so() -> None:
    paths = sorted(LETTERS.glob("*-2024.txt"))[:3]
    with FakeOpenAI(api_keys=("sk-the-right-one",)) as running:
        backend = LlmBackend(settings_for(running, RHI_LLM_CONCURRENCY=1))
        outcomes = asyncio.run(process_many(paths, backend, concurrency=1))
        assert running.stats.requests == 1
    assert all(isinstance(o.error, EndpointRejected) for o in outcomes)
    for path, outcome in zip(paths, outcomes, strict=True):
        assert str(outcome.error).startswith(str(path))  # each names its own letter
    assert sum("not sent:" in str(o.error) for o in outcomes) == len(paths) - 1


def test_a_reask_stays_inside_the_context(server: FakeOpenAI) -> None:
    server.enqueue("invalid")
    backend = LlmBackend(settings_for(server, RHI_LLM_CONTEXT=6000, RHI_LLM_MAX_OUTPUT=1000))
    outcome = run(backend, LONG_2018)
    assert outcome.row is not None, outcome.error
    reasks = [b for b in server.bodies if len(b["messages"]) > 2]
    assert reasks, "the invalid answer was asked again"
    for body in server.bodies:
        assert sent_tokens(body) + 1000 <= 6000


def test_no_reask_is_sent_that_would_overflow_the_context() -> None:
    from pydantic import ValidationError

    from rhi_llm.core.survey import Figure
    from rhi_llm.extract.llm import CallLog

    with pytest.raises(ValidationError) as raised:
        Figure.model_validate({"value": "lots"})
    invalid = raised.value
    tight = CallLog().tracker(expected_prompt=2900, prompt_limit=3000)
    tight.answered_tokens = 400  # the answer a re-ask would send back
    assert not tight.reask(invalid) and tight.no_room
    roomy = CallLog().tracker(expected_prompt=1000, prompt_limit=3000)
    roomy.answered_tokens = 400
    assert roomy.reask(invalid) and not roomy.no_room


def test_the_token_measure_is_learnt_from_each_request_as_planned(server: FakeOpenAI) -> None:
    """A re-asked request carries the answer back: its size is not the planned request's,
    and another chunk's request in the same letter's log is not this one's."""
    from types import SimpleNamespace

    from rhi_llm.extract.llm import CallLog

    def answer(prompt: int) -> SimpleNamespace:
        usage = SimpleNamespace(prompt_tokens=prompt, completion_tokens=100)
        return SimpleNamespace(usage=usage, choices=[])

    backend = LlmBackend(settings_for(server))
    log = CallLog()
    mine, other = log.tracker(expected_prompt=800), log.tracker(expected_prompt=4000)
    mine.on_response(answer(1000))  # the request as planned: 1.25 of our estimate
    other.on_response(answer(3000))  # another chunk's request, answered in between
    mine.on_response(answer(1600))  # the re-ask, with the first answer sent back
    backend._learn(mine)
    assert backend._scale == pytest.approx(1.25)
