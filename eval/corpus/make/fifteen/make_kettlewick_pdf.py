"""Build letters/kettlewick-2018.pdf (questions quoted in full, no numbering; ruled quarterly table).

Run: /work/main/.venv/bin/python make/make_kettlewick_pdf.py   (from /work/sealed-2027-05/L)
"""
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parents[2]
OUT = HERE / "letters" / "kettlewick-2018.pdf"
FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
FONT_B = "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"

pdf = FPDF(format="A4")
pdf.set_margins(20, 18, 20)
pdf.set_auto_page_break(True, margin=18)
pdf.add_font("Lib", "", FONT)
pdf.add_font("Lib", "B", FONT_B)
pdf.add_page()


def para(text, bold=False, size=10, gap=2.5):
    pdf.set_font("Lib", "B" if bold else "", size)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(gap)


def qa(question, answer):
    para(question, bold=True, gap=1)
    para(answer)


# letterhead
pdf.set_font("Lib", "B", 15)
pdf.cell(0, 7, "Kettlewick County Council", new_x="LMARGIN", new_y="NEXT", align="R")
pdf.set_font("Lib", "", 9)
for line in ["Information Rights Team, County Hall, Abbey Walk, Kettlewick KW1 3DD",
             "Tel: 01632 960587   Email: inforights@kettlewick.gov.uk"]:
    pdf.cell(0, 4.5, line, new_x="LMARGIN", new_y="NEXT", align="R")
pdf.ln(6)
para("Dr Meera Anand\nSent by email", gap=4)
para("Our ref: KCC/IR/2018/3379\nDate: 2 August 2018", gap=4)
para("Dear Dr Anand")
para("Freedom of Information request: return interviews for children who go missing", bold=True)
para("I am writing in response to your request of 5 July 2018. Your questions are repeated below in bold, "
     "each followed by the council's answer. Unless stated otherwise, figures cover 1 April 2017 to 31 March 2018.")

qa("Thinking about the arrangements in place today, are return home interviews for children who have been missing "
   "from home or from care delivered in your area by a charity or other third sector body, or by a team employed by "
   "the council? Please name the body or team, or tell us the job role of the person who does them.",
   "Since 1 January 2018 interviews have been carried out by Safe Harbour Youth Action, a registered charity based "
   "in Kettlewick. Before that date they were the responsibility of the council's Adolescent Support Service.")
qa("Who was carrying out these interviews during the 2016/17 financial year?",
   "The Adolescent Support Service, a council team, using its family support workers.")
qa("And who was carrying them out in 2013/14?",
   "There was no dedicated service in 2013/14. Interviews were done by the child's allocated social worker or, where "
   "the child was not known to children's social care, a police officer held a return conversation with them.")
qa("How many times were children reported missing in Kettlewick between 1 April 2017 and 31 March 2018, that is, "
   "how many separate missing incidents were there?",
   "Please see the table below, which gives each quarter of the year and the full-year total. The same table "
   "answers several of your later questions.")

# ruled quarterly table
pdf.set_font("Lib", "", 9)
data = [
    ("", "Apr-Jun 2017", "Jul-Sep 2017", "Oct-Dec 2017", "Jan-Mar 2018", "2017/18 total"),
    ("Missing incidents reported", "214", "241", "198", "227", "880"),
    ("Return interview offered", "201", "229", "190", "215", "835"),
    ("Return interview completed", "131", "150", "129", "144", "554"),
    ("Completed within 72 hours", "88", "97", "81", "101", "367"),
]
with pdf.table(col_widths=(46, 24, 24, 24, 24, 28), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
               borders_layout="ALL", line_height=6, first_row_as_headings=True) as table:
    for row in data:
        r = table.row()
        for cell in row:
            r.cell(cell)
pdf.ln(4)

qa("To how many different children do those incidents relate?",
   "301 individual children. Some children went missing in more than one quarter, so we have not split the "
   "number of children by quarter.")
qa("In how many of those incidents was a return home interview offered to the young person or to their parent or carer?",
   "See the 'Return interview offered' row in the table above.")
qa("How many of those offers were taken up by the young person?",
   "566 of the offers were accepted.")
qa("And how many times was the offer refused?",
   "269 offers were refused, either by the young person or by a parent or carer on their behalf.")
qa("In how many incidents did a return home interview actually take place?",
   "See the 'Return interview completed' row above. The 12 accepted offers that did not lead to an interview were "
   "mostly cases where the child went missing again before the visit.")
qa("In how many incidents did the interview take place within 72 hours of the child coming home?",
   "See the final row of the table.")
