"""Loading reply letters: PDF, DOCX, HTML, e-mail and plain text into one normalised `Letter`.

Text is normalised once, here (Unicode NFC, non-breaking and zero-width spaces, ligatures,
soft hyphens, line endings, and for PDFs words hyphenated across a line break), so that every
later offset refers to the same string. PDF pages keep their start offsets, so any character
offset maps back to a page.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO

from rhi_llm.core import deadline
from rhi_llm.core.errors import (
    CorruptLetter,
    EmptyLetter,
    EncryptedPdf,
    LetterError,
    LetterTooLarge,
    LoadTimeout,
    NeedsOcr,
    UnreadableEncoding,
    UnsupportedFormat,
)
from rhi_llm.core.settings import current_settings
from rhi_llm.core.text import parser_message as _short
from rhi_llm.core.text import printable, shown_path
from rhi_llm.core.types import Letter, LetterFormat, Span
from rhi_llm.formats import ocr, office, sheets
from rhi_llm.formats.msg import read_msg
from rhi_llm.formats.text import Normalised, normalise_with_marks
from rhi_llm.formats.text import normalise_text as normalise_text

SUFFIXES: dict[str, LetterFormat] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".eml": "eml",
    ".msg": "msg",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".csv": "csv",
    ".odt": "odt",
    ".rtf": "rtf",
    ".doc": "doc",
}
# an e-mail attachment named without a known extension is read by its declared type
CONTENT_TYPES: dict[str, LetterFormat] = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/msword": "doc",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-excel": "xls",
    "text/csv": "csv",
    "text/html": "html",
    "text/plain": "txt",
    "image/png": "image",
    "image/jpeg": "image",
    "image/tiff": "image",
    "message/rfc822": "eml",
    "application/vnd.ms-outlook": "msg",
}
ZIP_FORMATS = frozenset({"docx", "xlsx", "ods", "odt"})
TEXT_FORMATS = frozenset({"txt", "md", "html", "eml", "csv", "rtf"})
MAX_BYTES = 64 * 1024 * 1024  # a file larger than this is not opened at all
# A reply letter's text runs to a few thousand words; a "letter" of millions of characters is
# a data dump or a mistake, and reading it would hold up the batch. Text formats are checked
# by size before decoding, every format by characters after reading.
MAX_TEXT_BYTES = 8 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000
# A Word file is a zip: a few MB can unpack to GBs (a zip bomb), and python-docx unpacks every
# part and parses the XML ones into trees of ~20x their size. A letter's parts are far smaller.
MAX_DOCX_UNPACKED = 4 * MAX_BYTES
MAX_DOCX_XML = 32 * 1024 * 1024
PAGE_SEPARATOR = "\n\n"
MAX_DEPTH = 3  # an e-mail attached to an e-mail attached to an e-mail, and no deeper


def letter_format(path: Path) -> LetterFormat:
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(SUFFIXES))
        raise UnsupportedFormat(
            f"unsupported format {path.suffix or '(no extension)'!r}; rhi-llm reads {known}",
            path=path,
        ) from None


@dataclass(frozen=True)
class Skipped:
    """A file a folder run left out, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{shown_path(self.path)}: {self.reason}"


def _skip_reason(path: Path) -> str | None:
    """Why a file (not a link) found in a folder is not a letter to read, or None when it is."""
    if not path.is_file():
        return "not a regular file (a pipe, device or socket)"
    if path.name.startswith("~$"):
        return "an Office lock file (the document is open elsewhere), not a letter"
    if path.suffix.lower() not in SUFFIXES:
        return f"unsupported format {shown_path(path.suffix) or '(no extension)'!r}"
    return None


