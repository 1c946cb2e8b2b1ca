"""The model path against a fake server: concurrency, wall time against the ideal, the cache.

    rhi-llm bench llm [--letters 200] [--latency 0.3] [--concurrency 16] [--json]

The fake OpenAI-compatible server runs in its own process and answers every request after
``latency`` seconds (its answers are the rules backend's reading, not a model's). With
``concurrency`` requests in flight, the ideal wall time is letters x latency / concurrency; the
benchmark prints the measured time against it, then runs the same letters again with the
same cache and counts the calls (the target is none). It also prints how many prompt tokens a
letter costs beside the letter's own size, both counted by the fake server's tokenizer (the
prompt as the server's ``usage`` reports it, the letter's text by the same count), and the
difference: what the instructions, questions and schema cost (the target is 2,000 or fewer).
The openai SDK's deferred import of its modules happens before the clock, like every other
import, and is printed apart.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.rules import build_corpus
from rhi_llm.batch import run_batch
from rhi_llm.core.settings import build_settings
from rhi_llm.extract.cache import ResponseCache
from rhi_llm.extract.llm import LlmBackend, import_sdk_seconds
from rhi_llm.letters import load
from rhi_llm.testing.fake_server import ServerProcess
from rhi_llm.testing.profiles import count_tokens


@dataclass(frozen=True)
class LlmBenchResult:
    letters: int
    latency: float
    concurrency: int
    sdk_import: float
    seconds: float
    failed: int
    calls: int
    rerun_seconds: float
    rerun_calls: int
    prompt_tokens_per_letter: float
    letter_tokens_per_letter: float
    max_in_flight: int

    @property
    def overhead_tokens_per_letter(self) -> float:
        """Prompt tokens a letter costs beyond its own text."""
        return self.prompt_tokens_per_letter - self.letter_tokens_per_letter

    @property
    def ideal(self) -> float:
        return self.letters * self.latency / self.concurrency

    def as_json(self) -> dict[str, float | int]:
        return {
            "letters": self.letters,
            "latency_s": self.latency,
            "concurrency": self.concurrency,
            "sdk_import_s": round(self.sdk_import, 3),
            "seconds": round(self.seconds, 3),
            "ideal_seconds": round(self.ideal, 3),
            "ratio_to_ideal": round(self.seconds / self.ideal, 3),
            "failed": self.failed,
            "calls": self.calls,
            "max_in_flight": self.max_in_flight,
            "rerun_seconds": round(self.rerun_seconds, 3),
            "rerun_calls": self.rerun_calls,
            "prompt_tokens_per_letter": round(self.prompt_tokens_per_letter, 1),
            "letter_tokens_per_letter": round(self.letter_tokens_per_letter, 1),
            "overhead_tokens_per_letter": round(self.overhead_tokens_per_letter, 1),
        }


def run(
    source: Path, count: int = 200, latency: float = 0.3, concurrency: int = 16
) -> LlmBenchResult:
    with tempfile.TemporaryDirectory(prefix="rhi-llm-bench-llm-") as tmp:
        paths = build_corpus(source, Path(tmp), count)
        letter_tokens = [count_tokens(load(p).text) for p in paths]
        with ServerProcess(latency=latency, answer_letters=paths) as server:
            return _measure(paths, Path(tmp), server, latency, concurrency, letter_tokens)


def _measure(
    paths: list[Path],
    tmp: Path,
    server: ServerProcess,
    latency: float,
    concurrency: int,
    letter_tokens: list[int],
) -> LlmBenchResult:
    settings = build_settings(
        environ={
            "OPENAI_BASE_URL": server.base_url,
            "OPENAI_API_KEY": "sk-bench-dummy",
            "RHI_LLM_CONCURRENCY": str(concurrency),
            "RHI_LLM_TIMEOUT": "30",
        }
    )
    cache = ResponseCache(tmp / "cache")
    backend = LlmBackend(settings, cache=cache)
    sdk_import = import_sdk_seconds()  # an import: before the clock, timed apart
    started = time.perf_counter()
    outcomes = run_batch(paths, backend, concurrency=concurrency)
    seconds = time.perf_counter() - started
    first = server.stats()
    backend = LlmBackend(settings, cache=cache)
    started = time.perf_counter()
    again = run_batch(paths, backend, concurrency=concurrency)
    rerun_seconds = time.perf_counter() - started
    second = server.stats()
    rows = [o.row for o in outcomes if o.row is not None]
    return LlmBenchResult(
        letters=len(paths),
        latency=latency,
        concurrency=concurrency,
        sdk_import=sdk_import,
        seconds=seconds,
        failed=sum(1 for o in outcomes if o.row is None) + sum(1 for o in again if o.row is None),
        calls=first["requests"],
        rerun_seconds=rerun_seconds,
        rerun_calls=second["requests"] - first["requests"],
        prompt_tokens_per_letter=statistics.mean(r.provenance.tokens.prompt for r in rows),
        letter_tokens_per_letter=statistics.mean(letter_tokens),
        max_in_flight=first["max_in_flight"],
    )
