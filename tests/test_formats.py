"""Every format councils reply in, made at test time from our own words: scans (OCR), e-mails
with attachments and quoted chains, spreadsheets, OpenDocument, rich text and legacy Word.

OCR tests need Tesseract; they skip when it is missing, unless RHI_LLM_REQUIRE_OCR=1 (CI sets
it, after installing Tesseract), when they fail instead.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from rhi_llm.core.errors import (
    ConverterMissing,
    CorruptLetter,
    EmptyLetter,
    Encrypted,
    LetterError,
    LetterTooLarge,
    NeedsOcr,
    UnreadableEncoding,
)
from rhi_llm.core.types import CheckCode, Letter, Span
from rhi_llm.extract.rules import RulesBackend, extract_rules
from rhi_llm.formats import ocr
from rhi_llm.formats.sheets import NO_SAVED_VALUE
from rhi_llm.letters import load, reply_only, scan_folders
from rhi_llm.pipeline import process_letter
from rhi_llm.reading import read
from rhi_llm.testing.scans import ScanStyle, render_pages, scan_pdf, scan_png
from rhi_llm.verify import verify

LETTER = """Fernhill Borough Council
Information Governance Team

Our reference: FBC/FOI/0931
Date: 14 May 2024

Dear Ms Okafor,

Freedom of Information request: return home interviews, 2023/24

1. How many individual children were reported missing in the council's area during the period?
We recorded 212 children.

2. How many incidents of children going missing were reported in total?
There were 587 incidents.

6. After a missing incident, how many return interviews were offered?
561 interviews were offered.

7. How many return interviews were completed after a missing incident?
433 were completed.

Yours sincerely,
Information Governance Officer
"""

TESSERACT = ocr.tesseract_version() is not None
needs_tesseract = pytest.mark.skipif(
    not TESSERACT and os.environ.get("RHI_LLM_REQUIRE_OCR") != "1",
    reason="Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)",
)


def text_pdf(text: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.splitlines():
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# -- OCR ----------------------------------------------------------------------------------------


@pytest.mark.slow
@needs_tesseract
def test_a_scanned_pdf_is_read_by_ocr_with_its_confidence(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_pdf(render_pages(LETTER, seed=3)))
    letter = load(path)
    assert letter.ocr_pages == (1,)
    assert len(letter.ocr_confidence) == 1 and letter.ocr_confidence[0] > 80
    assert "212 children" in letter.text and "587 incidents" in letter.text
    assert "FBC/FOI/0931" in letter.text


@needs_tesseract
def test_a_png_scan_goes_through_the_whole_chain(tmp_path: Path) -> None:
    path = tmp_path / "reply.png"
    path.write_bytes(scan_png(render_pages(LETTER, seed=4)[0]))
    outcome = asyncio.run(process_letter(path, RulesBackend()))
    assert outcome.error is None and outcome.response is not None
    assert outcome.response.answers["missing_children"].value == 212
    assert outcome.response.answers["missing_incidents"].value == 587


@needs_tesseract
def test_a_mixed_pdf_reads_text_pages_as_text_and_scanned_pages_by_ocr(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(text_pdf("Page one of our reply: typed, with text."))))
    scanned = "2. How many missing incidents were reported?\nThere were 587 incidents.\n"
    writer.append(PdfReader(io.BytesIO(scan_pdf(render_pages(scanned, seed=5)))))
    path = tmp_path / "mixed.pdf"
    with path.open("wb") as out:
        writer.write(out)
    letter = load(path)
    assert letter.pages == 2 and letter.ocr_pages == (2,)
    assert letter.text.startswith("Page one of our reply")
    assert "587 incidents" in letter.text[letter.page_starts[1] :]


@pytest.mark.slow
@needs_tesseract
def test_ocr_is_cached_by_file_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_pdf(render_pages(LETTER, seed=6)))
    first = load(path)

    def no_second_reading(*args: object, **kwargs: object) -> object:
        raise AssertionError("OCR ran again on a cached page")

    monkeypatch.setattr(ocr, "read_image", no_second_reading)
    again = load(path)
    assert again.text == first.text and again.doubtful == first.doubtful


def test_no_ocr_leaves_scans_unread_with_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RHI_LLM_OCR", "no")
    path = tmp_path / "reply.png"
    path.write_bytes(scan_png(render_pages("1. 212 children", style=ScanStyle(dpi=100))[0]))
    with pytest.raises(NeedsOcr, match="OCR is switched off"):
        load(path)


def test_missing_tesseract_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "tesseract_version", lambda: None)
    path = tmp_path / "reply.png"
    path.write_bytes(scan_png(render_pages("1. 212 children", style=ScanStyle(dpi=100))[0]))
    with pytest.raises(NeedsOcr, match="apt-get install tesseract-ocr") as caught:
        load(path)
    assert str(path) in str(caught.value)


def _words(*rows: tuple[str, int, int, float]) -> dict[str, list[object]]:
    """pytesseract's image_to_data for words (text, left, line number, confidence)."""
    data: dict[str, list[object]] = {
        k: [] for k in ("text", "conf", "block_num", "par_num", "line_num", "left", "top")
    }
    data["width"], data["height"] = [], []
    for text, left, line, conf in rows:
        data["text"].append(text)
        data["conf"].append(conf)
        data["block_num"].append(1)
        data["par_num"].append(1)
        data["line_num"].append(line)
        data["left"].append(left)
        data["top"].append(100 + 40 * line)
        data["width"].append(20 * len(text))
        data["height"].append(30)
    return data


