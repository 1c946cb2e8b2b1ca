"""A small OpenAI-compatible chat completions server on loopback, for tests and benchmarks.

It answers ``POST /v1/chat/completions`` in the provider's wire format (a tool call in tools
mode, JSON content otherwise). What it answers comes from a *responder* (by default the rules
backend run on the letter text found in the request, so any letter gets a plausible answer),
or from a queue of scripted replies. It can also misbehave on purpose, per request:

| fault | what the client sees |
|---|---|
| ``429`` | HTTP 429 with a Retry-After (in ms and s) |
| ``500``, ``503`` | server errors |
| ``timeout`` | no answer before the client's timeout |
| ``drop`` | the connection closes with no response |
| ``malformed`` | tool arguments that are not JSON |
| ``invalid`` | JSON that does not fit the schema |
| ``length`` | ``finish_reason: length`` with the arguments cut off |
| ``refusal`` | a refusal message and no answer |
| ``content_filter`` | ``finish_reason: content_filter`` and no usable answer |
| ``echo_key`` | HTTP 400 whose message quotes the request's credentials and address |
| ``drip`` | a whole answer, one byte every ``drip_seconds`` (never idle long enough to time out) |
| ``huge`` | a 200 answer of ``huge_bytes`` with no length given, sent until the client stops |

`FAULTS` are the faults a retry survives (the fault bench picks among them at random);
`BOUND_FAULTS` and the other two are asked for by name (``fault_kinds=`` or `enqueue`).

With ``profile=`` (a name in `profiles.PROFILES`, or a `profiles.Profile`) it behaves like one
real server: its context window (cut silently, or HTTP 400), its paths and error bodies, its
parameter rules, strict schema checks and content filter (see `rhi_llm.testing.profiles`).
``api_keys=`` and ``models=`` make it refuse other keys (401) and other models (404). Without
them it accepts everything, as it always has.

Nothing here is a model: responses are computed or scripted, and say so.
"""

from __future__ import annotations

import json
import random
import re
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import parse_qs, urlsplit

from rhi_llm.testing.profiles import (
    Profile,
    azure_not_found,
    bad_key_error,
    content_filter_error,
    count_tokens,
    filtered_phrase,
    first_tokens,
    keep_last_tokens,
    message_text,
    overflow_error,
    parameter_error,
    profile_named,
    prompt_tokens,
    strict_error,
    unknown_model_error,
)

FAULTS = ("429", "500", "503", "timeout", "drop", "malformed", "invalid", "length", "refusal")
BOUND_FAULTS = ("drip", "huge")  # an answer without end: only the client's bounds stop it
NAMED_FAULTS = ("content_filter", "echo_key", *BOUND_FAULTS)
LETTER = re.compile(r"<<<LETTER (?P<name>[^\n]*)\n(?P<text>.*)\nLETTER>>>", re.DOTALL)
# where instructor's JSON and MD_JSON modes put the response model's schema in a message
SCHEMA_IN_MESSAGE = re.compile(r"json_schema:\s*(?=\{)")
AZURE_DEPLOYMENT = re.compile(r"/openai/deployments/(?P<name>[^/]+)/chat/completions")
AZURE_V1 = "/openai/v1/chat/completions"

Verdict = Literal["answered", "overflow", "filtered", "rejected"]

Responder = Callable[[dict[str, Any]], dict[str, Any]]


def letter_in(body: dict[str, Any]) -> tuple[str, str] | None:
    """(letter name, letter text) from a request's messages, if it carries one."""
    for message in reversed(body.get("messages", [])):
        content = message.get("content")
        if isinstance(content, str):
            match = LETTER.search(content)
            if match:
                return match.group("name"), match.group("text")
    return None


