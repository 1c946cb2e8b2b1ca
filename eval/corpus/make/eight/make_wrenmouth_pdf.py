"""Build letters/wrenmouth-2024.pdf: answers under bare question numbers plus a ruled
quarterly table with a total row (drawn with fpdf2 table borders).

Fictional reply from Wrenmouth Council.
    /work/main/.venv/bin/python make/make_wrenmouth_pdf.py
"""
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parents[1]
OUT = HERE.parent / "letters" / "wrenmouth-2024.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/liberation")

TABLE = [
    ("Quarter", "Missing episodes", "RHIs offered", "RHIs completed", "Completed within 72 hrs", "Declined"),
    ("Q1 Apr-Jun 2023", "392", "371", "248", "180", "97"),
    ("Q2 Jul-Sep 2023", "431", "410", "266", "191", "111"),
    ("Q3 Oct-Dec 2023", "356", "338", "229", "166", "83"),
    ("Q4 Jan-Mar 2024", "377", "352", "240", "177", "92"),
    ("Total 2023/24", "1,556", "1,471", "983", "714", "383"),
]

ANSWERS = [
    ("Q1", "538 children. Each child is counted once in the year, however many times they went missing. "
           "Quarterly counts of children are not shown, as they cannot be added together."),
    ("Q2", "1,556. See Table 1, total row."),
    ("Q3", "389 looked after at any time during 2023/24. On 31 March 2024 the figure was 271."),
    ("Q4 & Q5", "96 looked after children went missing, accounting for 402 of the episodes at Q2."),
    ("Q6 - Q8", "See Table 1, total row. The final column shows offers that were declined."),
    ("Q9", "Third sector, and Other. Harbourlight Children's Charity (registered charity 1170422) carries out "
           "interviews for all children living in Wrenmouth under a grant agreement with the Council. For Wrenmouth children placed more than "
           "50 miles away in residential care, the interview is carried out by the independent advocate attached "
           "to the child's home."),
    ("Q10", "Yes. Harbourlight offers up to eight follow-up sessions. Children at risk of exploitation are also "
            "referred to the council's Contextual Safeguarding Team."),
    ("Q11", "We have no further comments to add."),
]


class Letter(FPDF):
    base = "Helvetica"

    def header(self):
        if self.page_no() == 1:
            return
        self.set_font(self.base, size=8)
        self.cell(0, 5, "Wrenmouth Council - WRE/IR/2024/04417", align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-16)
        self.set_font(self.base, size=7.5)
        self.multi_cell(0, 3.8,
                        "Wrenmouth Council, Harbour House, 3 Quay Parade, Wrenmouth WR3 8PN. "
                        "Switchboard 01632 960377. www.wrenmouth.gov.uk\n"
                        f"Page {self.page_no()} of {{nb}}", align="C")


def main() -> None:
    pdf = Letter(format="A4")
    if (FONT_DIR / "LiberationSans-Regular.ttf").exists():
        pdf.add_font("Lib", "", str(FONT_DIR / "LiberationSans-Regular.ttf"))
        pdf.add_font("Lib", "B", str(FONT_DIR / "LiberationSans-Bold.ttf"))
        pdf.base = "Lib"
    pdf.alias_nb_pages()
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, 22)
    pdf.add_page()

    pdf.set_font(pdf.base, "B", 16)
    pdf.cell(0, 8, "WRENMOUTH COUNCIL", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.base, "", 9)
    pdf.cell(0, 4.5, "Legal and Democratic Services - Information Rights", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 4.5, "Harbour House, 3 Quay Parade, Wrenmouth WR3 8PN", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 4.5, "Tel: 01632 960377  Email: info.rights@wrenmouth.gov.uk", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)

    pdf.set_font(pdf.base, "", 10)
    for line in ("Our Ref: WRE/IR/2024/04417", "Your Ref: RI-2324-WREN", "Date: 9 January 2025",
                 "Please ask for: Mr G. Penhallow-Reid"):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in ("Ms L. Ferreira-Walsh", "Open Doors Research Network", "By email only"):
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)

    def para(text, bold=False, gap=2.5):
        pdf.set_font(pdf.base, "B" if bold else "", 10)
        pdf.multi_cell(0, 5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    para("Dear Madam")
    para("Freedom of Information Act 2000 - Request No. WRE/IR/2024/04417", bold=True)
    para("I refer to your request for information dated 14 November 2024 concerning return home interviews "
         "for children who have been missing, for the period 1 April 2023 to 31 March 2024. I apologise "
         "that this reply falls outside the statutory period of 20 working days.")
    para("The Council's replies are given below against the numbers used in your request. Table 1 sets out "
         "the episode and interview figures by quarter, with the total for the year in the bottom row.")

    para("Table 1: Missing episodes and return home interviews (RHIs), 2023/24", bold=True, gap=1.5)
    pdf.set_font(pdf.base, "", 9)
    with pdf.table(col_widths=(34, 24, 22, 24, 26, 18), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
                   line_height=5.2, borders_layout="ALL", first_row_as_headings=True) as table:
        for row in TABLE:
            r = table.row()
            for cell in row:
                r.cell(cell)
    pdf.ln(4)
    pdf.set_font(pdf.base, "", 8.5)
    pdf.multi_cell(0, 4.2, "Source: Council children's social care system, extract taken 6 December 2024 at 16:05. "
                           "An episode is counted in the quarter in which the child was reported missing.",
                   align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    for num, text in ANSWERS:
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        pdf.set_font(pdf.base, "B", 10)
        y = pdf.get_y()
        pdf.cell(20, 5, num)
        pdf.set_font(pdf.base, "", 10)
        pdf.set_xy(pdf.l_margin + 20, y)
        pdf.multi_cell(0, 5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)

    para("Figures are subject to revision as records are completed, and may not match figures published "
         "elsewhere.")
    para("If you are not satisfied with the handling of your request, you may ask for an internal review. "
         "Requests for review should be made in writing within 40 working days of the date of this letter "
         "to the Information Rights Manager at the address above. Should you remain dissatisfied following "
         "the review, you may refer the matter to the Information Commissioner's Office, Wycliffe House, "
         "Water Lane, Wilmslow SK9 5AF (www.ico.org.uk).")
    para("The information provided is subject to Crown copyright or the copyright of Wrenmouth Council. You "
         "may re-use it under the Open Government Licence, provided the source is acknowledged.")
    para("I trust this is of assistance.")
    para("Yours faithfully")
    pdf.ln(4)
    para("G. Penhallow-Reid", gap=0)
    para("Information Rights Officer", gap=0)
    para("For the Director of Legal and Democratic Services", gap=0)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(OUT))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