def test_page_text_keeps_columns_splits_run_together_markers_and_marks_doubt() -> None:
    page = ocr.page_from_data(
        _words(
            ("Measure", 0, 1, 96),
            ("2023/24", 600, 1, 95),
            ("Offered", 0, 2, 96),
            ("561", 600, 2, 97),
            ("7.431", 0, 3, 96),  # "7. 431" with the space lost
            ("offers", 120, 3, 95),
            ("l43", 0, 4, 93),  # "143" with an l for the 1
            ("children", 80, 4, 95),
            ("598", 0, 5, 41),  # a figure Tesseract was unsure of
            ("-", 300, 5, 30),  # a speck, read with little confidence: left out
            ("Sa.", 0, 6, 90),  # "5a." with an S for the 5
            ("Not", 80, 6, 95),
            ("held.", 160, 6, 95),
        )
    )
    lines = page.text.split("\n")
    assert lines[5] == "5a. Not held."
    assert lines[4] == "598"  # the speck beside it is left out
    assert lines[0].index("2023/24") == lines[1].index("561")  # a column, lined up
    assert lines[2] == "7. 431 offers"
    doubted = {page.text[a:b] for a, b in page.doubtful}
    assert doubted == {"431", "l43", "598"}


@pytest.mark.parametrize(
    ("word", "confidence", "doubtful"),
    [
        ("143", 96, False),
        ("143", 60, True),
        ("1,O43", 96, True),
        ("S0", 96, True),
        ("4a", 96, False),
        ("1st", 96, False),
        ("Q5", 96, False),
        ("incidents", 20, False),
    ],
)
def test_doubtful_words(word: str, confidence: float, doubtful: bool) -> None:
    assert ocr.is_doubtful(word, confidence) is doubtful


def test_a_figure_read_from_a_doubtful_word_is_flagged_never_ok() -> None:
    start = LETTER.index("587")
    clean = Letter(path="scan.png", format="image", text=LETTER, sha256="0" * 64)
    doubted = clean.model_copy(
        update={"ocr_pages": (1,), "doubtful": (Span(start=start, end=start + 3),)}
    )
    response = extract_rules(read(clean))
    assert verify(clean, response).fields["missing_incidents"].verdict == "ok"
    report = verify(doubted, response)
    assert report.fields["missing_incidents"].verdict == "flagged"
    assert any(c.code == CheckCode.READ_BY_OCR for c in report.fields["missing_incidents"].checks)
    assert report.fields["missing_children"].verdict == "ok"


def test_broken_images_fail_clearly(tmp_path: Path) -> None:
    junk = tmp_path / "scan.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)
    with pytest.raises(CorruptLetter, match=r"scan\.jpg"):
        load(junk)
    from PIL import Image

    huge = tmp_path / "huge.png"
    Image.new("1", (9000, 9000), 1).save(huge)
    with pytest.raises(LetterTooLarge, match="pixels"):
        load(huge)


# -- e-mails ------------------------------------------------------------------------------------


