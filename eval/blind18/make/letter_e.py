"""Letter E: Wyreford County Council, rhi-2018, plain text hard-wrapped at 72
columns (answers run across line breaks), an ASCII table, a percentage, a
section 12 refusal, tick boxes, and a signature with a Hebrew name wrapped in
right-to-left marks. Soft hyphens in a few long words."""
import textwrap
from common import P2018, n, pct, status, choice, text, render

FILENAME = "Wyreford CC – FOI 2018-00613 – RHIs & Missing Children (response).txt"

SOURCE = """WYREFORD COUNTY COUNCIL
Children, Families and Education Directorate
County Hall, Market Rise, Wyreford WY2 8NL

FOI/2018/00613

Friday 13 July 2018

Dear Mr Pryce,

Request for information – Return Home Interviews (RHIs)

I am writing in response to your request of 18 June 2018, which we have dealt with under the Freedom of Information Act 2000. The council holds most, but not all, of the information you asked for. Our answers follow the order of your questionnaire. All figures relate to 1 April 2017 to 31 March 2018 and come from our case management system; because our records are live they may differ slightly from the figures we sent to the Department for Education.

PART 1: WHO DELIVERS RHIs

«Q:1»1. Who currently delivers RHIs: a third sector agency or a council team?

Third sector agency – No.
Council team – Yes. Interviews are carried out by youth workers employed in the council’s Youth Service, who make up the return interview strand of the Wyreford Missing Children Service.

«Q:2»2. Who delivered RHIs in 2016/17?

The same arrangement as now (council Youth Service).

«Q:3»3. Who delivered RHIs in 2013/14?

The Lanternfield Trust, a local charity, under a grant agreement that ended in March 2015.

PART 2: FIGURES

The figures for questions 4 to 6 are set out in the table.

@@TABLE@@

Note on 5b: we record whether an interview took place or was refused, but we do not record whether an offer was formally accepted, so this figure is not held.

* 78.4% of the 1,489 interviews carried out.

«Q:6c»6c. How is the 72 hours measured?

«Q:6c-i»(i) From the return or from the police referral?«/Q» From the time the young person returns, as recorded by the police on the return notification.

«Q:6c-ii»(ii) Hours or days?«/Q» In days – three calendar days, so weekends count.

«Q:6c-iii»(iii) Adjustments?«/Q» No adjustment is made. A fresh episode before the interview is logged as a new incident and the youth worker tries to cover both in one conversation, but the first incident is still counted as late once 72 hours have gone by.

PART 3: AFTER THE INTERVIEW

«Q:7a»7a. Do you provide or commission follow-up support?

No. The council does not commission a separate post-missing service. Where a need is identified the youth worker refers the young person to existing services, for example Early Help, the school nursing team or the young people’s substance misuse service.

«Q:7b»7b. What happens to the information gathered?

The completed interview form is uploaded to the child’s file and a copy goes to the social worker or Early Help lead. Every quarter the Missing Children Service draws themes from the forms – locations, peer groups, adults of concern – for the Exploitation Sub-Group of the Wyreford Safeguarding Children Board, and it passes intelligence to Wyreford Police on a partner intelligence form.

«Q:7c»7c. What steps are taken when a vulnerability is identified?

If the interview raises a safeguarding concern the youth worker makes a referral to the Front Door, our multi-agency safeguarding hub, on the same day. Where sexual or criminal exploitation is suspected a multi-agency meeting is called and a risk management plan is agreed; the child’s social worker is expected to update the plan after each further episode.

«Q:8»8. Please tell us about your service.

Youth workers have had more success than social workers used to, partly because young people see them as separate from ‘the system’. We struggle to reach 16 and 17 year olds who are rarely at home during the day, and three days leaves very little room when a notification arrives on a Friday after«SHY»noon. We would like the guidance to let councils prioritise by risk rather than apply one deadline to every episode.

PART 4: CHILDREN PLACED OUT OF AREA

«Q:ooa-1»OOA 1. How are RHIs delivered to Wyreford looked-after children placed outside the county?

☐ a) by the same third sector agency that delivers RHIs locally
☐ b) by our children’s services, not by the child’s social worker
☐ c) by our children’s services, possibly by the child’s social worker
☐ d) by the young person’s own social worker
☒ e) spot purchased from the authority where the child is placed
☐ f) spot purchased from another provider
☐ g) not offered
☐ h) a combination of the above
☐ i) other

«Q:ooa-2a»OOA 2a.«/Q» 212 Wyreford children in care were living outside the county at some point in the year.

«Q:ooa-2b»OOA 2b.«/Q» 41 of them were reported missing, in 203 incidents.

«Q:ooa-2c»OOA 2c.«/Q» We are unable to answer this part within the cost limit. Offers of an interview made by host authorities are recorded only in case notes. Finding them would mean reading the notes for each of the 203 incidents, which we estimate at 15 minutes each, or just under 51 hours. That is well beyond the appropriate limit of 18 hours (£450) set by the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004, so section 12 of the Act applies to this part of your request.

«Q:ooa-2d»OOA 2d.«/Q» We do hold copies of completed interviews: host authorities sent us 117 reports during the year.

«Q:ooa-3»OOA 3.«/Q» Yes – all children placed in Wyreford by other councils are offered an interview.

«Q:ooa-4»OOA 4.«/Q» The Wyreford Missing Children Service (council Youth Service), charged to the placing authority.

«Q:ooa-5a»OOA 5a.«/Q» 154 looked-after children from other authorities were placed in Wyreford during the year.

«Q:ooa-5b»OOA 5b.«/Q» 37 of those children went missing, in 129 incidents; 88 interviews were completed.

«Q:ooa-6»OOA 6.«/Q» Spot purchasing from host authorities works well with our neighbours, who can usually see a child within three days. It works poorly with authorities further away, where we often learn of the episode late and have to chase for the written interview. A national expectation that the host area interviews every child, with a standard charge, would remove most of this negotiation.

If you are not satisfied with this response you may ask for an internal review within 40 working days; please write to the Information Rights Team at the address above. You also have the right to complain to the Information Commissioner.

Yours sincerely,

Oren Levi «RLM»אורן לוי«RLM»
Information Rights Officer
Wyreford County Council
"""


