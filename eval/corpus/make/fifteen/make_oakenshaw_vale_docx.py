"""Build letters/oakenshaw-vale-2018.docx (questions restated and grouped in the council's own words).

Run: /work/main/.venv/bin/python make/make_oakenshaw_vale_docx.py   (from /work/sealed-2027-05/L)
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parents[2]
OUT = HERE / "letters" / "oakenshaw-vale-2018.docx"

doc = Document()
doc.styles["Normal"].font.name = "Calibri"
doc.styles["Normal"].font.size = Pt(11)

p = doc.add_paragraph()
r = p.add_run("Oakenshaw Vale Council")
r.bold = True
r.font.size = Pt(18)
for line in ["Corporate Information Unit", "Vale House, 3 Weavers Row, Oakenshaw OV5 2JD",
             "Tel 01632 960649 - information.unit@oakenshawvale.gov.uk"]:
    doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.LEFT

doc.add_paragraph("Mr Harjit Sandhu\nVia e-mail")
doc.add_paragraph("Our ref: OVC/FOI/2018/1042\n29 May 2018")
doc.add_paragraph("Dear Mr Sandhu")
doc.add_paragraph().add_run("Your information request about return home interviews, 2017/18").bold = True
doc.add_paragraph(
    "Thank you for your request of 1 May 2018. To make our reply easier to follow we have grouped some of your "
    "questions together and summarised each group in our own words; the numbers in brackets refer to your "
    "original questions. Figures cover the financial year 1 April 2017 to 31 March 2018."
)

sections = [
    ("Who carries out the interviews, now and in earlier years (your questions 1, 2 and 3)", [
        "Since April 2015 return interviews have been procured from Vantage Youth Services Ltd, an independent "
        "provider, through the council's children's services framework. The same arrangement was in place "
        "throughout 2016/17.",
        "We no longer hold records showing how interviews were arranged in 2013/14; files from that period were "
        "destroyed under our retention schedule.",
    ]),
    ("How many times children went missing, and how many children were involved (question 4)", [
        "There were 702 missing episodes in the year, relating to 263 individual children. Of those 263 children, "
        "41 were looked after by the council.",
    ]),
    ("Turning down or taking up an interview (questions 5b and 5c)", [
        "Our system records when an offer is declined, but not whether it was accepted: an offer that is neither "
        "declined nor completed is simply left open. To work out the number accepted we would need to read the case "
        "notes for each of the 688 offers. At about 6 minutes each this would take roughly 69 hours, well over the "
        "18-hour appropriate limit, so we are refusing this part of your request under section 12 of the Act.",
        "We can tell you that 171 offers were declined.",
    ]),
    ("How often an interview was offered (question 5a)", [
        "An interview was offered after 688 of the 702 episodes. The 14 episodes without an offer were cases where "
        "the young person was already in custody or had turned 18 during the episode.",
    ]),
    ("Interviews held, and how quickly (questions 6a and 6b)", [
        "474 interviews took place. 296 of them were held within 72 hours of the young person coming home, which is "
        "62.4% of those held.",
    ]),
    ("How we measure the 72 hours (question 6c)", [
        "The 72 hours run from the return time shown on the police record. We measure in hours, so weekends count in "
        "full. We make no change to the calculation if the child goes missing again before being seen; each episode "
        "keeps its own 72-hour window.",
    ]),
    ("Support after the interview, and what the information is used for (questions 7a, 7b and 7c)", [
        "Vantage offers up to three follow-up sessions to any young person who wants them.",
        "Interview records are uploaded to the child's file within five working days, and the main themes are reported "
        "each month to the missing and exploitation group of the Oakenshaw Vale Safeguarding Partnership.",
        "Where an interview points to a risk of harm, Vantage telephones the Children's Gateway the same day and the "
        "social worker decides whether a strategy meeting is needed.",
    ]),
    ("Your wider questions about the service (question 8)", [
        "Our contract with Vantage is due for renewal in 2019 and we are considering bringing part of the service "
        "in-house. Young people tell us they value seeing the same worker each time. Travelling to the rural villages "
        "is the main practical barrier.",
    ]),
    ("Children placed away from Oakenshaw Vale (out-of-area questions 1 to 2d)", [
        "Vantage, the same independent provider that covers our local children, travels to see our looked-after "
        "children wherever they are placed. This fits none of the listed options exactly, so we have chosen 'other'.",
        "During 2017/18, 176 children in our care were placed outside the council's area. 22 of them went missing, "
        "on 87 occasions in total. An interview was offered after 80 of those episodes and 41 interviews took place.",
    ]),
    ("Children placed in Oakenshaw Vale by other councils (out-of-area questions 3 to 5b)", [
        "Yes, we offer these children an interview. Vantage carries it out and we recharge the placing council for "
        "each interview as a spot purchase.",
        "219 looked-after children from other councils were placed in our area during the year. They were reported "
        "missing 9 times. The number of children involved is fewer than five, so we are withholding it under section "
        "40(2) of the Act because it could identify them. 6 interviews were completed for this group.",
    ]),
    ("Anything else on out-of-area placements (out-of-area question 6)", [
        "A national agreement on who interviews children placed across council boundaries would help us; at present "
        "each case has to be negotiated separately.",
    ]),
]
for heading, paras in sections:
    doc.add_heading(heading, level=2)
    for text in paras:
        doc.add_paragraph(text)

doc.add_paragraph(
    "Information we release can be re-used under the Open Government Licence. If you are unhappy with the way we "
    "have dealt with your request, please write to the Corporate Information Unit within 40 working days to ask for "
    "an internal review. You may then complain to the Information Commissioner's Office, Wycliffe House, Water Lane, "
    "Wilmslow SK9 5AF."
)
doc.add_paragraph("Yours sincerely")
doc.add_paragraph("Kerry Ashdown\nCorporate Information Officer\nOakenshaw Vale Council")
doc.save(OUT)
print("wrote", OUT)
