"""Build letters/quillmoor-2018.eml (multipart/alternative: text/plain + text/html).

Fictional reply from Quillmoor Metropolitan Borough Council. Run with any Python 3:
    python make/make_quillmoor_eml.py
"""
import html
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
OUT = HERE.parent / "letters" / "quillmoor-2018.eml"

REPLY = """\
Our ref: QMBC-IR-18-00731
Date of request: 21/06/2018

Dear Dr Halvorsen,

Thank you for your request, received 21 June 2018. Responses are set out below against your numbering. Figures cover 01/04/2017 to 31/03/2018 and were extracted from Mosaic on 10/07/2018 at 09:40. Figures may differ slightly from those in published reports because records are updated after the event.

1. Council team. Missing and Exploitation Hub (MEH), Early Help Service. Interviews are done by MEH Return Practitioners (unqualified posts, Grade 7).
2. Same as 1. MEH has delivered RHIs since 1 September 2015.
3. Commissioned. Harrowgate Youth Partnerships Ltd held the contract Jan 2013 - Aug 2015.
4a. 1,186 missing episodes.
4b. 402 children. 46 of them were open to MEH on 31/03/2018.
5a. 1,104.
5b. 741.
5c. 363.
6a. 702.
6b. 518.
6c(i). From police notification. The clock starts at the date/time stamp of the police return notification received by MEH, not the time the child actually came home.
6c(ii). Hours. 72 clock hours incl. weekends and bank holidays.
6c(iii). No adjustment. If the child goes missing again before the RHI is done, the earlier episode is closed as "RHI superseded" and the interview is offered for the latest episode only.
7a. Yes. MEH keywork for up to 12 weeks where the RHI shows ongoing risk; step-down to Early Help or referral to CAMHS where needed.
7b. Completed RHIs are recorded on the child's Mosaic file and sent to the allocated worker. Push/pull factors and locations are passed to Quillmoor Police as intelligence within 24 hours. Themes are reported monthly to the Exploitation Sub-Group.
7c. Same-day referral to MASH if there is a child protection concern. Exploitation screening tool completed for every RHI. Strategy discussion if 3 or more episodes in 30 days.
8. Biggest barrier is late police notifications at weekends. What works: the same practitioner for repeat episodes, and texting the young person before the first visit.

OOA1. (h) Combination. MEH will travel up to 40 miles. Beyond that we spot purchase from the host authority's service, or the social worker does it.
OOA2a. 97 children.
OOA2b. 38 children / 141 episodes.
OOA2c. Not held. Offers to children placed out of area are not recorded as a separate field.
OOA2d. 64.
OOA3. Case by case.
OOA4. MEH (as 1), by agreement with the placing authority.
OOA5a. Not held. We are not notified of every placement made into Quillmoor by other councils.
OOA5b. 29 children went missing (117 episodes). RHIs: not held, they are recorded by the placing authority.
OOA6. Placing authorities often do not tell us a child has moved here until after the first missing episode. Distance is the main obstacle for our own children placed far away.

Regards,

Danuta Pelling
Information Requests Officer
Information Governance | Quillmoor Metropolitan Borough Council
Civic Offices, 2 Fenner Row, Quillmoor QM1 4RT
Tel: 01632 960190 | inforequests@quillmoor.gov.uk

Re-use: most information we release can be re-used under the Open Government Licence v3.0. Where the Council is not the copyright holder, please ask the owner.
Not happy with this response? Ask for an internal review within 40 working days of today by replying to this e-mail. If you remain dissatisfied after the review you may complain to the Information Commissioner's Office (www.ico.org.uk, 0303 123 1113).

This e-mail and any attachments are confidential and intended for the addressee only. If received in error please notify the sender and delete it.
"""