qa("Please describe how you measure the 72 hours and any assumptions you make in doing so.",
   "Our answers to the three parts of this question follow.")
qa("Does the 72-hour period start from the time the child returns, or from the time the police refer the case to you?",
   "From the return. We take the 'found' time on the police notification, not the time the notification reaches us.")
qa("Is the period counted in hours or in days, and if in days, are they calendar days or working days?",
   "We work in days: an interview counts as timely if it happens within three working days of the return, so a "
   "child found on a Friday evening can be seen up to the end of the following Wednesday.")
qa("Do you make any adjustment where a child goes missing again before the interview has taken place?",
   "No adjustment is made. Each incident is measured on its own, so a further incident before the interview usually "
   "means the first one is recorded as outside timescale.")
qa("Beyond the interview itself, is any further support offered to the child, either by the council or by an "
   "organisation it pays to do so?",
   "No. Safe Harbour's agreement covers the interview only; where ongoing needs are identified the young person is "
   "referred to the allocated worker or to Early Help through the usual route.")
qa("What happens to the information that comes out of an interview?",
   "Safe Harbour sends the completed record to the council within two working days of the interview. It is uploaded "
   "to the child's case file and shared with the allocated worker, and a monthly anonymised summary of themes and "
   "locations goes to Kettlewick Constabulary and the Safeguarding Children Partnership.")
qa("If an interview brings to light that a child is vulnerable, what happens next?",
   "Concerns about immediate harm are telephoned to the Children's Advice and Duty Service on the same day. Where "
   "there are signs of sexual or criminal exploitation, a strategy discussion is held and the child is considered "
   "at the monthly Missing, Exploited and Trafficked (MET) meeting.")
qa("Is there anything else you would like to tell us about your return interview arrangements, such as changes you "
   "would like to the guidance, obstacles you have met, or approaches that have worked well?",
   "We moved the service to a voluntary sector provider so that young people could speak to someone outside their care team. It is "
   "too early to judge the effect, although the share of offers accepted rose in the last quarter of the year. Rural "
   "distances and poor public transport make face-to-face visits within three working days difficult.")

para("Children placed outside their home authority", bold=True, size=11)
qa("For children in Kettlewick's care who live in placements outside the county, how is a return interview provided? "
   "Please say which of these applies: by the same third sector provider that serves local children; by children's "
   "services staff other than the child's social worker; by children's services staff who may include the social "
   "worker; by the child's own social worker; by buying an interview from the return interview service run where the child is placed; by buying one "
   "from another provider; not offered; a combination; or some other arrangement.",
   "We buy an interview from the host authority's own return interview service wherever one exists, arranged case by case.")
qa("How many children looked after by Kettlewick were placed outside the county during 2017/18?",
   "212 children were placed outside the county at some point during the year. On 31 March 2018 the number was 148.")
qa("How many of those children went missing during the year?",
   "38 children, who between them were reported missing 176 times.")
para("How many of them were offered a return interview?", bold=True, gap=1)
qa("How many of them actually had one?",
   "We do not record centrally whether an interview was offered or held for a child placed elsewhere; the host "
   "authority's report is simply saved to the child's file. Checking the files for all 176 incidents, at around 8 "
   "minutes each, would take about 23.5 hours, which is more than the 18-hour appropriate limit. We are therefore "
   "refusing these two parts of your request under section 12 of the Act.")
qa("Do you offer return interviews to looked-after children whom other councils have placed in Kettlewick? "
   "(Yes / No / Case by case)",
   "Yes.")
qa("If you do offer them, in all or some cases, which organisation carries them out?",
   "Safe Harbour Youth Action, on the same basis as for Kettlewick children.")
qa("How many looked-after children were placed in Kettlewick by other councils during 2017/18?",
   "Other councils told us of 167 children they placed in the county during the year.")
qa("How many of those children went missing, and how many of them had a return interview?",
   "23 of these children went missing, in 94 separate incidents. 51 return interviews were completed with this group.")
qa("Is there anything further you can tell us about return interviews for children placed out of area?",
   "Host authorities vary widely in whether they will interview our children and in what they charge, from nothing "
   "to over 200 pounds per interview. Reports often arrive weeks later, which limits their value for care planning.")

para("If you are unhappy with this response you may ask for an internal review by writing to the Information Rights "
     "Team within 40 working days. If you remain dissatisfied after the review, you may apply to the Information "
     "Commissioner, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.")
para("Yours sincerely")
para("Gareth Pennock\nInformation Rights Officer\nKettlewick County Council")

pdf.output(str(OUT))
print("wrote", OUT)
