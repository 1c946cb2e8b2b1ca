"""The fake server's profiles: each imitates one real server's window, errors, paths and
quirks, on the wire (plain HTTP, the openai SDK and instructor against the fake)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import instructor
import openai
import pytest
from instructor.v2.core.errors import InstructorRetryException
from pydantic import BaseModel

from rhi_llm.testing import profiles
from rhi_llm.testing.fake_server import (
    FakeOpenAI,
    Responder,
    letter_in,
    requested_fields,
    schema_in_messages,
    table_responder,
)
from rhi_llm.testing.profiles import PROFILES, Profile, count_tokens, prompt_tokens

from conftest import LETTERS

ANSWER = {"council": "Ashcombe", "children": 3}


def fixed(body: dict[str, Any]) -> dict[str, Any]:
    """Answer the same for every request, with only the fields the request asks for."""
    wanted = requested_fields(body)
    return {k: ANSWER.get(k) for k in wanted} if wanted else dict(ANSWER)


@contextmanager
def served(
    profile: str | Profile | None, responder: Responder = fixed, **options: Any
) -> Iterator[FakeOpenAI]:
    with FakeOpenAI(responder, profile=profile, **options) as fake:
        yield fake


@dataclass(frozen=True)
class Reply:
    status_code: int
    body: Any

    def json(self) -> Any:
        return self.body


def post(
    fake: FakeOpenAI, body: dict[str, Any], path: str = "/chat/completions", **headers: str
) -> Reply:
    """POST ``body`` as JSON (``path`` under /v1, unless it is an Azure path)."""
    url = fake.endpoint + (path if path.startswith("/openai/") else f"/v1{path}")
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return Reply(response.status, json.loads(response.read()))
    except urllib.error.HTTPError as error:
        return Reply(error.code, json.loads(error.read()))


def chat(text: str, **extra: Any) -> dict[str, Any]:
    return {"model": "m", "messages": [{"role": "user", "content": text}], **extra}


def tool(schema: dict[str, Any], *, strict: bool = False) -> list[dict[str, Any]]:
    function: dict[str, Any] = {"name": "Answer", "parameters": schema}
    if strict:
        function["strict"] = True
    return [{"type": "function", "function": function}]


CLOSED = {
    "type": "object",
    "properties": {"council": {"type": "string"}},
    "required": ["council"],
    "additionalProperties": False,
}


class Council(BaseModel):
    council: str
    children: int | None = None


# -- the tokenizer ------------------------------------------------------------------------------


def test_tokens_are_counted_like_a_bpe_tokenizer_not_by_characters() -> None:
    assert count_tokens("the report") == 2  # words of up to 6 letters: one token each
    assert count_tokens("council") == 2  # 7 letters: two
    assert count_tokens("safeguarding") == 3  # 12 letters: one token per 4
    assert count_tokens("12345") == 2  # digits go three at a time
    assert count_tokens("a, b.") == 4  # each punctuation character is a token
    assert count_tokens("   \n\t ") == 0  # whitespace is free
    body = {"messages": [{"role": "user", "content": "a b"}], "tools": [{"x": 1}]}
    assert prompt_tokens(body) == 2 + count_tokens(json.dumps([{"x": 1}]))


def test_every_profile_is_described_and_llamacpp_divides_its_context_by_slots() -> None:
    for name in ("openai", "ollama", "vllm", "llamacpp", "openai-reasoning", "azure"):
        assert PROFILES[name].name == name
        assert f"``{name}``" in (profiles.__doc__ or "")
    assert PROFILES["llamacpp"].window == 16384 and PROFILES["llamacpp"].request_window == 4096
    with pytest.raises(ValueError, match="no fake server profile"):
        FakeOpenAI(profile="nonesuch")


# -- the default stays as it was ----------------------------------------------------------------


def test_without_a_profile_the_fake_answers_anything_as_before() -> None:
    huge = "word " * 40_000
    with served(None) as fake:
        reply = post(fake, chat(huge, max_tokens=10))
        assert reply.status_code == 200
        message = reply.json()["choices"][0]["message"]
        assert json.loads(message["content"]) == ANSWER  # bare JSON, not fenced, not cut
        assert reply.json()["usage"]["prompt_tokens"] == len(huge) // 4
        assert fake.stats.per_request[-1].verdict == "answered"
        assert fake.stats.per_request[-1].prompt_tokens == 0  # not counted without a profile


# -- ollama -------------------------------------------------------------------------------------


def test_ollama_cuts_the_front_of_a_long_prompt_silently() -> None:
    seen: list[dict[str, Any]] = []

    def echo(body: dict[str, Any]) -> dict[str, Any]:
        seen.append(body)
        return {"ok": True}

    small = replace(PROFILES["ollama"], window=50)
    words = " ".join(f"w{i}" for i in range(60))  # 120 tokens
    body = {
        "model": "m",
        "messages": [
            {"role": "system", "content": "system rules here"},
            {"role": "user", "content": words},
        ],
    }
    with served(small, echo) as fake:
        reply = post(fake, body)
        assert reply.status_code == 200
        assert reply.json()["usage"]["prompt_tokens"] == 50
        record = fake.stats.per_request[-1]
        assert record.truncated and record.prompt_tokens == 123 and record.kept_tokens == 50
    messages = seen[0]["messages"]
    assert [m["role"] for m in messages] == ["user"]  # the system message went first
    assert messages[0]["content"] == " ".join(f"w{i}" for i in range(35, 60))


def test_ollama_answers_nothing_when_the_letter_marker_is_cut_away() -> None:
    # the benchmarks' responder: like the rules one, it finds the letter by its marker
    answers = table_responder({"westmarch-2024.txt": {"missing_incidents": {"value": 641}}})
    text = (LETTERS / "westmarch-2024.txt").read_text()
    filler = "\n".join("The council also wrote about other things." for _ in range(500))
    body = chat(f"Read the letter.\n<<<LETTER westmarch-2024.txt\n{text}\n{filler}\nLETTER>>>")
    body["response_format"] = {"type": "json_object"}
    with served(None, answers) as plain, served("ollama", answers) as ollama:
        whole = json.loads(post(plain, body).json()["choices"][0]["message"]["content"])
        reply = post(ollama, body).json()
    assert whole["missing_incidents"]["value"] == 641  # the same letter, read whole
    assert json.loads(reply["choices"][0]["message"]["content"]) == {}  # every field missing
    assert reply["choices"][0]["finish_reason"] == "stop"  # and nothing says so
    assert reply["usage"]["prompt_tokens"] == 4096


def test_ollama_ignores_a_forced_tool_choice() -> None:
    forced = {"type": "function", "function": {"name": "Answer"}}
    body = chat("hi", tools=tool(CLOSED), tool_choice=forced)
    with served("ollama") as fake, served("openai") as real:
        message = post(fake, body).json()["choices"][0]["message"]
        called = post(real, body).json()["choices"][0]["message"]
    assert message.get("tool_calls") is None
    assert json.loads(message["content"]) == {"council": "Ashcombe"}
    assert json.loads(called["tool_calls"][0]["function"]["arguments"]) == {"council": "Ashcombe"}


# -- vLLM ---------------------------------------------------------------------------------------


def test_vllm_refuses_a_prompt_and_completion_over_its_window() -> None:
    body = chat("a b c", max_tokens=32_766)
    with served("vllm") as fake:
        reply = post(fake, body)
        assert reply.status_code == 400
        assert reply.json() == {
            "object": "error",
            "message": (
                "This model's maximum context length is 32768 tokens. However, you requested "
                "32769 tokens (3 in the messages, 32766 in the completion). Please reduce the "
                "length of the messages or completion."
            ),
            "type": "BadRequestError",
            "param": None,
            "code": 400,
        }
        assert fake.stats.per_request[-1].verdict == "overflow"
        assert post(fake, chat("a b c", max_tokens=32_765)).status_code == 200


# -- llama.cpp ----------------------------------------------------------------------------------


def test_llamacpp_gives_each_slot_a_share_of_its_context() -> None:
    with served("llamacpp") as fake:
        reply = post(fake, chat("word " * 4097))
        assert post(fake, chat("word " * 4000)).status_code == 200
    assert reply.status_code == 400
    error = reply.json()["error"]
    assert error["type"] == "exceed_context_size_error" and error["code"] == 400
    assert error["n_prompt_tokens"] == 4097 and error["n_ctx"] == 4096
    assert "exceeds the available context size" in error["message"]


def test_llamacpp_stops_an_answer_that_runs_past_the_window() -> None:
    long_answer = {"council": " ".join(["name"] * 40)}  # 40 words and the JSON around them
    overhead = prompt_tokens(chat("", tools=tool(CLOSED)))
    nearly_full = chat("word " * (4096 - overhead - 20), tools=tool(CLOSED), max_tokens=100)
    with served("llamacpp", lambda body: long_answer) as fake:
        cut = post(fake, nearly_full).json()
        whole = post(fake, chat("word " * 10, tools=tool(CLOSED), max_tokens=100)).json()
    arguments = cut["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"]
    assert cut["choices"][0]["finish_reason"] == "length"
    assert count_tokens(arguments) == 20  # what was left of the slot's 4096
    with pytest.raises(json.JSONDecodeError):
        json.loads(arguments)
    assert whole["choices"][0]["finish_reason"] == "tool_calls"


# -- OpenAI reasoning models --------------------------------------------------------------------


def test_a_reasoning_model_refuses_temperature_and_max_tokens() -> None:
    with served("openai-reasoning") as fake:
        hot = post(fake, chat("hi", temperature=0))
        capped = post(fake, chat("hi", max_tokens=100))
        default = post(fake, chat("hi", temperature=1, max_completion_tokens=5000))
    assert hot.status_code == 400 and hot.json()["error"] == {
        "message": (
            "Unsupported value: 'temperature' does not support 0 with this model. Only the "
            "default (1) value is supported."
        ),
        "type": "invalid_request_error",
        "param": "temperature",
        "code": "unsupported_value",
    }
    assert capped.status_code == 400 and capped.json()["error"]["code"] == "unsupported_parameter"
    assert capped.json()["error"]["param"] == "max_tokens"
    assert "Use 'max_completion_tokens' instead." in capped.json()["error"]["message"]
    assert default.status_code == 200


def test_a_reasoning_model_spends_its_budget_on_reasoning_first() -> None:
    answer = json.dumps(ANSWER)
    with served("openai-reasoning") as fake:
        starved = post(fake, chat("hi", max_completion_tokens=1000)).json()
        short = post(fake, chat("hi", max_completion_tokens=1505)).json()
        enough = post(fake, chat("hi", max_completion_tokens=5000)).json()
    assert starved["choices"][0]["finish_reason"] == "length"
    assert starved["choices"][0]["message"]["content"] == ""
    assert starved["usage"]["completion_tokens_details"]["reasoning_tokens"] == 1000
    assert short["choices"][0]["finish_reason"] == "length"
    assert count_tokens(short["choices"][0]["message"]["content"]) == 5
    assert enough["choices"][0]["finish_reason"] == "stop"
    assert enough["usage"]["completion_tokens"] == 1500 + count_tokens(f"```json\n{answer}\n```")
    assert enough["usage"]["completion_tokens_details"]["reasoning_tokens"] == 1500


# -- Azure --------------------------------------------------------------------------------------


def test_azure_answers_its_deployment_and_v1_paths_only() -> None:
    with served("azure", api_keys=("azure-key",)) as fake:
        client = openai.AzureOpenAI(
            azure_endpoint=fake.endpoint, api_key="azure-key", api_version="2024-10-21"
        )
        deployed = client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
        v1 = openai.OpenAI(base_url=fake.base_url, api_key="azure-key")
        through_v1 = v1.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
        key = {"api-key": "azure-key"}
        unversioned = post(fake, chat("hi"), "/openai/deployments/gpt-4o/chat/completions", **key)
        elsewhere = post(fake, chat("hi"), "/chat/completions", **key)
        wrong_key = post(fake, chat("hi"), "/openai/v1/chat/completions", **{"api-key": "nope"})
    assert deployed.choices[0].message.content and through_v1.choices[0].message.content
    assert fake.bodies[0]["model"] == "gpt-4o"
    for refused in (unversioned, elsewhere):
        assert refused.status_code == 404
        assert refused.json() == {"error": {"code": "404", "message": "Resource not found"}}
    assert wrong_key.status_code == 401 and wrong_key.json()["error"]["code"] == "401"
    assert "Access denied" in wrong_key.json()["error"]["message"]


def test_azure_filters_a_prompt_with_a_content_filter_phrase() -> None:
    text = "The report says the children were SEXUALLY EXPLOITED in 2023."
    with served("azure") as fake:
        reply = post(fake, chat(text), "/openai/v1/chat/completions")
        assert post(fake, chat("nothing here"), "/openai/v1/chat/completions").status_code == 200
        assert [c.verdict for c in fake.stats.per_request] == ["filtered", "answered"]
    with served("openai") as plain:
        assert post(plain, chat(text)).status_code == 200
    assert reply.status_code == 400
    error = reply.json()["error"]
    assert error["code"] == "content_filter" and error["param"] == "prompt"
    assert error["type"] is None and error["status"] == 400
    assert error["message"].startswith(
        "The response was filtered due to the prompt triggering Azure OpenAI's content "
        "management policy."
    )
    assert error["innererror"]["code"] == "ResponsibleAIPolicyViolation"
    assert error["innererror"]["content_filter_result"]["sexual"] == {
        "filtered": True,
        "severity": "medium",
    }


# -- OpenAI -------------------------------------------------------------------------------------


def test_openai_refuses_a_prompt_over_its_window() -> None:
    small = replace(PROFILES["openai"], window=20)
    with served(small) as fake:
        reply = post(fake, chat("word " * 21))
        with_tools = post(fake, chat("word " * 5, tools=tool(CLOSED)))
        assert post(fake, chat("word " * 20)).status_code == 200
    assert reply.status_code == 400
    assert reply.json()["error"] == {
        "message": (
            "This model's maximum context length is 20 tokens. However, your messages resulted "
            "in 21 tokens. Please reduce the length of the messages."
        ),
        "type": "invalid_request_error",
        "param": "messages",
        "code": "context_length_exceeded",
    }
    assert "(5 in the messages, " in with_tools.json()["error"]["message"]


# -- keys and models ----------------------------------------------------------------------------


@pytest.mark.parametrize("profile", [None, "openai", "ollama", "openai-reasoning"])
def test_a_key_not_given_to_the_server_is_refused(profile: str | None) -> None:
    with served(profile, api_keys=("k1",)) as fake:
        wrong = post(fake, chat("hi"), authorization="Bearer kx-wrong")
        missing = post(fake, chat("hi"))
        right = post(fake, chat("hi"), authorization="Bearer k1")
        assert [c.verdict for c in fake.stats.per_request] == ["rejected", "rejected", "answered"]
    assert wrong.status_code == 401 and missing.status_code == 401
    assert wrong.json()["error"] == {
        "message": "Incorrect API key provided: k***.",
        "type": "invalid_request_error",
        "param": None,
        "code": "invalid_api_key",
    }
    assert right.status_code == 200


def test_vllm_and_llamacpp_refuse_a_key_in_their_own_words() -> None:
    with served("vllm", api_keys=("k1",)) as vllm, served("llamacpp", api_keys=("k1",)) as cpp:
        assert post(vllm, chat("hi")).json() == {"error": "Unauthorized"}
        assert post(cpp, chat("hi")).json()["error"]["type"] == "authentication_error"


def test_a_model_the_server_does_not_have_is_not_found() -> None:
    with served("openai", models=("m1",)) as fake, served("vllm", models=("m1",)) as vllm:
        missing = post(fake, {**chat("hi"), "model": "x"})
        vllm_missing = post(vllm, {**chat("hi"), "model": "x"})
        assert post(fake, {**chat("hi"), "model": "m1"}).status_code == 200
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "message": "The model `x` does not exist or you do not have access to it.",
        "type": "invalid_request_error",
        "param": None,
        "code": "model_not_found",
    }
    assert vllm_missing.status_code == 404 and vllm_missing.json()["type"] == "NotFoundError"


# -- strict schemas -----------------------------------------------------------------------------

OPEN = {"type": "object", "properties": {"council": {"type": "string"}}, "required": ["council"]}
PARTLY_REQUIRED = {**CLOSED, "properties": {"council": {}, "period": {}}}
NESTED_OPEN = {
    **CLOSED,
    "properties": {"council": {"$ref": "#/$defs/Inner"}},
    "$defs": {"Inner": {"type": "object", "properties": {"a": {"type": "integer"}}}},
}


def test_openai_checks_a_strict_tool_schema_against_its_rules() -> None:
    with served("openai") as fake, served("vllm") as vllm:
        closed = post(fake, chat("hi", tools=tool(CLOSED, strict=True)))
        opened = post(fake, chat("hi", tools=tool(OPEN, strict=True)))
        partly = post(fake, chat("hi", tools=tool(PARTLY_REQUIRED, strict=True)))
        nested = post(fake, chat("hi", tools=tool(NESTED_OPEN, strict=True)))
        loose = post(fake, chat("hi", tools=tool(OPEN)))  # not strict: not checked
        ignored = post(vllm, chat("hi", tools=tool(OPEN, strict=True)))
    assert closed.status_code == 200 and loose.status_code == 200 and ignored.status_code == 200
    assert opened.status_code == 400
    assert opened.json()["error"] == {
        "message": (
            "Invalid schema for function 'Answer': In context=(), 'additionalProperties' is "
            "required to be supplied and to be false."
        ),
        "type": "invalid_request_error",
        "param": "tools[0].function.parameters",
        "code": "invalid_function_parameters",
    }
    assert "Missing 'period'" in partly.json()["error"]["message"]
    assert "context=('$defs', 'Inner')" in nested.json()["error"]["message"]


def test_azure_checks_a_strict_response_format_schema() -> None:
    def schema_format(schema: dict[str, Any]) -> dict[str, Any]:
        wrapped = {"name": "Answer", "schema": schema, "strict": True}
        return {"type": "json_schema", "json_schema": wrapped}

    with served("azure") as fake:
        path = "/openai/v1/chat/completions"
        bad = post(fake, chat("hi", response_format=schema_format(OPEN)), path)
        good = post(fake, chat("hi", response_format=schema_format(CLOSED)), path)
    assert bad.status_code == 400 and good.status_code == 200
    assert bad.json()["error"]["code"] == "invalid_json_schema"
    assert bad.json()["error"]["param"] == "response_format"
    assert bad.json()["error"]["message"].startswith("Invalid schema for response_format 'Answer'")


# -- instructor's modes -------------------------------------------------------------------------

MODE_PROFILES = (None, "openai", "vllm", "llamacpp", "ollama")
MODES = (instructor.Mode.TOOLS, instructor.Mode.JSON_SCHEMA, instructor.Mode.JSON)


@pytest.fixture(scope="module")
def sdk_clients() -> Iterator[dict[str | None, tuple[FakeOpenAI, openai.OpenAI]]]:
    """One server and one openai client per profile (copies of one client: a new client
    takes 60 ms to make)."""
    fakes = {profile: FakeOpenAI(fixed, profile=profile) for profile in MODE_PROFILES}
    for fake in fakes.values():
        fake.start()
    raw = openai.OpenAI(base_url=fakes[None].base_url, api_key="x", max_retries=0)
    yield {
        profile: (fake, raw.with_options(base_url=fake.base_url)) for profile, fake in fakes.items()
    }
    for fake in fakes.values():
        fake.stop()


@pytest.mark.parametrize("profile", MODE_PROFILES)
@pytest.mark.parametrize("mode", [*MODES, instructor.Mode.MD_JSON])
def test_instructor_parses_every_mode_a_profile_supports(
    sdk_clients: dict[str | None, tuple[FakeOpenAI, openai.OpenAI]],
    profile: str | None,
    mode: instructor.Mode,
) -> None:
    client = instructor.from_openai(sdk_clients[profile][1], mode=mode)

    def ask() -> Council:
        return client.create(
            model="m",
            response_model=Council,
            messages=[{"role": "user", "content": "Which council?"}],
            max_retries=0,
        )

    if profile == "ollama" and mode == instructor.Mode.TOOLS:
        with pytest.raises(InstructorRetryException):
            ask()
        return
    assert ask().model_dump() == ANSWER


def test_md_json_gets_a_fenced_block_from_a_profile_and_bare_json_without_one() -> None:
    with served("vllm") as fake, served(None) as plain:
        fenced = post(fake, chat("hi")).json()["choices"][0]["message"]["content"]
        bare = post(plain, chat("hi")).json()["choices"][0]["message"]["content"]
    assert fenced == f"```json\n{json.dumps(ANSWER)}\n```"
    assert bare == json.dumps(ANSWER)


def test_a_server_without_json_schema_writes_free_text_that_json_schema_mode_cannot_read() -> None:
    unconstrained = replace(PROFILES["ollama"], supports_json_schema=False)
    schema = {"type": "json_schema", "json_schema": {"name": "Answer", "schema": CLOSED}}
    with served(unconstrained) as fake, served("ollama") as honours:
        free = post(fake, chat("hi", response_format=schema)).json()
        bare = post(honours, chat("hi", response_format=schema)).json()
    assert free["choices"][0]["message"]["content"].startswith("```json\n")
    assert json.loads(bare["choices"][0]["message"]["content"]) == {"council": "Ashcombe"}


@pytest.mark.parametrize("mode", [instructor.Mode.JSON, instructor.Mode.MD_JSON])
def test_requested_fields_reads_the_schema_instructor_writes_into_the_messages(
    sdk_clients: dict[str | None, tuple[FakeOpenAI, openai.OpenAI]], mode: instructor.Mode
) -> None:
    class Required(BaseModel):
        council: str  # required, so no "anyOf": a pattern for optional fields misses it
        children: int | None = None

    fake, raw = sdk_clients[None]
    instructor.from_openai(raw, mode=mode).create(
        model="m",
        response_model=Required,
        messages=[{"role": "user", "content": "<<<LETTER a.txt\nhi\nLETTER>>>"}],
        max_retries=0,
    )
    body = fake.bodies[-1]
    assert requested_fields(body) == ["council", "children"]
    assert schema_in_messages(body)["required"] == ["council"]
    assert letter_in(body) == ("a.txt", "hi")  # instructor's added words do not hide the letter
