"""Remake the browser review's screenshots: a flagged figure boxed on a PDF letter's own page
(artifacts/review-web-pdf.png) and on a scanned letter's page (artifacts/review-web-scan.png).

    python scripts/review_web_screenshots.py [--out artifacts]

The PDF is one of the corpus letters (eval/corpus/letters/crowlands-2018.pdf, a figure in a
table on page 2). The scan is made here from our letter eval/letters/thornbury-2018.txt by
rhi_llm.testing.scans (an image-only PDF, read back by Tesseract). Each is extracted by the
rules backend into a fresh run store, served by `rhi_llm.review_web.serving`, and shown in
Debian's Chromium (/usr/bin/chromium, never a downloaded browser) through Playwright.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.review import review_items
from rhi_llm.review_web import item_key, serving
from rhi_llm.store import open_store
from rhi_llm.testing.scans import render_pages, scan_pdf

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("RHI_LLM_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PDF_LETTER = REPO / "eval" / "corpus" / "letters" / "crowlands-2018.pdf"
PDF_FIELD = "ooa_missing_children"
SCAN_SOURCE = REPO / "eval" / "letters" / "thornbury-2018.txt"


def extracted(folder: Path) -> Path:
    """The folder's letters extracted by the rules backend into a run store in it."""
    db = folder / "run.db"
    done = CliRunner().invoke(
        cli.app, ["extract", str(folder), "--db", str(db), "--backend", "rules"]
    )
    if done.exit_code != 0:
        raise SystemExit(done.output)
    return db


def first_on_a_page(db: Path, field: str | None = None) -> str:
    """The key of a flagged field with a page (the one named, else the first)."""
    with open_store(db) as store:
        for item in review_items(store):
            if item.field.page is not None and field in (None, item.field_id):
                return item_key(item)
    raise SystemExit(f"{db}: no flagged field on a page")


def shoot(db: Path, key: str, out: Path) -> int:
    """A screenshot of the page section of the field's review; returns the boxes shown."""
    from playwright.sync_api import sync_playwright

    with serving(db, "screenshots") as (_, address), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.goto(address, wait_until="load")
            page.goto(address.split("?")[0] + "?item=" + key, wait_until="load")
            page.wait_for_function("document.querySelector('#pdf img').complete")
            page.add_style_tag(content="#decide { position: static; }")  # not over the page
            section = page.locator("#pdf")
            boxes = page.locator("#pdf .box").count()
            page.locator("#pdf .box").first.scroll_into_view_if_needed()
            section.screenshot(path=str(out))
        finally:
            browser.close()
    return boxes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "artifacts")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rhi-llm-shots-") as work:
        pdf_folder = Path(work) / "pdf"
        pdf_folder.mkdir()
        shutil.copy(PDF_LETTER, pdf_folder / PDF_LETTER.name)
        db = extracted(pdf_folder)
        boxes = shoot(db, first_on_a_page(db, PDF_FIELD), out / "review-web-pdf.png")
        print(f"wrote {out / 'review-web-pdf.png'} ({boxes} box(es))")

        scan_folder = Path(work) / "scan"
        scan_folder.mkdir()
        text = SCAN_SOURCE.read_text(encoding="utf-8")
        (scan_folder / "thornbury-2018-scan.pdf").write_bytes(scan_pdf(render_pages(text, seed=2)))
        db = extracted(scan_folder)
        boxes = shoot(db, first_on_a_page(db), out / "review-web-scan.png")
        print(f"wrote {out / 'review-web-scan.png'} ({boxes} box(es))")


if __name__ == "__main__":
    main()
