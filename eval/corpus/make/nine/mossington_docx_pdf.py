"""Build letters/mossington-2018.docx (Word tables) and its `also` form
letters/mossington-2018.pdf (ruled fpdf2 tables) from one content list.

Run: /work/main/.venv/bin/python make/mossington_docx_pdf.py   (from the F folder)
"""
from pathlib import Path

from docx import Document
from docx.shared import Pt, Cm
from fpdf import FPDF

HERE = Path(__file__).resolve().parents[2]
LET = HERE / "letters"

HEAD = [
    "MOSSINGTON COUNTY COUNCIL",
    "Information Governance Team",
    "County Hall, 2 Brackley Road, Mossington MN1 2HQ",
    "Telephone 01632 960227  |  foi@mossington.gov.uk",
]

BLOCKS = [
    ("p", "Ms R. Okafor\nPolicy and Research Officer\nRunaway Support Network\nBy email"),
    ("p", "Our reference: IG/FOI/2018/1164\nDate: 21 August 2018"),
    ("p", "Dear Ms Okafor"),
    ("b", "Request for information: return home interviews"),
    ("p", "Your request of 24 July 2018 has been considered under the Freedom of Information Act 2000 "
          "(\"the Act\"). The Council holds most of the information you asked for and it is set out in the "
          "tables below. Where the Council also holds figures for 2016/17 they are shown for context; the "
          "period you asked about, 1 April 2017 to 31 March 2018, is the right-hand column of Table 2."),
    ("b", "Table 1 - Who delivers return home interviews"),
    ("t", ["Question", "Response"], [
        ["1. Who currently delivers return home interviews: a third sector agency (which?) or a team within the Council (which team or role)?",
         "A Council team. Interviews are carried out by Return Interview Workers in the Mossington Missing and Exploitation Hub (MEH), part of the Safeguarding and Quality Assurance service. No third sector agency is used."],
        ["2. Who delivered them in 2016/17?",
         "Safe Steps North, a registered charity, under contract until 30 September 2016; the MEH from 1 October 2016."],
        ["3. Who delivered them in 2013/14?",
         "Safe Steps North, under the contract awarded in 2012."],
    ], [70, 110]),
    ("b", "Table 2 - Missing incidents and return interviews"),
    ("t", ["Ref", "Measure", "2016/17", "2017/18"], [
        ["4a", "Missing incidents reported", "1,876", "2,013"],
        ["4b", "Individual children the incidents relate to", "604", "655"],
        ["5a", "Incidents where an RHI was offered to the child or parent/carer", "1,702", "1,948"],
        ["5b", "Offers accepted by the child", "1,120", "1,301"],
        ["5c", "Incidents where the offer was declined", "582", "647"],
        ["6a", "Incidents where an RHI was carried out", "1,098", "1,262"],
        ["6b", "RHIs carried out within 72 hours of the child's return", "Not recorded", "903"],
    ], [14, 106, 30, 30]),
    ("p", "Note to 6b: a field for the date of interview was added to the case recording system on "
          "3 April 2017, so timeliness cannot be reported for 2016/17."),
    ("b", "Table 3 - Measuring the 72 hours, and what happens after an interview"),
    ("t", ["Question", "Response"], [
        ["6c(i). Is the 72 hours counted from the child's return or from the police referral?",
         "From the child's return. The date of return is taken from the police notification."],
        ["6c(ii). Hours or days? Calendar or working days?",
         "Calendar days. An interview held within 3 calendar days of the return date is treated as within 72 hours; clock times are not recorded."],
        ["6c(iii). Is any adjustment made if the child goes missing again before the interview?",
         "No adjustment is made. Each episode is measured from its own return date."],
        ["7a. Do you provide or commission follow-up support after an RHI?",
         "Yes. Where continuing need is identified the MEH worker can offer up to 12 weeks of key-work, or refer the family to Early Help."],
        ["7b. What happens to the information gathered in an RHI?",
         "The interview record is saved to the child's file and shared with the allocated social worker or Early Help lead. Anonymised themes are reported each quarter to the Safeguarding Children Partnership's exploitation sub-group."],
        ["7c. What steps follow when a vulnerability is identified?",
         "The worker completes an exploitation risk screening the same working day. Medium or high risk leads to a referral to the Multi-Agency Child Exploitation meeting (MACE), held fortnightly, and intelligence is passed to police on a partnership form."],
        ["8. Is there anything more you would like to tell us about your service?",
         "Bringing the service in-house in October 2016 improved links with social workers, but evening and weekend cover remains thin: the MEH is staffed 08:30 to 20:00 on weekdays only."],
    ], [70, 110]),
    ("b", "Table 4 - Looked after children placed out of area (2017/18)"),
    ("t", ["Question", "Response"], [
        ["OOA1. How are RHIs delivered to looked after children placed outside Mossington?",
         "(c) By children's services: this may be the child's own social worker, or an MEH worker where travel allows."],
        ["OOA2a. How many children in our care were placed out of area during the year?",
         "238 during the year (171 placed out of area on 31 March 2018)"],
        ["OOA2b. How many of those went missing?",
         "47 children; 196 incidents"],
        ["OOA2c. How many were offered an RHI?",
         "Refused under section 12 - see Note A"],
        ["OOA2d. How many received an RHI?",
         "122 RHIs"],
        ["OOA3. Do you offer RHIs to looked after children placed in Mossington by other councils?",
         "Case by case, usually where the placing authority asks us to."],
        ["OOA4. If yes or case by case, which agency delivers them?",
         "The MEH (Council team)."],
        ["OOA5a. How many looked after children did other councils place in Mossington during the year?",
         "412 during the year (289 on 31 March 2018)"],
        ["OOA5b. How many of those went missing, and how many received an RHI?",
         "58 children; 251 incidents; 17 RHIs completed by the MEH at the placing authority's request"],
        ["OOA6. Anything more about RHIs for children placed out of area?",
         "Mossington hosts a large number of private children's homes near the motorway corridor. Notifications from placing authorities are often late or missing, which makes it hard to know who is responsible for the interview."],
    ], [70, 110]),
    ("b", "Note A - section 12 (cost of compliance)"),
    ("p", "Offers of an interview to children placed out of area are recorded in case notes rather than in a "
          "reportable field. To answer OOA2c we would have to read the notes for each of the 196 episodes. A "
          "sample of 10 took an average of 20 minutes each, so the work would take around 65 hours, well above "
          "the appropriate limit of 18 hours (£450) set by the Fees Regulations. Section 12 of the Act "
          "therefore applies to this part of your request. You may wish to narrow it, for example to a single "
          "quarter."),
    ("b", "Re-use of information"),
    ("p", "Most of the information we supply is Council copyright and may be re-used under the Open Government "
          "Licence. Information owned by third parties may need their permission."),
    ("b", "Your rights"),
    ("p", "If you are unhappy with this response you can ask for an internal review by writing to the "
          "Information Governance Team within 40 working days. If you are still dissatisfied you may apply to "
          "the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF."),
    ("p", "Yours sincerely"),
    ("p", "Gillian Marsh\nSenior Information Governance Officer"),
]


