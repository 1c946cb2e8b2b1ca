"""Shared fixtures: where the repo, our letters, gold answers and the seed letters are."""

from __future__ import annotations

from pathlib import Path

import pytest

from rhi_llm.gold import GoldCase, default_seeds_dir, load_gold_set

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO / "eval"
LETTERS = EVAL / "letters"
GOLD = EVAL / "gold"
CASSETTES = REPO / "cassettes"
SEEDS = default_seeds_dir(GOLD)


def seed_path(name: str) -> Path:
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"seed letter {name} not found in {SEEDS} (set RHI_LLM_SEEDS)")
    return path


@pytest.fixture(scope="session")
def gold_cases() -> list[GoldCase]:
    return load_gold_set(GOLD, LETTERS, SEEDS)


def gold_case(name: str) -> GoldCase:
    for case in load_gold_set(GOLD, LETTERS, SEEDS):
        if case.path.name == name:
            if not case.letters:
                pytest.skip(f"{name}: letter {case.gold.letter} not found (seeds absent?)")
            return case
    raise AssertionError(f"no gold file {name}")


@pytest.fixture(autouse=True)
def _run_store_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands that record to the run store or the response cache write to this test's own
    folder, never to a `rhi-llm.db` in the checkout or the user's cache (and never see
    another test's)."""
    monkeypatch.setenv("RHI_LLM_DB", str(tmp_path / "rhi-llm.db"))
    monkeypatch.setenv("RHI_LLM_CACHE", str(tmp_path / "response-cache"))
    monkeypatch.setenv("RHI_LLM_HOME", str(tmp_path / "rhi-llm-home"))  # the OCR cache too


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Live model tests run only with a key (the marker's tests also skip themselves)."""
    import os

    if os.environ.get("OPENAI_API_KEY"):
        return
    skip = pytest.mark.skip(reason="live model test: set OPENAI_API_KEY to run it")
    for item in items:
        if "live_api" in item.keywords:
            item.add_marker(skip)
