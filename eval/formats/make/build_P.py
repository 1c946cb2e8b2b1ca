#!/usr/bin/env python
"""Build blind test set P (8 fictional council FOI replies about return home interviews).

Run with an interpreter that has openpyxl and fpdf2:
    python build_P.py            # writes ../P/letters and ../P/gold
All councils, people, references, addresses and figures are invented.
"""
import csv
import io
import json
import os
import textwrap
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from datetime import datetime, timezone, timedelta

import openpyxl
from openpyxl.styles import Alignment, Font
from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LET = os.path.join(ROOT, "letters")
GOLD = os.path.join(ROOT, "gold")
os.makedirs(LET, exist_ok=True)
os.makedirs(GOLD, exist_ok=True)

P2018 = {"start": "2017-04-01", "end": "2018-03-31"}
P2024 = {"start": "2023-04-01", "end": "2024-03-31"}
BST = timezone(timedelta(hours=1))
GMT = timezone(timedelta(hours=0))


def cnt(v, q=None):
    d = {"value": v, "unit": "count"}
    if q is not None:
        d["quote"] = q
    return d


def pct(v, of, q):
    return {"value": v, "unit": "percent", "of": of, "quote": q}


def cat(vals, q=None, **extra):
    d = {"value": list(vals)}
    if q is not None:
        d["quote"] = q
    d.update(extra)
    return d


def txt(v, q=None):
    d = {"value": " ".join(v.split())}
    if q is not None:
        d["quote"] = q
    return d


def withheld(status, q=None):
    d = {"value": None, "status": status}
    if q is not None:
        d["quote"] = q
    return d


def write_gold(letter, council, ref, date, qn, fields):
    g = {
        "letter": letter,
        "council": council,
        "reference": ref,
        "response_date": date,
        "questionnaire": qn,
        "period": P2018 if qn == "rhi-2018" else P2024,
        "fields": fields,
    }
    name = os.path.splitext(letter)[0] + ".json"
    with open(os.path.join(GOLD, name), "w", encoding="utf-8") as f:
        json.dump(g, f, indent=2, ensure_ascii=False)
        f.write("\n")


def quote_block(text, width=72):
    out = []
    for para in text.split("\n"):
        if not para.strip():
            out.append(">")
            continue
        indent = len(para) - len(para.lstrip(" "))
        for line in textwrap.wrap(para, width=width, subsequent_indent=" " * indent,
                                  initial_indent=" " * indent):
            out.append("> " + line)
    return "\n".join(out)


