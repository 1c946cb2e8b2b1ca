"""Letter F: Marlowe Heath Borough Council, rhi-2018, plain text.

Very long file name with accents. ISO date in the header and an ISO request
date as distractor. Q:/A: layout with every question quoted in full before its
answer; "see 4a" pointer; numbers in words; "see attached"; count with its
percentage; a "Youth ... Ltd" company; a provider question answered not held.
"""
from common import P2018, n, status, choice, text, render

FILENAME = ("Réponse à la demande FOI IR 1177-18 – Marlowe Heath Borough Council – "
            "Return Home Interviews and Children Placed Out of Area "
            "(version finale signée, août 2018).txt")

SOURCE = """Marlowe Heath Borough Council
Information Governance | The Guildhall | Heath Road | Marlowe Heath | MH1 4RG

Date: 2018-08-02
Our reference: IR 1177/18
Request received: 2018-07-05

Dear Requester,

Re: Freedom of Information request IR 1177/18 – Return Home Interviews

The council has dealt with your request under the Freedom of Information Act 2000. Each of your questions is reproduced below, marked “Q”, followed by our response, marked “A”. The figures relate to the period 1 April 2017 to 31 March 2018.

«Q:1»Q1. At present, who carries out RHIs for children who go missing from home or care – a third sector agency (please name it) or a council team (please give the team or role)?
A: Neither. RHIs are commissioned from Brightwater Youth Services Ltd, an independent company that also delivers interviews for two neighbouring authorities.

«Q:2»Q2. Who delivered RHIs in 2016/17: a third sector agency or a council team?
A: As above – Brightwater Youth Services Ltd held the contract throughout 2016/17.

«Q:3»Q3. Who delivered RHIs in 2013/14: a third sector agency or a council team?
A: Not held. Commissioning records from 2013/14 were destroyed in line with our retention schedule, and no member of current staff can confirm the arrangement.

«Q:4a»Q4a. How many missing incidents were reported in the year to 31 March 2018?
A: 586 missing episodes were reported to us by the police.

«Q:4b»Q4b. How many individual children do those incidents relate to?
A: These episodes involved 142 children.

«Q:5a»Q5a. After how many incidents was an RHI offered to the young person or to a parent or carer?
A: All of them (see 4a). Brightwater contacts the child or carer after every notification it receives.

«Q:5b»Q5b. How many of the offers did the child accept?
A: 371 offers were accepted.

«Q:5c»Q5c. For how many incidents was the offer declined?
A: Declined in 188 cases. The remaining 27 offers could not be followed up because the child could not be contacted or went missing again.

«Q:6a»Q6a. For how many incidents in the year was an RHI carried out?
A: 352 interviews were completed.

«Q:6b»Q6b. How many incidents had an RHI within 72 hours of the child’s return?
A: 297 (84.4% of completed interviews).

«Q:6c»Q6c. How is the 72 hours measured, and what assumptions are made?
«Q:6c-i»(i) Is it counted from the return or from the police referral?
A: We count from the child’s return, using the time of return given on the police notification.
«Q:6c-ii»(ii) Is it measured in hours or days, and are they calendar or working days?
A: Three working days. A child who comes home on a Friday evening can be seen up to the end of the following Wednesday.
«Q:6c-iii»(iii) Is any adjustment made if the child goes missing again before an RHI?
A: If the child is reported missing again before being seen, Brightwater completes one interview that covers both episodes and records it against each; the deadline is then taken from the later return.

«Q:7a»Q7a. Do you provide or commission any follow-up support after an RHI?
A: Yes – up to eight weeks of one-to-one work from Brightwater’s support workers is commissioned alongside the interview service.

«Q:7b»Q7b. What is done with the information gathered in an RHI?
A: Please see the attached Missing Children Protocol (Appendix 2, section 6), which sets this out in full.

«Q:7c»Q7c. What steps follow when a vulnerability is identified?
A: Brightwater sends the completed interview to the social worker or the Early Help Hub within 24 hours, and on the same day if there is a risk of harm. A risk of sexual or criminal exploitation leads to a referral to the Multi-Agency Child Exploitation (MACE) meeting, which reviews the child’s plan.

«Q:8»Q8. Is there anything else about your RHI service you want to tell us – guidance you would change, barriers you meet, what has worked?
A: Three points.
First, the number of episodes has risen by roughly a fifth in two years, mainly among children in residential care, and the contract was not priced for that.
Second, parents of children living at home decline more often than children in care do; we think a short letter sent in advance, explaining what the interview is for, would help.
Third, we would support guidance that allowed a shorter conversation, rather than a full interview, after repeated short absences where the reasons are already known.

CHILDREN PLACED OUT OF AREA

«Q:ooa-1»QOOA1. How are RHIs delivered to looked-after children placed outside your area? (a) the same third sector agency as locally; (b) children’s services, not the child’s social worker; (c) children’s services, possibly the child’s social worker; (d) the child’s own social worker; (e) spot purchased from the host authority; (f) spot purchased from another provider; (g) not offered; (h) a combination; (i) other.
A: Option (f) – we spot purchase interviews from another provider, usually Brightwater Youth Services Ltd, which travels to the placement.

«Q:ooa-2a»QOOA2a. How many children in your care were placed out of area in the year?
A: 64 children.

«Q:ooa-2b»QOOA2b. How many of those placed out of area went missing?
A: Seven of those children went missing, accounting for 23 episodes.

«Q:ooa-2c»QOOA2c. Of those, how many were offered an RHI?
A: An interview was offered after each of the 23 episodes.

«Q:ooa-2d»QOOA2d. How many received an RHI?
A: Fifteen interviews took place.

«Q:ooa-3»QOOA3. Do you offer RHIs to looked-after children placed in your area by other councils (yes / no / case by case)?
A: No. We expect the placing council to arrange the interview.

«Q:ooa-4»QOOA4. If yes or case by case, which agency delivers RHIs to this group?
A: Not applicable – see our answer to question 3.

«Q:ooa-5a»QOOA5a. How many looked-after children did other councils place in your area in the year?
A: 97 children were placed in the borough by other councils.

«Q:ooa-5b»QOOA5b. How many of those children received an RHI?
A: Twelve of them were reported missing, across 40 episodes. We do not hold information on interviews arranged by their home authorities.

«Q:ooa-6»QOOA6. Any other comments on RHIs for children placed outside the borough?
A: Spot purchasing works for children placed within an hour or so of the borough, but for placements further away it can take several days to agree a provider and a price, which makes the 72-hour expectation hard to meet.

You may re-use this information under the Open Government Licence. If you are dissatisfied with our handling of your request you can ask for an internal review within two months of the date of this response, and after that you may apply to the Information Commissioner.

Yours faithfully

Priya Natarajan
Information Governance Officer
Marlowe Heath Borough Council
"""

