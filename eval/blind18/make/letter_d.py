"""Letter D: Hollinsbrook County Council, rhi-2024, a Word document (.docx).

Figures in a Word table pasted from a spreadsheet: no-break and narrow
no-break spaces as thousands separators, a left-to-right mark before one
figure, a zero-width space inside another, a word joiner after a figure,
"73 %" with a narrow no-break space, figures split across Word runs.
A header and footer carry the council's name as well as the letterhead. The
document's core properties carry a different (draft) date. A provider that
stopped before the period asked (a distractor), a "£" amount, soft hyphens.
Needs python-docx (run with /work/main/.venv/bin/python).
"""
import datetime
import io
from common import P2024, n, status, choice, text, render

FILENAME = ("Hollinsbrook CC – FOI response IR 88-24 (Return Interviews) FINAL v2 – "
            "signed off by Head of Service.docx")

HEAD = [
    ("title", "Hollinsbrook County Council"),
    ("small", "Information Governance Team · County Offices · Weir Lane · Hollinsbrook · HB7 3QS"),
    ("p", ""),
    ("p", "Dr A. Mensah"),
    ("p", "By email"),
    ("p", ""),
    ("p", "Reference: IR 88/24"),
    ("p", "Friday 3 May 2024"),
    ("p", ""),
    ("p", "Dear Dr Mensah,"),
    ("bold", "Freedom of Information request: return interviews"),
    ("p", "Thank you for your request, which we received on 5 April 2024. Our answers below cover the period 1 April 2023 to 31 March 2024. The figures in the table were copied from our performance spreadsheet, so some of them keep the spreadsheet’s spacing."),
]

# (number, question, response); "¦" splits a cell into separate Word runs
ROWS = [
    ("1", "«Q:1»Number of children reported missing (each child counted once)", "1«NBSP»¦406"),
    ("2", "«Q:2»Total number of missing incidents", "3«NNBSP»118"),
    ("3", "«Q:3»Number of children looked after by the council during the year", "«LRM»742"),
    ("4", "«Q:4»Number of looked-after children who went missing", "1«ZWSP»¦68"),
    ("5", "«Q:5»Missing incidents involving looked-after children", "1«NNBSP»530"),
    ("6", "«Q:6»Return interviews offered after a missing incident", "2«NBSP»960«NBSP»"),
    ("7", "«Q:7»Return interviews completed after a missing incident",
     "2«NBSP»¦031 completed. Declined offers are not recorded separately."),
    ("8", "«Q:8»Of those completed, the number held within 72 hours of the child’s return",
     "1«NNBSP»482¦ (73«NNBSP»% of completed interviews)«WJ»"),
]

TAIL = [
    ("p", ""),
    ("bold", "«Q:9»9. Who carries out return interviews in Hollinsbrook?"),
    ("p", "☐ Social worker (this may be the child’s allocated worker)"),
    ("p", "☒ Dedicated council team or officer"),
    ("p", "☐ Youth worker"),
    ("p", "☐ Independent service commissioned by the council"),
    ("p", "☐ Other"),
    ("p", "Detail: All interviews are carried out by the Missing and Child Exploitation (MACE) Service, a dedicated council team of six practitioners. Until March 2022 interviews were delivered by the Openfield Youth Trust, a charity; that arrangement ended when the MACE Service was set up."),
    ("p", ""),
    ("bold", "«Q:10»10. Is there any follow-up support after a return interview, provided or commissioned by the council?"),
    ("p", "Yes – the MACE Service continues one-to-one work for as long as the risk remains, and in 2023/24 the council put a further £38,000 into a mentoring offer for children who go missing repeatedly."),
    ("p", ""),
    ("bold", "«Q:11»11. Comments on your return interview service (guidance, barriers, what works)"),
    ("p", "Bringing return interviews in-house in 2022 has made the biggest difference. Practitioners now know most of the young people who go missing often, they attend strategy meetings, and what a child says in an interview reaches the child’s plan far more quickly than it did under the old contract."),
    ("p", "The barriers are familiar ones: children placed in Hollinsbrook by other authorities, where we are not always told that a child has gone missing; police notifications that arrive a day or more after the child has come home; and young people who simply do not want to talk to anyone. We keep offering a conversation later rather than closing the case."),
    ("p", "We would ask the Department for Education to update the 2014 guidance so that it deals with children who go missing many times in a short period, and to say more about how return interviews should sit alongside a con«SHY»textual safe«SHY»guarding approach."),
    ("p", ""),
    ("p", "If you are dissatisfied with the handling of your request, you may ask for an internal review within 40 working days of the date of this letter. If you are still not satisfied, you can complain to the Information Commissioner’s Office."),
    ("p", ""),
    ("p", "Yours sincerely,"),
    ("p", ""),
    ("p", "Tomasz Wiśniewski"),
    ("p", "Senior Information Governance Officer"),
]

