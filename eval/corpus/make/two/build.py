"""Build the binary (and generated) letters of this set from the content written in this file.

    /work/main/.venv/bin/python build.py

Writes, in the parent folder:
  oxendale-2018.docx (+ also oxendale-2018.pdf)      Word tables / ruled PDF tables
  quenbury-2018.pdf                                   ruled PDF tables, quarterly table
  wendlecombe-2024.pdf                                ruled PDF tables, quarterly table
  ashgrove-fen-2024.docx                              Word tables, three years side by side
  bramblecote-2024.pdf                                running text, inline answers
  cinderford-vale-2024.txt (+ also .docx)             space-aligned table / Word table
  zennor-heath-2024.pdf (also of the hand-written zennor-heath-2024.txt)
Needs python-docx and fpdf2; uses the DejaVu fonts in /usr/share/fonts/truetype/dejavu.
"""
import textwrap
from pathlib import Path

import docx
from docx.shared import Cm, Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "letters"
FONTDIR = Path("/usr/share/fonts/truetype/dejavu")


# ----------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------
class Pdf(FPDF):
    def __init__(self, footer_text=""):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.add_font("DejaVu", "", str(FONTDIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONTDIR / "DejaVuSans-Bold.ttf"))
        self.add_font("DejaVuMono", "", str(FONTDIR / "DejaVuSansMono.ttf"))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, 18)

    def footer(self):
        if self.footer_text:
            self.set_y(-12)
            self.set_font("DejaVu", "", 7)
            self.cell(0, 5, f"{self.footer_text}   Page {self.page_no()}", align="C")

    def para(self, text, size=10, style="", gap=2, h=5):
        self.set_font("DejaVu", style, size)
        self.multi_cell(0, h, text, align="L")
        self.ln(gap)

    def ruled_table(self, rows, widths, size=9, header=True, line_height=None):
        self.set_font("DejaVu", "", size)
        with self.table(col_widths=widths, text_align="LEFT", borders_layout="ALL",
                        line_height=line_height or size * 0.5,
                        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 225, 225)),
                        first_row_as_headings=header) as t:
            for r in rows:
                row = t.row()
                for c in r:
                    row.cell(c)
        self.ln(3)


def word_table(d, rows, widths_cm=None, header=True):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid"
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            cell = t.cell(i, j)
            cell.text = c
            if header and i == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            if widths_cm:
                cell.width = Cm(widths_cm[j])
    d.add_paragraph("")
    return t


def word_doc():
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(10)
    return d


