"""One frozen settings object, built by one function from options and the environment.

Order of precedence, for every setting: a command-line option, then the environment variable,
then the default. Nothing reads the environment at import time, and nothing but this module
reads it at all (`tests/test_layers.py` checks).

| setting | option | environment | default |
|---|---|---|---|
| API key | (none: keys never go on a command line) | OPENAI_API_KEY | none |
| endpoint | --base-url | OPENAI_BASE_URL | the OpenAI API |
| model | --model | RHI_LLM_MODEL | gpt-4o-mini |
| instructor mode | --mode | RHI_LLM_MODE | tools (json_schema, json, md_json for other servers) |
| concurrent requests | --concurrency | RHI_LLM_CONCURRENCY | 8 |
| request timeout (s), between two reads | --timeout | RHI_LLM_TIMEOUT | 60 |
| request deadline (s), whole request | (none) | RHI_LLM_REQUEST_DEADLINE | 300, or 2 x timeout |
| response size cap (bytes) | (none) | RHI_LLM_MAX_RESPONSE_BYTES | 4000000 |
| retry budget (retries per request) | --retries | RHI_LLM_RETRIES | 4 |
| context window (tokens) | --context | RHI_LLM_CONTEXT | 16000 |
| output budget (tokens per answer) | --max-output | RHI_LLM_MAX_OUTPUT | 4000 |
| reasoning model (max_completion_tokens) | (none) | RHI_LLM_REASONING | from the name |
| strict structured outputs | (none) | RHI_LLM_STRICT | on for OpenAI and Azure OpenAI |
| Azure api-version (the model names the deployment) | (none) | OPENAI_API_VERSION | v1 API |
| prices, USD per 1M tokens | (none) | RHI_LLM_PRICE_IN, _OUT, _CACHED | `PRICES` |
| run store | --db | RHI_LLM_DB | rhi-llm.db in the working folder |
| reviewer's name | --reviewer | RHI_LLM_REVIEWER | the login name |
| rhi-llm's own folder | (none) | RHI_LLM_HOME | $XDG_CACHE_HOME/rhi-llm, else ~/.cache/rhi-llm |
| model response cache | (none) | RHI_LLM_CACHE | RHI_LLM_HOME/responses |
| prompt templates | (none) | RHI_LLM_PROMPTS | the package's own, else the checkout's `prompts/` |
| seed letters (eval) | (none) | RHI_LLM_SEEDS | ../shared/seeds beside the repository |
| time limit to read one file (s) | (none) | RHI_LLM_LOAD_TIMEOUT | 30 |
| time limit on each step after loading (s) | (none) | RHI_LLM_LETTER_TIMEOUT | 120 |
| read scanned pages and images with Tesseract | --no-ocr | RHI_LLM_OCR | yes |
| time limit to read one scanned page (s) | (none) | RHI_LLM_OCR_TIMEOUT | 60 |
| OCR results, by file hash | (none) | (none) | RHI_LLM_HOME/ocr |
| user's questionnaires | --questionnaires | RHI_LLM_QUESTIONNAIRES | RHI_LLM_HOME/questionnaires |
| one questionnaire for all | --questionnaire | RHI_LLM_QUESTIONNAIRE | detected per letter |

The run store lives with the letters of a project (the working folder), so two projects never
share one; the response cache lives in rhi-llm's own folder, so a letter read for one project
costs no second call in another.

A command builds its settings once and runs inside `using(settings)`; code deep in the
pipeline (the loader's time limit, the questionnaires installed) asks `current_settings()`,
which is those settings, or, outside a command, the environment's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from rhi_llm.core.errors import ConfigError

if TYPE_CHECKING:
    from openai import AsyncOpenAI

    from rhi_llm.core.bounds import BoundedClient

Mode = Literal["tools", "json_schema", "json", "md_json"]
MODES: tuple[Mode, ...] = ("tools", "json_schema", "json", "md_json")
DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_DB = Path("rhi-llm.db")
# OpenAI's reasoning models (o1, o3, o4-mini, gpt-5...) take max_completion_tokens and only
# the default temperature; RHI_LLM_REASONING=yes or no overrides the guess from the name
REASONING_MODEL = re.compile(r"^(?:.*/)?(?:o\d|gpt-5)", re.IGNORECASE)
LOAD_SECONDS = 30.0  # reading one file (parsing a PDF or Word file) may take this long
LETTER_SECONDS = 120.0  # each step of a letter's work after loading: questions, rules, verifier
OCR_PAGE_SECONDS = 60.0  # Tesseract reading one scanned page (about 2 s on this machine)
# one request to the model endpoint, connection to last byte (httpx's timeout is per read: a
# server dripping a byte at a time never trips it); a survey answer is tens of kilobytes
REQUEST_DEADLINE_SECONDS = 300.0
MAX_RESPONSE_BYTES = 4_000_000

# USD per million tokens (input, output, cached input), as published by the providers; used
# only for estimates printed next to token counts. Unknown models get no estimate, not a guess.
PRICES: dict[str, tuple[float, float, float]] = {
    "gpt-4o-mini": (0.15, 0.60, 0.075),
    "gpt-4o": (2.50, 10.00, 1.25),
    "gpt-4.1-mini": (0.40, 1.60, 0.10),
    "gpt-4.1": (2.00, 8.00, 0.50),
    "gpt-4.1-nano": (0.10, 0.40, 0.025),
}


class Settings(BaseModel):
    """Everything a run needs to know, frozen once built."""

    model_config = ConfigDict(frozen=True)

    api_key: SecretStr | None = Field(default=None, repr=False)
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    mode: Mode = "tools"
    concurrency: int = 8
    timeout: float = 60.0
    request_deadline: float = REQUEST_DEADLINE_SECONDS
    max_response_bytes: int = MAX_RESPONSE_BYTES
    retries: int = 4
    context_tokens: int = 16000
    max_output: int = 4000
    reasoning: bool = False
    strict: bool = False
    api_version: str | None = None  # Azure OpenAI's api-version: the deployment URLs
    price_in: float | None = None
    price_out: float | None = None
    price_cached: float | None = None
    db: Path = DEFAULT_DB
    reviewer: str | None = None
    home: Path = Field(default_factory=lambda: _home({}))
    cache_dir: Path = Field(default_factory=lambda: _home({}) / "responses")
    prompts_dir: Path | None = None
    seeds_dir: Path | None = None
    load_timeout: float = LOAD_SECONDS
    letter_timeout: float = LETTER_SECONDS
    ocr: bool = True
    ocr_timeout: float = OCR_PAGE_SECONDS
    ocr_dir: Path = Field(default_factory=lambda: _home({}) / "ocr")
    questionnaires_dir: Path | None = None
    questionnaire: str | None = Field(
        default=None, description="an installed questionnaire's id, or a questionnaire file"
    )

    @property
    def endpoint_configured(self) -> bool:
        return self.api_key is not None or self.base_url is not None

    def cost(
        self, prompt_tokens: int, completion_tokens: int, cached_tokens: int = 0
    ) -> float | None:
        """Estimated USD for some tokens, or None when the model's price is unknown; prompt
        tokens the provider served from its prompt cache are priced as cached input."""
        if self.price_in is None or self.price_out is None:
            return None
        cached = min(max(0, cached_tokens), prompt_tokens)
        cached_price = self.price_cached if self.price_cached is not None else self.price_in
        paid = (prompt_tokens - cached) * self.price_in + cached * cached_price
        return round((paid + completion_tokens * self.price_out) / 1e6, 6)

    def client(self, *, retries: int = 0) -> AsyncOpenAI:
        """The async OpenAI client for this endpoint: Azure OpenAI's deployment URLs when an
        api-version is set (the model names the deployment), else any OpenAI-compatible
        base URL (Azure's /openai/v1 API included)."""
        import openai  # only here: importing the SDK takes a second and most runs need none

        key = self.api_key.get_secret_value() if self.api_key else "none"
        remember_secrets(self)  # whatever this client says or is told is redacted
        http_client = self.http_client()
        if self.api_version:
            if not self.base_url:
                raise ConfigError(
                    "OPENAI_API_VERSION (Azure OpenAI) needs OPENAI_BASE_URL, the resource's "
                    "endpoint (https://NAME.openai.azure.com)"
                )
            return openai.AsyncAzureOpenAI(
                api_key=key,
                azure_endpoint=self.base_url,
                api_version=self.api_version,
                azure_deployment=self.model,
                timeout=self.timeout,
                max_retries=retries,
                http_client=http_client,
            )
        return openai.AsyncOpenAI(
            api_key=key,
            base_url=self.base_url,
            timeout=self.timeout,
            max_retries=retries,
            http_client=http_client,
        )

    def http_client(self) -> BoundedClient:
        """The HTTP client under the SDK: each request within `request_deadline` seconds
        and `max_response_bytes` bytes (`rhi_llm.core.bounds`)."""
        from rhi_llm.core.bounds import BoundedClient

        return BoundedClient(
            deadline=self.request_deadline, max_bytes=self.max_response_bytes, timeout=self.timeout
        )

    def describe(self) -> str:
        where = shown_url(self.base_url) if self.base_url else "api.openai.com"
        return f"model {self.model} at {where} ({self.mode} mode)"

    @property
    def secrets(self) -> tuple[str, ...]:
        """Everything configured that must never be written anywhere: the API key and what
        the endpoint's address carries (userinfo, a key or token in its query string)."""
        key = self.api_key.get_secret_value() if self.api_key is not None else ""
        return tuple(s for s in (key, *url_secrets(self.base_url)) if s)


# query-string parameters that carry a credential (Azure's api-key, Google's key, SAS sig...)
SECRET_PARAMETERS = re.compile(
    r"(?i)^(?:x-)?(?:api[-_]?key|key|token|access[-_]?token|auth(?:orization)?|sig|"
    r"signature|secret|client[-_]?secret|password|passwd|code)$"
)


def url_secrets(url: str | None) -> tuple[str, ...]:
    """The credentials an address carries, as written and decoded: its userinfo (password,
    ``user:password``, and that pair as a Basic authorization header sends it) and the
    values of query parameters named like a key or token."""
    if not url:
        return ()
    import base64

    parts = urlsplit(url.strip() if "://" in url else f"https://{url.strip()}")
    found: list[str] = []
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    if userinfo:
        user, _, password = userinfo.partition(":")
        pair = f"{unquote(user)}:{unquote(password)}"
        found += [userinfo, password, unquote(password), pair]
        found.append(base64.b64encode(pair.encode()).decode())
    for name, value in parse_qsl(parts.query, keep_blank_values=False):
        if SECRET_PARAMETERS.match(name):
            found += [value, unquote(value)]
    return tuple(dict.fromkeys(s for s in found if s))


def shown_url(url: str) -> str:
    """An address as it may be printed: no userinfo, and the values of key-like query
    parameters replaced (``https://host/v1?api-key=[redacted]``)."""
    parts = urlsplit(url.strip())
    if not parts.scheme:
        return url.strip().rpartition("@")[2]
    netloc = parts.netloc.rpartition("@")[2]
    query = "&".join(
        f"{name}={'[redacted]' if SECRET_PARAMETERS.match(name) else value}"
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _environment(environ: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if environ is None else environ


def _number(env: Mapping[str, str], name: str) -> float | None:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return None
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None


def _pick(option: float | None, env: Mapping[str, str], name: str, default: float) -> float:
    if option is not None:
        return option
    found = _number(env, name)
    return found if found is not None else default


def _path(env: Mapping[str, str], name: str) -> Path | None:
    raw = env.get(name, "").strip()
    return Path(raw) if raw else None


def _home(env: Mapping[str, str]) -> Path:
    chosen = _path(env, "RHI_LLM_HOME")
    if chosen is not None:
        return chosen
    base = _path(env, "XDG_CACHE_HOME") or Path.home() / ".cache"
    return base / "rhi-llm"


_SEEN_SECRETS: dict[str, None] = {}  # of every settings a client was built from (ordered)


def remember_secrets(settings: Settings) -> None:
    """Keep these settings' secrets for `configured_secrets`, for as long as the process
    lives (a client built from settings that were never active still gets them redacted)."""
    for secret in settings.secrets:
        _SEEN_SECRETS.setdefault(secret, None)


def configured_secrets(environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Every secret configured in this process: the active settings', those of any settings
    a client was built from, and the environment's own (OPENAI_API_KEY, OPENAI_BASE_URL),
    read without validating anything else; longest first."""
    env = _environment(environ)
    found = dict(_SEEN_SECRETS)
    if _active is not None:
        found.update(dict.fromkeys(_active.secrets))
    key = api_key(env)
    if key is not None:
        found[key.get_secret_value()] = None
    found.update(dict.fromkeys(url_secrets(env.get("OPENAI_BASE_URL"))))
    return tuple(sorted(found, key=len, reverse=True))


def api_key(environ: Mapping[str, str] | None = None) -> SecretStr | None:
    """The API key (OPENAI_API_KEY): from the environment only, never a command line. Also
    what `rhi_llm.core.redact` masks, so it is read here without validating anything else."""
    raw = _environment(environ).get("OPENAI_API_KEY", "").strip()
    return SecretStr(raw) if raw else None


def _yes_no(env: Mapping[str, str], name: str) -> bool | None:
    raw = env.get(name, "").strip().lower()
    if raw in ("1", "yes", "true", "on"):
        return True
    if raw in ("0", "no", "false", "off"):
        return False
    if raw:
        raise ConfigError(f"{name} must be yes or no, got {raw!r}")
    return None


def _reasoning(env: Mapping[str, str], model: str) -> bool:
    told = _yes_no(env, "RHI_LLM_REASONING")
    return told if told is not None else REASONING_MODEL.match(model) is not None


def _strict(env: Mapping[str, str], base_url: str | None) -> bool:
    """Strict structured outputs (the server decodes only answers that fit the schema): on
    by default where the endpoint is OpenAI's or Azure OpenAI's, which support them; other
    servers ignore or refuse the flag unless RHI_LLM_STRICT=yes says they take it."""
    told = _yes_no(env, "RHI_LLM_STRICT")
    if told is not None:
        return told
    where = (base_url or "https://api.openai.com/v1").lower()
    return "api.openai.com" in where or ".openai.azure.com" in where


def one_thread_per_tesseract() -> None:
    """Tesseract runs one process per page in parallel: each on one thread (OpenMP's own
    threads on top would only fight over the same cores)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def _ocr(env: Mapping[str, str]) -> bool:
    told = _yes_no(env, "RHI_LLM_OCR")
    return True if told is None else told


def build_settings(
    *,
    model: str | None = None,
    base_url: str | None = None,
    mode: str | None = None,
    concurrency: int | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    context_tokens: int | None = None,
    max_output: int | None = None,
    db: Path | None = None,
    reviewer: str | None = None,
    questionnaires: Path | None = None,
    questionnaire: str | None = None,
    ocr: bool | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Settings from options (first) and environment variables (second), then defaults."""
    env = _environment(environ)
    chosen_model = model or env.get("RHI_LLM_MODEL") or DEFAULT_MODEL
    chosen_mode = (mode or env.get("RHI_LLM_MODE") or "tools").lower()
    if chosen_mode not in MODES:
        raise ConfigError(f"unknown instructor mode {chosen_mode!r}; use one of {', '.join(MODES)}")
    known_in, known_out, known_cached = PRICES.get(chosen_model, (None, None, None))
    defaults = Settings(home=Path("."), cache_dir=Path("."))
    home = _home(env)
    price_in, price_out = _number(env, "RHI_LLM_PRICE_IN"), _number(env, "RHI_LLM_PRICE_OUT")
    chosen_timeout = _pick(timeout, env, "RHI_LLM_TIMEOUT", defaults.timeout)
    settings = Settings(
        api_key=api_key(env),
        base_url=base_url or env.get("OPENAI_BASE_URL") or None,
        model=chosen_model,
        mode=next(m for m in MODES if m == chosen_mode),
        concurrency=int(_pick(concurrency, env, "RHI_LLM_CONCURRENCY", defaults.concurrency)),
        timeout=chosen_timeout,
        request_deadline=_pick(
            None,
            env,
            "RHI_LLM_REQUEST_DEADLINE",
            max(REQUEST_DEADLINE_SECONDS, 2 * chosen_timeout),
        ),
        max_response_bytes=int(_pick(None, env, "RHI_LLM_MAX_RESPONSE_BYTES", MAX_RESPONSE_BYTES)),
        retries=int(_pick(retries, env, "RHI_LLM_RETRIES", defaults.retries)),
        context_tokens=int(_pick(context_tokens, env, "RHI_LLM_CONTEXT", defaults.context_tokens)),
        max_output=int(_pick(max_output, env, "RHI_LLM_MAX_OUTPUT", defaults.max_output)),
        reasoning=_reasoning(env, chosen_model),
        strict=_strict(env, base_url or env.get("OPENAI_BASE_URL") or None),
        api_version=(env.get("OPENAI_API_VERSION") or "").strip() or None,
        price_in=price_in if price_in is not None else known_in,
        price_out=price_out if price_out is not None else known_out,
        price_cached=_number(env, "RHI_LLM_PRICE_CACHED") if price_in is not None else known_cached,
        db=db or _path(env, "RHI_LLM_DB") or DEFAULT_DB,
        # a name given is kept as given (an empty one is refused where it is used)
        reviewer=reviewer
        if reviewer is not None
        else (env.get("RHI_LLM_REVIEWER") or "").strip() or None,
        home=home,
        cache_dir=_path(env, "RHI_LLM_CACHE") or home / "responses",
        prompts_dir=_path(env, "RHI_LLM_PROMPTS"),
        seeds_dir=_path(env, "RHI_LLM_SEEDS"),
        load_timeout=_pick(None, env, "RHI_LLM_LOAD_TIMEOUT", LOAD_SECONDS),
        letter_timeout=_pick(None, env, "RHI_LLM_LETTER_TIMEOUT", LETTER_SECONDS),
        ocr=_ocr(env) if ocr is None else ocr,
        ocr_timeout=_pick(None, env, "RHI_LLM_OCR_TIMEOUT", OCR_PAGE_SECONDS),
        ocr_dir=home / "ocr",
        questionnaires_dir=questionnaires
        or _path(env, "RHI_LLM_QUESTIONNAIRES")
        or home / "questionnaires",
        questionnaire=(questionnaire or env.get("RHI_LLM_QUESTIONNAIRE") or "").strip() or None,
    )
    if settings.ocr_timeout <= 0:
        raise ConfigError("the OCR time limit per page (RHI_LLM_OCR_TIMEOUT) must be above 0")
    if settings.concurrency < 1 or settings.timeout <= 0 or settings.retries < 0:
        raise ConfigError("concurrency must be at least 1, timeout above 0, retries 0 or more")
    if settings.request_deadline <= 0 or settings.max_response_bytes < 1024:
        raise ConfigError(
            "the request deadline (RHI_LLM_REQUEST_DEADLINE) must be above 0 s and the "
            "response size cap (RHI_LLM_MAX_RESPONSE_BYTES) at least 1024 bytes"
        )
    if settings.context_tokens < 1:
        raise ConfigError("the context window must be at least 1 token")
    if settings.max_output < 256:
        raise ConfigError("the output budget (--max-output) must be at least 256 tokens")
    if settings.max_output >= settings.context_tokens:
        raise ConfigError(
            f"the output budget (--max-output {settings.max_output}) leaves no room for the "
            f"letter in a context window of {settings.context_tokens} tokens (--context)"
        )
    return settings


_active: Settings | None = None
VARIABLES = (
    "OPENAI_API_KEY",
    "OPENAI_API_VERSION",
    "OPENAI_BASE_URL",
    "RHI_LLM_CACHE",
    "RHI_LLM_CONCURRENCY",
    "RHI_LLM_CONTEXT",
    "RHI_LLM_DB",
    "RHI_LLM_HOME",
    "RHI_LLM_LETTER_TIMEOUT",
    "RHI_LLM_LOAD_TIMEOUT",
    "RHI_LLM_MAX_OUTPUT",
    "RHI_LLM_MODE",
    "RHI_LLM_MODEL",
    "RHI_LLM_OCR",
    "RHI_LLM_OCR_TIMEOUT",
    "RHI_LLM_PRICE_IN",
    "RHI_LLM_PRICE_CACHED",
    "RHI_LLM_PRICE_OUT",
    "RHI_LLM_PROMPTS",
    "RHI_LLM_QUESTIONNAIRE",
    "RHI_LLM_QUESTIONNAIRES",
    "RHI_LLM_MAX_RESPONSE_BYTES",
    "RHI_LLM_REASONING",
    "RHI_LLM_REQUEST_DEADLINE",
    "RHI_LLM_RETRIES",
    "RHI_LLM_REVIEWER",
    "RHI_LLM_STRICT",
    "RHI_LLM_SEEDS",
    "RHI_LLM_TIMEOUT",
    "XDG_CACHE_HOME",
    "HOME",
)
"""Every environment variable the settings read (their values key the cached settings)."""
_from_environment: tuple[tuple[str | None, ...], Settings] | None = None


def active_settings() -> Settings | None:
    """The settings of the command running now, if one is (`using`)."""
    return _active


QUESTIONNAIRE_VARIABLES = (
    "RHI_LLM_QUESTIONNAIRES",
    "RHI_LLM_QUESTIONNAIRE",
    "RHI_LLM_HOME",
    "XDG_CACHE_HOME",
    "HOME",
)
_RAW_QUESTIONNAIRE_VARIABLES = tuple(os.fsencode(name) for name in QUESTIONNAIRE_VARIABLES)


def questionnaire_variables() -> tuple[bytes | str | None, ...]:
    """The values of the variables the installed questionnaires depend on, read as cheaply
    as the platform allows: asked on every field lookup outside a command."""
    raw = getattr(os.environ, "_data", None)  # CPython keeps the environment here, as bytes
    if isinstance(raw, dict):
        return tuple(raw.get(name) for name in _RAW_QUESTIONNAIRE_VARIABLES)
    return tuple(os.environ.get(name) for name in QUESTIONNAIRE_VARIABLES)


def current_settings() -> Settings:
    """The settings of the command running now (`using`), else the environment's (built
    again only when one of `VARIABLES` changes: deep code asks for them often)."""
    global _from_environment
    if _active is not None:
        return _active
    snapshot = tuple(os.environ.get(name) for name in VARIABLES)
    if _from_environment is None or _from_environment[0] != snapshot:
        _from_environment = (snapshot, build_settings())
    return _from_environment[1]


@contextmanager
def using(settings: Settings) -> Iterator[Settings]:
    """Run with these settings as `current_settings()` (worker processes forked inside
    inherit them)."""
    global _active
    previous, _active = _active, settings
    try:
        yield settings
    finally:
        _active = previous