def _link_reason(link: Path, roots: list[Path], read: dict[Path, Path]) -> str | None:
    """Why a link found in the folders named is not followed, or None when it is: it must
    lead (through any number of links) to a letter file inside one of those folders that is
    not read already under its own name or another link's."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return "a link to nothing (broken or circular), not followed"
    if not any(target.is_relative_to(root) for root in roots):
        return f"a link that leaves the folder (to {shown_path(target)}), not followed"
    if target.is_dir():
        return "a link to a folder inside the folder, not followed (its files are read there)"
    if target in read:
        return f"a link to {shown_path(read[target])}, which is read already"
    return _skip_reason(link)


def _folder_items(folder: Path) -> Iterator[Path]:
    """Every file and link under ``folder``, sorted, without going into linked folders (a
    link to a folder is listed, not entered) or housekeeping files (.DS_Store, .gitkeep)."""
    for item in sorted(folder.rglob("*")):
        if item.is_dir() and not item.is_symlink():
            continue
        if item.name.startswith(".") and item.suffix.lower() not in SUFFIXES:
            continue
        yield item


def scan_folders(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """Files named directly, plus every file under the folders named that can be read as a
    letter (sorted); and every other file found under those folders, with its reason.

    A file named directly is read as named (a link too: the user chose it). Under a folder,
    a link is followed only to a file inside the folders named that is not read already, so
    that a link can neither bring in a file from elsewhere on the machine nor read a letter
    twice; each link not followed is listed with its reason."""
    paths = list(paths)
    roots = [path.resolve() for path in paths if path.is_dir()]
    chosen: list[Path | None] = []  # in the order found; None where skipped
    read: dict[Path, Path] = {}  # real location -> the name it is read under
    links: list[tuple[int, Path]] = []
    skipped: list[Skipped] = []
    for path in paths:
        items = _folder_items(path) if path.is_dir() else iter([path])
        for item in items:
            if item.is_symlink() and item is not path:
                links.append((len(chosen), item))
                chosen.append(None)
                continue
            reason = _skip_reason(item) if item is not path else None
            real = _real(item)
            if reason is None and real in read:
                reason = f"the same file as {shown_path(read[real])}, which is read already"
            if reason is not None:
                skipped.append(Skipped(item, reason))
                chosen.append(None)
                continue
            read[real] = item
            chosen.append(item)
    for index, link in links:  # after every file, so that a file is read under its own name
        reason = _link_reason(link, roots, read)
        if reason is None:
            read[link.resolve()] = link
            chosen[index] = link
        else:
            skipped.append(Skipped(link, reason))
    return [item for item in chosen if item is not None], skipped


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def find_letters(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every letter-like file under the folders named, sorted."""
    return scan_folders(paths)[0]


def load(path: Path | str) -> Letter:
    """Read one letter file into a `Letter`, or raise a `LetterError` naming the file."""
    path = Path(path)
    fmt = letter_format(path)
    return load_bytes(read_file(path, fmt), path=shown_path(path), fmt=fmt)


def size_limit(fmt: LetterFormat) -> int:
    """The largest file of this format that is read (larger ones are refused unread)."""
    return MAX_TEXT_BYTES if fmt in TEXT_FORMATS and fmt != "eml" else MAX_BYTES


def _too_large(size: int, path: Path | str, fmt: LetterFormat) -> LetterTooLarge:
    if size_limit(fmt) < MAX_BYTES:
        return LetterTooLarge(
            f"the file is {size / 2**20:.1f} MB of text; a reply letter is far shorter "
            f"(text files over {MAX_TEXT_BYTES / 2**20:.0f} MB are not read)",
            path=path,
        )
    return LetterTooLarge(
        f"the file is {size / 2**20:.0f} MB; letters over {MAX_BYTES / 2**20:.0f} MB are not read",
        path=path,
    )


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a letter file"
    if stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "not a regular file"
    return f"{kind}, not a letter file: rhi-llm reads only regular files"


@contextmanager
def open_letter_file(path: Path, fmt: LetterFormat | None = None) -> Iterator[BinaryIO]:
    """A letter file opened for reading, after checking (without opening it) that it is a
    regular file no larger than its format's limit. It is opened without blocking, so that
    a file swapped for a named pipe after the check cannot hang the batch, and checked once
    more once open."""
    limit = size_limit(fmt) if fmt is not None else MAX_BYTES
    try:
        info = os.stat(path)
        problem = _not_regular(info.st_mode)
        if problem is not None:
            raise LetterError(problem, path=path)
        if info.st_size > limit:
            raise _too_large(info.st_size, path, fmt or "pdf")
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise LetterError("no such file", path=path) from None
    except OSError as exc:
        raise LetterError(f"cannot read the file ({exc.strerror})", path=path) from None
    with os.fdopen(descriptor, "rb") as handle:
        problem = _not_regular(os.fstat(descriptor).st_mode)
        if problem is not None:
            raise LetterError(problem, path=path)
        yield handle


def read_file(path: Path, fmt: LetterFormat) -> bytes:
    """A letter file's bytes (see `open_letter_file`); never more than its format's limit,
    should the file grow while it is read."""
    with open_letter_file(path, fmt) as handle:
        try:
            data = handle.read(size_limit(fmt) + 1)
        except OSError as exc:
            raise LetterError(f"cannot read the file ({exc.strerror})", path=path) from None
    if len(data) > size_limit(fmt):
        raise _too_large(len(data), path, fmt)
    return data


HASH_CHUNK = 1024 * 1024


def file_sha256(path: Path) -> str:
    """The sha256 of a letter file, read in chunks (see `open_letter_file` for the checks
    made first; a file over the largest limit is refused unread)."""
    fmt = SUFFIXES.get(path.suffix.lower())
    digest = hashlib.sha256()
    with open_letter_file(path, fmt) as handle:
        try:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
        except OSError as exc:
            raise LetterError(f"cannot read the file ({exc.strerror})", path=path) from None
    return digest.hexdigest()


@dataclass
class _Scan:
    """A page to read by OCR: which file's bytes (by hash), which page, and its image."""

    sha256: str
    index: int
    image: Callable[[], Any]


Page = str | _Scan