def build_docx(path):
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(10)
    for i, line in enumerate(HEAD):
        p = doc.add_paragraph()
        r = p.add_run(line)
        r.bold = i == 0
        if i == 0:
            r.font.size = Pt(14)
    for kind, *rest in BLOCKS:
        if kind == "p":
            doc.add_paragraph(rest[0])
        elif kind == "b":
            p = doc.add_paragraph()
            p.add_run(rest[0]).bold = True
        elif kind == "t":
            header, rows, widths = rest
            t = doc.add_table(rows=1, cols=len(header))
            t.style = "Table Grid"
            for c, h in zip(t.rows[0].cells, header):
                c.text = ""
                c.paragraphs[0].add_run(h).bold = True
            for row in rows:
                cells = t.add_row().cells
                for c, v in zip(cells, row):
                    c.text = v
            for row in t.rows:
                for c, w in zip(row.cells, widths):
                    c.width = Cm(w / 10 * 0.9)
    doc.save(path)


class LetterPDF(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("DejaVu", "", 7)
        self.cell(0, 5, f"Mossington County Council - IG/FOI/2018/1164 - page {self.page_no()}", align="C")


def build_pdf(path):
    pdf = LetterPDF(format="A4")
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 7, HEAD[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    for line in HEAD[1:]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for kind, *rest in BLOCKS:
        if kind == "p":
            pdf.set_font("DejaVu", "", 9.5)
            pdf.multi_cell(0, 5, rest[0], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "b":
            pdf.set_font("DejaVu", "B", 10)
            pdf.multi_cell(0, 6, rest[0], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif kind == "t":
            header, rows, widths = rest
            pdf.set_font("DejaVu", "", 8.5)
            with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.5,
                           first_row_as_headings=True) as table:
                for row in [header] + rows:
                    r = table.row()
                    for v in row:
                        r.cell(v)
            pdf.ln(3)
    pdf.output(str(path))


build_docx(LET / "mossington-2018.docx")
build_pdf(LET / "mossington-2018.pdf")
print("ok")
