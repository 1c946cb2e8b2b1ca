"""Build the generated letters of this set (questionnaire rhi-commissioning-2025).

    /work/main/.venv/bin/python build.py

Writes, in the parent folder:
  ormsby-vale-2025.pdf     also-form of the hand-written ormsby-vale-2025.txt
  pendlecross-2025.docx    Word tables (Question | Response, quarterly table with total)
  pendlecross-2025.pdf     also-form of the .docx, ruled fpdf2 tables
  stallbridge-2025.pdf     bare Q-numbered answers, percentages
  thornwick-2025.eml       e-mail reply on top, original request quoted below (from src/)
Needs python-docx and fpdf2; uses the DejaVu fonts in /usr/share/fonts/truetype/dejavu.
"""
import html
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx
from docx.shared import Cm, Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "letters"
SRC = HERE / "src"
FONTDIR = Path("/usr/share/fonts/truetype/dejavu")


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
            self.cell(0, 5, f"{self.footer_text}   Page {self.page_no()} of {{nb}}", align="C")

    def para(self, text, size=10, style="", gap=2, h=5, align="L"):
        self.set_font("DejaVu", style, size)
        self.multi_cell(0, h, text, align=align)
        self.ln(gap)

    def ruled_table(self, rows, widths, size=9, header=True):
        self.set_font("DejaVu", "", size)
        with self.table(col_widths=widths, text_align="LEFT", borders_layout="ALL",
                        line_height=size * 0.55,
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


# ----------------------------------------------------------------------------------------
# Ormsby Vale: the .txt letter set as a PDF (paragraphs re-flowed, as a council would print)
# ----------------------------------------------------------------------------------------
def ormsby_pdf():
    text = (OUT / "ormsby-vale-2025.txt").read_text()
    blocks = text.strip().split("\n\n")
    pdf = Pdf("Ormsby Vale Council - OVC/FOI/2025/01172")
    pdf.alias_nb_pages()
    pdf.add_page()
    for i, b in enumerate(blocks):
        lines = b.split("\n")
        if i == 0:  # letterhead: keep lines
            pdf.para(lines[0], size=14, style="B", gap=0, h=7)
            pdf.para("\n".join(lines[1:]), size=8, gap=4, h=4)
        elif i in (1, 2):  # address and references: keep lines
            pdf.para("\n".join(lines), size=10, gap=3)
        elif b.startswith('"'):  # quoted question: bold, re-flowed
            pdf.para(" ".join(lines), size=10, style="B", gap=1)
        else:
            first = lines[0]
            if first in ("Re-use of information", "Your right to complain"):
                pdf.para(first, size=10, style="B", gap=0)
                lines = lines[1:]
            if i == 4:  # subject lines
                pdf.para("\n".join(lines), size=10, style="B", gap=2)
            elif len(lines) > 1 and b.startswith(("Yours", "Daniel")):
                pdf.para("\n".join(lines), size=10, gap=2)
            else:
                pdf.para(" ".join(lines), size=10, gap=2)
    pdf.output(str(OUT / "ormsby-vale-2025.pdf"))


# ----------------------------------------------------------------------------------------
# Pendlecross: Word letter with a Question | Response table and a quarterly table
# ----------------------------------------------------------------------------------------
P_HEAD = [
    "Pendlecross Borough Council",
    "Legal and Democratic Services - Information Access",
    "Town Hall, 2 Chantry Square, Pendlecross PX1 4HD",
    "T: 0300 555 0172   E: info.access@pendlecross.gov.example",
]
P_META = [
    "Our reference: PBC-IR-250913",
    "Date: 11 June 2025",
    "Requested by: Safe Return Alliance (email of 14 May 2025, 16:05)",
]
P_INTRO = [
    "Dear Requester,",
    "Request for information - return home interviews 2024/25",
    "Thank you for your request, which we have dealt with under the Freedom of Information "
    "Act 2000. The council holds the information requested. Our answers to your five "
    "questions are in Table 1. Figures cover the financial year from 1 April 2024 to "
    "31 March 2025 and are taken from the Children's Services case recording system on "
    "2 June 2025.",
]
P_TABLE1 = [
    ["No.", "Question", "Response"],
    ["1", "Who delivers return home interviews for the council - its own team, or an "
          "organisation it commissions? Please name the organisation.",
     "Two providers. Children looked after by Pendlecross are interviewed by the council's "
     "Missing and Exploitation Hub, a dedicated team within Children's Services. All other "
     "children are interviewed by Brightpath Futures CIC, a community interest company "
     "commissioned by the council since April 2023."],
    ["2", "How many return home interviews were offered in 2024/25?",
     "Please see Table 2 below for a quarter-by-quarter breakdown and the total for the year."],
    ["3", "How many return home interviews were completed in 2024/25?",
     "Please see Table 2 below."],
    ["4", "In how many completed interviews was criminal or sexual exploitation identified "
          "or disclosed?",
     "131 completed interviews. In 84 the concern was criminal exploitation (including "
     "county lines) and in 47 it was sexual exploitation."],
    ["5", "Is what children say in return interviews shared with a multi-agency "
          "exploitation panel or the police? (yes / no)",
     "Yes. Both providers send a copy of every interview summary to the Hub, which shares "
     "exploitation intelligence with the police and takes children of concern to the "
     "fortnightly MACE panel."],
]
P_TABLE2 = [
    ["Quarter", "Interviews offered", "Interviews completed"],
    ["Q1 (April - June 2024)", "251", "163"],
    ["Q2 (July - September 2024)", "289", "197"],
    ["Q3 (October - December 2024)", "262", "171"],
    ["Q4 (January - March 2025)", "244", "157"],
    ["Total 2024/25", "1,046", "688"],
]
P_AFTER = [
    "Note: in 2024/25 Pendlecross Police notified the council of 1,211 missing "
    "episodes involving Pendlecross children. An interview is offered after every episode "
    "unless the child is already open to the Hub and was seen within the previous 7 days.",
    "You may re-use this information for non-commercial research. If you are dissatisfied "
    "with our handling of your request, please ask for an internal review within 40 working "
    "days of the date of this letter. You may then complain to the Information "
    "Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF.",
    "Yours faithfully,",
    "Information Access Team\nPendlecross Borough Council",
]


def pendlecross_docx():
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(10)
    p = d.add_paragraph()
    r = p.add_run(P_HEAD[0])
    r.bold = True
    r.font.size = Pt(16)
    for line in P_HEAD[1:]:
        d.add_paragraph(line)
    d.add_paragraph("")
    for line in P_META:
        d.add_paragraph(line)
    d.add_paragraph(P_INTRO[0])
    p = d.add_paragraph()
    p.add_run(P_INTRO[1]).bold = True
    d.add_paragraph(P_INTRO[2])
    p = d.add_paragraph()
    p.add_run("Table 1: Your questions and our responses").bold = True
    word_table(d, P_TABLE1, [1.2, 6.3, 8.5])
    p = d.add_paragraph()
    p.add_run("Table 2: Return home interviews offered and completed by quarter, 2024/25").bold = True
    word_table(d, P_TABLE2, [6.5, 4.5, 4.5])
    for para in P_AFTER:
        d.add_paragraph(para)
    d.save(str(OUT / "pendlecross-2025.docx"))


def pendlecross_pdf():
    pdf = Pdf("Pendlecross Borough Council  PBC-IR-250913")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.para(P_HEAD[0], size=15, style="B", gap=0, h=7)
    pdf.para("\n".join(P_HEAD[1:]), size=8, gap=4, h=4)
    pdf.para("\n".join(P_META), size=10, gap=3)
    pdf.para(P_INTRO[0])
    pdf.para(P_INTRO[1], style="B")
    pdf.para(P_INTRO[2])
    pdf.para("Table 1: Your questions and our responses", style="B", gap=1)
    pdf.ruled_table(P_TABLE1, (12, 63, 99))
    pdf.para("Table 2: Return home interviews offered and completed by quarter, 2024/25",
             style="B", gap=1)
    pdf.ruled_table(P_TABLE2, (74, 50, 50))
    for para in P_AFTER:
        pdf.para(para)
    pdf.output(str(OUT / "pendlecross-2025.pdf"))


# ----------------------------------------------------------------------------------------
# Stallbridge: PDF letter, answers under bare Q numbers, percentages
# ----------------------------------------------------------------------------------------
S_ANSWERS = [
    ("Q1", "In-house. Return home interviews are carried out by Stallbridge City Council's "
           "Youth Service. The interviews are done by its six Return Interview Workers, who "
           "are all qualified youth workers. No part of the service is commissioned."),
    ("Q2", "1,492 return home interviews were offered in 2024/25. For context, the police "
           "reported 1,655 missing episodes involving Stallbridge children in the same year."),
    ("Q3", "74.6% of the interviews offered were completed. 81.0% of the completed interviews "
           "took place within 72 hours of the child's return."),
    ("Q4", "Criminal and/or sexual exploitation was identified or disclosed in 21.3% of "
           "completed interviews."),
    ("Q5", "Yes. A summary of every completed interview is sent to the Stallbridge Exploitation "
           "Hub. Information about exploitation is passed to Stallbridge Police on an "
           "intelligence submission, and children of concern are referred to the monthly "
           "Exploitation and Missing Panel."),
]


def stallbridge_pdf():
    pdf = Pdf("Stallbridge City Council | Reg. office: Guildhall, 40 Corn Exchange Street, "
              "Stallbridge SB4 8NN")
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.para("STALLBRIDGE CITY COUNCIL", size=15, style="B", gap=0, h=7)
    pdf.para("Customer Insight and Information Rights\nGuildhall, 40 Corn Exchange Street, "
             "Stallbridge SB4 8NN\nTel 01632 715509 ext. 2261 | foi@stallbridge.gov.example",
             size=8, gap=5, h=4)
    pdf.para("FOI reference: SCC 2025 04471\nDate of response: 19 June 2025\n"
             "Date request received: 22 May 2025", size=10, gap=4)
    pdf.para("Dear Ms Okafor-Lund")
    pdf.para("Freedom of Information Act 2000 - return home interviews, 1 April 2024 to "
             "31 March 2025", style="B")
    pdf.para("Thank you for your request for information about return home interviews. "
             "The council holds the information you asked for, and our answers are given "
             "below in the order of your questions. Our case recording system reports "
             "performance as percentages, so questions 3 and 4 are answered in that form; "
             "each percentage states what it is a percentage of.")
    for q, a in S_ANSWERS:
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(14, 5, q)
        pdf.set_font("DejaVu", "", 10)
        pdf.multi_cell(0, 5, a, align="L")
        pdf.ln(3)
    pdf.para("Please quote the reference SCC 2025 04471 in any correspondence. If you are "
             "not satisfied with this response you may request an internal review within "
             "40 working days. If you are still dissatisfied you can complain to the "
             "Information Commissioner's Office (0303 123 1113).")
    pdf.para("The information provided is Crown and council copyright and may be re-used "
             "under the Open Government Licence.")
    pdf.para("Yours sincerely\n\nM. Haverford-Osei\nInformation Rights Officer")
    pdf.output(str(OUT / "stallbridge-2025.pdf"))


# ----------------------------------------------------------------------------------------
# Thornwick: e-mail, reply on top with inline answers, original quoted with "> "
# ----------------------------------------------------------------------------------------
def thornwick_eml():
    reply = (SRC / "thornwick-2025.reply.txt").read_text()
    original = (SRC / "thornwick-2025.orig.txt").read_text()
    intro = ("On Mon, 2 Jun 2025 at 10:47, Nadia Okafor-Lund "
             "<n.okafor-lund@safereturn-alliance.example> wrote:")
    quoted = "\n".join(("> " + line).rstrip() for line in original.strip().splitlines())
    plain = reply.rstrip() + "\n\n" + intro + "\n" + quoted + "\n"
    paras = "".join("<p>" + html.escape(b).replace("\n", "<br>\n") + "</p>\n"
                    for b in reply.strip().split("\n\n"))
    orig_html = "".join("<p>" + html.escape(b).replace("\n", "<br>\n") + "</p>\n"
                        for b in original.strip().split("\n\n"))
    body_html = ("<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Calibri\">\n"
                 + paras + "<hr>\n<p>" + html.escape(intro) + "</p>\n"
                 + "<blockquote style=\"border-left:2px solid #999;padding-left:8px\">\n"
                 + orig_html + "</blockquote>\n</body></html>\n")
    msg = EmailMessage()
    msg["From"] = "Information Compliance <foi@thornwick.gov.example>"
    msg["To"] = "Nadia Okafor-Lund <n.okafor-lund@safereturn-alliance.example>"
    msg["Subject"] = "RE: FOI request - return home interviews 2024/25 [TDC/FOI/25/0391]"
    msg["Date"] = format_datetime(datetime(2025, 6, 27, 15, 18, 9,
                                           tzinfo=timezone(timedelta(hours=1))))
    msg["Message-ID"] = "<TDC-FOI-25-0391.20250627151809@thornwick.gov.example>"
    msg["In-Reply-To"] = "<CAF+20250602104700.881@safereturn-alliance.example>"
    msg.set_content(plain)
    msg.add_alternative(body_html, subtype="html")
    (OUT / "thornwick-2025.eml").write_bytes(bytes(msg))


if __name__ == "__main__":
    ormsby_pdf()
    pendlecross_docx()
    pendlecross_pdf()
    stallbridge_pdf()
    thornwick_eml()