# ---------------------------------------------------------------------------
# p1: plain-text e-mail, top-posted, original request quoted below (rhi-2018)
# ---------------------------------------------------------------------------
def build_p1():
    adj = ("If the child goes missing again before the interview has happened, the clock "
           "restarts from the later return and a single interview covers both episodes.")
    info = ("The interview record is saved to the child's file on our case management system, "
            "and a summary goes to the allocated worker, the police missing person coordinator "
            "and, where relevant, the child's school. Themes from the interviews are reported "
            "each quarter to the Hallowmere Safeguarding Children Partnership.")
    vuln = ("Where an interview suggests a risk of exploitation, the Hub makes a same-day "
            "referral to the Multi-Agency Safeguarding Hub and a strategy discussion is held "
            "within two working days.")
    ooac = ("Distance is the main barrier: a round trip to some placements takes most of a "
            "working day, so we rely on video calls more than we would like.")
    answers = f"""Dear Dr Tarrant,

Freedom of Information request HBC-FOI-18-0736

Thank you for your request about return home interviews, which reached us on 12 June 2018. Our answers follow the numbering you used. Unless we say otherwise, every figure covers the financial year 1 April 2017 to 31 March 2018.

1. All return home interviews are now carried out by the Missing and Exploitation Hub, a team inside our Children's Social Care service. No voluntary sector organisation is involved at present.

2. During 2016/17 the interviews were provided by Larkspur Youth Trust, a registered charity. That arrangement ended when the work moved to the Hub in April 2017.

3. We do not hold this. Records of the arrangements that applied in 2013/14 were not kept after the earlier contract ended.

4a. 912 missing incidents were reported to the council in 2017/18. For comparison, the total for 2016/17 was 845.

4b. Those incidents related to 287 individual children.

5a. An interview was offered after 880 of the incidents. The remaining 32 were not offered one, mostly because the young person was taken into custody when found.

5b. 602 offers were accepted.

5c. 278 offers were declined, either by the child or by a parent or carer.

6a. An interview was carried out for 571 incidents.

6b. 68.3% of the interviews carried out were completed within 72 hours.

6c. (i) The Hub starts the 72 hours when the police tell us the child has been found, rather than at the moment the child actually got home.
(ii) The count is in clock hours and runs through weekends and bank holidays.
(iii) {adj}

7a. Yes. After the interview a child can be referred to our Next Steps mentoring scheme, which offers up to twelve weeks of one-to-one support.

7b. {info}

7c. {vuln}

8. We have nothing further to add at this stage.

Children placed out of area

OOA 1. Option b. A Hub worker from children's services, never the child's own social worker, visits the placement or, where the distance is too great, holds the interview by video call.

OOA 2a. 94 children in our care were placed outside the borough during the year.

OOA 2b. 17 of them went missing, accounting between them for 63 incidents.

OOA 2c. An interview was offered after 58 of those incidents.

OOA 2d. 41 interviews took place.

OOA 3. Case by case: we decide each request from a placing authority on its merits.

OOA 4. Where we agree, the Missing and Exploitation Hub carries out the interview.

OOA 5a. This is not held. Placing authorities do not reliably notify us when they place a child in the borough.

OOA 5b. The Hub carried out 19 interviews with children placed here by other councils.

OOA 6. {ooac}

If you are dissatisfied with the way we have handled your request, you may ask for an internal review by writing to us within 40 working days. If you remain unhappy after the review, you can complain to the Information Commissioner.

Kind regards

Marcus Ellingham
Information Governance Officer
Hallowmere Borough Council
Civic Offices – Tanner Street – Hallowmere HW1 4QT
foi@hallowmere.gov.uk
"""
    request = """Dear Sir or Madam,

I am writing under the Freedom of Information Act 2000 to ask for information about return home interviews (RHIs) offered to children who have been missing from home or care. Unless a question says otherwise, please give figures for the year 1 April 2017 to 31 March 2018.

1. Who delivers RHIs in your area at present? If a third sector agency, please name it; if a team within the council, please say which team or which role.
2. Who delivered RHIs in 2016/17 (a third sector agency or a council team)?
3. Who delivered RHIs in 2013/14 (a third sector agency or a council team)?
4a. How many missing incidents were reported in the year to 31 March 2018?
4b. How many individual children did those incidents involve?
5a. For how many incidents was an RHI offered to the child or to a parent or carer?
5b. How many of those offers were accepted by the child?
5c. For how many incidents was the offer declined?
6a. For how many incidents was an RHI actually carried out?
6b. For how many incidents did the RHI take place within 72 hours of the child's return?
6c. How do you measure the 72 hours, and what assumptions do you make?
  (i) Do you count from the child's return or from the police referral?
  (ii) Do you count hours or days, and if days, calendar or working days?
  (iii) Do you make any adjustment if the child goes missing again before an RHI can take place?
7a. Do you provide or commission any follow-up support after an RHI?
7b. What is done with the information gathered during an RHI?
7c. What steps are taken when an RHI identifies that a child is vulnerable?
8. Please tell us anything else about your service: changes you would like to the 2014 statutory guidance, barriers you face, and what works well.

Children placed out of area

OOA 1. How are RHIs delivered to looked-after children whom you have placed outside your area? Please choose one:
  a) by the same third sector agency that interviews children locally
  b) by children's services staff who are not the child's social worker
  c) by children's services staff, who may include the child's social worker
  d) by the child's own social worker
  e) spot purchased from the authority where the child is placed
  f) spot purchased from another provider
  g) RHIs are not offered to this group
  h) a combination of the above (please say which)
  i) other (please describe)
OOA 2a. How many children in your care were placed out of area during the year?
OOA 2b. How many of those children went missing, and in how many incidents?
OOA 2c. Of those, how many were offered an RHI?
OOA 2d. How many received an RHI?
OOA 3. Do you offer RHIs to looked-after children placed in your area by other councils? (yes / no / case by case)
OOA 4. If yes or case by case, which agency delivers those RHIs?
OOA 5a. How many looked-after children did other councils place in your area during the year?
OOA 5b. How many of those children went missing, and how many received an RHI?
OOA 6. Please tell us anything else about your service for children placed out of area.

I understand that the cost limit is 18 hours of work. If answering every question would go beyond it, please tell me which questions to drop so that the rest can be answered.

With thanks,
Imogen Tarrant
Runaway Research Collective
14 Mercer Yard, Lowther Gate, LG3 8PN
"""
    body = (answers + "\nOn Tue, 12 Jun 2018 at 09:41, Imogen Tarrant "
            "<i.tarrant@runawayresearch.org.uk> wrote:\n" + quote_block(request) + "\n")
    date = datetime(2018, 7, 10, 14, 22, 7, tzinfo=BST)
    headers = [
        "From: Information Governance <foi@hallowmere.gov.uk>",
        "To: Imogen Tarrant <i.tarrant@runawayresearch.org.uk>",
        "Date: " + format_datetime(date),
        "Subject: RE: Freedom of Information request - return home interviews "
        "[HBC-FOI-18-0736]",
        "Message-ID: <20180710132207.4471.foi@mail.hallowmere.gov.uk>",
        "In-Reply-To: <CAF3x9q-rhi-0612@mail.runawayresearch.org.uk>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    raw = "\r\n".join(headers) + "\r\n\r\n" + body.replace("\n", "\r\n")
    with open(os.path.join(LET, "p1.eml"), "wb") as f:
        f.write(raw.encode("utf-8"))

    F = {
        "provider": cat(["local_authority_team"],
                        "the Missing and Exploitation Hub, a team inside our Children's Social Care service",
                        team="Missing and Exploitation Hub"),
        "provider_2016_17": cat(["third_sector_agency"],
                                "Larkspur Youth Trust, a registered charity",
                                agency="Larkspur Youth Trust"),
        "provider_2013_14": withheld("not_held",
                                     "Records of the arrangements that applied in 2013/14 were not kept"),
        "missing_incidents": cnt(912, "912 missing incidents"),
        "missing_children": cnt(287, "287 individual children"),
        "rhi_offered": cnt(880, "offered after 880"),
        "rhi_accepted": cnt(602, "602 offers were accepted"),
        "rhi_declined": cnt(278, "278 offers were declined"),
        "rhi_completed": cnt(571, "571 incidents"),
        "rhi_within_72h": pct(68.3, "rhi_completed", "68.3% of the interviews carried out"),
        "measure_72h_from": cat(["police_referral"],
                                "starts the 72 hours when the police tell us the child has been found"),
        "measure_72h_units": cat(["hours"], "The count is in clock hours"),
        "measure_72h_adjustments": txt(adj, adj),
        "follow_up_support": cat(["yes"],
                                 "Yes. After the interview a child can be referred to our Next Steps mentoring scheme"),
        "info_use": txt(info, "The interview record is saved to the child's file on our case management system"),
        "vulnerability_steps": txt(vuln, vuln),
        "comments": withheld("not_answered", "We have nothing further to add at this stage."),
        "ooa_delivery": cat(["childrens_services_not_social_worker"], "Option b"),
        "ooa_placed_children": cnt(94, "94 children in our care"),
        "ooa_missing_children": cnt(17, "17 of them went missing"),
        "ooa_missing_incidents": cnt(63, "63 incidents"),
        "ooa_rhi_offered": cnt(58, "offered after 58"),
        "ooa_rhi_completed": cnt(41, "41 interviews took place"),
        "incoming_offered": cat(["case_by_case"], "Case by case: we decide each request"),
        "incoming_provider": cat(["local_authority_team"],
                                 "the Missing and Exploitation Hub carries out the interview"),
        "incoming_placed_children": withheld("not_held", "This is not held."),
        "incoming_rhi_completed": cnt(19, "19 interviews"),
        "ooa_comments": txt(ooac, ooac),
    }
    write_gold("p1.eml", "Hallowmere Borough Council", "HBC-FOI-18-0736", "2018-07-10",
               "rhi-2018", F)


# ---------------------------------------------------------------------------
# p2: multipart e-mail, short body + xlsx (two years side by side), Outlook chain (rhi-2024)
# ---------------------------------------------------------------------------
def build_p2():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "FOI 24-1187"
    ws.append(["Castlebrook MBC - FOI CMBC/FOI/24/1187 - Missing children and return interviews"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append(["Q", "Description", "2022/23", "2023/24", "Notes"])
    for c in ws[2]:
        c.font = Font(bold=True)
    prov_23 = "Council team (Missing Children Team)"
    rows = [
        ["1", "Individual children reported missing", 402, 436, None],
        ["2", "Missing incidents reported", 1388, 1517, None],
        ["3", "Children looked after during the year", 611, 648,
         "Children looked after at any time in the year"],
        ["4", "Looked-after children who went missing", 71, 84,
         "Includes fewer than 5 children placed with parents"],
        ["5", "Missing incidents of looked-after children", 493, 538, None],
        ["6", "Return interviews offered", 1301, 1455, None],
        ["7", "Return interviews completed", 894, 1012, None],
        ["7", "Offers declined by the child", 288, 311, None],
        ["8", "Completed within 72 hours of return", "Not held", "Not held",
         "Timeliness against the 72-hour standard was not reported until our new case system "
         "went live in May 2024"],
        ["9", "Who provides return interviews",
         "Independent provider paid by the council (Corbel Futures CIC)",
         prov_23, "In-house Missing Children Team from 1 April 2023"],
        ["10", "Follow-up support after a return interview", "Yes", "Yes",
         "Up to six sessions with a key worker from the Missing Children Team"],
    ]
    for r in rows:
        ws.append(r)
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 30
    ws.column_dimensions["D"].width = 30
    ws.column_dimensions["E"].width = 60
    buf = io.BytesIO()
    wb.save(buf)
    xbytes = buf.getvalue()

    body = """Dear Mr Okonkwo-Reid,

Re: Freedom of Information request CMBC/FOI/24/1187

Thank you for your request, which we received on 2 September 2024. Our response is in the attached spreadsheet. For comparison it shows the figures for 2022/23 next to those for 2023/24, and the Notes column explains anything we do not hold.

Kind regards,

Sunita Varghese
Information Governance Team
Castlebrook Metropolitan Borough Council
Tel: 0161 496 0732

-----Original Message-----
From: Tomasz Okonkwo-Reid <t.okonkwo-reid@missingmatters.org.uk>
Sent: 02 September 2024 09:14
To: FOI Requests <foi@castlebrook.gov.uk>
Subject: FOI request - missing children and return interviews 2023/24

Dear Castlebrook Council,

Please treat this as a request under the Freedom of Information Act 2000. It concerns children who went missing between 1 April 2023 and 31 March 2024 and the return interviews offered to them.

1. How many individual children were reported missing in that period?
2. How many missing incidents were reported in total?
3. How many children did the council look after during the period?
4. How many individual looked-after children went missing?
5. How many missing incidents involved looked-after children?
6. How many return interviews were offered after a missing incident?
7. How many return interviews were completed after a missing incident?
8. How many of those completed interviews took place within 72 hours of the child's return?
9. Who provides return interviews in your area? Please mark every option that applies (social worker; a team or worker employed by the council; youth worker; an independent provider the council pays for; other) and add any detail you can.
10. Do you provide or commission follow-up support after a return interview?
11. Is there anything you would like to tell us about your service, such as changes to the guidance, barriers or what works well?

Thank you for your help.

Tomasz Okonkwo-Reid
Missing Matters Research
"""
    m = EmailMessage()
    m["From"] = "Information Governance <foi@castlebrook.gov.uk>"
    m["To"] = "Tomasz Okonkwo-Reid <t.okonkwo-reid@missingmatters.org.uk>"
    m["Date"] = format_datetime(datetime(2024, 9, 27, 11, 3, 40, tzinfo=BST))
    m["Subject"] = "RE: FOI request - missing children and return interviews 2023/24 [CMBC/FOI/24/1187]"
    m["Message-ID"] = "<b7e1c0a2.24-1187@exch.castlebrook.gov.uk>"
    m.set_content(body, charset="utf-8", cte="quoted-printable")
    m.add_attachment(xbytes, maintype="application",
                     subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     filename="CMBC-FOI-24-1187-response.xlsx")
    with open(os.path.join(LET, "p2.eml"), "wb") as f:
        f.write(bytes(m))

    F = {
        "missing_children": cnt(436, "436"),
        "missing_incidents": cnt(1517, "1517"),
        "lac_total": cnt(648, "648"),
        "lac_missing_children": cnt(84, "84"),
        "lac_missing_incidents": cnt(538, "538"),
        "rhi_offered": cnt(1455, "1455"),
        "rhi_completed": cnt(1012, "1012"),
        "rhi_declined": cnt(311, "311"),
        "rhi_within_72h": withheld("not_held", "Not held"),
        "provider": cat(["local_authority_team"], prov_23, team="Missing Children Team"),
        "follow_up_support": cat(["yes"], "Yes"),
    }
    write_gold("p2.eml", "Castlebrook Metropolitan Borough Council", "CMBC/FOI/24/1187",
               "2024-09-27", "rhi-2024", F)


# ---------------------------------------------------------------------------
# p3: plain-text e-mail, questions quoted with "> " and answers interleaved (rhi-2018)
# ---------------------------------------------------------------------------
def build_p3():
    adj = ("No adjustment is made. Each return is treated as a separate episode and is "
           "offered its own interview.")
    info = ("Kittiwake Trust sends the completed interview form to the council within five "
            "working days. It is added to the child's record and shared with the police "
            "missing persons unit, and patterns across interviews are discussed at the monthly "
            "Missing, Exploited and Trafficked (MET) panel.")
    vuln = ("Any concern is passed straight to the child's social worker, or to the Children's "
            "Front Door if the child is not open to social care, and the case is considered at "
            "the next MET panel.")
    comm = ("Take-up has risen since interviews moved to an independent charity, because young "
            "people tell us they find it easier to talk to someone who does not work for the "
            "council.")
    refusal = ("We do not record acceptance or refusal as a reportable field; it appears only in "
               "the free-text notes of each interview record. To answer 5b and 5c we would have "
               "to open each of the 1,139 interview records. At an estimated four minutes per "
               "record that would take around 76 hours, far more than the appropriate limit of "
               "18 hours (equivalent to £450) set for local authorities. We are therefore "
               "refusing 5b and 5c under section 12 of the Act.")

    def q(s):
        return quote_block(s, width=72)

    parts = [
        "Dear Mr Fairlie,",
        "Freedom of Information Act 2000 - request FOI 2018/05521",
        "Ravensholt County Council has now considered your request of 9 July 2018. We have "
        "copied each of your questions below, with our answer underneath it. The figures relate "
        "to 1 April 2017 to 31 March 2018.",
        q("1. Which agencies currently deliver Return Home Interviews (RHIs) in your area: a "
          "third sector agency (which?) or a council team (which team or role)?"),
        "Interviews are delivered by Kittiwake Trust, a local children's charity. Where Kittiwake "
        "Trust cannot reach a child in time, the child's social worker holds the interview instead.",
        q("2. Who delivered RHIs in 2016/17: a third sector agency or a council team?"),
        "The council's Family Support Service, whose family support workers are employed by the council.",
        q("3. Who delivered RHIs in 2013/14: a third sector agency or a council team?"),
        "Also the Family Support Service.",
        q("4a. How many missing incidents were reported in the year to 31 March 2018?"),
        "1,206 incidents were reported to us.",
        q("4b. How many individual children do those incidents relate to?"),
        "They relate to 341 individual children.",
        q("5a. For how many incidents was an RHI offered to the child or their parent/carer?"),
        "An interview was offered after 1,139 incidents.",
        q("5b. How many of those offers did the child accept?\n\n"
          "5c. For how many incidents was the offer declined?"),
        refusal,
        q("6a. For how many incidents in the year was an RHI carried out?"),
        "Seven hundred and eighty-eight.",
        q("6b. How many incidents had an RHI within 72 hours of the child's return?"),
        "502 of the completed interviews took place within 72 hours.",
        q("6c. How is the 72 hours measured and what assumptions are made?\n"
          "(i) Is it counted from the child's return or from the police referral?"),
        "From the time of the child's return.",
        q("(ii) Is it counted in hours or in days, and are those calendar or working days?"),
        "We count three working days, so a child who comes home on a Friday evening would be "
        "seen by the end of the following Wednesday.",
        q("(iii) Is any adjustment made if the child goes missing again before the RHI?"),
        adj,
        q("7a. Do you provide or commission follow-up support after an RHI?"),
        "Yes. Kittiwake Trust can continue working with a child for up to eight weeks after the "
        "interview if the child agrees.",
        q("7b. What happens to the information gathered during an RHI?"),
        info,
        q("7c. What steps are taken when an RHI identifies a vulnerability?"),
        vuln,
        q("8. Please tell us about your service: any changes to guidance you would like, the "
          "barriers you face and what works well."),
        comm,
        "Children placed out of area",
        q("OOA 1. How are RHIs delivered to looked-after children placed outside your area? "
          "(a) same third sector agency as locally; (b) children's services, not the social "
          "worker; (c) children's services, possibly the social worker; (d) the child's own "
          "social worker; (e) spot purchase from the host authority; (f) spot purchase from "
          "another provider; (g) not offered; (h) a combination; (i) other."),
        "(h) A combination. Kittiwake Trust travels to placements within 20 miles of the county "
        "boundary; further away, the child's own social worker holds the interview.",
        q("OOA 2a. How many children in care were placed out of area in the year?"),
        "One hundred and twenty-six.",
        q("OOA 2b. How many of those placed out of area went missing?"),
        "Twenty-two of them went missing, in fifty-nine separate incidents.",
        q("OOA 2c. Of those, how many were offered an RHI?"),
        "An interview was offered for all fifty-nine incidents.",
        q("OOA 2d. How many received an RHI?"),
        "Thirty-one.",
        q("OOA 3. Do you offer RHIs to looked-after children placed in your area by other "
          "councils? (yes / no / case by case)"),
        "Yes, whenever the placing authority asks us to.",
        q("OOA 4. If yes or case by case, which agency delivers them?"),
        "Kittiwake Trust, under the same arrangement as for our own children.",
        q("OOA 5a. How many looked-after children did other councils place in your area in the year?"),
        "We cannot provide this figure because we hold no complete list of the children other "
        "councils have placed in Ravensholt.",
        q("OOA 5b. How many of those children received an RHI?"),
        "Kittiwake Trust carried out 44 interviews with children placed here by other authorities.",
        q("OOA 6. Please tell us about your service for children placed out of area."),
        "We have no comments on this question.",
        "If you are unhappy with how your request has been handled, you can ask for an internal "
        "review by replying to this e-mail. You also have the right to complain to the "
        "Information Commissioner.",
        "Yours sincerely\n\nHelen Marchbank\nInformation Rights Officer\nRavensholt County Council\n"
        "County Buildings, Priory Walk, Ravensholt RV7 2EE",
    ]
    body = "\n\n".join(parts) + "\n"
    m = EmailMessage()
    m["From"] = "Freedom of Information <information.requests@ravensholt.gov.uk>"
    m["To"] = "Owen Fairlie <owen.fairlie@childmissingwatch.org>"
    m["Date"] = format_datetime(datetime(2018, 8, 3, 10, 5, 44, tzinfo=BST))
    m["Subject"] = "Re: FOI 2018/05521 Return home interviews"
    m["Message-ID"] = "<5521.20180803100544@ravensholt.gov.uk>"
    m.set_content(body, charset="utf-8", cte="quoted-printable")
    with open(os.path.join(LET, "p3.eml"), "wb") as f:
        f.write(bytes(m))

    F = {
        "provider": cat(["third_sector_agency", "social_worker"],
                        "Interviews are delivered by Kittiwake Trust, a local children's charity.",
                        agency="Kittiwake Trust"),
        "provider_2016_17": cat(["local_authority_team"], "The council's Family Support Service",
                                team="Family Support Service"),
        "provider_2013_14": cat(["local_authority_team"], "Also the Family Support Service.",
                                team="Family Support Service"),
        "missing_incidents": cnt(1206, "1,206 incidents"),
        "missing_children": cnt(341, "341 individual children"),
        "rhi_offered": cnt(1139, "offered after 1,139 incidents"),
        "rhi_accepted": withheld("refused", "We are therefore refusing 5b and 5c under section 12 of the Act."),
        "rhi_declined": withheld("refused", "We are therefore refusing 5b and 5c under section 12 of the Act."),
        "rhi_completed": cnt(788, "Seven hundred and eighty-eight"),
        "rhi_within_72h": cnt(502, "502 of the completed interviews"),
        "measure_72h_from": cat(["return"], "From the time of the child's return."),
        "measure_72h_units": cat(["working_days"], "We count three working days"),
        "measure_72h_adjustments": txt(adj, adj),
        "follow_up_support": cat(["yes"],
                                 "Yes. Kittiwake Trust can continue working with a child for up to eight weeks"),
        "info_use": txt(info, "Kittiwake Trust sends the completed interview form to the council within five working days."),
        "vulnerability_steps": txt(vuln, vuln),
        "comments": txt(comm, comm),
        "ooa_delivery": cat(["combination"], "(h) A combination."),
        "ooa_placed_children": cnt(126, "One hundred and twenty-six."),
        "ooa_missing_children": cnt(22, "Twenty-two of them went missing"),
        "ooa_missing_incidents": cnt(59, "fifty-nine separate incidents"),
        "ooa_rhi_offered": cnt(59, "offered for all fifty-nine incidents"),
        "ooa_rhi_completed": cnt(31, "Thirty-one."),
        "incoming_offered": cat(["yes"], "Yes, whenever the placing authority asks us to."),
        "incoming_provider": cat(["third_sector_agency"],
                                 "Kittiwake Trust, under the same arrangement as for our own children.",
                                 agency="Kittiwake Trust"),
        "incoming_placed_children": withheld(
            "not_held", "we hold no complete list of the children other councils have placed in Ravensholt"),
        "incoming_rhi_completed": cnt(44, "44 interviews"),
        "ooa_comments": withheld("not_answered", "We have no comments on this question."),
    }
    write_gold("p3.eml", "Ravensholt County Council", "FOI 2018/05521", "2018-08-03",
               "rhi-2018", F)


# ---------------------------------------------------------------------------
# p4: published CSV disclosure (rhi-2024)
# ---------------------------------------------------------------------------
def build_p4():
    prov = "Youth workers employed in the council's Youth and Community Service"
    offered_note = "All 131 incidents at question 2 were followed by an offer"
    rows = [
        ["Brackenford City Council - Freedom of Information disclosure", "", "", ""],
        ["Request reference", "BCC-IR-2024-3390", "", ""],
        ["Date of response", "11/10/2024", "", ""],
        ["Period covered", "1 April 2023 to 31 March 2024", "", ""],
        ["", "", "", ""],
        ["Question number", "Question", "2023/24", "Notes"],
        ["1", "Individual children reported missing", "58", ""],
        ["2", "Total missing incidents reported", "131",
         "Count of missing notifications received from the police"],
        ["3", "Children looked after during the period", "44",
         "Every child looked after at any point in the year, not a 31 March snapshot"],
        ["4", "Looked-after children who went missing", "<5",
         "Exact number withheld under section 40(2) to avoid identifying individuals"],
        ["5", "Missing incidents of looked-after children", "17", ""],
        ["6", "Return interviews offered", "", offered_note],
        ["7", "Return interviews completed", "97", ""],
        ["7", "Offers declined", "Not held", "Declines are not recorded as a separate outcome"],
        ["8", "Interviews completed within 72 hours of return", "80", ""],
        ["9", "Who provides return interviews", prov, ""],
        ["10", "Follow-up support after a return interview", "Yes",
         "Delivered by the same Youth and Community Service"],
        ["11", "Comments on the service", "", ""],
    ]
    with open(os.path.join(LET, "p4.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        for r in rows:
            w.writerow(r)
    F = {
        "missing_children": cnt(58, "58"),
        "missing_incidents": cnt(131, "131"),
        "lac_total": cnt(44, "44"),
        "lac_missing_children": withheld("exempt", "<5"),
        "lac_missing_incidents": cnt(17, "17"),
        "rhi_offered": cnt(131, offered_note),
        "rhi_completed": cnt(97, "97"),
        "rhi_declined": withheld("not_held", "Not held"),
        "rhi_within_72h": cnt(80, "80"),
        "provider": cat(["youth_worker", "local_authority_team"], prov,
                        team="Youth and Community Service"),
        "follow_up_support": cat(["yes"], "Yes"),
        "comments": withheld("not_answered"),
    }
    write_gold("p4.csv", "Brackenford City Council", "BCC-IR-2024-3390", "2024-10-11",
               "rhi-2024", F)


# ---------------------------------------------------------------------------
# p5: formal letter for printing and scanning (rhi-2018), <= 90 chars a line
# ---------------------------------------------------------------------------
P5 = """\
                              SALLOWFIELD COUNTY COUNCIL
                      Children, Families and Learning Directorate
              County Hall, Weir Road, Sallowfield SF2 7LD   Tel 01632 960418

Ms Harriet Crane
Missing Voices Research Project
22 Barrowgate Lane
Coldharbour
KN4 9BR

Our reference:  SCC/CFL/FOI/18/219
Your reference: HC-RHI-04
Date:           23 May 2018

Dear Ms Crane

Freedom of Information Act 2000: return home interviews

Thank you for your letter of 26 April 2018. I can confirm that the council holds most of
the information you asked for. Our answers are numbered to match your questions and,
unless stated, relate to the period 1 April 2017 to 31 March 2018.

1.  Return interviews are delivered by the Missing and Child Exploitation (MACE) Team,
    a council team based in Early Help. Young people who already have a worker in the
    council's Youth Service are interviewed by that youth worker instead.

2.  In 2016/17 interviews were delivered by Hearthstone Children's Charity under a grant
    agreement with the council.

3.  In 2013/14 there was no dedicated service. Interviews, where they happened, were held
    by the child's allocated social worker.

4 to 6b.  The figures are set out in Table 1.

    Table 1: Missing incidents and return interviews, 2017/18

    Question   Measure                                        Number
    4a         Missing incidents reported                        648
    4b         Individual children who went missing              203
    5a         Incidents where an interview was offered          617
    5b         Offers accepted by the child                      455
    5c         Offers declined                                   162
    6a         Incidents where an interview took place           431
    6b         Interviews held within 72 hours of return         310

6c. (i) The 72 hours run from the time the child returned, not from when the police
    referral reached us.
    (ii) We count three calendar days, weekends included.
    (iii) No adjustment is made; a fresh offer follows every return.

7a. Yes. The MACE Team offers a period of key-work after the interview, usually lasting
    six to eight weeks.

7b. Completed interviews are recorded on the child's electronic file.
    The MACE Team reviews them each month to map locations and adults of concern, and
    shares that picture with the police.

7c. Any sign of exploitation is referred to the weekly Exploitation Screening Meeting.
    That meeting decides whether a strategy meeting is needed.

8.  Young people speak more freely when the interview is held away from home.
    We would welcome guidance on interviews offered by telephone.

Children placed out of area

OOA 1.  Option (e). We ask the authority where the child is living to carry out the
        interview, and pay for each one.
OOA 2a. Seventy-one children were placed outside the county during the year.
OOA 2b. Nine of these children went missing, in 27 incidents.
OOA 2c. An interview was offered after 25 of those incidents.
OOA 2d. Eighteen interviews took place.
OOA 3.  Yes, on the same basis as for our own children.
OOA 4.  The MACE Team carries them out.
OOA 5a. Other councils placed 112 looked-after children in Sallowfield during 2017/18.
        The figure for 2016/17 was 97.
OOA 5b. Fewer than 5 of those children received a return interview from us. We are
        withholding the exact number under section 40(2), as a figure this small could
        identify the children concerned.
OOA 6.  Arranging interviews through host authorities adds delay.
        An out-of-county interview rarely takes place within 72 hours.

If you are not satisfied with this response you may ask for an internal review. Please
write to the address above within two months. You may also contact the Information
Commissioner's Office once the review is complete.

Yours sincerely



Gareth Pellow
Information Governance Manager
Sallowfield County Council
"""


def build_p5():
    with open(os.path.join(LET, "p5.txt"), "w", encoding="utf-8") as f:
        f.write(P5)
    F = {
        "provider": cat(["local_authority_team", "youth_worker"],
                        "the Missing and Child Exploitation (MACE) Team",
                        team="Missing and Child Exploitation (MACE) Team; Youth Service"),
        "provider_2016_17": cat(["third_sector_agency"], "Hearthstone Children's Charity",
                                agency="Hearthstone Children's Charity"),
        "provider_2013_14": cat(["social_worker"], "by the child's allocated social worker"),
        "missing_incidents": cnt(648, "648"),
        "missing_children": cnt(203, "203"),
        "rhi_offered": cnt(617, "617"),
        "rhi_accepted": cnt(455, "455"),
        "rhi_declined": cnt(162, "162"),
        "rhi_completed": cnt(431, "431"),
        "rhi_within_72h": cnt(310, "310"),
        "measure_72h_from": cat(["return"], "run from the time the child returned"),
        "measure_72h_units": cat(["calendar_days"], "three calendar days"),
        "measure_72h_adjustments": txt("No adjustment is made; a fresh offer follows every return.",
                                       "No adjustment is made; a fresh offer follows every return."),
        "follow_up_support": cat(["yes"], "Yes. The MACE Team offers a period of key-work after the interview"),
        "info_use": txt("Completed interviews are recorded on the child's electronic file. The MACE "
                        "Team reviews them each month to map locations and adults of concern, and "
                        "shares that picture with the police.",
                        "Completed interviews are recorded on the child's electronic file."),
        "vulnerability_steps": txt("Any sign of exploitation is referred to the weekly Exploitation "
                                   "Screening Meeting. That meeting decides whether a strategy "
                                   "meeting is needed.",
                                   "Any sign of exploitation is referred to the weekly Exploitation Screening Meeting."),
        "comments": txt("Young people speak more freely when the interview is held away from home. "
                        "We would welcome guidance on interviews offered by telephone.",
                        "Young people speak more freely when the interview is held away from home."),
        "ooa_delivery": cat(["spot_purchase_host_authority"], "Option (e)"),
        "ooa_placed_children": cnt(71, "Seventy-one children"),
        "ooa_missing_children": cnt(9, "Nine of these children"),
        "ooa_missing_incidents": cnt(27, "27 incidents"),
        "ooa_rhi_offered": cnt(25, "offered after 25"),
        "ooa_rhi_completed": cnt(18, "Eighteen interviews"),
        "incoming_offered": cat(["yes"], "Yes, on the same basis as for our own children."),
        "incoming_provider": cat(["local_authority_team"], "The MACE Team carries them out."),
        "incoming_placed_children": cnt(112, "112 looked-after children"),
        "incoming_rhi_completed": withheld("exempt",
                                           "Fewer than 5 of those children received a return interview"),
        "ooa_comments": txt("Arranging interviews through host authorities adds delay. An "
                            "out-of-county interview rarely takes place within 72 hours.",
                            "Arranging interviews through host authorities adds delay."),
    }
    write_gold("p5.txt", "Sallowfield County Council", "SCC/CFL/FOI/18/219", "2018-05-23",
               "rhi-2018", F)


# ---------------------------------------------------------------------------
# p6: letter for scanning, paragraph per question, no numbers (rhi-2024)
# ---------------------------------------------------------------------------
P6 = """\
QUILLHAVEN BOROUGH COUNCIL
Information Governance Service
The Guildhall, Market Square, Quillhaven QH1 2AB
informationrequests@quillhaven.gov.uk

Mr Daniel Osei-Brandt
Flat 3, 41 Carrow Terrace
Lindenford
LF2 6WS

Date: 28 June 2024
Reference: IG-24-0458

Dear Mr Osei-Brandt

Request for information: children missing from home or care

Thank you for your request of 3 June 2024 about children who go missing and the return
interviews offered to them. We have set out below what the council holds. Every figure
refers to the year from 1 April 2023 to 31 March 2024 unless we say otherwise.

During the year 274 individual children were reported missing from home or care in
Quillhaven, down from 301 children in 2022/23.

Those children were the subject of 906 missing incidents in total.

The council looked after 389 children at some point during the year.

Of those children, 57 were reported missing at least once while looked after.

Looked-after children accounted for 341 of all missing incidents.

A return interview was offered after 97.4% of missing incidents.

In all, 619 return interviews were completed. Children declined the offer on 211
occasions.

We cannot say how many interviews took place within 72 hours. Our case recording
system notes the date of each interview but not the time the child came home,
so this information is not held.

Return interviews are carried out by Tallowgate Return Services Ltd, an independent
provider the council has commissioned since 2021. A child's own social worker holds the
interview instead when the young person asks for this.

Tallowgate offers follow-up sessions after the interview where a need is identified,
and the council funds up to four sessions per child.

We would welcome clearer guidance on children who go missing many times in a week.
Offering a full interview after every episode is not always in the child's best
interests, and some young people tell us it feels like a punishment.

If you are unhappy with this response, you can ask for an internal review within 40
working days of the date of this letter. If you remain dissatisfied afterwards, you may
complain to the Information Commissioner.

Yours sincerely



Rachel Dunmore
Information Governance Officer
Quillhaven Borough Council
"""


def build_p6():
    with open(os.path.join(LET, "p6.txt"), "w", encoding="utf-8") as f:
        f.write(P6)
    comm = ("We would welcome clearer guidance on children who go missing many times in a week. "
            "Offering a full interview after every episode is not always in the child's best "
            "interests, and some young people tell us it feels like a punishment.")
    F = {
        "missing_children": cnt(274, "274 individual children"),
        "missing_incidents": cnt(906, "906 missing incidents"),
        "lac_total": cnt(389, "looked after 389 children"),
        "lac_missing_children": cnt(57, "57 were reported missing"),
        "lac_missing_incidents": cnt(341, "accounted for 341"),
        "rhi_offered": pct(97.4, "missing_incidents", "offered after 97.4% of missing incidents"),
        "rhi_completed": cnt(619, "619 return interviews were completed"),
        "rhi_declined": cnt(211, "declined the offer on 211"),
        "rhi_within_72h": withheld("not_held", "so this information is not held"),
        "provider": cat(["commissioned_independent_service", "social_worker"],
                        "Tallowgate Return Services Ltd, an independent",
                        agency="Tallowgate Return Services Ltd"),
        "follow_up_support": cat(["yes"], "Tallowgate offers follow-up sessions after the interview"),
        "comments": txt(comm, "We would welcome clearer guidance on children who go missing many times in a week."),
    }
    write_gold("p6.txt", "Quillhaven Borough Council", "IG-24-0458", "2024-06-28",
               "rhi-2024", F)


# ---------------------------------------------------------------------------
# p7: e-mail whose body only says "attached", with a text PDF of the whole reply (rhi-2024)
# ---------------------------------------------------------------------------
P7_LINES = [
    ("H", "ORCHARD LEA BOROUGH COUNCIL"),
    ("s", "Legal and Democratic Services - Information Requests"),
    ("s", "Civic Centre, Bramley Walk, Orchard Lea OE4 3RN"),
    ("", ""),
    ("", "Ms Folasade Adeyemi"),
    ("", "By email"),
    ("", ""),
    ("", "Date: 19 November 2024"),
    ("", "Our ref: OLBC/FOI/2024/0917"),
    ("", ""),
    ("", "Dear Ms Adeyemi,"),
    ("", ""),
    ("B", "Freedom of Information Act 2000 - missing children and return interviews"),
    ("", ""),
    ("", "Thank you for your request, which we received on 22 October 2024. The council's response to"),
    ("", "each of your questions is given below. All figures cover 1 April 2023 to 31 March 2024."),
    ("", ""),
    ("B", "Q1. Number of individual children reported missing in the period"),
    ("", "209 children were reported missing."),
    ("", ""),
    ("B", "Q2. Total number of missing incidents in the period"),
    ("", "There were 688 missing incidents."),
    ("", ""),
    ("B", "Q3. Number of children the council looked after in the period"),
    ("", "The council looked after 352 children during the year. On 31 March 2024, 271 children"),
    ("", "were in our care."),
    ("", ""),
    ("B", "Q4. Number of looked-after children who went missing"),
    ("", "Forty-one looked-after children went missing."),
    ("", ""),
    ("B", "Q5. Number of missing incidents involving looked-after children"),
    ("", "There were 263 missing incidents involving looked-after children."),
    ("", ""),
    ("B", "Q6. Number of return interviews offered after a missing incident"),
    ("", "We offered a return interview after 671 incidents."),
    ("", ""),
    ("B", "Q7. Number of return interviews completed after a missing incident"),
    ("", "473 interviews were completed."),
    ("", "Our system records a declined offer only in the case notes, not as a separate outcome."),
    ("", "To count declined offers we would need to read the notes for each of the 671 offers. At"),
    ("", "about three minutes each this would take roughly 34 hours, above the appropriate limit"),
    ("", "of 18 hours (\u00a3450)."),
    ("", "Under section 12 of the Act we are therefore not providing the number of declined offers."),
    ("", ""),
    ("B", "Q8. Of those, the number completed within 72 hours of the child's return"),
    ("", "Three hundred and sixty of the completed interviews took place within 72 hours."),
    ("", ""),
    ("B", "Q9. Providers of return interviews in your area (all that apply)"),
    ("", "Social worker: No"),
    ("", "Council team or named worker employed by the council: Yes - the Adolescent Safeguarding Team"),
    ("", "Youth worker: No"),
    ("", "Independent provider paid by the council to deliver interviews: No"),
    ("", "Other: Yes - Lanternway, a local charity, interviews children already attending its projects"),
    ("", ""),
    ("B", "Q10. Follow-up support after an interview"),
    ("", "Yes. The Adolescent Safeguarding Team offers short-term follow-up work to any child who"),
    ("", "wants it."),
    ("", ""),
    ("B", "Q11. Any other comments on your service"),
    ("", "Our biggest difficulty is finding staff who can work evenings and weekends."),
    ("", "Those are the times when many young people are most willing to talk."),
    ("", ""),
    ("", "If you are dissatisfied with this response you may request an internal review within 40"),
    ("", "working days. If you are still unhappy after that, you may complain to the Information"),
    ("", "Commissioner."),
    ("", ""),
    ("", "Yours sincerely,"),
    ("", ""),
    ("", "Thomas Reddaway"),
    ("", "Information Requests Officer"),
    ("", "Orchard Lea Borough Council"),
]


def build_p7():
    pdf = FPDF(format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_creator("Orchard Lea Borough Council")
    pdf.set_title("FOI response OLBC/FOI/2024/0917")
    pdf.add_page()
    for style, line in P7_LINES:
        if style == "H":
            pdf.set_font("Helvetica", "B", 14)
            h = 7
        elif style == "s":
            pdf.set_font("Helvetica", "", 9)
            h = 4.5
        elif style == "B":
            pdf.set_font("Helvetica", "B", 10)
            h = 5
        else:
            pdf.set_font("Helvetica", "", 10)
            h = 5
        assert pdf.get_string_width(line) < pdf.epw, line
        line.encode("latin-1")
        pdf.cell(0, h, line, new_x="LMARGIN", new_y="NEXT")
    pdf_bytes = bytes(pdf.output())

    m = EmailMessage()
    m["From"] = "Information Requests <inforequests@orchardlea.gov.uk>"
    m["To"] = "Folasade Adeyemi <f.adeyemi@returnworks.org.uk>"
    m["Date"] = format_datetime(datetime(2024, 11, 19, 15, 47, 12, tzinfo=GMT))
    m["Subject"] = "Your FOI request OLBC/FOI/2024/0917"
    m["Message-ID"] = "<olbc-0917-20241119154712@orchardlea.gov.uk>"
    m.set_content("Dear Ms Adeyemi,\n\nPlease find the council's response to your request "
                  "attached.\n\nInformation Requests Team\nOrchard Lea Borough Council\n",
                  charset="utf-8")
    m.add_attachment(pdf_bytes, maintype="application", subtype="pdf",
                     filename="OLBC-FOI-2024-0917-response.pdf")
    with open(os.path.join(LET, "p7.eml"), "wb") as f:
        f.write(bytes(m))

    F = {
        "missing_children": cnt(209, "209 children"),
        "missing_incidents": cnt(688, "688 missing incidents"),
        "lac_total": cnt(352, "looked after 352 children"),
        "lac_missing_children": cnt(41, "Forty-one looked-after children"),
        "lac_missing_incidents": cnt(263, "263 missing incidents"),
        "rhi_offered": cnt(671, "after 671 incidents"),
        "rhi_completed": cnt(473, "473 interviews were completed"),
        "rhi_declined": withheld("refused",
                                 "Under section 12 of the Act we are therefore not providing the number of declined offers."),
        "rhi_within_72h": cnt(360, "Three hundred and sixty"),
        "provider": cat(["local_authority_team", "third_sector_agency"],
                        "Yes - the Adolescent Safeguarding Team",
                        team="Adolescent Safeguarding Team", agency="Lanternway"),
        "follow_up_support": cat(["yes"],
                                 "Yes. The Adolescent Safeguarding Team offers short-term follow-up work"),
        "comments": txt("Our biggest difficulty is finding staff who can work evenings and weekends. "
                        "Those are the times when many young people are most willing to talk.",
                        "Our biggest difficulty is finding staff who can work evenings and weekends."),
    }
    write_gold("p7.eml", "Orchard Lea Borough Council", "OLBC/FOI/2024/0917", "2024-11-19",
               "rhi-2024", F)


# ---------------------------------------------------------------------------
# p8: standalone workbook, two sheets, merged title cell (rhi-2018)
# ---------------------------------------------------------------------------
def build_p8():
    adj = "The 72 hours restart from the latest return if the child goes missing again before the interview."
    info = ("Summaries go to the child's social worker and the police, and are added to the "
            "monthly exploitation mapping report.")
    vuln = ("The coordinator raises a safeguarding referral the same day and the case goes to the "
            "next Missing and Exploitation panel.")
    ooac = "Face-to-face interviews for children placed far from the county are hard to arrange within 72 hours."
    prov = "Missing Children Coordinators in the Exploitation and Missing Service"
    prov16 = "Moorlight Trust, a charity; its contract ended in March 2017"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Missing and RHIs"
    ws["A1"] = ("Stannary Hills County Council - Freedom of Information response - Return home "
                "interviews, 1 April 2017 to 31 March 2018")
    ws.merge_cells("A1:D1")
    ws["A1"].font = Font(bold=True, size=13)
    ws["A1"].alignment = Alignment(horizontal="center", wrap_text=True)
    ws.row_dimensions[1].height = 34
    ws["A2"] = "Our reference: SHCC-FOI-18-0644"
    ws["A3"] = "Date of response: 02/07/2018"
    hdr = ["Question", "Description", "Response", "Notes"]
    for i, h in enumerate(hdr, 1):
        c = ws.cell(row=4, column=i, value=h)
        c.font = Font(bold=True)
    rows1 = [
        ["1", "Who delivers RHIs now", "Council team", prov],
        ["2", "Who delivered RHIs in 2016/17", "Third sector agency", prov16],
        ["3", "Who delivered RHIs in 2013/14", "Not held", None],
        ["4a", "Missing incidents reported", 533, None],
        ["4b", "Individual children", 176, None],
        ["5a", "Incidents where an RHI was offered", 533, "Every incident is followed by an offer"],
        ["5b", "Offers accepted", 349, None],
        ["5c", "Offers declined", 184, None],
        ["6a", "Incidents where an RHI was carried out", 338, None],
        ["6b", "RHIs within 72 hours of return", 240, "71% of RHIs carried out"],
        ["6c(i)", "72 hours counted from", "Return", "Time of return taken from the police notification"],
        ["6c(ii)", "Hours or days", "Calendar days", None],
        ["6c(iii)", "Adjustment if missing again before RHI", adj, None],
        ["7a", "Follow-up support after RHI", "Yes", "Up to six sessions with a coordinator"],
        ["7b", "What happens to RHI information", info, None],
        ["7c", "Steps when a vulnerability is found", vuln, None],
        ["8", "Comments on the service", None, None],
    ]
    for r in rows1:
        ws.append(r)
    for col, wdt in zip("ABCD", (10, 40, 60, 60)):
        ws.column_dimensions[col].width = wdt
    ws2 = wb.create_sheet("Out of area")
    ws2.append(hdr)
    for c in ws2[1]:
        c.font = Font(bold=True)
    rows2 = [
        ["1", "How RHIs are delivered to children placed out of area",
         "d) The child's own social worker", None],
        ["2a", "Children in care placed out of area", 88, None],
        ["2b", "Of those, children who went missing", "<5", "Withheld under section 40(2) - small number"],
        ["2b", "Missing incidents of those children", 14, None],
        ["2c", "Incidents where an RHI was offered", 14, None],
        ["2d", "RHIs received", 9, None],
        ["3", "RHIs offered to children placed here by other councils?", "Case by case", None],
        ["4", "Who delivers them", "Missing Children Coordinators", None],
        ["5a", "Looked-after children placed here by other councils", 203, None],
        ["5b", "Of those, children who went missing", 26, None],
        ["5b", "Missing incidents of those children", 91, None],
        ["5b", "RHIs received", 57, None],
        ["6", "Comments", ooac, None],
    ]
    for r in rows2:
        ws2.append(r)
    for col, wdt in zip("ABCD", (10, 52, 60, 45)):
        ws2.column_dimensions[col].width = wdt
    wb.save(os.path.join(LET, "p8.xlsx"))

    F = {
        "provider": cat(["local_authority_team"], prov, team="Missing Children Coordinators"),
        "provider_2016_17": cat(["third_sector_agency"], prov16, agency="Moorlight Trust"),
        "provider_2013_14": withheld("not_held", "Not held"),
        "missing_incidents": cnt(533, "533"),
        "missing_children": cnt(176, "176"),
        "rhi_offered": cnt(533, "533"),
        "rhi_accepted": cnt(349, "349"),
        "rhi_declined": cnt(184, "184"),
        "rhi_completed": cnt(338, "338"),
        "rhi_within_72h": cnt(240, "240"),
        "measure_72h_from": cat(["return"], "Return"),
        "measure_72h_units": cat(["calendar_days"], "Calendar days"),
        "measure_72h_adjustments": txt(adj, adj),
        "follow_up_support": cat(["yes"], "Yes"),
        "info_use": txt(info, info),
        "vulnerability_steps": txt(vuln, vuln),
        "comments": withheld("not_answered"),
        "ooa_delivery": cat(["own_social_worker"], "d) The child's own social worker"),
        "ooa_placed_children": cnt(88, "88"),
        "ooa_missing_children": withheld("exempt", "<5"),
        "ooa_missing_incidents": cnt(14, "14"),
        "ooa_rhi_offered": cnt(14, "14"),
        "ooa_rhi_completed": cnt(9, "9"),
        "incoming_offered": cat(["case_by_case"], "Case by case"),
        "incoming_provider": cat(["local_authority_team"], "Missing Children Coordinators"),
        "incoming_placed_children": cnt(203, "203"),
        "incoming_missing_children": cnt(26, "26"),
        "incoming_missing_incidents": cnt(91, "91"),
        "incoming_rhi_completed": cnt(57, "57"),
        "ooa_comments": txt(ooac, ooac),
    }
    write_gold("p8.xlsx", "Stannary Hills County Council", "SHCC-FOI-18-0644", "2018-07-02",
               "rhi-2018", F)


if __name__ == "__main__":
    for fn in (build_p1, build_p2, build_p3, build_p4, build_p5, build_p6, build_p7, build_p8):
        fn()
    print("built", sorted(os.listdir(LET)))
