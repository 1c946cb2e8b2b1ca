"""Letter H: Saltcombe Borough Council, rhi-2018, plain text with Windows line
endings (CRLF). The council's name appears only in the footer. Numeric UK
dates (dd/mm/yyyy) for both the response and the request. Bullet layout,
numbers in words, a count with its percentage, an answer of bare "N/A".
"""
from common import P2018, n, status, choice, text, render

FILENAME = "SBC FOI-0342 reply [RHI] (2017–18) & covering note.txt"

SOURCE = """Legal & Democratic Services
Information Governance
Town Hall, Quay Road
XS9 1HB

Our Ref: SBC/FOI/0342/18
Your Ref: –
Date: 09/08/2018
Date of request: 12/07/2018

Dear Sir/Madam,

FREEDOM OF INFORMATION ACT 2000 – RETURN HOME INTERVIEWS

The Council can confirm that it holds information relevant to your request, and our response is set out below. All figures are for the financial year ending 31/03/2018.

PROVIDERS

• «Q:1»Question 1 – who delivers RHIs now«/Q»
Our Runaway and Missing Team (RAMT), a dedicated team within Children’s Services, carries out interviews. Where a child already has a social worker and would rather speak to them, the social worker completes the interview instead.

• «Q:2»Question 2 – who delivered RHIs in 2016/17«/Q»
RAMT only; the social worker option was introduced in 2017.

• «Q:3»Question 3 – who delivered RHIs in 2013/14«/Q»
Interviews were provided by Harbour Light, a children’s charity, until RAMT was set up in 2015.

INCIDENTS AND INTERVIEWS

• «Q:4a»Question 4a – missing incidents«/Q»: there were 412 reported incidents.
• «Q:4b»Question 4b – individual children«/Q»: these related to 119 children.
• «Q:5a»Question 5a – incidents where an RHI was offered«/Q»: 392 incidents (95.1% of the 412).
• «Q:5b»Question 5b – offers accepted«/Q»: 260
• «Q:5c»Question 5c – offers declined«/Q»: 104
• «Q:6a»Question 6a – RHIs carried out«/Q»: 248
• «Q:6b»Question 6b – RHIs within 72 hours of return«/Q»: 201

• «Q:6c»Question 6c – how the 72 hours is measured«/Q»
  «Q:6c-i»(i) return or referral?«/Q» From the time the child returns.
  «Q:6c-ii»(ii) hours or days?«/Q» We count hours (72), not days.
  «Q:6c-iii»(iii) adjustments?«/Q» None. Each episode is timed separately, even where one interview deals with two episodes close together.

AFTER THE INTERVIEW

• «Q:7a»Question 7a – follow-up support«/Q»
Yes – RAMT offers short-term keywork, usually four to six sessions, to any child who wants it after an interview.

• «Q:7b»Question 7b – use of the information«/Q»
Interview records are held on the child’s electronic file. RAMT’s team manager reviews them each week for patterns and reports themes, hot-spot locations and names of concern to the monthly Missing, Exploited and Trafficked (MET) group chaired by the police.

• «Q:7c»Question 7c – when a vulnerability is identified«/Q»
The practitioner discusses the case with the RAMT manager on the same day. If the child is at risk of significant harm a referral is made to the MASH; otherwise the concern is shared with the allocated worker and recorded in the child’s plan, and the child may be offered RAMT keywork.

• «Q:8»Question 8 – about your service«/Q»
What helps most is a small team that knows the young people. What gets in the way is late notification from the police at weekends and the number of children who are reported missing several times in one week. We would like the guidance to say more clearly when a phone call can stand in for a face-to-face interview.

CHILDREN PLACED OUT OF AREA

• «Q:ooa-1»Question OOA1 – delivery«/Q»
Option c: Children’s Services deliver the interview; this may be the child’s own social worker if RAMT cannot travel.

• «Q:ooa-2a»Question OOA2a – placed out of area«/Q»: 58 children.
• «Q:ooa-2b»Question OOA2b – went missing«/Q»: nine children; 31 incidents.
• «Q:ooa-2c»Question OOA2c – offered«/Q»: an RHI was offered for every one of the 31 incidents.
• «Q:ooa-2d»Question OOA2d – received«/Q»: 17 RHIs took place.

• «Q:ooa-3»Question OOA3 – children placed here by other councils«/Q»
Yes – every child placed here is offered an interview.

• «Q:ooa-4»Question OOA4 – which agency«/Q»
RAMT, as for Saltcombe children.

• «Q:ooa-5a»Question OOA5a – placed here by other councils«/Q»: 203 children.
• «Q:ooa-5b»Question OOA5b – of those«/Q»: 44 went missing (151 incidents) and 97 RHIs were completed.

• «Q:ooa-6»Question OOA6 – out-of-area service«/Q»
N/A

Under the Freedom of Information Act 2000 you have the right to ask for an internal review of this decision. Please write to the Information Governance Team within 40 working days. If you are still unhappy you may contact the Information Commissioner.

Yours faithfully,

Information Governance Team

--
Saltcombe Borough Council – Town Hall, Quay Road, Saltcombe XS9 1HB – www.saltcombe.gov.uk
"""

