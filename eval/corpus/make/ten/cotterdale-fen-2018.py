"""Build letters/cotterdale-fen-2018.pdf: letter with ruled Question/Response tables and a quarterly table."""
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parents[2] / "letters" / "cotterdale-fen-2018.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class Letter(FPDF):
    def footer(self):
        self.set_y(-14)
        self.set_font("DejaVu", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"CFCC/IC/2018/0977  -  page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


pdf = Letter(format="A4")
pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
pdf.set_margins(18, 16, 18)
pdf.set_auto_page_break(True, 20)
pdf.alias_nb_pages()
pdf.add_page()

# Letterhead
pdf.set_font("DejaVu", "B", 15)
pdf.set_text_color(0, 82, 64)
pdf.cell(0, 8, "Cotterdale Fen County Council", new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(0, 0, 0)
pdf.set_font("DejaVu", "", 8.5)
pdf.multi_cell(0, 4.2, "Information Compliance Team, County Hall, Sluice Road, Cotterdale CF3 0NB\n"
               "Telephone 01632 960 377  |  foi@cotterdalefen.gov.uk", new_x="LMARGIN", new_y="NEXT")
pdf.ln(5)

pdf.set_font("DejaVu", "", 10)
pdf.multi_cell(0, 5, "Mr D. Papadakis-Wynn\nvia email", new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)
pdf.multi_cell(0, 5, "Our ref: CFCC/IC/2018/0977\nDate: 20 July 2018", new_x="LMARGIN", new_y="NEXT")
pdf.ln(4)


def p(text, bold=False, size=10, gap=2.5):
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


p("Dear Mr Papadakis-Wynn")
p("Freedom of Information Act 2000 - Return Home Interviews", bold=True)
p("Thank you for your request for information received on 21 June 2018. I can confirm that the County Council "
  "holds some of the information requested. Our responses are given in the tables below. The figures cover "
  "1 April 2017 to 31 March 2018 and come from the Harbour Light Trust's monthly returns to the Council, "
  "checked against police missing notifications.")

HEAD = FontFace(emphasis="BOLD", fill_color=(220, 232, 226))


def qa_table(rows, widths=(16, 62, 96)):
    pdf.set_font("DejaVu", "", 8.8)
    with pdf.table(col_widths=widths, headings_style=HEAD, line_height=4.6,
                   text_align=("LEFT", "LEFT", "LEFT"), padding=1.6) as t:
        r = t.row()
        for h in ("No.", "Question", "Response"):
            r.cell(h)
        for row in rows:
            r = t.row()
            for c in row:
                r.cell(c)
    pdf.ln(4)


main = [
    ("1", "Current provider of RHIs (third sector agency or council team?)",
     "Third sector agency: The Harbour Light Trust, a registered charity, commissioned by the County Council "
     "since April 2015."),
    ("2", "Provider in 2016/17", "The Harbour Light Trust (same contract)."),
    ("3", "Provider in 2013/14",
     "No specialist service. Where an interview took place it was carried out by the child's social worker."),
    ("4a", "Number of missing incidents", "See Table A."),
    ("4b", "Number of individual children", "See Table A."),
    ("5a", "Incidents where an RHI was offered",
     "1,102 offers made to the child or to a parent or carer."),
    ("5b", "Offers accepted by the child",
     "Refused under section 12. The Trust's returns record whether an interview took place, not whether the "
     "offer was accepted or declined. That detail is only in the free-text notes of each referral, and "
     "reading all 1,168 referral records at 6 minutes each would take about 117 hours, well over the "
     "18 hour appropriate limit."),
    ("5c", "Offers declined", "As 5b: refused under section 12 for the same reason."),
    ("6a", "Incidents where an RHI was carried out", "See Table A."),
    ("6b", "RHIs carried out within 72 hours", "See Table A."),
    ("6c (i)", "72 hours measured from the return or from the police referral?",
     "From the child's return, i.e. the time the police record the child as found."),
    ("6c (ii)", "Hours, calendar days or working days?",
     "Working days. The Trust's contract asks for the interview within three working days, which is what Table "
     "A reports as the 72 hour measure."),
    ("6c (iii)", "Adjustment if the child is missing again before the RHI?",
     "None. Each episode is measured separately."),
    ("7a", "Follow-up support after an RHI?",
     "Yes. The Trust provides up to 12 weeks of follow-on keywork for young people assessed as medium or high "
     "risk."),
    ("7b", "What happens to the information gathered?",
     "The Trust sends the interview summary to the Council within one working day. It is added to the child's "
     "record, shared with the allocated social worker, and any intelligence is passed to the police. Patterns "
     "are reported each quarter to the Missing and Exploitation Strategic Group."),
    ("7c", "Steps taken when a vulnerability is identified",
     "The Trust worker raises a safeguarding referral with the Children's Access Point the same day and, "
     "where exploitation is indicated, the child is considered at the multi-agency exploitation meeting."),
    ("8", "Anything else about the service",
     "Numbers of missing episodes rose in the second half of the year, mostly involving a small group of "
     "teenagers who go missing repeatedly. Rural distances make the three working day target difficult; "
     "the Trust now holds some interviews by phone followed by a visit."),
]

p("Part 1 - Return Home Interviews", bold=True, size=10.5, gap=1.5)
qa_table(main)

p("Table A - missing incidents and interviews by quarter, 2017/18", bold=True, size=10.5, gap=1.5)
pdf.set_font("DejaVu", "", 8.8)
quarters = [
    ("Q1 Apr-Jun 2017", "301", "171", "198", "141"),
    ("Q2 Jul-Sep 2017", "287", "166", "190", "127"),
    ("Q3 Oct-Dec 2017", "262", "149", "171", "118"),
    ("Q4 Jan-Mar 2018", "318", "180", "214", "160"),
    ("2017/18 total", "1,168", "389 (unique)", "773", "546"),
]
with pdf.table(col_widths=(36, 34, 34, 34, 36), headings_style=HEAD, line_height=4.6,
               text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"), padding=1.6) as t:
    r = t.row()
    for h in ("Quarter", "Missing incidents (4a)", "Individual children (4b)", "RHIs carried out (6a)",
              "Within 3 working days (6b)"):
        r.cell(h)
    for row in quarters:
        r = t.row()
        for c in row:
            r.cell(c)
pdf.ln(2)
p("A child who went missing in more than one quarter is counted in each quarter, so the yearly figure for "
  "individual children is the number of different children across the whole year.", size=8.5, gap=5)

p("Part 2 - Children looked after and placed out of area", bold=True, size=10.5, gap=1.5)
ooa = [
    ("OOA 1", "How are RHIs delivered to our looked after children placed out of area? (a-i)",
     "(e) We spot purchase an interview from the return interview service of the authority where the child "
     "is placed."),
    ("OOA 2a", "Children placed out of area during the year", "96"),
    ("OOA 2b", "Of those, how many went missing?", "29 children, 131 incidents"),
    ("OOA 2c", "Offered an RHI", "117"),
    ("OOA 2d", "Received an RHI", "64"),
    ("OOA 3", "RHIs for children placed here by other councils?", "Yes"),
    ("OOA 4", "Who delivers them?",
     "The Harbour Light Trust, under the same contract as for Cotterdale Fen children."),
    ("OOA 5a", "Children placed in Cotterdale Fen by other councils",
     "203 during 2017/18. On 31 March 2018, 141 such children were living in the county."),
    ("OOA 5b", "How many went missing / received an RHI?",
     "38 children went missing (190 incidents). The Trust completed 102 interviews for them."),
    ("OOA 6", "Anything else about the out-of-area service",
     "Spot purchasing works well with neighbouring counties but can take several days to arrange further "
     "afield, and some host authorities will not take referrals from outside their area."),
]
qa_table(ooa)

p("If you are not satisfied with this response you may ask for an internal review within 40 working days "
  "by writing to the Information Compliance Team at the address above. If you are still dissatisfied you may "
  "complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF "
  "(telephone 0303 123 1113).", size=9)
p("The information supplied is Crown or County Council copyright and may be re-used under the Open Government "
  "Licence.", size=9)
p("Yours sincerely")
p("Gwendolyn Ashcombe-Tate\nInformation Compliance Officer", gap=0)

pdf.output(str(OUT))
print("wrote", OUT)