ORIGINAL = """\
-----Original Message-----
From: Rhian Halvorsen <r.halvorsen@northfold-research.org.uk>
Sent: 21 June 2018 10:13
To: Quillmoor MBC Information Requests <inforequests@quillmoor.gov.uk>
Subject: Freedom of Information request - Return Home Interviews

Dear Quillmoor Metropolitan Borough Council,

Under the Freedom of Information Act 2000 I would like the following information. Unless a question says otherwise, please answer for 1 April 2017 to 31 March 2018.

1. Are Return Home Interviews (RHIs) currently delivered in your area by (a) a third sector agency - if so, which one - or (b) a team within the council - if so, which team, and what role does the interviewer hold?
2. Who delivered RHIs in your area during 2016/17?
3. Who delivered RHIs in your area during 2013/14?
4a) How many incidents of a child going missing from home or care were recorded in your area?
4b) How many individual children do these incidents relate to?
5a) For how many of these incidents was an RHI offered to the child or to a parent or carer?
5b) How many of the offers were accepted by the child?
5c) In how many incidents was the offer declined?
6a) In how many incidents was an RHI carried out?
6b) In how many incidents was the RHI carried out within 72 hours of the child's return?
6c) Please explain how you measure the 72 hours:
   i) is it counted from the child's return or from the police referral?
   ii) is it counted in hours, calendar days or working days?
   iii) do you adjust for a child who goes missing again before the interview?
7a) Do you provide or commission any follow-up support for children after an RHI?
7b) What happens to the information gathered during RHIs?
7c) What steps are taken when an RHI identifies a vulnerability?
8. Please tell us anything else about your RHI service, for example changes you would like to the guidance, barriers you face, or what works well.

Children placed out of area
1. How are RHIs delivered to looked after children you have placed outside your area? Please choose one: (a) by the third sector agency that covers your local children; (b) by children's services staff who are never the child's social worker; (c) by children's services staff who may be the child's social worker; (d) by the child's own social worker; (e) spot purchased from the host authority's service; (f) spot purchased from another provider; (g) not offered; (h) a combination of these; (i) other.
2a) How many children in your care were placed out of area during the year?
2b) How many of these children went missing, and in how many incidents?
2c) How many of them were offered an RHI?
2d) How many of them received an RHI?
3. Do you offer RHIs to looked after children placed in your area by other local authorities? (yes / no / case by case)
4. If yes or case by case, which agency delivers these interviews?
5a) How many looked after children were placed in your area by other local authorities during the year?
5b) How many of these children went missing, and how many received an RHI?
6. Please tell us anything else about RHIs for children placed out of area.

Many thanks for your help.

Yours faithfully,
Rhian Halvorsen
Northfold Research Collective
"""


def to_html(reply: str, original: str) -> str:
    parts = ['<html><head><meta charset="utf-8"></head><body style="font-family:Calibri,Arial,sans-serif;font-size:11pt">']
    for block in reply.strip("\n").split("\n\n"):
        lines = [html.escape(x) for x in block.split("\n")]
        parts.append("<p>" + "<br>\n".join(lines) + "</p>")
    parts.append('<div style="border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0 0 0">')
    for block in original.strip("\n").split("\n\n"):
        lines = [html.escape(x) for x in block.split("\n")]
        parts.append("<p>" + "<br>\n".join(lines) + "</p>")
    parts.append("</div></body></html>")
    return "\n".join(parts) + "\n"


def main() -> None:
    msg = EmailMessage()
    msg["From"] = "Quillmoor MBC Information Requests <inforequests@quillmoor.gov.uk>"
    msg["To"] = "Rhian Halvorsen <r.halvorsen@northfold-research.org.uk>"
    msg["Subject"] = "RE: Freedom of Information request - Return Home Interviews [QMBC-IR-18-00731]"
    msg["Date"] = format_datetime(datetime(2018, 7, 19, 14, 52, 7, tzinfo=timezone(timedelta(hours=1))))
    msg["Message-ID"] = "<20180719135207.4471.QMBC-IR-18-00731@mail.quillmoor.gov.uk>"
    msg["In-Reply-To"] = "<CAF3x9q1.20180621.0913@northfold-research.org.uk>"
    msg["X-Mailer"] = "Microsoft Outlook 16.0"
    body = REPLY + "\n" + ORIGINAL
    msg.set_content(body, cte="quoted-printable")
    msg.add_alternative(to_html(REPLY, ORIGINAL), subtype="html", cte="quoted-printable")
    OUT.write_bytes(bytes(msg))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