# ----------------------------------------------------------------------------------------
# Oxendale Borough Council, rhi-2018 with out-of-area section numbered 9-14
# ----------------------------------------------------------------------------------------
OX_HEAD = [
    "Oxendale Borough Council",
    "Children's Services | Information Requests Unit",
    "4th Floor, Civic Centre, 27-31 Mill Lane, Oxendale OD4 7QX",
    "Tel: 01632 960 482   Fax: 01632 960 499   DX 70341 Oxendale",
    "Our ref: OBC/FOI/18/0733     Your ref: RHI-2018/114     Date: 22 May 2018",
]
OX_INTRO = [
    "Dear Mr Lindqvist",
    "Re: Freedom of Information Act 2000 - Return Home Interviews",
    "Thank you for your request, which we received on 24 April 2018. We have answered each "
    "question in the tables below. Our own performance reports show the previous year beside the "
    "current one, so Table 2 gives 2016/17 as well as 2017/18; the year you asked about is 2017/18 "
    "(1 April 2017 to 31 March 2018).",
]
OX_T1 = [
    ("Question", "Response"),
    ("1. Who delivers RHIs now", "Third sector agency: Harbourlight Young People's Trust, a registered charity, "
     "commissioned from 1 October 2017 to interview all children who return from a missing episode."),
    ("2. Who delivered RHIs in 2016/17", "Council team: the Oxendale Missing Children Team (three Missing Children "
     "Practitioners based in Early Help)."),
    ("3. Who delivered RHIs in 2013/14", "The child's allocated social worker, or the duty social worker where no "
     "worker was allocated."),
]
OX_T2 = [
    ("Question", "2016/17", "2017/18"),
    ("4a. Missing incidents reported", "1,046", "1,187"),
    ("4b. Individual children", "371", "402"),
    ("5a. Incidents where an RHI was offered", "988", "1,129"),
    ("5b. Offers accepted by the child", "611", "702"),
    ("5c. Offers declined", "377", "427"),
    ("6a. Incidents where an RHI was carried out", "598", "688"),
    ("6b. RHI within 72 hours of return", "402", "471"),
]
OX_T3 = [
    ("Question", "Response"),
    ("6c(i) Start point", "From the child's return: the date and time the police record the child as found "
     "or back at home or placement."),
    ("6c(ii) Units", "Clock hours (72 hours), including weekends and bank holidays."),
    ("6c(iii) Adjustments", "If the child goes missing again before being seen, the clock restarts from the "
     "later return and one interview covers both episodes."),
    ("7a. Follow-up support", "Yes. Harbourlight can provide up to 6 weeks of one-to-one key work after an interview."),
    ("7b. Use of information", "Interview summaries are saved to the child's case record within 48 hours and "
     "shared with the police missing persons coordinator. Themes are reported to the Exploitation "
     "Sub-Group every quarter."),
    ("7c. Action on vulnerabilities", "Referral to the Integrated Front Door on the same working day; where "
     "exploitation is suspected, a strategy discussion within 2 working days."),
    ("8. Further comments", "The change of provider in October 2017 caused a short dip in timeliness. "
     "Police notifications sent overnight are picked up at 08:30 each weekday."),
]
OX_T4 = [
    ("Question", "Response"),
    ("9. Delivery for our children placed out of area", "(h) A combination: Harbourlight travels to "
     "placements within 20 miles; further away the child's social worker carries out the interview."),
    ("10a. Children in our care placed out of area", "2017/18: 164 (2016/17: 151). Of these, 97 were "
     "still placed out of area on 31 March 2018."),
    ("10b. Of those, how many went missing", "29 children; 133 incidents"),
    ("10c. Offered an RHI", "121 offered"),
    ("10d. Received an RHI", "74 received"),
    ("11. RHIs for children placed here by other councils", "Yes"),
    ("12. Who delivers them", "Harbourlight Young People's Trust"),
    ("13a. Children placed here by other councils", "We can only give a snapshot: 58 children were living in "
     "Oxendale under placements made by other councils on 31 March 2018. We cannot give a figure for "
     "the whole year, as notifications are not logged in a way that allows this."),
    ("13b. Of those, missing / received an RHI", "17 children; 84 incidents; 61 RHIs completed"),
    ("14. Further comments", "We often receive no notification at all when another council places a child here."),
]
OX_CLOSE = [
    "If you are unhappy with the way your request has been handled you may ask for an internal review "
    "within 40 working days of the date of this letter. If you are still dissatisfied you may complain "
    "to the Information Commissioner. The information supplied may be re-used for non-commercial "
    "research; please contact us about any other use.",
    "Yours sincerely",
    "Joanne Kettleborough",
    "Information Requests Officer, Oxendale Borough Council",
]


def oxendale():
    d = word_doc()
    p = d.add_paragraph()
    r = p.add_run(OX_HEAD[0])
    r.bold = True
    r.font.size = Pt(14)
    for line in OX_HEAD[1:]:
        d.add_paragraph(line)
    for line in OX_INTRO:
        d.add_paragraph(line)
    d.add_paragraph("Table 1 - Who delivers return home interviews")
    word_table(d, OX_T1, (6, 11))
    d.add_paragraph("Table 2 - Missing incidents and return home interviews")
    word_table(d, OX_T2, (9, 4, 4))
    d.add_paragraph("Table 3 - The 72 hours, follow-up and your other questions")
    word_table(d, OX_T3, (6, 11))
    d.add_paragraph("Table 4 - Out-of-area placements (Questions 9 to 14)")
    word_table(d, OX_T4, (6, 11))
    for line in OX_CLOSE:
        d.add_paragraph(line)
    d.save(OUT / "oxendale-2018.docx")

    pdf = Pdf("Oxendale Borough Council - OBC/FOI/18/0733")
    pdf.add_page()
    pdf.para(OX_HEAD[0], size=14, style="B", gap=0, h=7)
    for line in OX_HEAD[1:]:
        pdf.para(line, size=9, gap=0)
    pdf.ln(4)
    for line in OX_INTRO:
        pdf.para(line)
    pdf.para("Table 1 - Who delivers return home interviews", style="B")
    pdf.ruled_table(OX_T1, (55, 119))
    pdf.para("Table 2 - Missing incidents and return home interviews", style="B")
    pdf.ruled_table(OX_T2, (94, 40, 40))
    pdf.para("Table 3 - The 72 hours, follow-up and your other questions", style="B")
    pdf.ruled_table(OX_T3, (55, 119))
    pdf.para("Table 4 - Out-of-area placements (Questions 9 to 14)", style="B")
    pdf.ruled_table(OX_T4, (55, 119))
    for line in OX_CLOSE:
        pdf.para(line)
    pdf.output(str(OUT / "oxendale-2018.pdf"))


