"""Build letters/quarrington-2018.eml (multipart/alternative: plain text + HTML).

Run: /work/main/.venv/bin/python make/make_quarrington_eml.py  (from /work/sealed-2027-04/I)
"""
import html
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "letters" / "quarrington-2018.eml"

REPLY = """Dear Dr Linnell,

Freedom of Information Act 2000 - our reference QCC/IR/5583

Thank you for your email of 5 July 2018. Quarrington County Council holds most of the information you asked for. Our answers follow, numbered to match your email, which is copied below this message. Figures cover 1 April 2017 to 31 March 2018 unless we say otherwise.

1. Council team: the Adolescent Safety and Return Team (ASRT), part of Quarrington Children's Services. Interviews are done by its return workers, who are family support workers rather than qualified social workers.
2. Same as 1 - ASRT carried out all interviews in 2016/17 too.
3. The child's allocated social worker; there was no dedicated service at that time.
4a. 2,046 episodes in total.
4b. 611 different children and young people.
5a. 1,832 episodes had an offer made.
5b. 1,204 offers accepted by the young person.
5c. 387 offers were declined.
6a. 1,139 interviews were completed.
6b. 802 completed within three working days.
6c. See (i) to (iii) below.
6c(i). Timed from the date the young person returned, as shown on the police report.
6c(ii). Working days: three working days, not counting weekends or bank holidays.
6c(iii). No adjustment; each episode is timed separately, even if the young person went missing again before being seen.
7a. Yes. ASRT offers up to 12 weeks of targeted one-to-one support after the interview, and refers on to partner services such as the young people's substance misuse service where needed.
7b. The interview form is uploaded to the young person's record, copied to the allocated worker and the police, and the intelligence section feeds a quarterly missing and exploitation profile for the Safeguarding Children Partnership.
7c. The return worker alerts the allocated worker and team manager the same day; where there is risk of significant harm a strategy meeting is convened, and exploitation concerns go to the weekly exploitation panel.
8. Demand has risen by about a fifth in two years with no increase in staffing, so interviews are increasingly held by telephone. Schools have been a good place to meet young people who will not engage at home.

9. (c) - children's services staff, who may be the child's own social worker where the placement is a long way from Quarrington.
10a. 214 children placed out of county.
10b. 61 children, in 318 episodes.
10c. 290 episodes were offered an interview.
10d. 176 interviews were completed.
11. Case by case.
12. ASRT return workers, when we agree to it.
13a. 167 children placed by other councils.
13b. Refused under section 12 - see note below. ASRT completed 23 interviews for this group at the request of placing authorities.
14. The distance to some placements makes face-to-face interviews within three working days very difficult, and we depend on good notification from the placing authority.

Note on 13b: police notifications for children placed here by other councils are not flagged as such on our system. To identify them we would have to check each of the 2,046 notifications by hand against the placement register; at five minutes each this comes to over 170 hours, well beyond the 18-hour appropriate limit, so we have applied section 12 to the number of these children who went missing and the number of episodes.

If you are unhappy with this response you can ask for an internal review by replying to this email within 40 working days. If you are still dissatisfied afterwards you may complain to the Information Commissioner's Office (www.ico.org.uk).

Yours sincerely,

Owen Marchetti
Information Governance Officer
Quarrington County Council
County Hall, Mill Lane, Quarrington QR4 7HX
Tel: 01632 960 418
"""

ORIGINAL = """-----Original Message-----
From: Maeve Linnell <maeve.linnell@researchmail.example>
Sent: 05 July 2018 09:12
To: Information Requests <information.requests@quarrington.gov.uk>
Subject: Freedom of Information request - Return Home Interviews

Dear Sir or Madam,

Under the Freedom of Information Act 2000 I would be grateful for the following information about return home interviews (RHIs) for children who go missing from home or care. Unless I say otherwise, please give figures for 1 April 2017 to 31 March 2018.

1. Who carries out RHIs in your area today? If it is a voluntary sector organisation please name it; if it is a team within the authority please name the team or describe the role of the staff.
2. And in 2016/17, who provided them?
3. Who provided them in 2013/14?
4a) How many missing episodes were recorded for children in your area?
4b) How many different children did these episodes concern?
5a) After how many of the episodes was an RHI offered to the child or to their parent or carer?
5b) How many of these offers did the child take up?
5c) How many offers were turned down?
6a) In how many episodes did an RHI take place?
6b) In how many episodes did the RHI take place within 72 hours of the child coming home?
6c) Please describe how you measure the 72 hours and any assumptions you make, in particular:
  i) does the period start when the child comes back or when you receive the referral from the police?
  ii) is it counted in hours or in days, and if in days, calendar or working days?
  iii) is anything adjusted where a child goes missing again before the RHI happens?
7a) Is any support given or paid for by the authority for children after their RHI?
7b) How is the information from RHIs used?
7c) What happens next if an RHI shows that a child is vulnerable?
8) Is there anything more you would like to tell us about RHIs in your area, such as changes to the guidance you would like, obstacles you face, or approaches that have worked?

Children placed out of area
9) For children in your care living outside your area, which of these describes how RHIs are provided? Please pick one:
 a) the third sector provider that covers your own area
 b) children's services staff, never the child's social worker
 c) children's services staff, possibly including the child's social worker
 d) the child's social worker
 e) bought from the host authority's service
 f) bought from a different provider
 g) RHIs are not offered to these children
 h) a mix of the above
 i) other (please describe)
10a) How many children in your care were placed out of area in 2017/18?
10b) How many of these children went missing?
10c) How many were offered an RHI?
10d) How many had an RHI?
11) Are RHIs offered to looked after children placed in your area by other local authorities? (yes / no / case by case)
12) If yes or case by case, who carries them out?
13a) How many looked after children did other local authorities place in your area during 2017/18?
13b) How many of these children went missing, and how many had an RHI from you?
14) Is there anything more you can tell us about RHIs for children placed out of area?

Many thanks for your help.

Kind regards,
Maeve Linnell
Research Fellow
"""


def to_html(reply: str, original: str) -> str:
    def paras(text: str) -> str:
        out = []
        for block in text.strip("\n").split("\n\n"):
            out.append("<p>" + "<br>\n".join(html.escape(l) for l in block.split("\n")) + "</p>")
        return "\n".join(out)

    return (
        "<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">\n"
        + paras(reply)
        + "\n<hr>\n<blockquote style=\"border-left:2px solid #999;padding-left:8px;color:#333\">\n"
        + paras(original)
        + "\n</blockquote>\n</body></html>\n"
    )


msg = EmailMessage()
msg["From"] = "Quarrington County Council - Information Requests <information.requests@quarrington.gov.uk>"
msg["To"] = "Maeve Linnell <maeve.linnell@researchmail.example>"
msg["Subject"] = "RE: Freedom of Information request - Return Home Interviews [QCC/IR/5583]"
msg["Date"] = format_datetime(datetime(2018, 8, 2, 14, 37, 9, tzinfo=timezone(timedelta(hours=1))))
msg["Message-ID"] = "<20180802133709.5583.irteam@quarrington.gov.uk>"
msg["In-Reply-To"] = "<CAF9x71mLq0@researchmail.example>"
msg["X-Mailer"] = "Microsoft Outlook 16.0"
msg.set_content(REPLY + "\n" + ORIGINAL, cte="quoted-printable")
msg.add_alternative(to_html(REPLY, ORIGINAL), subtype="html", cte="quoted-printable")
OUT.write_bytes(bytes(msg))
print("wrote", OUT)
