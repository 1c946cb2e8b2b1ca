"""Build letters/calderbeck-2018.eml (multipart/alternative: plain text + HTML).

Run: /work/main/.venv/bin/python make/calderbeck_eml.py   (from the F folder)
"""
import html
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]
OUT = HERE / "letters" / "calderbeck-2018.eml"

REPLY = """Dear Dr Salter,

Freedom of Information Act 2000 - request ref. CMBC-FOI-18-0937

Thank you for your email of 5 June 2018. Our reply is set out below, numbered to match your request. All figures are for 01/04/2017 to 31/03/2018 unless stated, and come from the Children's Social Care case management system (extract run 26/06/2018 at 07:15) and from the monthly monitoring returns of our commissioned provider.

1. Third sector agency - Yes. Harbour Lights Children's Charity, under a contract which began on 1 April 2016. Council team - No.
2. As 1 - Harbour Lights Children's Charity throughout 2016/17.
3. Children missing from home were seen by youth workers in the Council's Youth Service; children in care were seen by their allocated social worker.
4a. 1,148 (excludes 61 episodes later re-graded as 'absent')
4b. 391
5a. 1,090
5b. 742
5c. 348
6a. 731
6b. 528
6c(i). From the time Harbour Lights receives the police 'found' notification, not from the moment of return.
6c(ii). Hours - a continuous 72 hour clock, weekends and bank holidays included.
6c(iii). If the child is missing again before the interview, the outstanding offer is closed and a fresh offer made, with the 72 hours running from the later return. The closed offer is counted as outside 72 hours.
7a. Yes - up to six sessions of one-to-one work with a Harbour Lights key worker, if the young person wants it.
7b. Each interview is written up on a standard form and uploaded to the child's record within 2 working days. A monthly summary of themes (push and pull factors, locations, associates) goes to the Missing and Exploited Children panel, which meets on the second Tuesday of the month.
7c. The interviewer telephones the allocated worker the same day or, where the child is not open to social care, the Front Door (MASH). Any indicator of exploitation leads to a screening tool being completed and, where needed, a strategy meeting.
8. No further comment.

Out of area - your questions 9 to 14
9. (h) A combination: Harbour Lights sees children placed within 25 miles of the borough boundary (option a); beyond that we spot purchase from the host authority's own service where there is one (option e).
10a. 164 (for comparison, 97 of our looked after children were living outside the borough on 31 March 2018)
10b. 29 children; 118 incidents
10c. 107
10d. 71
11. Yes
12. Harbour Lights Children's Charity (third sector).
13a. Not held. Placing authorities do not always tell us when a child arrives, so we have no reliable count.
13b. 46 children; 203 incidents; 88 interviews completed by Harbour Lights.
14. Distance is the main barrier: when a child is placed more than two hours' drive away, the host authority's service can take a week or more to pick up a referral, and we are reliant on their paperwork reaching the social worker.

If you are dissatisfied with the handling of your request you may ask for an internal review within 40 working days of this email by writing to the address below. If you remain unhappy after the review you can complain to the Information Commissioner's Office (ico.org.uk, helpline 0303 123 1113).

Information supplied in this reply may be re-used under the Open Government Licence v3.0, except where a third party holds the copyright.

Kind regards,

Dev Rajani
Information Governance Officer
Calderbeck Metropolitan Borough Council
Town Hall, 14-18 Mercer Street, Calderbeck CK4 7QT
Tel 01632 960418
"""

ORIGINAL_HEADER = "On Tue, 5 Jun 2018 at 09:41, Imogen Salter <imogen.salter@example.org> wrote:"

