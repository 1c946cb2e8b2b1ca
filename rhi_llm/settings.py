"""One frozen settings object, built by one function from options and the environment.

Order of precedence, for every setting: a command-line option, then the environment variable,
then the default. Nothing reads the environment at import time.

| setting | option | environment | default |
|---|---|---|---|
| API key | (none: keys never go on a command line) | OPENAI_API_KEY | none |
| endpoint | --base-url | OPENAI_BASE_URL | the OpenAI API |
| model | --model | RHI_LLM_MODEL | gpt-4o-mini |
| instructor mode | --mode | RHI_LLM_MODE | tools (json_schema, json, md_json for other servers) |
| concurrent requests | --concurrency | RHI_LLM_CONCURRENCY | 8 |
| request timeout (s) | --timeout | RHI_LLM_TIMEOUT | 60 |
| retry budget (attempts per call) | --retries | RHI_LLM_RETRIES | 4 |
| context window (tokens) | --context | RHI_LLM_CONTEXT | 16000 |
| prices, USD per 1M tokens | --price-in, --price-out | RHI_LLM_PRICE_IN/OUT | PRICES |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from rhi_llm.errors import ConfigError

Mode = Literal["tools", "json_schema", "json", "md_json"]
MODES: tuple[Mode, ...] = ("tools", "json_schema", "json", "md_json")
DEFAULT_MODEL = "gpt-4o-mini"

# USD per million tokens (input, output), as published by the providers; used only for
# estimates printed next to token counts. Unknown models get no estimate, not a guess.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-nano": (0.10, 0.40),
}


class Settings(BaseModel):
    """Everything a run needs to know about the model endpoint, frozen once built."""

    model_config = ConfigDict(frozen=True)

    api_key: SecretStr | None = Field(default=None, repr=False)
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    mode: Mode = "tools"
    concurrency: int = 8
    timeout: float = 60.0
    retries: int = 4
    context_tokens: int = 16000
    price_in: float | None = None
    price_out: float | None = None

    @property
    def endpoint_configured(self) -> bool:
        return self.api_key is not None or self.base_url is not None

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float | None:
        """Estimated USD for some tokens, or None when the model's price is unknown."""
        if self.price_in is None or self.price_out is None:
            return None
        return round((prompt_tokens * self.price_in + completion_tokens * self.price_out) / 1e6, 6)

    def describe(self) -> str:
        where = self.base_url or "api.openai.com"
        return f"model {self.model} at {where} ({self.mode} mode)"


def _from_env(env: Mapping[str, str], name: str, kind: type[float]) -> float | None:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return None
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None


def _pick(
    option: float | None, env: Mapping[str, str], name: str, default: float | None
) -> float | None:
    if option is not None:
        return option
    found = _from_env(env, name, float)
    return found if found is not None else default


_MODE_BY_NAME: dict[str, Mode] = {m: m for m in MODES}


def build_settings(
    *,
    model: str | None = None,
    base_url: str | None = None,
    mode: str | None = None,
    concurrency: int | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    context_tokens: int | None = None,
    price_in: float | None = None,
    price_out: float | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from options (first) and environment variables (second), then defaults."""
    env = os.environ if environ is None else environ
    chosen_model = model or env.get("RHI_LLM_MODEL") or DEFAULT_MODEL
    chosen_mode = (mode or env.get("RHI_LLM_MODE") or "tools").lower()
    if chosen_mode not in _MODE_BY_NAME:
        raise ConfigError(f"unknown instructor mode {chosen_mode!r}; use one of {', '.join(MODES)}")
    known_in, known_out = PRICES.get(chosen_model, (None, None))
    defaults = Settings()
    key = env.get("OPENAI_API_KEY") or None
    settings = Settings(
        api_key=SecretStr(key) if key else None,
        base_url=base_url or env.get("OPENAI_BASE_URL") or None,
        model=chosen_model,
        mode=_MODE_BY_NAME[chosen_mode],
        concurrency=int(
            _pick(concurrency, env, "RHI_LLM_CONCURRENCY", defaults.concurrency)
            or defaults.concurrency
        ),
        timeout=_pick(timeout, env, "RHI_LLM_TIMEOUT", defaults.timeout) or defaults.timeout,
        retries=int(_pick(retries, env, "RHI_LLM_RETRIES", defaults.retries) or 0),
        context_tokens=int(
            _pick(context_tokens, env, "RHI_LLM_CONTEXT", defaults.context_tokens)
            or defaults.context_tokens
        ),
        price_in=_pick(price_in, env, "RHI_LLM_PRICE_IN", known_in),
        price_out=_pick(price_out, env, "RHI_LLM_PRICE_OUT", known_out),
    )
    if settings.concurrency < 1 or settings.timeout <= 0 or settings.retries < 0:
        raise ConfigError("concurrency must be at least 1, timeout above 0, retries 0 or more")
    return settings
