"""A quote boxed on a PDF letter's own page (`rhi_llm.review_pages`): from the text layer of
a PDF, and from Tesseract's words on a scanned page. Each box is checked against the page
itself: the text layer's own word, or what Tesseract reads inside the box."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from rhi_llm.review_pages import OCR_SCALE, page_png, quote_boxes
from rhi_llm.testing.scans import render_pages, scan_pdf

from conftest import LETTERS

REPO = Path(__file__).resolve().parent.parent
TABLE_PDF = REPO / "eval" / "corpus" / "letters" / "crowlands-2018.pdf"


def test_a_figure_in_a_pdf_table_is_boxed_where_the_text_layer_has_it() -> None:
    import pdfplumber

    with pdfplumber.open(str(TABLE_PDF)) as pdf:
        sheet = pdf.pages[1]
        words = [w for w in sheet.extract_words() if w["text"] == "109"]
        width, height = float(sheet.width), float(sheet.height)
    assert len(words) == 1
    boxes = quote_boxes(TABLE_PDF, 2, "109", scanned=False)
    assert len(boxes) == 1
    box, word = boxes[0], words[0]
    assert box.left == pytest.approx(float(word["x0"]) / width, abs=0.002)
    assert box.right == pytest.approx(float(word["x1"]) / width, abs=0.002)
    assert box.top == pytest.approx(float(word["top"]) / height, abs=0.002)


def test_a_quote_over_two_lines_gets_a_box_a_line_and_a_missing_one_none() -> None:
    two_lines = "Crowlands looked after children placed outside the borough 139 148 OOA 2b"
    assert len(quote_boxes(TABLE_PDF, 2, two_lines, scanned=False)) == 2
    assert quote_boxes(TABLE_PDF, 2, "words that are on no page", scanned=False) == []


def test_where_a_figure_stands_twice_the_nearest_to_its_place_is_taken() -> None:
    # '2b' heads two rows of table 5: the first a little way down, the second further
    high = quote_boxes(TABLE_PDF, 2, "OOA 2b", scanned=False, near=0.0)
    low = quote_boxes(TABLE_PDF, 2, "OOA 2b", scanned=False, near=1.0)
    assert len(high) == len(low) == 1
    assert high[0].top < low[0].top


@pytest.mark.slow  # Tesseract reads the page twice: about 4 s
def test_a_quote_on_a_scan_is_boxed_where_tesseract_reads_it(tmp_path: Path) -> None:
    import pytesseract
    from PIL import Image

    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed (apt-get install tesseract-ocr)")
    scan = tmp_path / "thornbury-scan.pdf"
    text = (LETTERS / "thornbury-2018.txt").read_text(encoding="utf-8")
    scan.write_bytes(scan_pdf(render_pages(text, seed=2)))
    boxes = quote_boxes(scan, 1, "Q6a: 402", scanned=True)
    assert len(boxes) == 1
    page = Image.open(io.BytesIO(page_png(scan, 1, scale=OCR_SCALE)))
    box = boxes[0]
    inside = page.crop(
        (
            int(box.left * page.width) - 4,
            int(box.top * page.height) - 4,
            int(box.right * page.width) + 4,
            int(box.bottom * page.height) + 4,
        )
    )
    read = pytesseract.image_to_string(inside, config="--psm 7")
    assert "402" in read and "415" not in read
