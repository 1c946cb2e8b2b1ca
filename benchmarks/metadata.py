"""A letter's metadata (council, reference, response date, period) against its gold labels.

The eval scores the survey's fields; this scores what identifies a letter, which since issue
18 is left unknown when the letter does not say it. Each value is right (as labelled, up to
case, spacing and punctuation), unknown (the pipeline gave none), or wrong: the one a dataset
would publish without a flag, since metadata carries no verdict.

    rhi-llm bench metadata [--gold DIR] [--letters DIR] [--json]
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ITEMS = ("council", "reference", "response_date", "period")


def _plain(value: object) -> str:
    return re.sub(r"[\W_]+", " ", str(value)).casefold().strip()


@dataclass
class MetadataResult:
    letters: int = 0
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {item: {"right": 0, "unknown": 0, "wrong": 0} for item in ITEMS}
    )
    wrong: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "letters": self.letters,
            "counts": self.counts,
            "wrong": self.wrong,
            "unknown": self.unknown,
            "failed": self.failed,
        }


def _judge(item: str, gold: object, found: object) -> str:
    if found is None:
        return "unknown"
    if item == "period":
        same = (getattr(gold, "start", None), getattr(gold, "end", None)) == (
            getattr(found, "start", None),
            getattr(found, "end", None),
        )
        return "right" if same else "wrong"
    return "right" if _plain(gold) == _plain(found) else "wrong"


def run(gold_dir: Path, letters_dir: Path | None = None) -> MetadataResult:
    from rhi_llm.extract.rules import RulesBackend
    from rhi_llm.gold import load_gold_set
    from rhi_llm.pipeline import process_letter

    backend = RulesBackend()
    result = MetadataResult()
    for case in load_gold_set(gold_dir, letters_dir):
        for path in case.letters:
            outcome = asyncio.run(process_letter(path, backend))
            if outcome.row is None:
                result.failed.append(f"{path.name}: {outcome.error}")
                continue
            result.letters += 1
            for item in ITEMS:
                gold = getattr(case.gold, item)
                if gold is None:
                    continue
                found = getattr(outcome.row, item)
                verdict = _judge(item, gold, found)
                result.counts[item][verdict] += 1
                line = f"{path.name} {item}: gold {gold!s}, found {found!s}"
                if verdict == "wrong":
                    result.wrong.append(line)
                elif verdict == "unknown":
                    result.unknown.append(line)
    return result
