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
import re
import signal
import threading
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

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
from rhi_llm.core.types import Letter, LetterFormat

SUFFIXES: dict[str, LetterFormat] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".eml": "eml",
}
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

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PDF_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


def normalise_text(text: str, *, pdf: bool = False) -> str:
    """The one normalisation every letter's text goes through."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    if pdf:
        text = _PDF_HYPHEN_BREAK.sub("", text)
    return text


def letter_format(path: Path) -> LetterFormat:
    try:
        return SUFFIXES[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(SUFFIXES))
        raise UnsupportedFormat(
            f"unsupported format {path.suffix or '(no extension)'!r}; rhi-llm reads {known}",
            path=path,
        ) from None


def find_letters(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every letter-like file under the folders named, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        else:
            found.append(path)
    return found


def load(path: Path | str) -> Letter:
    """Read one letter file into a `Letter`, or raise a `LetterError` naming the file."""
    path = Path(path)
    fmt = letter_format(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LetterError("no such file", path=path) from None
    except IsADirectoryError:
        raise LetterError("is a folder, not a letter file", path=path) from None
    except OSError as exc:
        raise LetterError(f"cannot read the file ({exc.strerror})", path=path) from None
    return load_bytes(data, path=str(path), fmt=fmt)


def load_bytes(data: bytes, *, path: str, fmt: LetterFormat) -> Letter:
    if not data.strip():
        raise EmptyLetter("the file is empty", path=path)
    if len(data) > MAX_BYTES:
        raise LetterTooLarge(
            f"the file is {len(data) / 2**20:.0f} MB; letters over "
            f"{MAX_BYTES / 2**20:.0f} MB are not read",
            path=path,
        )
    if fmt in ("txt", "md", "html", "eml") and len(data) > MAX_TEXT_BYTES:
        raise LetterTooLarge(
            f"the file is {len(data) / 2**20:.1f} MB of text; a reply letter is far shorter "
            f"(text files over {MAX_TEXT_BYTES / 2**20:.0f} MB are not read)",
            path=path,
        )
    readers: dict[LetterFormat, Callable[[bytes, str], list[str]]] = {
        "pdf": _pdf_pages,
        "docx": _docx_text,
        "html": _html_text,
        "eml": _eml_text,
        "txt": _plain_text,
        "md": _plain_text,
    }
    try:
        with time_limit(load_seconds(), path):
            pages = [normalise_text(page, pdf=fmt == "pdf") for page in readers[fmt](data, path)]
    except _Expired:  # the limit ran out in the instant reading ended, before it was disarmed
        raise _timed_out(load_seconds(), path) from None
    text, starts = _join_pages(pages)
    if len(text) > MAX_TEXT_CHARS:
        raise LetterTooLarge(
            f"the file holds {len(text):,} characters of text; a reply letter is far shorter "
            f"(over {MAX_TEXT_CHARS:,} are not read)",
            path=path,
        )
    if not text.strip():
        if fmt == "pdf":
            raise NeedsOcr("the PDF has no text layer (scanned pages?); it needs OCR", path=path)
        raise EmptyLetter("the file holds no text", path=path)
    return Letter(
        path=path,
        format=fmt,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        page_starts=tuple(starts),
    )


def load_seconds() -> float:
    """The time limit for reading one file (RHI_LLM_LOAD_TIMEOUT, seconds)."""
    return current_settings().load_timeout


class _Expired(BaseException):
    """The time limit's signal. Not an `Exception`: pypdf reads damaged files leniently by
    catching `Exception` in dozens of places (around each form on a page, for one), and a
    `LoadTimeout` raised there was swallowed, so that reading went on with no limit."""


def _timed_out(seconds: float, path: str) -> LoadTimeout:
    return LoadTimeout(
        f"reading the file took over {seconds:g} s and was stopped (a damaged or "
        "deliberately looping file?)",
        path=path,
    )


@contextmanager
def time_limit(seconds: float, path: str) -> Iterator[None]:
    """Stop reading a file that takes longer than ``seconds`` (a PDF built to make a parser
    loop, say) with `LoadTimeout`. A timer signal does it, so the limit holds in a process's
    main thread (the CLI and every batch worker); elsewhere the file is read without one."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    armed = True

    def expired(signum: int, frame: object) -> None:
        if armed:
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expired)
    # fires again every second after the first time, should something swallow even that
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    except _Expired:
        armed = False
        raise _timed_out(seconds, path) from None
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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


def _pdf_pages(data: bytes, path: str) -> list[str]:
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
        return pages
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


_BYTES_REPR = re.compile(r"\bb'(?:[^'\\]|\\.)*'" + r'|\bb"(?:[^"\\]|\\.)*"')


def _short(exc: BaseException) -> str:
    """A parser's message, short, for a parenthesis after plain words: its first line, with
    the raw bytes it quotes from the file (b'...') left out."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return _BYTES_REPR.sub("...", text)[:120]


# -- DOCX ---------------------------------------------------------------------------------------


def _docx_text(data: bytes, path: str) -> list[str]:
    import docx
    from docx.document import Document as DocumentObject
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise CorruptLetter("not a Word .docx file (not a zip archive)", path=path)
    _check_unpacked_size(data, path)
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


def _check_unpacked_size(data: bytes, path: str) -> None:
    """Refuse a zip bomb before python-docx unpacks it (the sizes are the zip's own: zipfile
    stops a member that unpacks past its stated size, so they cannot understate it)."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CorruptLetter(f"the Word file is damaged ({_short(exc)})", path=path) from None
    unpacked = sum(m.file_size for m in members)
    xml = sum(m.file_size for m in members if m.filename.endswith((".xml", ".rels")))
    if unpacked > MAX_DOCX_UNPACKED or xml > MAX_DOCX_XML:
        raise LetterTooLarge(
            f"the Word file unpacks to {unpacked / 2**20:,.0f} MB ({xml / 2**20:,.0f} MB of it "
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


def _eml_text(data: bytes, path: str) -> list[str]:
    try:
        return _eml_parts(data, path)
    except RecursionError:
        raise CorruptLetter(
            "the e-mail's parts are nested too deeply to read (a damaged message?)", path=path
        ) from None


def _eml_parts(data: bytes, path: str) -> list[str]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise CorruptLetter("not an e-mail message (no headers)", path=path)
    header_lines = [
        f"{name}: {message[name]}" for name in ("From", "To", "Date", "Subject") if message[name]
    ]
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        raise EmptyLetter("the e-mail has no text or HTML body", path=path)
    try:
        content = body.get_content()
    except (LookupError, UnicodeError):  # an unknown or bogus charset: read the bytes as text
        content = _body_bytes_as_text(body, path)
    if "\ufffd" in content:  # bytes the declared (or default ASCII) charset cannot read
        content = _body_bytes_as_text(body, path)
    if body.get_content_type() == "text/html":
        content = html_to_text(content)
    if _mostly_control(content):
        raise UnreadableEncoding(
            "the e-mail's body is not readable text (binary data labelled as text?)", path=path
        )
    return ["\n".join(header_lines) + "\n\n" + content]


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
