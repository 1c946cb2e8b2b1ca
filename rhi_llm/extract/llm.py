"""The model backend: any OpenAI-compatible endpoint fills the survey through instructor.

One async implementation:

* a letter that fits the context goes whole, in one request; a longer one is split at question
  boundaries (`rhi_llm.chunking`), each chunk asked only for its fields, and the chunks'
  answers merged per field (`merge_chunks`);
* requests go through ``instructor`` over the ``openai`` SDK at temperature 0, at most
  ``settings.concurrency`` at a time; instructor re-asks when the answer does not validate
  (a quote not in the letter, a value of the wrong type), with the error sent back;
* tenacity retries rate limits (honouring Retry-After), server errors, timeouts and dropped
  connections with jittered backoff, up to ``settings.retries``;
* an answer cut off at the output budget is asked once more with twice the budget, if the
  context has room, and otherwise fails with its reason; a reasoning model gets
  ``max_completion_tokens`` and no temperature;
* an endpoint's refusals are named: a rejected key or an unknown model stops the batch
  (`EndpointRejected`), a request over the server's window (said, or found because the
  server reported far fewer prompt tokens than were sent) fails its letter
  (`ContextOverflow`), and so does a content filter (`ContentFiltered`), with no re-ask;
* every attempt's tokens are summed, retries included, with an estimated cost;
* results are cached by (letter sha256, prompt hash, schema version, model, mode, endpoint).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import instructor
import openai
from instructor.v2.core.errors import IncompleteOutputException, InstructorRetryException
from instructor.v2.core.hooks import Hooks
from instructor.v2.core.retry import _RETRYABLE_PARSE_ERRORS
from pydantic import BaseModel, SecretStr
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from rhi_llm.chunking import Chunk, estimate_schema_tokens, estimate_tokens, plan_to_fit
from rhi_llm.core.bounds import BodyOverCap, DeadlinePassed
from rhi_llm.core.contracts import Backend, Extraction
from rhi_llm.core.errors import (
    ContentFiltered,
    ContextOverflow,
    EndpointRejected,
    ModelError,
    ModeNotSupported,
    OutputCutOff,
    RequestDeadline,
    ResponseTooLarge,
)
from rhi_llm.core.questionnaires import fields_for, installed
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.records import CallRecord, Provenance, TokenUsage
from rhi_llm.core.redact import redact, redact_optional
from rhi_llm.core.settings import Settings, build_settings, shown_url
from rhi_llm.core.survey import SCHEMA_VERSION, SurveyResponse
from rhi_llm.core.text import utc_now
from rhi_llm.core.types import Check
from rhi_llm.extract.cache import ResponseCache, cache_key, endpoint_id
from rhi_llm.extract.cassettes import (
    REPLAY_BASE_URL,
    CassetteProvenance,
    authored_note,
    cassette_path,
    read_provenance,
    recorder,
    write_provenance,
)
from rhi_llm.extract.grounding import GROUNDING
from rhi_llm.extract.prompting import Prompts, load_prompts, user_message
from rhi_llm.extract.response_models import response_model_for, schema_fingerprint, to_response

from .instructor_checks import install as remember_instructor_checks
from .merge import merge_chunks

remember_instructor_checks()

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
REASKS = 2  # instructor re-asks after an answer that does not validate
CONTEXT_MARGIN = 0.05  # of the context, kept free: our token estimate is an estimate
REASK_TOKENS = 300  # our re-ask message and the validation errors it carries, about
ANSWER_TOKENS_PER_FIELD = 60  # a field's answer in output (the fake's answers run 45-57)
MAX_WAIT_SECONDS = 30.0
# The server cut the prompt when it reports fewer than this share of the prompt tokens our
# estimate gave (the estimate errs high: English prose runs about 4 characters a token in
# the tokenizers of OpenAI's and Llama 3's models, against our 3.5, and JSON about 3 to our
# 2.8, so a whole prompt is counted at 0.8 to 1.0 of our estimate)
TRUNCATED_BELOW = 0.7


@dataclass
class CallLog:
    """Requests made for one letter (every attempt, retries and re-asks included): one
    record each, with its tokens, time and error."""

    records: list[CallRecord] = field(default_factory=list)
    price: Settings | None = None

    @property
    def calls(self) -> int:
        return len(self.records)

    def tracker(self, expected_prompt: int = 0, prompt_limit: int | None = None) -> _Attempts:
        return _Attempts(self, expected_prompt, prompt_limit)

    def add(self, latency: float | None, response: Any = None, error: str | None = None) -> None:
        usage = getattr(response, "usage", None)
        prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion = int(getattr(usage, "completion_tokens", 0) or 0)
        details = getattr(usage, "prompt_tokens_details", None)
        cached = int(getattr(details, "cached_tokens", 0) or 0)
        cost = self.price.cost(prompt, completion, cached) if self.price and usage else None
        self.records.append(
            CallRecord(
                attempt=len(self.records) + 1,
                prompt_tokens=prompt,
                completion_tokens=completion,
                cached_tokens=cached,
                latency_ms=round(latency * 1000, 1) if latency is not None else None,
                cost_usd=cost,
                error=redact_optional(error),
            )
        )

    def note_error(self, error: str) -> None:
        """Say what was wrong with the last call's answer (its record was made when the
        answer came, before it was found not to fit)."""
        if self.records:
            self.records[-1] = self.records[-1].model_copy(update={"error": redact(error)})

    def usage(self) -> TokenUsage:
        prompt = sum(r.prompt_tokens for r in self.records)
        completion = sum(r.completion_tokens for r in self.records)
        return TokenUsage(prompt=prompt, completion=completion, total=prompt + completion)


def strictly(*_: Any, **request: Any) -> None:
    """Ask for strict structured outputs: the server then decodes only answers that fit
    the schema (instructor sends the flag in neither tools nor json_schema mode; the
    request's tool and response format are this request's own copies)."""
    for tool in request.get("tools") or []:
        function = tool.get("function") if isinstance(tool, dict) else None
        if isinstance(function, dict):
            function["strict"] = True
    response_format = request.get("response_format")
    if isinstance(response_format, dict) and isinstance(response_format.get("json_schema"), dict):
        response_format["json_schema"]["strict"] = True


class _Attempts:
    """instructor's hooks for one request: times each attempt, logs it when it ends, and
    notes what makes asking again pointless (a content filter, a prompt the server cut)."""

    def __init__(
        self, log: CallLog, expected_prompt: int = 0, prompt_limit: int | None = None
    ) -> None:
        self.log = log
        self.started: float | None = None
        self.expected_prompt = expected_prompt
        self.prompt_limit = prompt_limit  # the prompt tokens a request may carry, if bounded
        self.filtered = False
        self.refused: str | None = None  # the model's refusal, said in its answer
        self.truncated: int | None = None  # the prompt tokens the server said it read
        self.answered_tokens = 0  # written in this request's answers so far (re-asks grow)
        self.no_room = False  # a re-ask was not sent: it would not have fit the context
        self.told_prompt = 0  # the prompt tokens the server reported for the planned request

    @property
    def hopeless(self) -> bool:
        return self.filtered or self.refused is not None or self.truncated is not None

    def reask(self, error: BaseException) -> bool:
        """instructor's re-ask test: an answer that did not validate, unless asking again
        cannot help, or would not fit the context (a re-ask sends the answer back with the
        error, so the prompt grows by the answer and our re-ask message)."""
        if not isinstance(error, _RETRYABLE_PARSE_ERRORS) or self.hopeless:
            return False
        grown = self.expected_prompt + self.answered_tokens + REASK_TOKENS
        if self.prompt_limit is not None and grown > self.prompt_limit:
            self.no_room = True
            return False
        return True

    def hooks(self, strict: bool = False) -> Hooks:
        hooks = Hooks()
        if strict:
            hooks.on("completion:kwargs", strictly)
        hooks.on("completion:kwargs", self.on_start)
        hooks.on("completion:response", self.on_response)
        hooks.on("completion:error", self.on_error)
        hooks.on("parse:error", self.on_parse_error)
        return hooks

    def _elapsed(self) -> float | None:
        return time.monotonic() - self.started if self.started is not None else None

    def on_start(self, *_: Any, **__: Any) -> None:
        self.started = time.monotonic()

    def on_response(self, response: Any) -> None:
        self.log.add(self._elapsed(), response=response)
        record = self.log.records[-1]  # just added: the log is shared, this is still ours
        self.answered_tokens += record.completion_tokens
        if not self.told_prompt:  # the first answer's: re-asks carry more than was planned
            self.told_prompt = record.prompt_tokens
        choices = getattr(response, "choices", None) or []
        if choices and getattr(choices[0], "finish_reason", None) == "content_filter":
            self.filtered = True
        message = getattr(choices[0], "message", None) if choices else None
        refusal = getattr(message, "refusal", None)
        if refusal:
            self.refused = str(refusal)[:200]
        usage = getattr(response, "usage", None)
        read = getattr(usage, "prompt_tokens", None)
        if isinstance(read, int) and 0 < read < TRUNCATED_BELOW * self.expected_prompt:
            self.truncated = read

    def on_error(self, error: Exception, **_: Any) -> None:
        self.log.add(self._elapsed(), error=_describe(error))

    def on_parse_error(self, error: Exception, **_: Any) -> None:
        """An answer that did not fit the survey: the whole reason goes with its call."""
        self.log.note_error(attempt_detail(error))


def _no_recording(error: BaseException) -> bool:
    """A replayed request that matches nothing in its cassette (vcrpy refuses to record)."""
    cause = error.__cause__ or error.__context__
    return cause is not None and type(cause).__name__ == "CannotOverwriteExistingCassetteException"


def _describe(error: BaseException) -> str:
    if _no_recording(error):
        return (
            "no recorded answer in the cassette matches this request (the prompt, letter "
            "or schema changed since it was recorded: re-author or re-record it)"
        )
    if isinstance(error, openai.APIStatusError):
        return f"HTTP {error.status_code} from the endpoint"
    bound = error.__cause__
    if isinstance(bound, DeadlinePassed):
        return f"{bound} (RHI_LLM_REQUEST_DEADLINE)"
    if isinstance(bound, BodyOverCap):
        return f"{bound} (RHI_LLM_MAX_RESPONSE_BYTES)"
    if isinstance(error, openai.APITimeoutError):
        return "the request timed out"
    if isinstance(error, openai.APIConnectionError):
        return "the connection failed or was dropped"
    if isinstance(error, IncompleteOutputException):
        return "the output was cut off (finish_reason length)"
    text = str(error).strip().splitlines()
    return (text[0] if text else type(error).__name__)[:200]


def _root(error: BaseException | None) -> BaseException | None:
    """instructor wraps an endpoint error in its own; the endpoint's is what matters."""
    if isinstance(error, InstructorRetryException) and isinstance(
        error.__cause__, openai.APIError | IncompleteOutputException
    ):
        return error.__cause__
    return error


