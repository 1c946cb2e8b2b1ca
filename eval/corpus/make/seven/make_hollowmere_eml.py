"""Build hollowmere-2018.eml (multipart/alternative, reply on top, request quoted below)."""
import html
from email.message import EmailMessage
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "letters" / "hollowmere-2018.eml"

REPLY = """Dear Ms Farrant-Lowe

Freedom of Information Act 2000 - request ref: HMB-FOI-18-0733

Thank you for your email of 24 May 2018. I can confirm that Hollowmere Metropolitan Borough Council holds most of the information you asked for. Our answers are below, numbered to match your email (copied at the foot of this message). Figures were taken from the Children's Services case system, ChildView, on 14/06/2018 at 10:42 and cover 1 April 2017 to 31 March 2018 unless stated.

1. The Missing and Exploitation Hub, a council team based within Early Help. Interviews are carried out by the Hub's three Return Practitioners.

2. The same team from 1 November 2016. From 1 April to 31 October 2016 interviews were delivered under contract by Open Road Youth Trust, a local charity.

3. Not held. Records of the 2013/14 arrangements were not kept after the 2015 restructure of Children's Services.

4a. 1,146 (2016/17 for comparison: 982)

4b. 388

5a. 1,101

5b. 871

5c. 230

6a. 842

6b. 611 - this is 72.6% of the figure at 6a

6c(i). From the time the police notification that the child has been found reaches the Hub, not the time the child actually came back. Notifications arrive by secure email; any received after 17:00 are logged at 08:30 the next morning.

6c(ii). Hours - a straight 72 hours, with weekends and bank holidays included.

6c(iii). If the child is reported missing again before we have seen them, the earlier episode is closed as not completed and a fresh 72 hours runs from the next notification.

7a. Yes. Every child interviewed can be offered up to six weeks of one-to-one work with a Hub practitioner.

7b. A summary of each interview is recorded on ChildView within 24 hours and shared with the allocated social worker or Early Help lead and with the police missing person coordinator. Push and pull factors are collated each month for the Exploitation and Missing Panel.

7c. Where a risk is identified the practitioner completes an exploitation screening tool on the same day. Medium and high scores are referred to the MASH and to the fortnightly multi-agency risk meeting, which can lead to a strategy discussion.

8. Our main difficulty is reaching young people in time when notifications are late or the child will not engage; making first contact by text message has improved take-up. We would welcome guidance that allows a short safe and well conversation to be recorded where a full interview is refused.

9. (h) A combination. Where the host council's service will accept a spot-purchase request we use it; otherwise the child's allocated social worker or a Hub practitioner travels to see the child.

10a. 164

10b. 37 children, 149 episodes

10c. 131

10d. 98

11. Case by case

12. The Missing and Exploitation Hub.

13a. 271 (of whom 212 were still placed here on 31 March 2018)

13b. 44 children went missing, in 190 episodes; 61 interviews completed

14. We depend on placing councils telling us about their placements. Notifications are incomplete, so the figures at 13a and 13b are likely to be undercounts.

If you are unhappy with this response you may ask for an internal review within 40 working days by replying to this email. If you remain dissatisfied you may complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF, telephone 0303 123 1113.

Kind regards

Dilys Acheampong
Information Governance Officer
Hollowmere Metropolitan Borough Council
Civic Centre, 1 Tanner's Row, Hollowmere HW3 9QT
Tel: 01632 960 418
"""