def _xlsx(rows: list[list[object]], *, percent_cell: str | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "RHI figures"
    for row in rows:
        sheet.append(row)
    if percent_cell:
        sheet[percent_cell].number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _mail(body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "FOI Team <foi@fernhill.example.gov.uk>"
    message["To"] = "requester@example.org"
    message["Date"] = "Tue, 14 May 2024 10:02:00 +0100"
    message["Subject"] = "RE: FOI FBC/FOI/0931 return home interviews"
    message.set_content(body)
    return message


def test_an_email_is_one_letter_with_its_attachments_as_parts(tmp_path: Path) -> None:
    message = _mail("Please find our response attached.\n\nFOI Team\n")
    message.add_attachment(
        text_pdf("1. How many individual children were reported missing?\nWe recorded 212."),
        maintype="application",
        subtype="pdf",
        filename="FBC-0931 response.pdf",
    )
    sheet = _xlsx([["Question", "2023/24"], ["Missing incidents", 587]])
    message.add_attachment(
        sheet,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename="figures.xlsx",
    )
    message.add_attachment(
        b"PK\x03\x04zip", maintype="application", subtype="zip", filename="x.zip"
    )
    path = tmp_path / "reply.eml"
    path.write_bytes(message.as_bytes())
    letter = load(path)
    assert letter.parts == ("e-mail", "FBC-0931 response.pdf", "figures.xlsx")
    assert letter.pages == 3
    assert "We recorded 212." in letter.text[letter.page_starts[1] : letter.page_starts[2]]
    assert "Missing incidents | 587" in letter.text[letter.page_starts[2] :]
    assert "not read: x.zip (a format rhi-llm does not read)" in letter.text


def test_a_broken_attachment_fails_the_letter_naming_the_attachment(tmp_path: Path) -> None:
    message = _mail("Our answers are in the attached letter.\n")
    message.add_attachment(
        b"%PDF-1.7 broken", maintype="application", subtype="pdf", filename="answers.pdf"
    )
    path = tmp_path / "reply.eml"
    path.write_bytes(message.as_bytes())
    with pytest.raises(CorruptLetter) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: attachment 'answers.pdf': ")


@pytest.mark.slow
@needs_tesseract
def test_a_scanned_attachment_is_read_by_ocr(tmp_path: Path) -> None:
    message = _mail("Please see the signed letter attached.\n")
    message.add_attachment(
        scan_pdf(render_pages(LETTER, seed=8)),
        maintype="application",
        subtype="pdf",
        filename="signed reply.pdf",
    )
    path = tmp_path / "reply.eml"
    path.write_bytes(message.as_bytes())
    letter = load(path)
    assert letter.ocr_pages == (2,)
    assert "587 incidents" in letter.text[letter.page_starts[1] :]


REQUEST = (
    "> 1. How many individual children were reported missing during 2023/24?\n"
    "> 2. How many missing incidents were reported? In 2021/22 you told us 640.\n"
)


def test_the_quoted_request_below_a_reply_is_left_out() -> None:
    body = (
        "Dear Ms Okafor,\n\n1. 212 children.\n2. 587 incidents.\n\nFOI Team\n\n"
        "On Mon, 8 Apr 2024 at 09:14, Ada Okafor <ada@example.org> wrote:\n" + REQUEST
    )
    kept = reply_only(body)
    assert "587 incidents" in kept and "640" not in kept and "wrote:" not in kept


def test_a_disclaimer_below_the_quoted_request_does_not_keep_it() -> None:
    body = (
        "Dear Ms Okafor,\n\n1. 212 children.\n2. 587 incidents.\n\nFOI Team\n\n"
        "On Mon, 8 Apr 2024 at 09:14, Ada Okafor <ada@example.org> wrote:\n"
        + REQUEST
        + "\nThis e-mail and its attachments are confidential to the council.\n"
    )
    kept = reply_only(body)
    assert "587 incidents" in kept and "640" not in kept


def test_an_outlook_chain_is_left_out() -> None:
    body = (
        "Our response is below.\n1. 212\n2. 587\n\n"
        "-----Original Message-----\nFrom: Ada Okafor\nSent: 08 April 2024 09:14\n"
        "To: FOI\nSubject: FOI request\n\n2. How many missing incidents? In 2021/22: 640\n"
    )
    kept = reply_only(body)
    assert "587" in kept and "640" not in kept


def test_answers_typed_inside_the_quoted_request_are_kept() -> None:
    body = (
        "Please see our answers below each question.\n\n"
        "On Mon, 8 Apr 2024, Ada Okafor wrote:\n"
        "> 1. How many individual children were reported missing during 2023/24?\n"
        "212 children.\n"
        "> 2. How many missing incidents were reported?\n"
        "587 incidents.\n"
    )
    kept = reply_only(body)
    assert "1. How many individual children" in kept and "> " not in kept
    assert "212 children." in kept and "587 incidents." in kept


def test_an_email_with_answers_inside_the_quote_reads_right(tmp_path: Path) -> None:
    quoted = []
    for line in LETTER.split("Dear Ms Okafor,")[1].split("Yours sincerely")[0].splitlines():
        asked = line[:1].isdigit()
        quoted.append(f"> {line}" if asked else line)
    body = (
        "Dear Ms Okafor,\nPlease see our answers below each question.\n\n"
        "On Mon, 8 Apr 2024, Ada Okafor wrote:\n" + "\n".join(quoted)
    )
    path = tmp_path / "inline.eml"
    path.write_bytes(_mail(body).as_bytes())
    outcome = asyncio.run(process_letter(path, RulesBackend()))
    assert outcome.response is not None
    answers = outcome.response.answers
    assert answers["missing_children"].value == 212
    assert answers["rhi_completed"].value == 433


# -- spreadsheets -------------------------------------------------------------------------------


def test_xlsx_cells_become_a_table_with_percentages_and_unsaved_formulas(tmp_path: Path) -> None:
    path = tmp_path / "figures.xlsx"
    path.write_bytes(
        _xlsx(
            [
                ["Return interviews 2023/24"],
                [],
                ["Measure", "2022/23", "2023/24", "Notes"],
                ["Missing incidents", 601, 587],
                ["Offered", 0.912, 0.94, "of incidents"],
                ["Total", None, "=SUM(C4:C5)"],
            ],
            percent_cell="C5",
        )
    )
    letter = load(path)
    lines = letter.text.splitlines()
    assert lines[0] == "Sheet: RHI figures"
    assert "Measure | 2022/23 | 2023/24 | Notes" in lines
    assert "Missing incidents | 601 | 587" in lines
    assert "Offered | 0.912 | 94% | of incidents" in lines
    assert f"Total |  | {NO_SAVED_VALUE}" in lines


def test_xls_ods_and_csv_read_as_tables(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Figures")
    xls_rows: list[list[object]] = [["Measure", "2023/24"], ["Missing incidents", 587]]
    for r, row in enumerate(xls_rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    xls = tmp_path / "figures.xls"
    book.save(str(xls))
    assert "Missing incidents | 587" in load(xls).text

    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Figures")
    ods_rows: list[list[str | float]] = [
        ["Measure", "2023/24"],
        ["Missing incidents", 587],
        ["Offered", 0.94],
    ]
    for ods_row in ods_rows:
        tr = TableRow()
        for item in ods_row:
            if isinstance(item, str):
                cell = TableCell(valuetype="string")
            elif item < 1:
                cell = TableCell(valuetype="percentage", value=item)
            else:
                cell = TableCell(valuetype="float", value=item)
            cell.addElement(P(text=str(item)))
            tr.addElement(cell)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    ods = tmp_path / "figures.ods"
    doc.save(str(ods))
    text = load(ods).text
    assert "Missing incidents | 587" in text and "Offered | 94%" in text

    semi = tmp_path / "figures.csv"
    semi.write_text("Question;2023/24\nMissing incidents;587\nChildren;<5\n", encoding="utf-8")
    assert "Missing incidents | 587\nChildren | <5" in load(semi).text


def test_broken_spreadsheets_fail_clearly(tmp_path: Path) -> None:
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(Encrypted, match="password"):
        load(locked)
    junk = tmp_path / "junk.xls"
    junk.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 600)
    with pytest.raises(CorruptLetter, match=r"junk\.xls"):
        load(junk)
    bomb = tmp_path / "bomb.ods"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b"<a>" + b" " * (40 * 2**20) + b"</a>")
    with pytest.raises(LetterTooLarge, match="zip bomb"):
        load(bomb)


# -- other word processors ----------------------------------------------------------------------


def test_odt_and_rtf_read_with_their_tables(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P

    doc = OpenDocumentText()
    doc.text.addElement(H(outlinelevel=1, text="Fernhill Borough Council"))
    doc.text.addElement(P(text="2. How many missing incidents were reported?"))
    table = Table(name="Figures")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for row in [["Measure", "2023/24"], ["Missing incidents", "587"]]:
        tr = TableRow()
        for value in row:
            cell = TableCell()
            cell.addElement(P(text=value))
            tr.addElement(cell)
        table.addElement(tr)
    doc.text.addElement(table)
    odt = tmp_path / "reply.odt"
    doc.save(str(odt))
    text = load(odt).text
    assert text.startswith("Fernhill Borough Council\n2. How many missing incidents")
    assert "Missing incidents | 587" in text

    rtf = tmp_path / "reply.rtf"
    rtf.write_bytes(
        b"{\\rtf1\\ansi{\\fonttbl\\f0 Times;}\\f0 Fernhill Borough Council\\par "
        b"There were 587 incidents.\\par }"
    )
    assert "There were 587 incidents." in load(rtf).text
    fake = tmp_path / "fake.rtf"
    fake.write_bytes(b"plain words, not rich text")
    with pytest.raises(CorruptLetter, match="rich text"):
        load(fake)


FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.skipif(
    shutil.which("antiword") is None and os.environ.get("RHI_LLM_REQUIRE_OCR") != "1",
    reason="antiword is not installed (apt-get install antiword)",
)
def test_a_word_97_doc_is_read_through_antiword() -> None:
    letter = load(FIXTURES / "fernhill-2024.doc")
    assert "We recorded 212 children." in letter.text
    assert "Return interviews offered | 561" in letter.text


def test_a_doc_without_antiword_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rhi_llm.formats import office

    monkeypatch.setattr(office, "antiword", lambda: None)
    path = tmp_path / "reply.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ConverterMissing, match="apt-get install antiword"):
        load(path)


def test_a_doc_that_is_really_rich_text_is_read_as_such(tmp_path: Path) -> None:
    path = tmp_path / "reply.doc"
    path.write_bytes(b"{\\rtf1\\ansi There were 587 incidents.\\par }")
    assert "There were 587 incidents." in load(path).text


# -- folder runs --------------------------------------------------------------------------------


def test_a_folder_run_names_every_file_it_skips(tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    folder = tmp_path / "letters"
    (folder / "reply.txt").write_text(LETTER)
    (folder / "notes.numbers").write_text("x")
    (folder / "~$reply.docx").write_bytes(b"lock")
    (folder / ".DS_Store").write_bytes(b"\x00")
    outside = tmp_path / "secret.txt"
    outside.write_text("not in the folder")
    (folder / "link.txt").symlink_to(outside)
    os.mkfifo(folder / "pipe.txt")
    found, skipped = scan_folders([folder])
    assert [p.name for p in found] == ["reply.txt"]
    reasons = {s.path.name: s.reason for s in skipped}
    assert set(reasons) == {"notes.numbers", "~$reply.docx", "link.txt", "pipe.txt"}
    assert reasons["notes.numbers"].startswith("unsupported format")
    assert "leaves the folder" in reasons["link.txt"]
    assert "not a regular file" in reasons["pipe.txt"]
    assert "lock file" in reasons["~$reply.docx"]


def test_empty_and_textless_inputs_of_the_new_kinds(tmp_path: Path) -> None:
    for name in ("empty.xlsx", "empty.msg", "empty.png", "empty.odt", "empty.csv"):
        path = tmp_path / name
        path.write_bytes(b"")
        with pytest.raises(EmptyLetter):
            load(path)
    not_msg = tmp_path / "reply.msg"
    not_msg.write_bytes(b"From: someone\n\nplain text with a .msg name")
    with pytest.raises(LetterError, match=r"not an Outlook \.msg file"):
        load(not_msg)


def test_the_formats_set_loads_and_its_gold_holds() -> None:
    """Set P (eval/formats/, written blind, measured once, now development letters): every
    file loads in its format and every gold figure and quote is in its loaded text."""
    from rhi_llm.evaluate import check_gold
    from rhi_llm.gold import load_gold_set

    root = Path(__file__).parent.parent / "eval" / "formats"
    cases = load_gold_set(root / "gold", root / "letters")
    assert len(cases) == 8
    assert {c.letters[0].suffix for c in cases} == {".eml", ".csv", ".txt", ".xlsx"}
    for case in cases:
        assert check_gold(case) == [], case.path.name


def test_free_text_from_a_table_row_of_a_scan_is_flagged() -> None:
    from rhi_llm.verify.fields import _text_from_ocr_table

    text = LETTER + "\nComments    The service works well and demand is steady.\n"
    start = text.index("The service works")
    span = Span(start=start, end=start + 20)
    typed = Letter(path="reply.txt", format="txt", text=text, sha256="0" * 64)
    scanned = typed.model_copy(update={"format": "image", "ocr_pages": (1,)})
    assert _text_from_ocr_table(read(typed), span) is None
    check = _text_from_ocr_table(read(scanned), span)
    assert check is not None and check.code == CheckCode.READ_BY_OCR and not check.passed
    plain = text.index("We recorded 212")
    assert _text_from_ocr_table(read(scanned), Span(start=plain, end=plain + 10)) is None


def test_random_bytes_behind_a_rich_text_header_are_refused(tmp_path: Path) -> None:
    """Judged on the text as read: normalising turns control characters into spaces, and
    after it random bytes looked like a letter (found by `bench reliability`)."""
    noise = bytes((i * 73 + 41) % 256 for i in range(4000))
    path = tmp_path / "reply.rtf"
    path.write_bytes(b"{\\rtf1 " + noise)
    with pytest.raises(UnreadableEncoding, match="not readable"):
        load(path)