def _request_schema(body: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema a request asks its answer in: its tool's, its response format's, or
    (instructor's JSON and MD_JSON modes) the one written into its messages; {} if none."""
    tools = body.get("tools") or []
    if tools:
        return dict(tools[0]["function"].get("parameters", {}))
    format_ = body.get("response_format") or {}
    return dict((format_.get("json_schema") or {}).get("schema", {}) or schema_in_messages(body))


def requested_fields(body: dict[str, Any]) -> list[str]:
    """The properties the request's schema asks for: in its tool, its response format, or
    (instructor's JSON and MD_JSON modes) the schema written into its messages."""
    schema = _request_schema(body)
    if not schema and not body.get("tools"):
        text = " ".join(str(m.get("content")) for m in body.get("messages", []))
        return re.findall(r'"([a-z0-9_]+)":\s*\{\s*"anyOf"', text) or []
    return list(schema.get("properties", {}))


def schema_in_messages(body: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema instructor wrote into the messages ("...match the following
    json_schema: {...}"), or {} when there is none (or it was cut away)."""
    decoder = json.JSONDecoder()
    for message in body.get("messages", []):
        text = message_text(message)
        for found in SCHEMA_IN_MESSAGE.finditer(text):
            try:
                schema, _ = decoder.raw_decode(text, found.end())
            except json.JSONDecodeError:
                continue
            if isinstance(schema, dict) and "properties" in schema:
                return schema
    return {}


def rules_responder(body: dict[str, Any]) -> dict[str, Any]:
    """Answer like the rules backend would for the letter in the request (not a model)."""
    import hashlib

    from rhi_llm.core.types import Letter
    from rhi_llm.extract.response_models import wire_answers
    from rhi_llm.extract.rules import extract_rules
    from rhi_llm.questions import find_questions
    from rhi_llm.reading import read

    found = letter_in(body)
    if found is None:
        return {}
    name, text = found
    letter = Letter(
        path=name, format="txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
    )
    told = re.search(r"Questionnaire: ([a-z0-9][a-z0-9._-]*)", json.dumps(body))
    qmap = find_questions(letter, only=told.group(1)) if told else None
    return only_asked(body, wire_answers(extract_rules(read(letter, qmap))))


_ASKED = re.compile(r"^- .*? -> ([a-z0-9_]+(?:, [a-z0-9_]+)*)$", re.MULTILINE)


def asked_in_answers(body: dict[str, Any]) -> list[str] | None:
    """The fields a survey request asks (its answers list in the schema, the fields named
    by its prompt's question lines, before the letter); None for any other request."""
    if "answers" not in (_request_schema(body).get("properties") or {}):
        return None
    prompt = "\n".join(message_text(m) for m in body.get("messages", []))
    before = prompt.split("<<<LETTER", 1)[0]
    return [f for found in _ASKED.finditer(before) for f in found.group(1).split(", ")]


def only_asked(body: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    """What a model that follows the request's schema sends of a prepared answer: the
    properties the schema has, and (a survey's) the answers of the fields it asks."""
    from rhi_llm.extract.response_models import restrict_wire

    fields = asked_in_answers(body)
    if fields is not None and "answers" in answer:
        answer = restrict_wire(answer, fields)
    wanted = requested_fields(body)
    return {k: answer.get(k) for k in wanted} if wanted else answer


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # many clients connect at once; the default backlog is 5
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that goes away mid-request (a killed run) is routine here, not news."""
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@dataclass(frozen=True)
class RequestRecord:
    """What the server made of one chat completions request."""

    prompt_tokens: int  # the prompt as sent, by `count_tokens`
    kept_tokens: int  # what the server read of it (fewer when it cut the front)
    truncated: bool  # the front of the prompt was dropped (ollama)
    verdict: Verdict  # answered, overflow (HTTP 400), filtered (content filter), rejected
    status: int  # the HTTP status of the answer, before any fault


@dataclass
class Stats:
    requests: int = 0
    answered: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    max_in_flight: int = 0
    spans: list[tuple[float, float]] = field(default_factory=list)
    batch_lines: int = 0  # requests answered inside batches (not counted in ``requests``)
    # what the server made of each chat request, in order (`RequestRecord`)
    per_request: list[RequestRecord] = field(default_factory=list)


@dataclass(frozen=True)
class _Admission:
    """The profile's reading of a request: the error to send, or the body to answer."""

    record: RequestRecord
    body: dict[str, Any]  # what the responder reads (the front cut off, if it was)
    error: dict[str, Any] | None = None


@dataclass
class _Batch:
    """A batch as the Batch API keeps it: answered all at once when its time is up."""

    id: str
    input_file_id: str
    endpoint: str
    completion_window: str
    created_at: int
    ready_at: float
    total: int
    metadata: dict[str, Any] | None
    output_file_id: str | None = None
    error_file_id: str | None = None
    completed: int = 0
    failed: int = 0

    def wire(self, now: float) -> dict[str, Any]:
        done = self.output_file_id is not None or self.error_file_id is not None
        return {
            "id": self.id,
            "object": "batch",
            "endpoint": self.endpoint,
            "input_file_id": self.input_file_id,
            "completion_window": self.completion_window,
            "status": "completed" if done else "in_progress",
            "created_at": self.created_at,
            "in_progress_at": self.created_at,
            "completed_at": int(now) if done else None,
            "output_file_id": self.output_file_id,
            "error_file_id": self.error_file_id,
            "metadata": self.metadata,
            "request_counts": {
                "total": self.total,
                "completed": self.completed,
                "failed": self.failed,
            },
        }


class FakeOpenAI:
    """The server; use as a context manager, or call start() and stop()."""

    def __init__(
        self,
        responder: Responder | None = None,
        *,
        latency: float = 0.0,
        fault_rate: float = 0.0,
        fault_kinds: tuple[str, ...] = FAULTS,
        seed: int = 0,
        retry_after_ms: int = 50,
        slow_seconds: float = 3.0,
        drip_seconds: float = 1.0,
        huge_bytes: int = 500_000_000,
        model: str = "fake-model",
        port: int = 0,
        batch_seconds: float = 0.0,
        batch_fail_names: tuple[str, ...] = (),
        profile: str | Profile | None = None,
        api_keys: tuple[str, ...] | None = None,
        models: tuple[str, ...] | None = None,
    ) -> None:
        self.profile = profile_named(profile)  # None: accept everything, always answer
        self.api_keys = api_keys  # None: any key (or none)
        self.models = models  # None: any model
        self.port = port
        self.batch_seconds = batch_seconds  # how long a batch stays in progress
        self.batch_fail_names = batch_fail_names  # a batch line naming one of these fails
        self.files: dict[str, tuple[str, str, bytes]] = {}  # id -> (name, purpose, content)
        self.batches: dict[str, _Batch] = {}
        self.responder = responder or rules_responder
        self.latency = latency
        self.fault_rate = fault_rate
        self.fault_kinds = fault_kinds
        self.random = random.Random(seed)
        self.retry_after_ms = retry_after_ms
        self.slow_seconds = slow_seconds
        self.drip_seconds = drip_seconds
        self.huge_bytes = huge_bytes
        self.model = model
        self.queue: deque[str | dict[str, Any]] = deque()
        self.bodies: list[dict[str, Any]] = []
        self.stats = Stats()
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control ----------------------------------------------------------------------------

    def enqueue(self, *replies: str | dict[str, Any]) -> None:
        """Script the next replies: a fault name, or the answer's arguments as a dict."""
        with self.lock:
            self.queue.extend(replies)

    @property
    def endpoint(self) -> str:
        """The server's root (an Azure client's ``azure_endpoint``)."""
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def base_url(self) -> str:
        """What an OpenAI client's ``base_url`` is (Azure's v1 API under the azure profile)."""
        azure = self.profile is not None and self.profile.azure
        return f"{self.endpoint}/openai/v1" if azure else f"{self.endpoint}/v1"

    def start(self) -> str:
        handler = _handler_for(self)
        self._server = _Server(("127.0.0.1", self.port), handler)
        self._server.daemon_threads = True
        # a short poll, so that stop() returns at once rather than after up to half a second
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeOpenAI:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the Batch API ------------------------------------------------------------------------

    def add_file(self, name: str, purpose: str, content: bytes) -> dict[str, Any]:
        with self.lock:
            file_id = f"file-fake-{len(self.files) + 1}"
            self.files[file_id] = (name, purpose, content)
        return self.file_wire(file_id)

    def file_wire(self, file_id: str) -> dict[str, Any]:
        name, purpose, content = self.files[file_id]
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": name,
            "purpose": purpose,
            "status": "processed",
        }

    def add_batch(self, request: dict[str, Any]) -> dict[str, Any] | None:
        file_id = str(request.get("input_file_id"))
        if file_id not in self.files:
            return None
        lines = [ln for ln in self.files[file_id][2].decode().splitlines() if ln.strip()]
        with self.lock:
            batch = _Batch(
                id=f"batch_fake_{len(self.batches) + 1}",
                input_file_id=file_id,
                endpoint=str(request.get("endpoint")),
                completion_window=str(request.get("completion_window", "24h")),
                created_at=int(time.time()),
                ready_at=time.monotonic() + self.batch_seconds,
                total=len(lines),
                metadata=request.get("metadata"),
            )
            self.batches[batch.id] = batch
        return batch.wire(time.time())

    def batch_wire(self, batch_id: str) -> dict[str, Any] | None:
        batch = self.batches.get(batch_id)
        if batch is None:
            return None
        if batch.output_file_id is None and time.monotonic() >= batch.ready_at:
            self._run_batch(batch)
        return batch.wire(time.time())

    def _run_batch(self, batch: _Batch) -> None:
        answered: list[str] = []
        failed: list[str] = []
        for number, line in enumerate(self.files[batch.input_file_id][2].decode().splitlines()):
            if not line.strip():
                continue
            item = json.loads(line)
            body = item.get("body", {})
            text = json.dumps(body)
            common = {"id": f"batch_req_{number}", "custom_id": item.get("custom_id")}
            if any(name in text for name in self.batch_fail_names):
                failed.append(
                    json.dumps(
                        {
                            **common,
                            "response": {
                                "status_code": 500,
                                "request_id": f"req_{number}",
                                "body": {
                                    "error": {"message": "server error", "type": "server_error"}
                                },
                            },
                            "error": None,
                        }
                    )
                )
                continue
            completion = self.completion(body, json.dumps(self.responder(body)))
            answered.append(
                json.dumps(
                    {
                        **common,
                        "response": {
                            "status_code": 200,
                            "request_id": f"req_{number}",
                            "body": completion,
                        },
                        "error": None,
                    }
                )
            )
        with self.lock:
            self.stats.batch_lines += len(answered) + len(failed)
        if answered:
            output = self.add_file(
                "batch_output.jsonl", "batch_output", "\n".join(answered).encode()
            )
            batch.output_file_id = output["id"]
        if failed:
            errors = self.add_file("batch_errors.jsonl", "batch_output", "\n".join(failed).encode())
            batch.error_file_id = errors["id"]
        batch.completed, batch.failed = len(answered), len(failed)
        if not answered and not failed:
            batch.output_file_id = self.add_file("batch_output.jsonl", "batch_output", b"")["id"]

    # -- one request --------------------------------------------------------------------------

    def next_action(self) -> str | dict[str, Any] | None:
        with self.lock:
            if self.queue:
                return self.queue.popleft()
        if self.fault_rate and self.random.random() < self.fault_rate:
            return self.random.choice(self.fault_kinds)
        return None

    def admit(self, target: str, headers: Mapping[str, str], body: dict[str, Any]) -> _Admission:
        """What the server makes of a chat request before answering it: refused for its path,
        key or model, refused or cut by its profile, or admitted as it is."""
        # without a profile nothing depends on the size: not counted (0), as before profiles
        tokens = prompt_tokens(body) if self.profile is not None else 0
        refused = self._refusal(target, headers, body)
        if refused is not None:
            return _Admission(
                RequestRecord(tokens, tokens, False, "rejected", refused[0]), body, refused[1]
            )
        if self.profile is None:
            return _Admission(RequestRecord(tokens, tokens, False, "answered", 200), body)
        return _judged(self.profile, body, tokens)

    def _refusal(
        self, target: str, headers: Mapping[str, str], body: dict[str, Any]
    ) -> tuple[int, dict[str, Any]] | None:
        """(status, error body) for a request to a path, with a key or for a model that this
        server does not serve; None when it does."""
        profile = self.profile
        azure = profile is not None and profile.azure
        model = body.get("model")
        if azure:
            found = _azure_target(target)
            if found is None:
                return 404, azure_not_found()
            model = found or model
        key = _key_in(headers, azure=azure)
        if self.api_keys is not None and key not in self.api_keys:
            return 401, bad_key_error(profile, key)
        if self.models is not None and model not in self.models:
            return 404, unknown_model_error(profile, str(model))
        if profile is not None:
            error = parameter_error(profile, body) or strict_error(profile, body)
            if error is not None:
                return 400, error
        return None

    def completion(
        self,
        body: dict[str, Any],
        arguments: str,
        *,
        finish: str = "stop",
        refusal: str | None = None,
        prompt: int | None = None,
    ) -> dict[str, Any]:
        """The chat completion that carries ``arguments`` (a tool call's arguments, or the
        content), shaped and cut as the profile's server would; ``prompt`` is the prompt's
        tokens as the server read them (counted from ``body`` when not given)."""
        if self.profile is None:
            as_call = bool(body.get("tools"))
            message, finish = _assistant_message(body, arguments, finish, refusal, as_call)
            usage = _usage_by_chars(body, arguments)
        else:
            read = prompt_tokens(body) if prompt is None else prompt
            text, as_call = _shaped(self.profile, body, arguments)
            text, finish, reasoning = _within_budget(self.profile, body, text, finish, read)
            as_call = as_call and not (finish == "length" and not text)
            message, finish = _assistant_message(body, text, finish, refusal, as_call)
            usage = _usage_by_tokens(read, text if refusal is None else "", reasoning)
        return {
            "id": f"chatcmpl-fake-{self.stats.requests}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", self.model),
            "choices": [
                {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
            ],
            "usage": usage,
            "system_fingerprint": "fake-openai-server",
        }


def _judged(profile: Profile, body: dict[str, Any], tokens: int) -> _Admission:
    """A request the server takes, as its profile treats it: over the window (refused, or
    its front cut off), caught by the content filter, or read whole."""
    output = int(body.get("max_completion_tokens") or body.get("max_tokens") or 0)
    counted = output if profile.output_in_window == "reject" else 0
    seen, kept, truncated = body, tokens, False
    if tokens + counted > profile.request_window:
        if profile.overflow == "http_400":
            error = overflow_error(profile, body, tokens, counted)
            return _Admission(RequestRecord(tokens, tokens, False, "overflow", 400), body, error)
        seen, kept = keep_last_tokens(body, profile.request_window)
        truncated = True
    if filtered_phrase(profile, seen) is not None:
        record = RequestRecord(tokens, kept, truncated, "filtered", 400)
        return _Admission(record, seen, content_filter_error())
    return _Admission(RequestRecord(tokens, kept, truncated, "answered", 200), seen)


def _azure_target(target: str) -> str | None:
    """The deployment an Azure chat completions URL names ("" for the v1 API, which takes
    the model from the body); None for any URL Azure would not answer."""
    parts = urlsplit(target)
    path = parts.path.rstrip("/")
    if path == AZURE_V1:
        return ""
    found = AZURE_DEPLOYMENT.fullmatch(path)
    if found is None or not parse_qs(parts.query).get("api-version"):
        return None
    return found.group("name")


def _key_in(headers: Mapping[str, str], *, azure: bool) -> str | None:
    """The API key a request carries: a bearer token, or (Azure) an ``api-key`` header
    (``headers`` by lower-case name)."""
    if azure and headers.get("api-key"):
        return headers.get("api-key")
    bearer = headers.get("authorization") or ""
    return bearer[len("Bearer ") :].strip() if bearer.startswith("Bearer ") else None


def _shaped(profile: Profile, body: dict[str, Any], arguments: str) -> tuple[str, bool]:
    """The answer's text as the server sends it, and whether it goes in a tool call: a tool
    call when asked for one (unless the server ignores tool_choice), bare JSON content in a
    JSON mode the server honours, else JSON in a fenced block, as an unconstrained chat model
    writes it (instructor's md_json mode expects that)."""
    if body.get("tools"):
        return arguments, not profile.ignores_tool_choice
    kind = (body.get("response_format") or {}).get("type")
    if kind == "json_object" or (kind == "json_schema" and profile.supports_json_schema):
        return arguments, False
    return f"```json\n{arguments}\n```", False


def _within_budget(
    profile: Profile, body: dict[str, Any], text: str, finish: str, prompt: int
) -> tuple[str, str, int]:
    """The answer cut to the tokens the server may write (``max_completion_tokens`` or
    ``max_tokens`` less any reasoning, and for llama.cpp what is left of the window), its
    finish reason, and the reasoning tokens spent."""
    limit = body.get("max_completion_tokens") or body.get("max_tokens")
    reasoning = profile.reasoning_tokens if profile.reasoning else 0
    budget: int | None = None
    if limit is not None:
        reasoning = min(reasoning, int(limit))
        budget = int(limit) - reasoning
    if profile.output_in_window == "cut":
        room = max(0, profile.request_window - prompt)
        budget = room if budget is None else min(budget, room)
    if budget is not None and count_tokens(text) > budget:
        return first_tokens(text, budget), "length", reasoning
    return text, finish, reasoning


def _assistant_message(
    body: dict[str, Any], text: str, finish: str, refusal: str | None, as_call: bool
) -> tuple[dict[str, Any], str]:
    """The assistant message carrying ``text`` (as a tool call's arguments or as content),
    and the finish reason that goes with it."""
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": refusal}
    if refusal is None and as_call:
        name = body["tools"][0]["function"]["name"]
        message["tool_calls"] = [
            {
                "id": "call_fake",
                "type": "function",
                "function": {"name": name, "arguments": text},
            }
        ]
        finish = "tool_calls" if finish == "stop" else finish
    elif refusal is None:
        message["content"] = text
    return message, finish


def _usage_by_chars(body: dict[str, Any], arguments: str) -> dict[str, int]:
    """Usage as the fake reports it without a profile (four characters to a token)."""
    prompt_chars = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
    prompt_chars += len(json.dumps(body.get("tools") or body.get("response_format") or {}))
    completion_tokens = max(1, len(arguments) // 4)
    prompt = max(1, prompt_chars // 4)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt + completion_tokens,
    }


def _usage_by_tokens(prompt: int, text: str, reasoning: int) -> dict[str, Any]:
    """Usage as a profile's server reports it: the prompt it read, and what it wrote
    (reasoning included, and reported apart)."""
    completion_tokens = count_tokens(text) + reasoning
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt + completion_tokens,
        "completion_tokens_details": {"reasoning_tokens": reasoning},
    }


def _missing(what: str) -> dict[str, Any]:
    return {"error": {"message": f"no such {what}", "type": "invalid_request_error"}}


class _Handler(BaseHTTPRequestHandler):
    """One request to the fake server (`fake` is the server it answers for)."""

    protocol_version = "HTTP/1.1"
    fake: ClassVar[FakeOpenAI]

    def setup(self) -> None:
        super().setup()
        # headers and body go out in two writes: without this, Nagle's algorithm holds
        # the body until the client's delayed ACK (40 ms) on every response
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet

    def do_GET(self) -> None:
        path = self.path.split("?")[0].rstrip("/")
        found = re.fullmatch(r".*/batches/([^/]+)", path)
        if found:
            batch = self.fake.batch_wire(found.group(1))
            self._send(*((200, batch) if batch else (404, _missing("batch"))))
            return
        found = re.fullmatch(r".*/files/([^/]+)/content", path)
        if found:
            entry = self.fake.files.get(found.group(1))
            if entry is None:
                self._send(404, _missing("file"))
            else:
                self._send_bytes(200, entry[2], "application/octet-stream")
            return
        if self.path.rstrip("/").endswith("/stats"):
            with self.fake.lock:
                stats = {
                    "requests": self.fake.stats.requests,
                    "cpu_seconds": time.process_time(),
                    "answered": self.fake.stats.answered,
                    "faults": dict(self.fake.stats.faults),
                    "max_in_flight": self.fake.stats.max_in_flight,
                    "spans": self.fake.stats.spans,
                }
            self._send(200, stats)
        else:
            self._send(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        path = self.path.split("?")[0].rstrip("/")
        if path.endswith("/files"):
            self._upload(self.rfile.read(length))
            return
        raw = self.rfile.read(length)
        if path.endswith("/batches"):
            created = self.fake.add_batch(json.loads(raw or b"{}"))
            self._send(*((200, created) if created else (400, _missing("input file"))))
            return
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send(400, {"error": {"message": "request body is not JSON"}})
            return
        with self.fake.lock:
            self.fake.stats.requests += 1
            self.fake.stats.in_flight += 1
            self.fake.stats.max_in_flight = max(
                self.fake.stats.max_in_flight, self.fake.stats.in_flight
            )
            self.fake.bodies.append(body)
        started = time.monotonic()
        try:
            self._answer(body)
        finally:
            with self.fake.lock:
                self.fake.stats.in_flight -= 1
                self.fake.stats.spans.append((started, time.monotonic()))

    def _answer(self, sent: dict[str, Any]) -> None:
        if self.fake.latency:
            time.sleep(self.fake.latency)
        headers = {name.lower(): value for name, value in self.headers.items()}
        admission = self.fake.admit(self.path, headers, sent)
        with self.fake.lock:
            self.fake.stats.per_request.append(admission.record)
        if admission.error is not None:
            self._send(admission.record.status, admission.error)
            return
        body = admission.body
        action = self.fake.next_action()
        if isinstance(action, str):
            with self.fake.lock:
                self.fake.stats.faults[action] += 1
            self._fault(action, body)
            return
        arguments = action if isinstance(action, dict) else self.fake.responder(body)
        with self.fake.lock:
            self.fake.stats.answered += 1
        read = admission.record.kept_tokens
        self._send(200, self.fake.completion(body, json.dumps(arguments), prompt=read))

    def _fault(self, kind: str, body: dict[str, Any]) -> None:
        if kind == "429":
            self._send(
                429,
                {"error": {"message": "rate limited", "type": "rate_limit"}},
                {
                    "retry-after-ms": str(self.fake.retry_after_ms),
                    "retry-after": str(max(1, self.fake.retry_after_ms // 1000)),
                },
            )
        elif kind in ("500", "503"):
            self._send(int(kind), {"error": {"message": "server error", "type": "server"}})
        elif kind == "timeout":
            time.sleep(self.fake.slow_seconds)
            self._send(200, self.fake.completion(body, json.dumps(self.fake.responder(body))))
        elif kind == "drop":
            self.close_connection = True
            self.connection.close()
        elif kind == "malformed":
            self._send(200, self.fake.completion(body, '{"council": "Broken Council", '))
        elif kind == "invalid":
            fields = asked_in_answers(body) or ["missing_children"]
            bad = {"answers": [{"field": name, "value": "lots", "status": 7} for name in fields]}
            self._send(200, self.fake.completion(body, json.dumps(bad)))
        elif kind == "length":
            full = json.dumps(self.fake.responder(body))
            self._send(200, self.fake.completion(body, full[: len(full) // 2], finish="length"))
        elif kind == "refusal":
            self._send(200, self.fake.completion(body, "", refusal="I can't help with that."))
        elif kind == "content_filter":  # the answer stopped part way, as Azure's filter does
            full = json.dumps(self.fake.responder(body))
            cut = full[: len(full) // 3]
            self._send(200, self.fake.completion(body, cut, finish="content_filter"))
        elif kind == "echo_key":
            self._echo_credentials()
        elif kind == "drip":
            self._drip(
                json.dumps(self.fake.completion(body, json.dumps(self.fake.responder(body))))
            )
        elif kind == "huge":
            self._endless_answer()
        else:
            self._send(500, {"error": {"message": f"unknown fault {kind}"}})

    def _echo_credentials(self) -> None:
        """An error that quotes what the request carried, as some proxies do: its key
        headers and its full address (a key in the query string included)."""
        said = {name: self.headers.get(name) for name in ("authorization", "api-key")}
        shown = ", ".join(f"{name}: {value}" for name, value in said.items() if value)
        message = f"invalid credentials ({shown}) for POST {self.path}"
        self._send(400, {"error": {"message": message, "type": "invalid_request_error"}})

    def _drip(self, text: str) -> None:
        """A whole answer, its length told, its bytes sent one at a time."""
        data = text.encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        for index in range(len(data)):
            self.wfile.write(data[index : index + 1])
            self.wfile.flush()
            time.sleep(self.fake.drip_seconds)

    def _endless_answer(self) -> None:
        """``huge_bytes`` of an answer with no length given (read until the connection
        closes), made as it is sent: the server holds one piece at a time."""
        self.close_connection = True
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("connection", "close")
        self.end_headers()
        self.wfile.write(b'{"id": "chatcmpl-huge", "padding": "')
        piece = b"x" * 65536
        for _ in range(self.fake.huge_bytes // len(piece)):
            self.wfile.write(piece)
        self.wfile.write(b'"}')

    def _upload(self, raw: bytes) -> None:
        """A multipart upload, as `client.files.create` sends it."""
        import email.parser
        import email.policy

        head = f"Content-Type: {self.headers.get('content-type')}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
        fields: dict[str, tuple[str | None, bytes]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(data, bytes):
                fields[name] = (part.get_filename(), data)
        if "file" not in fields:
            self._send(400, {"error": {"message": "no file in the upload"}})
            return
        purpose = fields.get("purpose", (None, b"batch"))[1].decode()
        self._send(
            200, self.fake.add_file(fields["file"][0] or "upload", purpose, fields["file"][1])
        )

    def _send_bytes(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send(
        self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _handler_for(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"fake": server})


def rules_answers(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """The rules backend's reading of each letter, by file name: a table for `table_responder`
    (what a fake model answers is then known before any request, and cheap to send)."""
    from rhi_llm.extract.response_models import wire_answers
    from rhi_llm.extract.rules import extract_rules
    from rhi_llm.letters import load
    from rhi_llm.reading import read

    return {p.name: wire_answers(extract_rules(read(load(p)))) for p in paths}


def table_responder(answers: dict[str, dict[str, Any]]) -> Responder:
    """Answer from a table of prepared answers, by the letter's name in the request (cheap:
    a benchmark's server should not spend the client's CPU)."""

    def respond(body: dict[str, Any]) -> dict[str, Any]:
        found = letter_in(body)
        prepared = answers.get(found[0], {}) if found else {}
        return only_asked(body, prepared)

    return respond


def serve_in_process(
    connection: Any,
    latency: float,
    fault_rate: float,
    seed: int,
    answers: dict[str, dict[str, Any]] | None,
    letters: list[str] | None = None,
    slow_seconds: float = 3.0,
    options: dict[str, Any] | None = None,
) -> None:
    """Run a server until told to stop (the target of a separate process, so that the
    server's work does not share the client's interpreter); sends its base URL first.

    With ``letters``, the table of answers is the rules backend's reading of those files,
    made here before the server starts, so that a benchmark's client process never holds it.
    """
    if letters is not None:
        answers = {**(answers or {}), **rules_answers([Path(p) for p in letters])}
    import gc

    gc.collect()
    gc.freeze()  # the answer table lives as long as the server: keep it out of collections
    responder = table_responder(answers) if answers is not None else None
    with FakeOpenAI(
        responder,
        latency=latency,
        fault_rate=fault_rate,
        seed=seed,
        slow_seconds=slow_seconds,
        **(options or {}),
    ) as running:
        connection.send(running.base_url)
        connection.recv()  # any message stops it


class ServerProcess:
    """A FakeOpenAI in its own process, as a context manager giving its base URL."""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        fault_rate: float = 0.0,
        seed: int = 0,
        answers: dict[str, dict[str, Any]] | None = None,
        answer_letters: list[Path] | None = None,
        slow_seconds: float = 3.0,
        fault_kinds: tuple[str, ...] = FAULTS,
        drip_seconds: float = 1.0,
        huge_bytes: int = 500_000_000,
    ) -> None:
        letters = [str(p) for p in answer_letters] if answer_letters is not None else None
        extra = {"fault_kinds": fault_kinds, "drip_seconds": drip_seconds, "huge_bytes": huge_bytes}
        self.options: tuple[Any, ...] = (
            latency,
            fault_rate,
            seed,
            answers,
            letters,
            slow_seconds,
            extra,
        )
        self.base_url = ""

    def __enter__(self) -> ServerProcess:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self._parent, child = context.Pipe()
        self._process = context.Process(
            target=serve_in_process, args=(child, *self.options), daemon=True
        )
        self._process.start()
        self.base_url = self._parent.recv()
        return self

    @property
    def pid(self) -> int | None:
        """The server process (a benchmark leaves it out of the memory it measures)."""
        process = getattr(self, "_process", None)
        return process.pid if process is not None else None

    def stats(self) -> dict[str, Any]:
        import urllib.request

        with urllib.request.urlopen(self.base_url + "/stats", timeout=10) as response:
            data: dict[str, Any] = json.loads(response.read())
            return data

    def __exit__(self, *exc: object) -> None:
        self._parent.send("stop")
        self._process.join(timeout=10)