# ----------------------------------------------------------------------------------------
# Quenbury County Council, rhi-2018 (no out-of-area section), quarterly ruled table
# ----------------------------------------------------------------------------------------
def quenbury():
    pdf = Pdf("QCC-2018-FOI-03352")
    pdf.add_page()
    pdf.para("QUENBURY COUNTY COUNCIL", size=15, style="B", gap=0, h=7)
    for line in ["Children, Families and Learning",
                 "County Hall, Shire Way, Quenbury QY1 2CC",
                 "General enquiries 01632 968 000  |  FOI team 01632 968 125",
                 "FOI reference: QCC-2018-FOI-03352",
                 "Date of response: 7 June 2018"]:
        pdf.para(line, size=9, gap=0)
    pdf.ln(5)
    pdf.para("Dear Ms Abernethy-Cole")
    pdf.para("Freedom of Information request: return home interviews, 2017/18", style="B")
    pdf.para("Thank you for your request received on 10 May 2018. The council holds the information you "
             "asked for and it is set out in the three tables below. Figures are for 1 April 2017 to "
             "31 March 2018 and were taken from the Missing and Return Service database on 4 June 2018.")
    pdf.para("Table A: Questions 1 to 3", style="B")
    pdf.ruled_table([
        ("Q", "Response"),
        ("1", "Local authority team: the Quenbury Missing and Return Service, part of the Youth Support "
              "Service. Interviews are carried out by Youth Support Workers."),
        ("2", "The same service as in our answer to question 1."),
        ("3", "The child's allocated social worker, or a duty social worker where no worker was allocated."),
    ], (14, 160))
    pdf.para("Questions 4a to 6b are answered jointly in Table B, by quarter. The answer for the year is "
             "the total row.", gap=2)
    pdf.para("Table B: Questions 4a to 6b", style="B")
    pdf.ruled_table([
        ("Quarter", "4a Incidents", "4b Children", "5a Offered", "5b Accepted", "5c Declined",
         "6a Completed", "6b Within 72h"),
        ("Q1 Apr-Jun 2017", "288", "131", "271", "180", "91", "172", "118"),
        ("Q2 Jul-Sep 2017", "301", "139", "284", "190", "94", "181", "129"),
        ("Q3 Oct-Dec 2017", "265", "120", "250", "161", "89", "155", "104"),
        ("Q4 Jan-Mar 2018", "322", "144", "309", "205", "104", "197", "141"),
        ("Total 2017/18", "1,176", "318*", "1,114", "736", "378", "705", "492"),
    ], (34, 20, 20, 20, 20, 20, 20, 20), size=8)
    pdf.para("* A child is counted once in the year even if they went missing in more than one quarter, so "
             "the quarterly figures for children do not add up to the total.", size=8)
    pdf.para("Table C: Questions 6c to 8", style="B")
    pdf.ruled_table([
        ("Q", "Response"),
        ("6c(i)", "From the police referral. The clock starts when the service receives the police "
                  "notification, not when the child came back."),
        ("6c(ii)", "Hours: 72 hours on the clock, seven days a week."),
        ("6c(iii)", "None."),
        ("7a", "No. We do not commission a separate follow-up service; any further work is arranged "
               "through the child's existing plan or through an Early Help assessment."),
        ("7b", "The interview is recorded on the child's file and a copy of the key points is sent to "
               "the police Missing Persons Unit. Locations and names are mapped every month."),
        ("7c", "The worker contacts the allocated social worker or the Children's Contact Centre the same "
               "day; exploitation concerns go to the Child Exploitation Hub."),
        ("8", "The service is staffed 08:30 to 19:00, Monday to Saturday. Children who return on a "
              "Sunday are contacted on Monday morning, which is the main reason an interview falls "
              "outside the 72 hours."),
    ], (18, 156))
    pdf.para("You have the right to ask for an internal review of this response within 40 working days, "
             "and then to complain to the Information Commissioner. The information may be re-used under "
             "the Open Government Licence.")
    pdf.para("Yours sincerely\nGideon Farrant\nFOI Officer, Quenbury County Council")
    pdf.output(str(OUT / "quenbury-2018.pdf"))


