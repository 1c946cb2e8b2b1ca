"""Build letters/rookhaven-2024.docx (letter with a Word table of answers, two year columns).

Run: /work/main/.venv/bin/python make/make_rookhaven_docx.py  (from /work/sealed-2027-04/I)
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).resolve().parents[2] / "letters" / "rookhaven-2024.docx"

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Arial"
style.font.size = Pt(10.5)

head = doc.add_paragraph()
head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
r = head.add_run("Rookhaven Council")
r.bold = True
r.font.size = Pt(16)
for line in [
    "Children's Services - Information Governance",
    "Civic Offices, 1 Harbour Parade, Rookhaven RK1 2QT",
    "Tel: 01632 960 771   Email: foi@rookhaven.gov.uk",
]:
    p = doc.add_paragraph(line)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

doc.add_paragraph("Mr T Oduya\nBy email")
doc.add_paragraph("Our ref: RC/FOI/2024/3315\nDate: 27 November 2024")
doc.add_paragraph("Dear Mr Oduya,")
p = doc.add_paragraph()
p.add_run("Request for information: return interviews for children who go missing").bold = True
doc.add_paragraph(
    "Thank you for your request, received on 30 October 2024, which we have dealt with under the "
    "Freedom of Information Act 2000. Our answers are set out in the table below. Our missing "
    "children performance report is produced on a two-year basis, so we have shown the 2022/23 "
    "figures alongside those for 2023/24, the year you asked about (1 April 2023 to 31 March 2024)."
)

rows = [
    ("Q", "Information requested", "2022/23", "2023/24"),
    ("1", "Individual children reported missing", "301", "288"),
    ("2", "Missing incidents reported", "1,012", "941"),
    ("3", "Children looked after at any time during the year", "360", "377"),
    ("4", "Looked after children who went missing", "58", "61"),
    ("5", "Missing incidents involving looked after children", "455", "402"),
    ("6", "Return interviews offered following an incident", "950", "898"),
    ("7", "Return interviews completed", "701", "655"),
    ("7", "Offers declined by the child or family", "129", "141"),
    ("8", "Completed within 72 hours of the return", "402", "431"),
]
wide = [
    ("9", "Provider of return interviews",
     "Kestrel Young People's Project, a registered local charity, carries out return interviews for "
     "all Rookhaven children, including children in our care placed up to 50 miles away. Where a "
     "child will not speak to Kestrel, the child's own social worker completes the interview instead."),
    ("10", "Follow-up support after a return interview",
     "Yes. Kestrel offers up to six follow-up sessions, and children at risk of exploitation are "
     "referred to the council's Contextual Safeguarding Team for longer-term work."),
    ("11", "Further information about the service",
     "Since April 2023 Kestrel has been told of every missing report through a shared police "
     "notification inbox, which has helped timeliness. The hardest group to reach is older "
     "teenagers who are missing repeatedly; for them a trusted adult they already know is often "
     "more effective than an independent worker. We would support guidance that allows more "
     "flexibility about who carries out the interview."),
]

table = doc.add_table(rows=0, cols=4)
table.style = "Table Grid"
for i, cells in enumerate(rows):
    rc = table.add_row().cells
    for c, txt in zip(rc, cells):
        c.text = txt
        if i == 0:
            for run in c.paragraphs[0].runs:
                run.bold = True
for q, label, text in wide:
    rc = table.add_row().cells
    rc[0].text = q
    rc[1].text = label
    merged = rc[2].merge(rc[3])
    merged.text = text

doc.add_paragraph("")
doc.add_paragraph(
    "Please note that the figure of 259 quoted in our published annual report is the number of "
    "children looked after on 31 March 2024; the table shows everyone looked after at any time in "
    "the year, which is what you asked for. Figures for 2023/24 were refreshed on 15 November 2024 "
    "and may differ slightly from those given in earlier responses."
)
doc.add_paragraph(
    "If you are not satisfied with this response you may ask for an internal review within 40 "
    "working days of the date of this letter. If you remain dissatisfied after the review you can "
    "complain to the Information Commissioner's Office. Information supplied may be re-used under "
    "the Open Government Licence."
)
doc.add_paragraph("Yours sincerely,")
doc.add_paragraph("Hollie Penberthy\nInformation Governance Officer\nRookhaven Council")
doc.save(OUT)
print("wrote", OUT)
