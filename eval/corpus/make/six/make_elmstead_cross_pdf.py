"""Build elmstead-cross-2024.pdf (fictional FOI reply with ruled tables: quarterly figures
with a full-year column, and a Question | Response table).

Run:  /work/main/.venv/bin/python make_elmstead_cross_pdf.py
"""
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parents[2] / "letters" / "elmstead-cross-2024.pdf"


class Letter(FPDF):
    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", size=7)
        self.cell(0, 4, "Elmstead Cross Council | Registered office: Guildhall, 9 Cross Street, Elmstead Cross EC7 1JX | "
                  f"Page {self.page_no()} of {{nb}}", align="C")


pdf = Letter(format="A4")
pdf.set_margins(18, 16, 18)
pdf.set_auto_page_break(True, margin=18)
pdf.add_page()

pdf.set_font("Helvetica", "B", 15)
pdf.cell(0, 8, "Elmstead Cross Council", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=9)
pdf.multi_cell(0, 4.5, "Customer Information and Complaints Unit\nGuildhall, 9 Cross Street, Elmstead Cross EC7 1JX\n"
               "Telephone 01632 207 650 | Email: access.to.information@elmsteadcross.gov.uk",
               new_x="LMARGIN", new_y="NEXT")
pdf.ln(4)
pdf.set_font("Helvetica", size=10)
pdf.multi_cell(0, 5, "Our reference: EC-FOI-24-1638\nDate: 21 June 2024", new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)
pdf.multi_cell(0, 5, "Dear Ms Lindqvist-Farrer,", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("Helvetica", "B", 10)
pdf.multi_cell(0, 5, "Request under the Freedom of Information Act 2000: missing children and return interviews",
               new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=10)
pdf.ln(1)
pdf.multi_cell(0, 5,
    "Thank you for your request received on 24 May 2024. The council holds the information you asked for "
    "and it is given below. Our performance team reports these measures by quarter, so Table 1 shows each "
    "quarter of 2023/24 and the full year. Please use the full-year column for the period you asked about "
    "(1 April 2023 to 31 March 2024). Children are counted once in the full-year figures even if they went "
    "missing in more than one quarter, so the quarterly counts of children do not add up to the year.",
    new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)

pdf.set_font("Helvetica", "B", 10)
pdf.cell(0, 6, "Table 1: Missing episodes and return interviews, 2023/24", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=8.5)
head = FontFace(emphasis="BOLD", fill_color=(220, 226, 235))
rows1 = [
    ("Q", "Measure", "Apr-Jun 2023", "Jul-Sep 2023", "Oct-Dec 2023", "Jan-Mar 2024", "Full year 2023/24"),
    ("1", "Individual children reported missing", "131", "144", "127", "139", "297"),
    ("2", "Missing episodes reported", "248", "276", "231", "262", "1,017"),
    ("4", "Looked-after children who went missing", "34", "39", "31", "36", "71"),
    ("5", "Missing episodes of looked-after children", "97", "118", "88", "104", "407"),
    ("6", "Return interviews offered", "241", "268", "222", "255", "986"),
    ("7", "Return interviews completed", "168", "181", "150", "176", "675"),
    ("7", "Offers declined by the young person", "61", "74", "58", "67", "260"),
    ("8", "Completed within 72 hours of return", "112", "126", "97", "121", "456"),
]
with pdf.table(col_widths=(8, 56, 19, 19, 19, 19, 24), text_align=("CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
               headings_style=head, line_height=5, borders_layout="ALL") as table:
    for r in rows1:
        row = table.row()
        for c in r:
            row.cell(c)
pdf.ln(2)
pdf.set_font("Helvetica", "I", 8)
pdf.multi_cell(0, 4,
    "Source: CareTrack case management system and the missing episodes log held by the Adolescent Safety Team; "
    "data extracted 12 June 2024 at 09:15. Episodes that started before 1 April 2023 and ended after that date are "
    "counted in the quarter in which the young person returned.",
    new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)

pdf.set_font("Helvetica", "B", 10)
pdf.cell(0, 6, "Table 2: Other questions", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=8.5)
rows2 = [
    ("Q", "Question", "Response"),
    ("3", "Children looked after by the council during 2023/24",
     "412 children were looked after at some point during 2023/24. (On 31 March 2024 the council was looking "
     "after 298 children.)"),
    ("9", "Who carries out return interviews in Elmstead Cross",
     "Dedicated team within the local authority: Yes. The Adolescent Safety Team carries out interviews for "
     "children living in Elmstead Cross.\n"
     "Independent service commissioned by the local authority: Yes. Horizon Youth Partnership CIC is "
     "commissioned to interview looked-after children placed more than 20 miles from the city.\n"
     "Social workers: No. Youth workers: No. Other: No."),
    ("10", "Follow-up support after a return interview",
     "Yes. The Adolescent Safety Team offers up to ten weeks of direct work after an interview, and can refer "
     "to the Safer Futures exploitation service and to CAMHS."),
    ("11", "Further information about the service",
     "Since September 2023 the team has offered interviews from 08:00 to 20:00, seven days a week, which has "
     "improved the share of interviews held within 72 hours. The main barrier remains the time taken for "
     "police notifications to reach us. We would welcome guidance that allows a trusted professional who "
     "already knows the child to carry out the interview where the child prefers this."),
]
with pdf.table(col_widths=(8, 52, 104), text_align=("CENTER", "LEFT", "LEFT"), headings_style=head,
               line_height=4.6, borders_layout="ALL") as table:
    for r in rows2:
        row = table.row()
        for c in r:
            row.cell(c)
pdf.ln(4)

pdf.set_font("Helvetica", size=10)
pdf.multi_cell(0, 5,
    "If you are unhappy with the way your request has been handled you can ask for an internal review within "
    "40 working days of the date of this letter. You also have the right to complain to the Information "
    "Commissioner once the internal review is complete.\n\n"
    "You may re-use this information under the Open Government Licence v3.0.\n\n"
    "Yours sincerely,\n\nR. Mbatha-Cole\nInformation and Complaints Officer",
    new_x="LMARGIN", new_y="NEXT")

pdf.output(str(OUT))
print("wrote", OUT)
