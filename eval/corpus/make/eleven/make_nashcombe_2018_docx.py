"""Make letters/nashcombe-2018.docx (python-docx, real Word tables)."""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parents[2] / "letters" / "nashcombe-2018.docx"

doc = Document()
doc.styles["Normal"].font.name = "Arial"
doc.styles["Normal"].font.size = Pt(10)


def para(text="", bold=False, size=None, align=None, after=4):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if align:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    return p


def table(rows, widths, header=True, title=None):
    ncols = len(rows[0])
    t = doc.add_table(rows=0, cols=ncols)
    t.style = "Table Grid"
    if title:
        cells = t.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = title
        merged.paragraphs[0].runs[0].bold = True
    for i, row in enumerate(rows):
        cells = t.add_row().cells
        for j, val in enumerate(row):
            cells[j].text = val
            if header and i == 0:
                for r in cells[j].paragraphs[0].runs:
                    r.bold = True
    for row in t.rows:
        for j, w in enumerate(widths):
            row.cells[j].width = Cm(w)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)
    return t


para("NASHCOMBE BOROUGH COUNCIL", bold=True, size=15, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
para("Children's Services Directorate - Information Requests", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
para("Nashcombe House, 60-64 Quayside, Nashcombe NB7 3LR", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
para("T: 01632 961 844   E: cs.foi@nashcombe.gov.uk", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT, after=12)

para("Dr E Marr\nvia email", after=8)
para("Our ref: NBC/FOI/4417/18\nDate: 26 June 2018", after=8)
para("Dear Dr Marr")
para("Request for information - Return Home Interviews", bold=True)
para("Thank you for your request dated 29 May 2018. Please find our response in the tables below. "
     "Where you asked for figures we have shown 2017/18 (1 April 2017 - 31 March 2018), the year you "
     "requested, with 2016/17 alongside for comparison.")

table([
    ("Question", "Response"),
    ("1. Current provider of RHIs",
     "Council team: Early Help Missing Children Workers (2.0 FTE) within Nashcombe Early Help. "
     "Third sector agency: No."),
    ("2. Provider in 2016/17", "As Q1."),
    ("3. Provider in 2013/14",
     "No dedicated provision. Interviews were carried out by the child's allocated social worker, "
     "where there was one."),
], widths=(5.0, 11.5))

table([
    ("Question", "2016/17", "2017/18"),
    ("4a Missing incidents reported", "866", "931"),
    ("4b Individual children", "301", "327"),
    ("5a Incidents where an RHI was offered", "790", "874"),
    ("5b Offers accepted", "512", "560"),
    ("5c Offers declined", "278", "314"),
    ("6a RHIs carried out", "497", "541"),
    ("6b RHIs within 72 hours of return", "Not recorded", "388"),
], widths=(8.5, 4.0, 4.0), title="Missing from home and care: incidents and interviews")

table([
    ("Question", "Response"),
    ("6c(i) Start point for the 72 hours",
     "The time the police referral is received by the MASH, not the time of return."),
    ("6c(ii) Unit of measurement", "Hours: 72 elapsed hours, including weekends and bank holidays."),
    ("6c(iii) Child missing again before the RHI",
     "The original referral stays open and the 72 hours is not restarted."),
    ("7a Follow-up support",
     "Yes. The Missing Children Workers can provide up to eight weeks of one-to-one support and "
     "refer to the Nashcombe Youth Counselling Service."),
    ("7b Use of information gathered",
     "Recorded on the child's Liquidlogic record. A copy of the interview is emailed to the police "
     "Missing Persons Unit, and monthly analysis is presented to the Missing, Exploited and Trafficked "
     "(MET) panel."),
    ("7c Where a vulnerability is identified",
     "The worker discusses the case with the MASH manager the same day. A referral to children's "
     "social care or a MET panel referral follows where thresholds are met."),
    ("8 Other comments",
     "Two workers for the whole borough means interviews at weekends depend on overtime. The service "
     "works best where the worker already knows the young person from an earlier episode."),
], widths=(5.0, 11.5))

para("Looked after children placed out of area (your questions 9 to 14)", bold=True)
table([
    ("Question", "Response"),
    ("9 How RHIs are delivered for our children placed outside Nashcombe",
     "(e) Spot purchased from the host authority's return interview service."),
    ("11 RHIs for children placed in Nashcombe by other councils", "Yes"),
    ("12 Who delivers them", "Our Early Help Missing Children Workers."),
    ("14 Other comments",
     "Host authorities charge between 95 and 160 pounds per interview. Delays in agreeing payment "
     "can push the interview past 72 hours."),
], widths=(6.5, 10.0))

table([
    ("Question", "2016/17", "2017/18"),
    ("10a Our children placed out of area", "88", "97"),
    ("10b Of these, went missing (children / episodes)", "14 / 52", "17 / 49"),
    ("10c Offered an RHI", "45", "46"),
    ("10d Received an RHI", "30", "33"),
    ("13a Children placed in Nashcombe by other councils", "140", "152"),
    ("13b Of these, went missing (children / episodes)", "21 / not recorded", "26 / 74"),
    ("13b Received an RHI from Nashcombe", "<5", "<5"),
], widths=(8.5, 4.0, 4.0))
para("<5 means a number from 1 to 4. These figures are withheld under section 40(2) of the Act, as "
     "disclosure could lead to the identification of individual children.", size=8.5)

para("If you are unhappy with our response you can ask for an internal review within 40 working days. "
     "You can then contact the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow "
     "SK9 5AF (www.ico.org.uk).")
para("Yours sincerely", after=14)
para("Callum Featherstone-Ng\nInformation Request Co-ordinator\nNashcombe Borough Council")

doc.save(OUT)
print("wrote", OUT)