# ----------------------------------------------------------------------------------------
# Wendlecombe District Council, rhi-2024, ruled tables, quarterly table, joint answer 4 and 5
# ----------------------------------------------------------------------------------------
def wendlecombe():
    pdf = Pdf("Wendlecombe District Council  WDC/FOI/24/00872")
    pdf.add_page()
    pdf.para("Wendlecombe District Council", size=15, style="B", gap=0, h=7)
    for line in ["Children's Social Care - Quality and Performance",
                 "The Maltings, 55 Station Approach, Wendlecombe WC9 6HD",
                 "Tel 01632 969 340 (Monday to Friday, 09:00 to 17:00)",
                 "FOI ref: WDC/FOI/24/00872     Response date: 28 November 2024"]:
        pdf.para(line, size=9, gap=0)
    pdf.ln(5)
    pdf.para("Dear Dr Ashworth")
    pdf.para("Thank you for your request for information about return interviews for the period "
             "1 April 2023 to 31 March 2024, received on 30 October 2024. Our response is in Table 1. "
             "Several answers point to Table 2, which breaks the year down by quarter.")
    pdf.para("Table 1: Response", style="B")
    pdf.ruled_table([
        ("Question", "Response"),
        ("1. Individual children reported missing", "301 (see Table 2 for the quarterly breakdown)"),
        ("2. Missing incidents reported", "See Table 2 (year total)"),
        ("3. Children looked after in the period", "377 looked after during the year. 266 were looked "
                                                   "after on 31 March 2024."),
        ("4. Looked after children who went missing", "Questions 4 and 5: 63 looked after children went "
                                                      "missing, in 391 incidents."),
        ("5. Incidents of looked after children missing", "See answer to question 4."),
        ("6. Return interviews offered", "See Table 2 (year total)"),
        ("7. Return interviews completed", "See Table 2. 238 offers were declined and 60 could not be "
                                           "completed for other reasons."),
        ("8. Completed within 72 hours", "See Table 2 (year total)"),
        ("9. Who provides return interviews", "Council team: the Wendlecombe "
                                              "Missing Children Team. Social workers: for children placed "
                                              "more than 50 miles away the allocated social worker carries "
                                              "out the interview."),
        ("10. Follow-up support", "Yes. The Missing Children Team offers up to 4 follow-up visits, and "
                                  "referrals to Early Help are made within 3 working days."),
        ("11. More about your service", "We measure the 72 hours from the return time recorded by the police. "
                                        "The team works 08:00 to 20:00 every day, which has raised "
                                        "timeliness. A shared regional form would help when children "
                                        "move between council areas."),
    ], (62, 112))
    pdf.para("Table 2: Missing children and return interviews by quarter, 2023/24", style="B")
    pdf.ruled_table([
        ("Quarter", "Children", "Incidents", "RHIs offered", "RHIs completed", "Within 72 hours"),
        ("Q1 (Apr-Jun 2023)", "141", "233", "221", "150", "109"),
        ("Q2 (Jul-Sep 2023)", "152", "259", "247", "162", "118"),
        ("Q3 (Oct-Dec 2023)", "128", "204", "196", "131", "95"),
        ("Q4 (Jan-Mar 2024)", "149", "248", "236", "159", "121"),
        ("2023/24 total", "301", "944", "900", "602", "443"),
    ], (44, 26, 26, 26, 26, 26))
    pdf.para("The children column counts different children in each quarter; the year total counts each "
             "child once, so it is lower than the sum of the quarters.", size=8)
    pdf.para("If you are not satisfied with this response you may request an internal review within "
             "40 working days. You may then contact the Information Commissioner's Office.")
    pdf.para("Yours sincerely\nNaomi Trelawney\nPerformance Officer")
    pdf.output(str(OUT / "wendlecombe-2024.pdf"))


