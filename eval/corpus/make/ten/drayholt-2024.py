"""Build letters/drayholt-2024.docx: letter with a real Word table, two years side by side."""
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parents[2] / "letters" / "drayholt-2024.docx"

doc = Document()
sec = doc.sections[0]
sec.left_margin = sec.right_margin = Cm(2.2)
style = doc.styles["Normal"]
style.font.name = "Arial"
style.font.size = Pt(10.5)

# Running header/footer (as a council template would have)
hp = sec.header.paragraphs[0]
hp.text = "Drayholt Metropolitan Borough Council  |  Children and Young People's Services"
hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
fp = sec.footer.paragraphs[0]
fp.text = "OFFICIAL  |  Drayholt MBC, PO Box 2211, Drayholt DH1 9ZE  |  Switchboard 01632 960 900"
fp.alignment = WD_ALIGN_PARAGRAPH.CENTER


def para(text="", bold=False, size=None, align=None, space_after=6, color=None):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if color:
        r.font.color.rgb = RGBColor(*color)
    if align:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


para("Drayholt Metropolitan Borough Council", bold=True, size=15, color=(0x1F, 0x3A, 0x5F), space_after=0)
para("Information Governance Team\nCivic Centre, Queen's Walk\nDrayholt DH1 3AA", space_after=2)
para("Tel: 01632 960 913    Email: information.requests@drayholt.gov.uk", space_after=14)

para("Ms R. Thistlewood\nBy email", space_after=12)

meta = doc.add_table(rows=3, cols=2)
for i, (k, v) in enumerate([
    ("Request reference:", "DMBC/IG/FOI/24/5518"),
    ("Date of request:", "30 October 2024"),
    ("Date of response:", "27 November 2024"),
]):
    meta.cell(i, 0).text = k
    meta.cell(i, 1).text = v
para("", space_after=4)

para("Dear Ms Thistlewood", space_after=8)
para("Freedom of Information Act 2000: missing children and return interviews", bold=True)
para(
    "Thank you for your request. We have answered your questions in the table below. "
    "You asked for the period 1 April 2023 to 31 March 2024; our service manager has also included "
    "the 2022/23 figures so that the two years can be compared, because the service was restructured "
    "in autumn 2023. Please use the 2023/24 column for your research."
)
para(
    "Counts of children are of distinct children (a child counted once however often they went missing). "
    "Figures were produced from the social care case record system on 14 November 2024."
)

rows = [
    ("1", "Individual children reported missing", "471", "503"),
    ("2", "Missing incidents reported (all children)", "1,540", "1,688"),
    ("3", "Children looked after during the year", "705 (498 at 31 March 2023)", "742 (516 at 31 March 2024)"),
    ("4", "Looked after children who went missing", "109", "118"),
    ("5", "Missing incidents, looked after children", "744", "803"),
    ("6", "Return interviews offered", "1,455", "1,601"),
    ("7", "Return interviews completed", "1,010 completed; 270 declined", "1,124 completed; 291 declined"),
    ("8", "Completed within 72 hours of return *", "690", "802"),
]
text_rows = [
    ("9", "Who provides return interviews",
     "Youth worker: yes. Children living at home are interviewed by youth workers from the Drayholt Youth "
     "Service's Detached and Outreach Team.\n"
     "Independent service commissioned by the local authority: yes. Interviews for children in our care are "
     "commissioned from Northway Independent Advocacy Ltd under a contract running to 31 March 2026.\n"
     "Social worker: no. Dedicated local authority team: no. Other: no."),
    ("10", "Follow-up support after an RHI",
     "No. There is no separate post-interview service. Needs identified in an interview are taken forward "
     "through the child's existing plan or a referral to Early Help."),
    ("11", "Further information about the service",
     "Splitting the service by where the child lives was intended to give children in care an advocate who is "
     "independent of the Council. In practice it has led to some duplication, and a single service for all "
     "children is being considered when the current contract ends."),
]

table = doc.add_table(rows=1, cols=4)
table.style = "Table Grid"
table.alignment = WD_TABLE_ALIGNMENT.CENTER
hdr = table.rows[0].cells
for c, t in zip(hdr, ["Q", "Question (summary)", "2022/23", "2023/24"]):
    c.text = t
    for r in c.paragraphs[0].runs:
        r.bold = True
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "D9E2F3")
    c._tc.get_or_add_tcPr().append(shd)

for q, label, a, b in rows:
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text, cells[3].text = q, label, a, b

for q, label, answer in text_rows:
    cells = table.add_row().cells
    cells[0].text, cells[1].text = q, label
    merged = cells[2].merge(cells[3])
    merged.text = answer

widths = [Cm(1.0), Cm(6.2), Cm(4.6), Cm(4.6)]
for row in table.rows:
    for cell, w in zip(row.cells, widths):
        cell.width = w

para("", space_after=2)
para(
    "* Question 8: the 72 hours is counted from the date and time the child returned or was found, as recorded "
    "by the police, in clock hours. Before October 2023 the Youth Service recorded the date only, so the 2022/23 "
    "figure may slightly overstate timeliness.",
    size=9,
)
para(
    "If you are dissatisfied with this response you may request an internal review within 40 working days. "
    "If you remain unhappy after the review you can complain to the Information Commissioner's Office "
    "(www.ico.org.uk; 0303 123 1113). You are free to re-use this information under the Open Government Licence."
)
para("Yours sincerely", space_after=18)
para("Deborah Aylwin-Shaw\nSenior Information Governance Officer")

doc.save(OUT)
print("wrote", OUT)
