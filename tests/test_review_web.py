"""The browser review's server, without a browser (Starlette's TestClient): the token and
Host checks, the queue's filters, decisions through `review.record_decision`, a stale page
and two reviewers deciding one field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from httpx import Response
from starlette.testclient import TestClient
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.review import review_items
from rhi_llm.review_web import ReviewApp, build_app, fingerprint, item_key
from rhi_llm.store import open_store

from conftest import LETTERS

REPO = Path(__file__).resolve().parent.parent
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
TOKEN = "the-token"
runner = CliRunner()


@pytest.fixture(scope="module")
def letters_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our letters plus one corpus PDF (figures flagged in a table on page 2), rules backend."""
    folder = tmp_path_factory.mktemp("web")
    for name in ("thornbury-2018.txt", "westmarch-2024.txt", "ravensworth-2024.txt"):
        shutil.copy(LETTERS / name, folder / name)
    shutil.copy(REPO / "eval" / "corpus" / "letters" / "crowlands-2018.pdf", folder)
    db = folder / "run.db"
    done = runner.invoke(cli.app, ["extract", str(folder), "--db", str(db), "--backend", "rules"])
    assert done.exit_code == 0, done.output
    return db


@pytest.fixture
def db(letters_store: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "review.db"
    with open_store(letters_store) as source:
        source.db.execute(f"VACUUM INTO '{copy}'")
    # the PDF must be found where the store says it is: next to the copy, by its full path
    return copy


def client(db: Path, reviewer: str = "sam") -> TestClient:
    app = ReviewApp(db=db, token=TOKEN, port=PORT, reviewer=reviewer)
    signed_in = TestClient(build_app(app), base_url=BASE)
    assert signed_in.get(f"/?token={TOKEN}").status_code == 200
    return signed_in


def keys(db: Path) -> list[str]:
    with open_store(db) as store:
        return [item_key(i) for i in review_items(store)]


def post(web: TestClient, db: Path, key: str, action: str, **given: object) -> Response:
    with open_store(db) as store:
        item = next(i for i in review_items(store) if item_key(i) == key)
        seen = store.decision_ids().get((item.sha256, item.field_id), 0)
    body = {"key": key, "action": action, "seen": seen, "fingerprint": fingerprint(item)}
    body.update(given)
    return web.post("/decide", json=body, headers={"X-RHI-Token": TOKEN})


def test_without_the_token_everything_is_refused(db: Path) -> None:
    app = ReviewApp(db=db, token=TOKEN, port=PORT, reviewer="sam")
    stranger = TestClient(build_app(app), base_url=BASE)
    for path in ("/", "/static/review.js", "/report", "/summary", "/page.png?item=x"):
        assert stranger.get(path).status_code == 403, path
    for wrong in ("wrong", "", "th%C3%A9-token", TOKEN + "x", "%00"):
        assert stranger.get(f"/?token={wrong}").status_code == 403, wrong
    assert stranger.get("/", headers={b"X-RHI-Token": "tök".encode()}).status_code == 403
    stranger.cookies.set("rhi_review_token", "wrong")
    assert stranger.get("/").status_code == 403
    key = keys(db)[0]
    refused = stranger.post("/decide", json={"key": key, "action": "a"})
    assert refused.status_code == 403
    with open_store(db) as store:
        assert store.counts()["review_decisions"] == 0


def test_the_token_in_the_address_becomes_a_cookie_and_leaves_the_address(db: Path) -> None:
    app = ReviewApp(db=db, token=TOKEN, port=PORT, reviewer="sam")
    web = TestClient(build_app(app), base_url=BASE)
    first = web.get(f"/?token={TOKEN}&field=rhi_completed", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/?field=rhi_completed"
    assert "httponly" in first.headers["set-cookie"].lower()
    assert web.get("/static/review.css").status_code == 200
    # the cookie alone does not let a page post a decision: the header must name the token
    key = keys(db)[0]
    assert web.post("/decide", json={"key": key, "action": "a"}).status_code == 403


@pytest.mark.parametrize(
    "host", ["evil.example:8765", "127.0.0.1:9999", "localhost", "127.0.0.1.nip.io:8765"]
)
def test_another_host_is_refused_even_with_the_token(db: Path, host: str) -> None:
    web = client(db)
    assert web.get("/", headers={"Host": host}).status_code == 403
    assert web.get("/", headers={"Host": f"localhost:{PORT}"}).status_code == 200


def test_the_page_shows_the_field_and_its_evidence(db: Path) -> None:
    web = client(db)
    with open_store(db) as store:
        item = next(i for i in review_items(store) if i.path.endswith(".pdf"))
    page = web.get("/", params={"item": item_key(item)})
    assert page.status_code == 200
    assert "Content-Security-Policy" in page.headers
    assert item.field.quote and f'<mark id="quote">{item.field.quote}' in page.text
    assert 'class="box"' in page.text  # the quote found and boxed on the PDF page
    assert 'id="table"' in page.text and 'class="mark figure"' in page.text
    assert "Page 2 as the council sent it" in page.text
    image = web.get("/page.png", params={"item": item_key(item)})
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    # nothing in the page points to another host
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.text)


def test_filters_narrow_the_queue(db: Path) -> None:
    web = client(db)
    everything = keys(db)
    assert len(everything) >= 3
    listed = re.compile(r'<li class="(?:open|decided)[^"]*">')
    assert len(listed.findall(web.get("/").text)) == len(everything)
    only = web.get("/", params={"field": "rhi_completed"}).text
    assert len(listed.findall(only)) == sum(k.endswith(":rhi_completed") for k in everything)
    assert len(listed.findall(web.get("/", params={"council": "crowlands"}).text)) >= 1
    assert len(listed.findall(web.get("/", params={"council": "nowhere"}).text)) == 0
    assert len(listed.findall(web.get("/", params={"flag": "no-such-flag"}).text)) == 0
    post(web, db, everything[0], "a")
    undecided = web.get("/", params={"undecided": "1"}).text
    assert len(listed.findall(undecided)) == len(everything) - 1
    by_sam = web.get("/", params={"reviewer": "sam"}).text
    assert len(listed.findall(by_sam)) == 1
    assert "1 decided" in by_sam and "sam 1" in by_sam


def test_a_decision_is_recorded_at_once_and_a_bad_value_is_explained(db: Path) -> None:
    web = client(db)
    key = keys(db)[0]
    bad = post(web, db, key, "c", value="4x5", reviewer="kim")
    assert bad.status_code == 400
    assert "is not a number" in bad.json()["error"]
    with open_store(db) as store:
        assert store.counts()["review_decisions"] == 0
    good = post(web, db, key, "c", value="410", reviewer="kim", note="see table 2")
    assert good.status_code == 200
    sha, field = key.split(":")
    with open_store(db) as store:
        decision = store.decisions()[(sha, field)]
    assert (decision.action, decision.value, decision.reviewer, decision.note) == (
        "correct",
        410,
        "kim",
        "see table 2",
    )
    refused = post(web, db, key, "a", reviewer="bad\x1bname")
    assert "control character" in refused.json()["error"]


def test_two_reviewers_on_one_field_lose_nothing(db: Path) -> None:
    ann, bob = client(db, "ann"), client(db, "bob")
    key = keys(db)[0]
    with open_store(db) as store:
        item = next(i for i in review_items(store) if item_key(i) == key)
    shown = {"key": key, "seen": 0, "fingerprint": fingerprint(item)}
    token = {"X-RHI-Token": TOKEN}
    first = ann.post("/decide", json={**shown, "action": "a", "reviewer": "ann"}, headers=token)
    assert first.status_code == 200
    # bob's page still shows the field undecided: he is shown both, and nothing is written
    second = bob.post(
        "/decide",
        json={**shown, "action": "s", "status": "h", "reviewer": "bob"},
        headers=token,
    )
    assert second.status_code == 409
    told = second.json()
    assert told["theirs"].startswith("accepted by ann")
    assert told["mine"].startswith("status set to not held by bob")
    with open_store(db) as store:
        assert store.counts()["review_decisions"] == 1
    # bob says his stands: it is recorded over ann's, and both stay in the store
    again = bob.post(
        "/decide",
        json={**shown, "seen": told["theirs_id"], "action": "s", "status": "h", "reviewer": "bob"},
        headers=token,
    )
    assert again.status_code == 200
    with open_store(db) as store:
        rows = store.db.execute(
            "SELECT reviewer, action, status FROM review_decisions ORDER BY id"
        ).fetchall()
    assert rows == [("ann", "accept", None), ("bob", "set_status", "not_held")]


def test_a_stale_page_is_told_to_reload(db: Path) -> None:
    web = client(db)
    key = keys(db)[0]
    stale = web.post(
        "/decide",
        json={"key": key, "action": "a", "seen": 0, "fingerprint": "not-what-is-stored"},
        headers={"X-RHI-Token": TOKEN},
    )
    assert stale.status_code == 409 and "stale" in stale.json()
    gone = web.post(
        "/decide",
        json={"key": "0" * 64 + ":rhi_completed", "action": "a", "seen": 0, "fingerprint": ""},
        headers={"X-RHI-Token": TOKEN},
    )
    assert gone.status_code == 409 and "stale" in gone.json()
    with open_store(db) as store:
        assert store.counts()["review_decisions"] == 0
    shown = web.get("/", params={"item": key, "changed": "1"}).text
    assert 'id="changed"' in shown


def test_next_goes_to_the_next_undecided_field(db: Path) -> None:
    web = client(db)
    first, second, third = keys(db)[:3]
    post(web, db, second, "a")
    answer = web.get("/next", params={"item": first}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/?item=" + third.replace(":", "%3A"))


def test_report_and_summary_are_served(db: Path) -> None:
    web = client(db)
    report, summary = web.get("/report"), web.get("/summary")
    assert report.status_code == 200 and "<html" in report.text.lower()
    assert summary.status_code == 200 and "<html" in summary.text.lower()


@pytest.mark.slow  # a real server process: about 2 s
def test_the_command_prints_its_address_and_stops_on_ctrl_c_in_one_line(db: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    command = [sys.executable, "-m", "rhi_llm", "review", "--web", "--no-open", "--db", str(db)]
    env = {**os.environ, "RHI_LLM_REVIEWER": "sam", "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        assert server.stdout is not None
        first = server.stdout.readline().decode()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]{20,})", first)
        assert found, first
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{found[1]}/", timeout=10)
        assert refused.value.code == 403
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=20)
    assert server.returncode == 0
    assert out.decode().splitlines()[-1] == "review stopped; every decision is in the run store"
    assert err.decode() == ""