@dataclass
class _Pages:
    """What a reader found: its pages (text, or scans to OCR) and, for a letter with parts,
    what each page is."""

    pages: list[Page]
    labels: list[str] = field(default_factory=list)


def _check_size(data: bytes, path: str, fmt: LetterFormat) -> None:
    if not data.strip():
        raise EmptyLetter("the file is empty", path=path)
    if len(data) > size_limit(fmt):
        raise _too_large(len(data), path, fmt)
    if fmt in ZIP_FORMATS:
        _check_unpacked_size(data, path, fmt)


def _read(data: bytes, path: str, fmt: LetterFormat, depth: int = 0) -> _Pages:
    """One file's pages, by its format (scans left for OCR)."""
    _check_size(data, path, fmt)
    if fmt == "eml":
        return _eml_pages(data, path, depth)
    if fmt == "msg":
        return _msg_pages(data, path, depth)
    if fmt == "pdf":
        return _Pages(_pdf_pages(data, path))
    if fmt == "image":
        return _Pages(_image_pages(data, path))
    readers: dict[str, Callable[[bytes, str], list[str]]] = {
        "docx": _docx_text,
        "html": _html_text,
        "txt": _plain_text,
        "md": _plain_text,
        "xlsx": sheets.xlsx_pages,
        "xls": sheets.xls_pages,
        "ods": sheets.ods_pages,
        "csv": lambda raw, where: sheets.csv_pages(decode_text(raw, where), where),
        "odt": office.odt_pages,
        "rtf": office.rtf_pages,
        "doc": _doc_pages,
    }
    return _Pages(list(readers[fmt](data, path)))


def load_bytes(data: bytes, *, path: str, fmt: LetterFormat) -> Letter:
    path = shown_path(path)
    with time_limit(load_seconds(), path):
        read = _read(data, path, fmt)
    texts, ocr_pages, confidences, doubtful = _with_ocr(read.pages, path)
    pages, marks = _normalised_pages(texts, ocr_pages, pdf=fmt == "pdf")
    text, starts = _join_pages(pages)
    if len(text) > MAX_TEXT_CHARS:
        raise LetterTooLarge(
            f"the file holds {len(text):,} characters of text; a reply letter is far shorter "
            f"(over {MAX_TEXT_CHARS:,} are not read)",
            path=path,
        )
    # judged on the text as read, before normalising turns control characters into spaces
    if fmt in ("rtf", "doc") and _mostly_control("\n".join(texts)):
        raise UnreadableEncoding(
            "the file's text is not readable (binary data where text should be: a damaged file?)",
            path=path,
        )
    if not text.strip():
        if ocr_pages:
            raise EmptyLetter("OCR found no text on the scanned pages", path=path)
        if any(isinstance(page, _Scan) for page in read.pages):
            raise NeedsOcr(
                "the file's pages are scanned images and OCR is switched off (--no-ocr or "
                "RHI_LLM_OCR=no)",
                path=path,
            )
        raise EmptyLetter("the file holds no text", path=path)
    spans = tuple(
        Span(start=starts[index] + a, end=starts[index] + b)
        for index, words in sorted(doubtful.items())
        for a, b in words
    )
    return Letter(
        path=path,
        format=fmt,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        page_starts=tuple(starts),
        parts=tuple(read.labels) if len(set(read.labels)) > 1 else (),
        ocr_pages=tuple(index + 1 for index in sorted(ocr_pages)),
        ocr_confidence=tuple(confidences[index] for index in sorted(ocr_pages)),
        doubtful=spans,
        hidden=tuple(starts[i] + at for i, page in enumerate(marks) for at in page.hidden),
        reordered=tuple(
            Span(start=starts[i] + a, end=starts[i] + b)
            for i, page in enumerate(marks)
            for a, b in page.reordered
        ),
    )


def _normalised_pages(
    texts: list[str], ocr_pages: set[int], *, pdf: bool
) -> tuple[list[str], list[Normalised]]:
    """Each page's text normalised (OCR's pages are already), with where on it invisible
    characters were taken out."""
    read = [
        Normalised(page) if index in ocr_pages else normalise_with_marks(page, pdf=pdf)
        for index, page in enumerate(texts)
    ]
    return [page.text for page in read], read


def _with_ocr(
    pages: list[Page], path: str
) -> tuple[list[str], set[int], dict[int, float], dict[int, tuple[tuple[int, int], ...]]]:
    """Pages as text, the scans among them read by Tesseract (unless OCR is off: then they
    are left empty); which pages were read so, their confidence and doubtful words."""
    scans = [(i, page) for i, page in enumerate(pages) if isinstance(page, _Scan)]
    texts = [page if isinstance(page, str) else "" for page in pages]
    settings = current_settings()
    if not scans or not settings.ocr:
        return texts, set(), {}, {}
    read: dict[int, ocr.OcrPage] = {}
    by_file: dict[str, list[tuple[int, _Scan]]] = {}
    for position, scan in scans:
        by_file.setdefault(scan.sha256, []).append((position, scan))
    for sha256, group in by_file.items():
        images = {scan.index: scan.image for _, scan in group}
        found = ocr.read_pages(
            sha256,
            [scan.index for _, scan in group],
            lambda index, images=images: images[index](),  # type: ignore[misc]
            path=path,
            timeout=settings.ocr_timeout,
            cache=settings.ocr_dir,
        )
        for position, scan in group:
            read[position] = found[scan.index]
    for position, page in read.items():
        texts[position] = page.text
    confidence = {p: page.confidence or 0.0 for p, page in read.items()}
    doubtful = {p: page.doubtful for p, page in read.items()}
    return texts, set(read), confidence, doubtful


