"""Build letters/yelverton-fen-2018.docx (fictional FOI reply, Word tables).

Run: /work/main/.venv/bin/python make/make_yelverton_fen_2018.py  (from the J folder)
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).resolve().parents[2] / "letters" / "yelverton-fen-2018.docx"

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Arial"
style.font.size = Pt(10)


def para(text, bold=False, align=None, size=None):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align:
        p.alignment = align
    return p


def table(header, rows, widths=None):
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for i, h in enumerate(header):
        cell = t.rows[0].cells[i]
        cell.text = ""
        cell.paragraphs[0].add_run(h).bold = True
    for row in rows:
        cells = t.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = value
    doc.add_paragraph()
    return t


para("Yelverton Fen Council", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT, size=14)
para("Information Governance Team\nFen House, 12 Mardle Street\nYelverton Fen YF3 8QP\n"
     "Tel: 01632 960418\nEmail: foi@yelvertonfen.gov.uk", align=WD_ALIGN_PARAGRAPH.RIGHT)
para("Our ref: IR-2018-04419\nYour ref: RHI/2018/LA-112\nDate: 27 June 2018")
para("Ms J Achterberg\nBy email only")
para("Dear Ms Achterberg,")
para("Freedom of Information Act 2000 - return home interviews", bold=True)
para("Thank you for your request, which we received on 31 May 2018. Yelverton Fen Council holds "
     "the information you asked for and our response is set out in the tables below. The question "
     "references follow the numbering of your request, although we have shortened the wording.")
para("Your request concerned the year 1 April 2017 to 31 March 2018. Our annual missing children "
     "report presents each year beside the one before, so the figure tables show 2016/17 as well as "
     "2017/18.")

para("Table 1: Who delivers return home interviews", bold=True)
table(
    ["Ref", "What you asked", "Our response"],
    [
        ["1", "Current provider of RHIs (voluntary sector or council team)",
         "Third sector: yes. Return home interviews are delivered by Waymark Young People's Trust, "
         "a registered charity, under a contract running to March 2020. Council team: no."],
        ["2", "Provider in 2016/17",
         "The child's allocated social worker until 30 June 2016; Waymark Young People's Trust "
         "from 1 July 2016."],
        ["3", "Provider in 2013/14",
         "The child's allocated social worker. There was no separate return interview service at "
         "that time."],
    ],
)

para("Table 2: Missing episodes and return home interviews", bold=True)
table(
    ["Ref", "Measure", "2016/17", "2017/18"],
    [
        ["4a", "Missing episodes reported", "978", "1,062"],
        ["4b", "Individual children those episodes relate to", "333", "351"],
        ["5a", "Episodes where an RHI was offered (child or parent/carer)", "940", "1,040"],
        ["5b", "Offers accepted by the child", "612", "701"],
        ["5c", "Offers declined", "271", "286"],
        ["6a", "RHIs carried out", "590", "688"],
        ["6b", "RHIs carried out within 72 hours of return", "377", "412"],
    ],
)

para("Table 3: Timeliness and what happens after an interview", bold=True)
table(
    ["Ref", "What you asked", "Our response"],
    [
        ["6c(i)", "Start point for the 72 hours",
         "The time the child returned or was found, as recorded by the police on the return "
         "notification."],
        ["6c(ii)", "Hours or days",
         "Working days. We treat 72 hours as three working days, so a child who comes back on a "
         "Friday evening should be seen by the end of the following Wednesday."],
        ["6c(iii)", "Adjustment if the child goes missing again before the RHI",
         "None. Each episode is measured from its own return time, so an interview delayed by a "
         "second episode counts as late for the first."],
        ["7a", "Follow-up support",
         "Yes. Waymark can provide up to eight sessions of follow-up work, and children can be "
         "referred to the council's Targeted Youth Support service."],
        ["7b", "Use of information gathered in RHIs",
         "Waymark sends a written summary to the council within 48 hours. It is saved to the "
         "child's file and shared with the allocated worker, and key intelligence is passed to the "
         "police missing person coordinator. Anonymised themes are reported each quarter to the "
         "Safeguarding Children Partnership."],
        ["7c", "Steps taken when a vulnerability is identified",
         "Waymark telephones the Children's Advice and Duty Service on the same day. A duty manager "
         "then decides whether a strategy meeting, an exploitation screening tool or an early help "
         "assessment is needed."],
        ["8", "Other comments",
         "Take-up has risen since Waymark began meeting children in places they choose, such as "
         "cafes and youth centres. Most delays happen when the police notification reaches us "
         "late, and we are working with the constabulary to shorten this."],
    ],
)

para("Table 4: Looked-after children and out-of-area placements", bold=True)
table(
    ["Ref", "What you asked", "Our response"],
    [
        ["OOA 1", "How RHIs are delivered to our children placed outside Yelverton Fen",
         "(d) By the child's own social worker. Waymark's contract covers only children living "
         "within the council area."],
        ["OOA 3", "RHIs for children placed in Yelverton Fen by other authorities", "Yes."],
        ["OOA 4", "Who delivers these",
         "Waymark Young People's Trust, under the same contract as for local children."],
    ],
)

para("Table 5: Out-of-area figures", bold=True)
table(
    ["Ref", "Measure", "2016/17", "2017/18"],
    [
        ["OOA 2a", "Our looked-after children placed out of area during the year", "74", "81"],
        ["OOA 2b", "Of these, children who went missing", "12", "17"],
        ["OOA 2b", "Missing episodes for those children", "41", "58"],
        ["OOA 2c", "Episodes where an RHI was offered", "39", "55"],
        ["OOA 2d", "RHIs received", "15", "22"],
        ["OOA 5a", "Looked-after children placed in our area by other authorities", "129", "143"],
        ["OOA 5b", "Of these, children who went missing", "*", "19"],
        ["OOA 5b", "Missing episodes for those children", "9", "72"],
        ["OOA 5b", "RHIs received from Waymark", "*", "31"],
    ],
)
para("* Fewer than 5. Withheld under section 40(2) (personal information) because of the risk "
     "that individual children could be identified.")

para("OOA 6 - further comments: distance is the main obstacle. Social workers visiting children "
     "placed more than 50 miles away often cannot reach them within three working days, and some "
     "children would rather not discuss the episode with their own social worker.")

para("If you are dissatisfied with the handling of your request you may ask for an internal "
     "review within 40 working days of the date of this letter, by writing to the address above. "
     "If you are still unhappy after the review you can complain to the Information "
     "Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF.")
para("Unless otherwise stated, the information in this response may be re-used under the Open "
     "Government Licence.")
para("Yours sincerely,")
para("Graham Pettifer\nInformation Governance Officer\nYelverton Fen Council")

OUT.parent.mkdir(parents=True, exist_ok=True)
doc.save(OUT)
print(OUT)
