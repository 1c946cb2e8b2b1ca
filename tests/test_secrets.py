"""No API key, Authorization header or bearer token in anything a run leaves behind.

A whole session runs with a dummy key against the fake server: extraction with --debug
logging, every export, the summary and report pages, the review sheet, the response cache,
newly recorded cassettes and the run store itself. Then every file and every line printed
is searched for the key and for a header or token carrying a value."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.core.redact import RedactSecrets, redact
from rhi_llm.testing.fake_server import FakeOpenAI

from conftest import LETTERS

runner = CliRunner()
KEY = "sk-test-" + "Qz8Lw3Nd" * 5  # looks like a key; is not one
LEAKS = re.compile(
    re.escape(KEY) + r"|authorization['\"]?\s*[:=]\s*['\"]?(?!\[redacted\])[^\s'\",}]{6,}"
    r"|bearer\s+(?!\[redacted\])[A-Za-z0-9._\-]{8,}",
    re.IGNORECASE,
)
REPO = Path(__file__).resolve().parent.parent


def leaks_in(text: str) -> list[str]:
    return [m.group(0) for m in LEAKS.finditer(text)]


def leaks_under(folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            hits = leaks_in(path.read_bytes().decode("utf-8", errors="replace"))
            if hits:
                found[str(path.relative_to(folder))] = hits
    return found


@pytest.fixture()
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as running:
        yield running


@pytest.mark.slow
def test_a_whole_session_leaves_no_secret_anywhere(
    tmp_path: Path, server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    letters = work / "letters"
    letters.mkdir(parents=True)
    for name in ("westmarch-2024.txt", "northbridge-2018.txt", "kingsmere-2018.html"):
        shutil.copy(LETTERS / name, letters / name)
    monkeypatch.setenv("RHI_LLM_CACHE", str(work / "cache"))
    env = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": server.base_url}
    db = str(work / "run.db")
    printed: list[str] = []

    def run(*args: str) -> None:
        result = runner.invoke(cli.app, list(args), env=env)
        printed.extend([result.stdout, result.stderr])
        assert result.exit_code == 0, result.output

    # a real process, so that --debug logging goes to its own standard error
    logged = subprocess.run(
        [
            sys.executable,
            "-m",
            "rhi_llm",
            "--debug",
            "extract",
            str(letters),
            "--backend",
            "llm",
            "--db",
            db,
            "-o",
            os.devnull,
        ],
        env={**os.environ, **env, "RHI_LLM_DB": db},
        capture_output=True,
        text=True,
        check=False,
    )
    assert logged.returncode == 0, logged.stderr[-2000:]
    assert "DEBUG" in logged.stderr and "chat/completions" in logged.stderr
    printed.extend([logged.stdout, logged.stderr])
    run(
        "extract",
        str(letters),
        "--backend",
        "llm",
        "--db",
        db,
        "-o",
        str(work / "rows.jsonl"),
    )
    for fmt in ("csv", "jsonl", "xlsx"):
        run("export", "--db", db, "--format", fmt, "-o", str(work / f"wide.{fmt}"))
        run("export", "--db", db, "--format", fmt, "--long", "-o", str(work / f"long.{fmt}"))
    run("summary", "--db", db, "--html", str(work / "summary.html"))
    run("report", "--db", db, "-o", str(work / "report.html"))
    run("review", "export", "--db", db, "-o", str(work / "review.csv"))
    run(
        "--debug",
        "eval",
        "--backend",
        "llm",
        "--cassettes",
        str(work / "cassettes"),
        "--record",
        "--gold",
        str(REPO / "eval" / "gold"),
        "--letters",
        str(letters),
    )
    assert any((work / "cassettes").glob("*.yaml")), "the eval should have recorded cassettes"
    assert any((work / "cache").rglob("*.json")), "the extraction should have been cached"
    assert server.stats.requests > 0

    assert leaks_under(work) == {}
    assert [hit for text in printed for hit in leaks_in(text)] == []


def test_committed_cassettes_hold_no_secret() -> None:
    assert leaks_under(REPO / "cassettes") == {}


def test_redaction_of_log_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    record = logging.LogRecord(
        "httpx",
        logging.DEBUG,
        __file__,
        1,
        "headers %s",
        ({"Authorization": f"Bearer {KEY}"},),
        None,
    )
    assert RedactSecrets().filter(record)
    assert KEY not in record.getMessage() and "[redacted]" in record.getMessage()
    assert leaks_in(redact(f"Authorization: Bearer {KEY}")) == []
    assert leaks_in(f"Authorization: Bearer {KEY}") != []  # the search itself finds a leak
