"""Extraction backends: `rules` (deterministic, offline) and `llm` (any OpenAI-compatible model).

`get_backend(name)` is the one way the CLI, the eval harness and the benchmarks obtain one.
"""

from __future__ import annotations

from rhi_llm.errors import ConfigError
from rhi_llm.pipeline import Backend

BACKENDS = ("rules", "llm", "both")


def get_backend(name: str) -> Backend:
    """The backend called ``name``; a clear error for one that does not exist here."""
    if name == "rules":
        from rhi_llm.extract.rules import RulesBackend

        return RulesBackend()
    raise ConfigError(
        f"unknown backend {name!r}: this version has {', '.join(repr(b) for b in ('rules',))}"
    )
