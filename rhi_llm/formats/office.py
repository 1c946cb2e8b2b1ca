"""Word-processor formats other than .docx: OpenDocument text (.odt, with odfpy), rich text
(.rtf, with striprtf) and legacy Word 97-2003 (.doc, with Debian's antiword, a program run
with a time limit). Tables are written as rows of cells joined by " | ", as .docx tables are.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from typing import Any

from rhi_llm.core.errors import (
    ConverterMissing,
    CorruptLetter,
    Encrypted,
    LoadTimeout,
    UnreadableEncoding,
)
from rhi_llm.core.text import parser_message as _short
from rhi_llm.formats import damaged_as_corrupt

ANTIWORD_SECONDS = 20.0


# -- .odt ----------------------------------------------------------------------------------------


def odt_pages(data: bytes, path: str) -> list[str]:
    from odf.opendocument import load

    with damaged_as_corrupt(path, "the OpenDocument file"):
        document = load(io.BytesIO(data))
        lines: list[str] = []
        _odt_blocks(document.text, lines)
        return ["\n".join(lines)]


def _odt_blocks(element: Any, lines: list[str]) -> None:
    """Paragraphs and headings as lines, list items with "- ", tables as rows of cells."""
    from odf import teletype

    for child in element.childNodes:
        name = getattr(child, "qname", (None, None))[1]
        if name in ("p", "h"):
            lines.append(teletype.extractText(child))
        elif name == "list":
            for item in child.childNodes:
                before = len(lines)
                _odt_blocks(item, lines)
                if len(lines) > before:
                    lines[before] = "- " + lines[before]
        elif name == "table":
            for row in _odt_rows(child):
                cells = [" ".join(teletype.extractText(c).split()) for c in row]
                lines.append(" | ".join(cells))
        elif name in ("section", "list-item", "list-header", "table-of-content", "index-body"):
            _odt_blocks(child, lines)


def _odt_rows(table: Any) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for child in table.childNodes:
        name = getattr(child, "qname", (None, None))[1]
        if name == "table-row":
            rows.append(
                [
                    c
                    for c in child.childNodes
                    if getattr(c, "qname", (None, None))[1] == "table-cell"
                ]
            )
        elif name in ("table-header-rows", "table-rows", "table-row-group"):
            rows.extend(_odt_rows(child))
    return rows


# -- .rtf ----------------------------------------------------------------------------------------


def rtf_pages(data: bytes, path: str) -> list[str]:
    from striprtf.striprtf import rtf_to_text

    head = data.lstrip()[:5]
    if head != b"{\\rtf":
        raise CorruptLetter("not a rich text file (it does not start with {\\rtf)", path=path)
    try:
        markup = data.decode("cp1252")
    except UnicodeDecodeError:
        markup = data.decode("latin-1")
    try:
        text = str(rtf_to_text(markup, errors="replace"))  # type: ignore[no-untyped-call]
    except RecursionError:
        raise CorruptLetter("the rich text file is nested too deeply to read", path=path) from None
    except Exception as exc:
        raise CorruptLetter(f"the rich text file is damaged ({_short(exc)})", path=path) from None
    lines = [line.rstrip(" |").rstrip() if "|" in line else line for line in text.splitlines()]
    return ["\n".join(lines)]


# -- .doc ----------------------------------------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def antiword() -> str | None:
    return shutil.which("antiword")


def doc_pages(data: bytes, path: str) -> list[str]:
    if not data.startswith(OLE_MAGIC):
        raise CorruptLetter("not a Word 97-2003 .doc file (no OLE header)", path=path)
    program = antiword()
    if program is None:
        raise ConverterMissing(
            "reading a Word 97-2003 .doc file needs antiword, which is not installed "
            "(Debian or Ubuntu: apt-get install antiword), or save the letter as .docx or PDF",
            path=path,
        )
    with tempfile.TemporaryDirectory(prefix="rhi-llm-doc-") as folder:
        source = os.path.join(folder, "letter.doc")
        with open(source, "wb") as out:
            out.write(data)
        try:
            done = subprocess.run(
                [program, "-w", "0", "-m", "UTF-8.txt", source],
                capture_output=True,
                timeout=ANTIWORD_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise LoadTimeout(
                f"antiword took over {ANTIWORD_SECONDS:g} s to read the file and was stopped",
                path=path,
            ) from None
    said = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if done.returncode != 0:
        first = said[0] if said else f"exit status {done.returncode}"
        if "encrypt" in first.lower() or "password" in first.lower():
            raise Encrypted("the Word file is password-protected", path=path)
        raise CorruptLetter(
            f"antiword cannot read the Word file ({first.replace(source, 'the file')[:120]})",
            path=path,
        )
    try:
        text = done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableEncoding(
            "antiword's text of the Word file is not UTF-8", path=path
        ) from None
    return [_antiword_tables(text)]


def _antiword_tables(text: str) -> str:
    """antiword writes a table row as "|cell|cell|": the same row as " | " cells."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            cells = [" ".join(c.split()) for c in stripped[1:-1].split("|")]
            line = " | ".join(cells)
        lines.append(line)
    return "\n".join(lines)
