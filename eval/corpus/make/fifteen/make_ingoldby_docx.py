"""Build letters/ingoldby-2024.docx (Word tables: answers table + quarterly table).

Run: /work/main/.venv/bin/python make/make_ingoldby_docx.py   (from /work/sealed-2027-05/L)
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parents[2]
OUT = HERE / "letters" / "ingoldby-2024.docx"

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Arial"
style.font.size = Pt(10.5)

p = doc.add_paragraph()
r = p.add_run("Ingoldby Council")
r.bold = True
r.font.size = Pt(16)
p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
for line in [
    "Children, Families and Education Directorate",
    "Information Governance Team, Town Hall, Market Square, Ingoldby IG2 5RN",
    "Telephone 01632 960233 | foi@ingoldby.gov.uk",
]:
    q = doc.add_paragraph(line)
    q.alignment = WD_ALIGN_PARAGRAPH.RIGHT

doc.add_paragraph("Our reference: FOI/24/01187\nYour reference: not given\nDate: 3 October 2024")
doc.add_paragraph("Mr Daniel Okafor\nBy e-mail only")
doc.add_paragraph("Dear Mr Okafor")
h = doc.add_paragraph()
h.add_run("Request for information: children missing from home or care and return interviews, 1 April 2023 to 31 March 2024").bold = True
doc.add_paragraph(
    "Thank you for your request, which we received on 5 September 2024 and have handled under the "
    "Freedom of Information Act 2000. We hold the information you asked for. Our answers are set out in "
    "Table 1. Missing episodes and return interviews are also shown quarter by quarter in Table 2, because "
    "that is how they are reported to our Missing Children Steering Group; where Table 1 refers you to "
    "Table 2, the full-year figure is the total row."
)

doc.add_paragraph().add_run("Table 1: Your questions and our responses").bold = True
rows = [
    ("1", "Number of individual children reported missing in the year",
     "412 different children. A child who went missing in more than one quarter is counted once here, "
     "which is why the quarterly figures in Table 2 add up to more than 412."),
    ("2", "Total number of missing incidents reported for children", "See Table 2 (full-year total)."),
    ("3", "Number of children looked after by the council during the year",
     "603 children were looked after at some point in the year. For comparison, 441 children were in our care on 31 March 2024."),
    ("4", "How many of those looked-after children went missing", "97"),
    ("5", "Missing incidents involving looked-after children",
     "702 incidents. These are included in the total for question 2."),
    ("6", "Return interviews offered after a missing incident", "See Table 2."),
    ("7", "Return interviews completed (and offers declined)",
     "978 completed. In a further 296 cases the offer was declined by the young person or their family. "
     "The remaining offers lapsed, mostly because the child went missing again or moved placement before "
     "the interview could happen."),
    ("8", "Number completed within 72 hours of the child's return", "See Table 2."),
    ("9", "Which service carries out return interviews locally",
     "Dedicated in-house team: the Ingoldby Missing and Exploitation Team (IMET), which has six "
     "return interview workers. Where we have placed a child more than 20 miles away, the allocated social "
     "worker completes the interview instead."),
    ("10", "Any follow-up support after a return interview",
     "Yes. IMET can keep a young person open for direct work for up to 12 weeks, and can refer on to the "
     "council's Adolescent Support Service for longer-term help."),
    ("11", "Anything else you would like to tell us about your service",
     "The 72-hour expectation in the 2014 guidance is hard to meet when the police notification reaches us late, "
     "especially over weekends. We would welcome guidance allowing a short phone contact to count as a first "
     "response, with the full conversation to follow. Young people engage best when they choose where to meet."),
]
t = doc.add_table(rows=1, cols=3)
t.style = "Table Grid"
hdr = t.rows[0].cells
for c, txt in zip(hdr, ["Q", "What you asked", "Our response"]):
    c.text = txt
    c.paragraphs[0].runs[0].bold = True
for row in rows:
    cells = t.add_row().cells
    for c, txt in zip(cells, row):
        c.text = txt

doc.add_paragraph()
doc.add_paragraph().add_run("Table 2: Missing episodes and return interviews by quarter, 2023/24").bold = True
qrows = [
    ("Quarter", "Missing incidents", "Children (unique in quarter)", "RHIs offered", "RHIs completed", "Completed within 72 hrs"),
    ("Q1 Apr-Jun 2023", "331", "148", "320", "233", "158"),
    ("Q2 Jul-Sep 2023", "368", "163", "356", "259", "172"),
    ("Q3 Oct-Dec 2023", "349", "151", "338", "247", "165"),
    ("Q4 Jan-Mar 2024", "338", "139", "327", "239", "160"),
    ("Total 2023/24", "1,386", "412*", "1,341", "978", "655"),
]
t2 = doc.add_table(rows=0, cols=6)
t2.style = "Table Grid"
for i, row in enumerate(qrows):
    cells = t2.add_row().cells
    for c, txt in zip(cells, row):
        c.text = txt
        if i == 0 or i == len(qrows) - 1:
            c.paragraphs[0].runs[0].bold = True
doc.add_paragraph("* Unique children across the whole year; this is not the sum of the quarterly counts.")

doc.add_paragraph(
    "You are free to re-use the information in this response under the Open Government Licence. "
    "If you are not satisfied with our reply you can ask for an internal review within 40 working days by "
    "writing to the Information Governance Team at the address above. You also have the right to complain to "
    "the Information Commissioner's Office (www.ico.org.uk, 0303 123 1113) once our review process is complete."
)
doc.add_paragraph("Yours sincerely")
doc.add_paragraph("Rhona Castell\nInformation Governance Officer\nIngoldby Council")

doc.save(OUT)
print("wrote", OUT)
