"""Build letters/glimmerton-2018.pdf and its plain-text form letters/glimmerton-2018.txt from one source."""
from pathlib import Path

from fpdf import FPDF

LETTERS = Path(__file__).resolve().parents[2] / "letters"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

HEAD = [
    "GLIMMERTON BOROUGH COUNCIL",
    "Children and Families Directorate",
    "Civic Offices, 4-8 Tanner's Row, Glimmerton GT4 9QX",
    "T: 01632 960 645   E: foi@glimmerton.gov.uk",
]

# (kind, text): kind "p" plain paragraph, "h" heading, "qa" question (bold) + inline answer
BODY = [
    ("p", "Mr K. Adeyemi-Ford\nBy email only"),
    ("p", "Ref: GBC/FOI/6120/18\nDate: 9 August 2018"),
    ("p", "Dear Mr Adeyemi-Ford"),
    ("h", "Request under the Freedom of Information Act 2000 - Return Home Interviews (RHIs)"),
    ("p", "Thank you for your email of 12 July 2018. Our answer follows each of your questions. You asked for "
          "1 April 2017 to 31 March 2018; where our performance reports also hold earlier years we have shown "
          "those figures alongside, as the Keelhaven Youth Trust took over the service part way through 2016/17."),
    ("qa", ("1. Who currently delivers RHIs in your area - a third sector agency (which?) or a council team "
            "(which team or role)?",
            "A third sector agency: the Keelhaven Youth Trust, a Glimmerton charity, has delivered the "
            "service since 1 October 2016.")),
    ("qa", ("2. Who delivered RHIs in 2016/17?",
            "Until 30 September 2016, the Council's detached youth workers; from 1 October 2016, the "
            "Keelhaven Youth Trust.")),
    ("qa", ("3. Who delivered RHIs in 2013/14?",
            "The Council's detached youth workers, as in the first half of 2016/17.")),
    ("qa", ("4a. How many missing incidents were reported in the year?",
            "2016/17: 655; 2017/18: 688.")),
    ("qa", ("4b. How many individual children do those incidents relate to?",
            "2017/18 - 241 children (2016/17 - 236 children).")),
    ("qa", ("5a. In how many incidents was an RHI offered to the child or their parent/carer?",
            "2017/18: 640, compared with 598 in 2016/17.")),
    ("qa", ("5b. How many offers were accepted by the child?",
            "402 in 2017/18 (2016/17: 371).")),
    ("qa", ("5c. In how many incidents was the offer declined?",
            "2016/17: 190; 2017/18: 205. The small remainder were children who could not be contacted.")),
    ("qa", ("6a. How many RHIs were carried out?",
            "2015/16: 318; 2016/17: 352; 2017/18: 389.")),
    ("qa", ("6b. How many within 72 hours of the child's return?",
            "277 of the 389 in 2017/18 (2016/17: 230 of 352).")),
    ("qa", ("6c(i). Is the 72 hours counted from the return or from the police referral?",
            "From the referral: the clock starts when the Trust receives the police notification, not when "
            "the child returns.")),
    ("qa", ("6c(ii). Hours or days; calendar or working days?",
            "Hours, counted through evenings and weekends.")),
    ("qa", ("6c(iii). Is any adjustment made if the child goes missing again before the RHI?",
            "No formal adjustment. Such episodes are flagged 'missing again before interview' and left out "
            "of the 72 hour measure.")),
    ("qa", ("7a. Do you provide or commission follow-up support after an RHI?",
            "Yes - Keelhaven's Next Steps programme offers up to eight weeks of one-to-one support.")),
    ("qa", ("7b. What happens to the information gathered in an RHI?",
            "A copy of the interview record is sent to Children's Services within 48 hours and saved on the "
            "child's file. Information about risks or adults of concern goes to the police missing "
            "person coordinator, and the Trust reports trends to the Exploitation and Missing Panel each month.")),
    ("qa", ("7c. What steps follow when a vulnerability is identified?",
            "The Trust contacts the child's social worker, or the Front Door if the child is not open to "
            "Children's Services, on the same working day; a strategy meeting is held where the concern meets "
            "the threshold.")),
    ("qa", ("8. Is there anything else you would like to tell us about your service?",
            "Moving to an independent provider has improved take-up: young people tell the Trust they are more "
            "willing to talk to someone who is not from the Council. Demand at weekends remains the main "
            "pressure.")),
    ("h", "Children looked after placed out of area"),
    ("qa", ("Out of area 1. How are RHIs delivered to looked after children placed outside your area "
            "(options a-i)?",
            "a) - the Keelhaven Youth Trust interviews our children wherever they are placed in England.")),
    ("qa", ("Out of area 2a. How many children in your care were placed out of area in the year?",
            "2017/18: 58 (2016/17: 61).")),
    ("qa", ("Out of area 2b. How many of those went missing?",
            "7 children, 19 incidents in 2017/18 (9 children, 26 incidents in 2016/17).")),
    ("qa", ("Out of area 2c. Of those, how many were offered an RHI?",
            "RHIs were offered after 17 of the 2017/18 incidents.")),
    ("qa", ("Out of area 2d. How many received an RHI?",
            "Fewer than five. The exact figure is withheld under section 40(2) (personal information) because "
            "it could identify the children concerned.")),
    ("qa", ("Out of area 3. Do you offer RHIs to looked after children placed in your area by other "
            "councils?",
            "Yes.")),
    ("qa", ("Out of area 4. If yes or case by case: which agency delivers them?",
            "Keelhaven, as for our own children.")),
    ("qa", ("Out of area 5a. How many looked after children did other councils place in your area in the "
            "year?",
            "112 over 2017/18; 77 were placed here on 31 March 2018.")),
    ("qa", ("Out of area 5b. How many went missing / received an RHI?",
            "21 children went missing on 64 occasions; Keelhaven completed 39 interviews.")),
    ("qa", ("Out of area 6. Is there anything else you would like to tell us about your service for "
            "children placed out of area?",
            "Placing authorities do not always tell us when a child moves into a Glimmerton placement, "
            "so the first we know may be the police notification.")),
    ("p", "If you are unhappy with this response you may ask for an internal review within 40 working days. "
          "If you remain dissatisfied, you may contact the Information Commissioner's Office "
          "(casework@ico.org.uk; 0303 123 1113). Information released may be re-used under the Open "
          "Government Licence."),
    ("p", "Yours sincerely"),
    ("p", "Lorna Fitzwarren-Osei\nFreedom of Information Officer"),
]


def write_txt():
    out = list(HEAD) + [""]
    for kind, text in BODY:
        if kind == "qa":
            q, a = text
            out.append(f"{q} {a}")
        elif kind == "h":
            out.append(text.upper())
        else:
            out.append(text)
        out.append("")
    (LETTERS / "glimmerton-2018.txt").write_text("\n".join(out))


def write_pdf():
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 7, HEAD[0], align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8.5)
    for line in HEAD[1:]:
        pdf.cell(0, 4.2, line, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    for kind, text in BODY:
        if kind == "qa":
            q, a = text
            pdf.set_font("DejaVu", "", 9.8)
            pdf.multi_cell(0, 5, f"**{q}** {a}", markdown=True, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "h":
            pdf.ln(1)
            pdf.set_font("DejaVu", "B", 10.5)
            pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        else:
            pdf.set_font("DejaVu", "", 9.8)
            pdf.multi_cell(0, 5, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(LETTERS / "glimmerton-2018.pdf"))


write_txt()
write_pdf()
print("wrote glimmerton-2018.pdf and glimmerton-2018.txt in", LETTERS)
