"""Bulk runs into the run store: reruns skip, new and changed letters are done, failures are
kept and retried, and a run killed with SIGKILL finishes with the same export."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from benchmarks.bulk import crash
from benchmarks.rules import build_corpus
from rhi_llm.bulk import run_bulk
from rhi_llm.core.contracts import Backend, Extraction
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.settings import build_settings
from rhi_llm.extract import get_backend
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.letters import find_letters
from rhi_llm.progress import BatchProgress, Tally
from rhi_llm.store import Store, open_store
from rhi_llm.testing.fake_server import FakeOpenAI

from conftest import LETTERS

DUMMY_KEY = "sk-test-" + "1" * 32


def bulk(paths: list[Path], backend: Backend, store: Store) -> Tally:
    tally = Tally(total=len(paths))
    progress = BatchProgress(tally, "quiet", Console(quiet=True))
    return run_bulk(paths, backend, store, workers=2, concurrency=8, progress=progress)


@pytest.fixture()
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(latency=0.02) as running:
        yield running


def llm(server: FakeOpenAI) -> LlmBackend:
    settings = build_settings(
        environ={"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": DUMMY_KEY}
    )
    return LlmBackend(settings, cache=None)  # only the store may spare a call


def test_a_rerun_with_the_rules_skips_every_letter(tmp_path: Path) -> None:
    letters = find_letters([LETTERS])
    with open_store(tmp_path / "run.db") as store:
        first = bulk(letters, get_backend("rules"), store)
        counts = store.counts()
        again = bulk(letters, get_backend("rules"), store)
        assert (first.ok + first.flagged, first.failed) == (len(letters), 0)
        assert (again.skipped, again.done) == (len(letters), 0)
        assert store.counts() == counts
        assert len(store.current_rows()) == len(letters)


@pytest.mark.slow
def test_a_rerun_against_the_model_makes_no_call(tmp_path: Path, server: FakeOpenAI) -> None:
    letters = build_corpus(LETTERS, tmp_path / "letters", 44)  # enough for two workers
    with open_store(tmp_path / "run.db") as store:
        first = bulk(letters, llm(server), store)
        calls = server.stats.requests
        again = bulk(letters, llm(server), store)
        assert first.failed == 0 and calls == len(letters) == first.calls
        assert server.stats.requests == calls
        assert again.skipped == len(letters) and again.calls == 0
        recorded = store.db.execute("SELECT count(*), sum(prompt_tokens) FROM model_calls")
        count, tokens = recorded.fetchone()
        assert count == calls
        assert tokens == sum(r.provenance.tokens.prompt for r in store.current_rows()) > 0


def test_only_new_and_changed_letters_are_extracted(tmp_path: Path, server: FakeOpenAI) -> None:
    folder = tmp_path / "letters"
    letters = build_corpus(LETTERS, folder, 6)
    with open_store(tmp_path / "run.db") as store:
        bulk(letters, llm(server), store)
        before = server.stats.requests
        changed = letters[0]
        changed.write_text(changed.read_text() + "\nA late postscript.\n")
        added = folder / "new-letter.txt"
        shutil.copy(LETTERS / "westmarch-2024.txt", added)
        tally = bulk([*letters, added], llm(server), store)
        assert server.stats.requests - before == 2
        assert (tally.skipped, tally.done) == (5, 2)
        assert len(store.current_rows()) == 7


def test_a_failed_letter_is_kept_and_retried(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    good = shutil.copy(LETTERS / "westmarch-2024.txt", folder / "good.txt")
    bad = folder / "bad.txt"
    bad.write_text("")
    with open_store(tmp_path / "run.db") as store:
        tally = bulk([Path(good), bad], get_backend("rules"), store)
        assert tally.failed == 1 and tally.reasons == {"empty": 1}
        assert [(path, reason) for path, reason, _ in store.failures()] == [(str(bad), "empty")]
        bad.write_text((LETTERS / "brackley-2024.txt").read_text())
        again = bulk([Path(good), bad], get_backend("rules"), store)
        assert (again.skipped, again.ok + again.flagged, again.failed) == (1, 1, 0)
        assert store.failures() == []
        assert len(store.current_rows()) == 2


def test_a_bug_on_one_letter_fails_that_letter_not_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rhi_llm.extract.rules import RulesBackend

    letters = build_corpus(LETTERS, tmp_path / "letters", 12)
    unlucky = letters[5]
    real = RulesBackend.extract_blocking

    def buggy(self: RulesBackend, reading: LetterReading) -> Extraction:
        if reading.letter.path == str(unlucky):
            raise KeyError("a bug")
        return real(self, reading)

    monkeypatch.setattr(RulesBackend, "extract_blocking", buggy)  # forked workers inherit it
    with open_store(tmp_path / "run.db") as store:
        tally = bulk(letters, get_backend("rules"), store)
        assert (tally.ok + tally.flagged, tally.failed) == (11, 1)
        [(path, reason, error)] = store.failures()
        assert (path, reason) == (str(unlucky), "internal")
        assert "KeyError" in error and unlucky.name in error
        assert len(store.current_rows()) == 11


@pytest.mark.slow
def test_a_run_killed_at_random_moments_ends_with_the_same_export() -> None:
    result = crash(LETTERS, count=40, kills=3, latency=0.05, seed=7)
    assert result.finished
    assert [t.was_running for t in result.trials] == [True, True, True]
    assert result.fields_compared > 40 * 20
    assert (result.missing, result.extra, result.different, result.extracted_twice) == (
        0,
        0,
        0,
        0,
    )
    assert result.orphan_requests == 0
    assert result.leftover_processes == 0
