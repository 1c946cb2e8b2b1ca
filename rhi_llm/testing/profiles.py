"""How the real OpenAI-compatible servers differ, for the fake server to imitate on request.

``FakeOpenAI(profile="ollama")`` answers as Ollama would: the same request that one server
answers can overflow, be cut short, be filtered or be refused by another. Each profile says
what the fake does differently from its default (which accepts everything and always answers):

| profile | imitates | window | on overflow |
|---|---|---|---|
| ``openai`` | api.openai.com, a gpt-4o class model | 128,000 | HTTP 400 |
| ``openai-reasoning`` | api.openai.com, an o-series reasoning model | 200,000 | HTTP 400 |
| ``azure`` | Azure OpenAI, deployments and the v1 API | 128,000 | HTTP 400 |
| ``vllm`` | vLLM, ``--max-model-len 32768`` | 32,768 | HTTP 400 |
| ``llamacpp`` | llama.cpp ``llama-server -c 16384 -np 4`` | 4,096 a slot | HTTP 400 |
| ``ollama`` | Ollama's ``/v1``, default ``num_ctx`` | 4,096 | front cut, HTTP 200 |

What else each does that the default does not:

* ``openai``: HTTP 400 ``context_length_exceeded`` over the window; a strict tool or response
  format schema is checked against OpenAI's rules (closed objects, every property required).
* ``openai-reasoning``: as ``openai``, and a ``temperature`` other than 1 or any
  ``max_tokens`` is HTTP 400; 1,500 hidden reasoning tokens come out of
  ``max_completion_tokens`` before the answer, so a small budget ends in ``finish_reason:
  length`` with the answer cut or empty (usage reports the reasoning tokens).
* ``azure``: as ``openai``, but only ``/openai/deployments/{name}/chat/completions`` (with an
  ``api-version`` query) and ``/openai/v1/chat/completions`` answer, anything else is 404
  ``Resource not found``; the key may come in an ``api-key`` header; a prompt with one of
  its content filter phrases is HTTP 400 ``content_filter``.
* ``vllm``: the prompt *plus the output asked for* (``max_tokens``) must fit the window, else
  HTTP 400 in vLLM's flat error body; strict is not checked.
* ``llamacpp``: each request gets ``n_ctx / slots``; a longer prompt is HTTP 400
  ``exceed_context_size_error``; an answer that runs past what is left of the window stops
  with ``finish_reason: length``, cut.
* ``ollama``: a longer prompt is cut from the front **silently** (whole messages first, the
  system message first, then the start of the user message) and answered with HTTP 200 from
  what is left; a forced ``tool_choice`` is ignored (the JSON comes back as content, no tool
  call), so instructor's tools mode fails where its JSON modes work.

Every profile answers all four instructor modes it supports: a tool call (tools), JSON content
(``json_schema`` and ``json_object``), and JSON in a fenced ``json`` block when the request asks
for neither (md_json), as a chat model does when nothing constrains it. Every profile stops an
answer longer than ``max_completion_tokens`` (or ``max_tokens``) there, with ``finish_reason:
length``, and reports usage in its own tokens.

Tokens are counted by `count_tokens`, the fake's own deterministic tokenizer, which keeps
roughly a BPE tokenizer's ratios for English prose, numbers and JSON. Nothing here is a model.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any, Literal

Overflow = Literal["truncate_front", "http_400"]
Dialect = Literal["openai", "vllm", "llamacpp", "ollama"]
OutputInWindow = Literal["ignored", "reject", "cut"]

# a run of letters, a run of up to three digits, or any other single non-space character
_PIECE = re.compile(r"[^\W\d_]+|\d{1,3}|\S")
_SHORT_WORD = 6  # letters that a single token covers
_LONG_WORD_PIECE = 4  # letters per token in a longer word


@dataclass(frozen=True)
class Profile:
    """One real server's behaviour, as far as a client can see it on the wire."""

    name: str
    imitates: str
    window: int  # context tokens of the server (llama.cpp: n_ctx, shared by its slots)
    overflow: Overflow  # what a prompt over the window gets
    dialect: Dialect = "openai"  # whose error bodies it sends
    slots: int = 1  # llama.cpp's parallel slots: each request gets window // slots
    output_in_window: OutputInWindow = "ignored"  # whether max_tokens must fit the window too
    ignores_tool_choice: bool = False  # a forced tool call comes back as content instead
    reasoning: bool = False  # an o-series model: fixed sampling, hidden reasoning tokens
    reasoning_tokens: int = 1500  # what each answer spends on reasoning, when reasoning
    azure: bool = False  # Azure's paths, api-key header, error bodies and content filter
    supports_json_schema: bool = True  # honours response_format json_schema
    supports_strict: bool = False  # checks a strict schema against OpenAI's rules
    content_filter_phrases: tuple[str, ...] = ()  # prompts containing one are refused

    @property
    def request_window(self) -> int:
        """The tokens one request may use (prompt and answer)."""
        return self.window // self.slots


