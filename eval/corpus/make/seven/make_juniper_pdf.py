"""Build juniper-vale-2018.pdf: letter with ruled tables (answers, quarterly breakdown, out of area)."""
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parents[2] / "letters" / "juniper-vale-2018.pdf"


class Letter(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 15)
        self.cell(0, 8, "Juniper Vale County Council", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Children, Families and Learning Directorate  |  County Hall, Orchard Street, Juniper Vale JV1 4PL",
                  new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, "Telephone 01632 962 770  |  information.requests@junipervale.gov.uk",
                  new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"JVCC 2018/FOI/2291  -  page {self.page_no()} of {{nb}}", align="C")


pdf = Letter(format="A4")
pdf.set_margins(18, 15, 18)
pdf.set_auto_page_break(True, margin=20)
pdf.alias_nb_pages()
pdf.add_page()


def para(text, style="", size=10, gap=2):
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


para("Mr A. Whitcombe-Hale\nBy email", gap=3)
para("Your request dated: 29 May 2018\nOur reference: JVCC 2018/FOI/2291\nDate: 4 July 2018", gap=4)
para("Dear Mr Whitcombe-Hale,")
para("Freedom of Information Act 2000: return home interviews for missing children", style="B")
para("Thank you for your request for information about return home interviews (RHIs). I can confirm that the "
     "council holds most of the information requested. Table A answers questions 1 to 8. The figures for "
     "questions 4, 5 and 6 are broken down by quarter in Table B, and Table C answers your questions about "
     "children placed out of area. All figures relate to 1 April 2017 to 31 March 2018 unless stated otherwise.", gap=4)

HEAD = FontFace(emphasis="BOLD", fill_color=(220, 226, 236))


def ruled_table(rows, widths, heading=True, align=None):
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=widths, line_height=4.6, borders_layout="ALL",
                   headings_style=HEAD if heading else None, first_row_as_headings=heading,
                   text_align=align or "LEFT", padding=1.2) as table:
        for r in rows:
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(4)


para("Table A: answers to questions 1 to 8", style="B")
table_a = [
    ("No.", "Question (summarised)", "Response"),
    ("1", "Organisation now carrying out RHIs", "The Harbour Light Children's Charity (a registered charity), under contract to the council since 1 October 2015."),
    ("2", "Organisation carrying out RHIs in 2016/17", "As question 1: The Harbour Light Children's Charity."),
    ("3", "Organisation carrying out RHIs in 2013/14", "Allocated social workers in the Safeguarding and Children in Care teams. There was no separate RHI service at that time."),
    ("4a", "Missing incidents reported during the year", "See Table B."),
    ("4b", "Separate children those incidents involved", "See Table B."),
    ("5a", "Incidents followed by an offer of an RHI", "See Table B."),
    ("5b", "Offers the child took up", "702"),
    ("5c", "Offers turned down by the child or family", "335"),
    ("6a", "Incidents after which an RHI went ahead", "See Table B."),
    ("6b", "RHIs held no more than 72 hours after return", "See Table B."),
    ("6c(i)", "Point from which the 72 hours is measured", "From the child's return, using the time of return on the police notification."),
    ("6c(ii)", "Whether hours or days are used", "We measure three working days. Weekends and bank holidays are not counted, so a child returning on a Friday evening may be seen on the following Wednesday and still be within timescale."),
    ("6c(iii)", "Adjustment where the child goes missing again", "No adjustment is made. Each incident is measured separately."),
    ("7a", "Further help offered once the RHI is done", "Yes. The Harbour Light keywork team offers up to eight sessions to young people assessed as at continuing risk."),
    ("7b", "How RHI information is used", "The completed RHI form is uploaded to the child's record within 48 hours and copied to the allocated worker. An anonymised monthly summary of hotspots and associates goes to the police and the Child Exploitation sub-group."),
    ("7c", "Action taken if the RHI shows a child at risk", "The RHI worker makes a same-day referral to the Front Door, and any exploitation concern is screened and, where necessary, discussed at the multi-agency CE panel."),
    ("8", "Any other information about the service", "Demand has risen each year since 2015. The three working day measure suits a contracted service but means our performance looks different from councils using 72 clock hours; a single national definition would help."),
]
ruled_table(table_a, (12, 52, 110))

para("Table B: quarterly breakdown, 2017/18", style="B")
table_b = [
    ("Measure", "Q1 Apr-Jun 2017", "Q2 Jul-Sep 2017", "Q3 Oct-Dec 2017", "Q4 Jan-Mar 2018", "Total 2017/18"),
    ("4a Missing incidents", "301", "287", "244", "265", "1,097"),
    ("4b Individual children*", "141", "133", "118", "126", "327"),
    ("5a RHIs offered", "284", "270", "231", "252", "1,037"),
    ("6a RHIs carried out", "172", "168", "149", "160", "649"),
    ("6b Within 72 hours", "118", "104", "97", "110", "429"),
]
ruled_table(table_b, (44, 26, 26, 26, 26, 26), align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"))
para("* A child who went missing in more than one quarter is counted in each of those quarters but only once in "
     "the total, so the quarterly figures for individual children do not add up to the total.", size=8.5, gap=4)

para("Table C: children placed out of area", style="B")
table_c = [
    ("No.", "Question (summarised)", "Response"),
    ("Out-of-area 1", "Arrangements for RHIs when our looked-after children are placed elsewhere", "e) Spot purchased from the host authority's own return interview service."),
    ("Out-of-area 2a", "Our looked-after children placed out of area during 2017/18", "211"),
    ("Out-of-area 2b", "Number of those children who went missing", "46 children; 203 incidents"),
    ("Out-of-area 2c", "Number of those missing children offered an RHI", "Not held. Offers are made by the host authority and are not reported back to us."),
    ("Out-of-area 2d", "Number who went on to receive an RHI", "88 (RHI reports returned to us by host authorities)"),
    ("Out-of-area 3", "RHIs for children placed in Juniper Vale by other councils", "Yes"),
    ("Out-of-area 4", "Who delivers RHIs to those children", "The Harbour Light Children's Charity, under the same contract."),
    ("Out-of-area 5a", "Children placed in Juniper Vale by other councils during 2017/18",
     "We do not keep a reliable list of these placements. To establish the figure we would have to check about 420 "
     "placement notifications by hand at around 3 minutes each, roughly 21 hours of work, which is above the "
     "appropriate limit of 18 hours (£450). This part of the request is refused under section 12."),
    ("Out-of-area 5b", "Of those, the number missing and the number interviewed", "58 children went missing; 240 incidents; 176 RHIs completed"),
    ("Out-of-area 6", "Any other information about children placed out of area", "Quality of host authority RHIs varies and reports can take several weeks to reach us. We are working with the regional commissioning group on a shared standard."),
]
ruled_table(table_c, (26, 52, 96))

para("If you are dissatisfied with this response, you may request an internal review within 40 working days of "
     "this letter by writing to the Information Requests Officer at the address above. If you remain unhappy you "
     "may apply to the Information Commissioner, Wycliffe House, Water Lane, Wilmslow SK9 5AF.", size=9)
para("The information supplied is the copyright of Juniper Vale County Council. You may re-use it under the terms of "
     "the Open Government Licence.", size=9, gap=4)
para("Yours sincerely,")
para("Gwen Castellanos-Reid\nInformation Requests Officer")

pdf.set_title("Response JVCC 2018/FOI/2291")
pdf.set_author("Juniper Vale County Council")
pdf.set_creation_date(__import__("datetime").datetime(2018, 7, 4, 11, 20))
pdf.output(str(OUT))
print("wrote", OUT)
