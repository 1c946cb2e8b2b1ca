"""Regenerate the binary / MIME letters of sealed set A.

    /work/main/.venv/bin/python make_letters.py

Writes, into the folder above this one:
    amberhythe-2018.docx      (Word tables)
    bexholme-2018.eml         (multipart/alternative, quoted original below)
    carrowdale-2018.pdf       (ruled tables drawn with fpdf2)
    gillingmere-2024.pdf      (plain letter, fpdf2)
    elstow-marsh-2024.docx    (the `also` form of elstow-marsh-2024.txt)
The .txt, .md and .html letters are written by hand (the .docx also-form of
elstow-marsh-2024 is built from its .txt). All content is fictional.
"""
from __future__ import annotations

import html
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Cm
from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parents[2] / "letters"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


# ---------------------------------------------------------------- helpers
def docx_table(doc, header, rows, widths=None, style="Table Grid"):
    t = doc.add_table(rows=1, cols=len(header))
    t.style = style
    for i, h in enumerate(header):
        cell = t.rows[0].cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(h)
        run.bold = True
    for r in rows:
        cells = t.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
    if widths:
        for row in t.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = Cm(w)
    return t


class LetterPDF(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(True, margin=20)
        self.set_margins(18, 16, 18)

    def footer(self):
        self.set_y(-14)
        self.set_font("DejaVu", "", 7.5)
        self.cell(0, 5, f"{self.footer_text}    Page {self.page_no()} of {{nb}}", align="C")

    def para(self, text, size=10, bold=False, gap=2.5, align="L"):
        self.set_font("DejaVu", "B" if bold else "", size)
        self.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", align=align)
        self.ln(gap)


# ---------------------------------------------------------------- A: Amberhythe (docx)
def amberhythe():
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(10)

    p = doc.add_paragraph()
    r = p.add_run("AMBERHYTHE BOROUGH COUNCIL")
    r.bold = True
    r.font.size = Pt(16)
    doc.add_paragraph("Information Governance Unit\n"
                      "Civic Offices, 14-18 Quayside Row, Amberhythe AH3 7QD\n"
                      "Tel: 01862 404319   Fax: 01862 404320   foi@amberhythe.gov.uk")
    doc.add_paragraph("Our ref: IG/FOI/18-0637\n"
                      "Your ref: none given\n"
                      "Date: 21 June 2018\n"
                      "Please ask for: Harriet Oyelaran-Brooke, ext. 2291")
    doc.add_paragraph("Ms C. Delacourt\nBy email only")
    doc.add_paragraph("Dear Ms Delacourt")
    p = doc.add_paragraph()
    p.add_run("Freedom of Information Act 2000: Return Home Interviews (request received 24 May 2018)").bold = True
    doc.add_paragraph(
        "Thank you for your request for information about return home interviews (RHIs). I am "
        "pleased to confirm that Amberhythe Borough Council holds most of the information you asked "
        "for, and our answers are set out in the tables below, in the order and with the numbering "
        "of your request.")
    doc.add_paragraph(
        "Where you asked for figures for 1 April 2017 to 31 March 2018 we have also shown 2016/17. "
        "This is how our annual Missing Children report to the Corporate Parenting Board is laid out, "
        "and we thought the comparison might be useful. The 2016/17 column is for information only.")

    p = doc.add_paragraph()
    p.add_run("Table 1: Who delivers return home interviews").bold = True
    docx_table(doc, ["Q", "Your question", "Our response"], [
        ["1", "Who currently delivers return home interviews to children missing from home or care "
              "in Amberhythe: a third sector agency, or a team within the council?",
         "Third sector agency: Yes. Harbourlight Young People's Trust, a local charity, has delivered "
         "all RHIs in the borough since 1 October 2017. Team within the council: No."],
        ["2", "Who delivered return home interviews in 2016/17?",
         "Third sector agency: No. Team within the council: Yes. The Adolescent Support Team in "
         "Children's Services, using its family support workers."],
        ["3", "Who delivered return home interviews in 2013/14?",
         "The child's allocated social worker. For children not open to social care, the Early Help "
         "duty worker carried out the interview."],
    ], widths=[1.0, 6.5, 8.5])

    doc.add_paragraph()
    p = doc.add_paragraph()
    p.add_run("Table 2: Missing incidents and return home interviews").bold = True
    docx_table(doc, ["Q", "Measure", "2016/17", "2017/18"], [
        ["4a", "Number of missing incidents reported", "978", "1,146"],
        ["4b", "Individual children the incidents relate to", "341", "389"],
        ["5a", "Incidents in which an RHI was offered to the child or parent/carer", "902", "1,071"],
        ["5b", "Offers of an RHI accepted by the child", "598", "702"],
        ["5c", "Incidents in which the offer was declined", "304", "369"],
        ["6a", "Incidents in which an RHI was carried out", "571", "688"],
        ["6b", "Incidents with an RHI within 72 hours of the child's return", "402", "531"],
    ], widths=[1.0, 9.0, 3.0, 3.0])
    doc.add_paragraph(
        "Source: Mosaic case management system, report MIS-RHI-07, run 11 June 2018. Incidents are "
        "counted once for each time a child was reported missing, so one child can account for "
        "several incidents.")

    doc.add_paragraph()
    p = doc.add_paragraph()
    p.add_run("Table 3: Measuring 72 hours, follow-up and use of information").bold = True
    docx_table(doc, ["Q", "Your question", "Our response"], [
        ["6c(i)", "Is the 72 hours counted from the child's return or from the police referral?",
         "From the child's return. The start time is the time the police or the carer record the "
         "child as back."],
        ["6c(ii)", "Is it measured in hours or days, and if days, calendar or working days?",
         "In hours. We count 72 clock hours, including weekends and bank holidays."],
        ["6c(iii)", "Is any adjustment made if the child goes missing again before the RHI?",
         "Yes. If a new episode starts before the interview, the earlier episode is closed as "
         "'superseded' and the 72 hours is counted again from the latest return."],
        ["7a", "Do you provide or commission follow-up support after an RHI?",
         "Yes. Harbourlight offers up to six weeks of one-to-one follow-up work and can refer on to "
         "the council's Targeted Youth Service."],
        ["7b", "What happens to the information gathered in an RHI?",
         "A summary of each interview is added to the child's record within 2 working days and shared "
         "with the police missing persons coordinator. Themes and locations are collated each month "
         "for the Missing and Exploited Children panel."],
        ["7c", "What steps follow when an RHI identifies a vulnerability?",
         "The worker contacts the Children's Front Door the same day. Where exploitation is "
         "suspected an exploitation screening tool is completed and a strategy discussion may be "
         "held."],
        ["8", "Is there anything else you would like to tell us about your RHI service?",
         "Moving to an independent charity in October 2017 has increased the share of children who "
         "accept an interview. The main barrier remains late notification from the police at "
         "weekends."],
    ], widths=[1.6, 6.0, 8.4])

    doc.add_paragraph()
    p = doc.add_paragraph()
    p.add_run("Table 4: Looked after children placed out of area (your questions 9 to 14)").bold = True
    docx_table(doc, ["Q", "Your question", "Our response"], [
        ["9", "How are RHIs delivered to your looked after children placed outside the borough? "
              "(options a to i)",
         "h) A combination. Within 20 miles of Amberhythe, Harbourlight travels to the child "
         "(option a); further away, we spot purchase an interview from the host authority's own "
         "service (option e)."],
        ["10a", "How many of your looked after children were placed out of area during 2017/18?",
         "147 during the year (96 on 31 March 2018)"],
        ["10b", "How many of them went missing?", "38 children, in 211 missing incidents"],
        ["10c", "How many were offered an RHI?", "196 incidents"],
        ["10d", "How many received an RHI?", "122 incidents"],
        ["11", "Do you offer RHIs to looked after children placed in Amberhythe by other councils?",
         "Yes"],
        ["12", "If yes or case by case, which agency delivers them?",
         "Harbourlight Young People's Trust, as for local children."],
        ["13a", "How many looked after children did other councils place in Amberhythe during "
                "2017/18?",
         "Not held. Placing authorities do not always tell us when they place a child here, so we "
         "cannot give a reliable count."],
        ["13b", "How many of those children went missing, and how many received an RHI?",
         "29 children went missing. The number of incidents is not held separately. 63 RHIs were "
         "received."],
        ["14", "Any other comments about RHIs for children placed out of area?",
         "Spot purchased interviews often take longer to arrange, and we rely on the host "
         "authority to send us the record."],
    ], widths=[1.2, 6.3, 8.5])

    doc.add_paragraph()
    doc.add_paragraph(
        "You are free to use this information for your own purposes, including non-commercial "
        "research. Re-use for any other purpose requires the permission of Amberhythe Borough Council "
        "as copyright holder.")
    doc.add_paragraph(
        "If you are unhappy with this response you may ask for an internal review by writing to the "
        "Information Governance Unit at the address above within 40 working days. If you remain "
        "unhappy you have the right to complain to the Information Commissioner's Office.")
    doc.add_paragraph("Yours sincerely")
    doc.add_paragraph("Harriet Oyelaran-Brooke\nInformation Governance Officer\nAmberhythe Borough Council")

    sec = doc.sections[0]
    sec.footer.paragraphs[0].text = ("Amberhythe Borough Council, Civic Offices, 14-18 Quayside Row, "
                                     "Amberhythe AH3 7QD  |  www.amberhythe.gov.uk")
    doc.save(OUT / "amberhythe-2018.docx")


# ---------------------------------------------------------------- B: Bexholme (eml)
BEX_REPLY = """Dear Dr Achterberg

Our ref: BDC-FOI-2018-00941
Your request dated: 31 May 2018

Please see our response below, numbered as in your request. Figures cover 1 April 2017 to
31 March 2018 and come from the Missing Children Practitioners' tracker and the children's
case management system.

1. Council team: the Missing Children Practitioners (2 posts) within Targeted Youth Support.
2. Same as 1.
3. Youth workers from the Bexholme Youth Service, which has since been restructured.
4a. 623 episodes of a child being reported missing.
4b. 214 individual children.
5a. 623 - an RHI is offered after every episode notified to us.
5b and 5c. Whether an offer was accepted or declined is written in the free-text notes of
each RHI record and is not a reportable field. To answer these two parts an officer would
need to open and read all 623 episode records. A sample of 20 records took 80 minutes, which
is 4 minutes per record, so the full exercise would take about 623 x 4 = 2,492 minutes, or
41.5 hours. This is more than the 18 hours (GBP 450 at GBP 25 an hour) allowed under section
12 of the Freedom of Information Act, so this part of the request is refused. If you were to
limit 5b and 5c to a single quarter we would look again at whether it can be done.
6a. 401 completed RHIs.
6b. 287 of the 401 within 72 hours.
6c(i). From the time the police missing notification reaches us, not from the time of
return. Notifications arrive on the daily police list at about 08:30.
6c(ii). Calendar days. An RHI counts as within 72 hours if it is completed by the end of the
third calendar day after the notification.
6c(iii). No adjustment. Each episode is measured on its own.
7a. Yes. The practitioners can keep working with a young person for up to 12 weeks, and the
first follow-up contact is made within 5 working days of the RHI.
7b. The RHI form is saved to the child's record and a copy goes to the police Missing Person
Coordinator. Information about places and adults of concern is shared at the monthly
exploitation meeting.
7c. The practitioner speaks to the duty social worker on the same day and, where the threshold
is met, a referral is made to the Bexholme MASH.
8. No further comments.

Kind regards

Dominic Ferrante
Information Governance Officer
Bexholme District Council | Civic Centre, 40 Mill Road, Bexholme BX7 2HN | 01473 552208

You may re-use this information for non-commercial research. If you are unhappy with this
response you may ask for an internal review within 40 working days, and you may then complain
to the Information Commissioner's Office.
"""

BEX_ORIGINAL = """-----Original Message-----
From: Maren Achterberg <m.achterberg@example.org>
Sent: 31 May 2018 10:17
To: FOI <foi@bexholme.gov.uk>
Subject: Freedom of Information request - Return Home Interviews

Dear Bexholme District Council,

Under the Freedom of Information Act 2000, please could you send me the following information
about return home interviews (RHIs) for children who go missing from home or care.

1. Who currently delivers RHIs in your area? (a) A third sector agency? Yes/No; if yes, which
agency? (b) A team within the local authority? Yes/No; if yes, which team and/or the role of
the professional?
2. Who delivered RHIs in your area in 2016/17? (same options as question 1)
3. Who delivered RHIs in your area in 2013/14? (same options as question 1)

For the period 1 April 2017 to 31 March 2018:
4a. How many incidents of a child going missing from home or from care were reported to your
local authority?
4b. How many individual children do these incidents relate to?
5a. In how many of these incidents was an RHI offered to the child or to a parent/carer?
5b. How many times was the offer accepted by the child?
5c. In how many incidents was the offer declined?
6a. In how many incidents was an RHI carried out?
6b. In how many incidents was the RHI carried out within 72 hours of the child's return?
6c. Please explain how you measure the 72 hours, including:
(i) whether the time runs from the child's return or from the police referral;
(ii) whether it is measured in hours, calendar days or working days;
(iii) whether any adjustment is made if the child goes missing again before the RHI.
7a. Do you provide, or commission, follow-up support for children after an RHI?
7b. What happens to the information collected in RHIs?
7c. If a vulnerability is identified during an RHI, what steps are taken?
8. Is there anything else you can tell us about your RHI service, for example changes in
guidance, barriers to delivery or what works well?

Many thanks,
Maren Achterberg
Research Fellow, Centre for Child Welfare Studies
"""


def bexholme():
    msg = EmailMessage()
    msg["From"] = '"Bexholme District Council - FOI" <foi@bexholme.gov.uk>'
    msg["To"] = "Maren Achterberg <m.achterberg@example.org>"
    msg["Date"] = format_datetime(datetime(2018, 6, 28, 16, 42, 7, tzinfo=timezone(timedelta(hours=1))))
    msg["Subject"] = "RE: Freedom of Information request - Return Home Interviews [BDC-FOI-2018-00941]"
    msg["Message-ID"] = "<20180628154207.4471.foi@bexholme.gov.uk>"
    msg["In-Reply-To"] = "<CA+8xq20180531101702@example.org>"
    plain = BEX_REPLY + "\n" + BEX_ORIGINAL
    msg.set_content(plain, charset="utf-8", cte="8bit")
    reply_html = "".join(
        f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>\n"
        for block in BEX_REPLY.split("\n\n"))
    orig_html = "<br>\n".join(html.escape(line) for line in BEX_ORIGINAL.splitlines())
    body_html = ("<html><body style=\"font-family:Calibri,sans-serif;font-size:11pt\">\n"
                 + reply_html
                 + "<hr>\n<blockquote style=\"border-left:2px solid #999;padding-left:8px\">\n"
                 + orig_html + "\n</blockquote>\n</body></html>\n")
    msg.add_alternative(body_html, subtype="html", charset="utf-8", cte="8bit")
    (OUT / "bexholme-2018.eml").write_bytes(bytes(msg))


# ---------------------------------------------------------------- C: Carrowdale (pdf, ruled tables)
def carrowdale():
    pdf = LetterPDF("Carrowdale County Council | County Hall, 1 Bridgegate, Carrowdale CW9 3LT | "
                    "Ref FOI-CCC-2018-3352")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.cell(0, 8, "CARROWDALE COUNTY COUNCIL", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 4.5,
                   "Children, Families and Learning - Information Access Team\n"
                   "County Hall, 1 Bridgegate, Carrowdale CW9 3LT\n"
                   "Telephone 01743 761000 (ext. 53118)  |  information.access@carrowdale.gov.uk",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 5,
                   "Mr O. Haverford\nBy email\n\n"
                   "Our reference: FOI-CCC-2018-3352\n"
                   "Date received: 19 June 2018\n"
                   "Date: 17 July 2018",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.para("Dear Mr Haverford")
    pdf.para("Request for information: return home interviews and looked after children placed "
             "out of county", bold=True)
    pdf.para("Thank you for your request under the Freedom of Information Act 2000, which we "
             "received on 19 June 2018. Our response is set out in the tables below. Section A "
             "follows the numbering of the main part of your request; Section B covers your "
             "out-of-area questions 1 to 6. Figures relate to 1 April 2017 to 31 March 2018 and "
             "are broken down by quarter, as they are in our quarterly performance report; the "
             "answer to each question is in the Total 2017/18 column.")

    head = FontFace(emphasis="BOLD", fill_color=(225, 230, 235))

    def qr_table(rows, widths=(16, 62, 96)):
        pdf.set_font("DejaVu", "", 8.5)
        with pdf.table(col_widths=widths, line_height=4.6, headings_style=head,
                       text_align="LEFT", first_row_as_headings=True) as t:
            for r in rows:
                row = t.row()
                for v in r:
                    row.cell(v)
        pdf.ln(4)

    pdf.para("Section A: Return home interviews", bold=True, size=11)
    qr_table([
        ("No.", "Question", "Response"),
        ("1", "Who currently delivers RHIs: a third sector agency, or a team within the council?",
         "Third sector agency: No. Team within the council: Yes - the Carrowdale Missing and "
         "Exploitation Service (CMES), a dedicated team of six return interview workers in "
         "Children's Services."),
        ("2", "Who delivered RHIs in 2016/17?",
         "Third sector agency: Yes - Northway Children's Charity, until its contract ended on "
         "31 March 2017. Team within the council: No."),
        ("3", "Who delivered RHIs in 2013/14?",
         "Not known. Records of who delivered RHIs in 2013/14 were not kept after the move to "
         "the current case system in 2015."),
    ])

    pdf.set_font("DejaVu", "", 8.5)
    with pdf.table(col_widths=(10, 60, 19, 19, 19, 19, 24), line_height=4.6,
                   headings_style=head, text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT",
                                                    "RIGHT", "RIGHT")) as t:
        for r in [
            ("No.", "Measure", "Q1 Apr-Jun", "Q2 Jul-Sep", "Q3 Oct-Dec", "Q4 Jan-Mar",
             "Total 2017/18"),
            ("4a", "Number of missing incidents reported", "412", "455", "371", "398", "1,636"),
            ("4b", "Number of individual children (see note)", "231", "246", "208", "222", "587"),
            ("5a", "Incidents where an RHI was offered", "398", "441", "360", "384", "1,583"),
            ("5b", "Offers of an RHI accepted by the child", "262", "290", "244", "251", "1,047"),
            ("5c", "Offers of an RHI declined", "136", "151", "116", "133", "536"),
            ("6a", "Incidents where an RHI was carried out", "255", "281", "236", "240",
             "1,012"),
            ("6b", "RHIs carried out within 72 hours", "189", "207", "171", "178", "745"),
        ]:
            row = t.row()
            for v in r:
                row.cell(v)
    pdf.ln(2)
    pdf.para("Note: a child who went missing in more than one quarter is counted in each of those "
             "quarters but only once in the year total, so the quarterly figures for individual "
             "children do not add up to the total.", size=8)

    qr_table([
        ("No.", "Question", "Response"),
        ("6c(i)", "Is the 72 hours counted from the return or from the police referral?",
         "From the child's return. If the time of return is not known we use the time the police "
         "record the child as found."),
        ("6c(ii)", "Hours or days; calendar or working days?",
         "Working days. For performance reporting 72 hours is treated as three working days, so a "
         "child who returns on a Friday evening is counted as seen in time if the interview is "
         "completed by the end of the following Wednesday."),
        ("6c(iii)", "Any adjustment if the child goes missing again before the RHI?",
         "Yes. The clock restarts from the latest return, and the earlier episode is reported as "
         "not completed because of a further episode."),
        ("7a", "Do you provide or commission follow-up support after an RHI?",
         "Yes. CMES workers offer follow-up sessions and can refer young people to the Youth "
         "Support Service and to specialist substance misuse services."),
        ("7b", "What happens to the information gathered in an RHI?",
         "The interview record is held on the child's file. Push and pull factors, places and "
         "associates are passed to the police Missing from Home Coordinator within 24 hours and "
         "summarised in a quarterly report to the Carrowdale Safeguarding Children Partnership."),
        ("7c", "What steps follow when a vulnerability is identified?",
         "The worker discusses the concern with the duty manager on the same day. A referral to "
         "the MASH is made where thresholds are met, and children at risk of exploitation are "
         "referred to the monthly MACE meeting."),
        ("8", "Anything else you would like to tell us about your service?",
         "Carrowdale is largely rural and some interviews involve a round trip of 90 minutes or "
         "more. Bringing the service in house in April 2017 has made it easier to share "
         "information with social workers, but demand has grown faster than staffing."),
    ])

    pdf.para("Section B: Looked after children placed out of area", bold=True, size=11)
    qr_table([
        ("No.", "Question", "Response"),
        ("1", "How are RHIs delivered to Carrowdale looked after children placed outside the "
              "county? (tick one of a to i)",
         "(c) By children's services; this may be the child's own social worker."),
        ("2a", "How many of your looked after children were placed out of area in 2017/18?", "214"),
        ("2b", "How many of them went missing?", "61 children; 348 incidents"),
        ("2c", "Of those, how many were offered an RHI?", "302"),
        ("2d", "How many received an RHI?", "177"),
        ("3", "Do you offer RHIs to looked after children placed in Carrowdale by other "
              "authorities? (yes / no / case by case)", "Case by case."),
        ("4", "If yes or case by case, which agency delivers them?",
         "CMES, where the placing authority asks us to and agrees to meet the cost."),
        ("5a", "How many looked after children did other authorities place in Carrowdale in "
               "2017/18?",
         "Not held. We are not told of every placement made into the county, so no reliable "
         "figure exists."),
        ("5b", "How many of those went missing, and how many received an RHI?",
         "44 children went missing, in 173 incidents. Fewer than 5 received an RHI from CMES; the "
         "exact number is withheld under section 40(2) because it could identify the children."),
        ("6", "Anything else about RHIs for children placed out of area?",
         "Distance is the main difficulty. Where a child is placed more than 50 miles away we ask "
         "the host authority whether its own service can help, but this is not always possible."),
    ])

    pdf.para("The information supplied is for your own use. If you wish to re-use it for any other "
             "purpose please contact us, as it is subject to the copyright of Carrowdale County "
             "Council. If you are dissatisfied with this response you can ask for an internal "
             "review within 40 working days of the date of this letter. You also have the right to "
             "complain to the Information Commissioner's Office.", size=9, align="J")
    pdf.para("Yours sincerely")
    pdf.para("Bronwen Teague-Mallory\nInformation Access Officer\nCarrowdale County Council")
    pdf.output(str(OUT / "carrowdale-2018.pdf"))


# ---------------------------------------------------------------- G: Gillingmere (pdf, plain)
GILL_QA = [
    ("How many individual children were reported as missing to the council between 1 April "
     "2023 and 31 March 2024?",
     "2021/22: 266 children; 2022/23: 291 children; 2023/24: 318 children."),
    ("How many missing incidents were reported for children in the same period?",
     "2021/22: 812 incidents; 2022/23: 879 incidents; 2023/24: 1,004 incidents. Much of the rise "
     "in 2023/24 is due to a small number of young people with very frequent episodes."),
    ("How many children were looked after by the council at any point in the period?",
     "389 children were looked after at some point during 2023/24. We have not given earlier "
     "years for this question because the count was defined differently before April 2023."),
    ("How many individual looked after children went missing?",
     "71 looked after children in 2023/24 (64 in 2022/23)."),
    ("How many missing incidents were there involving looked after children?",
     "402 incidents in 2023/24, compared with 377 in 2022/23."),
    ("How many return interviews were offered to children after a missing incident?",
     "951 interviews were offered in 2023/24 (2022/23: 840)."),
    ("How many return interviews were completed after a missing incident?",
     "676 interviews were completed in 2023/24 (2022/23: 598). The young person declined "
     "219 offers in 2023/24."),
    ("How many of those return interviews were completed within 72 hours of the child's return?",
     "489 in 2023/24, which is 72.3% of the interviews completed (2022/23: 402)."),
    ("Who provides return interviews to children after a missing incident in your area? Please "
     "tick all that apply and give any detail: social workers (this could be the child's social "
     "worker); a dedicated team or individual within the local authority; a youth worker; an "
     "independent service commissioned by the local authority; other.",
     "An independent service commissioned by the local authority: Brightwater Family Services Ltd "
     "has held the contract since April 2022 and carries out most interviews. Social workers: for "
     "children on a child protection plan the allocated social worker completes the interview, as "
     "set out in our missing children protocol. We do not use youth workers or an in-house team "
     "for this work."),
    ("Do you provide or commission follow-up support for children after a return interview?",
     "No. There is no separate follow-up service; any further work is arranged through the "
     "child's existing plan or by a referral to Early Help."),
    ("Is there anything else you would like to tell us about return interviews in your area, "
     "for example changes to the guidance, barriers, or what works well?",
     "Brightwater's workers are available until 20:00 on weekdays and from 10:00 to 16:00 at "
     "weekends, which has helped with older teenagers. The main barrier is late notification: "
     "about one referral in ten reaches us more than 48 hours after the child has come home. We "
     "would like the guidance to say more about sharing interview findings with schools."),
]


def gillingmere():
    pdf = LetterPDF("Gillingmere Council - The Guildhall, 7 Abbey Walk, Gillingmere GM2 5PX - "
                    "www.gillingmere.gov.uk")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(0, 9, "Gillingmere Council", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(0, 4.5,
                   "Legal and Democratic Services - Information Governance\n"
                   "The Guildhall, 7 Abbey Walk, Gillingmere GM2 5PX\n"
                   "Tel: 01590 226700   Email: foi@gillingmere.gov.uk",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5,
                   "Reference: GC-FOI-24-00873\n"
                   "Date: 3 December 2024\n"
                   "Contact: Information Governance Team",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.para("Dear Sir or Madam")
    pdf.para("Freedom of Information request: missing children and return interviews", bold=True)
    pdf.para("Thank you for your request for information received on 8 November 2024, which we "
             "have dealt with under the Freedom of Information Act 2000. You asked about the period "
             "1 April 2023 to 31 March 2024. Our annual report on children missing from home and "
             "care compares three years, so for some questions the two earlier years are shown as "
             "well; the figure for 2023/24 is the one that answers your question.")
    pdf.para("Your questions are repeated in bold below, followed by our response.")
    for q, a in GILL_QA:
        pdf.para(q, bold=True, gap=1)
        pdf.para(a, gap=4)
    pdf.para("Figures are taken from the council's children's social care system and Brightwater's "
             "monthly returns, and were checked on 27 November 2024.", size=9)
    pdf.para("You may re-use this information under the terms of the Open Government Licence. If "
             "you are not satisfied with this response you can request an internal review within "
             "40 working days of the date of this letter by writing to the Information Governance "
             "Team. If you remain dissatisfied you may apply to the Information Commissioner.",
             size=9, align="J")
    pdf.para("Yours faithfully")
    pdf.para("Information Governance Team\nGillingmere Council")
    pdf.output(str(OUT / "gillingmere-2024.pdf"))


# ---------------------------------------------------------------- E: Elstow Marsh also-form (docx)
def elstow_docx():
    text = (OUT / "elstow-marsh-2024.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    # head block: letterhead up to the salutation, kept as short lines
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10.5)
    # re-flow: blank-line separated blocks become paragraphs; hard wraps inside prose are joined
    blocks, cur = [], []
    for ln in lines:
        if ln.strip() == "":
            if cur:
                blocks.append(cur)
                cur = []
        else:
            cur.append(ln)
    if cur:
        blocks.append(cur)
    for i, b in enumerate(blocks):
        if i == 0:
            p = doc.add_paragraph()
            r = p.add_run("Elstow Marsh Council")
            r.bold = True
            r.font.size = Pt(15)
            for ln in b[1:]:
                doc.add_paragraph(ln)
            continue
        if b[0].startswith("Our reference:"):
            for ln in b:
                k, _, v = ln.partition(":")
                doc.add_paragraph(f"{k}: {v.strip()}")
            continue
        if b[0].startswith("FREEDOM OF INFORMATION"):
            p = doc.add_paragraph()
            p.add_run("Freedom of Information Act 2000 - Request EMC/IR/2024/1186").bold = True
            p = doc.add_paragraph()
            p.add_run(b[1]).bold = True
            continue
        if b[0].lstrip().startswith("9."):
            doc.add_paragraph(b[0])
            for ln in b[1:]:
                doc.add_paragraph(ln.strip().lstrip("- ").strip(), style="List Bullet")
            continue
        if b[0] in ("Piet Lindqvist",) or b[0].startswith("Yours sincerely"):
            for ln in b:
                doc.add_paragraph(ln)
            continue
        doc.add_paragraph(" ".join(ln.strip() for ln in b))
    doc.save(OUT / "elstow-marsh-2024.docx")


if __name__ == "__main__":
    amberhythe()
    bexholme()
    carrowdale()
    gillingmere()
    elstow_docx()
    print("written to", OUT)
