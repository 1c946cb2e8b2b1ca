"""Builds ilsbury-2024.eml (multipart/alternative: text/plain + text/html)."""
import html
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "letters" / "ilsbury-2024.eml"

reply = """Dear Sam,

Freedom of Information request IDC/FOI/2024/3318

Thank you for your email of 11 June 2024. Our Children's Services performance team has supplied the answers below, numbered as in your request (your email is copied underneath this reply). All figures cover 1 April 2023 to 31 March 2024.

Q1 - 318
Q2 - 1,046
Q3 - 462
Q4 & Q5 - 97 children / 503 incidents
Q6 - See Q2. An interview is offered after every episode the police notify to us.
Q7 - 688 (a further 241 were declined)
Q8 - 452
Q9 - Dedicated team: yes. The Ilsbury Adolescent Safety Team (IAST) carries out interviews Monday to Friday, 09:00-17:00. Independent service commissioned by the LA: yes. Interviews needed at weekends are done by Northgate Youth Advocacy CIC under a spot-purchase agreement (GBP 68 per interview). Social workers / youth workers / other: no.
Q10 - Yes. IAST workers can offer up to 6 further sessions, and Northgate run a peer mentoring group on Thursday evenings.
Q11 - Weekend cover has been the hardest part to get right; since Northgate started in September 2023 the share of Saturday and Sunday returns followed up within 72 hours has improved. We would welcome national guidance on sharing interview findings with schools.

If you are unhappy with this response you may ask for an internal review within 40 working days by replying to this email. You also have the right to complain to the Information Commissioner's Office (ico.org.uk). The information is provided under the Open Government Licence v3.0.

Kind regards,

Marcus Delacroix-Webb
FOI & Data Protection Officer
Ilsbury District Council, Council Offices, 7 Mill Lane, Ilsbury IB4 8NS
Tel: 01632 965 212 | Ext 2212 | www.ilsbury.gov.uk
"""

original = """Dear Ilsbury District Council,

I am requesting the following information under the Freedom of Information Act 2000.

We are carrying out a small piece of research into how return interviews are delivered to children who come back after going missing, as set out in the Department for Education's statutory guidance. Please give figures for 1st April 2023 to 31st March 2024.

1. How many separate children went missing in your area?
2. How many missing episodes were reported altogether?
3. How many children were in the care of the council at any point in that year?
4. How many children in care went missing?
5. How many missing episodes involved children in care?
6. In how many cases was a return interview offered after a child came back?
7. How many return interviews were actually done?
8. How many of those were done within 72 hours of the return?
9. Who does the return interviews in your area? (a social worker / a dedicated council team or worker / a youth worker / an independent service you commission / other) Please give any detail you can.
10. After a return interview, is there follow-up support that you provide or pay for? Yes/No, and details if yes.
11. Anything else you would like to tell us about the service, e.g. changes you want to the guidance, barriers, or what works.

Many thanks for your time.

Sam Whitlow
Safe Return Research Project
"""

quoted = "\n".join(("> " + l) if l else ">" for l in original.splitlines())
header = "On Tue, 11 Jun 2024 at 10:42, Sam Whitlow <sam.whitlow@saferreturn-research.org.uk> wrote:"
plain = reply + "\n" + header + "\n" + quoted + "\n"

def to_html(text):
    out = []
    for para in text.split("\n\n"):
        out.append("<p>" + "<br>\n".join(html.escape(l) for l in para.splitlines()) + "</p>")
    return "\n".join(out)

html_body = (
    "<html><body style=\"font-family:Arial,sans-serif;font-size:11pt\">\n"
    + to_html(reply)
    + "\n<hr>\n<p>" + html.escape(header) + "</p>\n<blockquote style=\"border-left:2px solid #999;padding-left:8px\">\n"
    + to_html(original)
    + "\n</blockquote>\n</body></html>\n"
)

msg = EmailMessage()
msg["From"] = "Ilsbury District Council FOI Team <foi@ilsbury.gov.uk>"
msg["To"] = "Sam Whitlow <sam.whitlow@saferreturn-research.org.uk>"
msg["Subject"] = "RE: Freedom of Information request - return interviews 2023/24 [IDC/FOI/2024/3318]"
msg["Date"] = format_datetime(datetime(2024, 7, 9, 15, 47, 22, tzinfo=timezone(timedelta(hours=1))))
msg["Message-ID"] = "<20240709144722.3318.foi@ilsbury.gov.uk>"
msg["In-Reply-To"] = "<CAF7q2xW0a19@mail.saferreturn-research.org.uk>"
msg.set_content(plain, cte="8bit")
msg.add_alternative(html_body, subtype="html", cte="quoted-printable")
OUT.write_bytes(bytes(msg))
print("wrote", OUT)
