"""Bad inputs: hundreds of broken, hostile or oddly encoded letter files in one batch.

`generate` writes the files (all made at run time from our own words; nothing is stored in the
repository): truncated and bit-flipped PDFs, encrypted PDFs with and without an empty user
password, image-only PDFs, PDFs built to make a parser loop, recurse or run long, PDFs that
unpack past pypdf's safety limits, zero-byte files and random bytes under every letter
extension, a 50 MB text file, cp1252 and UTF-16 text, deeply nested HTML, HTML and e-mail with
a wrong or bogus charset, deeply nested e-mail, Word files that are zips of junk and a Word
zip bomb; links in the folder that lead out of it (to a file, a folder, through another link,
round to a folder holding it), names that are not UTF-8 or hold terminal escape sequences, a
named pipe, a sparse terabyte, and figures wrapped in a right-to-left override. Each file says
what a correct loader does with it: load it (and then its text must hold a given phrase),
refuse it with an error (of given kinds), either, or leave it out with a line saying so (a
link out of the folder, whose text must not reach the store), with the reason.

`run` mixes in some good letters and runs ``rhi-llm extract --backend rules --db`` on the bad
files' folder (scanned, as a user's letters folder is), the files named directly (the pipe)
and the good letters, into a fresh run store, in a child process with a deadline (so that a
hang or a dead batch is measured, not suffered), everything it prints kept: a line printed
with a raw control character (an escape sequence from a file's name) fails the odd-name
files, and a figure behind a bidirectional override must be read without it and flagged.
The figures are read back from the store, which is what a user finds there:

- tried: bad files in the batch;
- clear errors: bad files recorded as failed with a clear message: one line, starting with
  the file's path, in words (no traceback, no exception repr such as ``KeyError('x')``), and a
  reason that names a kind of bad letter (not ``internal``);
- loaded: bad files recorded as extracted; skipped: links left out with a line saying so;
- crashes: bad files that met a bug (an internal-error reason, an exception that is not a
  letter error when the file is loaded on its own, or a batch that died before recording them);
- stopped by the time limit: bad files refused because reading them took longer than the
  per-file limit (the guard working), and hangs: files whose reading went on past the limit
  plus a grace period (the guard failing);
- expectations met: each file's outcome against what a correct loader does with it;
- lost: letters in the batch that the store has no outcome for; good letters stored.

The batch reads under a per-file limit of PER_FILE_SECONDS (5 s, set as RHI_LLM_LOAD_TIMEOUT
for the run) rather than the 30 s default, so that the files built to run long cost seconds,
not minutes; the guard is the same. A separate pass loads each file on its own, in a child
process killed at the limit plus the grace period, to time it (slowest file) and to catch
hangs and crashes file by file. Child processes run under a memory cap (MEMORY_CAP_BYTES) so
that a file that makes the loader allocate without bound ends with an error here instead of
exhausting the machine.
"""

from __future__ import annotations

import contextlib
import io
import logging
import multiprocessing
import os
import random
import re
import resource
import signal
import sys
import tempfile
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Literal

from benchmarks import CHECKOUT
from rhi_llm.core.errors import LetterError
from rhi_llm.core.text import shown_path

# "skip": left out of the batch with one line naming it (a link that leaves the folder)
Expect = Literal["error", "load", "either", "skip"]

REPO = CHECKOUT
GOOD_LETTERS = REPO / "eval" / "letters"
PER_FILE_SECONDS = 5.0  # the load time limit used by the benchmark (RHI_LLM_LOAD_TIMEOUT)
GRACE_SECONDS = 5.0  # past limit + grace, a file's reading counts as a hang
MEMORY_CAP_BYTES = 6 * 2**30  # address space of each child process of the benchmark
HUGE_TEXT_BYTES = 50 * 2**20
ZIP_BOMB_BYTES = 2**30  # what the Word zip bomb unpacks to

# reasons a clear error may give (the LetterError kinds); anything else is not clear
LETTER_REASONS = frozenset(
    {
        "unreadable",
        "unsupported_format",
        "empty",
        "corrupt",
        "encrypted",
        "needs_ocr",
        "encoding",
        "too_large",
        "timeout",
        "converter_missing",
    }
)


@dataclass(frozen=True)
class BadFile:
    """One generated file and what a correct loader does with it."""

    path: Path
    kind: str
    variant: str
    expect: Expect
    why: str
    reasons: tuple[str, ...] = ()  # acceptable error reasons (empty: any clear error)
    marker: str | None = None  # a phrase the loaded text must hold (for a link: must not)
    words: str | None = None  # a phrase an error's message must hold
    named: bool = False  # named on the command line, not found in the bad files' folder
    figure: int | None = None  # a figure hidden by invisible characters: flagged if read

    def as_json(self) -> dict[str, object]:
        return {
            "path": shown_path(self.path),
            "kind": self.kind,
            "variant": self.variant,
            "expect": self.expect,
            "reasons": list(self.reasons),
            "marker": self.marker,
            "words": self.words,
            "named": self.named,
            "figure": self.figure,
            "why": self.why,
        }


# --------------------------------------------------------------------------------------------
# Letter text (our own words) and hand-built PDFs
# --------------------------------------------------------------------------------------------

_COUNCILS = ("Marrowby", "Thistledown", "Eskbridge", "Fenwold", "Copperdale", "Wrayholt")


def _letter_lines(rng: random.Random, marker: str) -> list[str]:
    council = rng.choice(_COUNCILS)
    a, b, c = rng.randint(20, 900), rng.randint(10, 400), rng.randint(5, 300)
    return [
        f"{council} Borough Council - Freedom of Information reply",
        f"Our reference: {marker}",
        "Dear requester,",
        "Thank you for your request about return home interviews. Our answers follow.",
        f"1. Children reported missing from home in 2023/24: {a}",
        f"2. Return home interviews offered in that year: {b}",
        f"3. Interviews held within 72 hours of the child's return: {c}",
        "Yours faithfully,",
        "Information Governance Team",
    ]


def _pdf(objects: dict[int, bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file of the given objects with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number]
            if number in offsets
            else b"0" * 10 + b" 65535 f \n"
        )
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        root,
        trailer_extra,
        start,
    )
    return bytes(out)


def _stream(data: bytes, *, compress: bool = False, extra: bytes = b"") -> bytes:
    if compress:
        data = zlib.compress(data, 1)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _text_ops(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 60 770 Td 15 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
    b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
)


def _letter_objects(rng: random.Random, marker: str) -> dict[int, bytes]:
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _PAGE,
        4: _FONT,
        5: _stream(_text_ops(_letter_lines(rng, marker))),
    }


def _letter_pdf(rng: random.Random, marker: str) -> bytes:
    return _pdf(_letter_objects(rng, marker))


