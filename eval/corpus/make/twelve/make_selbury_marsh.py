"""Build letters/selbury-marsh-2018.pdf (ruled quarterly table, fpdf2) and its also form
letters/selbury-marsh-2018.docx (Word table, python-docx) from one block list.

Run: /work/main/.venv/bin/python make/make_selbury_marsh.py  (from /work/sealed-2027-04/I)
"""
from pathlib import Path

from docx import Document
from docx.shared import Pt
from fpdf import FPDF

LETTERS = Path(__file__).resolve().parents[2] / "letters"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

TABLE = [
    ["Quarter", "Episodes", "Children", "Offered", "Completed", "Within 72 hours"],
    ["Apr-Jun 2017", "176", "88", "160", "118", "77"],
    ["Jul-Sep 2017", "203", "97", "188", "139", "95"],
    ["Oct-Dec 2017", "168", "79", "151", "107", "70"],
    ["Jan-Mar 2018", "187", "91", "170", "126", "86"],
    ["Total 2017/18", "734", "249 (unique)", "669", "490", "328"],
]

BLOCKS = [
    ("title", "SELBURY MARSH COUNCIL"),
    ("small", "Information Rights Team, The Guildhall, Staithe Road, Selbury Marsh SM3 8PL"),
    ("small", "Telephone 01632 960 235 | informationrights@selburymarsh.gov.uk"),
    ("gap", ""),
    ("p", "Ms R Abernethy"),
    ("p", "Our reference: SMC 18/0562"),
    ("p", "Date: 28 June 2018"),
    ("gap", ""),
    ("p", "Dear Ms Abernethy,"),
    ("h", "Freedom of Information Act 2000: return home interviews"),
    ("p", "I write in response to your request received on 31 May 2018. Our answer follows each of "
          "your questions below. All figures relate to the financial year 2017/18 (1 April 2017 to "
          "31 March 2018)."),
    ("h", "Section 1: Delivery of return home interviews"),
    ("p", "Who delivers RHIs at the moment, a voluntary organisation (which?) or a council team "
          "(which team or role)? Marshlight Children's Charity, a local voluntary organisation, "
          "delivers all of our RHIs."),
    ("p", "Who delivered them during 2016/17? Marshlight Children's Charity, as now."),
    ("p", "Who delivered them during 2013/14? Youth workers from the council Youth Service, and "
          "social workers for children in care."),
    ("h", "Section 2: Missing episodes and interviews"),
    ("p", "The quarterly figures below come from our monthly missing report; the Total row gives "
          "the figure for the whole year."),
    ("table", TABLE),
    ("p", "How many missing episodes were reported in 2017/18? 734 for the year (see Total row)."),
    ("p", "How many different children did these episodes relate to? 249 children. The quarterly "
          "counts of children cannot be added together, as some children went missing in more "
          "than one quarter."),
    ("p", "In how many episodes was an RHI offered to the young person or their parent/carer? "
          "See the Offered column, Total row."),
    ("p", "How many offers were accepted by the child? 541."),
    ("p", "And how many were declined? 97."),
    ("p", "In how many episodes did an RHI take place? 490 interviews took place (see Completed "
          "column)."),
    ("p", "How many of those were completed within 72 hours of the child's return? See the Within "
          "72 hours column, Total row."),
    ("p", "How do you calculate the 72 hours, and what assumptions do you make? Our answers to the "
          "three parts follow."),
    ("p", "Do you count from the child's return or from receipt of the police referral? From the "
          "time the police referral reaches our Missing Coordinator."),
    ("p", "Hours or days, and if days, working or calendar days? Calendar days: an interview held "
          "on or before the third calendar day after the referral counts as within 72 hours."),
    ("p", "Any adjustment where the child goes missing again before the interview? None. Each "
          "episode is counted on its own, although one interview will often cover two or more "
          "episodes."),
    ("h", "Section 3: After the interview"),
    ("p", "Is follow-up support offered or commissioned after the RHI? Yes: Marshlight provides up "
          "to ten further sessions where the young person wants them, funded by the council as "
          "part of the same arrangement."),
    ("p", "What do you do with the information gathered? Marshlight sends the completed report to "
          "the council's Missing Coordinator within 24 hours; it is added to the child's file, and "
          "key intelligence is shared with the police and discussed at the fortnightly Missing "
          "and Exploited Children meeting."),
    ("p", "What happens when a vulnerability is identified? Marshlight telephones the allocated "
          "worker or, if there is none, the Children's Advice and Duty Service the same day, and a "
          "referral or strategy discussion follows where the threshold is met."),
    ("p", "Anything else you would like to tell us about your service? The biggest barrier is "
          "young people who are repeatedly missing and decline every offer. Young people value "
          "Marshlight's independence from the council, and we would not want the guidance to "
          "weaken that expectation."),
    ("h", "Section 4: Out of area placements (your out-of-area questions 1 to 6)"),
    ("p", "OOA 1 - How are RHIs delivered to your looked-after children placed outside Selbury "
          "Marsh? Option (a): by Marshlight, who will travel to any placement in England."),
    ("p", "OOA 2a - How many of your looked-after children were placed out of area in 2017/18? "
          "58 children."),
    ("p", "OOA 2b - How many of them went missing? 17 children, in 96 episodes."),
    ("p", "OOA 2c - How many were offered an RHI? Offered after 88 episodes."),
    ("p", "OOA 2d - How many received one? 61 interviews completed."),
    ("p", "OOA 3 - Do you offer RHIs to looked-after children placed in Selbury Marsh by other "
          "councils? No. Responsibility stays with the placing authority, which we notify whenever "
          "we hear that one of its children is missing."),
    ("p", "OOA 4 - If yes or case by case, who delivers them? Not applicable."),
    ("p", "OOA 5a - How many looked-after children did other councils place in your area? "
          "212 children in 2017/18."),
    ("p", "OOA 5b - How many of these went missing, and how many had an RHI? We do not hold a "
          "reliable count of how many of these children went missing. We carried out no return "
          "interviews for them."),
    ("p", "OOA 6 - Anything else about children placed out of area? Travelling time to placements "
          "in the north of England means interviews for those children are rarely held within "
          "72 hours."),
    ("gap", ""),
    ("p", "If you are unhappy with the handling of your request you may ask for an internal review "
          "within 40 working days. If you remain dissatisfied you may then apply to the "
          "Information Commissioner's Office. The information supplied is Crown and council "
          "copyright and may be re-used under the Open Government Licence."),
    ("p", "Yours sincerely,"),
    ("p", "Gemma Strickland"),
    ("p", "Information Rights Officer, Selbury Marsh Council"),
]


