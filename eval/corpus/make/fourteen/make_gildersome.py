"""Build letters/gildersome-cross-2024.pdf with fpdf2.  Run from /work/sealed-2027-05/K:
    /work/main/.venv/bin/python make/make_gildersome.py
"""
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parents[2] / "letters" / "gildersome-cross-2024.pdf"
REF = "GXC-INF-24-00981"

QA = [
    ("Please tell us the number of individual children who were reported as missing from home or care in your area between 1 April 2023 and 31 March 2024.",
     ["2022/23: 655 children.", "2023/24: 702 children."]),
    ("Please also give the total number of missing incidents reported for children in your area over the same period.",
     ["There were 1,963 incidents in 2023/24, up from 1,702 in 2022/23."]),
    ("How many children did your local authority look after at any point during that period?",
     ["689 children were looked after during 2023/24 (2022/23: 671).", "On 31 March 2024, 497 children were in our care."]),
    ("Of the children you looked after, how many individual children were reported missing?",
     ["2023/24: 118 children; 2022/23: 104 children."]),
    ("How many missing incidents were reported for looked after children?",
     ["911 incidents in 2023/24 and 788 in 2022/23."]),
    ("How many return interviews did you offer to children after a missing incident?",
     ["Offered in 2023/24: 1,880. Offered in 2022/23: 1,611."]),
    ("How many return interviews were completed after a missing incident?",
     ["In 2023/24, 1,204 interviews were completed and 377 offers were declined.",
      "The equivalent figures for 2022/23 were 1,049 completed and 341 declined."]),
    ("Of the completed interviews, how many took place within 72 hours of the child coming home?",
     ["We are unable to answer this question.",
      "Our case management system records the date an interview took place but not the time at which the child returned, "
      "so the information is not held in a form that would allow us to work this out.",
      "The MACE Team aims to make first contact with the young person within 24 hours of being notified."]),
    ("Who provides return interviews in your area - for example social workers (possibly the child's own), a dedicated team or "
     "individual within the council, youth workers, an independent service commissioned by the council, or someone else? "
     "Please give as much detail as you can.",
     ["Most return interviews are carried out by the Council's Missing and Child Exploitation (MACE) Team,",
      "a dedicated team of four practitioners within Children's Services.",
      "A smaller number, for children already working with the Brightwater Trust (a local young people's charity),",
      "are carried out by their Brightwater key worker so that the child sees a familiar face."]),
    ("Does your local authority provide or commission any follow-up support for children after a return interview?",
     ["Yes. The MACE Team can offer up to six sessions of follow-up work,",
      "and young people can be referred to Brightwater's mentoring scheme."]),
    ("Is there anything else you would like to tell us about return interviews in your area, such as changes you would like "
     "to the statutory guidance, the barriers you face, or what has worked well?",
     ["Completion rates rose after we began offering interviews at school and in the evenings.",
      "Our biggest difficulty is young people who are reported missing many times in a short period",
      "and do not want repeated interviews.",
      "We would support guidance allowing a single, fuller conversation to cover a cluster of episodes."]),
]


class Letter(FPDF):
    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"{REF}  |  Page {self.page_no()} of {{nb}}", align="C")


pdf = Letter(format="A4")
pdf.set_margins(20, 18, 20)
pdf.set_auto_page_break(True, 18)
pdf.add_page()
pdf.set_font("Helvetica", "B", 15)
pdf.cell(0, 8, "GILDERSOME CROSS COUNCIL", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 9)
for line in ["Information Management Team", "Town Hall, Market Square, Gildersome Cross GX1 1TH",
             "Telephone 01632 960689  |  information.requests@gildersomecross.gov.uk"]:
    pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT")
pdf.ln(8)
pdf.set_font("Helvetica", "", 10)
for line in ["Mr O. Whitlock", "Sent by email", "", f"Reference: {REF}", "Date: 21 October 2024"]:
    pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
pdf.ln(5)
pdf.multi_cell(0, 5, "Dear Mr Whitlock,", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
pdf.set_font("Helvetica", "B", 10)
pdf.multi_cell(0, 5, "Freedom of Information Act 2000: missing children and return interviews", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 10)
pdf.ln(2)
for para in [
    "Thank you for your request, which we received on 24 September 2024. Your questions are repeated below in bold, "
    "with our answer under each.",
    "Where we could do so easily, we have also given the figures for 2022/23, which were released in answer to an "
    "earlier request, so that you can compare the two years. Figures for the period you asked about, 1 April 2023 to "
    "31 March 2024, are labelled 2023/24.",
]:
    pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
for q, answer in QA:
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10)
    pdf.multi_cell(0, 5, q, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.ln(1)
    for line in answer:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
pdf.ln(5)
for para in [
    "If you are unhappy with the way your request has been handled, you may ask for an internal review within 40 "
    "working days of this letter by contacting the Information Management Team. If you are still dissatisfied "
    "afterwards, you can complain to the Information Commissioner (www.ico.org.uk).",
    "This information may be re-used under the Open Government Licence v3.0.",
    "Yours sincerely,",
]:
    pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
pdf.ln(4)
for line in ["Sanjay Rudd", "Information Management Officer"]:
    pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
pdf.output(str(OUT))
print("wrote", OUT.name)
