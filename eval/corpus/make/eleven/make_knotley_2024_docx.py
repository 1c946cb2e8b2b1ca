"""Make letters/knotley-2024.docx (python-docx)."""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

OUT = Path(__file__).resolve().parents[2] / "letters" / "knotley-2024.docx"

doc = Document()
st = doc.styles["Normal"]
st.font.name = "Calibri"
st.font.size = Pt(11)

sec = doc.sections[0]
hp = sec.header.paragraphs[0]
hr = hp.add_run("Knotley Metropolitan Borough Council")
hr.bold = True
hr.font.size = Pt(14)
hr.font.color.rgb = RGBColor(0x5A, 0x1F, 0x6B)
hp2 = sec.header.add_paragraph("Children's Services | Information Rights and Business Intelligence\n"
                               "Knotley Town Hall, 1 Market Square, Knotley KN1 4DT  |  01632 962 550")
hp2.runs[0].font.size = Pt(8.5)
fp = sec.footer.paragraphs[0]
fp.text = ("You may re-use this information under the Open Government Licence. "
           "KMBC is registered with the ICO, registration Z9999999.")
fp.runs[0].font.size = Pt(7.5)
fp.alignment = WD_ALIGN_PARAGRAPH.CENTER


def para(text="", bold=False, space_after=6):
    p = doc.add_paragraph()
    if text:
        r = p.add_run(text)
        r.bold = bold
    p.paragraph_format.space_after = Pt(space_after)
    return p


para("Mr Kwame Adeyemi-Holt\nBy email only", space_after=10)
para("Information request reference: KMBC 24-3391 / CS\nDate: 30 September 2024", space_after=10)
para("Dear Mr Adeyemi-Holt")
para("Re: Return interviews for children reported missing, 2023/24", bold=True)
para("Your request reached us on 2 September 2024 and asked about return interviews for children "
     "who had been missing between 1 April 2023 and 31 March 2024. Some of your questions are closely "
     "linked, so we have grouped and reordered them below and put each one in our own words. Our "
     "performance framework reports most of these measures as rates, so that is how we have given "
     "them.")

para("Who carries out return interviews in Knotley", bold=True, space_after=2)
para("Return interviews are commissioned from SafeStep Ltd, an independent provider, under a "
     "contract that began on 1 April 2021. A child in care who would rather speak to their own "
     "social worker may choose to, and a small number did so during the year.")

para("How many children went missing, and how often", bold=True, space_after=2)
para("612 different children were reported missing during the year. Between them they were "
     "reported missing 1,877 times.")

para("Children looked after by the council", bold=True, space_after=2)
para("During 2023/24, 521 children were looked after by Knotley at some point in the year; 448 were "
     "looked after on 31 March 2024. Children in our care were 14.7% of the children who went "
     "missing, but their episodes made up 41.6% of all missing episodes, as a small group were "
     "reported missing many times.")

para("Whether an interview was offered, and whether it took place", bold=True, space_after=2)
para("An interview was offered after 96.3% of missing episodes, up from 91.0% in 2022/23. Of the "
     "interviews offered, 71.8% were completed. Young people or their families turned down 18.4% of "
     "offers; the remainder could not go ahead because the child went missing again or could not be "
     "reached.")

para("How quickly interviews took place", bold=True, space_after=2)
para("64% of completed interviews were held within 72 hours of the child's return. SafeStep "
     "measures this in hours from the return time on the police record, and weekends count.")

para("Support offered after the interview", bold=True, space_after=2)
para("Yes. SafeStep can offer up to six follow-up sessions, and young people thought to be at risk "
     "of exploitation are referred on to our Complex Safeguarding Team.")

para("Anything else about the service", bold=True, space_after=2)
para("Moving to a commissioned provider has increased the share of episodes where an interview is "
     "offered. Our biggest difficulty is reaching teenagers placed in supported accommodation across "
     "the borough boundary, and we would support clearer national guidance on which authority should "
     "interview them.")

para("If you are unhappy with this response you can ask for an internal review within 40 working "
     "days by writing to information.rights@knotley.gov.uk. If you are still dissatisfied you can "
     "contact the Information Commissioner's Office (ico.org.uk, 0303 123 1113).")
para("Yours sincerely", space_after=18)
para("Priya Lindqvist\nInformation Rights Officer\nKnotley Metropolitan Borough Council")

doc.save(OUT)
print("wrote", OUT)
