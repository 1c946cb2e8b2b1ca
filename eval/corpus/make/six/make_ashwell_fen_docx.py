"""Build ashwell-fen-2018.docx (fictional FOI reply with Word tables).

Run:  /work/main/.venv/bin/python make_ashwell_fen_docx.py
Writes the letter into the parent folder (letters/).
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Cm

OUT = Path(__file__).resolve().parents[2] / "letters" / "ashwell-fen-2018.docx"

doc = Document()
style = doc.styles["Normal"]
style.font.name = "Arial"
style.font.size = Pt(10)
for s in doc.sections:
    s.left_margin = s.right_margin = Cm(2)

head = doc.add_paragraph()
head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
r = head.add_run("Ashwell Fen County Council")
r.bold = True
r.font.size = Pt(14)
head.add_run("\nInformation Governance Team\nShire Hall, Market Lane\nAshwell Fen AF3 7QD\n"
             "Tel: 01954 762 310\ninformation.requests@ashwellfen.gov.uk")

meta = doc.add_paragraph()
meta.add_run("Our ref: ").bold = True
meta.add_run("AFCC/FOI/18-0573\n")
meta.add_run("Date: ").bold = True
meta.add_run("19 June 2018\n")
meta.add_run("Request received: ").bold = True
meta.add_run("22 May 2018")

doc.add_paragraph("Dear Dr Whitcombe,")
p = doc.add_paragraph()
p.add_run("Freedom of Information Act 2000 - Request for information about return home interviews").bold = True

doc.add_paragraph(
    "Thank you for your request. We can confirm that the council holds most of the information "
    "you asked for. To keep this reply to a manageable length we have summarised each of your "
    "questions in the tables below, in our own words; your full wording is in your email of "
    "22 May 2018. In a few places we have answered two questions together where the answer is "
    "the same. Unless stated otherwise, the figures cover the financial year 1 April 2017 to "
    "31 March 2018 and were taken from our case management system on 11 June 2018."
)


def make_table(rows, widths=(Cm(1.8), Cm(6.5), Cm(8.7))):
    t = doc.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    hdr = t.rows[0].cells
    for cell, text in zip(hdr, ("Ref", "Your question (our summary)", "Our response")):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for ref, q, a in rows:
        cells = t.add_row().cells
        cells[0].text = ref
        cells[1].text = q
        cells[2].text = a
    for row in t.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w
    return t


doc.add_paragraph().add_run("Part A - Return home interviews for children missing from home or care").bold = True

part_a = [
    ("1", "Who carries out return interviews today: a voluntary sector body or a team within the council?",
     "A voluntary sector body. Interviews are delivered under contract by Fenland Compass, a registered "
     "children's charity based at 40 Mill Road, Ashwell Fen. No council team carries out interviews."),
    ("2 and 3", "Was the same arrangement in place in 2016/17, and in 2013/14?",
     "2016/17: yes, Fenland Compass held the contract for the whole of that year. "
     "2013/14: no. Before the contract started on 1 October 2014, interviews were carried out by the "
     "council's Targeted Youth Support Service, a council team made up of youth workers."),
    ("4a and 4b", "The number of missing episodes reported in the year, and the number of children they involved",
     "1,146 episodes involving 402 children. (For comparison, 2016/17: 1,089 episodes involving 377 children.)"),
    ("5a", "Episodes after which an interview was offered to the child or to a parent or carer",
     "Offered after 1,023 episodes"),
    ("5b and 5c", "Of those offers, how many the child took up and how many were turned down",
     "Accepted: 688\nDeclined: 335"),
    ("6a", "Episodes after which an interview actually took place",
     "661 interviews held"),
    ("6b", "How many of those interviews were held within 72 hours of the return",
     "419 (63.4% of interviews held)"),
    ("6c(i)", "Does the 72 hours start when the child comes back, or when the police tell you?",
     "From the police referral. The period runs from the time the police return notification arrives in "
     "the Fenland Compass duty inbox, which is usually between 2 and 20 hours after the child is found."),
    ("6c(ii)", "Is it counted in hours or in days, and are weekends included?",
     "In hours, including weekends and bank holidays. Notifications that arrive after 19:00 are treated as "
     "arriving at 08:00 the following morning."),
    ("6c(iii)", "What happens to the count if the child runs again before they are interviewed?",
     "The earlier episode is closed as 'not seen - repeat episode' and a new 72-hour period starts from the "
     "latest referral."),
    ("7a", "Is any support offered after the interview?",
     "Yes. Fenland Compass can offer up to eight weeks of one-to-one key work after the interview, and can "
     "refer young people to the council's Early Help Hub."),
    ("7b", "What is done with what the child says in the interview?",
     "The interview record is uploaded to the child's file within one working day. Fenland Compass also "
     "sends the council an anonymised monthly report of push and pull factors, locations and associates, "
     "which is discussed at the Missing and Exploitation Panel."),
    ("7c", "What happens when an interview suggests the child is at risk?",
     "The worker telephones the Integrated Front Door on the same day and follows up in writing. Where "
     "exploitation is suspected, an exploitation screening tool is completed and the case is added to the "
     "agenda of the next Missing and Exploitation Panel."),
    ("8", "Anything else you would like to tell us about the service",
     "Demand has grown each year since the contract began. The main barriers are delays in police "
     "notifications and young people who go missing repeatedly. Young people tell us they value being "
     "seen by someone who is not their social worker or carer."),
]
make_table(part_a)

doc.add_paragraph()
doc.add_paragraph().add_run("Part B - Looked-after children placed outside their home authority").bold = True

part_b = [
    ("OA1", "How do you arrange interviews for Ashwell Fen children in care who live in another area?",
     "Option (h), a mix. Fenland Compass travels to children placed within 25 miles of the county boundary; "
     "for placements further away we buy an interview from the host council's return interview service."),
    ("OA2a", "How many children in your care were placed outside the county during the year?",
     "187 children (131 were placed outside the county on 31 March 2018)"),
    ("OA2b", "How many of them went missing?",
     "41 children, in 158 missing episodes"),
    ("OA2c", "How many were offered an interview?",
     "Offered after 139 episodes"),
    ("OA2d", "How many had an interview?",
     "87 interviews took place"),
    ("OA3", "Do you offer interviews to children placed in Ashwell Fen by other councils?",
     "Case by case. We offer an interview where the placing council asks us to and agrees to meet the cost."),
    ("OA4", "If so, who carries them out?",
     "Fenland Compass, the same charity that covers Ashwell Fen children."),
    ("OA5a", "How many children did other councils place in Ashwell Fen during the year?",
     "Not held. We receive some placement notifications, but they are not recorded in a way that allows "
     "us to count them."),
    ("OA5b", "How many of those children went missing, and how many had an interview?",
     "Police data shows 96 missing episodes involving 29 children placed here by other councils. Fenland "
     "Compass completed 31 interviews for this group."),
    ("OA6", "Anything else about your service for children placed out of area",
     "Arranging interviews through host councils can add several days to the process, and the charges "
     "vary widely between councils."),
]
make_table(part_b)

doc.add_paragraph()
doc.add_paragraph(
    "If you are unhappy with this response you may ask for an internal review by writing to the "
    "Information Governance Team at the address above within 40 working days. If you remain unhappy "
    "after the review you can complain to the Information Commissioner's Office (ico.org.uk)."

)
doc.add_paragraph(
    "Information supplied in this response is subject to copyright and may be re-used under the Open "
    "Government Licence unless we have told you otherwise."
)
doc.add_paragraph("Yours sincerely,")
doc.add_paragraph("Marcus Fellowes\nInformation Governance Officer\nAshwell Fen County Council")

doc.save(OUT)
print("wrote", OUT)
