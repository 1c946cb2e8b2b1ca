"""Scanned pages read with Tesseract (through pytesseract), keeping its word confidences.

A page's text is built here from Tesseract's words (``image_to_data``) rather than taken from
its plain-text output, so that where each word lands in the text is known: a line is its
words in order, a wide gap between two words (a table's columns) is kept as a run of spaces,
and a taller gap between lines (a paragraph break) as a blank line. A word that holds a digit
and was read with low confidence, or that mixes digits with letters a scan confuses with them
(l and I for 1, O for 0, S for 5, B for 8), is kept as a doubtful span: the verifier flags a
figure read from one, so an OCR misreading never passes as ok.

Results are cached by the file's hash, the page and the engine's settings, so a rerun of a
batch does not read a scan twice.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import re
import statistics
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhi_llm.core.errors import LetterError, LetterTooLarge, LoadTimeout, OcrUnavailable
from rhi_llm.core.settings import one_thread_per_tesseract
from rhi_llm.formats.text import normalise_text

if TYPE_CHECKING:
    from PIL.Image import Image

DPI = 300  # Tesseract reads best at about 300 dots per inch
PSM = 6  # one block of text: keeps a table's row on one line rather than splitting columns
LANGUAGE = "eng"
# Below this word confidence (Tesseract's 0-100), a word with a digit is doubtful. Chosen
# with `rhi-llm bench scans`: our rendered scans' correctly read figures sit above 90.
LOW_CONFIDENCE = 85.0
MAX_PIXELS = 60_000_000  # a page rendered or decoded larger than this is not read
MAX_SIDE = 6000  # longer sides are scaled down to this before reading (A4 at 300 dpi: 3508)
MAX_PAGES = 40  # a reply letter's scan is a few pages; a scanned report is not a letter
CACHE_VERSION = "3"  # bump when the text built from Tesseract's words changes

_DIGIT = re.compile(r"\d")
_SPECK = re.compile(r"^[^\w£$%]{1,2}$")  # one or two marks, no letter or digit
SPECK_CONFIDENCE = 70.0
# a line that starts "7.431" or "4b)12": a question's number and its figure run together,
# where the space between them was too narrow for Tesseract to see
# a line that starts "Sa." or "Ib)": a question's number with its first digit misread
_MISREAD_MARKER = re.compile(r"^[SOIlBZ][a-h][.)]$")
_DIGIT_FOR = {"S": "5", "O": "0", "I": "1", "l": "1", "B": "8", "Z": "2"}
_MERGED_MARKER = re.compile(r"^(\d{1,2}[a-z]?[.)])(\d{2,}(?:,\d{3})*)$")
# letters and marks a scan confuses with digits, inside a word that also holds a digit
_CONFUSABLE = re.compile(r"[OoQDIlL|!SsBZzg]")
# words that are ordinary beside digits and not a misreading ("1st", "4a", "Q5", "12pm")
_PLAIN_AFFIX = re.compile(r"^(?:Q|No\.?)?\d[\d,.:/%-]*(?:st|nd|rd|th|am|pm|[a-z])?$")


@dataclass(frozen=True)
class OcrPage:
    """One page as Tesseract read it: its text, its mean word confidence and the spans
    (offsets into ``text``) of doubtful words."""

    text: str
    confidence: float | None
    doubtful: tuple[tuple[int, int], ...]
    words: int


@functools.lru_cache(maxsize=1)
def _installed_version() -> str | None:
    try:
        import pytesseract

        return str(pytesseract.get_tesseract_version())
    except Exception:
        return None


def tesseract_version() -> str | None:
    """Tesseract's version, or None when it is not installed (asked once per process, when
    it is installed: every page's cache key holds it)."""
    version = _installed_version()
    if version is None:
        _installed_version.cache_clear()  # installed later in a long session: ask again
    return version


def unavailable(path: str) -> OcrUnavailable:
    return OcrUnavailable(
        "the file holds scanned pages and Tesseract is not installed: install it "
        "(Debian or Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng), or pass --no-ocr "
        "to leave scans unread",
        path=path,
    )


