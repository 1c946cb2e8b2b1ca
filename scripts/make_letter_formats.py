"""Regenerate the PDF and DOCX versions of some of our own test letters.

    python scripts/make_letter_formats.py [--check]

Reads plain-text letters from ``eval/letters/`` and writes ``<stem>.pdf`` (fpdf2) and
``<stem>.docx`` (python-docx) next to them. The output is deterministic: fixed creation dates
and metadata in both formats, and fixed timestamps on every entry of the DOCX zip, so a rerun
gives identical bytes.

How a letter is laid out:

* every line of the text file is one line of the PDF (letters keep their lines at 90
  characters or fewer, so nothing re-wraps) and one paragraph of the DOCX;
* a run of two or more lines holding `` | `` is a flattened table: it becomes a drawn table in
  the PDF when the letter's ``pdf_table`` flag is set (otherwise it stays text lines), and a
  real Word table in the DOCX;
* a line reading ``Page N of M`` (the letter's own page footer) ends a PDF page, so the PDF's
  pages match the letter's own; other letters flow onto as many pages as they need;
* a PDF holds exactly the letter's text, so that the loader gives the same words at the same
  positions (up to whitespace) as the .txt: page headers and footers are the ones the letter
  itself carries as lines ("OFFICIAL", "Page 2 of 3"), not extra running text; the DOCX
  section gets a Word header and footer, which are not part of the body text the loader reads;
* fpdf2's core fonts are latin-1 only, so characters outside latin-1 are mapped one-to-one to
  latin-1 look-alikes (curly quotes to straight, dashes to '-', bullets to a middle dot), which
  keeps every character offset of the line unchanged.

With ``--check`` the script also loads each generated file with ``rhi_llm.letters.load`` and
reports any gold quote (``eval/gold/<stem>.json``) that no longer occurs in the loaded text.
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos

ROOT = Path(__file__).resolve().parent.parent
LETTERS = ROOT / "eval" / "letters"
GOLD = ROOT / "eval" / "gold"

ZIP_DATE = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Spec:
    stem: str
    title: str
    header: str
    footer: str  # "{page}" and "{pages}" are filled in per page
    date: datetime
    author: str
    pdf_table: bool = False
    pdf_running: bool = False  # draw header/footer on PDF pages too (text not in the .txt)


SPECS: tuple[Spec, ...] = (
    Spec(
        stem="northbridge-2018",
        title="FOI/2018/0412 Return home interviews",
        header="Northbridge Borough Council  -  FOI/2018/0412",
        footer="Page {page} of {pages}",
        date=datetime(2018, 6, 14, 10, 30, tzinfo=UTC),
        author="Northbridge Borough Council",
    ),
    Spec(
        stem="easton-vale-2018",
        title="EVCC-2018-0183 Response",
        header="OFFICIAL",
        footer="Easton Vale County Council - Information Rights Team",
        date=datetime(2018, 6, 22, 9, 0, tzinfo=UTC),
        author="Easton Vale County Council",
    ),
    Spec(
        stem="hollinford-2024",
        title="HMBC/FOI/24/0877 Return interviews",
        header="Hollinford Metropolitan Borough Council  -  HMBC/FOI/24/0877",
        footer="Page {page} of {pages}  -  OFFICIAL",
        date=datetime(2024, 11, 21, 14, 5, tzinfo=UTC),
        author="Hollinford MBC Information Governance",
        pdf_table=True,
    ),
    Spec(
        stem="westmarch-2024",
        title="FOI ref 2024/0183",
        header="Westmarch Council - Information Requests",
        footer="Westmarch Council, The Forum, 1 Abbey Walk, Westmarch WM8 4DN",
        date=datetime(2024, 12, 6, 11, 15, tzinfo=UTC),
        author="Westmarch Council",
    ),
)

# One character to one latin-1 character, so offsets within a line never shift.
_LATIN1 = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2022": "\u00b7",
        "\u25aa": "\u00b7",
        "\u25e6": "\u00b7",
        "\u2026": ".",
        "\u2009": " ",
        "\u202f": " ",
        "\u2713": "X",
        "\u2714": "X",
        "\u2610": "_",
        "\u2612": "X",
    }
)
_PAGE_FOOTER = re.compile(r"\bPage \d+ of \d+\s*$")
_TABLE_ROW = " | "


def to_latin1(line: str) -> str:
    mapped = line.translate(_LATIN1)
    assert len(mapped) == len(line)
    # Anything still outside latin-1 would make fpdf2 fail: show it as '?', one for one.
    return "".join(ch if ord(ch) < 256 else "?" for ch in mapped)


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """The letter as ("line", [line]) and ("table", [row, ...]) blocks, in order."""
    lines = text.rstrip("\n").split("\n")
    found: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _TABLE_ROW in lines[end]:
            end += 1
        if end - index >= 2:
            found.append(("table", lines[index:end]))
            index = end
        else:
            found.append(("line", [lines[index]]))
            index += 1
    return found


# -- PDF ------------------------------------------------------------------------------------


class LetterPdf(FPDF):
    def __init__(self, spec: Spec) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.spec = spec

    def header(self) -> None:
        if not (self.spec.pdf_running and self.spec.header):
            return
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, to_latin1(self.spec.header), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def footer(self) -> None:
        if not (self.spec.pdf_running and self.spec.footer):
            return
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        text = self.spec.footer.replace("{page}", str(self.page_no())).replace(
            "{pages}", self.str_alias_nb_pages
        )
        self.cell(0, 5, to_latin1(text), align="C")


def make_pdf(spec: Spec, text: str) -> bytes:
    pdf = LetterPdf(spec)
    pdf.alias_nb_pages()
    pdf.set_creation_date(spec.date)
    pdf.set_title(spec.title)
    pdf.set_author(spec.author)
    pdf.set_subject("Freedom of Information response")
    pdf.set_creator("rhi-llm scripts/make_letter_formats.py")
    pdf.set_margins(left=15, top=12, right=15)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    size = 10.0
    line_height = 4.4
    width = pdf.w - pdf.l_margin - pdf.r_margin
    parts = blocks(text)
    for index, (kind, lines) in enumerate(parts):
        if kind == "table" and spec.pdf_table:
            pdf.ln(1)
            pdf.set_font("Helvetica", "", size)
            rows = [[to_latin1(c.strip()) for c in row.split(_TABLE_ROW)] for row in lines]
            columns = max(len(r) for r in rows)
            first = width * 0.56
            rest = (width - first) / max(1, columns - 1)
            with pdf.table(
                col_widths=(first, *([rest] * (columns - 1))),
                text_align=("LEFT", *(["RIGHT"] * (columns - 1))),
                line_height=line_height + 1,
                first_row_as_headings=True,
            ) as table:
                for row in rows:
                    cells = table.row()
                    for cell in row + [""] * (columns - len(row)):
                        cells.cell(cell)
            pdf.ln(2)
            continue
        for line in lines:
            pdf.set_font("Helvetica", "", size)
            shown = to_latin1(line)
            # Keep one text line per source line: shrink a line that would not fit.
            fit = size
            while fit > 6 and pdf.get_string_width(shown) > width:
                fit -= 0.5
                pdf.set_font("Helvetica", "", fit)
            pdf.cell(0, line_height, shown, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            more = any(r.strip() for _, later in parts[index + 1 :] for r in later)
            if _PAGE_FOOTER.search(line) and more:
                pdf.add_page()
    return bytes(pdf.output())


# -- DOCX -----------------------------------------------------------------------------------


def make_docx(spec: Spec, text: str) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.header.paragraphs[0].text = spec.header
    section.footer.paragraphs[0].text = f"{spec.author} - {spec.title}"
    for kind, lines in blocks(text):
        if kind == "table":
            rows = [[c.strip() for c in row.split(_TABLE_ROW)] for row in lines]
            columns = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=columns)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, value in enumerate(row + [""] * (columns - len(row))):
                    table.cell(r, c).text = value
            continue
        document.add_paragraph(lines[0])
    props = document.core_properties
    props.author = spec.author
    props.last_modified_by = spec.author
    props.title = spec.title
    props.subject = "Freedom of Information response"
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = spec.date.replace(tzinfo=None)
    props.modified = spec.date.replace(tzinfo=None)
    props.last_printed = spec.date.replace(tzinfo=None)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's timestamp fixed, in a fixed order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# -- check ----------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check(paths: list[Path]) -> int:
    sys.path.insert(0, str(ROOT))
    from rhi_llm.letters import load

    problems = 0
    for path in paths:
        gold_path = GOLD / f"{path.stem}.json"
        if not gold_path.exists():
            print(f"  {path.name}: no gold file {gold_path.name}")
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        letter = load(path)
        text = letter.text
        squashed = _squash(text)
        for field, answer in gold["fields"].items():
            quote = answer.get("quote")
            if not quote:
                continue
            if quote in text:
                continue
            if _squash(quote) in squashed:
                print(f"  {path.name}: {field}: quote found only after collapsing whitespace")
                continue
            problems += 1
            print(f"  {path.name}: {field}: quote NOT found: {quote!r}")
        print(f"{path.name}: {letter.pages} page(s), {len(text)} characters checked")
    return problems


def main(argv: list[str]) -> int:
    written: list[Path] = []
    for spec in SPECS:
        source = LETTERS / f"{spec.stem}.txt"
        text = source.read_text(encoding="utf-8")
        for suffix, maker in ((".pdf", make_pdf), (".docx", make_docx)):
            target = LETTERS / f"{spec.stem}{suffix}"
            target.write_bytes(maker(spec, text))
            written.append(target)
            print(f"wrote {target.relative_to(ROOT)}")
    if "--check" in argv:
        return 1 if check(written) else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
