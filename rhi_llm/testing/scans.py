"""Scans made from a letter's text, for testing OCR: pages printed as a council's printer
would, then "scanned" with a slight skew, blur, speckle noise, a received stamp and a
signature scrawl. Made at test time from our own letters, never stored.

Markdown marks and table bars are left off the print (a printed letter shows neither): a table
row's cells are printed in columns, as a table without rules.
"""

from __future__ import annotations

import io
import math
import random
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.Image import Image
    from PIL.ImageFont import FreeTypeFont, ImageFont

FONTS = (
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
WIDTH = 92  # characters to a printed line
_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}\s+", re.MULTILINE)
_RULE_ROW = re.compile(r"^\s*\|?\s*:?-{3,}")


@dataclass(frozen=True)
class ScanStyle:
    dpi: int = 200
    skew_degrees: float = 0.7  # the most a page is turned, either way
    blur: float = 0.6  # Gaussian blur radius in pixels
    speckle: float = 0.002  # the share of pixels flipped to black or white
    stamp: bool = True
    signature: bool = True
    font_points: float = 11.0


Line = str | tuple[str, ...]  # a line of text, or a table row's cells


def printed_lines(text: str) -> list[Line]:
    """The lines a printer would put on paper for a letter's text (a table row as cells)."""
    lines: list[Line] = []
    for raw in _MARKUP.sub("", text).splitlines():
        if _RULE_ROW.match(raw):
            continue
        if raw.count("|") >= 2 or (raw.count("|") == 1 and not raw.strip().startswith("|")):
            lines.append(tuple(c.strip() for c in raw.strip().strip("|").split("|")))
            continue
        if len(raw) <= WIDTH:
            lines.append(raw.rstrip())
            continue
        indent = len(raw) - len(raw.lstrip())
        lines.extend(
            textwrap.wrap(raw, WIDTH, subsequent_indent=" " * indent, break_long_words=True)
        )
    return lines


