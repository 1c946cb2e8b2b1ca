"""Build nettlecombe-2024.pdf and its 'also' form nettlecombe-2024.docx from the same text (prose letter)."""
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from fpdf import FPDF

HERE = Path(__file__).resolve().parents[2] / "letters"

LETTERHEAD = [
    "Nettlecombe Borough Council",
    "Children's Services - Information Governance",
    "Riverside Offices, 17 Weir Lane, Nettlecombe NT5 8HB  |  01632 966 251  |  foi@nettlecombe.gov.uk",
]

# (kind, text): kind is "p" paragraph, "h" heading, "b" bold line
BODY = [
    ("p", "Dr S. Lindqvist\nBy email"),
    ("p", "Our reference: NBC/IG/24-0968\nYour request: 2 October 2024\nDate: 30 October 2024"),
    ("p", "Dear Dr Lindqvist,"),
    ("b", "Your request about children who go missing and return interviews, 1 April 2023 to 31 March 2024"),
    ("p", "Thank you for your request. We have answered your eleven questions below. Rather than repeat each question "
          "word for word we have summarised them, and where one answer covers more than one question we have grouped "
          "them. Our own performance reports measure return interviews as rates, so several answers are given as "
          "percentages; we say what each percentage is a percentage of."),
    ("h", "Children reported missing and missing episodes (your questions 1 and 2)"),
    ("p", "You wanted to know how many children went missing and how often.\n"
          "In 2023/24, 338 children were reported missing.\n"
          "Between them there were 1,044 missing episodes."),
    ("h", "Children in our care (your questions 3, 4 and 5)"),
    ("p", "You asked how many children we looked after, how many of them went missing and how often.\n"
          "Nettlecombe looked after 402 children at some point in the year; 293 were in our care on 31 March 2024.\n"
          "Looked-after children made up 21% of the children reported missing.\n"
          "They accounted for 47.3% of all missing episodes."),
    ("h", "Offers, completions and timeliness (your questions 6, 7 and 8)"),
    ("p", "You asked how many interviews were offered and completed, and how many were held within 72 hours.\n"
          "An interview was offered after 93.5% of missing episodes.\n"
          "An interview was completed after 61.2% of missing episodes.\n"
          "Of the offers made, 27.4% were declined by the young person or their family.\n"
          "Of the completed interviews, 68% were held within 72 hours of the child's return.\n"
          "The median time from return to interview was 49 hours, against a contract target of 48 hours."),
    ("h", "Who carries out the interviews (your question 9)"),
    ("p", "You asked which kinds of worker carry out return interviews in Nettlecombe.\n"
          "All interviews are carried out by Keystone Youth Support Ltd, an independent provider commissioned by the "
          "council since April 2021. None are carried out by social workers, youth workers or an in-house team."),
    ("h", "Support after an interview (your question 10)"),
    ("p", "You asked whether we provide or commission any further support.\n"
          "We do. Keystone's contract includes up to six follow-up sessions for any young person who wants them, and "
          "the council's Targeted Youth Support team takes referrals for longer-term work."),
    ("h", "Your views on the service (your question 11)"),
    ("p", "You invited comments on the service and on the statutory guidance.\n"
          "Using an independent provider means young people are seen by someone who is not involved in their care.\n"
          "Young people tell us this makes it easier to be honest, but information reaches social workers more slowly.\n"
          "We would like the guidance to say whether an interview held by telephone counts as completed."),
    ("p", "The counts behind these rates come from a contract monitoring report and have not been reproduced here. "
          "If you would like them, please let us know and we will treat this as a new request."),
    ("p", "If you are unhappy with our response you may ask for an internal review within 40 working days. If you are "
          "still not satisfied you may complain to the Information Commissioner's Office, Wycliffe House, Water Lane, "
          "Wilmslow SK9 5AF. Information we release may be re-used under the Open Government Licence v3.0."),
    ("p", "Yours sincerely,"),
    ("p", "Imogen Baptiste-Harrow\nInformation Governance Lead\nNettlecombe Borough Council"),
]


def make_pdf():
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 16, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 7, LETTERHEAD[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8.5)
    for line in LETTERHEAD[1:]:
        pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    for kind, text in BODY:
        if kind == "h":
            pdf.set_font("Helvetica", "B", 10)
        elif kind == "b":
            pdf.set_font("Helvetica", "B", 10)
        else:
            pdf.set_font("Helvetica", "", 9.5)
        pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5 if kind == "h" else 3)
    pdf.set_title("NBC/IG/24-0968")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 10, 30, 15, 5))
    pdf.output(str(HERE / "nettlecombe-2024.pdf"))


def make_docx():
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2.0)
    p = doc.add_paragraph()
    r = p.add_run(LETTERHEAD[0])
    r.bold = True
    r.font.size = Pt(15)
    for line in LETTERHEAD[1:]:
        doc.add_paragraph(line)
    for kind, text in BODY:
        if kind in ("h", "b"):
            p = doc.add_paragraph()
            p.add_run(text).bold = True
        else:
            for chunk in text.split("\n") if kind == "p" and text.count("\n") and not text.startswith(("Dr ", "Our ", "Imogen")) else [text]:
                doc.add_paragraph(chunk)
    doc.save(HERE / "nettlecombe-2024.docx")


make_pdf()
make_docx()
print("wrote nettlecombe-2024.pdf and nettlecombe-2024.docx")