# ----------------------------------------------------------------------------------------
# Ashgrove Fen City Council, rhi-2024, full questions without numbers, Word tables with 3 years
# ----------------------------------------------------------------------------------------
def ashgrove():
    d = word_doc()
    p = d.add_paragraph()
    r = p.add_run("Ashgrove Fen City Council")
    r.bold = True
    r.font.size = Pt(14)
    for line in ["Information Governance Team, Fenland House, 300 Cathedral Road, Ashgrove Fen AF3 8RT",
                 "Tel: 01632 970 118  |  Email: ig@ashgrovefen.gov.example",
                 "Our reference: AFCC/IG/24-25/0645  |  Date: 19 November 2024",
                 "Dear Ms Pennington",
                 "Freedom of Information Act 2000 - return interviews for missing children",
                 "Thank you for your request received on 23 October 2024. Your questions are repeated below "
                 "in bold. For context we have shown the two previous years next to 2023/24 (1 April 2023 to "
                 "31 March 2024), which is the year you asked about."]:
        d.add_paragraph(line)

    def q(text):
        para = d.add_paragraph()
        para.add_run(text).bold = True

    yrs = ("", "2021/22", "2022/23", "2023/24")
    q("How many different children were reported as missing in your area during the period?")
    word_table(d, [yrs, ("Children reported missing", "601", "655", "688")], (7, 3, 3, 3))
    q("What was the total number of missing incidents reported for children in your area?")
    word_table(d, [yrs, ("Missing incidents", "2,105", "2,288", "2,417")], (7, 3, 3, 3))
    q("How many children did the council look after at any time between 1 April 2023 and 31 March 2024?")
    word_table(d, [yrs, ("Looked after at any time in the year", "968", "991", "1,004"),
                   ("Looked after on 31 March", "702", "698", "712")], (7, 3, 3, 3))
    q("Of the children the council looked after, how many different children were reported missing?")
    word_table(d, [yrs, ("Looked after children who went missing", "139", "147", "151")], (7, 3, 3, 3))
    q("How many missing incidents involving looked after children were reported?")
    word_table(d, [yrs, ("Incidents, looked after children", "987", "1,060", "1,122")], (7, 3, 3, 3))
    q("After how many missing incidents was a return interview offered?")
    word_table(d, [yrs, ("Return interviews offered", "1,990", "2,170", "2,298")], (7, 3, 3, 3))
    q("After how many missing incidents was a return interview carried out?")
    word_table(d, [yrs, ("Return interviews completed", "1,302", "1,411", "1,506"),
                   ("Offers declined", "524", "580", "611")], (7, 3, 3, 3))
    q("Of the interviews carried out, how many took place within 72 hours of the child coming back?")
    word_table(d, [yrs, ("Completed within 72 hours", "Not recorded", "Not recorded", "1,049")], (7, 3, 3, 3))
    d.add_paragraph("We began recording the time a child returned in April 2023, so this figure is not "
                    "available for earlier years.")
    q("Who carries out return interviews in your area? Please give any details you can.")
    d.add_paragraph("Return interviews are delivered by St Brannock's Youth Trust, a local charity, under a "
                    "grant agreement that runs to March 2026. Children who say they would rather talk to "
                    "their own social worker are interviewed by that social worker instead.")
    q("Does the council provide or commission any support for children after a return interview?")
    d.add_paragraph("Yes. St Brannock's offers follow-up sessions for up to 10 weeks, and can refer children to "
                    "the council's Adolescent Support Service.")
    q("Is there anything more you can tell us about your return interview service, for example changes you "
      "would like to the guidance, barriers you face, or what works well?")
    d.add_paragraph("Offers are made by telephone within 24 hours of the police notification. What works best "
                    "is a worker the child already trusts and a place of the child's choosing. Our main barrier "
                    "is the number of repeat episodes: a small group of children account for a large share of "
                    "incidents, and repeating a full interview after every episode is not always meaningful.")
    for line in ["If you are dissatisfied with this response you may ask for an internal review within 40 "
                 "working days, and you may then complain to the Information Commissioner.",
                 "Yours sincerely",
                 "Colm Deverell",
                 "Information Governance Officer"]:
        d.add_paragraph(line)
    d.save(OUT / "ashgrove-fen-2024.docx")


