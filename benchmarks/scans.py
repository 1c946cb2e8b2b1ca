"""OCR: the gold letters printed and scanned, read back by Tesseract, scored like the text.

    rhi-llm bench scans [--gold eval/gold] [--dpi 200] [--json]

Each gold letter's first form is loaded, its text printed to A4 page images and "scanned"
(`rhi_llm.testing.scans`: a slight skew, blur, specks, a received stamp and a signature),
and saved as an image-only PDF in a temporary folder. The rules backend then reads the text
form and the scan, and both are scored against the same gold fields (the fields whose gold
is not in the text form are left out of both). Printed: OCR pages per second (Tesseract on
every core, the cache empty), numeric accuracy of the scans against the text forms', the
silent error rate on the scans, and the share of right figures on the scans flagged only for
OCR doubt (review work the scans add).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rhi_llm.core.settings import build_settings, using
from rhi_llm.evaluate import EvalResult, Job, _letter_problems, score_outcomes
from rhi_llm.extract.rules import RulesBackend
from rhi_llm.gold import GoldCase, load_gold_set
from rhi_llm.letters import load
from rhi_llm.pipeline import process_many
from rhi_llm.testing.scans import ScanStyle, render_pages, scan_pdf


@dataclass
class ScanBench:
    letters: int = 0
    pages: int = 0
    ocr_seconds: float = 0.0
    text: EvalResult | None = None
    scans: EvalResult | None = None
    ocr_only_flags: int = 0
    right_scan_figures: int = 0
    failed: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        def metric(result: EvalResult | None, name: str) -> float | None:
            value = result.metric(name) if result else None
            return None if value is None else round(value, 4)

        text_acc = metric(self.text, "numeric_accuracy")
        scan_acc = metric(self.scans, "numeric_accuracy")
        return {
            "letters": self.letters,
            "pages": self.pages,
            "ocr_seconds": round(self.ocr_seconds, 2),
            "ocr_pages_per_second": round(self.pages / self.ocr_seconds, 3)
            if self.ocr_seconds
            else None,
            "cores": os.cpu_count(),
            "text_numeric_accuracy": text_acc,
            "scan_numeric_accuracy": scan_acc,
            "scan_to_text": round(scan_acc / text_acc, 4) if scan_acc and text_acc else None,
            "text_silent_error_rate": metric(self.text, "silent_error_rate"),
            "scan_silent_error_rate": metric(self.scans, "silent_error_rate"),
            "scan_false_flag_rate": metric(self.scans, "false_flag_rate"),
            "right_figures_flagged_for_ocr_only": self.ocr_only_flags,
            "right_scan_figures": self.right_scan_figures,
            "failed": self.failed,
            "silent_on_scans": self.silent,
        }


def run(
    gold_dir: Path,
    letters_dir: Path | None = None,
    *,
    dpi: int = 200,
    limit: int | None = None,
) -> ScanBench:
    cases = load_gold_set(gold_dir, letters_dir)
    cases = [c for c in cases if c.letters][: limit or None]
    bench = ScanBench(letters=len(cases))
    with tempfile.TemporaryDirectory(prefix="rhi-llm-scans-") as folder:
        home = Path(folder) / "home"
        settings = build_settings(environ={**os.environ, "RHI_LLM_HOME": str(home)})
        with using(settings):
            text_jobs, scan_jobs = _scans(cases, Path(folder), dpi, bench)
            started = time.perf_counter()
            for job in scan_jobs:  # OCR each scan once (the cache is empty), timed
                try:
                    load(job.path)
                except Exception as error:  # a scan that fails is scored as failed below
                    bench.failed.append(f"{job.path.name}: {error}")
            bench.ocr_seconds = time.perf_counter() - started
            backend = RulesBackend()
            text = asyncio.run(process_many([j.path for j in text_jobs], backend))
            scans = asyncio.run(process_many([j.path for j in scan_jobs], backend))
    bench.text = score_outcomes("rules", list(zip(text_jobs, text, strict=True)))
    bench.scans = score_outcomes("rules", list(zip(scan_jobs, scans, strict=True)))
    for score in bench.scans.scored:
        if score.silent:
            bench.silent.append(
                f"{score.letter}: {score.field} gold {score.gold.shown()} got {score.got.shown()}"
            )
        if score.kind == "numeric" and score.correct and score.got.value is not None:
            bench.right_scan_figures += 1
            if score.flags and all(f.code == "read_by_ocr" for f in score.flags):
                bench.ocr_only_flags += 1
    return bench


def _scans(
    cases: list[GoldCase], folder: Path, dpi: int, bench: ScanBench
) -> tuple[list[Job], list[Job]]:
    text_jobs: list[Job] = []
    scan_jobs: list[Job] = []
    style = ScanStyle(dpi=dpi)
    for number, case in enumerate(cases):
        source = case.letters[0]
        problems, _ = _letter_problems(case)
        excluded = frozenset(problems)
        pages = render_pages(load(source).text, style=style, seed=number)
        bench.pages += len(pages)
        scan = folder / f"{source.stem}.scan.pdf"
        scan.write_bytes(scan_pdf(pages, dpi=dpi))
        text_jobs.append(Job(case, source, excluded))
        scan_jobs.append(Job(case, scan, excluded))
    return text_jobs, scan_jobs