def _font(size: int) -> FreeTypeFont | ImageFont:
    from PIL import ImageFont

    for candidate in FONTS:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def render_pages(text: str, *, style: ScanStyle | None = None, seed: int = 0) -> list[Image]:
    """A letter's text as scanned A4 pages (greyscale images)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    style = style or ScanStyle()
    rng = random.Random(seed)
    dpi = style.dpi
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    margin = int(0.9 * dpi)
    size = max(8, round(style.font_points / 72 * dpi))
    font = _font(size)
    step = int(size * 1.4)
    per_page = max(1, (height - 2 * margin) // step)
    placed = _laid_out(printed_lines(text), font, width - 2 * margin, gap=int(0.3 * dpi))
    chunks = [placed[i : i + per_page] for i in range(0, len(placed), per_page)] or [[]]
    pages: list[Any] = []
    for number, chunk in enumerate(chunks):
        page = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(page)
        y = margin
        for pieces in chunk:
            ink = rng.randint(0, 40)
            for x, piece in pieces:
                draw.text((margin + x, y), piece, fill=ink, font=font)
            y += step
        if style.stamp and number == 0:
            _stamp(page, rng, dpi)
        if style.signature and number == len(chunks) - 1:
            _scrawl(draw, rng, margin, min(y + step, height - margin), dpi)
        angle = rng.uniform(-style.skew_degrees, style.skew_degrees)
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
        if style.blur:
            page = page.filter(ImageFilter.GaussianBlur(style.blur))
        if style.speckle:
            pixels = np.asarray(page).copy()
            noise = np.random.default_rng(seed * 1009 + number).random(pixels.shape)
            pixels[noise < style.speckle / 2] = 0
            pixels[noise > 1 - style.speckle / 2] = 255
            page = Image.fromarray(pixels, mode="L")
        pages.append(page)
    return pages


Placed = list[tuple[int, str]]  # one printed line: pieces of text and where each starts


def _laid_out(
    lines: Sequence[Line], font: FreeTypeFont | ImageFont, room: int, gap: int
) -> list[Placed]:
    """Lines as printed: text as it is; each table (consecutive rows of cells) in columns
    lined up, a cell too wide for its column wrapped inside it, as a word processor prints a
    table that would not fit the page."""
    out: list[Placed] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if isinstance(line, str):
            out.append([(0, line)] if line else [])
            index += 1
            continue
        block: list[tuple[str, ...]] = []
        while index < len(lines) and isinstance(lines[index], tuple):
            block.append(lines[index])  # type: ignore[arg-type]
            index += 1
        starts, widths = _columns(block, font, room, gap)
        for row in block:
            wrapped = [_wrap(cell, font, widths[c]) for c, cell in enumerate(row)]
            for k in range(max((len(w) for w in wrapped), default=1)):
                out.append(
                    [(starts[c], w[k]) for c, w in enumerate(wrapped) if k < len(w) and w[k]]
                )
    return out


def _columns(
    rows: Sequence[tuple[str, ...]], font: FreeTypeFont | ImageFont, room: int, gap: int
) -> tuple[list[int], list[int]]:
    """Where each column of a table starts and how wide it is: each as wide as its widest
    cell, and where they would not fit, the wide ones narrowed to share what is left."""
    natural: list[float] = []
    for row in rows:
        for c, cell in enumerate(row):
            width = float(font.getlength(cell))
            if c < len(natural):
                natural[c] = max(natural[c], width)
            else:
                natural.append(width)
    available = room - gap * max(0, len(natural) - 1)
    widths = list(natural)
    if sum(widths) > available and widths:
        fair = available / len(widths)
        narrow = [w for w in widths if w <= fair]
        wide = [i for i, w in enumerate(widths) if w > fair]
        share = (available - sum(narrow)) / max(1, len(wide))
        for i in wide:
            widths[i] = max(share, fair / 2)
    starts, x = [], 0.0
    for width in widths:
        starts.append(int(x))
        x += width + gap
    return starts, [int(w) for w in widths]


def _wrap(cell: str, font: FreeTypeFont | ImageFont, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in cell.split():
        trial = f"{current} {word}".strip()
        if current and font.getlength(trial) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return [*lines, current] if current or not lines else lines


def _stamp(page: Image, rng: random.Random, dpi: int) -> None:
    """A grey, turned "RECEIVED" stamp in the top right corner, away from the text's figures."""
    from PIL import Image, ImageDraw

    box = Image.new("L", (int(2.0 * dpi), int(0.7 * dpi)), 255)
    draw = ImageDraw.Draw(box)
    draw.rectangle((2, 2, box.width - 3, box.height - 3), outline=120, width=max(2, dpi // 60))
    draw.text((int(0.2 * dpi), int(0.18 * dpi)), "RECEIVED", fill=120, font=_font(dpi // 4))
    turned = box.rotate(rng.uniform(-12, 12), expand=True, fillcolor=255)
    page.paste(turned, (page.width - turned.width - dpi // 3, dpi // 6), None)


def _scrawl(draw: object, rng: random.Random, x: int, y: int, dpi: int) -> None:
    """A signature: a wavy pen line."""
    from PIL import ImageDraw

    assert isinstance(draw, ImageDraw.ImageDraw)
    points = []
    for step in range(60):
        t = step / 59
        points.append(
            (
                x + t * 1.8 * dpi,
                y + 0.15 * dpi * math.sin(t * 14 + rng.random()) + rng.uniform(-3, 3),
            )
        )
    draw.line(points, fill=30, width=max(2, dpi // 80))


def scan_pdf(pages: Sequence[Image], *, dpi: int = 200) -> bytes:
    """Page images as an image-only PDF (no text layer), as a scanner writes one."""
    out = io.BytesIO()
    first, *rest = pages
    first.save(out, "PDF", save_all=True, append_images=list(rest), resolution=float(dpi))
    return out.getvalue()


def scan_png(page: Image) -> bytes:
    out = io.BytesIO()
    page.save(out, "PNG")
    return out.getvalue()
