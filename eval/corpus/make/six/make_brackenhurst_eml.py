"""Build brackenhurst-2018.eml (fictional FOI reply as a MIME e-mail, reply on top,
requester's original e-mail quoted underneath; multipart/alternative with text and HTML).

Run:  /work/main/.venv/bin/python make_brackenhurst_eml.py
"""
import html
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "letters" / "brackenhurst-2018.eml"

REPLY = """Dear Mr Adeyemi-Clarke,

Freedom of Information request - our reference BMBC-4471-18

Thank you for your email of 14 June 2018. Our answers are set out below, using the numbering in your request (your original email is copied underneath). All figures are for 1 April 2017 to 31 March 2018.

1. Council team - the Runaway and Exploitation Team (RET) in the Early Help Service. Interviews are done by the team's youth workers, supervised by a senior practitioner.
2. As 1.
3. Safe Step Trust, a voluntary organisation, until its contract ended in March 2015.
4a. 2,318
4b. 764
5a. 2,206
5b. See note A.
5c. See note A.
6a. 1,481
6b. 903
6c(i) From the return - the return time recorded by the police.
6c(ii) Hours.
6c(iii) None. Each episode is counted on its own, even if the child is missing again before the interview.
7a. Yes.
7b. Interview forms are saved to the child's record on the case system and any intelligence is sent to the police missing persons coordinator the same day. RET produces a themes report for the Exploitation Sub-Group every quarter.
7c. The youth worker discusses the concern with the senior practitioner and, where the threshold is met, refers to the Multi-Agency Safeguarding Hub within 24 hours. Children at risk of exploitation are discussed at the weekly MACE meeting.
8. Demand has risen since RET started in 2015. Weekend notifications are picked up on Monday, which makes the 72 hours hard to meet for episodes that end on a Friday night.
9. (c)
10a. 212
10b. 58 children / 241 episodes
10c. 205
10d. 117
11. No
12. N/A
13a. 318
13b. Not recorded
14. Children placed here by other councils are referred back to the placing council, which is responsible for arranging the interview.

Note A (questions 5b and 5c)
The case system records whether an interview took place, but not whether an offer was accepted or declined. To answer these two parts we would have to open each of the 2,206 offer records; at around 5 minutes a record this would take about 184 hours, which is well over the appropriate limit of 18 hours (GBP 450) for local authorities. We are therefore refusing questions 5b and 5c under section 12(1) of the Freedom of Information Act 2000.

If you are not satisfied with this response you can ask for an internal review by replying to this email within 40 working days. If you are still not satisfied after the review, you can contact the Information Commissioner's Office.

Kind regards,

Hannah Okonjo-Reeve
Information Management Officer
Brackenhurst Metropolitan Borough Council
Brackenhurst Town Hall, Corporation Street, Brackenhurst BK2 5NW
Tel: 01632 555 047
"""

ORIGINAL_HEADER = "On 14 Jun 2018, at 09:12, Tobias Adeyemi-Clarke <t.adeyemi.clarke@example.org> wrote:"

ORIGINAL = """Dear Brackenhurst Metropolitan Borough Council,

Under the Freedom of Information Act 2000 I would be grateful for the following information about return home interviews (RHIs) for children who go missing. Please give figures for the 2017/18 financial year (1 April 2017 to 31 March 2018).

1. At present, who delivers your RHIs? If a voluntary or charitable organisation, please name it; if a team in the council, please say which team and the job role of the person doing the interview.
2. Who delivered them during 2016/17?
3. Who delivered them during 2013/14?
4a. How many episodes of children going missing from home or from care were reported to you in 2017/18?
4b. How many different children were involved in those episodes?
5a. After how many of those episodes did you offer an RHI to the young person or to their parent or carer?
5b. How many of the offers were taken up by the young person?
5c. How many of the offers were refused?
6a. After how many episodes did an RHI actually take place?
6b. How many of those RHIs happened within 72 hours of the young person coming back?
6c. Please explain how you work out the 72 hours:
(i) do you count from the time the young person came back, or from the time the police referred them to you?
(ii) do you count in hours or in days, and if days, calendar days or working days?
(iii) do you change the calculation where the young person goes missing again before the RHI can take place?
7a. After the RHI, do you provide or pay for any further support for the young person?
7b. What do you do with the information collected at the RHI?
7c. What happens next if the RHI shows that the young person is vulnerable?
8. Please add anything else about your RHI service you think would be useful, for example changes since the 2014 guidance, barriers, or what has worked.

Looked-after children placed out of area
9. For Brackenhurst looked-after children placed in another authority's area, which of these best describes how RHIs are provided? (a) by the same third sector agency that does your local RHIs; (b) by a children's services worker who is never the child's social worker; (c) by a children's services worker who may be the child's social worker; (d) by the child's social worker; (e) bought in from the service of the area where the child lives; (f) bought in from a different provider; (g) RHIs are not offered; (h) a mixture of these; (i) something else (please describe).
10a. In 2017/18, how many Brackenhurst looked-after children were placed out of area?
10b. How many of those children went missing (number of children and number of episodes)?
10c. How many of them were offered an RHI?
10d. How many of them had an RHI?
11. Do you offer RHIs to children placed in Brackenhurst by other local authorities? (yes / no / it depends on the case)
12. If yes or it depends, who carries out those RHIs?
13a. How many looked-after children did other authorities place in Brackenhurst in 2017/18?
13b. How many of those went missing, and how many had an RHI from you?
14. Anything else you would like to say about RHIs for children placed out of area?

Many thanks,
Tobias Adeyemi-Clarke
Researcher, Runaway Children Study
"""


def quoted(text):
    return "\n".join(("> " + line) if line else ">" for line in text.splitlines())


plain = REPLY + "\n" + ORIGINAL_HEADER + "\n" + quoted(ORIGINAL) + "\n"


def to_html_paras(text):
    out = []
    for block in text.strip("\n").split("\n\n"):
        out.append("<p>" + "<br>\n".join(html.escape(l) for l in block.splitlines()) + "</p>")
    return "\n".join(out)


html_body = (
    "<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">\n"
    + to_html_paras(REPLY)
    + "\n<hr>\n<p>" + html.escape(ORIGINAL_HEADER) + "</p>\n"
    + "<blockquote style=\"border-left:2px solid #999;margin-left:6px;padding-left:8px\">\n"
    + to_html_paras(ORIGINAL)
    + "\n</blockquote>\n</body></html>\n"
)

msg = EmailMessage()
msg["From"] = "Brackenhurst FOI Team <foi@brackenhurst.gov.uk>"
msg["To"] = "Tobias Adeyemi-Clarke <t.adeyemi.clarke@example.org>"
msg["Subject"] = "RE: Freedom of Information request - Return Home Interviews [Ref: BMBC-4471-18]"
msg["Date"] = format_datetime(datetime(2018, 7, 12, 15, 42, 7, tzinfo=timezone(timedelta(hours=1))))
msg["Message-ID"] = "<20180712154207.4471.foi@brackenhurst.gov.uk>"
msg["In-Reply-To"] = "<CAF3x9d0q7@mail.example.org>"
msg["X-Mailer"] = "Microsoft Outlook 16.0"
msg.set_content(plain)
msg.add_alternative(html_body, subtype="html")

OUT.write_bytes(bytes(msg))
print("wrote", OUT)
