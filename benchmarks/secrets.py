"""A session with secrets configured, against an endpoint that echoes them back: are any of
them, in any form, in what rhi-llm leaves behind?

The key is a dummy, the endpoint address carries a user and password and a key in its query
string, and the fake server answers some requests with an error that quotes the request's
credentials and address. The session extracts the letters (with `--debug` logging, in a
process of its own), exports every format, writes the summary page, the report and the review
sheet; then every file it wrote, every text value of every table of the run store and every
line it printed is searched for each secret (as written, URL-decoded, and as the Basic header
carries the user and password) and for a header or token that still carries a value.

    rhi-llm bench reliability      (the "secrets" rows)
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from benchmarks import CHECKOUT

KEY = "sk-test-" + "Qz8Lw3Nd" * 5  # looks like a key; is not one
USER, PASSWORD = "rhi-bench", "p@ss:W0rd-Yh7Kq2"  # an endpoint's userinfo (a proxy's login)
QUERY_KEY = "azq" + "T5mR8vX2" * 3  # a key in the endpoint's query string
BASIC = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
SECRETS = (KEY, PASSWORD, quote(PASSWORD, safe=""), QUERY_KEY, BASIC)
LEAKS = re.compile(
    "|".join(re.escape(secret) for secret in SECRETS)
    + r"|authorization['\"]?\s*[:=]\s*['\"]?(?>(?:basic\s+|bearer\s+)?)"
    r"(?!\[redacted\])[^\s'\",}]{6,}"
    r"|bearer\s+(?!\[redacted\])[A-Za-z0-9._\-]{8,}"
    r"|api-key['\"]?\s*[:=]\s*['\"]?(?!\[redacted\])[^\s'\",}&]{6,}"
    r"|" + re.escape(quote(USER)) + r":[^@\s]*@",
    re.IGNORECASE,
)


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


def with_credentials(base_url: str) -> str:
    """The server's address with a user and password and a key in its query string."""
    scheme, rest = base_url.split("://", 1)
    userinfo = f"{quote(USER, safe='')}:{quote(PASSWORD, safe='')}"
    return f"{scheme}://{userinfo}@{rest}?api-key={QUERY_KEY}"


def store_text(db: Path) -> str:
    """Every text value of every table of a run store, one per line."""
    connection = sqlite3.connect(db)
    found: list[str] = []
    tables = [t for (t,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for row in connection.execute(f"SELECT * FROM {table}"):  # the store's own table names
            found += [str(value) for value in row if isinstance(value, str | bytes)]
    connection.close()
    return "\n".join(found)


@dataclass
class SecretsResult:
    letters: int = 0
    echoes_served: int = 0
    requests: int = 0
    files_written: int = 0
    failed_commands: list[str] = field(default_factory=list)
    leaks: dict[str, list[str]] = field(default_factory=dict)  # where -> what

    @property
    def secrets_found(self) -> int:
        return sum(len(hits) for hits in self.leaks.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "letters": self.letters,
            "echoes_served": self.echoes_served,
            "requests": self.requests,
            "files_written": self.files_written,
            "failed_commands": self.failed_commands,
            "secrets_found": self.secrets_found,
            "leaks": self.leaks,
        }


def run(*, letters: Path = CHECKOUT / "eval" / "letters", echoes: int = 4) -> SecretsResult:
    from rhi_llm.testing.fake_server import FakeOpenAI

    result = SecretsResult()
    with tempfile.TemporaryDirectory(prefix="rhi-llm-bench-secrets-") as tmp, FakeOpenAI() as fake:
        work = Path(tmp)
        folder = work / "letters"
        shutil.copytree(letters, folder)
        result.letters = sum(1 for p in folder.iterdir() if p.is_file())
        env = {
            **os.environ,
            "OPENAI_API_KEY": KEY,
            "OPENAI_BASE_URL": with_credentials(fake.base_url),
            "RHI_LLM_CACHE": str(work / "cache"),
            "RHI_LLM_DB": str(work / "run.db"),
        }
        fake.enqueue(*["echo_key"] * echoes)  # the first requests are answered with the echo
        printed: list[str] = []
        for command in _session(work, folder):
            done = subprocess.run(
                [sys.executable, "-m", "rhi_llm", *command],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            printed += [done.stdout, done.stderr]
            if done.returncode not in (0, 1):
                result.failed_commands.append(f"{' '.join(command[:2])}: {done.returncode}")
        result.echoes_served = fake.stats.faults.get("echo_key", 0)
        result.requests = fake.stats.requests
        result.files_written = sum(1 for p in work.rglob("*") if p.is_file())
        result.leaks = leaks_under(work)
        if hits := leaks_in(store_text(work / "run.db")):
            result.leaks["run store (every text value)"] = hits
        if hits := [hit for text in printed for hit in leaks_in(text)]:
            result.leaks["printed"] = hits
    return result


def _session(work: Path, folder: Path) -> list[list[str]]:
    out = str(work)
    commands = [
        ["--debug", "extract", str(folder), "--backend", "llm", "-o", f"{out}/rows.jsonl"],
        ["extract", str(folder), "--backend", "llm", "--format", "csv", "-o", f"{out}/rows.csv"],
    ]
    for fmt in ("csv", "jsonl", "xlsx"):
        commands.append(["export", "--format", fmt, "-o", f"{out}/wide.{fmt}"])
        commands.append(["export", "--format", fmt, "--long", "-o", f"{out}/long.{fmt}"])
    commands += [
        ["summary", "--html", f"{out}/summary.html"],
        ["report", "-o", f"{out}/report.html"],
        ["review", "export", "-o", f"{out}/review.csv"],
        ["store", "check"],
    ]
    return commands
