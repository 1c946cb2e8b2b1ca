"""Builds harrowcliffe-2018.docx (Word tables: Question | Response, and a two-year figures table)."""
from pathlib import Path
from docx import Document
from docx.shared import Pt, Cm
from docx.enum.text import WD_ALIGN_PARAGRAPH

OUT = Path(__file__).resolve().parents[2] / "letters" / "harrowcliffe-2018.docx"

doc = Document()
st = doc.styles["Normal"]
st.font.name = "Arial"
st.font.size = Pt(10)
for s in doc.sections:
    s.left_margin = s.right_margin = Cm(2)

def para(text="", bold=False, size=None, align=None):
    p = doc.add_paragraph()
    r = p.add_run(text)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    if align:
        p.alignment = align
    return p

def table(header, rows, widths=None):
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for i, h in enumerate(header):
        c = t.rows[0].cells[i]
        c.text = ""
        c.paragraphs[0].add_run(h).bold = True
    for row in rows:
        cells = t.add_row().cells
        for i, v in enumerate(row):
            cells[i].text = v
    if widths:
        for row in t.rows:
            for i, w in enumerate(widths):
                row.cells[i].width = Cm(w)
    doc.add_paragraph()
    return t

# header section: letterhead
hdr = doc.sections[0].header.paragraphs[0]
hdr.text = "Harrowcliffe Borough Council | Information Governance Team"
hdr.alignment = WD_ALIGN_PARAGRAPH.RIGHT

para("Harrowcliffe Borough Council", bold=True, size=16)
para("Information Governance Team\nCivic Centre, 14-18 Quayside Road, Harrowcliffe HC3 7QN\n"
     "Telephone 01632 960418 | Minicom 01632 960419 | foi@harrowcliffe.gov.uk")
para("Ms L. Penrose\n22 Albemarle Close\nStokesby Cross SX4 0LJ")
para("Our reference: HBC/FOI/18/01377\nDate received: 26 April 2018\nDate of response: 23 May 2018")
para("Dear Ms Penrose,")
para("Freedom of Information Act 2000 - request HBC/FOI/18/01377: Return Home Interviews", bold=True)
para("Thank you for your request for information about return home interviews (RHIs). "
     "We have set out your questions and our responses in the tables below, keeping your numbering. "
     "For questions 4 to 6 we have also shown the 2016/17 figures, which were compiled for our annual "
     "missing children report, so that you can see the change between the two years; the figures for "
     "the period you asked about, 1 April 2017 to 31 March 2018, are in the 2017/18 column.")

para("Table 1: Who delivers return home interviews", bold=True)
table(["No.", "Question", "Response"], [
    ["1", "At present, does a third sector agency or a team within the council deliver RHIs? Please name the agency, or the team and the role of the worker.",
     "A team within the council. Since 1 October 2017 interviews have been carried out by the Missing and "
     "Exploitation Hub (MEH), a council team of five Return Interview Practitioners managed within "
     "Safeguarding and Quality Assurance. No third sector agency is currently used."],
    ["2", "Who delivered RHIs during 2016/17?",
     "A third sector agency. Until 30 September 2017 the service was delivered by Brightpath Young "
     "People's Trust, a registered charity (no. 1104562), under a three-year grant agreement worth £186,000."],
    ["3", "Who delivered RHIs during 2013/14?",
     "There was no dedicated service. Interviews were carried out by the child's allocated social worker or, "
     "for children not known to social care, by a duty social worker."],
], widths=[1.2, 6.5, 9.3])

para("Table 2: Missing incidents and return home interviews (questions 4 to 6b)", bold=True)
table(["No.", "Measure", "2016/17", "2017/18"], [
    ["4a", "Missing incidents reported", "548", "612"],
    ["4b", "Individual children those incidents relate to", "219", "241"],
    ["5a", "Incidents where an RHI was offered to the child or parent/carer", "529", "583"],
    ["5b", "Offers accepted by the child", "371", "402"],
    ["5c", "Offers declined", "158", "181"],
    ["6a", "Incidents where an RHI was carried out", "360", "389"],
    ["6b", "Incidents where the RHI took place within 72 hours of return", "205", "247"],
], widths=[1.2, 10.0, 2.9, 2.9])
para("The 2017/18 figures combine six months of Brightpath data (April to September 2017) with six months "
     "of MEH data (October 2017 to March 2018). Both providers counted in the same way.")

