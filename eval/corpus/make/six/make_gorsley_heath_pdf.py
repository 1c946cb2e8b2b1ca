"""Build gorsley-heath-2024.pdf (fictional FOI reply: prose letter, questions restated in the
council's own words, some answered together, two years' figures side by side).

Run:  /work/main/.venv/bin/python make_gorsley_heath_pdf.py
"""
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parents[2] / "letters" / "gorsley-heath-2024.pdf"

pdf = FPDF(format="A4")
pdf.set_margins(22, 18, 22)
pdf.set_auto_page_break(True, margin=20)
pdf.add_page()


def para(text, size=10, style="", h=5, gap=2.5):
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, h, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def heading(text):
    para(text, size=10, style="B", gap=1)


pdf.set_font("Helvetica", "B", 16)
pdf.cell(0, 8, "GORSLEY HEATH COUNCIL", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", size=8.5)
pdf.multi_cell(0, 4, "Legal and Democratic Services - Information Requests\nThe Heath Offices, 77 Sandpit Lane, "
               "Gorsley Heath GH5 8AZ\nDX 41872 Gorsley Heath | 01632 864 300", align="R",
               new_x="LMARGIN", new_y="NEXT")
pdf.ln(6)

para("Ms J. Pemberton-Okafor\nBy email only", gap=4)
para("Reference: GHC/2024/FOI/2297\nDate: 8 August 2024", gap=4)
para("Dear Ms Pemberton-Okafor,")
heading("Your request for information: return conversations after children go missing")
para("I am writing in response to your request of 10 July 2024 for information about children reported missing "
     "in Gorsley Heath and the return interviews that followed. In Gorsley Heath these interviews are known as "
     "'return conversations'. Rather than repeat your eleven questions, I have summarised them below; in two places "
     "I have answered questions together. Because our annual report to the Safeguarding Partnership compares each "
     "year with the one before, I have given 2022/23 beside 2023/24. The year you asked about is 2023/24 "
     "(1 April 2023 to 31 March 2024).")

heading("Children and episodes (your questions 1 and 2)")
para("The number of different children reported missing was 2022/23: 455; 2023/24: 489. "
     "Those children were reported missing on the following number of occasions: 2022/23: 1,602 episodes; "
     "2023/24: 1,731 episodes.")

heading("Children in our care (your question 3)")
para("You asked how many children the council looked after during the year. The council looked after 326 children "
     "at some point in 2022/23 and 356 children at some point in 2023/24. On 31 March 2024, 251 children were "
     "in our care.")

heading("Looked-after children who went missing (your questions 4 and 5)")
para("In 2023/24, 88 of the children we looked after went missing, and between them they accounted for 624 "
     "missing episodes. The comparable figures for 2022/23 were 79 children and 571 episodes.")

heading("Return conversations offered and held (your questions 6 and 7)")
para("A return conversation was offered after 1,690 episodes in 2023/24 (2022/23: 1,544). Return conversations "
     "took place after 1,102 episodes in 2023/24 (2022/23: 1,009), and 418 offers were declined in 2023/24 "
     "(2022/23: 377). Where an offer is declined, the worker contacts the parent or carer instead.")

heading("Timeliness (your question 8)")
para("We do not hold information on how many return conversations took place within 72 hours of the child's "
     "return. Our recording system captures the date of each conversation but not the time, and the return time "
     "is held only by the police. For information only, 804 of the 2023/24 conversations took place within five "
     "working days of the return date.")

heading("Who carries out return conversations (your question 9)")
para("Return conversations are carried out by Heathside Futures, a registered children's charity. Where a young "
     "person asks for it, their own social worker may hold the conversation instead. We do not use youth workers "
     "or any other provider for this work.")

heading("Support after a return conversation (your question 10)")
para("No. We do not provide or commission a separate follow-up service. Heathside Futures workers signpost "
     "young people to universal and early help services, and concerns are passed to the allocated social worker.")

heading("Anything else about the service (your question 11)")
para("Repeat episodes are our main challenge: in 2023/24 a small group of young people accounted for a large "
     "share of all episodes. Young people tell us they are more willing to talk when the conversation happens "
     "away from home, for example at school or in a cafe. We would welcome clearer guidance on how return "
     "conversations should be shared with the police.")

para("If you are dissatisfied with the handling of your request, you may ask for an internal review within 40 "
     "working days of this letter by writing to the Information Requests team at the address above. If you are "
     "still not content, you may apply to the Information Commissioner for a decision.", size=9)
para("The information supplied is council copyright and may be re-used under the Open Government "
     "Licence.", size=9)
para("Yours sincerely,\n\nDaniel Ashcombe-Reyes\nInformation Requests Officer")

pdf.output(str(OUT))
print("wrote", OUT)
