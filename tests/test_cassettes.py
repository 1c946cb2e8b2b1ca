"""The cassettes: honest provenance, no secrets, and an offline replay of the whole model path
in which every deliberate mistake is flagged and nothing wrong passes silently."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from rhi_llm.core.settings import build_settings
from rhi_llm.evaluate import EvalResult, evaluate_folder
from rhi_llm.extract.cassettes import CassetteProvenance, read_provenance
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.extract.prompting import PROMPT_VERSION

from conftest import GOLD, LETTERS, REPO

CASSETTES = REPO / "cassettes"
AUTHORED = CASSETTES / "authored"
SECRET = re.compile(
    r"authorization|bearer\s|api[-_]key|openai-organi[sz]ation|openai-project|set-cookie|"
    r"sk-[A-Za-z0-9_-]{16,}",
    re.IGNORECASE,
)


def all_cassette_files() -> list[Path]:
    """Every cassette and provenance file (the README may talk about headers)."""
    return sorted(p for p in CASSETTES.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))


@pytest.mark.parametrize("path", all_cassette_files(), ids=lambda p: p.name)
def test_no_key_or_authorization_header_in_any_cassette(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = SECRET.findall(text)
    assert not found, f"{path}: {found[:3]}"


def test_the_secret_scan_can_fail() -> None:
    # made at run time, so that no key-like string stands in the repository itself
    key = "sk" + "-" + "abcdefghijklmnopqrstuvwxyz"
    project_key = "sk" + "-proj-" + "A" * 24
    assert SECRET.search(f"headers:\n  {'Author' + 'ization'}: {'Bear' + 'er'} {key}")
    assert SECRET.search(f"x: {project_key}")
    assert not SECRET.search("headers:\n  content-type: application/json")


def test_every_cassette_has_provenance_and_authored_ones_list_their_mistakes() -> None:
    cassettes = sorted(AUTHORED.glob("*.yaml"))
    assert len(cassettes) >= 18
    mistakes = 0
    for cassette in cassettes:
        told = read_provenance(AUTHORED, cassette.name.removesuffix(".yaml"))
        assert isinstance(told, CassetteProvenance), cassette
        assert told.kind == "authored" and "no model was called" in told.note
        mistakes += sum(1 for m in told.mistakes if m.outcome == "flagged")
    assert mistakes >= 10
    letters = {p.name for p in LETTERS.iterdir() if p.is_file()}
    assert {c.name.removesuffix(".yaml") for c in cassettes} == letters


@cache
def replay() -> EvalResult:
    backend = LlmBackend.replaying(AUTHORED)
    return evaluate_folder(GOLD, backend, LETTERS)


@pytest.mark.slow  # over two seconds
def test_replay_is_offline_and_says_the_responses_were_authored() -> None:
    result = replay()
    assert len(result.runs) >= 18
    assert any("AUTHORED" in note for note in result.notes)
    assert not any(run.error for run in result.runs), [r.error for r in result.runs if r.error]


def test_every_authored_mistake_is_flagged_and_nothing_wrong_is_silent() -> None:
    result = replay()
    wrong = {(f.letter, f.field): f for f in result.scored if not f.correct}
    for cassette in sorted(AUTHORED.glob("*.yaml")):
        letter = cassette.name.removesuffix(".yaml")
        told = read_provenance(AUTHORED, letter)
        assert told is not None
        for mistake in told.mistakes:
            scored = next(
                f for f in result.scored if f.letter == letter and f.field == mistake.field
            )
            if mistake.outcome == "flagged":
                assert (letter, mistake.field) in wrong, (letter, mistake)
                assert scored.verdict == "flagged", (letter, mistake, scored.flags)
            else:  # corrected when the validator sent the quote back
                assert scored.correct and scored.verdict == "ok", (letter, mistake)
    assert result.metric("silent_error_rate") == 0.0
    assert len(wrong) == sum(
        sum(
            1
            for m in (
                read_provenance(AUTHORED, c.name.removesuffix(".yaml"))
                or CassetteProvenance(kind="authored", letter="", created="", command="", note="")
            ).mistakes
            if m.outcome == "flagged"
        )
        for c in AUTHORED.glob("*.yaml")
    )


def test_a_changed_prompt_no_longer_matches_its_cassette(tmp_path: Path) -> None:
    import asyncio
    import shutil

    from rhi_llm.extract.prompting import load_prompts
    from rhi_llm.pipeline import process_letter

    prompts_copy = tmp_path / "prompts"
    shutil.copytree(REPO / "prompts", prompts_copy)
    system = prompts_copy / PROMPT_VERSION / "system.txt"
    system.write_text(system.read_text() + "\n8. A new rule.\n")
    backend = LlmBackend.replaying(
        AUTHORED,
        build_settings(environ={"RHI_LLM_RETRIES": "0"}),
        prompts=load_prompts(folder=str(prompts_copy)),
    )
    outcome = asyncio.run(process_letter(LETTERS / "westmarch-2024.txt", backend))
    assert outcome.error is not None
    assert "cassette" in str(outcome.error).lower()