def make_pdf(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_B)
    pdf.add_page()
    for kind, text in BLOCKS:
        if kind == "title":
            pdf.set_font("DejaVu", "B", 15)
            pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT", align="R")
        elif kind == "small":
            pdf.set_font("DejaVu", "", 8.5)
            pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", align="R")
        elif kind == "gap":
            pdf.ln(4)
        elif kind == "h":
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 10.5)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("DejaVu", "", 9)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(1.5)
        elif kind == "table":
            pdf.set_font("DejaVu", "", 9)
            with pdf.table(col_widths=(30, 20, 24, 20, 22, 28), text_align="CENTER",
                           line_height=6, first_row_as_headings=True) as t:
                for row in text:
                    r = t.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
    pdf.output(str(path))


def make_docx(path: Path) -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    for kind, text in BLOCKS:
        if kind == "title":
            run = doc.add_paragraph().add_run(text)
            run.bold = True
            run.font.size = Pt(15)
        elif kind == "small":
            doc.add_paragraph(text).runs[0].font.size = Pt(8.5)
        elif kind == "gap":
            continue
        elif kind == "h":
            doc.add_paragraph().add_run(text).bold = True
        elif kind == "p":
            doc.add_paragraph(text)
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(text[0]))
            table.style = "Table Grid"
            for row in text:
                cells = table.add_row().cells
                for c, val in zip(cells, row):
                    c.text = val
    doc.save(path)


make_pdf(LETTERS / "selbury-marsh-2018.pdf")
make_docx(LETTERS / "selbury-marsh-2018.docx")
print("wrote selbury-marsh-2018.pdf and .docx")