para("Table 3: Measuring the 72 hours, and what happens after an interview", bold=True)
table(["No.", "Question", "Response"], [
    ["6c(i)", "Do you count the 72 hours from the child's return or from the police referral?",
     "From the child's return. We use the return time recorded on the police notification, not the time "
     "the notification reaches MEH, which can be up to 14 hours later."],
    ["6c(ii)", "Is the measure in hours or days, and are days calendar or working days?",
     "Hours. The 72 hours run continuously, so weekends and bank holidays are included."],
    ["6c(iii)", "Is any adjustment made when the child goes missing again before the RHI?",
     "Yes. If the child goes missing again before being interviewed, the 72 hours start again from the "
     "latest return and one interview covers both episodes; the earlier episode is counted as an interview "
     "carried out outside 72 hours."],
    ["7a", "Do you provide or commission any follow-up support after an RHI?",
     "Yes. MEH practitioners can offer up to six further sessions of one-to-one work and refer on to the "
     "council's youth offer and to CAMHS where needed."],
    ["7b", "What happens to the information gathered in an RHI?",
     "The completed interview is saved to the child's social care record and shared with the allocated "
     "worker, where there is one, and with the police missing persons coordinator within 2 working days. "
     "MEH produces a monthly themes report for the Missing Children Panel."],
    ["7c", "What steps are taken when a vulnerability is identified?",
     "The practitioner contacts the Front Door (MASH) the same day, an exploitation screening tool is "
     "completed, and a strategy discussion is held where the threshold is met."],
    ["8", "Please tell us anything else about your RHI service.",
     "Bringing the service in-house has made it easier to share information quickly with social workers. "
     "The hardest group to engage remains young people who go missing several times a week; for them we "
     "would like the guidance to allow a planned series of conversations instead of a fresh interview each time."],
], widths=[1.6, 6.1, 9.3])

para("Children placed out of area (your questions 9 to 14)", bold=True, size=12)
table(["No.", "Question", "Response"], [
    ["9", "How are RHIs delivered to looked-after children placed outside your area? (options a to i)",
     "h) a combination. MEH practitioners travel to placements within about 25 miles of Harrowcliffe; for "
     "placements further away we ask the host authority's service to carry out the interview and pay for it "
     "on a spot basis (option e)."],
    ["10a", "How many children in your care were placed out of area in 2017/18?", "137 children"],
    ["10b", "How many of these children went missing?", "38 children, in 164 missing incidents"],
    ["10c", "How many were offered an RHI?", "Offered after 151 of the 164 incidents"],
    ["10d", "How many received an RHI?", "97 interviews took place"],
    ["11", "Do you offer RHIs to looked-after children placed in your area by other councils? (yes / no / case by case)",
     "Case by case. MEH will interview a child if the placing authority asks us to, and we recharge £95 per interview."],
    ["12", "If yes or case by case, which agency delivers these interviews?", "MEH, the council team described at question 1."],
    ["13a", "How many looked-after children did other councils place in your area in 2017/18?", "204 children"],
    ["13b", "How many of these children went missing, and how many received an RHI?",
     "51 of these children were reported missing, in 233 incidents. MEH carried out fewer than 5 interviews "
     "for placing authorities. We have not given the exact number because, with numbers this small, the "
     "children could be identified; it is withheld under section 40(2) of the Act."],
    ["14", "Please tell us anything else about your service for children placed out of area.",
     "We have agreed reciprocal arrangements with two neighbouring councils from April 2018, under which each "
     "council's team interviews the other's children placed locally at no charge."],
], widths=[1.2, 6.5, 9.3])

para("If you are unhappy with the way your request has been handled, you may ask for an internal review by "
     "writing to the Head of Legal Services, Civic Centre, 14-18 Quayside Road, Harrowcliffe HC3 7QN, within "
     "40 working days of this letter. If you remain dissatisfied you may then complain to the Information "
     "Commissioner's Office (ico.org.uk).")
para("The information supplied may be re-used under the Open Government Licence v3.0.")
para("Yours sincerely,\n\nPriya Sandhu-Lowe\nInformation Governance Officer\nDirect line 01632 960427")

doc.save(OUT)
print("wrote", OUT)