def load_seconds() -> float:
    """The time limit for reading one file (RHI_LLM_LOAD_TIMEOUT, seconds)."""
    return current_settings().load_timeout


_Expired = deadline.Expired


def _timed_out(seconds: float, path: str) -> LoadTimeout:
    return LoadTimeout(
        f"reading the file took over {seconds:g} s and was stopped (a damaged or "
        "deliberately looping file?)",
        path=path,
    )


def time_limit(seconds: float, path: str) -> AbstractContextManager[None]:
    """Stop reading a file that takes longer than ``seconds`` (a PDF built to make a parser
    loop, say) with `LoadTimeout` (`rhi_llm.core.deadline`: a timer signal, in a process's
    main thread)."""
    return deadline.time_limit(seconds, lambda: _timed_out(seconds, path))


def _join_pages(pages: list[str]) -> tuple[str, list[int]]:
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for index, page in enumerate(pages):
        if index:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        starts.append(offset)
        parts.append(page)
        offset += len(page)
    return "".join(parts), starts or [0]


# -- plain text -------------------------------------------------------------------------------


def decode_text(data: bytes, path: str) -> str:
    """Decode text bytes: BOMs first, then UTF-8, then Windows-1252 if it reads as prose."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise UnreadableEncoding(
                    f"the file starts with a {codec} byte-order mark but is not valid {codec}",
                    path=path,
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if not _looks_like_prose(text):
        raise UnreadableEncoding(
            "the bytes are not readable text in UTF-8 or Windows-1252 (binary data with a "
            "text extension?); save the letter as UTF-8",
            path=path,
        )
    return text


def _looks_like_prose(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    ordinary = sum(1 for ch in sample if ch.isalnum() or ch in " \n\t.,;:!?'\"()-/%£&")
    return ordinary / len(sample) >= 0.85


def _plain_text(data: bytes, path: str) -> list[str]:
    text = decode_text(data, path)
    if "\x00" in text:
        raise UnreadableEncoding("the text holds NUL bytes (binary data?)", path=path)
    return [text]


# -- PDF ----------------------------------------------------------------------------------------


def _pdf_pages(data: bytes, path: str) -> list[Page]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PyPdfError

    if not data.lstrip()[:1024].find(b"%PDF") >= 0:
        raise CorruptLetter("not a PDF (no %PDF header)", path=path)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, path)
        pages = [page.extract_text() or "" for page in reader.pages]
        if not reader.is_encrypted and len(pages) <= _TABLE_PAGES:
            ruled = [i for i, page in enumerate(reader.pages) if _draws_rules(page)]
            if ruled:
                pages = _with_ruled_tables(data, pages, ruled)
        if not any(text.strip() for text in pages) and not _anything_drawn(reader):
            raise EmptyLetter(
                "the PDF's pages hold no text and nothing drawn (blank pages, or a damaged "
                "page structure)",
                path=path,
            )
        sha256 = hashlib.sha256(data).hexdigest()
        out: list[Page] = []
        for index, text in enumerate(pages):
            if len(text.strip()) < MIN_PAGE_TEXT and _draws(reader.pages[index]):
                out.append(_Scan(sha256, index, _renderer(data, index, path)))
            else:
                out.append(text)
        return out
    except LetterError:
        raise
    except FileNotDecryptedError:
        raise EncryptedPdf("the PDF is encrypted and needs a password", path=path) from None
    except PyPdfError as exc:
        if type(exc).__name__ == "LimitReachedError":  # pypdf's guard against PDF bombs
            raise LetterTooLarge(
                f"the PDF goes past the PDF reader's safety limits ({_short(exc)})", path=path
            ) from None
        if b"%%EOF" not in data[-1024:]:
            raise CorruptLetter(
                "the PDF is incomplete: it stops before its end-of-file marker (a download or "
                f"copy cut short?) ({_short(exc)})",
                path=path,
            ) from None
        raise CorruptLetter(f"the PDF is damaged ({_short(exc)})", path=path) from None
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        ZeroDivisionError,
        OSError,
        UnicodeError,
    ) as exc:
        raise CorruptLetter(f"the PDF is damaged ({_short(exc)})", path=path) from None
    except RecursionError:
        raise CorruptLetter("the PDF's structure is circular or too deep", path=path) from None


_TABLE_PAGES = 30  # longer PDFs are not reply letters: their tables are left as text
MIN_PAGE_TEXT = 3  # a page with less text than this that draws something is a scan


def _draws(page: Any) -> bool:
    try:
        contents = page.get_contents()
        return contents is not None and bool(contents.get_data().strip())
    except Exception:
        return False


def _renderer(data: bytes, index: int, path: str) -> Callable[[], Any]:
    def render() -> Any:
        try:
            return ocr.render_pdf_page(data, index, path)
        except LetterError:
            raise
        except Exception as exc:  # PDFium refuses some damaged files pypdf read
            raise CorruptLetter(
                f"page {index + 1} of the PDF cannot be drawn for OCR ({_short(exc)})", path=path
            ) from None

    return render


# -- images ---------------------------------------------------------------------------------------


def _image_pages(data: bytes, path: str) -> list[Page]:
    """A scanned page saved as an image (PNG, JPEG, TIFF; a TIFF may hold several pages)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        width, height = image.size
        if width * height > ocr.MAX_PIXELS:
            raise LetterTooLarge(
                f"the image is {width} x {height} pixels; images over "
                f"{ocr.MAX_PIXELS / 1e6:.0f} million pixels are not read",
                path=path,
            )
        frames = []
        for number, frame in enumerate(ImageSequence.Iterator(image)):
            if number >= ocr.MAX_PAGES:
                raise LetterTooLarge(
                    f"the image holds over {ocr.MAX_PAGES} pages; a reply letter is shorter",
                    path=path,
                )
            if frame.size[0] * frame.size[1] > ocr.MAX_PIXELS:
                raise LetterTooLarge("a page of the image is too large to read", path=path)
            frame.load()
            frames.append(frame.copy())
    except LetterError:
        raise
    except UnidentifiedImageError:
        raise CorruptLetter(
            "not an image Pillow can read (damaged, or another format)", path=path
        ) from None
    except Image.DecompressionBombError:
        raise LetterTooLarge(
            "the image unpacks to too many pixels (an image bomb?)", path=path
        ) from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise CorruptLetter(f"the image is damaged ({_short(exc)})", path=path) from None
    sha256 = hashlib.sha256(data).hexdigest()
    return [
        _Scan(sha256, index, lambda frame=frame: frame)  # type: ignore[misc]
        for index, frame in enumerate(frames)
    ]