ORIGINAL = """Dear Calderbeck Metropolitan Borough Council,

Under the Freedom of Information Act 2000 I would like the following information about return home interviews (RHIs) for children who go missing from home or care. Unless a question says otherwise, please give figures for 1 April 2017 to 31 March 2018.

1) Are RHIs currently delivered in your area by:
   a) a third sector agency? If so, which agency?
   b) a team within the local authority? If so, which team, or the role of the person who carries them out?
2) Who delivered RHIs in your area during 2016/17?
3) Who delivered RHIs in your area during 2013/14?
4a) How many missing incidents were reported in the year?
4b) How many individual children did those incidents relate to?
5a) In how many of those incidents was an RHI offered to the child or their parent/carer?
5b) How many of the offers were accepted by the child?
5c) In how many incidents was the offer declined?
6a) In how many incidents was an RHI carried out?
6b) In how many incidents was the RHI carried out within 72 hours of the child's return?
6c) Please explain how the 72 hours is measured:
   i) is it counted from the child's return or from the police referral?
   ii) is it counted in hours or in days, and if days, calendar or working days?
   iii) is any adjustment made if the child goes missing again before the RHI takes place?
7a) Do you provide or commission any follow-up support after an RHI?
7b) What happens to the information gathered during an RHI?
7c) What steps are taken when an RHI identifies a vulnerability?
8) Is there anything else you would like to tell us about your RHI service (for example changes to the guidance, barriers you face, or what works well)?

Children placed out of area
9) How are RHIs delivered to looked after children you have placed outside your area? Please choose one:
   a) by the third sector agency that covers your local children
   b) by children's services, but never the child's own social worker
   c) by children's services, possibly the child's own social worker
   d) by the child's own social worker
   e) spot purchased from the host authority's service
   f) spot purchased from another provider
   g) RHIs are not offered to this group
   h) a combination of the above
   i) other (please describe)
10a) How many children in your care were placed out of area during the year?
10b) How many of them went missing (number of children and number of incidents)?
10c) Of those, how many were offered an RHI?
10d) How many received an RHI?
11) Do you offer RHIs to looked after children placed in your area by other local authorities? Yes / no / case by case
12) If yes or case by case, which agency delivers those RHIs?
13a) How many looked after children did other local authorities place in your area during the year?
13b) How many of those children went missing, and how many received an RHI?
14) Is there anything else you would like to tell us about RHIs for children placed out of area?

Many thanks for your help.

Dr Imogen Salter
Research Fellow, Centre for Child Safety Studies
"""


def quoted(text):
    return "\n".join(("> " + line) if line else ">" for line in text.splitlines())


def as_html(text):
    paras = [p for p in text.split("\n\n")]
    out = []
    for p in paras:
        out.append("<p>" + "<br>\n".join(html.escape(l) for l in p.splitlines()) + "</p>")
    return "\n".join(out)


plain = REPLY + "\n" + ORIGINAL_HEADER + "\n" + quoted(ORIGINAL) + "\n"
html_body = (
    "<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Calibri,Arial,sans-serif\">\n"
    + as_html(REPLY)
    + "\n<div class=\"gmail_quote\"><p>" + html.escape(ORIGINAL_HEADER) + "</p>\n"
    + "<blockquote style=\"margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex\">\n"
    + as_html(ORIGINAL)
    + "\n</blockquote></div>\n</body></html>\n"
)

msg = EmailMessage()
msg["From"] = "Calderbeck Council Information Requests <inforequests@calderbeck.gov.uk>"
msg["To"] = "Imogen Salter <imogen.salter@example.org>"
msg["Subject"] = "RE: Freedom of Information request - Return Home Interviews [CMBC-FOI-18-0937]"
msg["Date"] = format_datetime(datetime(2018, 7, 3, 14, 22, 9, tzinfo=timezone(timedelta(hours=1))))
msg["Message-ID"] = "<20180703132209.4417.CMBC-FOI-18-0937@calderbeck.gov.uk>"
msg["In-Reply-To"] = "<CAF7x0q2n@mail.example.org>"
msg.set_content(plain)
msg.add_alternative(html_body, subtype="html")
OUT.write_bytes(bytes(msg))
print("wrote", OUT)