TABLE_ROWS = [
    ("Question", "2017/18", None),
    None,
    ("4a  Missing incidents reported", "2,417", "4a"),
    ("4b  Individual children those incidents relate to", "688", "4b"),
    ("5a  Incidents where an RHI was offered", "2,250", "5a"),
    ("5b  Offers accepted by the child", "see note", "5b"),
    ("5c  Incidents where the offer was declined", "604", "5c"),
    ("6a  Incidents where an RHI was carried out", "1,489", "6a"),
    ("6b  RHIs within 72 hours of return", "78.4%*", "6b"),
]


def table():
    rule = "+" + "-" * 54 + "+" + "-" * 10 + "+"
    lines = [rule]
    for row in TABLE_ROWS:
        if row is None:
            lines.append(rule)
            continue
        label, fig, key = row
        mark = "«Q:%s»" % key if key else ""
        lines.append("| " + mark + label.ljust(52) + " | " + fig.rjust(8) + " |")
    lines.append(rule)
    return "\n".join(lines)


def wrap(source, width=72):
    out = []
    for line in source.split("\n"):
        if len(line) > width and not line.startswith(("|", "+", "☐", "☒")):
            out.append(textwrap.fill(line, width=width, break_on_hyphens=False,
                                     break_long_words=False))
        else:
            out.append(line)
    return "\n".join(out)


