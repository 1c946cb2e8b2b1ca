"""Build letters/orrinsford-2024.docx and its `also` form letters/orrinsford-2024.pdf.

Fictional reply from Orrinsford City Council: questions with the answer on the same line
(inline), mostly given as percentages. Both files come from the same content below.
    /work/main/.venv/bin/python make/make_orrinsford.py
"""
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH
from fpdf import FPDF

HERE = Path(__file__).resolve().parents[1]
LETTERS = HERE.parent / "letters"
FONT_DIR = Path("/usr/share/fonts/truetype/liberation")

LETTERHEAD = [
    "Orrinsford City Council",
    "Access to Information Team | Customer Insight and Governance",
    "Guildhall Yard, Orrinsford OR1 2JX",
    "Tel: 01632 960604 | information.requests@orrinsford.gov.uk",
]

META = [
    "Request reference: FOI-24-11852",
    "Date: 10 December 2024",
]

OPENING = [
    "Dear Ms Whitcombe-Oduya,",
    "Your request about missing children and return interviews, 1 April 2023 to 31 March 2024",
    "Thank you for your patience while we pulled this together. Our Safer Futures Team keeps its "
    "performance reporting as rates rather than raw numbers, and the rates are the figures that have been "
    "checked and signed off, so in most of the answers below I have given you the rate and said what it "
    "is a rate of. I hope that is still useful. If you need the underlying numbers, please let me know "
    "and we will treat that as a new request.",
    "I have set out each of your questions with our answer straight after it.",
]

QA = [
    ("1. How many individual children were reported missing in your area during the period?",
     "1,127 children."),
    ("2. How many missing incidents were reported in your area during the period?",
     "3,944 incidents (for comparison, the calendar year 2023 figure was 3,870)."),
    ("3. How many children did the council look after during the period?",
     "1,268 children were looked after at some point in the year; 912 were looked after on 31 March 2024."),
    ("4. How many individual looked after children went missing?",
     "23.9% of the children in answer 1 were looked after when they went missing."),
    ("5. How many missing incidents involved looked after children?",
     "Looked after children accounted for 51.6% of all missing incidents."),
    ("6. How many return interviews were offered after a missing incident?",
     "An interview was offered after 97.2% of incidents."),
    ("7. How many return interviews were completed after a missing incident?",
     "64.8% of offered interviews were completed. A further 21.5% of offers were declined by the young "
     "person, and the rest could not be completed (for example, the young person could not be contacted, "
     "or went missing again before the visit)."),
    ("8. How many of these were completed within 72 hours of the child's return?",
     "78.3% of completed interviews were held within 72 hours of the child's return."),
    ("9. Who provides return interviews in your area?",
     "A dedicated team within the local authority, and an independent service commissioned by the local "
     "authority. Weekday interviews are carried out by Return Interview Workers in the Safer Futures Team. "
     "Since January 2023 we have also commissioned Northway Return Service, an independent provider, to "
     "cover evenings and weekends, and Orrinsford children placed within 20 miles of the city."),
    ("10. Do you provide or commission follow-up support after a return interview?",
     "Yes. Where an interview shows a need, the Safer Futures Team offers up to 10 weeks of one-to-one "
     "support, and Northway can offer group sessions for young people at risk of exploitation."),
    ("11. Please tell us more about your return interview service:",
     "The rise in weekend cover has made the biggest difference, as many of our young people return late "
     "on a Friday or Saturday. We would like the statutory guidance to say clearly that an interview can "
     "take place by video call when the young person prefers it."),
]

CLOSING = [
    "If you are unhappy with this response, you can ask for an internal review by emailing "
    "information.requests@orrinsford.gov.uk within 40 working days, quoting FOI-24-11852. If you are still "
    "unhappy after that, you can complain to the Information Commissioner's Office (ico.org.uk, "
    "0303 123 1113).",
    "You are free to re-use the information in this letter under the Open Government Licence v3.0.",
    "Kind regards,",
    "Priya Lindqvist-Mensah",
    "Access to Information Officer",
]


def make_docx(path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2.2)
    for i, line in enumerate(LETTERHEAD):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        r = p.add_run(line)
        if i == 0:
            r.bold = True
            r.font.size = Pt(15)
    for line in META:
        doc.add_paragraph(line)
    for i, line in enumerate(OPENING):
        p = doc.add_paragraph()
        r = p.add_run(line)
        r.bold = i == 1
    for q, a in QA:
        p = doc.add_paragraph()
        p.add_run(q).bold = True
        p.add_run(" " + a)
    for line in CLOSING:
        doc.add_paragraph(line)
    doc.sections[0].footer.paragraphs[0].text = "OFFICIAL | FOI-24-11852"
    doc.save(path)


class Letter(FPDF):
    def footer(self):
        self.set_y(-14)
        self.set_font(self.base, size=8)
        self.cell(0, 6, f"OFFICIAL | FOI-24-11852 | Page {self.page_no()} of {{nb}}", align="C")


def make_pdf(path: Path) -> None:
    pdf = Letter(format="A4")
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, 20)
    if (FONT_DIR / "LiberationSans-Regular.ttf").exists():
        pdf.add_font("Lib", "", str(FONT_DIR / "LiberationSans-Regular.ttf"))
        pdf.add_font("Lib", "B", str(FONT_DIR / "LiberationSans-Bold.ttf"))
        pdf.base = "Lib"
    else:
        pdf.base = "Helvetica"
    pdf.alias_nb_pages()
    pdf.add_page()
    for i, line in enumerate(LETTERHEAD):
        pdf.set_font(pdf.base, "B" if i == 0 else "", 15 if i == 0 else 9)
        pdf.cell(0, 7 if i == 0 else 5, line, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(pdf.base, "", 10)
    for line in META:
        pdf.cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for i, line in enumerate(OPENING):
        pdf.set_font(pdf.base, "B" if i == 1 else "", 10)
        pdf.multi_cell(0, 5.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    for q, a in QA:
        pdf.set_font(pdf.base, "", 10)
        pdf.multi_cell(0, 5.5, f"**{q}** {a}", markdown=True, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    for line in CLOSING:
        pdf.multi_cell(0, 5.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    pdf.output(str(path))


def main() -> None:
    LETTERS.mkdir(parents=True, exist_ok=True)
    make_docx(LETTERS / "orrinsford-2024.docx")
    make_pdf(LETTERS / "orrinsford-2024.pdf")
    print("wrote orrinsford-2024.docx and orrinsford-2024.pdf")


if __name__ == "__main__":
    main()
