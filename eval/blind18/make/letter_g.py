"""Letter G: Eastholme Borough Council, rhi-2024, plain text.

Q1./A1. layout with each question quoted; numeric dd/mm/yyyy dates for both
the request and the response; a percentage with what it is of (no count); a
year-end snapshot beside the in-year figure (distractor); tick/cross marks;
"£" contract value; comments answered "see attached".
"""
from common import P2024, n, pct, status, choice, text, render

FILENAME = "foi_3391_response (RHI) – Eastholme BC [published version].txt"

SOURCE = """Eastholme Borough Council
Freedom of Information Team
PO Box 71, Eastholme ET4 9WD
foi@eastholme.gov.uk

Reference: FOI-3391
Received: 20/05/2024
Response date: 14/06/2024

Dear Requester

Your request for information – return interviews after a missing episode (1 April 2023 – 31 March 2024)

We have considered your request under the Freedom of Information Act 2000 and can confirm that we hold the information. Our response to each question follows.

«Q:1»Q1. How many different children were reported as missing?
A1. 538

«Q:2»Q2. What was the total number of missing incidents?
A2. 1,690

«Q:3»Q3. How many children were in the council’s care during the period?
A3. 431 children were looked after at some point in the year. (For comparison, 302 children were in our care on 31 March 2024.)

«Q:4»Q4. How many different looked-after children went missing?
A4. 96

«Q:5»Q5. How many missing incidents involved looked-after children?
A5. 877

«Q:6»Q6. How many return interviews were offered following a missing incident?
A6. A return interview was offered after 91.3% of missing incidents.

«Q:7»Q7. How many return interviews were completed following a missing incident?
A7. 1,047 completed; 381 declined.

«Q:8»Q8. Of those completed, how many took place within 72 hours of the child coming home?
A8. 688 (65.7%)

«Q:9»Q9. Who carries out return interviews in your area? Mark all that apply and add any detail.
A9.
• Social workers (including the child’s own social worker) – ✔ for children who have an allocated social worker
• A team or individual dedicated to this work within the council – ✘
• Youth worker – ✘
• An independent provider commissioned by the council – ✔ Milestone Return Interviews Ltd, commissioned since 2021, for all other children (contract value £96,000 a year)
• Other – ✘

«Q:10»Q10. Is any follow-up support provided or commissioned after a return interview?
A10. No – we do not currently provide or commission follow-up support specifically after a return interview.

«Q:11»Q11. Is there anything more you can tell us about the service, including changes you would like to see in the guidance?
A11. Please see the attached document ‘Eastholme RHI service summary 2024’.

Most of the information we publish can be re-used under the Open Government Licence. If you are unhappy with this response you may ask for an internal review; write to the Freedom of Information Team at the address above within 40 working days. After that you may contact the Information Commissioner’s Office.

Yours faithfully

Freedom of Information Team
Eastholme Borough Council
"""

GOLD = {
    "council": "Eastholme Borough Council",
    "reference": "FOI-3391",
    "response_date": "2024-06-14",
    "questionnaire": "rhi-2024",
    "period": P2024,
    "fields": {
        "missing_children": n(538, "A1. 538"),
        "missing_incidents": n(1690, "A2. 1,690"),
        "lac_total": n(431, "431 children were looked after at some point in the year"),
        "lac_missing_children": n(96, "A4. 96"),
        "lac_missing_incidents": n(877, "A5. 877"),
        "rhi_offered": pct(91.3, "missing_incidents", "offered after 91.3% of missing incidents"),
        "rhi_completed": n(1047, "1,047 completed"),
        "rhi_declined": n(381, "381 declined"),
        "rhi_within_72h": n(688, "A8. 688 (65.7%)"),
        "provider": choice(["social_worker", "commissioned_independent_service"],
                           "An independent provider commissioned by the council – ✔ Milestone Return Interviews Ltd",
                           agency="Milestone Return Interviews Ltd"),
        "follow_up_support": choice(["no"],
                                    "No – we do not currently provide or commission follow-up support specifically after a return interview."),
        "comments": status("not_answered", "Please see the attached document ‘Eastholme RHI service summary 2024’."),
    },
}


def build():
    body, anchors = render(SOURCE)
    return body.encode("utf-8"), anchors
