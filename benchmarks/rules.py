"""Throughput of the offline path: rules extraction plus verification, letters per second.

    rhi-llm bench rules [--letters N] [--workers W] [--json]

The corpus is our own text and HTML letters (eval/letters), copied N times into a temporary
folder with each copy made unique (its own council name and reference), so that no cache can
serve one letter's work to another. Each run goes through the real batch path: load from disk,
find the questions, extract, verify, build the output row.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rhi_llm.batch import run_blocking_parallel
from rhi_llm.core.errors import RhiError
from rhi_llm.extract.rules import RulesBackend
from rhi_llm.letters import find_letters

TEXT_SUFFIXES = (".txt", ".md", ".html")


@dataclass(frozen=True)
class ThroughputRun:
    workers: int
    letters: int
    seconds: float
    failed: int

    @property
    def per_second(self) -> float:
        return self.letters / self.seconds if self.seconds else 0.0

    def as_json(self) -> dict[str, float | int]:
        return {
            "workers": self.workers,
            "letters": self.letters,
            "seconds": round(self.seconds, 3),
            "letters_per_second": round(self.per_second, 1),
            "ms_per_letter_per_worker": round(
                1000 * self.seconds * self.workers / max(1, self.letters), 2
            ),
            "failed": self.failed,
        }


def build_corpus(source: Path, folder: Path, count: int) -> list[Path]:
    """``count`` unique letters made from the text letters in ``source``."""
    originals = [p for p in find_letters([source]) if p.suffix.lower() in TEXT_SUFFIXES]
    if not originals:
        raise RhiError("no text or HTML letters to build a corpus from", path=source)
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in originals]
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    for index in range(count):
        suffix, text = texts[index % len(texts)]
        unique = re.sub(r"\bCouncil\b", f"Council {index}", text, count=1)
        unique += (
            f"\n\nCorpus copy {index}\n" if suffix != ".html" else f"<p>Corpus copy {index}</p>"
        )
        path = folder / f"letter-{index:05d}{suffix}"
        path.write_text(unique, encoding="utf-8")
        made.append(path)
    return made


def run(source: Path, count: int = 400, workers: list[int] | None = None) -> list[ThroughputRun]:
    runs: list[ThroughputRun] = []
    with tempfile.TemporaryDirectory(prefix="rhi-llm-bench-") as tmp:
        paths = build_corpus(source, Path(tmp), count)
        for worker_count in workers or sorted({1, os.cpu_count() or 1}):
            started = time.perf_counter()
            outcomes = run_blocking_parallel(paths, RulesBackend(), worker_count)
            elapsed = time.perf_counter() - started
            failed = sum(1 for o in outcomes if o.error is not None or o.row is None)
            runs.append(ThroughputRun(worker_count, len(outcomes), elapsed, failed))
    return runs