def _doc_pages(data: bytes, path: str) -> list[str]:
    """A .doc is often something else renamed: rich text, a web page, or a .docx."""
    head = data.lstrip()[:512].lower()
    if head.startswith(b"{\\rtf"):
        return office.rtf_pages(data, path)
    if head.startswith((b"<html", b"<!doctype html", b"<?xml")) and b"<html" in head:
        return _html_text(data, path)
    if data.startswith(b"PK\x03\x04"):
        _check_unpacked_size(data, path, "docx")
        return _docx_text(data, path)
    return office.doc_pages(data, path)


_RULE_OPS = re.compile(rb"(?:^|\s)(?:re|l)(?:\s|$)")


def _draws_rules(page: Any) -> bool:
    """Does the page draw enough lines or boxes to hold a ruled table? (Most letters draw
    none, and pdfplumber's second reading of the file is then skipped.)"""
    try:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
    except Exception:
        return False
    return len(_RULE_OPS.findall(data[:2_000_000])) >= 8


def _with_ruled_tables(data: bytes, pages: list[str], ruled: list[int]) -> list[str]:
    """Pages that draw ruled tables, written again with each table row as cells joined by
    " | " (as Word and web tables are written), in reading order with the text around them.

    pypdf runs a table's cells together ("4a Missing incidents 1,043 1,186"), so which
    figure sits under which heading is lost; pdfplumber finds the ruled cells. A page it
    cannot read keeps pypdf's text."""
    import pdfplumber

    out = list(pages)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for index in ruled:
                page = pdf.pages[index]
                tables = page.find_tables()
                if tables:
                    out[index] = _page_with_tables(page, tables) or pages[index]
    except Exception:
        return pages
    return out


def _page_with_tables(page: Any, tables: list[Any]) -> str:
    lines: list[tuple[float, str]] = []
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
        for row, cells in zip(table.rows, table.extract(), strict=False):
            texts = [" ".join((c or "").split()) for c in cells]
            if any(texts):
                lines.append((row.bbox[1], " | ".join(texts)))
    for line in outside.extract_text_lines():
        lines.append((float(line["top"]), str(line["text"])))
    lines.sort(key=lambda item: item[0])
    return "\n".join(text for _, text in lines)


def _anything_drawn(reader: object) -> bool:
    """Does any page draw something (an image, shapes, outlined text) that OCR could read?"""
    from pypdf import PdfReader

    assert isinstance(reader, PdfReader)
    for page in reader.pages:
        contents = page.get_contents()
        if contents is not None and contents.get_data().strip():
            return True
    return False


