"""A PDF letter's page as the council sent it, with a quote's place boxed: for the browser review.

The page is drawn by PDFium (pypdfium2). The quote is found among the characters of the page's
text layer (pdfplumber), or, on a scanned page, among the words Tesseract reads from the drawn
page (pytesseract ``image_to_data``). Letters, digits and their order are compared; spaces,
line breaks and punctuation are not, because every reader of a PDF spaces text differently.
Boxes are fractions of the page's width and height, one per line of the quote.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCALE = 2.0  # pixels per PDF point of the drawn page (144 dpi)
OCR_SCALE = 300 / 72  # Tesseract reads best at 300 dpi


@dataclass(frozen=True)
class Box:
    """A rectangle on a page, as fractions of its width and height."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class _Mark:
    """One letter or digit found on the page, with the box it stands in and its line."""

    char: str
    box: tuple[float, float, float, float]  # in the page's own units
    line: tuple[int, ...]


def _plain(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def page_png(path: Path, page: int, *, scale: float = SCALE) -> bytes:
    """The page (1-based) drawn as a PNG."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        image = pdf[page - 1].render(scale=scale).to_pil()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def quote_boxes(
    path: Path, page: int, quote: str, *, scanned: bool, near: float = 0.0
) -> list[Box]:
    """Where ``quote`` stands on the page (1-based): one box a line, [] when not found.
    ``near`` is how far down the page's text the quote starts (0 to 1): where the quote's
    words stand more than once on the page ('109' in two tables), the nearest is taken."""
    marks, width, height = _ocr_marks(path, page) if scanned else _text_marks(path, page)
    found = _find(marks, _plain(quote), near)
    if not found:
        return []
    lines: dict[tuple[int, ...], list[float]] = {}
    for mark in found:
        x0, y0, x1, y1 = mark.box
        box = lines.setdefault(mark.line, [x0, y0, x1, y1])
        box[:] = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]
    return [Box(b[0] / width, b[1] / height, b[2] / width, b[3] / height) for b in lines.values()]


def _find(marks: list[_Mark], wanted: str, near: float) -> list[_Mark]:
    if not wanted:
        return []
    text = "".join(m.char for m in marks)
    places, at = [], text.find(wanted)
    while at >= 0:
        places.append(at)
        at = text.find(wanted, at + 1)
    if not places:
        return []
    best = min(places, key=lambda place: abs(place / max(1, len(text)) - near))
    return marks[best : best + len(wanted)]


def _text_marks(path: Path, page: int) -> tuple[list[_Mark], float, float]:
    """The page's letters and digits from its text layer, each with its line (its top)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        sheet = pdf.pages[page - 1]
        marks = []
        for char in sheet.chars:
            for one in _plain(str(char["text"])):
                box = (
                    float(char["x0"]),
                    float(char["top"]),
                    float(char["x1"]),
                    float(char["bottom"]),
                )
                marks.append(_Mark(one, box, (round(float(char["top"])),)))
        return marks, float(sheet.width), float(sheet.height)


def _ocr_marks(path: Path, page: int) -> tuple[list[_Mark], float, float]:
    """The words Tesseract reads on the drawn page, each letter with its word's box."""
    import pytesseract
    from PIL import Image

    image = Image.open(io.BytesIO(page_png(path, page, scale=OCR_SCALE)))
    data: dict[str, list[Any]] = pytesseract.image_to_data(
        image, output_type=pytesseract.Output.DICT
    )
    marks: list[_Mark] = []
    for index, word in enumerate(data["text"]):
        left, top = float(data["left"][index]), float(data["top"][index])
        box = (left, top, left + float(data["width"][index]), top + float(data["height"][index]))
        line = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        marks.extend(_Mark(one, box, tuple(int(n) for n in line)) for one in _plain(str(word)))
    return marks, float(image.width), float(image.height)