def _transient(error: BaseException) -> bool:
    """Worth trying again: rate limits, server errors, timeouts, dropped connections,
    and output cut short."""
    error = _root(error) or error
    if _no_recording(error):
        return False
    if isinstance(error, openai.APIStatusError):
        return error.status_code in (408, 409, 429) or error.status_code >= 500
    if _over_cap(error):
        return False  # at temperature 0 the same request would bring the same answer back
    return isinstance(error, openai.APITimeoutError | openai.APIConnectionError)


def _over_cap(error: BaseException) -> bool:
    return isinstance(error, openai.APIConnectionError) and isinstance(error.__cause__, BodyOverCap)


def _past_deadline(error: BaseException) -> bool:
    return isinstance(error, openai.APITimeoutError) and isinstance(error.__cause__, DeadlinePassed)


def _retry_after(error: BaseException | None) -> float | None:
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        raw = headers.get(name)
        if raw is None:
            continue
        try:
            return min(MAX_WAIT_SECONDS, max(0.0, float(raw) * scale))
        except ValueError:
            continue
    return None


def _wait(state: RetryCallState) -> float:
    """Retry-After when the endpoint gives one, else jittered exponential backoff."""
    error = _root(state.outcome.exception() if state.outcome else None)
    told = _retry_after(error)
    if told is not None:
        return told
    return min(MAX_WAIT_SECONDS, random.uniform(0, 0.25 * 2 ** (state.attempt_number - 1)))