def _decrypt(reader: object, path: str) -> None:
    from pypdf import PasswordType, PdfReader

    assert isinstance(reader, PdfReader)
    try:
        result = reader.decrypt("")
    except NotImplementedError as exc:
        raise EncryptedPdf(f"the PDF uses unsupported encryption ({exc})", path=path) from None
    except Exception as exc:  # pypdf raises bare errors for missing crypto back-ends
        raise EncryptedPdf(
            f"the PDF is encrypted and cannot be opened ({exc})", path=path
        ) from None
    if result == PasswordType.NOT_DECRYPTED:
        raise EncryptedPdf("the PDF is encrypted and needs a password", path=path)


# -- DOCX ---------------------------------------------------------------------------------------


def _docx_text(data: bytes, path: str) -> list[str]:
    import docx
    from docx.document import Document as DocumentObject
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: DocumentObject = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))
        return ["\n".join(lines)]
    except LetterError:
        raise
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, AttributeError) as exc:
        raise CorruptLetter(f"the Word file is damaged ({_short(exc)})", path=path) from None
    except Exception as exc:  # lxml and python-docx raise a wide range on junk packages
        raise CorruptLetter(f"the Word file cannot be read ({_short(exc)})", path=path) from None


_ZIP_KINDS = {
    "docx": "Word file",
    "xlsx": "spreadsheet",
    "ods": "OpenDocument spreadsheet",
    "odt": "OpenDocument file",
}


def _check_unpacked_size(data: bytes, path: str, fmt: str = "docx") -> None:
    """Refuse a zip bomb before a reader unpacks it (the sizes are the zip's own: zipfile
    stops a member that unpacks past its stated size, so they cannot understate it)."""
    kind = _ZIP_KINDS.get(fmt, "file")
    if fmt == "xlsx" and data.startswith(sheets.OLE_MAGIC):
        return  # a password-protected workbook: its reader says so
    if not zipfile.is_zipfile(io.BytesIO(data)):
        named = {"docx": "Word .docx file", "xlsx": "Excel .xlsx file"}.get(fmt, kind)
        raise CorruptLetter(f"not a {named} (not a zip archive)", path=path)
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CorruptLetter(f"the {kind} is damaged ({_short(exc)})", path=path) from None
    unpacked = sum(m.file_size for m in members)
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if unpacked > MAX_DOCX_UNPACKED or xml > MAX_DOCX_XML:
        raise LetterTooLarge(
            f"the {kind} unpacks to {unpacked / 2**20:,.0f} MB ({xml / 2**20:,.0f} MB of it "
            "text and layout); a reply letter is far smaller (a zip bomb?)",
            path=path,
        )


def _table_lines(table: object) -> list[str]:
    """One line per table row, cells separated by ' | ' (merged cells written once)."""
    from docx.table import Table

    assert isinstance(table, Table)
    lines: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text for p in cell.paragraphs).strip())
        lines.append(" | ".join(cells))
    return lines


# -- HTML and e-mail ----------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "details",
        "summary",
    ]
)
_HIDDEN_TAGS = frozenset({"script", "style", "head", "template", "noscript", "svg", "title"})
_CELL_TAGS = frozenset({"td", "th"})