def is_doubtful(word: str, confidence: float) -> bool:
    """Could this word be a misread figure? It holds a digit and Tesseract was unsure of it,
    or it mixes digits with letters a scan confuses with digits ("l43", "2O17", "S0")."""
    if not _DIGIT.search(word):
        return False
    if confidence < LOW_CONFIDENCE:
        return True
    core = word.strip("()[]{}.,;:'\"")
    return bool(_CONFUSABLE.search(core)) and not _PLAIN_AFFIX.match(core)


def page_from_data(data: dict[str, list[Any]]) -> OcrPage:
    """Build a page's text from pytesseract's ``image_to_data`` dictionary."""
    lines: dict[tuple[int, int, int], list[int]] = {}
    words = [" ".join(normalise_text(str(raw)).split()) for raw in data["text"]]
    for i, word in enumerate(words):
        if not word or float(data["conf"][i]) < 0:
            continue
        if _SPECK.match(word) and float(data["conf"][i]) < SPECK_CONFIDENCE:
            # a lone mark read with little confidence: a speck of the scan, which would add a
            # column to a table row or a stray word to a line
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        lines.setdefault(key, []).append(i)
    ordered = sorted(lines.values(), key=lambda idx: min(int(data["top"][i]) for i in idx))
    tops = [min(int(data["top"][i]) for i in idx) for idx in ordered]
    pitches = [b - a for a, b in itertools.pairwise(tops) if b > a]
    pitch = statistics.median(pitches) if pitches else 0
    # the page's usual width of a character, and its left margin, for placing columns
    widths = [int(data["width"][i]) / len(words[i]) for idx in ordered for i in idx]
    char_width = max(1.0, statistics.median(widths)) if widths else 1.0
    lefts = [int(data["left"][i]) for idx in ordered for i in idx]
    margin = min(lefts) if lefts else 0
    parts: list[str] = []
    doubtful: list[tuple[int, int]] = []
    confidences: list[float] = []
    offset = 0
    previous: tuple[int, int] | None = None  # the last line's top and bottom
    for idx in ordered:
        idx.sort(key=lambda i: int(data["left"][i]))
        top = min(int(data["top"][i]) for i in idx)
        bottom = max(int(data["top"][i]) + int(data["height"][i]) for i in idx)
        if previous is not None:
            # a line further below the last than the page's usual pitch, at its top and its
            # bottom both (a speck or a tall letter moves only one): a paragraph
            apart = min(top - previous[0], bottom - previous[1])
            breaker = "\n\n" if pitch and apart > 1.6 * pitch else "\n"
            parts.append(breaker)
            offset += len(breaker)
        previous = (top, bottom)
        line_start = offset
        right: int | None = None
        for position, i in enumerate(idx):
            word = words[i]
            if position == 0 and _MISREAD_MARKER.match(word):
                word = _DIGIT_FOR[word[0]] + word[1:]  # "Sa." for "5a.", a question's number
            merged = _MERGED_MARKER.match(word) if position == 0 else None
            if merged:  # "7.431": a question's number run into its figure ("7. 431")
                marker, figure = merged.group(1), merged.group(2)
                parts.append(marker + " ")
                offset += len(marker) + 1
                doubtful.append((offset, offset + len(figure)))
                confidences.append(float(data["conf"][i]))
                parts.append(figure)
                offset += len(figure)
                right = int(data["left"][i]) + int(data["width"][i])
                continue
            left = int(data["left"][i])
            if right is not None:
                gap_text = " "
                if left - right > 2.5 * char_width:
                    # a column: the word goes where its left edge falls in characters, as a
                    # table typed with spaces lines up (two spaces at least)
                    column = round((left - margin) / char_width)
                    gap_text = " " * max(2, min(120, column - (offset - line_start)))
                parts.append(gap_text)
                offset += len(gap_text)
            confidence = float(data["conf"][i])
            confidences.append(confidence)
            if is_doubtful(word, confidence):
                doubtful.append((offset, offset + len(word)))
            parts.append(word)
            offset += len(word)
            right = left + int(data["width"][i])
    mean = round(statistics.fmean(confidences), 1) if confidences else None
    return OcrPage(
        text="".join(parts), confidence=mean, doubtful=tuple(doubtful), words=len(confidences)
    )


