"""`rhi-llm doctor`: a few cheap requests to the configured endpoint, and the settings to use.

1. **hello**: one short request. A rejected key (401/403), an unknown model or address (404)
   end the diagnosis; a refusal of ``temperature`` or ``max_tokens`` marks a reasoning model,
   and the request is made again with ``max_completion_tokens``.
2. **modes**: one tiny structured request in each instructor mode (tools, json_schema, json,
   md_json); a mode works when the answer comes back and parses.
3. **context**: one request of about the size extraction would send (``--context`` less the
   output budget), with a one-token answer. The server either takes it (and its reported
   prompt tokens calibrate our estimate), refuses it as too long (its message usually names
   its window; otherwise smaller requests find it), or takes it and reports far fewer prompt
   tokens than were sent: it cut the prompt to fit a smaller window (Ollama), whose size is
   what it reports.

Nothing is read from a letter and nothing is stored; no key appears in what it prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import instructor
import openai
from instructor.v2.core.hooks import Hooks

from rhi_llm.chunking import estimate_schema_tokens, estimate_tokens
from rhi_llm.core.settings import MODES, Settings
from rhi_llm.core.strict_schema import StrictModel
from rhi_llm.extract.cache import endpoint_id
from rhi_llm.extract.llm import (
    CONTEXT_MARGIN,
    CONTEXT_WORDS,
    TRUNCATED_BELOW,
    WINDOW_TOLD,
    rejects_sampling,
    said_by,
    sampling,
    strictly,
    told_number,
)
from rhi_llm.extract.llm import MODES as INSTRUCTOR_MODES

FILLER = (
    "The council replied to the request for information about return home interviews "
    "offered to children after they went missing from home or care during the year. "
)
SEARCH_STEPS = 4  # smaller requests tried, at most, when a refusal does not name the window


class Echo(StrictModel):
    """The answer a mode probe asks for (optional, so that any well-formed answer parses;
    strict in form, as the response models are)."""

    word: str | None = None


@dataclass
class Probe:
    name: str
    ok: bool
    detail: str
    optional: bool = False  # one way among others (a mode): extraction can do without it


@dataclass
class Diagnosis:
    endpoint: str
    model: str
    probes: list[Probe] = field(default_factory=list)
    reasoning: bool = False
    modes: dict[str, bool] = field(default_factory=dict)
    window: int | None = None  # tokens the server gives one request, where measured
    scale: float | None = None  # the server's prompt tokens for every one of our estimate's
    reachable: bool = False
    max_output: int | None = None  # the output budget configured
    strict: bool | None = None  # whether the server takes strict structured outputs
    strict_configured: bool = False

    @property
    def mode(self) -> str | None:
        """The mode to use: the first that works, in `MODES` order (tools first)."""
        return next((m for m in MODES if self.modes.get(m)), None)

    @property
    def context(self) -> int | None:
        """``--context`` to use, in our estimate's measure (so that every planned request
        fits the server's window): None when the configured one fits."""
        if self.window is None:
            return None
        return int(self.window * 0.97 / max(1.0, self.scale or 1.0))

    @property
    def usable(self) -> bool:
        needed = [p for p in self.probes if not p.optional]
        return self.reachable and self.mode is not None and all(p.ok for p in needed)

    def settings(self) -> dict[str, str]:
        """Environment variables to set, with the values that work here."""
        chosen: dict[str, str] = {}
        if self.mode is not None:
            chosen["RHI_LLM_MODE"] = self.mode
        if self.context is not None:
            chosen["RHI_LLM_CONTEXT"] = str(self.context)
            if self.max_output is not None and self.max_output > self.context // 4:
                # a small window: shorter answers, so that letter text still fits beside them
                chosen["RHI_LLM_MAX_OUTPUT"] = str(max(512, self.context // 4))
        if self.reasoning:
            chosen["RHI_LLM_REASONING"] = "yes"
        if self.strict is not None and self.strict != self.strict_configured:
            chosen["RHI_LLM_STRICT"] = "yes" if self.strict else "no"
        return chosen

    def as_json(self) -> dict[str, Any]:
        return {
            "endpoint": self.endpoint,
            "model": self.model,
            "usable": self.usable,
            "reasoning": self.reasoning,
            "modes": self.modes,
            "window": self.window,
            "token_scale": round(self.scale, 3) if self.scale else None,
            "strict": self.strict,
            "probes": [
                {"name": p.name, "ok": p.ok, "optional": p.optional, "detail": p.detail}
                for p in self.probes
            ],
            "settings": self.settings(),
        }


def _client(settings: Settings) -> openai.AsyncOpenAI:
    return settings.client(retries=1)


def _status_line(error: BaseException) -> str:
    """An endpoint error in a few words (never its message: it may quote the key)."""
    if isinstance(error, openai.APIStatusError):
        return f"HTTP {error.status_code}"
    if isinstance(error, openai.APITimeoutError):
        return "timed out"
    if isinstance(error, openai.APIConnectionError):
        return "no connection"
    return type(error).__name__


async def diagnose(settings: Settings) -> Diagnosis:
    found = Diagnosis(
        endpoint=endpoint_id(settings.base_url),
        model=settings.model,
        max_output=settings.max_output,
        strict_configured=settings.strict,
    )
    found.reasoning = settings.reasoning
    client = _client(settings)
    try:
        if not await _hello(client, settings, found):
            return found
        await _modes(client, settings, found)
        await _context(client, settings, found)
    finally:
        await client.close()
    return found


async def _hello(client: openai.AsyncOpenAI, settings: Settings, found: Diagnosis) -> bool:
    messages: Any = [{"role": "user", "content": "Reply with the one word: ready."}]
    for _ in range(2):
        try:
            await client.chat.completions.create(
                model=settings.model, messages=messages, **sampling(found.reasoning, 16)
            )
        except openai.APIStatusError as error:
            if rejects_sampling(error) and not found.reasoning:
                found.reasoning = True  # and ask again with a reasoning model's parameters
                continue
            found.probes.append(Probe("hello", False, _hello_failure(error, settings)))
            return False
        except openai.APIError as error:
            found.probes.append(Probe("hello", False, f"{_status_line(error)} at {found.endpoint}"))
            return False
        found.reachable = True
        kind = "a reasoning model (max_completion_tokens)" if found.reasoning else "answered"
        found.probes.append(Probe("hello", True, f"model {settings.model}: {kind}"))
        return True
    return False


def _hello_failure(error: openai.APIStatusError, settings: Settings) -> str:
    status = error.status_code
    if status == 401:
        return "HTTP 401: the API key was rejected (OPENAI_API_KEY)"
    if status == 403:
        return "HTTP 403: the key is not allowed this model or endpoint"
    if status == 404 and "model" in said_by(error):
        return f"HTTP 404: no model {settings.model!r} here (--model, RHI_LLM_MODEL)"
    if status == 404:
        return "HTTP 404: nothing answers chat completions at this address (--base-url)"
    return f"HTTP {status} to a one-line request"


async def _modes(client: openai.AsyncOpenAI, settings: Settings, found: Diagnosis) -> None:
    for mode in MODES:
        structured = instructor.from_openai(client, mode=INSTRUCTOR_MODES[mode])
        try:
            await _echo(structured, settings, found)
        except Exception as error:  # any failure means this mode does not work here
            cause = error.__cause__ or error
            found.modes[mode] = False
            found.probes.append(
                Probe(f"mode {mode}", False, f"does not work ({_status_line(cause)})", True)
            )
            continue
        found.modes[mode] = True
        found.probes.append(Probe(f"mode {mode}", True, "works", True))
        if mode in ("tools", "json_schema") and found.strict is None:
            found.strict = await _strict_works(structured, settings, found)
            shown = (
                "accepted (a server that ignores the flag accepts it too)"
                if found.strict
                else "refused: leave it off"
            )
            found.probes.append(Probe(f"strict outputs ({mode})", bool(found.strict), shown, True))
    if found.mode is None:
        found.probes.append(Probe("modes", False, "no instructor mode gives a parsed answer"))


@cache
def _sample() -> tuple[str, int]:
    """One unit of probe text shaped like a real request, about half JSON Schema and half
    prose, with our estimate of its tokens (as the planner estimates them)."""
    from instructor.v2.core.schema import generate_openai_schema

    from rhi_llm.core.questionnaires import fields_for
    from rhi_llm.extract.llm import prepared_model

    schema = json.dumps(generate_openai_schema(prepared_model("rhi-2018", fields_for("rhi-2018"))))
    prose = FILLER * max(1, int(len(schema) * 1.25 / len(FILLER)))
    return schema + "\n" + prose, estimate_schema_tokens(schema) + estimate_tokens(prose)


def _probe_text(tokens: int) -> tuple[str, int]:
    """Probe text of about ``tokens`` (our estimate), and its estimate."""
    unit, unit_tokens = _sample()
    whole = max(0, tokens // unit_tokens)
    rest = max(0, tokens - whole * unit_tokens)
    prose = FILLER * max(1, int(rest * 3.5 / len(FILLER)))
    return unit * whole + prose, whole * unit_tokens + estimate_tokens(prose)


async def _strict_works(
    structured: instructor.AsyncInstructor, settings: Settings, found: Diagnosis
) -> bool:
    """Whether the server takes a strict schema (the same tiny request, flagged strict)."""
    hooks = Hooks()
    hooks.on("completion:kwargs", strictly)
    try:
        await _echo(structured, settings, found, hooks)
    except Exception:  # refused: strict is not for this server
        return False
    return True


async def _echo(
    structured: instructor.AsyncInstructor,
    settings: Settings,
    found: Diagnosis,
    hooks: Hooks | None = None,
) -> None:
    """The tiny structured request a mode probe makes (raises if it does not work)."""
    await structured.create(
        model=settings.model,
        response_model=Echo,
        messages=[{"role": "user", "content": "Set word to the word: ready."}],
        max_retries=0,
        hooks=hooks,
        # a reasoning model spends its budget on reasoning before it answers
        **sampling(found.reasoning, 4000 if found.reasoning else 400),
    )


async def _sized(
    client: openai.AsyncOpenAI, settings: Settings, found: Diagnosis, tokens: int
) -> tuple[str, int, int]:
    """One request of about ``tokens`` (our estimate): (verdict, number, our estimate) where
    the verdict is "ok" with the prompt tokens the server reported, "refused" with the
    window it named (or 0), or "error"."""
    text, estimate = _probe_text(tokens)
    messages: Any = [{"role": "user", "content": text + "\nReply with the one word: ready."}]
    try:
        response = await client.chat.completions.create(
            model=settings.model, messages=messages, **sampling(found.reasoning, 16)
        )
    except openai.APIStatusError as error:
        said = said_by(error)
        if error.status_code in (400, 413, 422) and CONTEXT_WORDS.search(said):
            return "refused", told_number(WINDOW_TOLD, said) or 0, estimate
        return "error", 0, estimate
    except openai.APIError:
        return "error", 0, estimate
    usage = getattr(response, "usage", None)
    return "ok", int(getattr(usage, "prompt_tokens", 0) or 0), estimate


async def _context(client: openai.AsyncOpenAI, settings: Settings, found: Diagnosis) -> None:
    target = settings.context_tokens - settings.max_output
    verdict, told, estimate = await _sized(client, settings, found, target)
    if verdict == "ok" and told >= TRUNCATED_BELOW * estimate:
        found.scale = told / estimate if estimate else None
        if found.scale is not None and found.scale > 1.0 + CONTEXT_MARGIN:
            # fits, but our estimate counts lower than the server by more than the planner's
            # margin takes up: a smaller context is recommended
            found.window = settings.context_tokens
        found.probes.append(
            Probe(
                "context",
                True,
                f"a {estimate:,}-token request fits (--context {settings.context_tokens:,}); "
                f"the server counted {told:,}",
            )
        )
        return
    if verdict == "ok":
        found.window = told
        await _calibrate(client, settings, found, told)
        found.probes.append(
            Probe(
                "context",
                True,
                f"the server cut a {estimate:,}-token prompt to {told:,} tokens without "
                f"saying so: its window is about {told:,}",
            )
        )
        return
    if verdict == "refused" and told:
        found.window = told
        await _calibrate(client, settings, found, told)
        found.probes.append(
            Probe(
                "context",
                True,
                f"a {estimate:,}-token request is over the server's window, which it says "
                f"is {told:,} tokens",
            )
        )
        return
    if verdict == "refused":
        size = target
        for _ in range(SEARCH_STEPS):
            size //= 2
            verdict, told, estimate = await _sized(client, settings, found, size)
            if verdict == "ok":
                found.scale = told / estimate if estimate and told else None
                found.window = told + settings.max_output if told else size
                found.probes.append(
                    Probe(
                        "context",
                        True,
                        f"refused {2 * size:,} tokens, took {size:,}: its window is at "
                        f"least {found.window:,}",
                    )
                )
                return
        found.probes.append(Probe("context", False, "refused every request size tried"))
        return
    found.probes.append(Probe("context", False, "the sized request failed"))


async def _calibrate(
    client: openai.AsyncOpenAI, settings: Settings, found: Diagnosis, window: int
) -> None:
    """Our estimate against the server's count, on a request well inside its window."""
    verdict, told, estimate = await _sized(client, settings, found, max(200, window // 2))
    if verdict == "ok" and told and estimate:
        found.scale = told / estimate