class _VisibleText(HTMLParser):
    """Streaming visible-text extractor: no tree, so deep nesting costs nothing.

    Text inside script/style/head and inside elements hidden with the ``hidden`` attribute
    or ``display:none`` is dropped: a reader never sees it, so it is not part of the letter.
    """

    _VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_tag: str | None = None
        self.hidden_depth = 0
        self.in_pre = 0
        self.row_cells = 0

    @staticmethod
    def _hides(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _HIDDEN_TAGS:
            return True
        for name, value in attrs:
            if name == "hidden" or (name == "aria-hidden" and value == "true"):
                return True
            if (
                name == "style"
                and value
                and re.search(
                    r"display\s*:\s*none|visibility\s*:"
                    r"\s*hidden",
                    value,
                    re.IGNORECASE,
                )
            ):
                return True
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden_tag is not None:
            if tag == self.hidden_tag:
                self.hidden_depth += 1
            return
        if tag not in self._VOID and self._hides(tag, attrs):
            self.hidden_tag, self.hidden_depth = tag, 1
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            if self.row_cells:
                self.parts.append(" | ")
            self.row_cells += 1
        elif tag in _BLOCK_TAGS:
            if tag == "tr":
                self.row_cells = 0
            self.parts.append("\n- " if tag == "li" else "\n")
            if tag == "pre":
                self.in_pre += 1

    def handle_endtag(self, tag: str) -> None:
        if self.hidden_tag is not None:
            if tag == self.hidden_tag:
                self.hidden_depth -= 1
                if self.hidden_depth == 0:
                    self.hidden_tag = None
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
            if tag == "pre":
                self.in_pre = max(0, self.in_pre - 1)

    def handle_data(self, data: str) -> None:
        if self.hidden_tag is not None:
            return
        if not self.in_pre:
            data = re.sub(r"\s+", " ", data)
        self.parts.append(data)

    def text(self) -> str:
        raw = "".join(self.parts)
        lines = [line.strip() for line in raw.split("\n")]
        text = "\n".join(lines)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def html_to_text(markup: str) -> str:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    return parser.text()


def _html_text(data: bytes, path: str) -> list[str]:
    markup = _decode_markup(data, path)
    return [html_to_text(markup)]


def _decode_markup(data: bytes, path: str) -> str:
    head = data[:2048].decode("ascii", errors="ignore")
    declared = re.search(r"charset=[\"']?([A-Za-z0-9_-]+)", head)
    if (
        declared
        and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"))
        # a charset read from ASCII bytes cannot be UTF-16 or UTF-32: browsers then use UTF-8
        and not declared.group(1).lower().replace("_", "-").startswith(("utf-16", "utf-32"))
    ):
        try:
            return data.decode(declared.group(1))
        except (LookupError, UnicodeError):  # unknown, or not a text codec ("undefined")
            pass
    return decode_text(data, path)


def _eml_pages(data: bytes, path: str, depth: int = 0) -> _Pages:
    try:
        return _eml_parts(data, path, depth)
    except RecursionError:
        raise CorruptLetter(
            "the e-mail's parts are nested too deeply to read (a damaged message?)", path=path
        ) from None


def _eml_parts(data: bytes, path: str, depth: int) -> _Pages:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise CorruptLetter("not an e-mail message (no headers)", path=path)
    headers = {
        name: str(message[name]) for name in ("From", "To", "Date", "Subject") if message[name]
    }
    body = message.get_body(preferencelist=("plain", "html"))
    content = ""
    if body is not None:
        try:
            content = body.get_content()
        except (LookupError, UnicodeError):  # an unknown or bogus charset: read the bytes
            content = _body_bytes_as_text(body, path)
        if "\ufffd" in content:  # bytes the declared (or default ASCII) charset cannot read
            content = _body_bytes_as_text(body, path)
        if body.get_content_type() == "text/html":
            content = html_to_text(content)
        if _mostly_control(content):
            raise UnreadableEncoding(
                "the e-mail's body is not readable text (binary data labelled as text?)",
                path=path,
            )
    attachments: list[tuple[str, bytes, LetterFormat | None]] = []
    unread: list[str] = []
    for number, part in enumerate(message.iter_attachments(), start=1):
        # a name as shown (an attachment may be named with bytes or escapes of any kind)
        name = printable(part.get_filename() or f"attachment {number}")
        kind = part.get_content_type()
        if (
            part.get_content_disposition() == "inline"
            and part.get("Content-ID")
            and (kind.startswith("image/"))
        ):
            continue  # a logo or signature image shown in the body, not a reply
        if kind == "message/rfc822":
            inner = part.get_content()
            raw = inner.as_bytes() if hasattr(inner, "as_bytes") else bytes(inner)
            attachments.append((name if part.get_filename() else "attached e-mail", raw, "eml"))
            continue
        try:
            payload = part.get_payload(decode=True)
        except Exception:
            payload = None
        if not isinstance(payload, bytes):
            unread.append(f"{name} (empty or not decodable)")
            continue
        attachments.append((name, payload, _attachment_format(name, kind)))
    if body is None and not attachments:
        raise EmptyLetter("the e-mail has no text or HTML body and no attachment", path=path)
    return _mail_pages(headers, content, attachments, unread, path, depth)


def _msg_pages(data: bytes, path: str, depth: int = 0) -> _Pages:
    parts = read_msg(data, path)
    content = parts.body or (html_to_text(parts.html) if parts.html else "")
    attachments = [
        (printable(name), payload, _attachment_format(name, ""))
        for name, payload in parts.attachments
    ]
    if not content.strip() and not attachments:
        raise EmptyLetter("the Outlook message has no body and no attachment", path=path)
    return _mail_pages(parts.headers, content, attachments, list(parts.unread), path, depth)


def _attachment_format(name: str, content_type: str) -> LetterFormat | None:
    suffix = Path(name).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix:
        return None  # a named file of a format we do not read (.zip, .p7s, .ics)
    return CONTENT_TYPES.get(content_type)


def _mail_pages(
    headers: dict[str, str],
    body: str,
    attachments: list[tuple[str, bytes, LetterFormat | None]],
    unread: list[str],
    path: str,
    depth: int,
) -> _Pages:
    """An e-mail as one letter: its headers and reply (the quoted chain below it left out),
    then each attachment's pages. One letter, not one per attachment: a council's answer is
    often split between the two ("the figures are in the attached table"), and the survey
    is one reply's answers."""
    read: list[tuple[str, _Pages]] = []
    for name, payload, fmt in attachments:
        if fmt is None:
            unread.append(f"{name} (a format rhi-llm does not read)")
            continue
        if depth >= MAX_DEPTH:
            unread.append(f"{name} (attached too deep inside other e-mails)")
            continue
        try:
            pages = _read(payload, f"{path} > {name}", fmt, depth + 1)
        except EmptyLetter:
            unread.append(f"{name} (holds no text)")
            continue
        except LetterError as error:
            raise type(error)(f"attachment {name!r}: {error.detail}", path=path) from None
        read.append((name, pages))
    lines = [f"{name}: {value}" for name, value in headers.items()]
    if attachments or unread:
        names = [name for name, _ in read] + [f"not read: {what}" for what in unread]
        lines.append("Attachments: " + "; ".join(names))
    out = _Pages(["\n".join(lines) + "\n\n" + reply_only(body)], ["e-mail"])
    for name, pages in read:
        many = len(pages.pages) > 1
        for index, page in enumerate(pages.pages):
            inner = pages.labels[index] if index < len(pages.labels) else ""
            label = f"{name} p{index + 1}" if many and not inner else name
            out.pages.append(page)
            out.labels.append(f"{name}: {inner}" if inner else label)
    return out


# -- quoted reply chains -------------------------------------------------------------------------

_FORWARD_LINE = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|forwarded message|original e-?mail)\s*-{2,}|_{10,}|"
    r"begin forwarded message:?)\s*$",
    re.IGNORECASE,
)
_FROM_LINE = re.compile(r"^\s*\*?from:\*?\s", re.IGNORECASE)
_SENT_LINE = re.compile(r"^\s*\*?(?:sent|date|to):\*?\s", re.IGNORECASE)
_WROTE = re.compile(r"\bwrote:\s*$", re.IGNORECASE)
_ON_DATE = re.compile(r"^\s*on\s.{4,}", re.IGNORECASE)
_QUOTED = re.compile(r"^\s*>")
_ANSWERS_BELOW = re.compile(
    r"\b(?:below|beneath|in (?:red|blue|bold|italics?)|in-?line|against each question)\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d")