_OPENAI = Profile(
    name="openai",
    imitates="api.openai.com (gpt-4o class)",
    window=128_000,
    overflow="http_400",
    supports_strict=True,
)

PROFILES: dict[str, Profile] = {
    "openai": _OPENAI,
    "openai-reasoning": replace(
        _OPENAI,
        name="openai-reasoning",
        imitates="api.openai.com (o-series reasoning model)",
        window=200_000,
        reasoning=True,
    ),
    "azure": replace(
        _OPENAI,
        name="azure",
        imitates="Azure OpenAI (deployments and v1 API)",
        azure=True,
        content_filter_phrases=("sexually exploited",),
    ),
    "vllm": Profile(
        name="vllm",
        imitates="vLLM OpenAI-compatible server (--max-model-len 32768)",
        window=32_768,
        overflow="http_400",
        dialect="vllm",
        output_in_window="reject",
    ),
    "llamacpp": Profile(
        name="llamacpp",
        imitates="llama.cpp llama-server (-c 16384 -np 4)",
        window=16_384,
        overflow="http_400",
        dialect="llamacpp",
        slots=4,
        output_in_window="cut",
    ),
    "ollama": Profile(
        name="ollama",
        imitates="Ollama /v1 endpoint (default num_ctx 4096)",
        window=4096,
        overflow="truncate_front",
        dialect="ollama",
        ignores_tool_choice=True,
    ),
}


def profile_named(profile: str | Profile | None) -> Profile | None:
    """A profile from its name (or itself); None stays None (the fake's default behaviour)."""
    if profile is None or isinstance(profile, Profile):
        return profile
    if profile not in PROFILES:
        raise ValueError(f"no fake server profile {profile!r}; known: {', '.join(PROFILES)}")
    return PROFILES[profile]


# -- tokens -------------------------------------------------------------------------------------