GOLD = {
    "council": "Marlowe Heath Borough Council",
    "reference": "IR 1177/18",
    "response_date": "2018-08-02",
    "questionnaire": "rhi-2018",
    "period": P2018,
    "fields": {
        "provider": choice(["commissioned_independent_service"],
                           "RHIs are commissioned from Brightwater Youth Services Ltd, an independent company",
                           agency="Brightwater Youth Services Ltd"),
        "provider_2016_17": choice(["commissioned_independent_service"],
                                   "Brightwater Youth Services Ltd held the contract throughout 2016/17",
                                   agency="Brightwater Youth Services Ltd"),
        "provider_2013_14": status("not_held",
                                   "Not held. Commissioning records from 2013/14 were destroyed in line with our retention schedule"),
        "missing_incidents": n(586, "586 missing episodes"),
        "missing_children": n(142, "142 children"),
        "rhi_offered": n(586, "586 missing episodes"),
        "rhi_accepted": n(371, "371 offers were accepted"),
        "rhi_declined": n(188, "Declined in 188 cases"),
        "rhi_completed": n(352, "352 interviews were completed"),
        "rhi_within_72h": n(297, "297 (84.4% of completed interviews)"),
        "measure_72h_from": choice(["return"], "We count from the child’s return"),
        "measure_72h_units": choice(["working_days"], "Three working days."),
        "measure_72h_adjustments": text(
            "If the child is reported missing again before being seen, Brightwater completes one interview that covers both episodes and records it against each; the deadline is then taken from the later return.",
            "If the child is reported missing again before being seen, Brightwater completes one interview that covers both episodes and records it against each; the deadline is then taken from the later return."),
        "follow_up_support": choice(["yes"], "Yes – up to eight weeks of one-to-one work from Brightwater’s support workers is commissioned"),
        "info_use": status("not_answered", "Please see the attached Missing Children Protocol"),
        "vulnerability_steps": text(
            "Brightwater sends the completed interview to the social worker or the Early Help Hub within 24 hours, and on the same day if there is a risk of harm. A risk of sexual or criminal exploitation leads to a referral to the Multi-Agency Child Exploitation (MACE) meeting, which reviews the child’s plan.",
            "A risk of sexual or criminal exploitation leads to a referral to the Multi-Agency Child Exploitation (MACE) meeting, which reviews the child’s plan."),
        "comments": text(
            "Three points. First, the number of episodes has risen by roughly a fifth in two years, mainly among children in residential care, and the contract was not priced for that. Second, parents of children living at home decline more often than children in care do; we think a short letter sent in advance, explaining what the interview is for, would help. Third, we would support guidance that allowed a shorter conversation, rather than a full interview, after repeated short absences where the reasons are already known.",
            "First, the number of episodes has risen by roughly a fifth in two years, mainly among children in residential care, and the contract was not priced for that."),
        "ooa_delivery": choice(["spot_purchase_other"],
                               "Option (f) – we spot purchase interviews from another provider"),
        "ooa_placed_children": n(64, "64 children."),
        "ooa_missing_children": n(7, "Seven of those children went missing"),
        "ooa_missing_incidents": n(23, "accounting for 23 episodes"),
        "ooa_rhi_offered": n(23, "offered after each of the 23 episodes"),
        "ooa_rhi_completed": n(15, "Fifteen interviews took place"),
        "incoming_offered": choice(["no"], "No. We expect the placing council to arrange the interview."),
        "incoming_provider": status("not_answered", "Not applicable – see our answer to question 3."),
        "incoming_placed_children": n(97, "97 children were placed in the borough by other councils"),
        "incoming_missing_children": n(12, "Twelve of them were reported missing"),
        "incoming_missing_incidents": n(40, "across 40 episodes"),
        "incoming_rhi_completed": status("not_held", "We do not hold information on interviews arranged by their home authorities."),
        "ooa_comments": text(
            "Spot purchasing works for children placed within an hour or so of the borough, but for placements further away it can take several days to agree a provider and a price, which makes the 72-hour expectation hard to meet.",
            "Spot purchasing works for children placed within an hour or so of the borough, but for placements further away it can take several days to agree a provider and a price, which makes the 72-hour expectation hard to meet."),
    },
}


def build():
    body, anchors = render(SOURCE)
    return body.encode("utf-8"), anchors
