"""`extract --batch-api` and `extract --resume` against the fake server's Batch API."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.batch_api import BATCH_PRICE_FACTOR
from rhi_llm.store import open_store
from rhi_llm.testing.fake_server import FakeOpenAI

from conftest import LETTERS

runner = CliRunner()
DUMMY_KEY = "sk-test-" + "2" * 32


@pytest.fixture()
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(batch_seconds=0.3, batch_fail_names=("fails-in-batch",)) as running:
        yield running


def env(server: FakeOpenAI) -> dict[str, str]:
    return {
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": DUMMY_KEY,
        "RHI_LLM_PRICE_IN": "0.15",
        "RHI_LLM_PRICE_OUT": "0.60",
    }


def letters(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    for name in names:
        shutil.copy(LETTERS / name, folder / name)
    return folder


def extract(server: FakeOpenAI, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli.app, ["extract", *args], env=env(server))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_submit_then_resume_records_the_letters_at_the_batch_price(
    tmp_path: Path, server: FakeOpenAI
) -> None:
    folder = letters(tmp_path, "westmarch-2024.txt", "northbridge-2018.txt")
    db = str(tmp_path / "run.db")
    code, out, errors = extract(server, str(folder), "--batch-api", "--db", db)
    assert code == 0, errors
    assert out == "" and "submitted batch batch_fake_1" in errors
    assert server.stats.requests == 0  # nothing was asked one by one
    with open_store(db) as store:
        assert store.current_rows() == []
        assert [(b, s) for b, s, _ in store.batches()] == [("batch_fake_1", "in_progress")]

    code, out, errors = extract(server, "--resume", "--db", db, "--wait", "--poll-seconds", "0.1")
    assert code == 0, errors
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(Path(r["letter"]["path"]).name for r in rows) == [
        "northbridge-2018.txt",
        "westmarch-2024.txt",
    ]
    westmarch = next(r for r in rows if r["letter"]["path"].endswith("westmarch-2024.txt"))
    assert westmarch["fields"]["missing_incidents"]["value"] == 641
    provenance = westmarch["provenance"]
    assert "Batch API" in provenance["note"]
    full = (provenance["tokens"]["prompt"] * 0.15 + provenance["tokens"]["completion"] * 0.60) / 1e6
    assert provenance["cost_usd"] == pytest.approx(full * BATCH_PRICE_FACTOR, abs=1e-6)
    request = json.loads(server.files["file-fake-1"][2].decode().splitlines()[0])
    assert request["body"]["response_format"]["json_schema"]["strict"] is True
    assert request["body"]["temperature"] == 0

    # collected: a normal run now skips both letters with no call
    code, _, errors = extract(server, str(folder), "--backend", "llm", "--db", db)
    assert code == 0, errors
    assert server.stats.requests == 0
    with open_store(db) as store:
        assert [s for _, s, _ in store.batches()] == ["collected:completed"]
        assert store.counts()["model_calls"] == server.stats.batch_lines


@pytest.mark.slow
def test_resume_before_the_batch_is_done_says_so_and_keeps_it(
    tmp_path: Path, server: FakeOpenAI
) -> None:
    server.batch_seconds = 60
    folder = letters(tmp_path, "westmarch-2024.txt")
    db = str(tmp_path / "run.db")
    assert extract(server, str(folder), "--batch-api", "--db", db)[0] == 0
    code, out, errors = extract(server, "--resume", "--db", db)
    assert code == 0 and out == ""
    assert "not finished yet" in errors
    with open_store(db) as store:
        assert [s for _, s, _ in store.batches()] == ["in_progress"]


@pytest.mark.slow  # over two seconds
def test_a_failed_request_fails_its_letter_and_a_normal_run_retries_it(
    tmp_path: Path, server: FakeOpenAI
) -> None:
    folder = letters(tmp_path, "westmarch-2024.txt")
    shutil.copy(LETTERS / "brackley-2024.txt", folder / "fails-in-batch.txt")
    db = str(tmp_path / "run.db")
    assert extract(server, str(folder), "--batch-api", "--db", db)[0] == 0
    code, out, errors = extract(server, "--resume", "--db", db, "--wait", "--poll-seconds", "0.1")
    assert code == 1
    assert "fails-in-batch.txt" in errors and "the request failed (500" in errors
    assert len(out.splitlines()) == 1
    code, _, errors = extract(server, str(folder), "--backend", "llm", "--db", db)
    assert code == 0, errors
    assert server.stats.requests == 1  # only the failed letter, one by one
    with open_store(db) as store:
        assert store.failures() == []
        assert len(store.current_rows()) == 2


def test_a_letter_changed_since_submission_is_left_for_a_normal_run(
    tmp_path: Path, server: FakeOpenAI
) -> None:
    folder = letters(tmp_path, "westmarch-2024.txt")
    db = str(tmp_path / "run.db")
    assert extract(server, str(folder), "--batch-api", "--db", db)[0] == 0
    changed = folder / "westmarch-2024.txt"
    changed.write_text(changed.read_text() + "\nA correction follows.\n")
    code, out, errors = extract(server, "--resume", "--db", db, "--wait", "--poll-seconds", "0.1")
    assert code == 0 and out == ""
    assert "changed since and left for a normal run" in errors


def test_batch_api_refuses_what_it_cannot_do(tmp_path: Path, server: FakeOpenAI) -> None:
    folder = letters(tmp_path, "westmarch-2024.txt")
    code, _, errors = extract(server, str(folder), "--batch-api", "--backend", "rules")
    assert code == 2 and "use --backend llm" in errors
    code, _, errors = extract(server, str(folder), "--resume")
    assert code == 2 and "give no PATH" in errors
    result = runner.invoke(
        cli.app,
        ["extract", str(folder), "--batch-api"],
        env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""},
    )
    assert result.exit_code == 2 and "needs a model endpoint" in result.stderr