def _piece_tokens(length: int) -> int:
    return 1 if length <= _SHORT_WORD else -(-length // _LONG_WORD_PIECE)


def count_tokens(text: str) -> int:
    """Tokens in ``text`` by the fake's tokenizer: a word of up to 6 letters is one token, a
    longer word one per 4 letters; each run of up to 3 digits and each punctuation character
    is one; whitespace is free."""
    return sum(_piece_tokens(len(piece)) for piece in _PIECE.findall(text))


def token_spans(text: str) -> list[tuple[int, int]]:
    """Where each of ``text``'s tokens starts and ends, in order."""
    spans: list[tuple[int, int]] = []
    for match in _PIECE.finditer(text):
        start, end = match.span()
        if end - start <= _SHORT_WORD:
            spans.append((start, end))
        else:
            spans.extend(
                (at, min(at + _LONG_WORD_PIECE, end)) for at in range(start, end, _LONG_WORD_PIECE)
            )
    return spans


def first_tokens(text: str, tokens: int) -> str:
    """The start of ``text``, up to and including its ``tokens``-th token."""
    if tokens <= 0:
        return ""
    spans = token_spans(text)
    return text if tokens >= len(spans) else text[: spans[tokens - 1][1]]


def without_first_tokens(text: str, tokens: int) -> str:
    """``text`` from its ``tokens + 1``-th token on."""
    spans = token_spans(text)
    return "" if tokens >= len(spans) else text[spans[tokens][0] :]


def message_text(message: dict[str, Any]) -> str:
    """A message's text, whether its content is a string or a list of parts."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


def overhead_tokens(body: dict[str, Any]) -> int:
    """Tokens the request spends outside its messages: the tools and the response format."""
    extra = [body[key] for key in ("tools", "response_format") if body.get(key)]
    return sum(count_tokens(json.dumps(part)) for part in extra)


def prompt_tokens(body: dict[str, Any]) -> int:
    """A request's prompt size: every message's content, the tools and the response format."""
    messages = body.get("messages") or []
    return sum(count_tokens(message_text(m)) for m in messages) + overhead_tokens(body)


def keep_last_tokens(body: dict[str, Any], window: int) -> tuple[dict[str, Any], int]:
    """The request as Ollama reads it when it is over the window: the front of the prompt
    (whole messages first, then the start of the next) dropped until ``window`` tokens are
    left; and the tokens kept."""
    overhead = overhead_tokens(body)
    messages = body.get("messages") or []
    sizes = [count_tokens(message_text(m)) for m in messages]
    excess = overhead + sum(sizes) - window
    if excess <= 0:
        return body, overhead + sum(sizes)
    kept: list[dict[str, Any]] = []
    for message, size in zip(messages, sizes, strict=True):
        if excess >= size and excess > 0:
            excess -= size
            continue
        if excess > 0:
            message = {**message, "content": without_first_tokens(message_text(message), excess)}
            excess = 0
        kept.append(message)
    # Ollama keeps exactly the window's last tokens; re-counting the cut text could come out
    # a token short (a long word cut inside counts fewer pieces), so the count is the window
    return {**body, "messages": kept}, window


# -- what the server says when it will not answer -----------------------------------------------


def overflow_error(
    profile: Profile, body: dict[str, Any], prompt: int, output: int
) -> dict[str, Any]:
    """The body of the HTTP 400 a request over the window gets, in the profile's dialect."""
    window = profile.request_window
    if profile.dialect == "vllm":
        return {
            "object": "error",
            "message": (
                f"This model's maximum context length is {window} tokens. However, you "
                f"requested {prompt + output} tokens ({prompt} in the messages, {output} in "
                "the completion). Please reduce the length of the messages or completion."
            ),
            "type": "BadRequestError",
            "param": None,
            "code": 400,
        }
    if profile.dialect == "llamacpp":
        return {
            "error": {
                "code": 400,
                "message": (
                    f"request ({prompt} tokens) exceeds the available context size "
                    f"({window} tokens), try increasing it"
                ),
                "type": "exceed_context_size_error",
                "n_prompt_tokens": prompt,
                "n_ctx": window,
            }
        }
    tools = overhead_tokens({"tools": body.get("tools")})
    parts = f" ({prompt - tools} in the messages, {tools} in the functions)" if tools else ""
    return _openai_error(
        f"This model's maximum context length is {window} tokens. However, your messages "
        f"resulted in {prompt} tokens{parts}. Please reduce the length of the messages.",
        param="messages",
        code="context_length_exceeded",
    )


def _openai_error(
    message: str, *, param: str | None, code: str | None, kind: str = "invalid_request_error"
) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def _masked(key: str) -> str:
    if len(key) <= 8:
        return f"{key[:1]}***"
    return f"{key[:3]}{'*' * (len(key) - 7)}{key[-4:]}"


def bad_key_error(profile: Profile | None, key: str | None) -> dict[str, Any]:
    """The body of the HTTP 401 a request with a missing or unknown key gets."""
    if profile is not None and profile.azure:
        return {
            "error": {
                "code": "401",
                "message": (
                    "Access denied due to invalid subscription key or wrong API endpoint. Make "
                    "sure to provide a valid key for an active subscription and use a correct "
                    "regional API endpoint for your resource."
                ),
            }
        }
    if profile is not None and profile.dialect == "vllm":
        return {"error": "Unauthorized"}
    if profile is not None and profile.dialect == "llamacpp":
        return {
            "error": {"code": 401, "message": "Invalid API Key", "type": "authentication_error"}
        }
    if not key:
        return _openai_error(
            "You didn't provide an API key. You need to provide your API key in an "
            "Authorization header using Bearer auth (a Bearer token in the Authorization header).",
            param=None,
            code=None,
        )
    return _openai_error(
        f"Incorrect API key provided: {_masked(key)}.", param=None, code="invalid_api_key"
    )


def unknown_model_error(profile: Profile | None, model: str) -> dict[str, Any]:
    """The body of the HTTP 404 a request for a model the server does not have gets."""
    if profile is not None and profile.azure:
        return {
            "error": {
                "code": "DeploymentNotFound",
                "message": (
                    "The API deployment for this resource does not exist. If you created the "
                    "deployment within the last 5 minutes, please wait a moment and try again."
                ),
            }
        }
    if profile is not None and profile.dialect == "vllm":
        return {
            "object": "error",
            "message": f"The model `{model}` does not exist.",
            "type": "NotFoundError",
            "param": None,
            "code": 404,
        }
    if profile is not None and profile.dialect == "ollama":
        return _openai_error(
            f'model "{model}" not found, try pulling it first',
            param=None,
            code=None,
            kind="not_found_error",
        )
    return _openai_error(
        f"The model `{model}` does not exist or you do not have access to it.",
        param=None,
        code="model_not_found",
    )


def azure_not_found() -> dict[str, Any]:
    """What Azure says for a path (or a missing api-version) it does not serve."""
    return {"error": {"code": "404", "message": "Resource not found"}}


def content_filter_error() -> dict[str, Any]:
    """Azure's HTTP 400 for a prompt its content filter stops."""
    return {
        "error": {
            "message": (
                "The response was filtered due to the prompt triggering Azure OpenAI's content "
                "management policy. Please modify your prompt and retry. To learn more about our "
                "content filtering policies please read our documentation: "
                "https://go.microsoft.com/fwlink/?linkid=2198766"
            ),
            "type": None,
            "param": "prompt",
            "code": "content_filter",
            "status": 400,
            "innererror": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_result": {
                    "hate": {"filtered": False, "severity": "safe"},
                    "self_harm": {"filtered": False, "severity": "safe"},
                    "sexual": {"filtered": True, "severity": "medium"},
                    "violence": {"filtered": False, "severity": "safe"},
                },
            },
        }
    }