def _prepared(image: Image, path: str) -> Image:
    width, height = image.size
    if width * height > MAX_PIXELS * 4:
        raise LetterTooLarge(
            f"a page image is {width} x {height} pixels; pages over "
            f"{MAX_PIXELS * 4 / 1e6:.0f} million pixels are not read",
            path=path,
        )
    from PIL import ImageFilter

    if image.mode != "L":
        image = image.convert("L")
    if max(width, height) > MAX_SIDE:
        scale = MAX_SIDE / max(width, height)
        image = image.resize((max(1, int(width * scale)), max(1, int(height * scale))))
    # a scanner's specks read as stray marks and punctuation: a 3x3 median takes them out
    # and leaves strokes of text at 150 dpi and above
    return image.filter(ImageFilter.MedianFilter(3))


def read_image(image: Image, *, timeout: float, path: str) -> OcrPage:
    """One page image through Tesseract."""
    import pytesseract

    image = _prepared(image, path)
    try:
        data = pytesseract.image_to_data(
            image,
            lang=LANGUAGE,
            config=f"--psm {PSM}",
            output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
    except pytesseract.TesseractNotFoundError:
        raise unavailable(path) from None
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise LoadTimeout(
                f"OCR of a page took over {timeout:g} s and was stopped "
                "(RHI_LLM_OCR_TIMEOUT sets the limit)",
                path=path,
            ) from None
        raise LetterError(f"Tesseract could not read a page ({exc})", path=path) from None
    except pytesseract.TesseractError as exc:
        raise LetterError(
            f"Tesseract could not read a page ({str(exc.message)[:120]})", path=path
        ) from None
    return page_from_data(data)


def render_pdf_page(data: bytes, index: int, path: str) -> Image:
    """A PDF page as an image at `DPI`, through PDFium."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        page = document[index]
        width, height = page.get_size()  # points, 72 to the inch
        scale = DPI / 72
        if width * height * scale * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / (width * height)) ** 0.5
        image: Image = page.render(scale=scale, grayscale=True).to_pil()
        page.close()
        return image
    finally:
        document.close()


def _cache_key(sha256: str, page: int) -> str:
    settings = f"{CACHE_VERSION}|{tesseract_version()}|{DPI}|{PSM}|{LANGUAGE}|{LOW_CONFIDENCE}"
    tag = hashlib.sha256(settings.encode()).hexdigest()[:12]
    return f"{sha256}-{page}-{tag}"


def _cached(folder: Path | None, key: str) -> OcrPage | None:
    if folder is None:
        return None
    try:
        raw = json.loads((folder / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
        return OcrPage(
            text=str(raw["text"]),
            confidence=raw["confidence"],
            doubtful=tuple((int(a), int(b)) for a, b in raw["doubtful"]),
            words=int(raw["words"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _store(folder: Path | None, key: str, page: OcrPage) -> None:
    if folder is None:
        return
    target = folder / key[:2] / f"{key}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(asdict(page)), encoding="utf-8")
        partial.replace(target)
    except OSError:  # a cache that cannot be written costs a second reading, nothing more
        pass


def read_pages(
    sha256: str,
    pages: Sequence[int],
    image_of: Callable[[int], Image],
    *,
    path: str,
    timeout: float,
    cache: Path | None,
) -> dict[int, OcrPage]:
    """OCR of the given pages (0-based), from the cache where it has them; the rest read in
    parallel, one Tesseract process per core, each on one thread."""
    if len(pages) > MAX_PAGES:
        raise LetterTooLarge(
            f"the file has {len(pages)} scanned pages; scans of over {MAX_PAGES} pages are "
            "not read (a reply letter is shorter)",
            path=path,
        )
    found: dict[int, OcrPage] = {}
    todo: list[int] = []
    for index in pages:
        hit = _cached(cache, _cache_key(sha256, index))
        if hit is not None:
            found[index] = hit
        else:
            todo.append(index)
    if not todo:
        return found
    if tesseract_version() is None:
        raise unavailable(path)
    one_thread_per_tesseract()

    rendering = threading.Lock()  # PDFium is not thread-safe: one page rendered at a time

    def one(index: int) -> tuple[int, OcrPage]:
        with rendering:
            image = image_of(index)
        return index, read_image(image, timeout=timeout, path=path)

    workers = max(1, min(len(todo), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for index, page in pool.map(one, todo):
            found[index] = page
            _store(cache, _cache_key(sha256, index), page)
    return found
