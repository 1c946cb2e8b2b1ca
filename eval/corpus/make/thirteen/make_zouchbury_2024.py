"""Build letters/zouchbury-2024.pdf (ruled tables, fpdf2) and its also form
letters/zouchbury-2024.docx (Word tables, python-docx). Fictional FOI reply.

Run: /work/main/.venv/bin/python make/make_zouchbury_2024.py  (from the J folder)
"""
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

LETTERS = Path(__file__).resolve().parents[2] / "letters"

LETTERHEAD = [
    "Zouchbury County Council",
    "Information Governance, County Hall, Market Hill, Zouchbury ZB1 4TW",
    "Telephone 01632 960 771 | foi@zouchbury.gov.uk",
]
META = [
    "Our reference: ZCC/IG/24/3318",
    "Request received: 4 November 2024",
    "Date: 28 November 2024",
]
OPENING = [
    "Dear Mr Fairclough,",
    "Request for information: return interviews for missing children, 2023/24",
    "Your request about return interviews for children reported missing between 1 April 2023 "
    "and 31 March 2024 has been dealt with under the Freedom of Information Act 2000. Our answers "
    "are set out in Table A. For the figures, the performance team has supplied a quarter-by-quarter "
    "breakdown from the missing episodes dashboard, which is shown in Table B; the last column of "
    "Table B gives the figure for the whole year.",
]

TABLE_A_HEAD = ["Q", "What you asked (summary)", "Our response"]
TABLE_A = [
    ["1", "Children reported missing (individuals)", "See Table B, row B1."],
    ["2", "Missing incidents", "See Table B, row B2."],
    ["3", "Children looked after in the period",
     "1,118 children were looked after at some point in 2023/24. On 31 March 2024, 806 children "
     "were looked after."],
    ["4", "Looked-after children who went missing", "See Table B, row B3."],
    ["5", "Missing incidents of looked-after children", "See Table B, row B4."],
    ["6", "Return interviews offered", "See Table B, row B5."],
    ["7", "Return interviews completed (and declined)", "See Table B, rows B6 and B7."],
    ["8", "Completed within 72 hours of return", "See Table B, row B8."],
    ["9", "Who provides return interviews",
     "An independent service commissioned by the council: Halden Assure Ltd has held the contract "
     "since 1 October 2021. Where a child will only speak to someone they already know, their "
     "social worker completes the interview instead (about 6% of completed interviews in 2023/24)."],
    ["10", "Follow-up support after an interview",
     "No. We do not commission a separate follow-up service. Needs identified in an interview are "
     "referred to existing services such as Early Help or the Child Exploitation Team."],
    ["11", "More about your service",
     "Using an independent provider has helped children see the interview as separate from their "
     "care plan. The main pressures are repeat episodes from a small number of children and slow "
     "police notifications at weekends. Future guidance should be clearer about when one "
     "interview can cover several episodes that happen close together."],
]

TABLE_B_HEAD = ["Row", "Measure", "Q1 Apr-Jun", "Q2 Jul-Sep", "Q3 Oct-Dec", "Q4 Jan-Mar", "2023/24"]
TABLE_B = [
    ["B1", "Individual children reported missing", "198", "211", "176", "189", "512*"],
    ["B2", "Missing incidents", "402", "455", "371", "398", "1,626"],
    ["B3", "Looked-after children who went missing", "41", "44", "39", "40", "87*"],
    ["B4", "Missing incidents, looked-after children", "133", "151", "120", "142", "546"],
    ["B5", "Return interviews offered", "389", "441", "360", "384", "1,574"],
    ["B6", "Return interviews completed", "262", "301", "247", "270", "1,080"],
    ["B7", "Return interviews declined", "88", "97", "80", "83", "348"],
    ["B8", "Completed within 72 hours of return", "171", "204", "158", "181", "714"],
]
TABLE_B_NOTE = ("* A child can go missing in more than one quarter, so the whole-year figure counts "
                "each child once and is lower than the sum of the four quarters.")

CLOSING = [
    "If you are unhappy with this response you may ask for an internal review within 40 working "
    "days of the date of this letter. Please write to the Information Governance Manager at the "
    "address above. You also have the right to complain to the Information Commissioner's Office, "
    "although the Commissioner will usually expect the internal review to have been completed "
    "first.",
    "The information supplied may be re-used under the Open Government Licence v3.0.",
    "Yours sincerely,",
    "Lorna Baptiste-Reid",
    "Information Governance Officer",
]


def make_pdf():
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, LETTERHEAD[0], new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.set_font("Helvetica", "", 9)
    for line in LETTERHEAD[1:]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    for line in META:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.cell(0, 5, OPENING[0], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 5, OPENING[1], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.ln(2)
    pdf.multi_cell(0, 5, OPENING[2], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, "Table A: our response", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=(10, 55, 125), text_align="LEFT", line_height=4.5,
                   headings_style=FontFace(emphasis="BOLD")) as t:
        for row in [TABLE_A_HEAD, *TABLE_A]:
            r = t.row()
            for c in row:
                r.cell(c)
    pdf.ln(4)

    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, "Table B: missing episodes and return interviews, 2023/24, by quarter",
             new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8.5)
    with pdf.table(col_widths=(10, 60, 24, 24, 24, 24, 24), text_align="LEFT", line_height=4.5,
                   headings_style=FontFace(emphasis="BOLD")) as t:
        for row in [TABLE_B_HEAD, *TABLE_B]:
            r = t.row()
            for c in row:
                r.cell(c)
    pdf.set_font("Helvetica", "", 8.5)
    pdf.ln(1)
    pdf.multi_cell(0, 4.5, TABLE_B_NOTE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    for text in CLOSING:
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    out = LETTERS / "zouchbury-2024.pdf"
    pdf.output(str(out))
    print(out)


def make_docx():
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    for line in LETTERHEAD:
        doc.add_paragraph(line)
    for line in META:
        doc.add_paragraph(line)
    doc.add_paragraph(OPENING[0])
    doc.add_paragraph().add_run(OPENING[1]).bold = True
    doc.add_paragraph(OPENING[2])

    def table(head, rows):
        t = doc.add_table(rows=1, cols=len(head))
        t.style = "Table Grid"
        for i, h in enumerate(head):
            t.rows[0].cells[i].paragraphs[0].add_run(h).bold = True
        for row in rows:
            cells = t.add_row().cells
            for i, v in enumerate(row):
                cells[i].text = v

    doc.add_paragraph().add_run("Table A: our response").bold = True
    table(TABLE_A_HEAD, TABLE_A)
    doc.add_paragraph()
    doc.add_paragraph().add_run(
        "Table B: missing episodes and return interviews, 2023/24, by quarter").bold = True
    table(TABLE_B_HEAD, TABLE_B)
    doc.add_paragraph(TABLE_B_NOTE)
    for text in CLOSING:
        doc.add_paragraph(text)
    out = LETTERS / "zouchbury-2024.docx"
    doc.save(out)
    print(out)


if __name__ == "__main__":
    make_pdf()
    make_docx()