HEADER_TEXT = "Hollinsbrook County Council – OFFICIAL"
FOOTER_TEXT = "Hollinsbrook County Council · County Offices · Weir Lane · Hollinsbrook HB7 3QS · www.hollinsbrook.gov.uk"

GOLD = {
    "council": "Hollinsbrook County Council",
    "reference": "IR 88/24",
    "response_date": "2024-05-03",
    "questionnaire": "rhi-2024",
    "period": P2024,
    "fields": {
        "missing_children": n(1406, "1 406"),
        "missing_incidents": n(3118, "3 118"),
        "lac_total": n(742, "742"),
        "lac_missing_children": n(168, "168"),
        "lac_missing_incidents": n(1530, "1 530"),
        "rhi_offered": n(2960, "2 960"),
        "rhi_completed": n(2031, "2 031 completed"),
        "rhi_declined": status("not_held", "Declined offers are not recorded separately."),
        "rhi_within_72h": n(1482, "1 482 (73 % of completed interviews)"),
        "provider": choice(["local_authority_team"],
                           "All interviews are carried out by the Missing and Child Exploitation (MACE) Service, a dedicated council team of six practitioners.",
                           team="Missing and Child Exploitation (MACE) Service"),
        "follow_up_support": choice(["yes"],
                                    "Yes – the MACE Service continues one-to-one work for as long as the risk remains"),
        "comments": text(
            "Bringing return interviews in-house in 2022 has made the biggest difference. Practitioners now know most of the young people who go missing often, they attend strategy meetings, and what a child says in an interview reaches the child’s plan far more quickly than it did under the old contract. The barriers are familiar ones: children placed in Hollinsbrook by other authorities, where we are not always told that a child has gone missing; police notifications that arrive a day or more after the child has come home; and young people who simply do not want to talk to anyone. We keep offering a conversation later rather than closing the case. We would ask the Department for Education to update the 2014 guidance so that it deals with children who go missing many times in a short period, and to say more about how return interviews should sit alongside a contextual safeguarding approach.",
            "Bringing return interviews in-house in 2022 has made the biggest difference."),
    },
}


def _runs(par, s, bold=False, size=None):
    from docx.shared import Pt
    for piece in s.split("¦"):
        r = par.add_run(piece)
        r.bold = bold
        if size:
            r.font.size = Pt(size)


def build():
    import docx
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    anchors = {}
    d = docx.Document()
    cp = d.core_properties
    cp.title = "FOI response IR 88/24 – return interviews"
    cp.author = "T Wisniewski"
    cp.last_modified_by = "T Wisniewski"
    cp.created = datetime.datetime(2024, 4, 29, 9, 12, 0)
    cp.modified = datetime.datetime(2024, 5, 2, 16, 40, 0)
    cp.revision = 7
    sec = d.sections[0]
    sec.header.paragraphs[0].text = HEADER_TEXT
    sec.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sec.footer.paragraphs[0].text = FOOTER_TEXT

    def para(kind, s):
        t, _ = render(s, anchors=anchors)
        p = d.add_paragraph()
        if kind == "title":
            _runs(p, t, bold=True, size=18)
        elif kind == "small":
            _runs(p, t, size=8)
        elif kind == "bold":
            _runs(p, t, bold=True)
        else:
            _runs(p, t)

    for kind, s in HEAD:
        para(kind, s)
    table = d.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, h in zip(table.rows[0].cells, ("No.", "Your question", "Our response")):
        cell.text = ""
        _runs(cell.paragraphs[0], h, bold=True)
    for num, q, a in ROWS:
        cells = table.add_row().cells
        for cell, s in zip(cells, (num, q, a)):
            t, _ = render(s, anchors=anchors)
            _runs(cell.paragraphs[0], t)
    for kind, s in TAIL:
        para(kind, s)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue(), anchors
