"""Build letters/brackenholt-2018.docx (Word table: Ref | question summarised | response).

Fictional reply from Brackenholt County Council. Run with the project venv:
    /work/main/.venv/bin/python make/make_brackenholt_docx.py
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Cm

HERE = Path(__file__).resolve().parents[1]
OUT = HERE.parent / "letters" / "brackenholt-2018.docx"

ROWS = [
    ("1", "Who carries out return home interviews at present?",
     "Return home interviews are delivered under contract by The Lanternway Trust (registered charity no. 1093377), "
     "whose Return Workers carry out every interview. The Council's Missing Children Coordinator monitors the contract "
     "but does not carry out interviews."),
    ("2", "Who carried them out in 2016/17?",
     "The Lanternway Trust, under the same contract, which began on 1 October 2014."),
    ("3", "Who carried them out in 2013/14?",
     "Before the contract began, interviews were carried out by the child's allocated social worker, or by the duty "
     "social worker where no worker was allocated."),
    ("4a and 4b", "Missing episodes reported in 2017/18, and the number of children involved",
     "1,318 missing episodes were reported, involving 457 individual children and young people."),
    ("5a to 5c", "Offers of an interview, and how many were taken up or turned down",
     "An interview was offered following 1,251 episodes. The offer was accepted in 903 cases and declined in 348."),
    ("6a", "Interviews that actually took place",
     "866 return home interviews were completed (65.7% of all episodes reported)."),
    ("6b", "Interviews held within 72 hours of return",
     "The Trust's case system records the interview date but not the time the young person returned, so each of the "
     "866 interview records would have to be compared by hand with the police notification. At an estimated 6 minutes "
     "per record this would take 86.6 hours, well above the appropriate limit of 18 hours (£450). The Council is "
     "therefore relying on section 12 of the Act for this part of the request."),
    ("6c (i) to (iii)", "How the 72 hours is measured",
     "The contract sets a target for the interview to take place within 72 hours of the young person being found or "
     "returning home. The period is counted in hours, including weekends. No adjustment is made if the young person "
     "goes missing again; each episode is counted on its own."),
    ("7a", "Whether follow-up support is offered after an interview",
     "Yes. The Trust can offer up to six further one-to-one sessions where the young person wants them, and can refer "
     "to the Council's Targeted Youth Support service."),
    ("7b", "What is done with the information children give",
     "A summary of each interview is sent to the Council within two working days and added to the child's record. "
     "Information about places, people and exploitation risk is shared with Brackenholt Constabulary through the "
     "partnership intelligence form."),
    ("7c", "What happens when an interview reveals a vulnerability",
     "Where an interview shows the child is at risk of significant harm the Return Worker makes a referral to the "
     "Children's Advice and Duty Service the same day. Concerns about exploitation are taken to the fortnightly "
     "Missing, Exploited and Trafficked (MET) panel."),
    ("8", "Anything else you would like us to know",
     "The Council would welcome clearer guidance on interviews for 16 and 17 year olds who go missing from supported "
     "accommodation. Take-up is highest when the same Return Worker sees a young person each time."),
    ("9", "How interviews are arranged for Brackenholt children placed outside the county",
     "By the child's own social worker (option d in your list), who visits the child or arranges a video call."),
    ("10a", "Children placed outside the county during 2017/18",
     "288 children were placed outside Brackenholt at some point during the year. On 31 March 2018 the figure was 203."),
    ("10b", "How many of them went missing (children and episodes)",
     "61 children went missing, in 233 episodes."),
    ("10c", "How many were offered an interview",
     "This information is not held. Offers made to this group are written in case notes only and cannot be reported."),
    ("10d", "How many had an interview",
     "149 interviews are recorded on these children's files."),
    ("11", "Whether we interview children placed in Brackenholt by other councils",
     "Yes. The Trust offers an interview to every such child reported missing in Brackenholt and the placing council is "
     "invoiced."),
    ("12", "Who carries out those interviews",
     "The Lanternway Trust (see row 1)."),
    ("13a", "Children placed in Brackenholt by other councils during 2017/18",
     "The Council holds 344 notifications of placements into the county during 2017/18, although it cannot be certain "
     "that it is told of every placement."),
    ("13b", "How many of those children went missing, and how many had an interview",
     "79 children went missing, in 402 episodes. The Trust completed 287 interviews for them."),
    ("14", "Anything else about children placed out of area",
     "Interviews by a child's own social worker are not independent, and the Council is reviewing this arrangement "
     "for 2019/20."),
]


def main() -> None:
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(10)
    for s in doc.sections:
        s.left_margin = s.right_margin = Cm(2)

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = head.add_run("BRACKENHOLT COUNTY COUNCIL")
    r.bold = True
    r.font.size = Pt(14)
    addr = doc.add_paragraph(
        "Children, Families and Learning Directorate\n"
        "Performance and Intelligence Unit\n"
        "County Hall, Mercer Street, Brackenholt BK4 9QD\n"
        "Telephone 01632 960412 | foi@brackenholt.gov.uk")
    addr.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    doc.add_paragraph("Our reference: BCC/FOI/2018/1147\nDate: 2 August 2018")
    doc.add_paragraph("Mr T. Aubrey-Sands\nBy email")
    doc.add_paragraph("Dear Mr Aubrey-Sands,")
    p = doc.add_paragraph()
    p.add_run("Freedom of Information Act 2000 – Request for Information: Return Home Interviews").bold = True
    doc.add_paragraph(
        "Thank you for your request, which the Council received on 5 July 2018. The Council holds most of the "
        "information requested. To keep this reply short, each of your questions has been summarised in the "
        "table below, using your own numbering; where questions have been answered together, the rows say so. "
        "Unless stated otherwise, figures relate to 1 April 2017 to 31 March 2018 and were taken from the "
        "Council's case management system and from monitoring returns supplied by The Lanternway Trust.")

    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    hdr = table.rows[0].cells
    for cell, text in zip(hdr, ("Ref", "Your question (summarised)", "Council response")):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for ref, q, a in ROWS:
        cells = table.add_row().cells
        cells[0].text = ref
        cells[1].text = q
        cells[2].text = a
    for row in table.rows:
        row.cells[0].width = Cm(2.0)
        row.cells[1].width = Cm(5.5)
        row.cells[2].width = Cm(9.5)

    doc.add_paragraph()
    doc.add_paragraph(
        "Part of your request (question 6b) has been refused under section 12 of the Freedom of Information Act "
        "2000. If you were to narrow that part, for example to a single quarter, the Council would consider it again.")
    doc.add_paragraph(
        "If you are dissatisfied with the handling of your request you may ask for an internal review. Please write "
        "to the Information Governance Manager at the address above within 40 working days of the date of this "
        "letter. If you are still not satisfied after the review, you have the right to complain to the Information "
        "Commissioner, Wycliffe House, Water Lane, Wilmslow SK9 5AF.")
    doc.add_paragraph(
        "The information supplied is Brackenholt County Council copyright. You may re-use it free of charge under "
        "the terms of the Open Government Licence, except where it belongs to a third party.")
    doc.add_paragraph("Yours sincerely,")
    doc.add_paragraph("Marcus Oyelaran-Finch\nInformation Governance Officer (FOI)\nBrackenholt County Council")

    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = "BCC/FOI/2018/1147  |  Page 1  |  Brackenholt County Council, County Hall, Brackenholt BK4 9QD"

    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
