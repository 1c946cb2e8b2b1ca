"""No API key, credential, Authorization header or bearer token in anything a run leaves
behind.

A whole session runs with a dummy key, an endpoint address carrying a user and password and
a key in its query string, against the fake server, which sometimes answers with an error
that quotes the request's credentials and address: extraction with --debug logging, every
export, the summary and report pages, the review sheet, the response cache, newly recorded
cassettes and the run store itself. Then every file and every line printed is searched for
each secret (as written, URL-decoded, and as the Basic header carries the user and password)
and for a header or token carrying a value."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from benchmarks.secrets import (
    BASIC,
    KEY,
    PASSWORD,
    QUERY_KEY,
    SECRETS,
    leaks_in,
    leaks_under,
    store_text,
    with_credentials,
)
from rhi_llm import cli
from rhi_llm.core.redact import RedactSecrets, redact
from rhi_llm.testing.fake_server import FakeOpenAI

from conftest import LETTERS

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent


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
    env = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": with_credentials(server.base_url)}
    db = str(work / "run.db")
    printed: list[str] = []

    def run(*args: str, codes: tuple[int, ...] = (0,)) -> None:
        result = runner.invoke(cli.app, list(args), env=env)
        printed.extend([result.stdout, result.stderr])
        assert result.exit_code in codes, result.output

    # the first letter's request is answered with an error quoting the credentials and the
    # address: that letter fails (its reason in the store), the others are extracted
    server.enqueue("echo_key")
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
    assert logged.returncode in (0, 1), logged.stderr[-2000:]
    assert "DEBUG" in logged.stderr and "chat/completions" in logged.stderr
    assert "invalid credentials" in logged.stderr  # the echo was logged (redacted)
    printed.extend([logged.stdout, logged.stderr])
    failed = sqlite3.connect(db).execute("SELECT error FROM letters WHERE status = 'failed'")
    assert [e for (e,) in failed if "invalid credentials" in e], "the echo should be stored"
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
    server.enqueue("echo_key")  # recorded too: the cassette keeps the error's body
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
        codes=(0, 1),
    )
    assert any((work / "cassettes").glob("*.yaml")), "the eval should have recorded cassettes"
    assert any((work / "cache").rglob("*.json")), "the extraction should have been cached"
    assert server.stats.requests > 0

    assert "invalid credentials" in "".join(
        p.read_text(encoding="utf-8") for p in (work / "cassettes").glob("*.yaml")
    )
    assert leaks_under(work) == {}
    assert leaks_in(store_text(Path(db))) == []
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


def test_every_shape_of_a_secret_is_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Configured secrets in every form they travel in, and credentials by their shape
    (an Azure api-key header, a token in a query string) even when not configured."""
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", with_credentials("https://proxy.example/v1"))
    lines = [
        f"POST {with_credentials('https://proxy.example/v1')}/chat/completions",
        f"{{'authorization': 'Basic {BASIC}'}}",
        f"[(b'api-key', b'{QUERY_KEY}'), (b'Authorization', b'Bearer {KEY}')]",
        f"the password {PASSWORD} and, decoded, {quote(PASSWORD, safe='')}",
        'headers: {"api-key": "0123456789abcdef0123"}',
        "https://x.example/v1?token=tok123456&access_token=acc123456&key=AIzaSyA1234567",
    ]
    for line in lines:
        cleaned = redact(line)
        assert leaks_in(cleaned) == [], cleaned
        for value in ("0123456789abcdef0123", "tok123456", "acc123456", "AIzaSyA1234567"):
            assert value not in cleaned
    assert redact("missing incidents: 1458 (2017-18)") == "missing incidents: 1458 (2017-18)"


def test_the_backend_line_and_settings_show_no_credentials() -> None:
    from rhi_llm.core.settings import build_settings
    from rhi_llm.extract import default_backend

    address = with_credentials("https://proxy.example/v1")
    settings = build_settings(environ={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": address})
    _, line = default_backend(settings)
    assert "proxy.example/v1" in line and leaks_in(line) == [], line
    assert set(SECRETS) - {BASIC, quote(PASSWORD, safe="")} <= set(settings.secrets)
    assert BASIC in settings.secrets  # what the Basic header sends is known, and redacted


def test_a_cassette_is_redacted_before_it_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    from vcr.request import Request

    from rhi_llm.extract.cassettes import _scrub_request, _scrub_response

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    uri = with_credentials("https://proxy.example/openai/v1") + "&api-version=2024-10-21"
    request = Request("POST", uri, f'{{"echo": "{KEY}"}}'.encode(), {"api-key": QUERY_KEY})
    scrubbed = _scrub_request(request)
    assert leaks_in(scrubbed.uri + str(scrubbed.body) + str(scrubbed.headers)) == []
    assert "api-version=2024-10-21" in scrubbed.uri  # what is not a secret stays
    body = f'{{"error": {{"message": "bad key {KEY} for ?key={QUERY_KEY}"}}}}'.encode()
    response = _scrub_response({"headers": {}, "body": {"string": body}})
    assert leaks_in(str(response["body"]["string"])) == []
