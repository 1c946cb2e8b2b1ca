"""Build letters/hartsmere-2018.eml (multipart/alternative: plain text + HTML).

Run: /work/main/.venv/bin/python make/make_hartsmere_eml.py   (from /work/sealed-2027-05/L)
"""
import html
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]
OUT = HERE / "letters" / "hartsmere-2018.eml"

REPLY = """Dear Ms Ellwood

Freedom of Information Act 2000 - our reference HBC-FOI-18-0731

Thank you for your e-mail of 21 June 2018, which is copied at the foot of this message. Children's Services have now supplied the information and I apologise for the short delay in replying.

Our case management system reports by financial year, so for most figures the performance team has given 2016/17 next to the 2017/18 year you asked about. "2017/18" means 1 April 2017 to 31 March 2018.

Q1 - who carries out interviews now
Return interviews are done in-house by the Missing and Child Exploitation Hub (the MACE Hub), part of Early Help, which has four practitioners and one senior practitioner. No voluntary sector organisation is involved at present.

Q2 - the arrangements during 2016/17
The MACE Hub began taking referrals on 3 October 2016. Between April and early October 2016 the child's allocated social worker did the interview, so both arrangements operated in that year.

Q3 - the arrangements during 2013/14
In 2013/14 the interviews were provided by Brightpath Young People's Trust, a local charity, funded by a council grant that ended in March 2015.

Q4a Missing episodes: 2016/17 - 588; 2017/18 - 641
Q4b Individual children: 2016/17 - 231; 2017/18 - 254

Q5a Episodes where an interview was offered: 2017/18 - 602 (2016/17 - 540)
Q5b Offers the young person accepted: 417 in 2017/18, up from 362 the year before
Q5c Offers turned down: 2016/17 - 178; 2017/18 - 185

Q6a Interviews that took place: 2016/17 - 351; 2017/18 - 409
Q6b Of which within 72 hours: 2017/18 - 288 (2016/17 - 230)

Q6c - how the 72 hours is measured
(i) The clock starts when the police "found" notification lands in the MACE Hub's secure inbox, not at the moment the child actually came home. Notifications typically reach us 9 to 14 hours after the return.
(ii) We count 72 clock hours, with weekends and bank holidays included.
(iii) If the child goes missing again before being seen, the clock restarts from the later return and one interview is recorded against both episodes.

Q7a - Yes. Practitioners can offer up to six further one-to-one sessions, and the Hub runs a Tuesday drop-in from 5.30pm to 7.30pm at Kingsgate Youth Centre.

Q7b - The completed interview form is saved to the child's electronic record and sent to the allocated worker. A summary of push and pull factors, places visited and named associates goes to the police missing persons coordinator and is used in the monthly exploitation mapping meeting.

Q7c - Any safeguarding concern is passed to the Front Door (our MASH) the same day. Where exploitation is suspected, an exploitation risk assessment is completed and the child is discussed at the multi-agency MACE panel, which sits every other Wednesday.

Q8 - We brought the service in-house because the grant-funded model could not cover evenings or weekends. The main barrier remains the delay in police notifications. Young people have told us they would rather talk to someone they have met before, so we try to send the same practitioner each time a child goes missing.

Out of area (your questions 9 to 14)

Q9 - Option (h), a mixture. The MACE Hub travels to placements within about 25 miles of Hartsmere; further away, the child's social worker arranges the interview, usually by buying it from the service in the area where the child lives.

Q10a Hartsmere children placed outside the borough: 2016/17 - 97; 2017/18 - 104
Q10b Went missing: 2017/18 - 29 children and 133 episodes (2016/17 - 24 children, 101 episodes)
Q10c Offered an interview: 2017/18 - 121 episodes (2016/17 - 92)
Q10d Had an interview: 2017/18 - 78 (2016/17 - 60)

Q11 - Case by case.

Q12 - When we agree to one, the MACE Hub carries it out.

Q13a - Not held. Placing councils do not always notify us when they place a child here, so we have no reliable count of these children.

Q13b - Police notifications show 41 missing episodes in 2017/18 involving 12 children placed here by other councils. The MACE Hub completed 9 interviews for this group. This breakdown was not kept before April 2017.

Q14 - Distance is the main difficulty. Waiting for a placing council to confirm who will do an interview can take several days, by which time the child may have moved on or gone missing again.

If you are unhappy with how your request has been handled you may ask for an internal review by writing to the address below within 40 working days of this e-mail. If you remain dissatisfied you can complain to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow SK9 5AF (telephone 0303 123 1113).

Most information we release can be re-used under the Open Government Licence v3.0.

Kind regards

Priya Marsden
Information Governance Officer
Hartsmere Borough Council, Civic Centre, 12 Tollgate Road, Hartsmere HM4 7QX
Tel: 01632 960418
"""

