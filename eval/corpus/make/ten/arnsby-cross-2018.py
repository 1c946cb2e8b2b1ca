"""Build letters/arnsby-cross-2018.eml (multipart/alternative: text/plain + text/html)."""
import html
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "letters" / "arnsby-cross-2018.eml"

REPLY = """Dear Ms Halloran

Our reference: ACBC-IG-18-00731

Thank you for your request for information received on 15 May 2018. Please accept our apologies for the short delay in replying. The Council's answers follow, using the numbering in your email (your out-of-area questions were numbered 9 to 14, so we have kept those numbers).

1. Council team. The Missing and Child Exploitation (MACE) Hub, part of Early Help. Interviews are done by the Hub's two Return Workers; no third sector agency is used.

2. As 1.

3. The Lantern Project, a local children's charity, under a grant agreement which ended on 30/09/2015.

4a. 1,147

4b. 402

5a. 1,090

5b. 596

5c. 351. The other offers could not be followed up, usually because the child went missing again or could not be reached after three attempts.

6a. 571

6b. 408

6c.
(i) From the time the police referral (the "found" notification) is received by the MACE Hub, not from the moment the child comes home.
(ii) Clock hours, including weekends and bank holidays. Notifications that arrive after 17:00 are picked up from 08:30 the next morning, but the clock keeps running overnight.
(iii) Yes. If the child is reported missing again before being seen, the clock starts again from the later referral and one interview covers both episodes.

7a. Yes. The Hub's Missing Support Worker offers up to six weeks of one-to-one work, and young people can also be referred to the Youth Service detached team.

7b. The RHI form is uploaded to the child's social care record. Intelligence is passed to Rowanshire Police using the partnership information form, and a quarterly themes report goes to the Missing, Exploited and Trafficked (MET) sub-group of the Safeguarding Partnership.

7c. The Return Worker agrees next steps with the Hub manager. Depending on the level of concern this can mean a contact to the Children's Advice and Duty Service, a strategy discussion, or an exploitation screening tool being completed and the child being added to the MET list.

8. Our main difficulty is demand: the number of police notifications rose during the year while the Hub's staffing stayed at two Return Workers. Interviews offered in a familiar setting such as school have a noticeably higher take-up.

9. (h). Our Return Workers travel to placements within roughly 50 miles; further away, the child's social worker completes the interview or we spot purchase one from the host authority.

10a. 118

10b. 41 children / 163 incidents

10c. 152

10d. 97

11. Case by case

12. MACE Hub (as 1.)

13a. Not held. We are notified of some, but not all, placements made in Arnsby Cross by other authorities, so no reliable figure is available.

13b. 27 children went missing, on 88 occasions; 19 interviews were completed by the Hub.

14. Interviews for placed-in children are agreed with the placing authority on each occasion, which can add a day or two before a worker is allocated.

If you are dissatisfied with the handling of your request you can ask for an internal review by replying to this email within 40 working days. If you are still not satisfied you can contact the Information Commissioner's Office (https://ico.org.uk, telephone 0303 123 1113).

The information in this email may be re-used under the Open Government Licence; see www.nationalarchives.gov.uk/doc/open-government-licence.

Kind regards

Priya Ramaswamy-Cole
Information Governance Officer
Arnsby Cross Borough Council | Corporate Services | Town Hall, 1 Market Square, Arnsby Cross AX3 7LD
Tel 01632 960 731 (ext. 4418)
"""

ORIGINAL_HEADER = """-----Original Message-----
From: Niamh Halloran <n.halloran.research@example.org>
Sent: 15 May 2018 09:52
To: FOI <foi@arnsbycross.gov.uk>
Subject: Freedom of Information request - Return Home Interviews
"""

ORIGINAL = """Dear Arnsby Cross Borough Council,

Under the Freedom of Information Act 2000 I would be grateful for the following information about Return Home Interviews (RHIs) for children who go missing from home or care. Unless stated, please give figures for 1 April 2017 to 31 March 2018.

1. Are RHIs currently delivered in your area by (a) a third sector agency (if so, which one) or (b) a team within the local authority (if so, which team or professional role)?
2. Who delivered RHIs in your area in 2016/17?
3. Who delivered RHIs in your area in 2013/14?
4a. How many missing incidents involving children were reported in the year?
4b. How many individual children did those incidents involve?
5a. In how many incidents was an RHI offered to the child or their parent/carer?
5b. In how many incidents did the child accept the offer?
5c. In how many incidents was the offer declined?
6a. In how many incidents was an RHI carried out?
6b. In how many incidents was the RHI carried out within 72 hours of the child's return?
6c. How do you measure the 72 hours? (i) From the return or from the police referral? (ii) In hours, calendar days or working days? (iii) Do you adjust the count if the child goes missing again before the RHI?
7a. Do you provide or commission any follow-up support after an RHI?
7b. What happens to the information gathered in the RHI?
7c. What steps follow when a vulnerability is identified?
8. Please tell us anything else about your RHI service (changes to guidance, barriers, what works).

Children placed out of area
9. How are RHIs delivered to looked after children in your care who are placed outside your area? Please pick one: a) by the third sector agency that covers local children; b) by children's services staff who are never the child's social worker; c) by children's services staff who may be the child's social worker; d) by the child's own social worker; e) spot purchased from the host authority's service; f) spot purchased from another provider; g) not offered; h) a combination of these; i) other.
10a. How many children in your care were placed out of area during the year?
10b. How many of them went missing (children and incidents)?
10c. How many of them were offered an RHI?
10d. How many received an RHI?
11. Do you offer RHIs to looked after children placed in your area by other councils? Yes / no / case by case
12. If yes or case by case, which agency delivers them?
13a. How many looked after children did other councils place in your area during the year?
13b. How many of those went missing, and how many received an RHI?
14. Anything else about your service for children placed out of area?

Many thanks,
Niamh Halloran
"""


def plain() -> str:
    quoted = "\n".join(("> " + line) if line else ">" for line in ORIGINAL.splitlines())
    return REPLY + "\n" + ORIGINAL_HEADER + "\n" + quoted + "\n"


def as_html() -> str:
    def paras(text: str) -> str:
        out = []
        for block in text.strip("\n").split("\n\n"):
            out.append("<p>" + "<br>\n".join(html.escape(x) for x in block.split("\n")) + "</p>")
        return "\n".join(out)

    head = "<br>\n".join(html.escape(x) for x in ORIGINAL_HEADER.strip().split("\n"))
    return (
        "<html><head><meta charset=\"utf-8\"></head>"
        "<body style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">\n"
        + paras(REPLY)
        + "\n<hr>\n<div style=\"color:#555\"><p>" + head + "</p>\n"
        + "<blockquote style=\"border-left:2px solid #999;padding-left:8px\">\n"
        + paras(ORIGINAL)
        + "\n</blockquote></div>\n</body></html>\n"
    )


msg = EmailMessage()
msg["From"] = "Information Governance <foi@arnsbycross.gov.uk>"
msg["To"] = "Niamh Halloran <n.halloran.research@example.org>"
msg["Subject"] = "RE: Freedom of Information request - Return Home Interviews [ACBC-IG-18-00731]"
msg["Date"] = "Wed, 13 Jun 2018 15:41:07 +0100"
msg["Message-ID"] = make_msgid(idstring="acbc18731", domain="arnsbycross.gov.uk")
msg["X-Mailer"] = "Microsoft Outlook 16.0"
msg.set_content(plain())
msg.add_alternative(as_html(), subtype="html")
OUT.write_bytes(bytes(msg))
print("wrote", OUT)
