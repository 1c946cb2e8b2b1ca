"""The model path against every kind of server people run, each imitated by the fake server.

    rhi-llm bench endpoints [--json]

For each profile of `rhi_llm.testing.profiles` (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp,
an OpenAI reasoning model), the eval letters go through the model backend twice: with the
settings as a new user would leave them, and with the settings `rhi-llm doctor` recommends
for that server. The fake server answers with the rules backend's reading of whatever text
reaches it (not a model), so on `eval/gold`, where the rules read every letter right, any
wrong answer is the endpoint's doing: a prompt cut short, a chunk that lost its question, a
parameter refused. Per run it prints:

- extracted right: letters whose every scored field matches the gold;
- failed with a reason: letters that failed with a named endpoint error (over the window,
  content filter, answer cut off, key or model refused, nothing answered);
- wrong, flagged or missing: letters with a wrong or missing field, every one of them
  flagged or left without a value (each costs a review; none passes as ok);
- wrong and ok: letters with a wrong field that passed as ok (the target is none);
- unexplained failures: letters that failed without a named reason (the target is none);
- calls, tokens, and field accuracy against the gold.

Seed letters (third-party text, absent from a clean checkout) are left out.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rhi_llm.core.errors import (
    BatchStopped,
    ContentFiltered,
    ContextOverflow,
    EndpointRejected,
    ModelError,
    ModeNotSupported,
    OutputCutOff,
)
from rhi_llm.core.settings import build_settings, using
from rhi_llm.doctor import diagnose
from rhi_llm.evaluate import FieldScore, Job, plan, score_outcomes
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.gold import GoldCase, load_gold_set
from rhi_llm.pipeline import LetterOutcome, process_many
from rhi_llm.testing.fake_server import FakeOpenAI
from rhi_llm.testing.profiles import PROFILES

NAMED = (
    ContextOverflow,
    ContentFiltered,
    OutputCutOff,
    EndpointRejected,
    ModeNotSupported,
    BatchStopped,
)
NOTHING_ANSWERED = "answered no field at all"


@dataclass
class ProfileRun:
    name: str
    settings: str  # "defaults" or "doctor"
    chosen: dict[str, str]
    letters: int = 0
    extracted_right: int = 0
    failed_with_reason: int = 0
    wrong_flagged_or_missing: int = 0
    wrong_and_ok: int = 0
    unexplained_failures: int = 0
    calls: int = 0
    tokens: int = 0
    accuracy: float | None = None
    accuracy_by_questionnaire: dict[str, float | None] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    unexplained: list[str] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)  # the wrong-and-ok fields, shown

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "settings": self.settings,
            "chosen": self.chosen,
            "letters": self.letters,
            "extracted_right": self.extracted_right,
            "failed_with_reason": self.failed_with_reason,
            "wrong_flagged_or_missing": self.wrong_flagged_or_missing,
            "wrong_and_ok": self.wrong_and_ok,
            "unexplained_failures": self.unexplained_failures,
            "calls": self.calls,
            "tokens": self.tokens,
            "accuracy": self.accuracy,
            "accuracy_by_questionnaire": self.accuracy_by_questionnaire,
            "reasons": self.reasons,
        }


def _named(error: BaseException | None) -> str | None:
    """The reason of a failure that says what to do, or None for an unexplained one."""
    if isinstance(error, NAMED):
        return error.reason
    if isinstance(error, ModelError) and NOTHING_ANSWERED in str(error):
        return "nothing_answered"
    return None


def _environ(server: FakeOpenAI, chosen: dict[str, str]) -> dict[str, str]:
    return {
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": "bench-dummy-key",
        "RHI_LLM_TIMEOUT": "30",
        "RHI_LLM_RETRIES": "1",
        "RHI_LLM_MODEL": "bench-model",
        **chosen,
    }


def _score(
    run: ProfileRun, jobs: list[Job], outcomes: list[LetterOutcome], backend_name: str
) -> None:
    result = score_outcomes(backend_name, list(zip(jobs, outcomes, strict=True)))
    accuracy = result.metric("accuracy")
    run.accuracy = round(accuracy, 4) if accuracy is not None else None
    run.accuracy_by_questionnaire = {
        name: figures.get("accuracy") for name, figures in result.per_questionnaire().items()
    }
    wrong: dict[str, list[FieldScore]] = {}
    for score in result.wrong():
        wrong.setdefault(score.letter, []).append(score)
    for job, outcome, letter_run in zip(jobs, outcomes, result.runs, strict=True):
        run.letters += 1
        run.calls += len(outcome.calls)
        run.tokens += sum(c.prompt_tokens + c.completion_tokens for c in outcome.calls)
        if outcome.row is None:
            reason = _named(outcome.error)
            if reason is None:
                run.unexplained_failures += 1
                run.unexplained.append(f"{job.path.name}: {outcome.error}")
            else:
                run.failed_with_reason += 1
                run.reasons[reason] = run.reasons.get(reason, 0) + 1
            continue
        misses = wrong.get(letter_run.letter, [])
        silent = [m for m in misses if m.silent]
        if not misses:
            run.extracted_right += 1
        elif not silent:
            run.wrong_flagged_or_missing += 1  # each costs a review, none passes as ok
        else:
            run.wrong_and_ok += 1
            run.silent.extend(
                f"{job.path.name} {m.field}: {m.got.value!r}, gold {m.gold.value!r}" for m in silent
            )


async def _one(name: str, cases: list[GoldCase], only: str | None) -> tuple[ProfileRun, ProfileRun]:
    runs: list[ProfileRun] = []
    with FakeOpenAI(profile=name) as server:
        defaults = build_settings(environ=_environ(server, {}))
        found = await diagnose(defaults)
        for label, chosen in (("defaults", {}), ("doctor", found.settings())):
            settings = build_settings(environ=_environ(server, chosen))
            run = ProfileRun(name=name, settings=label, chosen=chosen)
            with using(settings):
                backend = LlmBackend(settings)
                planned = plan(cases, "", backend.covers)
                jobs = [j for j in planned.jobs if only is None or only in j.path.name]
                try:
                    outcomes = await process_many([j.path for j in jobs], backend, concurrency=4)
                finally:
                    await backend.aclose()
            _score(run, jobs, outcomes, backend.name)
            runs.append(run)
    return runs[0], runs[1]


def run(gold: Path, letters: Path, *, only: str | None = None) -> list[ProfileRun]:
    """Every profile, with defaults and with the doctor's settings."""
    with tempfile.TemporaryDirectory(prefix="rhi-llm-bench-endpoints-") as tmp:
        seeds = Path(tmp) / "no-seeds"  # third-party letters are not sent anywhere here
        cases = load_gold_set(gold, letters, seeds)
        found: list[ProfileRun] = []
        for name in PROFILES:
            found.extend(asyncio.run(_one(name, cases, only)))
        return found
