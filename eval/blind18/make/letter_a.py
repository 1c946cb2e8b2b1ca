"""Letter A: Brackenmoor Metropolitan Borough Council, rhi-2018, plain text.

UTF-8 with a byte-order mark; figures pasted from a spreadsheet and a web form
carry no-break spaces, a narrow no-break space, zero-width spaces, a
left-to-right mark and a stray U+FEFF inside the text.
"""
from common import P2018, n, status, choice, text, render

FILENAME = "FOI 4412 Response (Final) – Return Home Interviews.txt"

SOURCE = """«BOM»BRACKENMOOR METROPOLITAN BOROUGH COUNCIL
Information Governance Unit • Civic Offices • Tanner Street • Brackenmoor • BK4 2TE
Telephone 01632 960142 • foi@brackenmoor.gov.uk

Ms R. Okafor
By email only

Our ref: 4412-RHI
Your ref: not quoted
Date: 3rd July 2018

Dear Ms Okafor

Freedom of Information Act 2000 — request for information about return home interviews

Thank you for your request, which reached the council on 5 June 2018. I have collected the information from our Children’s Services directorate and from the charity we commission, and our answers follow. Each of your questions is repeated in quotation marks with our reply beneath it. Unless stated otherwise, the figures cover the financial year 1 April 2017 to 31 March 2018 and were extracted from the children’s social care system on 22 June 2018; some were copied from the provider’s own spread«SHY»sheet, so the layout of a few answers is not quite uniform.

SECTION 1 — WHO DELIVERS RETURN HOME INTERVIEWS

«Q:1»“1. Who currently delivers return home interviews (RHIs) to children missing from home or care in your area: a third sector agency (if so, which) or a team within the council (if so, which team or role)?”

Third sector agency: Yes — the Compass Road Trust, a registered children’s charity based in Brackenmoor.
Council team: No.
The present contract runs from 1 October 2016 to 30 September 2019 and is worth £212,400 over the three years.

«Q:2»“2. Who delivered RHIs in 2016/17: a third sector agency or a council team?”

Both, one after the other. Until the end of September 2016 interviews were done by the council’s own Missing and Exploitation Team; from October 2016 the Compass Road Trust took over.

«Q:3»“3. Who delivered RHIs in 2013/14: a third sector agency or a council team?”

In 2013/14 interviews were carried out by the child’s own social worker; no third sector agency was involved.

SECTION 2 — INCIDENTS AND INTERVIEWS

«Q:4a»“4a. How many missing incidents were reported in the year to 31 March 2018?”

There were 1«NNBSP»032 missing incidents.

«Q:4b»“4b. How many individual children do those incidents relate to?”

They relate to 341«NBSP»individual children.

«Q:5a»“5a. For how many incidents was an RHI offered to the child or to a parent or carer?”

An interview was offered for «ZWSP»874 of the incidents.

«Q:5b»“5b. How many of the offers did the child accept?”
«Q:5c»“5c. For how many incidents was the offer declined?”

Our answer to 5b and 5c is taken from the Trust’s monthly return:

\tOffers accepted\t508«NBSP»
\tOffers declined\t«LRM»311
\tOffer made, no response\t55

«Q:6a»“6a. In how many incidents was an RHI carried out during the year?”

An RHI was completed in 487«ZWSP» incidents.

«Q:6b»“6b. How many incidents had an RHI within 72 hours of the child’s return?”

«BOM»402 of those interviews took place within 72 hours.

«Q:6c»“6c. How is the 72 hours measured, and on what assumptions?”

«Q:6c-i»“(i) Is the 72 hours counted from the child’s return or from the police referral?”
We count from the time the police notify us that the child has been found, which we treat as the referral; it is the first point at which the Trust knows the child is home.

«Q:6c-ii»“(ii) Hours or days, and if days, calendar or working days?”
In hours: 72 consecutive hours on the clock, weekends and bank holidays included.

«Q:6c-iii»“(iii) Is any adjustment made when the child goes missing again before an RHI takes place?”
Yes. If the child goes missing again before the interview, the 72 hours start again from the police notification of the latest return, and one interview then covers both episodes.

SECTION 3 — AFTER THE INTERVIEW

«Q:7a»“7a. Do you provide or commission any follow-up support after an RHI?”

Yes. Where the young person wants it, a Compass Road Trust key worker offers up to six further weekly sessions, and the Trust can refer on to the council’s Early Help service or to CAMHS.

«Q:7b»“7b. What is done with the information gathered in an RHI?”

The write-up goes onto the child’s record within two working days and is sent to the allocated social worker, if there is one. Each month the Trust gives the Missing and Exploitation Panel an anonymised summary of the reasons children gave for going missing and the places and people they named, and anything that looks like intelligence about adults who pose a risk is passed to the police on the partnership intelligence form.

«Q:7c»“7c. What steps follow when a vulnerability is identified?”

The Trust worker rings the social worker — or the MASH, if the child is not open to social care — on the same working day. Where exploitation is suspected a strategy discussion is convened within two days and the child is screened with the exploitation risk tool; where the child has a health need the worker arranges a GP or school nurse appointment with the family.

«Q:8»“8. Please describe your service: any guidance changes you would like, the barriers you face, and what works well.”

What works best is continuity: most young people see the same Trust worker each time they go missing, and many tell us that is why they talk. The main barrier is reaching children who do not want to be seen at home, so the Trust now offers to meet in cafés, libraries or at school. We would welcome clearer national guid«SHY»ance on children who go missing re«SHY»peatedly over a short period, where a full interview after every episode is not always in the child’s interests.

SECTION 4 — LOOKED-AFTER CHILDREN PLACED OUT OF AREA

«Q:ooa-1»“OOA1. How are RHIs delivered to looked-after children placed outside your area? Please tick one option.”

[ ] a) by the same third sector agency that delivers RHIs in our area
[ ] b) by our children’s services, but not by the child’s social worker
[ ] c) by our children’s services, possibly by the child’s social worker
[ ] d) by the young person’s own social worker
[ ] e) spot purchased from the authority where the child is placed
[ ] f) spot purchased from another provider
[ ] g) RHIs are not offered to this group
[X] h) a combination of the above
[ ] i) other

Detail: the Compass Road Trust travels to placements within 40 miles of Brackenmoor; beyond that the child’s social worker completes the interview.

«Q:ooa-2a»“OOA2a. How many children in your care were placed out of area during the year?”

126 children.

«Q:ooa-2b»“OOA2b. How many of those placed out of area went missing?”

38 of them went missing at least once, in 171 incidents between them.

«Q:ooa-2c»“OOA2c. Of those, how many were offered an RHI?”

An interview was offered after 150 of the 171 incidents.

«Q:ooa-2d»“OOA2d. How many received an RHI?”

96 interviews were completed.

«Q:ooa-3»“OOA3. Do you offer RHIs to looked-after children placed in your area by other councils? (yes / no / case by case)”

Case by case — we agree to it where the placing council asks and will meet the cost.

«Q:ooa-4»“OOA4. If yes or case by case, which agency delivers RHIs to this group?”

The Compass Road Trust, under a variation to our contract.

«Q:ooa-5a»“OOA5a. How many looked-after children did other councils place in your area during the year?”

This is not recorded by Brackenmoor: placing authorities do not reliably tell us when a child moves into the borough.

«Q:ooa-5b»“OOA5b. How many of those children received an RHI?”

We are aware of 19 children from other authorities who were reported missing here during the year, in 64 incidents. Fewer than 5 of them had an interview with the Trust. We have not given the exact number because, with numbers this small, it could identify the children; it is withheld under section 40(2) of the Act.

«Q:ooa-6»“OOA6. Is there anything you would like to add about RHIs for children placed out of area?”

Distance and notice are the two problems. A host council will often not tell us about an episode until days later, by which time the 72 hours have passed. Where the child’s social worker does the interview we know it is not independent, and we would prefer a national arrangement under which the host area’s provider saw every child.

If you are unhappy with the way your request has been handled, you may ask for an internal review by writing to the address above within 40 working days of the date of this letter. If you are still dissatisfied after the review, you can complain to the Information Commissioner’s Office (ico.org.uk).

Yours sincerely

Daniel Whitcombe
Information Governance Officer
Brackenmoor Metropolitan Borough Council
"""