REQUEST = """Dear Sir or Madam,

Under the Freedom of Information Act 2000 please supply the following about return home interviews (RHIs) for children who have been missing from home or care. Unless I say otherwise, please give figures for the financial year 1 April 2017 - 31 March 2018.

1. Who currently carries out your RHIs? If a voluntary or charitable organisation, please name it; if an in-house team, tell me the team or the job role of the interviewer.
2. Who carried out RHIs during 2016/17?
3. And who carried them out during 2013/14?
4a. What was the total number of missing episodes recorded for children during the year?
4b. How many different children were involved in those episodes?
5a. For how many episodes was the child, or their parent or carer, offered an RHI?
5b. On how many occasions did the child take up the offer?
5c. On how many occasions was it turned down?
6a. How many episodes were followed by an RHI that actually took place?
6b. In how many of those did the RHI take place no later than 72 hours after the child came back?
6c. Please describe how you work out the 72-hour period, in particular:
(i) does the period start when the child returns or when the police refer the case to you?
(ii) do you count in hours or in days, and if days, calendar or working days?
(iii) do you adjust the calculation where a child runs away again before the RHI has taken place?
7a. After an RHI, does the council deliver or buy in any further support for the child?
7b. How is the information collected at RHIs used?
7c. What happens next if an RHI reveals that a child is vulnerable or at risk?
8. Is there anything else you would like to tell us about your RHI service, for example changes you would like to the statutory guidance, obstacles you face or approaches that work well?

Children placed out of area
9. For looked-after children you have placed in another authority's area, how are RHIs carried out? Please choose one:
a) by the same voluntary sector provider that interviews children living in your area
b) by children's services staff, but never the child's own social worker
c) by children's services staff, who may include the child's own social worker
d) by the child's own social worker
e) bought in case by case from the host council's RHI service
f) bought in case by case from some other provider
g) RHIs are not offered to this group
h) a mix of the above
i) another arrangement (please describe)
10a. How many of your looked-after children were living in placements outside your area during 2017/18?
10b. How many of them went missing during the year (children and episodes)?
10c. How many of the children in 10b were offered an RHI?
10d. And how many were actually interviewed?
11. Are RHIs offered to looked-after children whom other councils have placed within your area? (yes / no / decided case by case)
12. If you answered yes or case by case, who carries out those interviews?
13a. Over 2017/18, how many children in other councils' care lived in placements in your area?
13b. Of that group, how many went missing and how many were interviewed on return?
14. Please add anything else about RHIs for children placed across local authority boundaries.

Many thanks,
Ruth Farrant-Lowe
Research Officer, Runaway Pathways Project
"""

ATTRIB = "On Thu, 24 May 2018 at 09:12, Ruth Farrant-Lowe <r.farrant-lowe@runawaypathways.example.org> wrote:"


def text_body() -> str:
    quoted = "\n".join(("> " + line) if line else ">" for line in REQUEST.splitlines())
    return REPLY + "\n" + ATTRIB + "\n" + quoted + "\n"


def html_body() -> str:
    def paras(block: str) -> str:
        out = []
        for para in block.strip().split("\n\n"):
            out.append("<p>" + "<br>\n".join(html.escape(l, quote=False) for l in para.splitlines()) + "</p>")
        return "\n".join(out)

    return (
        "<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Calibri,Arial,sans-serif;font-size:11pt\">\n"
        + paras(REPLY)
        + "\n<div class=\"gmail_quote\"><p>" + html.escape(ATTRIB, quote=False) + "</p>\n"
        + "<blockquote style=\"margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex\">\n"
        + paras(REQUEST)
        + "\n</blockquote></div>\n</body></html>\n"
    )


msg = EmailMessage()
msg["From"] = "Hollowmere Information Governance <foi@hollowmere.gov.uk>"
msg["To"] = "Ruth Farrant-Lowe <r.farrant-lowe@runawaypathways.example.org>"
msg["Subject"] = "RE: Freedom of Information request - return home interviews [HMB-FOI-18-0733]"
msg["Date"] = "Thu, 21 Jun 2018 14:37:09 +0100"
msg["Message-ID"] = "<20180621143709.HMB-FOI-18-0733@hollowmere.gov.uk>"
msg["In-Reply-To"] = "<CAJ7x1q0RFL0524@mail.runawaypathways.example.org>"
msg["References"] = "<CAJ7x1q0RFL0524@mail.runawaypathways.example.org>"
msg["X-Mailer"] = "Microsoft Outlook 16.0"
msg.set_content(text_body(), cte="quoted-printable")
msg.add_alternative(html_body(), subtype="html", cte="quoted-printable")
OUT.write_bytes(bytes(msg))
print("wrote", OUT)
