"""Extraction backends: `rules` (deterministic, offline), `llm` (any OpenAI-compatible model)
and `both` (the model, checked against the rules).

`get_backend(name, settings)` is the one way the CLI, the eval harness and the benchmarks
obtain one.
"""

from __future__ import annotations

from rhi_llm.core.contracts import Backend
from rhi_llm.core.errors import ConfigError
from rhi_llm.core.settings import Settings

BACKENDS = ("rules", "llm", "both")


def default_backend(settings: Settings) -> tuple[str, str]:
    """The backend to use when none is named, and why (one line for the user)."""
    if settings.endpoint_configured:
        which = "OPENAI_API_KEY" if settings.api_key is not None else "OPENAI_BASE_URL"
        return "llm", f"{which} is set: {settings.describe()}"
    return "rules", "offline; set OPENAI_API_KEY or OPENAI_BASE_URL to use a model"


def get_backend(name: str, settings: Settings | None = None, *, cache: bool = True) -> Backend:
    """The backend called ``name``; a clear error for one that does not exist here."""
    from rhi_llm.extract.rules import RulesBackend

    if name == "rules":
        return RulesBackend()
    if name in ("llm", "both"):
        from rhi_llm.core.settings import current_settings
        from rhi_llm.extract.both import BothBackend
        from rhi_llm.extract.cache import ResponseCache
        from rhi_llm.extract.llm import LlmBackend

        settings = settings or current_settings()
        if not settings.endpoint_configured:
            raise ConfigError(
                f"the {name} backend needs a model endpoint: set OPENAI_API_KEY (and "
                "OPENAI_BASE_URL for a server other than OpenAI's)"
            )
        kind = LlmBackend if name == "llm" else BothBackend
        return kind(settings, cache=ResponseCache(settings.cache_dir) if cache else None)
    raise ConfigError(f"unknown backend {name!r}: choose one of {', '.join(BACKENDS)}")
