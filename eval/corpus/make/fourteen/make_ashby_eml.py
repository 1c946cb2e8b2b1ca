"""Build letters/ashby-wold-2018.eml (multipart/alternative: plain text + HTML).

Run: /work/main/.venv/bin/python make/make_ashby_eml.py   (from /work/sealed-2027-05/K)
"""
import html
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]

REPLY = """Dear Ms Okafor,

Freedom of Information Act 2000 - our reference AWC/FOI/18/0637

Thank you for your email of 11 June 2018, which we logged at 10:26 that morning. Children and Family Services have now gathered what you asked for.

Our answers carry the numbers used in your email, which is copied underneath this message. Unless an answer says otherwise, the figures cover 1 April 2017 to 31 March 2018 and are drawn from our Mosaic case records and from the monthly returns Waymark Youth Trust sends us.

1. Third sector: yes - Waymark Youth Trust (registered charity). Council team: no.

2. Waymark Youth Trust from 1 October 2016. Between April and September 2016 interviews were done in-house by the Missing and Exploitation Hub.

3. In-house, by the Children's Rights and Participation Service (participation officers).

4a. 1,146 episodes

4b. 389 children

5a. 1,071

5b. 742

5c. 329

6a. 716

6b. 463

6c. (i) From the child's return, using the return time on the police notification rather than the time the notification reaches Waymark.
(ii) Clock hours; weekends and bank holidays are included.
(iii) If the child goes missing again before being seen, the 72 hours restarts from the latest return and one interview is recorded against both episodes.

7a. Yes. Waymark can offer up to six weeks of one-to-one sessions after the interview and can refer the young person on to our Early Help service.

7b. The interview record is added to the child's file on Mosaic within two working days. Intelligence about places, people or vehicles goes to the police on a partnership intelligence form, and Waymark sends a monthly anonymised summary of themes to the Missing Children Operational Group.

7c. Any disclosure of harm is passed to the Front Door (MASH) on the same day. If exploitation is suspected the child is discussed at the weekly Risk Management Meeting and a strategy discussion is considered.

8. Referrals rose by roughly a fifth after a county lines operation in the autumn of 2017. Our main barrier is engaging 16 and 17 year olds who go missing again and again and are weary of being asked the same things; meeting them where they prefer, including in the evening, has improved take-up. We would welcome clearer national guidance on when one interview may cover several episodes that happen close together.

Children placed out of area (your questions 9 to 14)

9. (h) - see 14.

10a. 212

10b. 47 children; 173 episodes

10c. 151

10d. 98

11. Case by case

12. Waymark Youth Trust

13a. Not held. Placing authorities do not always tell us when they place a child here, so we have no reliable count.

13b. 61 children and 140 episodes, taken from police notifications. Interviews received: fewer than 5. We are withholding the exact number under section 40(2), as a figure this small could identify the young people concerned.

14. Waymark covers placements up to about 20 miles beyond our boundary. Further away, the interview is done by the child's social worker or bought in from the host authority's own service. When another council places a child with us we tell them what we can offer, but most make their own arrangements.

If you are unhappy with how we have handled your request, you can ask for an internal review within 40 working days of this email by writing to the address below. Should you still be dissatisfied after the review, you may take the matter to the Information Commissioner, whose office can be reached at ico.org.uk or on 0303 123 1113.

Kind regards,

Priya Marsden
Information Governance Officer
Ashby Wold Council | Civic Offices, 4 Tanners Row, Ashby Wold AW1 3QT
Tel: 01632 960418 | inforequests@ashbywold.gov.uk
"""

ORIGINAL = """-----Original Message-----
From: Dana Okafor <dana.okafor@hearthlinetrust.org.uk>
Sent: 11 June 2018 10:26
To: Information Requests <inforequests@ashbywold.gov.uk>
Subject: Freedom of Information request - return home interviews

Dear Ashby Wold Council,

I am writing under the Freedom of Information Act 2000 on behalf of the Hearthline Trust, which is looking into how return home interviews (RHIs) are provided to children who have run away or gone missing. Please answer for 1 April 2017 to 31 March 2018 unless a question says otherwise.

1. Are RHIs in your area currently carried out by (a) a voluntary or third sector organisation (if so, which one) or (b) a team inside the council (if so, which team, or the job role of the person doing them)?
2. Who carried out RHIs in 2016/17?
3. Who carried them out in 2013/14?
4. (a) How many missing episodes involving children were reported in the year?
   (b) How many separate children did those episodes involve?
5. (a) After how many episodes was an RHI offered to the child or their parent or carer?
   (b) How many of those offers did the child take up?
   (c) How many offers were turned down?
6. (a) After how many episodes did an RHI actually take place?
   (b) How many of those took place within 72 hours of the child coming back?
   (c) Please explain how you work out the 72 hours:
       (i) does the clock start at the child's return or at the police referral?
       (ii) do you count hours or days, and if days, calendar or working days?
       (iii) is anything adjusted when a child goes missing again before the interview?
7. (a) Do you offer or commission any further support after the interview?
   (b) What happens to the information collected?
   (c) What is done next when an interview shows that a child is vulnerable?
8. Is there anything else you would like to tell us, for example about changes you would like to the guidance, barriers you face or what works well?

Children in your care placed out of area
9. How do looked after children you have placed outside your boundaries receive RHIs? Please choose one:
   (a) from the third sector agency that interviews your local children
   (b) from children's services staff, never the child's own social worker
   (c) from children's services staff, who may be the child's own social worker
   (d) from the child's own social worker
   (e) bought in case by case from the host authority's service
   (f) bought in case by case from another provider
   (g) RHIs are not offered to this group
   (h) a mixture of the above
   (i) something else (please describe)
10. (a) How many of your looked after children were placed outside your area during the year?
    (b) How many of them went missing (number of children and number of episodes)?
    (c) How many of those were offered an RHI?
    (d) How many received one?
11. Do you offer RHIs to looked after children placed in your area by other authorities? Yes / No / Case by case
12. If yes or case by case, who carries them out?
13. (a) How many looked after children did other authorities place in your area during the year?
    (b) How many of them went missing, and how many received an RHI?
14. Is there anything else you would like to tell us about RHIs for children placed out of area?

Many thanks,
Dana Okafor
Research Officer, Hearthline Trust
"""


def to_html(reply: str, original: str) -> str:
    def paras(text: str) -> str:
        out = []
        for block in text.strip().split("\n\n"):
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
msg["From"] = "Ashby Wold Council Information Requests <inforequests@ashbywold.gov.uk>"
msg["To"] = "Dana Okafor <dana.okafor@hearthlinetrust.org.uk>"
msg["Subject"] = "RE: Freedom of Information request - return home interviews [AWC/FOI/18/0637]"
msg["Date"] = "Mon, 09 Jul 2018 15:42:10 +0100"
msg["Message-ID"] = make_msgid(idstring="foi180637", domain="ashbywold.gov.uk")
msg["In-Reply-To"] = "<CAF3x9q2Lk7@mail.hearthlinetrust.org.uk>"
msg.set_content(REPLY + "\n" + ORIGINAL)
msg.add_alternative(to_html(REPLY, ORIGINAL), subtype="html")
(HERE / "letters" / "ashby-wold-2018.eml").write_bytes(bytes(msg))
print("wrote ashby-wold-2018.eml")
