"""Extraction backends: `rules` (deterministic, offline), `llm` (any OpenAI-compatible model)
and `both` (the model, checked against the rules).

`get_backend(name, settings)` is the one way the CLI, the eval harness and the benchmarks
obtain one.
"""

from __future__ import annotations

from typing import Any

from rhi_llm.errors import ConfigError
from rhi_llm.pipeline import Backend, Extraction
from rhi_llm.reading import LetterReading
from rhi_llm.settings import Settings

BACKENDS = ("rules", "llm", "both")


def default_backend(settings: Settings) -> tuple[str, str]:
    """The backend to use when none is named, and why (one line for the user)."""
    if settings.endpoint_configured:
        which = "OPENAI_API_KEY" if settings.api_key is not None else "OPENAI_BASE_URL"
        return "llm", f"{which} is set: {settings.describe()}"
    return "rules", (
        "no model endpoint configured (set OPENAI_API_KEY or OPENAI_BASE_URL to "
        "use a model); the deterministic rules backend needs none"
    )


def get_backend(name: str, settings: Settings | None = None, *, cache: bool = True) -> Backend:
    """The backend called ``name``; a clear error for one that does not exist here."""
    from rhi_llm.extract.rules import RulesBackend

    if name == "rules":
        return RulesBackend()
    if name in ("llm", "both"):
        from rhi_llm.cache import ResponseCache
        from rhi_llm.extract.llm import LlmBackend
        from rhi_llm.settings import build_settings

        settings = settings or build_settings()
        if not settings.endpoint_configured:
            raise ConfigError(
                f"the {name} backend needs a model endpoint: set OPENAI_API_KEY (and "
                "OPENAI_BASE_URL for a server other than OpenAI's)"
            )
        model = LlmBackend(settings, cache=ResponseCache() if cache else None)
        return model if name == "llm" else BothBackend(model, RulesBackend())
    raise ConfigError(f"unknown backend {name!r}: choose one of {', '.join(BACKENDS)}")


class BothBackend:
    """A model backend checked field by field against the rules: every field where the two
    disagree is flagged `backends_disagree`, showing both values (the pipeline adds the flag)."""

    name = "both"

    def __init__(self, model: Backend, rules: Backend) -> None:
        self.model = model
        self.rules = rules

    def warm(self) -> None:
        warm = getattr(self.model, "warm", None)
        if warm is not None:
            warm()

    def key_for_sha(self, sha256: str) -> str:
        keyed = getattr(self.model, "key_for_sha", None)
        model_key = keyed(sha256) if keyed is not None else self.model.name
        return f"both:{model_key}"

    def count_in_flight(self, counter: Any) -> None:
        counting = getattr(self.model, "count_in_flight", None)
        if counting is not None:
            counting(counter)

    def with_concurrency(self, requests: int) -> BothBackend:
        split = getattr(self.model, "with_concurrency", None)
        return BothBackend(split(requests) if split else self.model, self.rules)

    async def aclose(self) -> None:
        for backend in (self.model, self.rules):
            closer = getattr(backend, "aclose", None)
            if closer is not None:
                await closer()

    async def extract(self, reading: LetterReading) -> Extraction:
        import asyncio

        mine, theirs = await asyncio.gather(
            self.model.extract(reading), self.rules.extract(reading)
        )
        provenance = mine.provenance.model_copy(update={"backend": "both"})
        return Extraction(
            response=mine.response, provenance=provenance, others={self.rules.name: theirs.response}
        )
