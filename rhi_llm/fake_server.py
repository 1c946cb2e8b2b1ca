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
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FAULTS = ("429", "500", "503", "timeout", "drop", "malformed", "invalid", "length", "refusal")
LETTER = re.compile(r"<<<LETTER (?P<name>[^\n]*)\n(?P<text>.*)\nLETTER>>>", re.DOTALL)

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


def requested_fields(body: dict[str, Any]) -> list[str]:
    """The properties the request's schema asks for."""
    tools = body.get("tools") or []
    if tools:
        schema = tools[0]["function"].get("parameters", {})
    else:
        format_ = body.get("response_format") or {}
        schema = (format_.get("json_schema") or {}).get("schema", {})
        if not schema:
            text = " ".join(str(m.get("content")) for m in body.get("messages", []))
            return re.findall(r'"([a-z0-9_]+)":\s*\{\s*"anyOf"', text) or []
    return list(schema.get("properties", {}))


def rules_responder(body: dict[str, Any]) -> dict[str, Any]:
    """Answer like the rules backend would for the letter in the request (not a model)."""
    import hashlib

    from rhi_llm.extract.rules import extract_rules
    from rhi_llm.questions import find_questions
    from rhi_llm.reading import LetterReading
    from rhi_llm.survey import Questionnaire
    from rhi_llm.types import Letter

    found = letter_in(body)
    if found is None:
        return {}
    name, text = found
    letter = Letter(
        path=name, format="txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
    )
    told = re.search(r"Questionnaire: (rhi-\d{4})", json.dumps(body))
    qmap = find_questions(letter, only=Questionnaire(told.group(1))) if told else None
    response = extract_rules(LetterReading(letter, qmap)).model_dump(mode="json")
    wanted = requested_fields(body)
    return {k: response.get(k) for k in wanted} if wanted else response


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # many clients connect at once; the default backlog is 5
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that goes away mid-request (a killed run) is routine here, not news."""
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@dataclass
class Stats:
    requests: int = 0
    answered: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    max_in_flight: int = 0
    spans: list[tuple[float, float]] = field(default_factory=list)


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
        model: str = "fake-model",
        port: int = 0,
    ) -> None:
        self.port = port
        self.responder = responder or rules_responder
        self.latency = latency
        self.fault_rate = fault_rate
        self.fault_kinds = fault_kinds
        self.random = random.Random(seed)
        self.retry_after_ms = retry_after_ms
        self.slow_seconds = slow_seconds
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
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> str:
        handler = _handler_for(self)
        self._server = _Server(("127.0.0.1", self.port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
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

    # -- one request --------------------------------------------------------------------------

    def next_action(self) -> str | dict[str, Any] | None:
        with self.lock:
            if self.queue:
                return self.queue.popleft()
        if self.fault_rate and self.random.random() < self.fault_rate:
            return self.random.choice(self.fault_kinds)
        return None

    def completion(
        self,
        body: dict[str, Any],
        arguments: str,
        *,
        finish: str = "stop",
        refusal: str | None = None,
    ) -> dict[str, Any]:
        prompt_chars = sum(len(str(m.get("content") or "")) for m in body.get("messages", []))
        prompt_chars += len(json.dumps(body.get("tools") or body.get("response_format") or {}))
        message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": refusal}
        tools = body.get("tools") or []
        if refusal is None and tools:
            message["tool_calls"] = [
                {
                    "id": "call_fake",
                    "type": "function",
                    "function": {"name": tools[0]["function"]["name"], "arguments": arguments},
                }
            ]
            finish = "tool_calls" if finish == "stop" else finish
        elif refusal is None:
            message["content"] = arguments
        completion_tokens = max(1, len(arguments) // 4)
        prompt_tokens = max(1, prompt_chars // 4)
        return {
            "id": f"chatcmpl-fake-{self.stats.requests}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", self.model),
            "choices": [
                {"index": 0, "message": message, "finish_reason": finish, "logprobs": None}
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
            "system_fingerprint": "fake-openai-server",
        }


def _handler_for(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # headers and body go out in two writes: without this, Nagle's algorithm holds
            # the body until the client's delayed ACK (40 ms) on every response
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, format: str, *args: Any) -> None:
            return  # quiet

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/stats"):
                with server.lock:
                    stats = {
                        "requests": server.stats.requests,
                        "cpu_seconds": time.process_time(),
                        "answered": server.stats.answered,
                        "faults": dict(server.stats.faults),
                        "max_in_flight": server.stats.max_in_flight,
                        "spans": server.stats.spans,
                    }
                self._send(200, stats)
            else:
                self._send(404, {"error": {"message": "not found"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except json.JSONDecodeError:
                self._send(400, {"error": {"message": "request body is not JSON"}})
                return
            with server.lock:
                server.stats.requests += 1
                server.stats.in_flight += 1
                server.stats.max_in_flight = max(server.stats.max_in_flight, server.stats.in_flight)
                server.bodies.append(body)
            started = time.monotonic()
            try:
                self._answer(body)
            finally:
                with server.lock:
                    server.stats.in_flight -= 1
                    server.stats.spans.append((started, time.monotonic()))

        def _answer(self, body: dict[str, Any]) -> None:
            if server.latency:
                time.sleep(server.latency)
            action = server.next_action()
            if isinstance(action, str):
                with server.lock:
                    server.stats.faults[action] += 1
                self._fault(action, body)
                return
            arguments = action if isinstance(action, dict) else server.responder(body)
            with server.lock:
                server.stats.answered += 1
            self._send(200, server.completion(body, json.dumps(arguments)))

        def _fault(self, kind: str, body: dict[str, Any]) -> None:
            if kind == "429":
                self._send(
                    429,
                    {"error": {"message": "rate limited", "type": "rate_limit"}},
                    {
                        "retry-after-ms": str(server.retry_after_ms),
                        "retry-after": str(max(1, server.retry_after_ms // 1000)),
                    },
                )
            elif kind in ("500", "503"):
                self._send(int(kind), {"error": {"message": "server error", "type": "server"}})
            elif kind == "timeout":
                time.sleep(server.slow_seconds)
                self._send(200, server.completion(body, json.dumps(server.responder(body))))
            elif kind == "drop":
                self.close_connection = True
                self.connection.close()
            elif kind == "malformed":
                self._send(200, server.completion(body, '{"council": "Broken Council", '))
            elif kind == "invalid":
                wanted = requested_fields(body) or ["missing_children"]
                bad = {
                    name: {"value": "lots", "status": 7}
                    for name in wanted
                    if name
                    not in ("council", "reference", "response_date", "period", "questionnaire")
                }
                self._send(200, server.completion(body, json.dumps(bad)))
            elif kind == "length":
                full = json.dumps(server.responder(body))
                self._send(200, server.completion(body, full[: len(full) // 2], finish="length"))
            elif kind == "refusal":
                self._send(200, server.completion(body, "", refusal="I can't help with that."))
            else:
                self._send(500, {"error": {"message": f"unknown fault {kind}"}})

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

    return Handler


def rules_answers(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """The rules backend's reading of each letter, by file name: a table for `table_responder`
    (what a fake model answers is then known before any request, and cheap to send)."""
    from rhi_llm.extract.rules import extract_rules
    from rhi_llm.letters import load
    from rhi_llm.reading import LetterReading

    return {p.name: extract_rules(LetterReading(load(p))).model_dump(mode="json") for p in paths}


def table_responder(answers: dict[str, dict[str, Any]]) -> Responder:
    """Answer from a table of prepared answers, by the letter's name in the request (cheap:
    a benchmark's server should not spend the client's CPU)."""

    def respond(body: dict[str, Any]) -> dict[str, Any]:
        found = letter_in(body)
        prepared = answers.get(found[0], {}) if found else {}
        wanted = requested_fields(body)
        return {k: prepared.get(k) for k in wanted} if wanted else prepared

    return respond


def serve_in_process(
    connection: Any,
    latency: float,
    fault_rate: float,
    seed: int,
    answers: dict[str, dict[str, Any]] | None,
    letters: list[str] | None = None,
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
    with FakeOpenAI(responder, latency=latency, fault_rate=fault_rate, seed=seed) as running:
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
    ) -> None:
        letters = [str(p) for p in answer_letters] if answer_letters is not None else None
        self.options: tuple[Any, ...] = (latency, fault_rate, seed, answers, letters)
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
