"""Make letters/ickwell-vale-2024.pdf (fpdf2, ruled tables)."""
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

OUT = Path(__file__).resolve().parents[2] / "letters" / "ickwell-vale-2024.pdf"


class Letter(FPDF):
    def footer(self):
        self.set_y(-18)
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.multi_cell(
            0, 3.6,
            "Ickwell Vale District Council, Vale House, 41 Meadow Causeway, Ickwell IV3 9RW. "
            "Information released under FOIA may be re-used under the Open Government Licence v3.0. "
            f"Page {self.page_no()} of {{nb}}",
            align="C",
        )
        self.set_text_color(0, 0, 0)


pdf = Letter(format="A4")
pdf.alias_nb_pages()
pdf.set_auto_page_break(True, margin=22)
pdf.set_margins(18, 16, 18)
pdf.add_page()

# letterhead
pdf.set_font("Helvetica", "B", 16)
pdf.set_text_color(0, 70, 60)
pdf.cell(0, 8, "Ickwell Vale District Council", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 9)
pdf.set_text_color(60, 60, 60)
pdf.cell(0, 4.5, "Children and Families Directorate | Information Compliance Unit", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 4.5, "Vale House, 41 Meadow Causeway, Ickwell IV3 9RW", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 4.5, "Tel 01632 960 418  |  foi@ickwellvale.gov.uk", new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(0, 0, 0)
pdf.ln(2)
pdf.set_draw_color(0, 70, 60)
pdf.set_line_width(0.6)
pdf.line(18, pdf.get_y(), 192, pdf.get_y())
pdf.ln(5)

pdf.set_font("Helvetica", "", 10)
pdf.cell(0, 5, "Ms Harpreet Kaur", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "By email", new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)
pdf.cell(0, 5, "Our ref: IVDC-FOI-2024-1187", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "Your ref: RI/2324/088", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "Date: 14 August 2024", new_x="LMARGIN", new_y="NEXT")
pdf.ln(4)

pdf.cell(0, 5, "Dear Ms Kaur", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("Helvetica", "B", 10)
pdf.multi_cell(0, 5, "Freedom of Information Act 2000 - return interviews, 1 April 2023 to 31 March 2024")
pdf.set_font("Helvetica", "", 10)
pdf.ln(1)
pdf.multi_cell(
    0, 5,
    "Thank you for your request, which we received on 17 July 2024. We hold the information and "
    "have set it out in the table below. Several answers refer to Table A, which breaks the year "
    "down by quarter; please use the total row of that table for the full year.",
)
pdf.ln(3)

head = FontFace(emphasis="BOLD", fill_color=(214, 232, 228))
rows = [
    ("1", "Individual children reported missing", "497 children (see also Table A)."),
    ("2", "Total missing incidents", "See Table A."),
    ("3", "Children looked after by the council during the period",
     "389 children were looked after at some point in the year. On 31 March 2024 the figure was 301."),
    ("4", "Individual looked after children who went missing", "58 looked after children."),
    ("5", "Missing incidents of looked after children", "344 incidents."),
    ("6", "Return interviews offered", "See Table A."),
    ("7", "Return interviews completed",
     "See Table A. A further 216 offers were declined by the young person or their family."),
    ("8", "Completed within 72 hours of return", "See Table A."),
    ("9", "Who provides return interviews",
     "[X] Dedicated team or individual within the local authority: our Missing Children's "
     "Practitioners (4.5 FTE), part of the Early Help Service.\n"
     "[X] Social workers: where a child in care is placed more than 20 miles from the district, "
     "the allocated social worker may complete the interview.\n"
     "[ ] Youth worker   [ ] Independent commissioned service   [ ] Other"),
    ("10", "Follow-up support after an RHI",
     "Yes. Practitioners can keep working with a young person for up to 12 weeks, and refer to "
     "the Vale Choices mentoring scheme or to CAMHS."),
    ("11", "Further information about the service",
     "Our practitioners now make first contact by phone within 24 hours of the police "
     "notification. Interviews held in school or college are more often completed than home "
     "visits. Children who go missing several times in one week are hard to see within 72 hours, "
     "and we would welcome guidance on combining interviews for repeat episodes."),
]
pdf.set_font("Helvetica", "", 9)
with pdf.table(col_widths=(10, 52, 112), text_align=("CENTER", "LEFT", "LEFT"),
               headings_style=head, line_height=4.6, padding=1.5) as table:
    r = table.row()
    for h in ("No.", "Your question (summarised)", "Our response"):
        r.cell(h)
    for row in rows:
        r = table.row()
        for c in row:
            r.cell(c)

pdf.ln(6)
pdf.set_font("Helvetica", "B", 10)
pdf.multi_cell(0, 5, "Table A: missing incidents and return interviews by quarter, 2023/24")
pdf.ln(1)
pdf.set_font("Helvetica", "", 9)
qa = [
    ("Quarter", "Children reported missing", "Missing incidents", "RHIs offered", "RHIs completed",
     "Completed within 72 hours"),
    ("Q1 (Apr-Jun 2023)", "201", "262", "248", "171", "118"),
    ("Q2 (Jul-Sep 2023)", "188", "251", "240", "166", "121"),
    ("Q3 (Oct-Dec 2023)", "176", "239", "227", "150", "104"),
    ("Q4 (Jan-Mar 2024)", "214", "294", "281", "197", "140"),
    ("Total 2023/24", "497*", "1,046", "996", "684", "483"),
]
with pdf.table(col_widths=(38, 28, 26, 26, 26, 30), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
               headings_style=head, line_height=4.6, padding=1.5) as table:
    for i, row in enumerate(qa):
        r = table.row()
        for c in row:
            if i == len(qa) - 1:
                r.cell(c, style=FontFace(emphasis="BOLD"))
            else:
                r.cell(c)
pdf.ln(2)
pdf.set_font("Helvetica", "", 8)
pdf.multi_cell(
    0, 4,
    "* A child reported missing in more than one quarter is counted once in the year total, so the "
    "quarterly children figures do not add up to it. For comparison only, the 2022/23 totals were "
    "1,112 missing incidents and 731 completed interviews.",
)
pdf.ln(4)
pdf.set_font("Helvetica", "", 10)
pdf.multi_cell(
    0, 5,
    "If you are dissatisfied with this response you can ask for an internal review by writing to "
    "the address above within 40 working days. If you remain unhappy you may then contact the "
    "Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF, telephone "
    "0303 123 1113.",
)
pdf.ln(3)
pdf.cell(0, 5, "Yours sincerely", new_x="LMARGIN", new_y="NEXT")
pdf.ln(6)
pdf.cell(0, 5, "Owain Pritchard-Bell", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "Information Compliance Officer", new_x="LMARGIN", new_y="NEXT")

pdf.output(str(OUT))
print("wrote", OUT)