Q = "’"  # curly apostrophe used throughout

GOLD = {
    "council": "Brackenmoor Metropolitan Borough Council",
    "reference": "4412-RHI",
    "response_date": "2018-07-03",
    "questionnaire": "rhi-2018",
    "period": P2018,
    "fields": {
        "provider": choice(["third_sector_agency"],
                           "Third sector agency: Yes — the Compass Road Trust",
                           agency="Compass Road Trust"),
        "provider_2016_17": choice(
            ["local_authority_team", "third_sector_agency"],
            "Until the end of September 2016 interviews were done by the council’s own Missing and Exploitation Team; from October 2016 the Compass Road Trust took over.",
            team="Missing and Exploitation Team", agency="Compass Road Trust"),
        "provider_2013_14": choice(["social_worker"],
                                   "In 2013/14 interviews were carried out by the child’s own social worker"),
        "missing_incidents": n(1032, "1 032 missing incidents"),
        "missing_children": n(341, "341 individual children"),
        "rhi_offered": n(874, "offered for 874 of the incidents"),
        "rhi_accepted": n(508, "Offers accepted 508"),
        "rhi_declined": n(311, "Offers declined 311"),
        "rhi_completed": n(487, "completed in 487 incidents"),
        "rhi_within_72h": n(402, "402 of those interviews took place within 72 hours"),
        "measure_72h_from": choice(["police_referral"],
                                   "We count from the time the police notify us that the child has been found, which we treat as the referral"),
        "measure_72h_units": choice(["hours"], "In hours: 72 consecutive hours on the clock"),
        "measure_72h_adjustments": text(
            "Yes. If the child goes missing again before the interview, the 72 hours start again from the police notification of the latest return, and one interview then covers both episodes.",
            "If the child goes missing again before the interview, the 72 hours start again from the police notification of the latest return, and one interview then covers both episodes."),
        "follow_up_support": choice(["yes"],
                                    "Yes. Where the young person wants it, a Compass Road Trust key worker offers up to six further weekly sessions"),
        "info_use": text(
            "The write-up goes onto the child’s record within two working days and is sent to the allocated social worker, if there is one. Each month the Trust gives the Missing and Exploitation Panel an anonymised summary of the reasons children gave for going missing and the places and people they named, and anything that looks like intelligence about adults who pose a risk is passed to the police on the partnership intelligence form.",
            "The write-up goes onto the child’s record within two working days and is sent to the allocated social worker, if there is one."),
        "vulnerability_steps": text(
            "The Trust worker rings the social worker — or the MASH, if the child is not open to social care — on the same working day. Where exploitation is suspected a strategy discussion is convened within two days and the child is screened with the exploitation risk tool; where the child has a health need the worker arranges a GP or school nurse appointment with the family.",
            "The Trust worker rings the social worker — or the MASH, if the child is not open to social care — on the same working day."),
        "comments": text(
            "What works best is continuity: most young people see the same Trust worker each time they go missing, and many tell us that is why they talk. The main barrier is reaching children who do not want to be seen at home, so the Trust now offers to meet in cafés, libraries or at school. We would welcome clearer national guidance on children who go missing repeatedly over a short period, where a full interview after every episode is not always in the child’s interests.",
            "What works best is continuity: most young people see the same Trust worker each time they go missing, and many tell us that is why they talk."),
        "ooa_delivery": choice(["combination"], "[X] h) a combination of the above"),
        "ooa_placed_children": n(126, "126 children."),
        "ooa_missing_children": n(38, "38 of them went missing"),
        "ooa_missing_incidents": n(171, "in 171 incidents between them"),
        "ooa_rhi_offered": n(150, "offered after 150 of the 171 incidents"),
        "ooa_rhi_completed": n(96, "96 interviews were completed"),
        "incoming_offered": choice(["case_by_case"], "Case by case — we agree to it where the placing council asks"),
        "incoming_provider": choice(["third_sector_agency"],
                                    "The Compass Road Trust, under a variation to our contract.",
                                    agency="Compass Road Trust"),
        "incoming_placed_children": status("not_held", "This is not recorded by Brackenmoor"),
        "incoming_missing_children": n(19, "19 children from other authorities who were reported missing"),
        "incoming_missing_incidents": n(64, "in 64 incidents"),
        "incoming_rhi_completed": status("exempt", "Fewer than 5 of them had an interview with the Trust"),
        "ooa_comments": text(
            "Distance and notice are the two problems. A host council will often not tell us about an episode until days later, by which time the 72 hours have passed. Where the child’s social worker does the interview we know it is not independent, and we would prefer a national arrangement under which the host area’s provider saw every child.",
            "A host council will often not tell us about an episode until days later, by which time the 72 hours have passed."),
    },
}


def build():
    body, anchors = render(SOURCE)
    return body.encode("utf-8"), anchors