def _encrypted(data: bytes, user_password: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-only", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# The kinds of bad file
# --------------------------------------------------------------------------------------------


@dataclass
class _Spec:
    data: bytes | Callable[[Path], None]  # bytes, or a writer for a file too big to hold
    suffix: str
    expect: Expect
    why: str
    reasons: tuple[str, ...] = ()
    marker: str | None = None
    words: str | None = None
    tail: bytes = b""  # bytes of the file's name after its kind and variant (odd names)
    named: bool = False  # named directly, so written beside the bad files' folder
    figure: int | None = None


Maker = Callable[[random.Random, str, int], tuple[str, _Spec]]  # -> (variant, spec)


def _truncated_pdf(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    data = _letter_pdf(rng, marker)
    page_end = data.index(b"endobj", data.index(b"3 0 obj")) + 6
    text_end = data.index(b"endstream") + 9
    xref = data.index(b"xref\n")
    variant = ("before_page", "in_text", "in_xref")[n % 3]
    if variant == "before_page":
        cut = rng.randint(20, page_end - 1)
        return variant, _Spec(
            data[:cut],
            ".pdf",
            "error",
            "cut before the page object ends: no page survives, there is nothing to read",
            ("corrupt",),
            words="incomplete",
        )
    if variant == "in_text":
        cut = rng.randint(page_end + 40, text_end - 1)
        return variant, _Spec(
            data[:cut],
            ".pdf",
            "either",
            "cut inside the page's text: pypdf may rebuild the file and read the text up to the "
            "cut (real text of the letter), or refuse the broken stream; both are right",
        )
    cut = rng.randint(xref + 1, len(data) - 8)
    return variant, _Spec(
        data[:cut],
        ".pdf",
        "either",
        "only the cross-reference table or trailer is cut (an interrupted download): every "
        "object is whole and a viewer that scans for objects opens it, but pypdf does not "
        "rebuild a file with no trailer; loading is best, an error saying the file is "
        "incomplete is right too",
        ("corrupt",),
        marker=marker,
        words="incomplete",
    )


def _bitflip_pdf(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    data = bytearray(_letter_pdf(rng, marker))
    flips = (1, 4, 16, 64)[n % 4]
    for _ in range(flips):
        at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
    return f"{flips}_bits", _Spec(
        bytes(data),
        ".pdf",
        "either",
        "a flipped bit in text or spacing leaves a readable letter (a PDF has no checksum to "
        "notice a changed character); one in the structure breaks it: load or a clear error",
    )


_ALGORITHMS = ("RC4-40", "RC4-128", "AES-128", "AES-256")


def _encrypted_empty(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    algorithm = _ALGORITHMS[n % len(_ALGORITHMS)]
    return algorithm, _Spec(
        _encrypted(_letter_pdf(rng, marker), "", algorithm),
        ".pdf",
        "load",
        "encrypted with an empty user password (an owner password only restricts editing): "
        "any reader opens it without asking, so the loader must too",
        marker=marker,
    )


def _encrypted_password(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    algorithm = _ALGORITHMS[n % len(_ALGORITHMS)]
    password = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(10))
    return algorithm, _Spec(
        _encrypted(_letter_pdf(rng, marker), password, algorithm),
        ".pdf",
        "error",
        "needs a password we do not have: the error must say it is password-protected",
        ("encrypted",),
        words="password",
    )


def _image_only_pdf(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    variant = ("image", "vector_lines", "blank_page")[n % 3]
    objects = _letter_objects(rng, marker)
    why = "no text layer (a scan, or lines drawn as shapes): it needs OCR"
    reason, words = "needs_ocr", "OCR"
    if variant == "image":
        side = 32
        pixels = bytes(rng.randrange(256) for _ in range(side * side))
        objects[3] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>"
        )
        objects[5] = _stream(b"q 480 0 0 640 60 80 cm /Im1 Do Q")
        objects[6] = _stream(
            pixels,
            compress=True,
            extra=b" /Type /XObject /Subtype /Image /Width %d /Height %d "
            b"/ColorSpace /DeviceGray /BitsPerComponent 8" % (side, side),
        )
    elif variant == "vector_lines":
        bars = b" ".join(b"60 %d 480 6 re f" % (700 - 14 * i) for i in range(30))
        objects[5] = _stream(b"0.2 g " + bars)
    else:
        objects[5] = _stream(b"")
        why = "a blank page: no text and nothing drawn, so nothing for OCR either"
        reason, words = "empty", "blank"
        return variant, _Spec(_pdf(objects), ".pdf", "error", why, (reason,), words=words)
    # OCR reads the drawing: nothing it can read is "empty"; specks it reads as marks load
    why += "; OCR (on by default) finds no words in it, or a few stray marks"
    return variant, _Spec(_pdf(objects), ".pdf", "either", why, (reason, "empty"))


_EXTENSIONS = (
    ".pdf",
    ".docx",
    ".html",
    ".txt",
    ".eml",
    ".md",
    ".msg",
    ".png",
    ".xlsx",
    ".xls",
    ".ods",
    ".csv",
    ".odt",
    ".rtf",
    ".doc",
)


def _zero_bytes(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    suffix = _EXTENSIONS[n % len(_EXTENSIONS)]
    return suffix[1:], _Spec(b"", suffix, "error", "an empty file holds no letter", ("empty",))


def _random_bytes(suffix: str) -> Maker:
    def make(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
        body = rng.randbytes(rng.randint(64, 200_000))
        variant = "plain"
        if n % 2 and suffix == ".pdf":
            body, variant = b"%PDF-1.7\n" + body, "pdf_header"
        elif n % 2 and suffix in (".docx", ".xlsx", ".ods", ".odt"):
            body, variant = b"PK\x03\x04" + body, "zip_header"
        elif n % 2 and suffix in (".msg", ".xls", ".doc"):
            body, variant = OLE_MAGIC + body, "ole_header"
        elif n % 2 and suffix == ".png":
            body, variant = b"\x89PNG\r\n\x1a\n" + body, "png_header"
        elif n % 2 and suffix == ".rtf":
            body, variant = b"{\\rtf1 " + body, "rtf_header"
        return variant, _Spec(
            body,
            suffix,
            "error",
            f"random bytes named {suffix}: not a letter in any format",
            ("corrupt", "encoding"),
        )

    return make


def _huge_text(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    def write(path: Path) -> None:
        lines = _letter_lines(rng, marker)
        block = ("\n".join(lines) + "\n").encode("utf-8") * 64
        with path.open("wb") as handle:
            written = 0
            while written < HUGE_TEXT_BYTES:
                handle.write(block)
                written += len(block)

    return "50MB", _Spec(
        write,
        ".txt",
        "error",
        "50 MB of text is a data dump, not a reply letter: refused by size",
        ("too_large",),
        words="MB",
    )


def _cp1252_text(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    suffix = (".txt", ".md", ".html")[n % 3]
    fee = rng.randint(2, 90)
    phrase = f"fee of £{fee} – none charged for {marker}"
    lines = _letter_lines(rng, marker)
    lines.insert(3, f"We won’t ask for a {phrase}; the café-style summary is below.")
    text = "\n".join(lines) + "\n"
    if suffix == ".html":
        text = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    return suffix[1:], _Spec(
        text.encode("cp1252"),
        suffix,
        "load",
        "Windows-1252 text (as saved by older Windows tools): must load with £, – and ’ intact",
        marker=phrase,
    )


def _utf16_text(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    codec, bom = (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"))[n % 2]
    suffix = (".txt", ".md", ".html")[n % 3]
    phrase = f"£{rng.randint(2, 90)} – {marker}"
    lines = _letter_lines(rng, marker)
    lines.insert(3, f"Cost to you: {phrase}.")
    text = "\n".join(lines) + "\n"
    if suffix == ".html":
        text = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    return f"{codec}_{suffix[1:]}", _Spec(
        bom + text.encode(codec),
        suffix,
        "load",
        "UTF-16 with a byte-order mark (Notepad's 'Unicode'): must load with the right characters",
        marker=phrase,
    )


def _nested_html(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    depth = rng.randint(20_000, 60_000)
    variant = ("closed_divs", "unclosed_tags", "nested_tables", "hidden_siblings")[n % 4]
    lines = "".join(f"<p>{line}</p>" for line in _letter_lines(rng, marker))
    if variant == "closed_divs":
        markup = "<div>" * depth + lines + "</div>" * depth
    elif variant == "unclosed_tags":
        markup = "<span><b><i>" * (depth // 3) + lines
    elif variant == "nested_tables":
        markup = "<table><tr><td>" * (depth // 3) + lines + "</td></tr></table>" * (depth // 3)
    else:
        markup = '<div hidden><div style="display:none">x</div>' * 200 + "</div>" * 200
        markup += "<section>" * depth + lines + "</section>" * depth
    return variant, _Spec(
        f"<html><body>{markup}</body></html>".encode(),
        ".html",
        "load",
        "tags nested tens of thousands deep around real text: a streaming reader finds the text",
        marker=marker,
    )


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Default Extension="xml" ContentType="application/xml"/><Default '
    b'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)


def _junk_zip_docx(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    variant = ("junk_members", "random_document_xml", "missing_document", "deep_xml")[n % 4]
    if variant == "junk_members":
        data = _zip({f"part{i}.bin": rng.randbytes(rng.randint(10, 5000)) for i in range(3)})
    elif variant == "random_document_xml":
        data = _zip(
            {
                "[Content_Types].xml": _CONTENT_TYPES,
                "_rels/.rels": _RELS,
                "word/document.xml": rng.randbytes(4000),
            }
        )
    elif variant == "missing_document":
        data = _zip({"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _RELS})
    else:
        depth = 50_000
        body = b"<w:p>" * depth + b"<w:r><w:t>" + marker.encode() + b"</w:t></w:r>"
        body += b"</w:p>" * depth
        data = _zip(
            {
                "[Content_Types].xml": _CONTENT_TYPES,
                "_rels/.rels": _RELS,
                "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="'
                + _W
                + b'"><w:body>'
                + body
                + b"</w:body></w:document>",
            }
        )
    return variant, _Spec(
        data,
        ".docx",
        "error",
        "a zip named .docx that is not a Word document (junk parts, no document, or XML too "
        "deep for the XML parser's safety limit)",
        ("corrupt",),
    )


def _zip_bomb_docx(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    def write(path: Path) -> None:
        paragraph = b"<w:p><w:r><w:t>" + marker.encode() + b"</w:t></w:r></w:p>"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
            archive.writestr("_rels/.rels", _RELS)
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(b'<?xml version="1.0"?><w:document xmlns:w="' + _W + b'"><w:body>')
                block = b"<w:p/>" * (2**20 // 6)
                written = 0
                while written < ZIP_BOMB_BYTES:
                    part.write(block)
                    written += len(block)
                part.write(paragraph + b"</w:body></w:document>")

    return "1GB_of_paragraphs", _Spec(
        write,
        ".docx",
        "error",
        "a few MB that unpack to 1 GB of empty paragraphs: reading it all would take many GB of "
        "memory, so it must be refused before it is unpacked",
        ("too_large",),
        words="unpacks",
    )


def _page_objects(content: bytes, *, compress: bool = True) -> dict[int, bytes]:
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: _PAGE,
        4: _FONT,
        5: _stream(content, compress=compress),
    }


_SLOW_OPS = b"BT /F1 11 Tf " + b"(ab) Tj 0 -1 Td " * 400_000 + b"ET"


def _looping_pdf(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    variants = ("kids_self", "kids_mutual", "self_reference", "xref_prev_loop", "form_loop")
    variant = variants[n % len(variants)]
    objects = _letter_objects(rng, marker)
    if variant == "kids_self":
        objects[2] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"
    elif variant == "kids_mutual":
        objects[2] = b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>"
        objects[6] = b"<< /Type /Pages /Parent 2 0 R /Kids [7 0 R] /Count 1 >>"
        objects[7] = b"<< /Type /Pages /Parent 6 0 R /Kids [6 0 R 3 0 R] /Count 1 >>"
    elif variant == "self_reference":
        objects[2] = b"2 0 R"
    elif variant == "form_loop":
        objects[3] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 6 0 R "
            b"/Contents 5 0 R >>"
        )
        objects[5] = _stream(_text_ops(_letter_lines(rng, marker)) + b" /X1 Do")
        objects[6] = b"<< /Font << /F1 4 0 R >> /XObject << /X1 7 0 R >> >>"
        objects[7] = _stream(
            b"BT /F1 11 Tf 60 100 Td (drawn by a form) Tj ET /X1 Do",
            extra=b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources 6 0 R",
        )
    if variant == "xref_prev_loop":
        data = _pdf(objects)
        start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
        data = data.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % start)
        return variant, _Spec(
            data,
            ".pdf",
            "load",
            "the trailer's /Prev points back at its own cross-reference table: a reader that "
            "notices the loop stops there, and every object of the letter is intact",
            marker=marker,
        )
    if variant == "form_loop":
        return variant, _Spec(
            _pdf(objects),
            ".pdf",
            "load",
            "a form XObject that draws itself: a reader that skips the repeat reads the page's "
            "text, which is all there",
            marker=marker,
        )
    return variant, _Spec(
        _pdf(objects),
        ".pdf",
        "error",
        "the page tree or an object refers to itself: there is no page to read",
        ("corrupt",),
    )


def _deep_recursion_pdf(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    variant = ("arrays_in_catalog", "dicts_in_page", "arrays_in_content")[n % 3]
    depth = rng.randint(5_000, 100_000)
    objects = _letter_objects(rng, marker)
    if variant == "arrays_in_catalog":
        objects[1] = b"<< /Type /Catalog /Pages 2 0 R /Junk " + b"[" * depth + b"]" * depth + b" >>"
    elif variant == "dicts_in_page":
        nested = b"<< /A " * depth + b"1" + b" >>" * depth
        objects[3] = _PAGE[:-2] + b" /Junk " + nested + b" >>"
    else:
        objects[5] = _stream(
            b"[" * depth + b"]" * depth + b" " + _text_ops(_letter_lines(rng, marker))
        )
    return f"{variant}_{depth}", _Spec(
        _pdf(objects),
        ".pdf",
        "either",
        "arrays or dictionaries nested thousands deep beside the letter's text: a recursive "
        "parser runs out of stack there. Refusing the file as damaged is right, and so is "
        "reading past the junk (then the whole text must be there); a crash is not",
        ("corrupt",),
        marker=marker,
    )


def _limit_pdf(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    variant = ("slow_forms", "flate_bomb", "page_tree_bomb")[n % 3]
    if variant == "page_tree_bomb":
        objects = _letter_objects(rng, marker)
        previous = 3
        for level in range(10, 18):  # 10^8 pages, each a reference to the same one
            kids = b" ".join([b"%d 0 R" % previous] * 10)
            objects[level] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, 10 ** (level - 9))
            previous = level
        objects[1] = b"<< /Type /Catalog /Pages %d 0 R >>" % previous
        return variant, _Spec(
            _pdf(objects),
            ".pdf",
            "error",
            "a page tree of 100 million pages (each a reference to one page): pypdf stops at "
            "its page limit; the loader must say so clearly",
            ("corrupt", "too_large", "timeout"),
        )
    if variant == "flate_bomb":
        content = _text_ops(["bomb 1"]) + b" " * (80 * 2**20 + rng.randrange(2**20))
        return variant, _Spec(
            _pdf(_page_objects(content)),
            ".pdf",
            "error",
            "a page whose compressed text unpacks past pypdf's 75 MB safety limit",
            ("corrupt", "too_large"),
        )
    forms = 10
    packed = _stream(
        _SLOW_OPS,
        compress=True,
        extra=b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >>",
    )
    objects = _letter_objects(rng, marker)
    objects[3] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 6 0 R /Contents 5 0 R >>"
    )
    objects[5] = _stream(
        _text_ops(["slow 1"]) + b" " + b" ".join(b"/X%d Do" % i for i in range(forms))
    )
    objects[6] = (
        b"<< /Font << /F1 4 0 R >> /XObject << "
        + b" ".join(b"/X%d %d 0 R" % (i, 10 + i) for i in range(forms))
        + b" >> >>"
    )
    for i in range(forms):
        objects[10 + i] = packed
    return variant, _Spec(
        _pdf(objects),
        ".pdf",
        "error",
        "ten forms of 400,000 text operations each: reading takes about a minute, so the "
        "per-file time limit must stop it (pypdf catches errors inside forms: the limit must "
        "not be one it can catch)",
        ("timeout",),
        words="took over",
    )


def _html_bad_charset(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    charset = ("undefined", "x-no-such-charset", "utf-16", "utf-32")[n % 4]
    body = "".join(f"<p>{line}</p>" for line in _letter_lines(rng, marker))
    markup = f'<html><head><meta charset="{charset}"></head><body>{body}</body></html>'
    if len(markup) % 2:
        markup += " "  # an even length, so that a UTF-16 decoding does not fail by chance
    return charset, _Spec(
        markup.encode("utf-8"),
        ".html",
        "load",
        "a UTF-8 page whose meta tag names a bogus charset or UTF-16/32 (which a meta tag "
        "read as ASCII cannot be; browsers then use UTF-8): must load with the right text",
        marker=marker,
    )


def _eml_bad_charset(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    charset = ("undefined", "x-no-such-charset", "idna")[n % 3]
    body = "\n".join(_letter_lines(rng, marker)) + "\n"
    message = (
        "From: foi@council.example\nTo: requester@example.org\nSubject: Your FOI request\n"
        f'MIME-Version: 1.0\nContent-Type: text/plain; charset="{charset}"\n\n{body}'
    )
    return charset, _Spec(
        message.encode("utf-8"),
        ".eml",
        "load",
        "an e-mail whose text part names a bogus charset: the body is plain text and must load",
        marker=marker,
    )


def _nested_eml(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    depth = rng.randint(1_500, 4_000)
    lines = ["From: foi@council.example", "Subject: nested", "MIME-Version: 1.0"]
    for i in range(depth):
        lines += [f'Content-Type: multipart/mixed; boundary="b{i}"', "", f"--b{i}"]
    lines += ["Content-Type: text/plain", "", *_letter_lines(rng, marker)]
    lines += [f"--b{i}--" for i in reversed(range(depth))]
    return str(depth), _Spec(
        ("\n".join(lines) + "\n").encode(),
        ".eml",
        "error",
        "an e-mail whose parts nest thousands deep (no mail program writes that): refused "
        "as damaged, not a crash of the reader (Python's e-mail parser takes a second or two "
        "to get that deep, so a tight time limit may stop it first)",
        ("corrupt", "timeout"),
    )


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _password_xlsx(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    # Excel saves a password-protected workbook as an OLE file holding the encrypted
    # package, whatever its .xlsx name; its first bytes are the OLE signature
    body = OLE_MAGIC + b"\x00" * 24 + rng.randbytes(rng.randint(2000, 20000))
    return "ole_package", _Spec(
        body, ".xlsx", "error", "a password-protected workbook", ("encrypted",), words="password"
    )


def _zip_bomb_ods(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    def write(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            with archive.open("content.xml", "w", force_zip64=True) as part:
                block = b"<table:table-row/>" * (2**20 // 18)
                written = 0
                while written < ZIP_BOMB_BYTES // 4:
                    part.write(block)
                    written += len(block)

    return "256MB_of_rows", _Spec(
        write,
        ".ods",
        "error",
        "a spreadsheet that unpacks to 256 MB of rows: refused before it is unpacked",
        ("too_large",),
        words="unpacks",
    )


def _noise_image(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    from PIL import Image

    side = (300, 1200)[n % 2]
    image = Image.frombytes("L", (side, side), rng.randbytes(side * side))
    out = io.BytesIO()
    image.save(out, "PNG")
    return f"{side}px", _Spec(
        out.getvalue(),
        ".png",
        "either",
        "an image of random noise: OCR finds no words (empty), or a few stray marks, or takes "
        "past its per-page limit (Tesseract is slow on noise)",
        ("empty", "timeout"),
    )


def _broken_attachment_eml(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "foi@council.example"
    message["Subject"] = "Your FOI request"
    message.set_content("\n".join(_letter_lines(rng, marker)) + "\n")
    name, kind = (("reply.pdf", "pdf"), ("figures.xlsx", "xlsx"), ("letter.doc", "msword"))[n % 3]
    message.add_attachment(rng.randbytes(3000), maintype="application", subtype=kind, filename=name)
    return name, _Spec(
        message.as_bytes(),
        ".eml",
        "error",
        "an e-mail whose attachment is damaged: the letter fails naming the attachment, so no "
        "answer in it is lost in silence",
        ("corrupt", "encoding"),
        words="attachment",
    )


def elsewhere(dest: Path) -> Path:
    """A folder beside the bad files' one: where links that leave the folder lead."""
    return dest.with_name(dest.name + "-elsewhere")


def named_folder(dest: Path) -> Path:
    """Where the files named directly on the command line are written."""
    return dest.with_name(dest.name + "-named")


def _link_out(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    variant = ("file", "folder", "chain", "loop")[n % 4]

    def write(path: Path) -> None:
        outside = elsewhere(path.parent)
        outside.mkdir(exist_ok=True)
        secret = outside / f"{path.stem}-secret.txt"
        secret.write_text("\n".join(_letter_lines(rng, marker)) + "\n")
        if variant == "file":
            path.symlink_to(secret)
        elif variant == "folder":
            path.symlink_to(outside)
        elif variant == "chain":  # a link to a link (a dot name: not listed itself)
            hop = path.with_name(f".{path.stem}-hop")
            hop.symlink_to(secret)
            path.symlink_to(hop)
        else:  # a folder that holds the folder itself: a loop
            path.symlink_to(path.parent.parent)

    return variant, _Spec(
        write,
        ".txt" if variant in ("file", "chain") else "",
        "skip",
        "a link in the letters folder that leads out of it (to a file, to a folder, through "
        "another link, or round to a folder holding it): not followed, and said so in one "
        "line; the text it leads to (holding the marker) must not be stored",
        marker=marker,
    )


def _non_utf8_name(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    variant, tail = (("latin1", b"-caf\xe9"), ("cp1252", b"-\x93reply\x94"))[n % 2]
    return variant, _Spec(
        ("\n".join(_letter_lines(rng, marker)) + "\n").encode(),
        ".txt",
        "load",
        "a file name in bytes that are not UTF-8 (as Windows zips and mail attachments "
        "give): loaded and stored under its name with the bytes escaped",
        marker=marker,
        tail=tail,
    )


def _escape_name(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    """Names holding terminal escape sequences: a hyperlink (OSC 8) on a good letter, and a
    clear-screen on an empty file whose error line prints the name."""
    if n % 2 == 0:
        return "osc8_link", _Spec(
            ("\n".join(_letter_lines(rng, marker)) + "\n").encode(),
            ".txt",
            "load",
            "a name with a terminal hyperlink in it: loaded; nothing printed may hold the raw "
            "escape sequence",
            marker=marker,
            tail=b"-\x1b]8;;http:x.example\x07evil\x1b]8;;\x07",
        )
    return "clear_screen", _Spec(
        b"",
        ".txt",
        "error",
        "an empty file whose name clears the screen: its error line names it escaped",
        ("empty",),
        tail=b"-\x1b[2J\x1b[H\x9b",
    )


def _fifo(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    return "named_pipe", _Spec(
        os.mkfifo,
        ".txt",
        "error",
        "a named pipe (FIFO) with a letter's name, named directly: a clear error at once, "
        "not a batch waiting for a writer that never comes",
        ("unreadable",),
        words="named pipe",
        named=True,
    )


HUGE_SPARSE_BYTES = 2**40  # a terabyte of nothing: takes no disk, cannot be read


def _huge_sparse(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    def write(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(HUGE_SPARSE_BYTES)

    return "1tb", _Spec(
        write,
        ".pdf",
        "error",
        "a sparse file of a terabyte: refused by its size before a byte is read (reading "
        "it, or hashing it whole, would take hours and all the memory)",
        ("too_large",),
        words="MB",
    )


_BIDI_FORMATS = ("txt", "html", "eml")


def _as_email(lines: list[str]) -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "foi@council.example"
    message["Subject"] = "Your FOI request"
    message.set_content("\n".join(lines) + "\n")
    return message.as_bytes()


def _bidi_override(rng: random.Random, marker: str, n: int) -> tuple[str, _Spec]:
    """A letter whose first figure is wrapped in a right-to-left override: shown to a
    reader reversed ("512" as "215"), read as written."""
    lines = _letter_lines(rng, marker)
    figure = int(lines[4].rsplit(" ", 1)[1])
    fmt = _BIDI_FORMATS[n % len(_BIDI_FORMATS)]
    if fmt == "html":  # as a character reference, which the page's reader resolves
        lines[4] = lines[4].replace(f": {figure}", f": &#x202E;{figure}&#x202C;")
        data = ("<html><body>" + "".join(f"<p>{line}</p>" for line in lines)).encode()
    else:
        lines[4] = lines[4].replace(f": {figure}", f": \u202e{figure}\u202c")
        data = _as_email(lines) if fmt == "eml" else ("\n".join(lines) + "\n").encode()
    return fmt, _Spec(
        data,
        f".{fmt}",
        "load",
        "a figure wrapped in a right-to-left override: loaded with the control taken out of "
        "the stored text, and the figure flagged (a reader of the letter saw it reversed)",
        marker=marker,
        figure=figure,
    )


# kinds in the order they cycle; those in ONCE are made on the first round only (big files)
KINDS: dict[str, Maker] = {
    "truncated_pdf": _truncated_pdf,
    "bitflip_pdf": _bitflip_pdf,
    "encrypted_pdf_empty_password": _encrypted_empty,
    "encrypted_pdf_password": _encrypted_password,
    "image_only_pdf": _image_only_pdf,
    "zero_bytes": _zero_bytes,
    "random_bytes_pdf": _random_bytes(".pdf"),
    "random_bytes_docx": _random_bytes(".docx"),
    "random_bytes_html": _random_bytes(".html"),
    "random_bytes_txt": _random_bytes(".txt"),
    "random_bytes_eml": _random_bytes(".eml"),
    "random_bytes_md": _random_bytes(".md"),
    "huge_text_50mb": _huge_text,
    "cp1252_text": _cp1252_text,
    "utf16_bom_text": _utf16_text,
    "nested_html": _nested_html,
    "junk_zip_docx": _junk_zip_docx,
    "zip_bomb_docx": _zip_bomb_docx,
    "looping_pdf": _looping_pdf,
    "deep_recursion_pdf": _deep_recursion_pdf,
    "limit_pdf": _limit_pdf,
    "html_bad_charset": _html_bad_charset,
    "eml_bad_charset": _eml_bad_charset,
    "nested_eml": _nested_eml,
    "random_bytes_msg": _random_bytes(".msg"),
    "random_bytes_png": _random_bytes(".png"),
    "random_bytes_xlsx": _random_bytes(".xlsx"),
    "random_bytes_xls": _random_bytes(".xls"),
    "random_bytes_ods": _random_bytes(".ods"),
    "random_bytes_odt": _random_bytes(".odt"),
    "random_bytes_rtf": _random_bytes(".rtf"),
    "random_bytes_doc": _random_bytes(".doc"),
    "random_bytes_csv": _random_bytes(".csv"),
    "password_xlsx": _password_xlsx,
    "zip_bomb_ods": _zip_bomb_ods,
    "noise_image": _noise_image,
    "broken_attachment_eml": _broken_attachment_eml,
    "link_out_of_folder": _link_out,
    "non_utf8_name": _non_utf8_name,
    "escape_name": _escape_name,
    "fifo": _fifo,
    "huge_sparse": _huge_sparse,
    "bidi_override": _bidi_override,
}
ONCE = frozenset({"huge_text_50mb", "zip_bomb_docx", "zip_bomb_ods", "huge_sparse"})


def generate(
    dest: Path, count: int = 220, seed: int = 1, kinds: list[str] | None = None
) -> list[BadFile]:
    """``count`` bad files in ``dest``, the kinds (all, or those named) taken in turn (each
    kind's variants in turn too); the big kinds in ONCE only on the first round. Random
    content follows ``seed``."""
    made: list[BadFile] = []
    seen: Counter[str] = Counter()
    chosen = kinds or list(KINDS)
    if all(kind in ONCE for kind in chosen):
        count = min(count, len(chosen))
    while len(made) < count:
        for kind in chosen:
            if len(made) >= count:
                break
            if kind in ONCE and seen[kind]:
                continue
            made.append(make_one(dest, kind, seen[kind], index=len(made), seed=seed))
            seen[kind] += 1
    return made


def make_one(dest: Path, kind: str, n: int = 0, *, index: int = 0, seed: int = 1) -> BadFile:
    """One bad file of ``kind`` (its ``n``-th variant, counting round) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-{index}-{kind}")
    marker = f"RHI-{seed}-{index:04d}"
    variant, spec = KINDS[kind](rng, marker, n)
    folder = named_folder(dest) if spec.named else dest
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{index:04d}-{kind}-{variant}".encode() + spec.tail + spec.suffix.encode()
    path = folder / os.fsdecode(name)
    if isinstance(spec.data, bytes):
        path.write_bytes(spec.data)
    else:
        spec.data(path)
    return BadFile(
        path=path,
        kind=kind,
        variant=variant,
        expect=spec.expect,
        why=spec.why,
        reasons=spec.reasons,
        marker=spec.marker,
        words=spec.words,
        named=spec.named,
        figure=spec.figure,
    )


# --------------------------------------------------------------------------------------------
# Clear errors
# --------------------------------------------------------------------------------------------

_REPR = re.compile(
    r"\b[A-Z]\w*(Error|Exception|Warning)\(|<[\w.]+ object at 0x|\bb'[^']*'|\bb\"[^\"]*\""
)
_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")
MAX_MESSAGE = 300


def unclear_because(path: Path | str, reason: str, message: str) -> str | None:
    """Why a recorded failure is not a clear error for a researcher (None when it is): one
    line, starting with the file's path, in words, with a reason that names a kind of bad
    letter."""
    prefix = f"{shown_path(path)}: "
    if "\n" in message or "\r" in message:
        return "more than one line"
    if not message.startswith(prefix):
        return "does not start with the file's path"
    detail = message[len(prefix) :]
    if len(detail.split()) < 3:
        return "says too little"
    if len(message) > MAX_MESSAGE + len(prefix):
        return "too long for one line"
    if _TRACEBACK.search(detail):
        return "holds a traceback"
    if _REPR.search(detail):
        return "holds an exception's repr"
    if "internal error" in detail.lower() or reason == "internal":
        return "an internal error (a bug)"
    if reason not in LETTER_REASONS:
        return f"reason {reason!r} is not a kind of bad letter"
    return None


# --------------------------------------------------------------------------------------------
# Each file on its own: timing, hangs, crashes
# --------------------------------------------------------------------------------------------


@dataclass
class Probe:
    """One file loaded on its own in a child process."""

    outcome: Literal["load", "error", "crash", "hang"]
    seconds: float
    reason: str = ""
    message: str = ""
    marker_found: bool = False


def _child_setup() -> None:
    """In each child process: the memory cap, and pypdf's warnings about each damaged file
    (hundreds of lines) kept off the terminal."""
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _probe_child(path: Path, marker: str | None, conn: Connection) -> None:
    from rhi_llm.letters import load

    _child_setup()
    started = time.perf_counter()
    try:
        letter = load(path)
        found = marker is None or marker in letter.text
        result: tuple[str, str, str, bool] = ("load", "", "", found)
    except LetterError as error:
        result = ("error", error.reason, str(error), False)
    except BaseException as error:  # a crash: what the loader must never do
        result = ("crash", type(error).__name__, f"{type(error).__name__}: {error}"[:500], False)
    conn.send((*result, time.perf_counter() - started))
    conn.close()


def probe(
    files: list[BadFile], *, limit: float, grace: float = GRACE_SECONDS, jobs: int | None = None
) -> dict[Path, Probe]:
    """Load each file on its own, ``jobs`` at a time, each in a child process that is killed
    if it runs past ``limit + grace`` seconds (a hang)."""
    context = multiprocessing.get_context("fork")
    jobs = jobs or max(1, os.cpu_count() or 1)
    pending = list(files)
    running: dict[Connection, tuple[BadFile, Any, float]] = {}
    found: dict[Path, Probe] = {}
    try:
        _probe_all(context, pending, running, found, jobs, limit + grace)
    finally:  # interrupted: end the children still reading
        for conn, (_, process, _) in running.items():
            if process.is_alive():
                process.kill()
            process.join()
            conn.close()
    return found


def _probe_all(
    context: Any,
    pending: list[BadFile],
    running: dict[Connection, tuple[BadFile, Any, float]],
    found: dict[Path, Probe],
    jobs: int,
    deadline: float,
) -> None:
    while pending or running:
        while pending and len(running) < jobs:
            bad = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_probe_child, args=(bad.path, bad.marker, sender))
            process.start()
            sender.close()
            running[receiver] = (bad, process, time.perf_counter())
        ready = wait(list(running), timeout=0.05)
        now = time.perf_counter()
        for conn in list(running):
            bad, process, started = running[conn]
            if conn in ready:
                try:
                    outcome, reason, message, marker_found, seconds = conn.recv()
                    found[bad.path] = Probe(outcome, seconds, reason, message, marker_found)
                except EOFError:  # the child died without a word (killed by the system)
                    process.join()
                    found[bad.path] = Probe(
                        "crash", now - started, "died", f"exit code {process.exitcode}"
                    )
            elif now - started > deadline:
                process.kill()
                found[bad.path] = Probe("hang", now - started, "hang", "killed")
            else:
                continue
            process.join()
            conn.close()
            del running[conn]


# --------------------------------------------------------------------------------------------
# The batch
# --------------------------------------------------------------------------------------------


def _batch_child(args: list[str], printed: Path, conn: Connection) -> None:
    """``rhi-llm extract ARGS`` in this process, all it prints going to ``printed``: what a
    user would see on their terminal, checked for escape sequences let through."""
    os.setsid()  # its own process group, so that a stuck batch is ended with its workers
    _child_setup()
    for name in ("FORCE_COLOR", "CLICOLOR_FORCE"):
        os.environ.pop(name, None)  # plain text, as on a pipe: any escape in it is a leak
    try:
        with printed.open("wb") as sink:
            os.dup2(sink.fileno(), 1)
            os.dup2(sink.fileno(), 2)
            # as a terminal gets them: bytes of a name not UTF-8 pass through raw (these
            # are the process's own streams until it ends, hence no context manager)
            sys.stdout = _raw_stream(1)
            sys.stderr = _raw_stream(2)
            from rhi_llm.cli import app

            code = app(args, prog_name="rhi-llm", standalone_mode=False)
            sys.stdout.flush()
            sys.stderr.flush()
        # 1: some letters failed, as bad ones must
        conn.send("" if code in (0, 1, None) else f"rhi-llm extract ended with code {code}")
    except BaseException as error:
        conn.send(f"{type(error).__name__}: {error}"[:500] or "died")
    conn.close()


def _raw_stream(descriptor: int) -> Any:
    return open(descriptor, "w", encoding="utf-8", errors="surrogateescape", closefd=False)


def batch_args(folder: Path, named: list[Path], db: Path, workers: int | None) -> list[str]:
    """The command line of the batch: the bad files' folder (scanned, as a user's letters
    folder is), then the files named directly, into a fresh store with the rules backend."""
    args = ["extract", "--backend", "rules", "--db", str(db), "--quiet"]
    args += ["--output", str(db.with_suffix(".jsonl"))]
    if workers is not None:
        args += ["--workers", str(workers)]
    return [*args, str(folder), *map(str, named)]


def _run_batch(args: list[str], printed: Path, deadline: float) -> tuple[float, str]:
    """Run the batch in a child process; (seconds, "" or how it ended badly)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_batch_child, args=(args, printed, sender))
    started = time.perf_counter()
    process.start()
    sender.close()
    ended = "interrupted"
    try:
        if receiver.poll(deadline):
            try:
                ended = receiver.recv()
            except EOFError:
                ended = "the batch process died"
        else:
            ended = f"the batch did not finish within {deadline:.0f} s and was stopped"
    finally:
        if process.is_alive() and ended and process.pid is not None:
            with contextlib.suppress(ProcessLookupError):  # the batch and its workers
                os.killpg(process.pid, signal.SIGKILL)
    seconds = time.perf_counter() - started
    process.join(30)
    if process.exitcode not in (0, None) and not ended:
        ended = f"the batch process exited with code {process.exitcode}"
    receiver.close()
    return seconds, ended


# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


# what must never be printed raw: C0 and C1 controls (ESC starts every terminal escape
# sequence, BEL ends a hyperlink's), bidirectional controls, surrogates of bytes not UTF-8
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def raw_control_lines(printed: str) -> list[str]:
    """The printed lines that hold a character a terminal would act on (shown escaped)."""
    return [shown_path(line) for line in printed.splitlines() if RAW_CONTROL.search(line)]


def skip_line(printed: str, path: Path) -> bool:
    """Did the batch say in one line that it left ``path`` out?"""
    return f"skipped {shown_path(path)}: " in printed


@dataclass
class FileResult:
    bad: BadFile
    stored: Literal["extracted", "failed", "lost", "skipped"]
    reason: str = ""
    message: str = ""
    unclear: str | None = None
    marker_found: bool | None = None  # for a link that leaves the folder: its text leaked
    probe: Probe | None = None
    said_skipped: bool = False  # a "skipped NAME: why" line was printed for it
    raw_printed: bool = False  # the batch printed raw control characters (any file's)
    figure_flagged: bool | None = None  # a hidden figure read as a value: was it flagged?

    @property
    def crashed(self) -> bool:
        return (
            self.reason == "internal"
            or (self.probe is not None and self.probe.outcome == "crash")
            or self.stored == "lost"
        )

    @property
    def hung(self) -> bool:
        return self.probe is not None and self.probe.outcome == "hang"

    @property
    def met(self) -> bool:
        """The outcome is what a correct loader does with this file."""
        if self.crashed or self.hung:
            return False
        if self.bad.kind == "escape_name" and self.raw_printed:
            return False
        if self.bad.expect == "skip":
            return self.stored == "skipped" and self.said_skipped and not self.marker_found
        if self.stored == "skipped":
            return False
        if self.stored == "extracted":
            return (
                self.bad.expect in ("load", "either")
                and self.marker_found is not False
                and self.figure_flagged is not False
            )
        if self.unclear is not None:
            return False
        if self.bad.expect == "load":
            return False
        if self.bad.words is not None and self.bad.words not in self.message:
            return False
        return not self.bad.reasons or self.reason in self.bad.reasons

    def as_json(self) -> dict[str, object]:
        return {
            "file": shown_path(self.bad.path.name),
            "kind": self.bad.kind,
            "expect": self.bad.expect,
            "stored": self.stored,
            "reason": self.reason,
            "message": self.message,
            "unclear": self.unclear,
            "marker_found": self.marker_found,
            "said_skipped": self.said_skipped,
            "figure_flagged": self.figure_flagged,
            "load_seconds": round(self.probe.seconds, 3) if self.probe else None,
            "alone": self.probe.outcome if self.probe else None,
            "why": self.bad.why,
        }


@dataclass
class BadInputResult:
    tried: int
    good: int
    per_file_seconds: float
    seconds: float = 0.0
    batch_seconds: float = 0.0
    files: list[FileResult] = field(default_factory=list)
    good_stored: int = 0
    lost: int = 0
    batch_ended: str = ""  # how the batch ended, when it did not finish normally
    raw_lines: list[str] = field(default_factory=list)  # printed with raw control characters

    @property
    def clear_errors(self) -> int:
        return sum(1 for f in self.files if f.stored == "failed" and f.unclear is None)

    @property
    def unclear_errors(self) -> int:
        return sum(1 for f in self.files if f.stored == "failed" and f.unclear is not None)

    @property
    def loaded(self) -> int:
        return sum(1 for f in self.files if f.stored == "extracted")

    @property
    def skipped(self) -> int:
        """Files left out of the batch with a line saying so (links out of the folder)."""
        return sum(1 for f in self.files if f.stored == "skipped" and f.said_skipped)

    @property
    def crashes(self) -> int:
        crashed = sum(1 for f in self.files if f.crashed)
        return crashed + (1 if self.batch_ended and not crashed else 0)

    @property
    def stopped_by_time_limit(self) -> int:
        return sum(1 for f in self.files if f.reason == "timeout")

    @property
    def hangs(self) -> int:
        hung = sum(1 for f in self.files if f.hung)
        return hung + (1 if "did not finish" in self.batch_ended and not hung else 0)

    @property
    def expectations_met(self) -> int:
        return sum(1 for f in self.files if f.met)

    def slowest(self, *, stopped: bool = True) -> tuple[float, str]:
        """The slowest file loaded on its own (seconds, name); with ``stopped=False``, of the
        files that the time limit did not stop."""
        timed = [
            (f.probe.seconds, f.bad.path.name)
            for f in self.files
            if f.probe and (stopped or f.probe.reason != "timeout")
        ]
        return max(timed, default=(0.0, ""))

    def by_kind(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for f in self.files:
            row = table.setdefault(
                f.bad.kind,
                {
                    "tried": 0,
                    "clear_errors": 0,
                    "loaded": 0,
                    "skipped": 0,
                    "crashes": 0,
                    "hangs": 0,
                    "met": 0,
                },
            )
            row["tried"] += 1
            row["clear_errors"] += f.stored == "failed" and f.unclear is None
            row["loaded"] += f.stored == "extracted"
            row["skipped"] += f.stored == "skipped" and f.said_skipped
            row["crashes"] += f.crashed
            row["hangs"] += f.hung
            row["met"] += f.met
        return table

    def summary(self) -> str:
        return (
            f"tried {self.tried}, clear errors {self.clear_errors} (unclear "
            f"{self.unclear_errors}), loaded {self.loaded}, skipped {self.skipped}, "
            f"crashes {self.crashes}, timeouts "
            f"{self.hangs} (hangs past the {self.per_file_seconds:g} s limit; "
            f"{self.stopped_by_time_limit} stopped by it); expected outcome "
            f"{self.expectations_met}/{self.tried}; good letters stored "
            f"{self.good_stored}/{self.good}, lost {self.lost}"
        )

    def as_json(self) -> dict[str, object]:
        seconds, name = self.slowest()
        unstopped, unstopped_name = self.slowest(stopped=False)
        return {
            "tried": self.tried,
            "clear_errors": self.clear_errors,
            "unclear_errors": self.unclear_errors,
            "loaded": self.loaded,
            "skipped": self.skipped,
            "raw_control_lines": self.raw_lines,
            "crashes": self.crashes,
            "stopped_by_time_limit": self.stopped_by_time_limit,
            "hangs": self.hangs,
            "expectations_met": self.expectations_met,
            "expectations_missed": [f.as_json() for f in self.files if not f.met],
            "per_file_seconds": self.per_file_seconds,
            "slowest_file": {"seconds": round(seconds, 3), "file": name},
            "slowest_file_not_stopped": {
                "seconds": round(unstopped, 3),
                "file": unstopped_name,
            },
            "good": self.good,
            "good_stored": self.good_stored,
            "lost": self.lost,
            "batch_ended": self.batch_ended or "finished",
            "batch_seconds": round(self.batch_seconds, 2),
            "seconds": round(self.seconds, 2),
            "reasons": dict(
                Counter(f.reason for f in self.files if f.stored == "failed").most_common()
            ),
            "unclear": [f.as_json() for f in self.files if f.unclear is not None],
            "by_kind": self.by_kind(),
        }

    def rows(self) -> list[tuple[str, ...]]:
        """One row per kind (kind, tried, clear errors, loaded, crashes, hangs, expected),
        for a table."""
        return [
            (
                kind,
                str(r["tried"]),
                str(r["clear_errors"]),
                str(r["loaded"]),
                str(r["crashes"]),
                str(r["hangs"]),
                f"{r['met']}/{r['tried']}",
            )
            for kind, r in self.by_kind().items()
        ]


@contextlib.contextmanager
def _load_timeout(seconds: float) -> Iterator[None]:
    """The per-file limit, and the same limit for each scanned page's OCR (which runs after
    the file is parsed, under its own limit)."""
    names = ("RHI_LLM_LOAD_TIMEOUT", "RHI_LLM_OCR_TIMEOUT")
    old = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ[name] = str(seconds)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run(
    count: int = 220,
    good: int = 20,
    seed: int = 1,
    per_file_seconds: float = PER_FILE_SECONDS,
    *,
    source: Path = GOOD_LETTERS,
    workers: int | None = None,
    grace: float = GRACE_SECONDS,
    kinds: list[str] | None = None,
) -> BadInputResult:
    """Generate ``count`` bad files, add ``good`` good letters, run the batch into a fresh
    store under a ``per_file_seconds`` load limit, and read the figures back from the store."""
    from benchmarks.rules import build_corpus
    from rhi_llm.store import open_store

    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="rhi-llm-bench-bad-") as tmp,
        _load_timeout(per_file_seconds),
    ):
        folder = Path(tmp)
        bad = generate(folder / "bad", count, seed, kinds)
        good_paths = build_corpus(source, folder / "good", good) if good else []
        # a link is followed only by a folder run: loaded on its own it is a file named
        probes = probe([b for b in bad if b.expect != "skip"], limit=per_file_seconds, grace=grace)
        named = [b.path for b in bad if b.named] + good_paths
        # generous: every file at the limit, shared between the workers, plus start-up
        deadline = 60.0 + (len(bad) + len(good_paths)) * 0.5
        deadline += sum(p.seconds for p in probes.values())
        db, printed = folder / "bad-inputs.db", folder / "printed.txt"
        args = batch_args(folder / "bad", named, db, workers)
        batch_seconds, ended = _run_batch(args, printed, deadline)
        said = printed.read_text(encoding="utf-8", errors="surrogateescape")
        result = BadInputResult(
            tried=len(bad),
            good=len(good_paths),
            per_file_seconds=per_file_seconds,
            batch_seconds=batch_seconds,
            batch_ended=ended,
            raw_lines=raw_control_lines(said),
        )
        with open_store(db) as store:
            rows = {row.letter.path: row for row in store.current_rows()}
            failures = {path: (reason, error) for path, reason, error in store.failures()}
            texts = [
                d.text for d in map(store.document, {r.letter.sha256 for r in rows.values()}) if d
            ]
            for b in bad:
                found = _file_result(b, rows, failures, probes.get(b.path), store)
                _check_printed(found, said, texts, bool(result.raw_lines))
                result.files.append(found)
        shown = [shown_path(p) for p in [b.path for b in bad if b.expect != "skip"] + good_paths]
        result.good_stored = sum(1 for p in good_paths if shown_path(p) in rows)
        result.lost = sum(1 for p in shown if p not in rows and p not in failures)
    result.seconds = time.perf_counter() - started
    return result


def _file_result(
    bad: BadFile,
    rows: dict[str, Any],
    failures: dict[str, tuple[str, str]],
    found: Probe | None,
    store: Any,
) -> FileResult:
    key = shown_path(bad.path)  # as the store holds it
    if key in rows:
        marker_found = None
        document = store.document(rows[key].letter.sha256)
        if bad.marker is not None:
            marker_found = document is not None and bad.marker in document.text
        return FileResult(
            bad,
            "extracted",
            marker_found=marker_found,
            probe=found,
            figure_flagged=_figure_flagged(bad, rows[key], document),
        )
    if key in failures:
        reason, message = failures[key]
        return FileResult(
            bad,
            "failed",
            reason=reason,
            message=message,
            unclear=unclear_because(bad.path, reason, message),
            probe=found,
        )
    return FileResult(bad, "skipped" if bad.expect == "skip" else "lost", probe=found)


def _check_printed(found: FileResult, printed: str, texts: list[str], raw: bool) -> None:
    """What the batch printed, and for a link, whether its text got into the store."""
    found.said_skipped = skip_line(printed, found.bad.path)
    found.raw_printed = raw
    if found.bad.expect == "skip" and found.bad.marker is not None:
        found.marker_found = any(found.bad.marker in text for text in texts)


def _figure_flagged(bad: BadFile, row: Any, document: Any) -> bool | None:
    """For a figure hidden by invisible characters: False when the stored text still holds
    a bidirectional control, or a field read as the figure is not flagged for it; None when
    there is nothing to check."""
    if bad.figure is None:
        return None
    if document is None or RAW_CONTROL.search(document.text):
        return False
    read = [f for f in row.fields.values() if f.value == bad.figure]
    if not read:
        return None
    return all(any(flag.code == "hidden_characters" for flag in f.flags) for f in read)