def filtered_phrase(profile: Profile, body: dict[str, Any]) -> str | None:
    """The first content filter phrase the request's messages contain (case-insensitive)."""
    if not profile.content_filter_phrases:
        return None
    text = "\n".join(message_text(m) for m in body.get("messages") or []).casefold()
    return next((p for p in profile.content_filter_phrases if p.casefold() in text), None)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else json.dumps(value)


def parameter_error(profile: Profile, body: dict[str, Any]) -> dict[str, Any] | None:
    """The HTTP 400 body for a sampling parameter the model does not take, if any."""
    if not profile.reasoning:
        return None
    temperature = body.get("temperature")
    if temperature is not None and temperature != 1:
        return _openai_error(
            f"Unsupported value: 'temperature' does not support {_number(temperature)} with "
            "this model. Only the default (1) value is supported.",
            param="temperature",
            code="unsupported_value",
        )
    if body.get("max_tokens") is not None:
        return _openai_error(
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use "
            "'max_completion_tokens' instead.",
            param="max_tokens",
            code="unsupported_parameter",
        )
    return None


# -- strict schemas -----------------------------------------------------------------------------

_SCHEMA_MAPS = ("properties", "$defs", "definitions", "patternProperties")
_SCHEMA_LISTS = ("anyOf", "allOf", "oneOf", "prefixItems")
_SCHEMA_ONES = ("items", "not", "additionalProperties")


def strict_schema_problem(schema: Any, context: tuple[str, ...] = ()) -> str | None:
    """Why ``schema`` breaks OpenAI's strict mode rules (every object schema closed with
    ``additionalProperties: false`` and requiring all its properties), or None."""
    if not isinstance(schema, dict):
        return None
    if schema.get("type") == "object" or "properties" in schema:
        if schema.get("additionalProperties") is not False:
            return (
                f"In context={context!r}, 'additionalProperties' is required to be supplied "
                "and to be false."
            )
        required = schema.get("required") or []
        missing = [name for name in schema.get("properties") or {} if name not in required]
        if missing:
            return (
                f"In context={context!r}, 'required' is required to be supplied and to be an "
                f"array including every key in properties. Missing '{missing[0]}'."
            )
    return _first_problem(_subschemas(schema, context))


def _subschemas(
    schema: dict[str, Any], context: tuple[str, ...]
) -> list[tuple[Any, tuple[str, ...]]]:
    found: list[tuple[Any, tuple[str, ...]]] = []
    for key, value in schema.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            found.extend((sub, (*context, key, name)) for name, sub in value.items())
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            found.extend((sub, (*context, key, str(i))) for i, sub in enumerate(value))
        elif key in _SCHEMA_ONES:
            found.append((value, (*context, key)))
    return found


def _first_problem(schemas: list[tuple[Any, tuple[str, ...]]]) -> str | None:
    for schema, context in schemas:
        problem = strict_schema_problem(schema, context)
        if problem:
            return problem
    return None


def strict_error(profile: Profile, body: dict[str, Any]) -> dict[str, Any] | None:
    """The HTTP 400 body for a strict schema that breaks the rules, if the profile checks."""
    if not profile.supports_strict:
        return None
    tools = body.get("tools") or []
    function = tools[0].get("function", {}) if tools else {}
    if function.get("strict") is True:
        problem = strict_schema_problem(function.get("parameters") or {})
        if problem:
            return _openai_error(
                f"Invalid schema for function '{function.get('name')}': {problem}",
                param="tools[0].function.parameters",
                code="invalid_function_parameters",
            )
    format_ = body.get("response_format") or {}
    json_schema = format_.get("json_schema") or {}
    if format_.get("type") == "json_schema" and json_schema.get("strict") is True:
        problem = strict_schema_problem(json_schema.get("schema") or {})
        if problem:
            return _openai_error(
                f"Invalid schema for response_format '{json_schema.get('name')}': {problem}",
                param="response_format",
                code="invalid_json_schema",
            )
    return None