def _chain_start(lines: list[str]) -> int | None:
    """The line where the earlier messages start: a forwarding rule, a From:/Sent: block, or
    an "On ... wrote:" line (possibly over two lines)."""
    for i, line in enumerate(lines):
        if i == 0:
            continue
        if _FORWARD_LINE.match(line):
            return i
        if _FROM_LINE.match(line) and any(_SENT_LINE.match(x) for x in lines[i + 1 : i + 3]):
            return i
        if _WROTE.search(line) and (_ON_DATE.match(line) or _ON_DATE.match(lines[i - 1])):
            return i if _ON_DATE.match(line) else i - 1
    return None


def reply_only(body: str) -> str:
    """An e-mail body without the messages it quotes (the request it answers, earlier
    replies), so a question or figure of the request is never read as an answer.

    Kept whole when the council answered inside the quoted text: unquoted lines between
    quoted ones after the chain starts ("> 4a. How many ..." then the answer), or a reply
    above the chain that says its answers are below and gives no figures itself. Quote marks
    are then taken off, so the quoted questions read as the letter's questions."""
    lines = body.split("\n")
    start = _chain_start(lines)
    tail = lines[start:] if start is not None else lines
    quoted = [i for i, line in enumerate(tail) if _QUOTED.match(line)]
    # answers typed between quoted lines (not text after the last one: a mail server's
    # disclaimer at the foot of a top-posted reply is not an answer inside the quote)
    answered_inside = bool(quoted) and any(
        line.strip() and not _QUOTED.match(line) for line in tail[quoted[0] : quoted[-1]]
    )
    if start is None and not quoted:
        return body
    above = lines[:start] if start is not None else lines[: quoted[0]]
    says_below = _ANSWERS_BELOW.search("\n".join(above)) is not None and not any(
        _DIGITS.search(line) for line in above if not _SENT_LINE.match(line)
    )
    if answered_inside or says_below:
        return "\n".join(re.sub(r"^\s*(?:>\s?)+", "", line) for line in lines)
    if start is None:  # quoted lines with nothing of the council's after them: the request
        return "\n".join(above).rstrip() + "\n"
    return "\n".join(lines[:start]).rstrip() + "\n"


def _body_bytes_as_text(body: email.message.MIMEPart, path: str) -> str:
    """An e-mail body's bytes read as UTF-8 or Windows-1252, as a text file's are (for a
    charset that is missing, wrong or unknown)."""
    payload = body.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload:
        return ""
    try:
        return decode_text(payload, path)
    except UnreadableEncoding:
        raise UnreadableEncoding(
            "the e-mail's body is not readable text (binary data labelled as text?)", path=path
        ) from None


def _mostly_control(text: str) -> bool:
    """Does a text hold more control or undecodable characters than any letter would (over 2%
    of its first 20,000)? Binary bytes read as text do; a letter's links and symbols do not."""
    sample = text[:20000]
    if not sample:
        return False
    odd = sum(
        1
        for ch in sample
        if ch == "\ufffd"
        or (unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\r\f")
    )
    return odd / len(sample) > 0.02