GOLD = {
    "council": "Saltcombe Borough Council",
    "reference": "SBC/FOI/0342/18",
    "response_date": "2018-08-09",
    "questionnaire": "rhi-2018",
    "period": P2018,
    "fields": {
        "provider": choice(["local_authority_team", "social_worker"],
                           "Our Runaway and Missing Team (RAMT), a dedicated team within Children’s Services, carries out interviews.",
                           team="Runaway and Missing Team (RAMT)"),
        "provider_2016_17": choice(["local_authority_team"],
                                   "RAMT only; the social worker option was introduced in 2017."),
        "provider_2013_14": choice(["third_sector_agency"],
                                   "Interviews were provided by Harbour Light, a children’s charity",
                                   agency="Harbour Light"),
        "missing_incidents": n(412, "there were 412 reported incidents"),
        "missing_children": n(119, "these related to 119 children"),
        "rhi_offered": n(392, "392 incidents (95.1% of the 412)"),
        "rhi_accepted": n(260, "offers accepted: 260"),
        "rhi_declined": n(104, "offers declined: 104"),
        "rhi_completed": n(248, "RHIs carried out: 248"),
        "rhi_within_72h": n(201, "RHIs within 72 hours of return: 201"),
        "measure_72h_from": choice(["return"], "From the time the child returns."),
        "measure_72h_units": choice(["hours"], "We count hours (72), not days."),
        "measure_72h_adjustments": text(
            "None. Each episode is timed separately, even where one interview deals with two episodes close together.",
            "Each episode is timed separately, even where one interview deals with two episodes close together."),
        "follow_up_support": choice(["yes"], "Yes – RAMT offers short-term keywork, usually four to six sessions"),
        "info_use": text(
            "Interview records are held on the child’s electronic file. RAMT’s team manager reviews them each week for patterns and reports themes, hot-spot locations and names of concern to the monthly Missing, Exploited and Trafficked (MET) group chaired by the police.",
            "RAMT’s team manager reviews them each week for patterns and reports themes, hot-spot locations and names of concern to the monthly Missing, Exploited and Trafficked (MET) group chaired by the police."),
        "vulnerability_steps": text(
            "The practitioner discusses the case with the RAMT manager on the same day. If the child is at risk of significant harm a referral is made to the MASH; otherwise the concern is shared with the allocated worker and recorded in the child’s plan, and the child may be offered RAMT keywork.",
            "If the child is at risk of significant harm a referral is made to the MASH; otherwise the concern is shared with the allocated worker and recorded in the child’s plan, and the child may be offered RAMT keywork."),
        "comments": text(
            "What helps most is a small team that knows the young people. What gets in the way is late notification from the police at weekends and the number of children who are reported missing several times in one week. We would like the guidance to say more clearly when a phone call can stand in for a face-to-face interview.",
            "What helps most is a small team that knows the young people."),
        "ooa_delivery": choice(["childrens_services_may_be_social_worker"],
                               "Option c: Children’s Services deliver the interview; this may be the child’s own social worker"),
        "ooa_placed_children": n(58, "58 children"),
        "ooa_missing_children": n(9, "nine children"),
        "ooa_missing_incidents": n(31, "nine children; 31 incidents"),
        "ooa_rhi_offered": n(31, "offered for every one of the 31 incidents"),
        "ooa_rhi_completed": n(17, "17 RHIs took place"),
        "incoming_offered": choice(["yes"], "Yes – every child placed here is offered an interview."),
        "incoming_provider": choice(["local_authority_team"], "RAMT, as for Saltcombe children."),
        "incoming_placed_children": n(203, "203 children"),
        "incoming_missing_children": n(44, "44 went missing"),
        "incoming_missing_incidents": n(151, "(151 incidents)"),
        "incoming_rhi_completed": n(97, "97 RHIs were completed"),
        "ooa_comments": status("not_answered", "N/A"),
    },
}


def build():
    body, anchors = render(SOURCE)
    return body.replace("\n", "\r\n").encode("utf-8"), anchors
