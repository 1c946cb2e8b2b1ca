"""The review report in a real browser: Debian's headless Chromium, driven by Playwright.

Clicking a flagged figure in the batch table must land on its quote: the link's target is
the `:target`, in the viewport, right before the highlighted words of the quote. The page
must load without console errors, page errors or any request beyond the file itself, also
with 400 letters (whose sections the browser lays out only when needed).

Nothing is downloaded: the browser is the system's ``chromium`` (never Playwright's own), and
it runs with background networking off. Without it, or without the ``playwright`` package,
the tests skip and say what to install. A screenshot of the page, scrolled to a flagged
quote, is kept as ``artifacts/report-browser.png`` (and in ``$RHI_LLM_ARTIFACTS`` if set).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.core.records import LetterDocument, OutputRow, ReviewDecision
from rhi_llm.report import render_report
from rhi_llm.store import open_store

from conftest import LETTERS, REPO

pytestmark = pytest.mark.slow  # a real browser: a few seconds; CI runs it with -m slow

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

CHROMIUM = Path(os.environ.get("RHI_LLM_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",  # we may run as root, in a container
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # without these Chromium keeps reaching out (updates, safe browsing, sync), and on a
    # closed network its refused connections are logged as errors
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT = "report-browser.png"


def _browser_or_skip() -> None:
    if not CHROMIUM.is_file():
        pytest.skip(
            f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` (or set "
            "RHI_LLM_CHROMIUM to a Chromium binary) to run the browser test"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip(
            "the playwright package is missing: `pip install -e '.[test]'` installs it "
            "(no `playwright install` needed: the system's Chromium is used)"
        )


@dataclass
class Watched:
    """A page and everything it reported while loading and being clicked."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.page_errors == []
        outside = [u for u in self.requests if not u.startswith(("file://", "data:", "about:"))]
        assert outside == []


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserContext]:
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    profile = tempfile.TemporaryDirectory(prefix="rhi-llm-chromium-")
    with profile, sync_playwright() as playwright:
        # a persistent context is the one Playwright way to give a --user-data-dir: a fresh,
        # empty profile of our own
        context = playwright.chromium.launch_persistent_context(
            profile.name,
            executable_path=str(CHROMIUM),
            headless=True,
            args=ARGS,
            viewport={"width": 1400, "height": 900},
            timeout=60_000,
        )
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()


def open_page(context: BrowserContext, path: Path) -> Watched:
    page = context.new_page()
    watched = Watched(page)
    page.on(
        "console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: watched.page_errors.append(str(e)))
    page.on("request", lambda r: watched.requests.append(r.url))
    page.goto(path.resolve().as_uri(), wait_until="load")
    return watched


# --------------------------------------------------------------------------------------------
# The pages
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[OutputRow], dict[str, Any]]:
    """The bundled letters as `extract` stores them: rows and stored texts."""
    _browser_or_skip()
    folder = tmp_path_factory.mktemp("report-browser")
    db = folder / "run.db"
    args = ["extract", str(LETTERS), "--backend", "rules", "--workers", "1", "--quiet"]
    result = CliRunner().invoke(
        cli.app,
        [*args, "--db", str(db), "-o", str(folder / "rows.jsonl")],
        env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "RHI_LLM_CACHE": str(folder / "c")},
    )
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        rows = store.current_rows()
        documents = {r.letter.sha256: store.document(r.letter.sha256) for r in rows}
    return rows, documents


