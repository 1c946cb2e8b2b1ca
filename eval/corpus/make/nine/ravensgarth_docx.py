"""Build letters/ravensgarth-2024.docx (questions quoted in full in bold, no numbers).

Run: /work/main/.venv/bin/python make/ravensgarth_docx.py   (from the F folder)
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parents[2]
OUT = HERE / "letters" / "ravensgarth-2024.docx"

doc = Document()
normal = doc.styles["Normal"]
normal.font.name = "Calibri"
normal.font.size = Pt(11)

sec = doc.sections[0]
fp = sec.footer.paragraphs[0]
fp.text = ("Ravensgarth Metropolitan Borough Council, Civic Offices, 7 St Oswin's Row, Ravensgarth RV9 2FN. "
           "Switchboard 01632 960905. www.ravensgarth.gov.uk")
fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
for r in fp.runs:
    r.font.size = Pt(8)

p = doc.add_paragraph()
r = p.add_run("Ravensgarth Metropolitan Borough Council")
r.bold = True
r.font.size = Pt(16)
r.font.color.rgb = RGBColor(0x5B, 0x1F, 0x3A)
doc.add_paragraph("Legal and Democratic Services - Information Governance Unit\n"
                  "Civic Offices, 7 St Oswin's Row, Ravensgarth RV9 2FN\n"
                  "Telephone 01632 960905   Email igu@ravensgarth.gov.uk")

doc.add_paragraph("Mr Daniel Oyelaran-Pryce\nvia email")
doc.add_paragraph("Date: 18 December 2024\nOur ref: RMBC/IGU/FOI/24/2207\nEnquiries to: Information Governance Unit")

doc.add_paragraph("Dear Mr Oyelaran-Pryce")
h = doc.add_paragraph()
h.add_run("Freedom of Information Act 2000 - Request for Information").bold = True

doc.add_paragraph(
    "I write further to your request for information, received by the Council on 20 November 2024. "
    "The Council has considered your request under the Freedom of Information Act 2000 (the Act). "
    "Each of your questions is reproduced below in bold, followed by the Council's response. The period "
    "to which the figures relate is 1 April 2023 to 31 March 2024.")

QA = [
    ("How many individual children were reported as missing in the Ravensgarth area between 1 April 2023 and 31 March 2024?",
     ["The Council can confirm that 702 individual children were reported missing during this period."]),
    ("How many missing incidents were reported in total over the same period?",
     ["The Council recorded 2,356 missing incidents. Each episode is counted separately, so a child who was "
      "reported missing on three occasions is counted three times."]),
    ("How many children were looked after by the Council between 1 April 2023 and 31 March 2024?",
     ["1,024 children were looked after by the Council at any time during the period. For information, "
      "688 children were looked after on 31 March 2024."]),
    ("How many individual looked after children went missing during that period?", None),
    ("How many missing incidents were reported in respect of looked after children?",
     ["The Council has answered these two questions together. 139 looked after children went missing during "
      "the period, and they accounted for 1,187 of the missing incidents referred to above. Of these 139 "
      "children, 58 were living in placements outside the borough at the time."]),
    ("How many return interviews were offered to children after a missing incident?",
     ["A return interview is offered after every missing incident. The number of offers is therefore the same "
      "as the number of incidents given in response to the second question above."]),
    ("How many return interviews were completed following a missing incident?",
     ["1,419 return interviews were completed. A further 538 offers were declined, either by the young person "
      "or, for younger children, by a parent or carer."]),
    ("How many of the completed return interviews took place within 72 hours of the child's return from the missing episode?",
     ["The Council does not hold this as a reportable figure. The date of each interview is recorded in a "
      "free-text case note, so to establish whether it took place within 72 hours an officer would need to "
      "open each of the 1,419 interview records and compare the note with the return time shown on the police "
      "notification.",
      "A sampling exercise showed that this takes about 6 minutes per record, which amounts to approximately "
      "142 hours of work (1,419 x 6 minutes / 60). This is well above the appropriate limit of 18 hours, or "
      "£450, that applies to local authorities. The Council is therefore refusing this part of your request "
      "under section 12(1) of the Act. Under section 16 of the Act the Council would advise that a request "
      "limited to one month of the year may fall within the limit."]),
    ("Which of the following provide return interviews in your area: social workers (including the child's own "
     "social worker), a dedicated team or individual within the Council, youth workers, an independent service "
     "commissioned by the Council, or someone else? Please give any detail you are able to.",
     ["Return interviews are provided by the Adolescent Safeguarding and Exploitation Team (ASET), a dedicated "
      "team within the Council's Children's Services. Where a young person already has an allocated social "
      "worker and would prefer to speak to them, the interview may instead be completed by that social worker. "
      "No youth workers or commissioned services are involved."]),
    ("Does the Council provide or commission any follow-up support for children after a return interview?",
     ["Yes. ASET practitioners offer continuing direct work where a risk of exploitation has been identified, "
      "normally weekly sessions for up to three months."]),
    ("Is there anything further you would like to tell us about the return interview service, for example about the "
     "statutory guidance, the barriers you face, or what works well?",
     ["ASET reports that young people engage best when the same practitioner sees them after each episode. The "
      "main barrier is the volume of repeat episodes for a small number of young people, which can mean several "
      "offers being made to the same child in one week. The Council would welcome clearer guidance on when a "
      "single interview may cover more than one episode."]),
]

for q, answers in QA:
    qp = doc.add_paragraph()
    qp.add_run(q).bold = True
    for a in answers or []:
        doc.add_paragraph(a)

h = doc.add_paragraph()
h.add_run("Copyright and re-use").bold = True
doc.add_paragraph(
    "The information supplied is subject to the Council's copyright and may be re-used under the terms of the "
    "Open Government Licence. Permission to re-use third-party material must be sought from the copyright holder.")
h = doc.add_paragraph()
h.add_run("Internal review and complaints").bold = True
doc.add_paragraph(
    "If you are dissatisfied with the handling of your request, you may ask for an internal review. Requests "
    "should be made in writing to the Information Governance Unit within 40 working days of the date of this "
    "letter. If you remain dissatisfied following the review, you have the right under section 50 of the Act "
    "to apply to the Information Commissioner for a decision.")
doc.add_paragraph("Yours sincerely")
doc.add_paragraph("M. J. Holroyd\nInformation Governance Manager")

doc.save(OUT)
print("wrote", OUT)
