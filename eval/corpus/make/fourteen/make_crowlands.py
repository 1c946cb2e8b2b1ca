"""Build letters/crowlands-2018.docx (Word tables) and letters/crowlands-2018.pdf (ruled fpdf2 tables)
from the same content.  Run from /work/sealed-2027-05/K:
    /work/main/.venv/bin/python make/make_crowlands.py
"""
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parents[2] / "letters"

LETTERHEAD = [
    "CROWLANDS BOROUGH COUNCIL",
    "Children's Services - Information Governance",
    "Riverside House, 12 Fletcher Street, Crowlands CR4 7LN",
    "Telephone: 01632 960772    Email: information.requests@crowlands.gov.uk",
]
ADDRESSEE = ["Mr T. Haldane", "By email only"]
REFS = ["Our ref: CBC/FOI/4471/18", "Date: 2 August 2018"]
SALUTATION = "Dear Mr Haldane,"
SUBJECT = "Freedom of Information Act 2000 - return home interviews"
INTRO = [
    "Thank you for your request, which reached us on 5 July 2018. The Council holds most of the information you asked for, "
    "and our answers are set out in the tables below, using the numbering of your request.",
    "For the counts we have shown 2016/17 next to 2017/18, because both years come from the same Missing Children Hub "
    "database and you may find the comparison useful. The year your request covers is 2017/18 (1 April 2017 to 31 March 2018).",
]

T1 = ("Table 1 - Who delivers return home interviews", ["Ref", "Question", "Response"], [
    ["1", "Who delivers return home interviews now", "Crowlands Missing Children Hub, a council team of two Missing Children Practitioners in Children's Services"],
    ["2", "Who delivered them in 2016/17", "The Missing Children Hub (in place since January 2016)"],
    ["3", "Who delivered them in 2013/14", "The child's allocated social worker; there was no dedicated service at that time"],
], (12, 58, 110))

T2 = ("Table 2 - Missing episodes and return interviews", ["Ref", "Measure", "2016/17", "2017/18"], [
    ["4a", "Missing episodes reported to the Council", "655", "734"],
    ["4b", "Children those episodes relate to", "230", "251"],
    ["5a", "Episodes where an interview was offered", "648", "729"],
    ["5b", "Offers accepted by the child", "401", "488"],
    ["5c", "Offers declined by the child or family", "247", "241"],
    ["6a", "Episodes where an interview took place", "390", "471"],
    ["6b", "Interviews held within 72 hours (see 6c)", "233", "302"],
], (12, 108, 30, 30))

T3 = ("Table 3 - How the 72 hours is measured, and what follows an interview", ["Ref", "Question", "Response"], [
    ["6c(i)", "Where the 72 hours starts from", "From receipt of the police notification in the Hub's secure inbox, not from the time the child came home."],
    ["6c(ii)", "Whether counted in hours or days", "Working days: 72 hours is treated as three working days, so a notification received on a Friday evening is in time if the child is seen by the end of the following Wednesday."],
    ["6c(iii)", "Adjustment if the child goes missing again", "None. Every episode is measured on its own, even if the child has gone missing again before being seen."],
    ["7a", "Support offered after the interview", "Yes. The Hub offers up to eight further sessions and can refer to Targeted Youth Support."],
    ["7b", "What happens to the information gathered", "Interview records are kept on the child's case file. The Hub passes intelligence to the police and reports themes every quarter to the Safeguarding Partnership's Exploitation Sub-group."],
    ["7c", "Steps when a vulnerability is found", "The practitioner tells the allocated worker the same day or, if the child is not open to social care, makes a referral to the Front Door. High-risk cases are taken to the multi-agency MACE meeting."],
    ["8", "Other comments on the service", "Take-up has improved since the Hub began texting young people the day after a notification to agree a time to meet. Our main difficulty is children placed many miles away. We would like the guidance to say more about repeat episodes a few days apart."],
], (16, 50, 114))

T4 = ("Table 4 - Children placed out of area: arrangements", ["Ref", "Question", "Response"], [
    ["OOA 1", "How interviews reach Crowlands children placed elsewhere", "(c) By Children's Services staff, who may be the child's own social worker"],
    ["OOA 3", "Interviews for children placed here by other councils", "Yes"],
    ["OOA 4", "Who delivers interviews to that group", "Missing Children Hub (council team)"],
    ["OOA 6", "Other comments on out of area arrangements", "Where a Crowlands child lives more than an hour's drive away, a Hub practitioner usually holds the interview by video call and the social worker follows up in person."],
], (16, 58, 106))