# ----------------------------------------------------------------------------------------
# Bramblecote Borough Council, rhi-2024, paraphrased questions with inline answers
# ----------------------------------------------------------------------------------------
BR_LINES = [
    "You asked how many different children were reported missing in the borough: 734 children.",
    "You asked for the total number of missing incidents: 2,065 incidents.",
    "You asked how many children we looked after during the year: 681 children were looked after at some "
    "point in the year (on 31 March 2024 the figure was 489).",
    "You asked how many of the children we look after went missing: 122 looked after children.",
    "You asked how many times looked after children were reported missing: 733 incidents.",
    "You asked how many return interviews were offered: an interview was offered after 1,942 incidents.",
    "You asked how many return interviews took place: of the interviews offered (see our answer on offers "
    "above), 1,530 took place and 318 were declined.",
    "You asked how many took place within 72 hours of the child's return: we are refusing this part under "
    "section 12 of the Act. The time of each interview is held only in the body of the interview record. "
    "Checking the 1,530 records at about 5 minutes each would take 127.5 hours, well over the appropriate "
    "limit of 18 hours.",
    "You asked who provides return interviews: a dedicated team within the council, the Adolescent Response "
    "Team (ART). Until March 2022 this work was contracted to a regional charity; that contract has ended "
    "and no other provider is now used.",
    "You asked whether we provide or commission follow-up support: yes, ART keeps a case open for up to "
    "12 weeks where a young person wants further help.",
    "You asked for anything else we would like to tell you: referrals reach ART from the police by 07:00 "
    "each morning, and the team aims to make contact by 12:00 the same day. Young people are more likely "
    "to talk when they are seen by the same worker each time.",
]


def bramblecote():
    pdf = Pdf("BBC-ATI-2024-1930")
    pdf.add_page()
    pdf.para("BRAMBLECOTE BOROUGH COUNCIL", size=15, style="B", gap=0, h=7)
    for line in ["Legal and Governance - Access to Information",
                 "Bramblecote House, 12-14 Priory Walk, Bramblecote BC5 0JN",
                 "Phone 01632 971 560 / 01632 971 561",
                 "Case number: BBC-ATI-2024-1930",
                 "Date: 12 December 2024"]:
        pdf.para(line, size=9, gap=0)
    pdf.ln(5)
    pdf.para("Dear Ms Varga-Lund")
    pdf.para("Thank you for your request of 14 November 2024 for information about return interviews between "
             "1 April 2023 and 31 March 2024. I have set out below, in my own words, what you asked, followed "
             "by our answer.")
    for line in BR_LINES:
        pdf.para(line, gap=3)
    pdf.para("If you are unhappy with this response you can ask us to review it within 40 working days. If "
             "you remain unhappy you can complain to the Information Commissioner's Office.")
    pdf.para("Yours sincerely\nOwen Castellan\nAccess to Information Officer")
    pdf.output(str(OUT / "bramblecote-2024.pdf"))