GOLD = {
    "council": "Wyreford County Council",
    "reference": "FOI/2018/00613",
    "response_date": "2018-07-13",
    "questionnaire": "rhi-2018",
    "period": P2018,
    "fields": {
        "provider": choice(["youth_worker", "local_authority_team"],
                           "Interviews are carried out by youth workers employed in the council’s Youth Service",
                           team="Wyreford Missing Children Service (Youth Service)"),
        "provider_2016_17": choice(["youth_worker", "local_authority_team"],
                                   "The same arrangement as now (council Youth Service)."),
        "provider_2013_14": choice(["third_sector_agency"], "The Lanternfield Trust, a local charity",
                                   agency="Lanternfield Trust"),
        "missing_incidents": n(2417, "2,417"),
        "missing_children": n(688, "688"),
        "rhi_offered": n(2250, "2,250"),
        "rhi_accepted": status("not_held", "so this figure is not held"),
        "rhi_declined": n(604, "604"),
        "rhi_completed": n(1489, "1,489"),
        "rhi_within_72h": pct(78.4, "rhi_completed", "78.4% of the 1,489 interviews carried out"),
        "measure_72h_from": choice(["return"], "From the time the young person returns"),
        "measure_72h_units": choice(["calendar_days"], "three calendar days"),
        "measure_72h_adjustments": text(
            "No adjustment is made. A fresh episode before the interview is logged as a new incident and the youth worker tries to cover both in one conversation, but the first incident is still counted as late once 72 hours have gone by.",
            "No adjustment is made."),
        "follow_up_support": choice(["no"], "No. The council does not commission a separate post-missing service."),
        "info_use": text(
            "The completed interview form is uploaded to the child’s file and a copy goes to the social worker or Early Help lead. Every quarter the Missing Children Service draws themes from the forms – locations, peer groups, adults of concern – for the Exploitation Sub-Group of the Wyreford Safeguarding Children Board, and it passes intelligence to Wyreford Police on a partner intelligence form.",
            "The completed interview form is uploaded to the child’s file and a copy goes to the social worker or Early Help lead."),
        "vulnerability_steps": text(
            "If the interview raises a safeguarding concern the youth worker makes a referral to the Front Door, our multi-agency safeguarding hub, on the same day. Where sexual or criminal exploitation is suspected a multi-agency meeting is called and a risk management plan is agreed; the child’s social worker is expected to update the plan after each further episode.",
            "If the interview raises a safeguarding concern the youth worker makes a referral to the Front Door, our multi-agency safeguarding hub, on the same day."),
        "comments": text(
            "Youth workers have had more success than social workers used to, partly because young people see them as separate from ‘the system’. We struggle to reach 16 and 17 year olds who are rarely at home during the day, and three days leaves very little room when a notification arrives on a Friday afternoon. We would like the guidance to let councils prioritise by risk rather than apply one deadline to every episode.",
            "We would like the guidance to let councils prioritise by risk rather than apply one deadline to every episode."),
        "ooa_delivery": choice(["spot_purchase_host_authority"],
                               "☒ e) spot purchased from the authority where the child is placed"),
        "ooa_placed_children": n(212, "212 Wyreford children in care"),
        "ooa_missing_children": n(41, "41 of them were reported missing"),
        "ooa_missing_incidents": n(203, "in 203 incidents"),
        "ooa_rhi_offered": status("refused", "We are unable to answer this part within the cost limit."),
        "ooa_rhi_completed": n(117, "host authorities sent us 117 reports"),
        "incoming_offered": choice(["yes"], "Yes – all children placed in Wyreford by other councils are offered an interview."),
        "incoming_provider": choice(["local_authority_team"],
                                    "The Wyreford Missing Children Service (council Youth Service), charged to the placing authority."),
        "incoming_placed_children": n(154, "154 looked-after children from other authorities"),
        "incoming_missing_children": n(37, "37 of those children went missing"),
        "incoming_missing_incidents": n(129, "in 129 incidents"),
        "incoming_rhi_completed": n(88, "88 interviews were completed"),
        "ooa_comments": text(
            "Spot purchasing from host authorities works well with our neighbours, who can usually see a child within three days. It works poorly with authorities further away, where we often learn of the episode late and have to chase for the written interview. A national expectation that the host area interviews every child, with a standard charge, would remove most of this negotiation.",
            "Spot purchasing from host authorities works well with our neighbours, who can usually see a child within three days."),
    },
}


def build():
    body, anchors = render(wrap(SOURCE).replace("@@TABLE@@", table()))
    return body.encode("utf-8"), anchors
