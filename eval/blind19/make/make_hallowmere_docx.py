"""Build R/letters/hallowmere-2018.docx (Word heading styles between answers).
Run with /work/main/.venv/bin/python (needs python-docx)."""
import docx
from docx.shared import Pt

OUT = "/work/sealed19/R/letters/hallowmere-2018.docx"
d = docx.Document()

def p(text, bold=False, style=None):
    para = d.add_paragraph(style=style)
    run = para.add_run(text)
    run.bold = bold
    return para

def qa(q, *answers):
    p(q, bold=True)
    for a in answers:
        p(a)

p("Hallowmere City Council")
p("Children's Services - Information Requests")
p("Reference: FOI-HM-2018-244")
p("Date: 11 September 2018")
p("Dear Ms Okonjo,")
p("Thank you for your Freedom of Information request about return home interviews, which we received on 14 August 2018. Please find our response below. The figures cover 1 April 2017 to 31 March 2018.")

d.add_heading("Who delivers return home interviews", level=2)
qa("Question 1: Who currently delivers RHIs?",
   "Interviews are carried out by youth workers employed in the council's Youth and Community Service. No third sector agency is involved.")
qa("Question 2: Who delivered RHIs in 2016/17?",
   "The same arrangement applied in 2016/17: youth workers from the council's Youth and Community Service.")
qa("Question 3: Who delivered RHIs in 2013/14?",
   "Records of the 2013/14 arrangements are no longer held by the council.")

d.add_heading("Missing incidents and interviews in 2017/18", level=2)
qa("Question 4a: How many missing incidents were reported?", "486 incidents.")
qa("Question 4b: How many individual children?", "These related to 141 children.")
qa("Question 5a: For how many incidents was an RHI offered?",
   "An interview was offered for every incident given in 4a.")
qa("Question 5b: How many offers were accepted?", "301 were accepted by the child.")
qa("Question 5c: For how many incidents was the offer declined?", "172 were declined.")
qa("Question 6a: For how many incidents was an RHI carried out?", "297 interviews were carried out.")
qa("Question 6b: How many within 72 hours of return?", "244 were held within 72 hours.")

d.add_heading("Measuring the 72 hours", level=2)
qa("Question 6c: How is the 72 hours measured?",
   "(i) We measure from the time the child returns.",
   "(ii) Three calendar days.",
   "(iii) No adjustment is made if the child goes missing again before the interview.")

d.add_heading("After the interview", level=2)
qa("Question 7a: Do you provide follow-up support?",
   "Yes, the youth worker can continue to see the young person for up to eight sessions.")
qa("Question 7b: What is done with the information gathered?",
   "Interview records are held on the Youth Service database and a copy is sent to the child's social worker or early help lead.")
qa("Question 7c: What steps follow when a vulnerability is identified?",
   "\"What steps follow when a vulnerability is identified?\" The youth worker completes a safeguarding referral to the Children's Advice and Duty Service, and a multi-agency risk meeting is convened within five working days.")

d.add_heading("Your comments on the service", level=2)
qa("Question 8: Tell us about your service.",
   "Using youth workers who already know many of the young people has improved take-up considerably.",
   "The barrier we most often meet is that parents decline on behalf of older teenagers who would otherwise have agreed to talk.")

d.add_heading("Section B: Children placed out of area", level=1)
p("Questions OOA1 to OOA2d are answered in the table below.")
rows = [
    ("Question", "Answer"),
    ("OOA1: How are RHIs delivered to children placed out of area?", "f) spot purchased from another provider"),
    ("OOA2a: Children placed out of area in 2017/18", "64"),
    ("OOA2b: Of those, how many went missing?", "11 children (38 incidents)"),
    ("OOA2c: How many were offered an RHI?", "All 38 incidents"),
    ("OOA2d: How many received an RHI?", "22 interviews"),
]
t = d.add_table(rows=len(rows), cols=2)
t.style = "Table Grid"
for i, (a, b) in enumerate(rows):
    t.cell(i, 0).text = a
    t.cell(i, 1).text = b

d.add_heading("Children placed in our area by other councils", level=2)
qa("OOA3: Do you offer RHIs to children placed in Hallowmere by other councils?", "Yes.")
qa("OOA4: Which agency delivers them?",
   "Lanterns Young People's Trust, a local charity, under a separate agreement funded by the placing councils.")
qa("OOA5a: How many looked-after children did other councils place in Hallowmere?", "189 children.")
qa("OOA5b: How many of those received an RHI?",
   "27 of those children went missing, in 83 incidents, and 49 interviews were completed by Lanterns.")
qa("OOA6: Tell us about your service for children placed out of area.",
   "Our spot-purchase arrangement works well for placements in neighbouring counties but is slow to set up for placements in the north of England.")

d.add_heading("Additional information", level=2)
p("The figures above were taken from the council's case management system on 3 September 2018 and may differ slightly from those published in the annual children looked after return.")

d.add_heading("Data Protection", level=2)
p("Any personal data you have given us will be used only to deal with your request and will be kept for two years in line with our retention schedule.")

d.add_heading("Internal review", level=2)
p("If you are dissatisfied with our response you can ask for an internal review by emailing foi@hallowmere.example.gov.uk within 40 working days. You also have the right to complain to the Information Commissioner.")

p("Yours sincerely,")
p("Daniel Ashworth-Rhee")
p("Information Requests Officer, Hallowmere City Council")

d.save(OUT)
print("wrote", OUT)