# ----------------------------------------------------------------------------------------
# Cinderford Vale District Council, rhi-2024: space-aligned text table, also as a Word table
# ----------------------------------------------------------------------------------------
CV_HEAD = [
    "CINDERFORD VALE DISTRICT COUNCIL",
    "Children and Young People's Directorate",
    "Forge Lane Offices, 71 Forge Lane, Cinderford Vale CV8 4ZT",
    "Tel 01632 972 903  |  foi@cinderfordvale.gov.example",
    "Reference: CVDC-FOI-2024-0311  |  Date: 22 October 2024",
]
CV_INTRO = [
    "Dear Mr Iqbal",
    "Freedom of Information request - return interviews 2023/24",
    "Thank you for your request dated 25 September 2024. The information we hold for 1 April 2023 to "
    "31 March 2024 is set out in the table below, with notes A to C after it.",
]
CV_ROWS = [
    ("No", "Question", "Response"),
    ("1", "Individual children reported missing", "452"),
    ("2", "Missing incidents reported", "1,389"),
    ("3", "Children looked after in the period", "534"),
    ("4", "Looked after children who went missing", "71"),
    ("5", "Missing incidents, looked after children", "402"),
    ("6", "Return interviews offered", "1,377"),
    ("7", "Return interviews completed", "803 completed; 455 declined"),
    ("8", "Completed within 72 hours", "Not held - see note A"),
    ("9", "Who provides return interviews", "Third sector: Vale Runaway Support (registered charity "
          "no. 1180 442). Social workers complete interviews for children open to the Children with "
          "Disabilities Team."),
    ("10", "Follow-up support after an RHI", "Yes - see note B"),
    ("11", "More about your service", "See note C"),
]
CV_NOTES = [
    "Note A. We record the date on which an interview took place but not the time the child returned, "
    "so we cannot say whether an interview fell within 72 hours. This information is not held.",
    "Note B. Vale Runaway Support offers up to six further sessions after the interview, and can refer to "
    "the council's Youth Wellbeing Service.",
    "Note C. Referrals received after 16:00 on a Friday are allocated by 10:00 on the Monday. Interviews are "
    "normally offered within 3 working days. Many children decline a second interview when they go missing "
    "again within a week.",
]
CV_CLOSE = [
    "You may ask for an internal review within 40 working days, and then complain to the Information "
    "Commissioner. Information released may be re-used under the Open Government Licence.",
    "Yours sincerely",
    "Lydia Harcourt-Bell",
    "Information Officer",
]


def cinderford():
    lines = []
    lines += CV_HEAD + [""]
    for block in CV_INTRO:
        lines += textwrap.wrap(block, 92) + [""]
    w0, w1, w2 = 4, 42, 44
    for i, (n, q, a) in enumerate(CV_ROWS):
        wrapped = textwrap.wrap(a, w2) or [""]
        lines.append(f"{n:<{w0}}{q:<{w1}}{wrapped[0]}".rstrip())
        for cont in wrapped[1:]:
            lines.append(" " * (w0 + w1) + cont)
        if i == 0:
            lines.append("-" * (w0 + w1 + w2))
    lines.append("")
    for block in CV_NOTES:
        lines += textwrap.wrap(block, 92) + [""]
    for block in CV_CLOSE:
        lines += textwrap.wrap(block, 92)
    (OUT / "cinderford-vale-2024.txt").write_text("\n".join(lines) + "\n")

    d = word_doc()
    p = d.add_paragraph()
    r = p.add_run(CV_HEAD[0])
    r.bold = True
    r.font.size = Pt(14)
    for line in CV_HEAD[1:] + CV_INTRO:
        d.add_paragraph(line)
    word_table(d, CV_ROWS, (1.2, 6.5, 9))
    for line in CV_NOTES + CV_CLOSE:
        d.add_paragraph(line)
    d.save(OUT / "cinderford-vale-2024.docx")


# ----------------------------------------------------------------------------------------
# Zennor Heath Council: PDF form of the hand-written zennor-heath-2024.txt
# ----------------------------------------------------------------------------------------
def zennor_pdf():
    text = (OUT / "zennor-heath-2024.txt").read_text()
    pdf = Pdf("")
    pdf.add_page()
    pdf.set_font("DejaVuMono", "", 9)
    for line in text.splitlines():
        pdf.cell(0, 4.3, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(OUT / "zennor-heath-2024.pdf"))


if __name__ == "__main__":
    oxendale()
    quenbury()
    wendlecombe()
    ashgrove()
    bramblecote()
    cinderford()
    zennor_pdf()