class LlmBackend(Backend):
    """Extraction by a model behind any OpenAI-compatible endpoint."""

    name = "llm"
    sends_requests = True

    def __init__(
        self,
        settings: Settings,
        *,
        cache: ResponseCache | None = None,
        prompts: Prompts | None = None,
        note: str | None = None,
        cassettes: Path | None = None,
        record: bool = False,
    ) -> None:
        self.settings = settings
        self.prompts = prompts or load_prompts()
        self.cache = None if cassettes is not None else cache
        self.note = note
        self.cassettes = cassettes
        self.record = record
        self._client: instructor.AsyncInstructor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._gate: asyncio.Semaphore | None = None
        self._one_cassette_at_a_time: asyncio.Lock | None = None
        self._in_flight: Any = None
        self._reasoning = settings.reasoning  # turned on if the endpoint rejects temperature
        self._stopped: ModelError | None = None  # an error every further request would meet
        self._scale = 1.0  # the server's prompt tokens over our estimate, at most, seen so far
        self._proven = False  # the endpoint has answered once (key, model, address work)
        self._pilot: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = None

    def count_in_flight(self, counter: Any) -> None:
        """Keep a shared counter (a `multiprocessing.Value`) of requests on the wire, for
        the progress bar; worker copies made by `with_concurrency` share it."""
        self._in_flight = counter

    def warm(self) -> None:
        """Build what every request reuses (response models and their JSON Schemas) now,
        before a batch forks its workers, so that each inherits it instead of building it."""
        _import_sdk_now()
        for questionnaire in installed():
            prepared_model(questionnaire.id, questionnaire.field_ids).model_json_schema()
        if self._client is None:
            self._client, self._loop = self._new_client(), None

    @classmethod
    def replaying(
        cls, cassettes: Path, settings: Settings | None = None, **options: Any
    ) -> LlmBackend:
        """This backend answering from a folder of cassettes, offline: no endpoint and no
        key are needed (a request that matches no recording fails its letter)."""
        settings = (settings or build_settings(environ={})).model_copy(
            update={"base_url": REPLAY_BASE_URL, "api_key": SecretStr("replay-needs-no-key")}
        )
        return cls(settings, cassettes=cassettes, **options)

    @property
    def shardable(self) -> bool:
        """Requests can be spread over worker processes, except when replaying cassettes
        (they patch HTTP process-wide, and letters take turns)."""
        return self.cassettes is None

    def with_concurrency(self, requests: int) -> LlmBackend:
        """A fresh copy of this backend (no client yet) allowed ``requests`` at once: one per
        worker process of a batch, each with its share."""
        settings = self.settings.model_copy(update={"concurrency": requests})
        copy = type(self)(
            settings,
            cache=self.cache,
            prompts=self.prompts,
            note=self.note,
            cassettes=self.cassettes,
            record=self.record,
        )
        copy._in_flight = self._in_flight
        return copy

    # -- plumbing --------------------------------------------------------------------------

    def _instructor(self) -> tuple[instructor.AsyncInstructor, asyncio.Semaphore]:
        """The instructor client and the request gate for the running event loop (a client
        made by `warm` before any loop ran is adopted by the first loop that asks)."""
        loop = asyncio.get_running_loop()
        if self._client is not None and self._loop is None:
            self._loop = loop
        if self._client is None or self._loop is not loop:
            self._client = self._new_client()
            self._loop = loop
            self._gate = None
        if self._gate is None:
            self._gate = asyncio.Semaphore(self.settings.concurrency)
        return self._client, self._gate

    def _new_client(self) -> instructor.AsyncInstructor:
        return instructor.from_openai(self.settings.client(), mode=MODES[self.settings.mode])

    async def aclose(self) -> None:
        """Close the HTTP client (call at the end of a batch, inside its event loop)."""
        client, self._client = self._client, None
        raw = getattr(client, "client", None)
        if raw is not None and hasattr(raw, "close"):
            await raw.close()

    def key_for_sha(self, sha256: str) -> str:
        """What must match for a stored extraction to stand for a new one."""
        return self.response_key(sha256)

    def response_key(self, sha256: str) -> str:
        """What must match for a cached model response to stand for a new one: the
        letter's bytes, the prompt, the schema, the model, the instructor mode and the
        endpoint (its address without credentials)."""
        return cache_key(
            sha256,
            self.prompts.hash,
            schema_fingerprint(),
            self.settings.model,
            self.settings.mode,
            endpoint_id(self.settings.base_url),
        )

    def batch_key_for_sha(self, sha256: str) -> str:
        """The key of an extraction made through the Batch API (its requests use a strict
        ``response_format``, whatever the mode)."""
        return cache_key(
            sha256,
            self.prompts.hash,
            schema_fingerprint(),
            self.settings.model,
            "batch",
            endpoint_id(self.settings.base_url),
        )

    def keys_for_sha(self, sha256: str) -> list[str]:
        """Keys of extractions that stand for this letter now: made one request at a time
        or through the Batch API, with this prompt, schema and model."""
        return [self.key_for_sha(sha256), self.batch_key_for_sha(sha256)]

    def plan(self, reading: LetterReading) -> list[Chunk]:
        """How this letter is sent: whole when it fits the context, else in parts, each
        request (prompt, schema, letter text and output budget) inside the context."""
        context = self.settings.context_tokens
        margin = CONTEXT_MARGIN * context

        def room(fields: tuple[str, ...]) -> int:
            if ANSWER_TOKENS_PER_FIELD * len(fields) + 100 > self.settings.max_output:
                return 0  # their answer would not fit the output budget: ask fewer at once
            overhead = self._scale * self.overhead_tokens(reading, fields)
            # room for one re-ask too: it sends the answer back with our message
            reask = ANSWER_TOKENS_PER_FIELD * len(fields) + REASK_TOKENS
            text_room = context - self.settings.max_output - overhead - reask - margin
            return int(text_room / self._scale)

        return plan_to_fit(reading, room)

    def overhead_tokens(self, reading: LetterReading, fields: tuple[str, ...]) -> int:
        """Our estimate of a request's tokens besides the letter text: the system prompt,
        the instructions and questions for these fields, and their schema."""
        empty = Chunk(index=0, start=0, end=0, questions=(), fields=fields)
        words = sum(estimate_tokens(m["content"]) for m in self.messages(reading, empty))
        return words + schema_tokens(reading.questionnaire, fields)

    def request_tokens(self, reading: LetterReading, chunk: Chunk) -> int:
        """Our estimate of one request's prompt tokens (messages and schema)."""
        words = sum(estimate_tokens(m["content"]) for m in self.messages(reading, chunk))
        return words + schema_tokens(reading.questionnaire, chunk.fields)

    # -- one letter ------------------------------------------------------------------------

    def covers(self, path: Path) -> bool:
        """Can this backend answer for a letter file? (Replaying needs its cassette.)"""
        if self.cassettes is None or self.record:
            return True
        return cassette_path(self.cassettes, path.name).is_file()

    async def extract(self, reading: LetterReading) -> Extraction:
        if self.cassettes is not None:
            return await self._with_cassette(reading)
        key = self.response_key(reading.letter.sha256)
        if self.cache is not None:
            cached = self.cache.get(key)
            if cached is not None:
                # an answer taken from the cache cost nothing now: no call, token or cost is
                # counted for it (the run that made it recorded them)
                return cached.model_copy(
                    update={
                        "calls": [],
                        "provenance": cached.provenance.model_copy(
                            update={
                                "cached": True,
                                "calls": 0,
                                "tokens": TokenUsage(prompt=0, completion=0, total=0),
                                "cost_usd": None,
                            }
                        ),
                    }
                )
        extraction = await self._extract_now(reading)
        if self.cache is not None:
            self.cache.put(key, extraction)
        return extraction

    async def _extract_now(self, reading: LetterReading) -> Extraction:
        log = CallLog(price=self.settings)
        for planned in range(2):
            chunks = self.plan(reading)
            results = await asyncio.gather(
                *(self._ask(reading, chunk, log) for chunk in chunks), return_exceptions=True
            )
            failed = next((r for r in results if isinstance(r, BaseException)), None)
            if planned == 0 and isinstance(failed, ContextOverflow) and self._relearn(failed):
                continue  # planned again with the server's own count of our requests
            break
        if failed is not None:
            if isinstance(failed, ModelError):
                failed.calls = list(log.records)  # the requests made before it gave up
            raise failed  # every chunk has finished: no task is left unretrieved
        answers = [r for r in results if isinstance(r, SurveyResponse)]
        response, checks = merge_chunks(reading, list(zip(chunks, answers, strict=True)))
        located = len(reading.qmap.questions)
        if located >= 2 and not _answers_anything(response, fields_for(reading.questionnaire)):
            # what a model says when the server cut its instructions and the letter away
            error = ModelError(
                f"the model answered no field at all, although the letter answers {located} "
                f"questions: if the server cut the prompt to fit its window, set --context "
                f"(RHI_LLM_CONTEXT, now {self.settings.context_tokens}) to that window "
                f"(`rhi-llm doctor` measures it)",
                path=reading.letter.path,
            )
            error.calls = list(log.records)
            raise error
        return Extraction(
            response=response, provenance=self._provenance(log), checks=checks, calls=log.records
        )

    async def _with_cassette(self, reading: LetterReading) -> Extraction:
        """Replay (or record) this letter's calls; cassettes patch HTTP process-wide, so
        letters take turns."""
        assert self.cassettes is not None
        name = reading.letter.name
        if not self.covers(Path(name)):
            raise ModelError(
                f"no cassette for this letter in {self.cassettes}", path=reading.letter.path
            )
        if self._one_cassette_at_a_time is None:
            self._one_cassette_at_a_time = asyncio.Lock()
        async with self._one_cassette_at_a_time:
            self.cassettes.mkdir(parents=True, exist_ok=True)
            with recorder(self.cassettes, record=self.record).use_cassette(
                cassette_path(self.cassettes, name).name
            ):
                extraction = await self._extract_now(reading)
        if self.record:
            self._write_recorded_provenance(name)
        told = read_provenance(self.cassettes, name)
        note = authored_note(told) if told else self.note
        update: dict[str, Any] = {"note": note}
        if told is None or told.kind != "recorded":
            update["cost_usd"] = None  # nobody paid for answers we wrote ourselves
        return extraction.model_copy(
            update={"provenance": extraction.provenance.model_copy(update=update)}
        )

    def _write_recorded_provenance(self, name: str) -> None:
        assert self.cassettes is not None
        endpoint = self.settings.base_url or "https://api.openai.com/v1"
        write_provenance(
            self.cassettes,
            CassetteProvenance(
                kind="recorded",
                letter=name,
                created=utc_now(),
                endpoint=shown_url(endpoint),
                model=self.settings.model,
                prompt_hash=self.prompts.hash,
                command=redact(" ".join(["rhi-llm", *sys.argv[1:]]))[:300],
                note="responses recorded from the model named here; nothing was edited",
            ),
        )

    def _provenance(self, log: CallLog) -> Provenance:
        usage = log.usage()
        return Provenance(
            backend=self.name,
            model=self.settings.model,
            prompt_hash=self.prompts.hash,
            schema_version=SCHEMA_VERSION,
            tokens=usage,
            calls=log.calls,
            cost_usd=_summed_cost(log.records),
            note=self.note,
        )

    def messages(self, reading: LetterReading, chunk: Chunk) -> list[dict[str, str]]:
        text = reading.text[chunk.start : chunk.end]
        return [
            {"role": "system", "content": self.prompts.system},
            {
                "role": "user",
                "content": user_message(
                    self.prompts,
                    questionnaire=reading.questionnaire,
                    fields=chunk.fields,
                    letter_name=reading.letter.name,
                    text=text,
                    start=chunk.start,
                    end=chunk.end,
                    whole=len(reading.text),
                ),
            },
        ]

    async def _ask(self, reading: LetterReading, chunk: Chunk, log: CallLog) -> SurveyResponse:
        """One chunk's answer. Until the endpoint has answered once, requests go one at a
        time: a rejected key or unknown model then costs one request, not one per slot."""
        if self._stopped is not None:
            raise self._stopped_for(reading)  # refused a request that every letter makes
        if not self._proven:
            async with self._pilot_lock():
                if self._stopped is not None:
                    raise self._stopped_for(reading)
                if not self._proven:
                    try:
                        return await self._ask_now(reading, chunk, log)
                    finally:
                        # answered, or failed for a reason of its own: the key, model and
                        # address work, and the other requests may go together
                        self._proven = self._stopped is None
        return await self._ask_now(reading, chunk, log)

    def _pilot_lock(self) -> asyncio.Lock:
        """The lock the first requests queue on, for the running event loop."""
        loop = asyncio.get_running_loop()
        if self._pilot is None or self._pilot[0] is not loop:
            self._pilot = (loop, asyncio.Lock())
        return self._pilot[1]

    async def _ask_now(self, reading: LetterReading, chunk: Chunk, log: CallLog) -> SurveyResponse:
        client, gate = self._instructor()
        model = prepared_model(reading.questionnaire, chunk.fields)
        messages = self.messages(reading, chunk)
        expected = self.request_tokens(reading, chunk)
        # the validator checks quotes against this letter (see survey.GROUNDING)
        GROUNDING.set(
            {
                "letter": reading.text,
                "loose_letter": reading.loose_text,
                "reask": self.prompts.reask,
            }
        )
        output = self.settings.max_output
        grown = switched = False
        while True:
            limit = int((self.settings.context_tokens - output) / self._scale)
            tracker = log.tracker(expected, limit)
            try:
                answer = await self._create(client, gate, model, messages, tracker, output)
            except ModelError as error:
                if error is self._stopped:  # met while this request waited for its turn
                    raise self._stopped_for(reading) from None
                raise
            except Exception as error:
                root = _root(error) or error
                if isinstance(root, IncompleteOutputException) and not grown:
                    bigger = self._room_to_grow(expected, output)
                    if bigger > output:
                        output, grown = bigger, True
                        continue  # once, with more room to write
                if rejects_sampling(root) and not switched:
                    # a reasoning model: its own parameters from now on (this request may
                    # have gone out before another one's refusal taught us)
                    self._reasoning = switched = True
                    continue
                if self.settings.mode == "tools" and _no_tool_call(error):
                    self._stopped = ModeNotSupported(
                        "the endpoint answered in text instead of the tool call that tools "
                        "mode asks for (Ollama, for one, ignores a forced tool_choice): set "
                        "--mode json_schema or json (RHI_LLM_MODE; `rhi-llm doctor` tells "
                        "which works); no more letters are sent",
                        path=reading.letter.path,
                    )
                    raise self._stopped from None
                failure = self._failure(reading, error, tracker, expected, output)
                if failure.stops_batch:
                    self._stopped = failure
                raise failure from None
            self._learn(tracker)
            if tracker.filtered:  # an answer the filter stopped part way, though it parsed
                raise self._failure(reading, ModelError("filtered"), tracker, expected, output)
            if tracker.truncated is not None:
                raise self._cut_prompt(reading, tracker.truncated, expected)
            return to_response(answer, reading.questionnaire)

    def _stopped_for(self, reading: LetterReading) -> ModelError:
        """The error that stopped the batch, said of this letter (which was not sent)."""
        assert self._stopped is not None
        return type(self._stopped)(f"not sent: {self._stopped.detail}", path=reading.letter.path)

    async def _create(
        self,
        client: instructor.AsyncInstructor,
        gate: asyncio.Semaphore,
        model: type[BaseModel],
        messages: list[dict[str, str]],
        tracker: _Attempts,
        output: int,
    ) -> BaseModel:
        """One request, retried on the way (rate limits, server errors, timeouts) and
        re-asked by instructor when the answer does not validate."""
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.settings.retries + 1),
            wait=_wait,
            retry=retry_if_exception(_transient),
            reraise=True,
        )
        reasking = AsyncRetrying(
            stop=stop_after_attempt(REASKS + 1),
            retry=retry_if_exception(tracker.reask),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                async with gate, self._counted():
                    if self._stopped is not None:
                        raise self._stopped  # met by a request sent while this one waited
                    answer: BaseModel = await client.create(
                        model=self.settings.model,
                        response_model=model,
                        messages=messages,  # type: ignore[arg-type]
                        max_retries=reasking,
                        hooks=tracker.hooks(strict=self.settings.strict),
                        **sampling(self._reasoning, output),
                    )
        return answer

    def _room_to_grow(self, expected: int, output: int) -> int:
        """A larger output budget for asking a cut-off answer again: twice the budget, as
        far as the context allows."""
        room = int(self.settings.context_tokens - self._scale * expected)
        return min(2 * output, room)

    def _relearn(self, overflow: ContextOverflow) -> bool:
        """After a request over the window whose size the server told: if our estimate
        counted low and the configured window is the server's, plan with its measure."""
        told, expected = overflow.told_prompt, overflow.expected_prompt
        window = overflow.told_window
        if not told or not expected or told <= expected:
            return False
        if window is not None and window < self.settings.context_tokens:
            return False  # the setting is wrong, not our estimate: the error says so
        self._scale = max(self._scale, min(3.0, told / expected * 1.05))
        return True

    def _learn(self, tracker: _Attempts) -> None:
        """Remember how the server's prompt token counts compare with our estimate, so that
        later letters are planned with its tokenizer's measure (never below our own)."""
        told = tracker.told_prompt
        if tracker.truncated is None and tracker.expected_prompt and told:
            self._scale = max(self._scale, min(2.0, told / tracker.expected_prompt))

    def _cut_prompt(self, reading: LetterReading, read: int, expected: int) -> ContextOverflow:
        return ContextOverflow(
            f"the server read only {read} of about {expected} prompt tokens: it cut the "
            f"prompt to fit its window, silently; set --context (RHI_LLM_CONTEXT, now "
            f"{self.settings.context_tokens}) to the window it gives, or give it a larger one "
            f"(Ollama: num_ctx; `rhi-llm doctor` measures it)",
            path=reading.letter.path,
        )

    @contextlib.asynccontextmanager
    async def _counted(self) -> AsyncIterator[None]:
        counter = self._in_flight
        if counter is None:
            yield
            return
        with counter.get_lock():
            counter.value += 1
        try:
            yield
        finally:
            with counter.get_lock():
                counter.value -= 1

    def _failure(
        self,
        reading: LetterReading,
        error: BaseException,
        tracker: _Attempts | None = None,
        expected: int = 0,
        output: int = 0,
    ) -> ModelError:
        """The one-line reason a letter's extraction failed for good."""
        root = _root(error) or error
        path = reading.letter.path
        if _no_recording(root):
            return ModelError(_describe(root), path=path)
        if _over_cap(root):
            return ResponseTooLarge(
                f"{_describe(root)}; not asked again (a survey answer is tens of kilobytes: "
                f"the endpoint or a proxy before it sent something else)",
                path=path,
            )
        if isinstance(root, openai.APIStatusError):
            named = self._endpoint_said(root, reading, expected)
            if named is not None:
                return named
        if tracker is not None and tracker.refused is not None:
            return ContentFiltered(
                f"the model refused: {tracker.refused} (not asked again)", path=path
            )
        if tracker is not None and tracker.filtered:
            return ContentFiltered(
                "the endpoint's content filter stopped the answer (finish_reason "
                "content_filter); not asked again: read this letter by hand, or use a "
                "deployment whose filter allows safeguarding letters",
                path=path,
            )
        if tracker is not None and tracker.truncated is not None:
            return self._cut_prompt(reading, tracker.truncated, expected)
        if tracker is not None and tracker.no_room and isinstance(error, InstructorRetryException):
            return ContextOverflow(
                f"the answer did not fit the survey ({last_attempt(error)[:120]}), and asking "
                f"again would not fit the context: a re-ask sends the answer back, and there "
                f"is no room for it beside the letter (--context {self.settings.context_tokens}"
                f", --max-output {self.settings.max_output})",
                path=path,
            )
        if isinstance(root, IncompleteOutputException):
            return OutputCutOff(
                f"the answer was cut off at {output} output tokens (finish_reason length), "
                f"also when asked again with more room; raise --max-output "
                f"(RHI_LLM_MAX_OUTPUT, now {self.settings.max_output}) or --context",
                path=path,
            )
        if _transient(root):
            kind = RequestDeadline if _past_deadline(root) else ModelError
            return kind(
                f"{_describe(root)}; gave up after {self.settings.retries + 1} attempts", path=path
            )
        refusal = _refusal(error)
        if refusal:
            return ContentFiltered(f"the model refused: {refusal} (not asked again)", path=path)
        if isinstance(root, openai.APIStatusError):
            said = _endpoint_message(root)
            return ModelError(f"{_describe(root)}{': ' + said if said else ''}", path=path)
        if isinstance(error, InstructorRetryException):
            return ModelError(
                f"the model's answer did not fit the survey after {error.n_attempts} "
                f"attempts ({last_attempt(error)}; each attempt's reason is in the run "
                f"store's model_calls)",
                path=path,
            )
        return ModelError(_describe(root), path=path)

    def _endpoint_said(
        self, error: openai.APIStatusError, reading: LetterReading, expected: int
    ) -> ModelError | None:
        """An endpoint's refusal by name: a rejected key, an unknown model or address, a
        request over its window, a content filter (None for anything else)."""
        status, said = error.status_code, said_by(error)
        where = endpoint_id(self.settings.base_url)
        path = reading.letter.path
        if status == 401:
            return EndpointRejected(
                f"the endpoint at {where} rejected the API key (HTTP 401): check "
                f"OPENAI_API_KEY; no more letters are sent",
                path=path,
            )
        if status == 403:
            return EndpointRejected(
                f"the endpoint at {where} refused access (HTTP 403): the key may not be "
                f"allowed this model or endpoint; no more letters are sent",
                path=path,
            )
        if status == 404:
            if "model" in said:
                return EndpointRejected(
                    f"the endpoint at {where} has no model {self.settings.model!r} (HTTP 404): "
                    f"check --model (RHI_LLM_MODEL); no more letters are sent",
                    path=path,
                )
            return EndpointRejected(
                f"nothing answers chat completions at {where} (HTTP 404): check --base-url "
                f"(OPENAI_BASE_URL; an Azure deployment needs its deployment path, or the "
                f"/openai/v1 address); no more letters are sent",
                path=path,
            )
        if status in (400, 413, 422) and CONTEXT_WORDS.search(said):
            window = told_number(WINDOW_TOLD, said)
            shown = f", which it says is {window} tokens" if window else ""
            overflow = ContextOverflow(
                f"the request (about {expected} prompt tokens and {self.settings.max_output} "
                f"for the answer) is larger than the server's context window{shown} (HTTP "
                f"{status}); set --context (RHI_LLM_CONTEXT, now "
                f"{self.settings.context_tokens}) to its window, and the letter is sent in "
                f"parts that fit",
                path=path,
            )
            overflow.told_prompt = told_number(PROMPT_TOLD, said)
            overflow.told_window = window
            overflow.expected_prompt = expected
            return overflow
        if status == 400 and FILTER_WORDS.search(said):
            return ContentFiltered(
                "the endpoint's content filter refused the letter (HTTP 400, content_filter); "
                "not asked again: read this letter by hand, or use a deployment whose filter "
                "allows safeguarding letters",
                path=path,
            )
        return None


CONTEXT_WORDS = re.compile(
    r"context[_ ]length|maximum context|context size|context window|exceed_context"
    r"|too many tokens|prompt is too long|exceeds? the (?:available )?context"
)
# what servers say a too-long request held, and their window
PROMPT_TOLD = (
    re.compile(r"\((\d+) in the messages"),
    re.compile(r"messages resulted in (\d+) tokens"),
    re.compile(r"request \((\d+) tokens\)"),
    re.compile(r'"n_prompt_tokens":\s*(\d+)'),
)
WINDOW_TOLD = (
    re.compile(r"maximum context length is (\d+)"),
    re.compile(r"context size \((\d+) tokens\)"),
    re.compile(r'"n_ctx":\s*(\d+)'),
)
FILTER_WORDS = re.compile(r"content[_ ]filter|content management policy|responsibleaipolicy")
SAMPLING_WORDS = re.compile(r"unsupported[_ ](?:parameter|value)")


def said_by(error: openai.APIStatusError) -> str:
    """What an endpoint's error says, message and body, lower-cased (to be read, never
    shown: it may quote the key)."""
    body = error.body
    return f"{error.message} {json.dumps(body, default=str) if body is not None else ''}".lower()


def told_number(patterns: tuple[re.Pattern[str], ...], said: str) -> int | None:
    for pattern in patterns:
        found = pattern.search(said)
        if found:
            return int(found.group(1))
    return None


def _summed_cost(records: list[CallRecord]) -> float | None:
    """The letter's cost: its calls' costs added up (each priced with its cached prompt
    tokens), None when the model's price is unknown."""
    costs = [r.cost_usd for r in records if r.cost_usd is not None]
    return round(sum(costs), 6) if costs else None


def _no_tool_call(error: BaseException) -> bool:
    """instructor found no tool call in any answer, in tools mode (the server answered in
    text: it does not honour a forced tool_choice)."""
    return isinstance(error, InstructorRetryException) and "no tool calls" in str(error).lower()


def sampling(reasoning: bool, output: int) -> dict[str, Any]:
    """Temperature 0 and an output budget; a reasoning model takes only the budget, as
    max_completion_tokens (its reasoning is spent from it)."""
    if reasoning:
        return {"max_completion_tokens": output}
    return {"temperature": 0, "max_tokens": output}


def rejects_sampling(error: BaseException) -> bool:
    """A reasoning model's refusal of temperature or max_tokens (HTTP 400)."""
    if not isinstance(error, openai.APIStatusError) or error.status_code != 400:
        return False
    said = said_by(error)
    return bool(SAMPLING_WORDS.search(said)) and ("temperature" in said or "max_tokens" in said)


def _answers_anything(response: SurveyResponse, fields: tuple[str, ...]) -> bool:
    for field_id in fields:
        answer = response.answer(field_id)
        if answer is None:
            continue
        if getattr(answer, "value", None) is not None:
            return True
        if str(getattr(answer, "status", "not_answered")) != "not_answered":
            return True
    return False


@cache
def schema_tokens(questionnaire_id: str, fields: tuple[str, ...]) -> int:
    """Our estimate of the tokens the response schema of these fields takes in a request."""
    from instructor.v2.core.schema import generate_openai_schema

    schema = generate_openai_schema(prepared_model(questionnaire_id, fields))
    return estimate_schema_tokens(json.dumps(schema))


def import_sdk_seconds() -> float:
    """Import the openai SDK's resource modules now, if not yet done; the seconds it took
    (benchmarks time it apart, as they do Python's own start-up)."""
    started = time.perf_counter()
    _import_sdk_now()
    return time.perf_counter() - started


@cache
def _import_sdk_now() -> None:
    """The openai SDK imports its resource modules on first use (about half a second); do it
    when a batch is about to start (`LlmBackend.warm`), not inside its first request."""
    _ = openai.AsyncOpenAI(api_key="import-only", base_url="http://127.0.0.1:9/v1").chat


def prepared_model(questionnaire_id: str, fields: tuple[str, ...]) -> type[BaseModel]:
    """The response model for some fields of a questionnaire, wrapped for instructor once:
    instructor would otherwise wrap it (and generate its JSON Schema) on every request."""
    return _prepared(response_model_for(questionnaire_id, fields))


@cache
def _prepared(model: type[BaseModel]) -> type[BaseModel]:
    from instructor.v2.core.response_model import prepare_response_model

    prepared = prepare_response_model(model)
    assert prepared is not None
    return prepared


def _refusal(error: BaseException) -> str | None:
    """The model's refusal, if that is why there is no answer."""
    for candidate in (error, error.__cause__):
        completion = getattr(candidate, "last_completion", None)
        choices = getattr(completion, "choices", None) or []
        message = getattr(choices[0], "message", None) if choices else None
        refusal = getattr(message, "refusal", None)
        if refusal:
            return str(refusal)[:200]
    text = str(error)
    marker = "Unable to generate a response due to "
    return text.split(marker, 1)[1].strip()[:200] if marker in text else None


def _plain(error: BaseException) -> str:
    """An exception's own message: instructor's errors render their failed attempts as
    XML in ``str()``; its message proper is the last attempt's error."""
    return Exception.__str__(error) if isinstance(error, InstructorRetryException) else str(error)


def last_attempt(error: BaseException) -> str:
    """The last attempt's reason in one short line: its first line (a validation error's
    count) and its first error's field and message."""
    lines = [line.strip() for line in _plain(error).splitlines() if line.strip()]
    if not lines:
        return type(error).__name__
    shown = lines[0] if len(lines) < 3 else f"{lines[0]}: {lines[1]}: {lines[2]}"
    shown = re.sub(r"\s*\[type=[^\]]*\]?.*$", "", shown)  # pydantic's type and input echo
    return redact(re.sub(r"\s+", " ", shown))[:200]


def attempt_detail(error: BaseException) -> str:
    """All of an attempt's reason (every validation error, each on its own line), redacted
    and bounded, for its call record."""
    lines = [ln for ln in _plain(error).strip().splitlines() if "errors.pydantic.dev" not in ln]
    return redact("\n".join(lines))[:4000]


def _endpoint_message(error: openai.APIStatusError) -> str:
    """The message of an endpoint's error, short and redacted (it may quote the key)."""
    body = error.body
    inner = body.get("error", body) if isinstance(body, dict) else body
    message = inner.get("message") if isinstance(inner, dict) else inner
    text = re.sub(r"\s+", " ", str(message or "")).strip()
    return redact(text)[:160]


__all__ = ["Check", "LlmBackend"]
