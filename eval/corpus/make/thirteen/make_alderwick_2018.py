"""Build letters/alderwick-2018.eml: a fictional council reply (multipart/alternative, plain
text and HTML) with the requester's original e-mail quoted below the reply.

Run: /work/main/.venv/bin/python make/make_alderwick_2018.py  (from the J folder)
"""
import html
from email.message import EmailMessage
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "letters" / "alderwick-2018.eml"

REPLY_TOP = """Dear Ms Marchetti,

Freedom of Information Act 2000 - request ref ABC-FOI-2018-1377

Thank you for your email of 20 June 2018. Alderwick Borough Council holds most of the information you asked for. Our answers are below, using the numbering in your email (your original message is copied underneath this reply). All figures are for 1 April 2017 - 31 March 2018.
"""

ANSWERS = [
    "1. Third sector agency: yes - The Haven Line, a registered charity, under a contract that began in April 2015. Council team: no.",
    "2. Same as for 1 - The Haven Line.",
    "3. Council team: yes - the Family Intervention Team within Children's Services. No third sector involvement that year.",
    "4a. 876 missing episodes were reported.",
    "4b. 259 children were involved.",
    "5a. Offered after 861 episodes.",
    "5b. 590 offers were accepted.",
    "5c. 241 offers were declined.",
    "6a. 574 interviews took place.",
    "6b. 356 within 72 hours.",
    "6c(i) From the time the child returns, as recorded on the police return notification.",
    "6c(ii) Hours - 72 clock hours, weekends included.",
    "6c(iii) No adjustment is made; the clock is not restarted if the child goes missing again.",
    "7a. Yes - The Haven Line offers up to six follow-up sessions, and longer-term needs are referred to Early Help.",
    "7b. The Haven Line uploads each completed interview to the child's council record within one working day. The social worker or early help worker reads it and updates the child's plan, and a monthly summary of push and pull factors goes to the Missing, Exploited and Trafficked (MET) group.",
    "7c. A referral is made to the Children's Gateway on the same day. Where exploitation is suspected a MET risk assessment follows, and a strategy discussion is held if needed.",
    "8. The contract with The Haven Line is due to be re-tendered in 2019. Our main difficulty is reaching children who go missing several times in one week.",
    "",
    "9. Option (a) - The Haven Line also covers Alderwick children placed outside the borough.",
    "10a. 64 children placed out of area.",
    "10b. 15 children went missing, in 49 episodes.",
    "10c. Offered after 44 of those episodes.",
    "10d. 19 interviews took place.",
    "11. Yes, on a case by case basis.",
    "12. The Haven Line, where the placing authority agrees to fund it.",
    "13a. Not held. We are not reliably notified of every placement made into the borough, so we cannot give an accurate count.",
    "13b. 38 children went missing, in 151 episodes (police data). The number who received an interview is not held.",
    "14. Nothing further to add.",
]

SIGN_OFF = """If you are unhappy with the way your request has been handled you can ask for an internal review by replying to this email within 40 working days. If you remain dissatisfied you may contact the Information Commissioner's Office.

Kind regards,

Priya Lindqvist
Information Governance Officer
Alderwick Borough Council | Civic Centre, Wren Lane, Alderwick AW4 2JD
Tel: 01632 960 283
"""

ORIGINAL_HEAD = """-----Original Message-----
From: Fiona Marchetti <fiona.marchetti@lanternresearch.org.uk>
Sent: 20 June 2018 09:14
To: Information Requests <information.requests@alderwick.gov.uk>
Subject: Freedom of Information request - Return Home Interviews
"""