def flagged(rows: list[OutputRow]) -> list[tuple[OutputRow, str]]:
    return [(r, f) for r in rows for f, v in r.fields.items() if v.verdict == "flagged"]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report_file(
    batch: tuple[list[OutputRow], dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The bundled letters' report, with one flagged field decided so a reviewed cell shows."""
    rows, documents = batch
    assert len(flagged(rows)) >= 2, "the bundled letters should have flagged fields"
    row, field_id = flagged(rows)[-1]
    decision = ReviewDecision(
        letter_sha256=row.letter.sha256,
        letter_path=row.letter.path,
        field=field_id,
        action="correct",
        value=401,
        unit="count",
        status="answered",
        reviewer="browser test",
        decided_at="2025-01-01T00:00:00Z",
    )
    page = render_report(rows, {(row.letter.sha256, field_id): decision}, documents)
    return write(tmp_path_factory.mktemp("report") / "report.html", page)


@pytest.fixture(scope="module")
def big_report_file(
    batch: tuple[list[OutputRow], dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """400 letters: the bundled ones over and over, each copy a letter of its own."""
    rows, documents = batch
    many: list[OutputRow] = []
    texts: dict[str, LetterDocument | None] = {}
    for n in range(400):
        original = rows[n % len(rows)]
        sha = f"{original.letter.sha256}-{n}"
        letter = original.letter.model_copy(update={"sha256": sha, "path": f"copy/{n:03}.txt"})
        many.append(original.model_copy(update={"letter": letter}))
        texts[sha] = documents[original.letter.sha256]
    page = render_report(many, {}, texts)
    return write(tmp_path_factory.mktemp("report") / "report-400.html", page)


# --------------------------------------------------------------------------------------------
# What the browser sees
# --------------------------------------------------------------------------------------------

# Where a link landed: the :target, whether it is the link's own target, where it sits in the
# viewport, and the text of the highlighted quote right after it (marks of the same field,
# other anchors and page marks skipped).
LANDED = """
(target) => {
  const el = document.getElementById(target);
  const hit = document.querySelector(':target');
  const field = target.split('-').slice(1).join('-');
  let marks = [];
  if (el.tagName === 'MARK') {
    marks = [el];
  } else {
    for (let n = el.nextElementSibling; n; n = n.nextElementSibling) {
      if (n.matches('span.anchor, span.pg')) continue;
      if (n.tagName !== 'MARK' || !n.dataset.f.split(' ').includes(field)) break;
      marks.push(n);
    }
  }
  const box = (marks[0] || el).getBoundingClientRect();
  return {
    hash: location.hash,
    targetIsIt: hit === el,
    firstAfter: el.tagName === 'MARK' ? 'MARK' : (el.nextElementSibling || {}).tagName,
    quote: marks.map(m => m.textContent).join(''),
    outlined: marks.length > 0 && getComputedStyle(marks[0]).outlineStyle !== 'none',
    top: box.top, bottom: box.bottom, height: innerHeight,
  };
}
"""


def in_view(page: Page, target: str) -> dict[str, Any]:
    """Wait until the target is in the viewport (layout may settle after the jump)."""
    page.wait_for_function(
        "(t) => { const b = document.getElementById(t).getBoundingClientRect();"
        " return location.hash === '#' + t && b.top >= 0 && b.bottom <= innerHeight; }",
        arg=target,
    )
    landed: dict[str, Any] = page.evaluate(LANDED, target)
    return landed


def squeeze(text: str) -> str:
    return " ".join(text.split())


def artifact_folders() -> list[Path]:
    folders = [REPO / "artifacts"]
    if os.environ.get("RHI_LLM_ARTIFACTS"):
        folders.append(Path(os.environ["RHI_LLM_ARTIFACTS"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    return folders


def save_screenshot(page: Page, name: str = SCREENSHOT) -> list[Path]:
    saved = []
    for folder in artifact_folders():
        page.screenshot(path=str(folder / name))
        saved.append(folder / name)
    return saved


def test_flagged_cells_jump_to_their_highlighted_quotes(
    browser: BrowserContext, report_file: Path, batch: tuple[list[OutputRow], dict[str, Any]]
) -> None:
    rows, _ = batch
    watched = open_page(browser, report_file)
    page = watched.page
    links = page.locator("#batch td.flag a")
    # one flagged field was decided: its cell is no longer coloured
    assert links.count() == len(flagged(rows)) - 1
    quotes = {(r.letter.path, f): r.fields[f].quote for r, f in flagged(rows)}
    assert page.locator("#batch td.rv").count() == 1
    assert "corrected by browser test" in page.locator("#batch td.rv").inner_text()
    for n in range(links.count()):
        link = links.nth(n)
        target = (link.get_attribute("href") or "")[1:]
        page.evaluate("window.scrollTo(0, 0)")
        link.click()
        landed = in_view(page, target)
        assert landed["hash"] == f"#{target}"
        assert landed["targetIsIt"], "the link's target is not the page's :target"
        assert landed["firstAfter"] == "MARK"
        assert landed["outlined"], "the quote a link landed on is not outlined"
        assert landed["top"] >= 0 and landed["bottom"] <= landed["height"]
        field_id = target.split("-", 1)[1]
        letter = page.locator(f"#{target}").locator("xpath=ancestor::section")
        path = letter.locator(".meta code").inner_text()
        assert squeeze(landed["quote"]) == squeeze(quotes[(path, field_id)] or "")
        if n == 0:
            saved = save_screenshot(page)
            assert all(p.stat().st_size > 0 for p in saved)
        # and back: the flagged list of the letter links to the cell
        cell = target.replace("l", "c", 1)
        letter.locator(f".flagged a[href='#{cell}']").click()
        page.wait_for_function("(c) => location.hash === '#' + c", arg=cell)
        assert page.evaluate("document.querySelector(':target').id") == cell
        assert page.evaluate("(c) => document.getElementById(c).tagName", cell) == "TD"
    watched.assert_clean()


def test_overlapping_quotes_are_reachable(browser: BrowserContext, report_file: Path) -> None:
    """Quotes that start where another starts: each link lands on its own anchor."""
    watched = open_page(browser, report_file)
    page = watched.page
    shared = page.evaluate(
        "[...document.querySelectorAll('span.anchor + span.anchor')]"
        ".flatMap(a => [a.previousElementSibling.id, a.id])"
    )
    assert shared, "the bundled letters should have quotes sharing a start"
    for target in shared[:4]:
        page.locator(f"#batch a[href='#{target}']").click()
        landed = in_view(page, target)
        assert landed["targetIsIt"] and landed["quote"]
    watched.assert_clean()


def test_400_letters_load_and_jump_to_the_last_flag(
    browser: BrowserContext, big_report_file: Path
) -> None:
    started = time.perf_counter()
    watched = open_page(browser, big_report_file)
    seconds = time.perf_counter() - started
    page = watched.page
    assert page.locator("section.letter").count() == 400
    links = page.locator("#batch td.flag a")
    last = links.nth(links.count() - 1)
    target = (last.get_attribute("href") or "")[1:]
    last.click()
    landed = in_view(page, target)
    assert landed["targetIsIt"] and landed["firstAfter"] == "MARK" and landed["quote"]
    watched.assert_clean()
    assert seconds < 30, f"the 400-letter report took {seconds:.1f}s to load"


# --------------------------------------------------------------------------------------------
# On paper, and scrolled sideways
# --------------------------------------------------------------------------------------------

# A4 landscape less the report's 10 mm margins, in CSS pixels (96 to the inch)
PRINT_WIDTH = round((297 - 20) / 25.4 * 96)
PRINT_HEIGHT = round((210 - 20) / 25.4 * 96)

# Each column header's box and its words' box, and how the first column is positioned.
HEADS = """
() => [...document.querySelectorAll('#batch thead th')].map(th => {
  const b = th.getBoundingClientRect();
  const words = (th.querySelector('.h') || th).getBoundingClientRect();
  return {field: th.dataset.field || 'Letter', left: b.left, right: b.right,
          top: b.top, bottom: b.bottom, wLeft: words.left, wRight: words.right,
          wTop: words.top, wBottom: words.bottom, position: getComputedStyle(th).position,
          visible: getComputedStyle(th).visibility === 'visible' && b.width > 0};
})
"""


def test_printed_report_shows_every_column(browser: BrowserContext, report_file: Path) -> None:
    """Printed on A4 landscape, every column of the table and its header's words are on the
    page, nothing is sticky, and the letters' texts give way to a note saying so."""
    watched = open_page(browser, report_file)
    page = watched.page
    page.set_viewport_size({"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
    page.emulate_media(media="print")
    heads: list[dict[str, Any]] = page.evaluate(HEADS)
    assert len(heads) > 30, "the bundled letters answer about 30 fields"
    for head in heads:
        assert head["visible"], head["field"]
        assert 0 <= head["left"] < head["right"] <= PRINT_WIDTH + 0.5, head
        # the header's words sit inside their own cell, none spilling into the next one
        assert head["left"] - 0.5 <= head["wLeft"] and head["wRight"] <= head["right"] + 0.5
        assert head["top"] - 0.5 <= head["wTop"] and head["wBottom"] <= head["bottom"] + 0.5
        assert head["position"] == "static"
    table = page.evaluate("document.getElementById('batch').getBoundingClientRect().right")
    assert table <= PRINT_WIDTH + 0.5
    # every cell's text is inside its cell (long words wrap rather than overflow)
    spilled = page.evaluate(
        "[...document.querySelectorAll('#batch td')].filter(td => td.scrollWidth > "
        "td.clientWidth + 1).map(td => td.title.split(':')[0])"
    )
    assert spilled == []
    assert page.locator("pre.text").first.is_hidden()
    assert page.locator("p.print-only").is_visible()
    assert "left out" in page.locator("p.print-only").inner_text()
    # links that only take a reader elsewhere on the screen ("back to the table", "quote")
    # are not printed; the field names linking back to their cells are
    printed_links = page.evaluate(
        "[...document.querySelectorAll('section.letter a')].filter(a => a.offsetParent)"
        ".map(a => a.textContent).filter(t => t === 'quote' || t.startsWith('back to'))"
    )
    assert printed_links == []
    save_screenshot(page, "report-print.png")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    _save_first_pdf_page(pdf)
    watched.assert_clean()


def _save_first_pdf_page(pdf: bytes) -> None:
    """The printed PDF's first page, as the page a reader holds: A4 landscape."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    width, height = document[0].get_size()  # in points
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (297, 210)
    image = document[0].render(scale=1.5).to_pil()
    for folder in artifact_folders():
        image.save(folder / "report-print-pdf.png")


def test_sticky_column_covers_the_cells_scrolled_under_it(
    browser: BrowserContext, report_file: Path
) -> None:
    """Scrolled sideways, the letters' column stays put and hides what scrolls under it: it
    looks the same, pixel for pixel, as unscrolled, and every point of it is its own."""
    watched = open_page(browser, report_file)
    page = watched.page
    save_screenshot(page, "report-screen.png")
    box = page.evaluate(
        "(() => { const th = document.querySelector('#batch thead th');"
        " const t = document.getElementById('batch'); const w = document.querySelector('.wrap');"
        " const b = th.getBoundingClientRect(); return {x: b.left, y: b.top, width: b.width,"
        " height: Math.min(t.getBoundingClientRect().bottom, innerHeight) - b.top,"
        " room: w.scrollWidth - w.clientWidth}; })()"
    )
    assert box["room"] > 1000, "the table should be wider than the window"

    def column() -> bytes:
        return page.screenshot(
            clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"]}
        )

    still = column()
    for offset in (37, 333, box["room"] // 2, box["room"]):
        page.evaluate("(x) => { document.querySelector('.wrap').scrollLeft = x; }", offset)
        assert column() == still, f"scrolled {offset}px, the column changed"
        strays = page.evaluate(
            "[...document.querySelectorAll('#batch tr > :first-child')].flatMap(th => {"
            " const b = th.getBoundingClientRect(); if (b.bottom > innerHeight) return [];"
            " return [b.left + 0.5, b.left + b.width / 2, b.right - 0.5].flatMap(x => {"
            " const hit = document.elementFromPoint(x, b.top + b.height / 2);"
            " return th.contains(hit) ? [] : [th.textContent + ' @' + x]; }); })"
        )
        assert strays == []
    page.evaluate("document.querySelector('.wrap').scrollLeft = 333")
    save_screenshot(page, "report-scrolled.png")
    watched.assert_clean()
