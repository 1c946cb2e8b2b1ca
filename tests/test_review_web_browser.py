"""The browser review in a real browser: Debian's Chromium driven by Playwright (never a
downloaded browser; without it or the playwright package the test skips and says why).

A reviewer walks a session on a store made from our letters by the rules backend: changes
their name, accepts, corrects with a bad then a good value, goes back and sets not held,
goes back again and skips. The store must then hold exactly those decisions, row by row;
the page must ask nothing of any host but the app, and log no error; the server must refuse
a request without the token, and one naming another host."""

from __future__ import annotations

import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.review import record_decision, review_items
from rhi_llm.review_web import item_key, serving
from rhi_llm.store import open_store

from conftest import LETTERS
from test_report_browser import ARGS, CHROMIUM, _browser_or_skip

pytestmark = pytest.mark.slow  # a real browser and a server: several seconds

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page


@pytest.fixture(scope="module")
def letters_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web-browser") / "run.db"
    done = CliRunner().invoke(
        cli.app, ["extract", str(LETTERS), "--db", str(db), "--backend", "rules"]
    )
    assert done.exit_code == 0, done.output
    return db


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserContext]:
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1300, "height": 900},
        )
        context.set_default_timeout(20_000)
        try:
            yield context
        finally:
            context.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # the answer itself is what we check


def status_of(url: str, host: str | None = None) -> int:
    """The status of a GET, redirects not followed."""
    request = urllib.request.Request(url)
    if host is not None:
        request.add_header("Host", host)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as refused:
        return int(refused.code)


def shown_key(page: Page) -> str | None:
    return (
        page.locator("#item").get_attribute("data-key") if page.locator("#item").count() else None
    )


def test_a_review_session_in_the_browser(letters_db: Path, browser: BrowserContext) -> None:
    with open_store(letters_db) as store:
        first, second = (item_key(i) for i in review_items(store)[:2])
    with serving(letters_db, "login-name") as (session, address):
        root = f"http://127.0.0.1:{session.port}/"
        # the server refuses a request without the token, and one naming another host
        assert status_of(root) == 403
        assert status_of(address, host=f"attacker.example:{session.port}") == 403
        assert status_of(address) == 303  # the token is right: on, with a cookie

        page = browser.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on(
            "console",
            lambda m: (
                errors.append(f"{m.text} {m.location.get('url')}") if m.type == "error" else None
            ),
        )
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: d.accept("Ann Reviewer"))
        page.goto(address, wait_until="load")
        assert page.url == root  # the token left the address once it became a cookie
        assert shown_key(page) == first
        assert page.locator("mark#quote").is_visible()
        page.click("#rename")
        assert page.locator("#reviewer-name").inner_text() == "Ann Reviewer"

        page.keyboard.press("a")  # accept: on to the next field
        page.wait_for_url(lambda url: "item=" in url)
        assert shown_key(page) == second
        page.keyboard.press("c")
        page.fill("#value", "4x5")
        page.keyboard.press("Enter")
        page.locator("#message.error", has_text="is not a number").wait_for()
        with open_store(letters_db) as store:
            assert store.counts()["review_decisions"] == 1  # the bad value recorded nothing
        page.fill("#value", "410")
        page.keyboard.press("Enter")
        page.locator("#done").wait_for()  # nothing undecided after it

        page.keyboard.press("b")  # back: the field, with its decision
        page.locator("#decided").wait_for()
        assert shown_key(page) == second
        assert "corrected to 410 by Ann Reviewer" in page.locator("#decided").inner_text()
        page.keyboard.press("s")
        page.keyboard.press("h")
        page.locator("#done").wait_for()

        page.keyboard.press("b")
        page.locator("#decided").wait_for()
        assert "status set to not held" in page.locator("#decided").inner_text()
        page.keyboard.press("b")
        page.wait_for_function(f"document.querySelector('#item')?.dataset.key === '{first}'")
        page.keyboard.press("k")  # skip: nothing recorded
        page.locator("#done").wait_for()
        page.close()

    with open_store(letters_db) as store:
        rows = store.db.execute(
            "SELECT letter_sha256 || ':' || field, action, value_json, status, reviewer "
            "FROM review_decisions ORDER BY id"
        ).fetchall()
    assert rows == [
        (first, "accept", None, None, "Ann Reviewer"),
        (second, "correct", "410", "answered", "Ann Reviewer"),
        (second, "set_status", None, "not_held", "Ann Reviewer"),
    ]
    # the one error the browser logs is the bad value's refusal (400); nothing else failed
    assert len(errors) == 1 and errors[0].endswith("/decide?"), errors
    outside = [url for url in requests if not url.startswith(root)]
    assert outside == []
    assert len(requests) >= 10  # the pages, their style sheet and script were all seen


def test_a_field_decided_by_someone_else_meanwhile_shows_both_and_asks(
    letters_db: Path, browser: BrowserContext, tmp_path: Path
) -> None:
    db = tmp_path / "two.db"
    with open_store(letters_db) as source:
        source.db.execute(f"VACUUM INTO '{db}'")
    with open_store(db) as store:
        store.db.execute("DELETE FROM review_decisions")
        item = review_items(store)[0]
    with serving(db, "ann") as (_, address):
        page = browser.new_page()
        page.goto(address, wait_until="load")
        assert shown_key(page) == item_key(item)
        # meanwhile bob, in his own session, sets the field not held
        with open_store(db) as store:
            record_decision(store, item, "s", "bob", status="h")
        page.keyboard.press("a")
        page.locator("#conflict").wait_for()
        assert page.locator("#theirs").inner_text().startswith("status set to not held by bob")
        assert page.locator("#mine").inner_text().startswith("accepted by ann")
        with open_store(db) as store:
            assert store.counts()["review_decisions"] == 1  # ann's is not written yet
        page.click("#keep-mine")
        page.wait_for_url(lambda url: "item=" in url)
        page.close()
    with open_store(db) as store:
        rows = store.db.execute(
            "SELECT reviewer, action FROM review_decisions ORDER BY id"
        ).fetchall()
    assert rows == [("bob", "set_status"), ("ann", "accept")]