ORIGINAL_BODY = """Dear Alderwick Borough Council,

Under the Freedom of Information Act 2000 I would be grateful for the following information about return home interviews (RHIs) for children who have been missing from home or care.

1) At present, are RHIs in your area carried out by (a) a voluntary or third sector organisation (if so, which one) or (b) a team inside the local authority (if so, which team, or what is the role of the person doing them)?
2) Please answer question 1 again for the financial year 2016/17.
3) Please answer question 1 again for the financial year 2013/14.
4) For the period 1 April 2017 to 31 March 2018:
a) how many times were children in your area reported as missing from home or from care?
b) how many different children were involved in those episodes?
5) a) After how many of those episodes was an RHI offered, whether to the young person or to their parent or carer?
b) How many of the offers were taken up by the young person?
c) How many offers were refused?
6) a) How many of the missing episodes were followed by an RHI actually taking place?
b) In how many cases was the RHI held within 72 hours of the child coming back?
c) Please explain how you work out the 72 hours:
i) do you count from the moment of return, or from when the police refer the case to you?
ii) do you count in hours or in days, and if days, calendar or working days?
iii) do you make any allowance where the child runs away again before the RHI is done?
7) a) Does the authority offer, or pay for, any further support once the RHI has taken place?
b) What is done with what is learned in the RHI?
c) What happens next where the RHI reveals that a child is vulnerable?
8) Is there anything else you would like to tell me about your RHI service, for example changes to the statutory guidance you would like to see, obstacles you face, or what has worked well?

Looked after children and out-of-area placements
9) Which of these best describes how RHIs are provided to children in your care who live in placements outside your area?
(a) by the same third sector provider that serves children living in your area
(b) by children's services staff, but never the child's own social worker
(c) by children's services staff, who may include the child's social worker
(d) by the child's own social worker
(e) bought in, case by case, from the service run by the authority where the child is placed
(f) bought in, case by case, from some other provider
(g) RHIs are not offered
(h) a mixture of the above
(i) something else (please describe)
10) For 1 April 2017 to 31 March 2018:
a) how many children in your care were living in out-of-area placements?
b) how many of them were reported missing (number of children and number of episodes)?
c) how many of them were offered an RHI?
d) how many of them had an RHI?
11) Do you offer RHIs to children in the care of other councils who are placed in your area? Yes / No / Decided case by case
12) If yes, or case by case, who carries them out?
13) For 1 April 2017 to 31 March 2018:
a) how many children looked after by other authorities were placed in your area?
b) how many of them went missing, and how many had an RHI?
14) Do you have any other comments about RHIs for children placed out of area?

Many thanks,
Fiona Marchetti
Lantern Research Partnership
"""


def plain():
    return (REPLY_TOP + "\n" + "\n".join(ANSWERS) + "\n\n" + SIGN_OFF + "\n"
            + ORIGINAL_HEAD + "\n" + ORIGINAL_BODY)


def as_html():
    def paras(block):
        out = []
        for chunk in block.strip("\n").split("\n\n"):
            out.append("<p>" + "<br>\n".join(html.escape(x) for x in chunk.split("\n")) + "</p>")
        return "\n".join(out)

    answers = "\n".join(
        f"<p>{html.escape(a)}</p>" for a in ANSWERS if a
    )
    return f"""<html><head><meta charset="utf-8"></head>
<body style="font-family:Arial,sans-serif;font-size:11pt">
{paras(REPLY_TOP)}
{answers}
{paras(SIGN_OFF)}
<div style="border-top:1px solid #b5c4df;padding-top:3pt">
{paras(ORIGINAL_HEAD)}
</div>
{paras(ORIGINAL_BODY)}
</body></html>
"""


msg = EmailMessage()
msg["From"] = "Alderwick Borough Council - Information Requests <information.requests@alderwick.gov.uk>"
msg["To"] = "Fiona Marchetti <fiona.marchetti@lanternresearch.org.uk>"
msg["Subject"] = "RE: Freedom of Information request - Return Home Interviews [ABC-FOI-2018-1377]"
msg["Date"] = "Tue, 17 Jul 2018 14:32:07 +0100"
msg["Message-ID"] = "<20180717143207.FOI20181377@alderwick.gov.uk>"
msg["In-Reply-To"] = "<20180620091402.5521@lanternresearch.org.uk>"
msg.set_content(plain())
msg.add_alternative(as_html(), subtype="html")
OUT.write_bytes(bytes(msg))
print(OUT)