T5 = ("Table 5 - Children placed out of area: figures", ["Ref", "Measure", "2016/17", "2017/18"], [
    ["OOA 2a", "Crowlands looked after children placed outside the borough", "139", "148"],
    ["OOA 2b", "Of those, children reported missing", "27", "31"],
    ["OOA 2b", "Missing episodes for those children", "88", "109"],
    ["OOA 2c", "Of their episodes, those with an interview offered", "79", "97"],
    ["OOA 2d", "Of their episodes, those where one took place", "51", "64"],
    ["OOA 5a", "Children placed in Crowlands by other councils", "Refused (s.12)", "Refused (s.12)"],
    ["OOA 5b", "Of those placed here, children reported missing", "35", "38"],
    ["OOA 5b", "Missing episodes for children placed here", "81", "92"],
    ["OOA 5b", "Interviews completed by the Hub", "49", "57"],
], (18, 102, 30, 30))

NOTE = ("Note to OOA 5a: placing councils notify us by letter or email, and the notifications are filed on individual "
        "case records rather than in a single list. We estimate there were about 420 notifications in 2017/18 and that "
        "finding and checking each would take around 10 minutes, roughly 70 hours in all. That is well over the 18 hours "
        "(GBP 450) allowed by the Appropriate Limit and Fees Regulations 2004, so we are refusing this part of your request "
        "under section 12 of the Act. A request limited to a single quarter might fall within the limit.")

CLOSING = [
    "If you are not satisfied with this response you may ask for an internal review. Please write to the address above, or "
    "email information.requests@crowlands.gov.uk, within 40 working days of the date of this letter. If you are still "
    "unhappy once the review is complete, the Information Commissioner can look at your complaint (www.ico.org.uk).",
    "Yours sincerely,",
]
SIGNATURE = ["Helen Achterberg", "Information Governance Lead, Children's Services"]

TABLES = [T1, T2, T3, T4, T5]


def build_docx(path: Path) -> None:
    doc = Document()
    st = doc.styles["Normal"]; st.font.name = "Arial"; st.font.size = Pt(10)
    for i, line in enumerate(LETTERHEAD):
        p = doc.add_paragraph(); r = p.add_run(line); r.bold = i == 0
        if i == 0:
            r.font.size = Pt(14)
        p.paragraph_format.space_after = Pt(0)
    doc.add_paragraph()
    for line in ADDRESSEE + [""] + REFS:
        p = doc.add_paragraph(line); p.paragraph_format.space_after = Pt(0)
    doc.add_paragraph()
    doc.add_paragraph(SALUTATION)
    p = doc.add_paragraph(); p.add_run(SUBJECT).bold = True
    for para in INTRO:
        doc.add_paragraph(para)
    for title, head, rows, widths in TABLES:
        p = doc.add_paragraph(); p.add_run(title).bold = True
        t = doc.add_table(rows=1, cols=len(head)); t.style = "Table Grid"
        for c, h in zip(t.rows[0].cells, head):
            c.text = ""; c.paragraphs[0].add_run(h).bold = True
        for row in rows:
            cells = t.add_row().cells
            for c, v in zip(cells, row):
                c.text = v
        for row in t.rows:
            for c, w in zip(row.cells, widths):
                c.width = Cm(w / 10)
        if title.startswith("Table 5"):
            doc.add_paragraph(NOTE)
        else:
            doc.add_paragraph()
    for para in CLOSING:
        doc.add_paragraph(para)
    for line in SIGNATURE:
        p = doc.add_paragraph(line); p.paragraph_format.space_after = Pt(0)
    doc.save(path)


def build_pdf(path: Path) -> None:
    pdf = FPDF(format="A4"); pdf.set_margins(15, 15, 15); pdf.set_auto_page_break(True, 15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14); pdf.cell(0, 7, LETTERHEAD[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    for line in LETTERHEAD[1:]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6); pdf.set_font("Helvetica", "", 10)
    for line in ADDRESSEE + [""] + REFS:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 5, SALUTATION); pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10); pdf.multi_cell(0, 5, SUBJECT); pdf.set_font("Helvetica", "", 10); pdf.ln(2)
    for para in INTRO:
        pdf.multi_cell(0, 5, para); pdf.ln(2)
    for title, head, rows, widths in TABLES:
        pdf.ln(2); pdf.set_font("Helvetica", "B", 10); pdf.multi_cell(0, 5, title); pdf.ln(1)
        pdf.set_font("Helvetica", "", 9)
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.6,
                       headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225))) as t:
            for row in [head] + rows:
                r = t.row()
                for v in row:
                    r.cell(v)
        pdf.set_font("Helvetica", "", 10)
        if title.startswith("Table 5"):
            pdf.ln(2); pdf.multi_cell(0, 5, NOTE)
    pdf.ln(4)
    for para in CLOSING:
        pdf.multi_cell(0, 5, para); pdf.ln(2)
    for line in SIGNATURE:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


build_docx(OUT / "crowlands-2018.docx")
build_pdf(OUT / "crowlands-2018.pdf")
print("wrote crowlands-2018.docx and crowlands-2018.pdf")