ORIGINAL = """Dear Hartsmere Borough Council,

Under the Freedom of Information Act I would be grateful for the following information about return home interviews (RHIs) for children who go missing from home or care. Unless I say otherwise, please give figures for 1 April 2017 - 31 March 2018.

1) At present, are RHIs in your area delivered by (a) a voluntary or charitable organisation - if so, which one - or (b) a team inside the authority - if so, which team, or what role does the interviewer hold?
2) Who delivered them in 2016/17?
3) And in 2013/14?
4a) How many separate missing episodes were reported for children in your area?
4b) How many individual children account for those episodes?
5a) After how many episodes was an RHI offered, either to the child or to their parent or carer?
5b) How many of those offers did the young person take up?
5c) How many offers were refused?
6a) How many RHIs actually took place?
6b) How many took place within 72 hours of the child coming back?
6c) Please tell us how you work out the 72 hours:
  i) does the count begin at the child's return or at the point the police refer the case to you?
  ii) is it counted in hours or in days - and if days, calendar or working?
  iii) is anything adjusted when a child goes missing again before the interview is done?
7a) Is any further support given or paid for once the RHI has taken place?
7b) What is done with the information collected at interview?
7c) What follows when an interview shows a child to be vulnerable?
8) Anything else you can tell us about the service - changes to guidance you would like, barriers you face, what is working.

Children placed out of area
9) How do children you look after, who are placed in another authority's area, receive their RHI? Please pick one:
  a) from the voluntary sector provider that serves children in your own area
  b) from your children's services staff, other than the child's social worker
  c) from your children's services staff, who may include the child's social worker
  d) from the child's own social worker
  e) bought in, case by case, from the service run by the area where the child lives
  f) bought in from some other provider
  g) they are not offered one
  h) a mix of the above
  i) something else (please describe)
10a) How many of your looked-after children lived in out-of-area placements during the year?
10b) How many of them went missing (children and episodes)?
10c) How many of them were offered an RHI?
10d) How many had an RHI?
11) Will you carry out RHIs for children in care whom other authorities have placed in your area? (yes / no / case by case)
12) Where the answer is yes or case by case, who does those interviews?
13a) How many children did other authorities place in your area during the year?
13b) How many of them went missing, and how many of those had an RHI?
14) Anything more you can tell us about RHIs for children placed out of area.

Yours sincerely,

Carys Ellwood
Runaway Futures Research Project
"""

QUOTE_HEAD = "On Thu, 21 Jun 2018 at 09:52, Carys Ellwood <c.ellwood@runawayfutures.example.org> wrote:"


def quoted(text: str) -> str:
    return "\n".join(("> " + line) if line else ">" for line in text.rstrip("\n").split("\n"))


plain = REPLY + "\n" + QUOTE_HEAD + "\n" + quoted(ORIGINAL) + "\n"


def to_html_paras(text: str) -> str:
    out = []
    for block in text.strip("\n").split("\n\n"):
        out.append("<p>" + "<br>\n".join(html.escape(l, quote=False) for l in block.split("\n")) + "</p>")
    return "\n".join(out)


html_body = (
    "<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Arial,sans-serif;font-size:11pt\">\n"
    + to_html_paras(REPLY)
    + "\n<p>" + html.escape(QUOTE_HEAD, quote=False) + "</p>\n"
    + "<blockquote style=\"margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex\">\n"
    + to_html_paras(ORIGINAL)
    + "\n</blockquote>\n</body></html>\n"
)

msg = EmailMessage()
msg["From"] = "Hartsmere Borough Council - Information Requests <information.requests@hartsmere.gov.uk>"
msg["To"] = "Carys Ellwood <c.ellwood@runawayfutures.example.org>"
msg["Subject"] = "RE: Freedom of Information request - Return Home Interviews [HBC-FOI-18-0731]"
msg["Date"] = format_datetime(datetime(2018, 7, 19, 15, 42, 7, tzinfo=timezone(timedelta(hours=1))))
msg["Message-ID"] = "<20180719154207.4471.hbcfoi@hartsmere.gov.uk>"
msg["In-Reply-To"] = "<CAF2x9Qk0718a@mail.runawayfutures.example.org>"
msg.set_content(plain)
msg.add_alternative(html_body, subtype="html")
OUT.write_bytes(bytes(msg))
print("wrote", OUT)
