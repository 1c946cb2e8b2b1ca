"""Builds kinderton-2024.pdf with fpdf2: letterhead, a ruled quarterly table, a ruled Question | Response table."""
from pathlib import Path
from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parents[2] / "letters" / "kinderton-2024.pdf"


class Letter(FPDF):
    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", size=7)
        self.cell(0, 4, "Kinderton County Council, County Hall, Beacon Way, Kinderton KN14 2DX  |  01632 961200  |  "
                  f"www.kinderton.gov.uk  |  Page {self.page_no()} of {{nb}}", align="C")


pdf = Letter(format="A4")
pdf.alias_nb_pages()
pdf.set_margins(18, 16, 18)
pdf.set_auto_page_break(True, margin=20)
pdf.add_page()

pdf.set_font("Helvetica", "B", 17)
pdf.cell(0, 8, "Kinderton County Council", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=9)
pdf.multi_cell(0, 4.5,
    "Children, Families and Education Directorate - Information Compliance\n"
    "County Hall, Beacon Way, Kinderton KN14 2DX\n"
    "Tel: 01632 961207  |  Email: foi@kinderton.gov.uk", new_x="LMARGIN", new_y="NEXT")
pdf.ln(4)
pdf.set_font("Helvetica", size=10)
pdf.multi_cell(0, 5,
    "Dr A. Ellison\nby email\n\n"
    "Reference: KCC-FOI-24-04417\n"
    "Date of request: 17 July 2024\n"
    "Date of response: 14 August 2024", new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)
pdf.multi_cell(0, 5, "Dear Dr Ellison,", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("Helvetica", "B", 10)
pdf.multi_cell(0, 5, "Freedom of Information request: missing children and return interviews, 1 April 2023 to 31 March 2024",
               new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=10)
pdf.ln(2)
pdf.multi_cell(0, 5,
    "Kinderton County Council holds the information you asked for. Our missing-episode reports are produced "
    "quarter by quarter, so Table 1 gives each quarter of 2023/24 and the total for the year. A child can be "
    "reported missing in more than one quarter, so in the rows that count individual children the year total "
    "counts each child once and is lower than the four quarters added together. The other rows count episodes "
    "or interviews and do add up.", new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)

pdf.set_font("Helvetica", "B", 10)
pdf.cell(0, 6, "Table 1: Missing episodes and return interviews by quarter, 2023/24", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=8.5)
head = FontFace(emphasis="BOLD", fill_color=(222, 226, 235))
rows = [
    ["Q", "Measure", "Apr-Jun 2023", "Jul-Sep 2023", "Oct-Dec 2023", "Jan-Mar 2024", "Year total"],
    ["1", "Individual children reported missing", "301", "322", "276", "289", "704"],
    ["2", "Missing incidents reported", "598", "641", "527", "545", "2,311"],
    ["4", "Looked-after children who went missing", "88", "95", "79", "84", "163"],
    ["5", "Missing incidents of looked-after children", "262", "287", "231", "240", "1,020"],
    ["6", "Return interviews offered", "571", "610", "502", "519", "2,202"],
    ["7", "Return interviews completed", "402", "437", "355", "371", "1,565"],
    ["8", "Completed within 72 hours of return", "289", "301", "262", "268", "1,120"],
]
with pdf.table(col_widths=(7, 58, 19, 19, 19, 19, 19), headings_style=head, line_height=5,
               text_align=("CENTER", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
               borders_layout="ALL") as t:
    for r in rows:
        row = t.row()
        for c in r:
            row.cell(c)
pdf.set_font("Helvetica", size=9)
pdf.ln(1)
pdf.multi_cell(0, 4.5,
    "Note to question 7: of the 2,202 interviews offered, 489 were declined by the young person or their "
    "parent or carer. The remainder were not completed because the young person could not be contacted or "
    "went missing again.", new_x="LMARGIN", new_y="NEXT")
pdf.ln(4)

pdf.set_font("Helvetica", "B", 10)
pdf.cell(0, 6, "Table 2: Other questions", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=9)
qa = [
    ["Question", "Response"],
    ["3. How many children did the Council look after during 1 April 2023 to 31 March 2024?",
     "1,184 children were looked after by the Council at some point in the year. For comparison, 863 "
     "children were looked after on 31 March 2024."],
    ["9. Who carries out return interviews in your area?",
     "Social worker: Yes - for children open to the Children with Disabilities Team, the allocated social worker "
     "completes the interview. Dedicated council team or worker: Yes - the Kinderton Missing and Return Service "
     "(KMRS), 7.5 FTE Return Workers based in Early Help. Youth worker: No. Independent commissioned service: No. "
     "Other: No."],
    ["10. Do you provide or commission follow-up support after a return interview?",
     "Yes. KMRS can continue to work with a young person for up to 8 weeks after the interview, and refers to "
     "the Council's Early Help locality teams and the Youth Justice Service."],
    ["11. Anything else about your return interview service?",
     "The 72-hour target is hardest to meet when police notifications arrive late; in 2023/24 the average gap "
     "between a child's return and the notification reaching KMRS was 19 hours. We would support guidance that "
     "set a national standard for how quickly police pass on returns."],
]
with pdf.table(col_widths=(60, 100), headings_style=head, line_height=4.8, borders_layout="ALL",
               text_align=("LEFT", "LEFT")) as t:
    for r in qa:
        row = t.row()
        for c in r:
            row.cell(c)
pdf.ln(4)
pdf.set_font("Helvetica", size=9)
pdf.multi_cell(0, 4.5,
    "You may re-use the information in this response under the Open Government Licence v3.0. If you are not "
    "satisfied with our response, you can ask for an internal review within 40 working days by writing to the "
    "Information Compliance Manager at the address above. If you are still not satisfied you can complain to the "
    "Information Commissioner's Office (ico.org.uk).", new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)
pdf.multi_cell(0, 4.5, "Yours sincerely,\n\nT. Okonjo-Hale\nInformation Compliance Officer\nDirect dial 01632 961214",
               new_x="LMARGIN", new_y="NEXT")
pdf.output(str(OUT))
print("wrote", OUT)
