"""Letter C: Royal Borough of Kingsmere, rhi-2024, an e-mail reply (.eml).

multipart/alternative (text/plain and text/html, both quoted-printable UTF-8)
as Outlook sends it. The council's name appears only in the sender's display
name and the signature. The case number is in the subject and the body. The
reply date is only in the Date: header; the quoted original request carries
an earlier date. Signature has the officer's name in Arabic script wrapped in
right-to-left marks. A zero-width space inside one word, curly quotes.
"""
import html
import re
from email.message import EmailMessage
from email.headerregistry import Address
from email import policy
from common import P2024, n, choice, text, render

FILENAME = "RE  Freedom of Information request – return interviews (CAS-2291-K7P3).eml"

BODY = """Dear Ms Hale,

Case number: CAS-2291-K7P3

Thank you for your email of 7 May 2024 asking for information about return interviews. We have dealt with it under the Freedom of Information Act 2000. Your questions are copied below, with our answer under each one. All figures cover 1 April 2023 to 31 March 2024.

«Q:1»1. How many children (counting each child once) were reported missing?
612 children were reported missing at least once.

«Q:2»2. How many missing incidents were reported in total?
There were 2,093 missing incidents.

«Q:3»3. How many children did the council look after during the year?
498 children were in our care at some point during the year.

«Q:4»4. How many of those looked-after children went missing?
131 of them went missing at least once.

«Q:5»5. How many missing incidents involved looked-after children?
1,246 incidents.

«Q:6»6. How many return interviews were offered after a missing incident?
An interview was offered after 1,978 incidents.

«Q:7»7. How many return interviews were completed after a missing incident?
1,204 return interviews were completed. In a further 587 cases the interview was declined by the child or their family.

«Q:8»8. How many of the completed interviews took place within 72 hours of the child’s return?
903 of the completed interviews took place within 72 hours (75%).

«Q:9»9. Who provides return interviews in your area? (social workers / a dedicated team or individual in the council / youth workers / an independent commissioned service / other – with any detail)
Social workers – No
Dedicated team or individual within the council – Yes: the Adolescent Safety Team (AST)
Youth workers – Yes: AST interviewers are qualified youth workers employed by the council
Independent commissioned service – No
Other – No

«Q:10»10. Do you provide or commission any follow-up support after a return interview? If so, please give details.
Yes. AST can stay involved for up to eight weeks after the interview, and young people who are being exploited are referred to the Safer Futures mentoring programme, which we commission from a local charity.

«Q:11»11. Is there anything else you can tell us about your service – for example changes to the guidance, barriers, or what works well?
Young people tell us they find it easier to talk to someone from outside their home or placement, and our youth workers’ “no wrong door” approach means a child can ask for the same worker next time. The hardest part is the 72-hour expectation for children placed far away or who go missing again within days. We would welcome guidance that says a phone or video conversation can count as a return interview when the young person prefers it, and clearer safe«ZWSP»guarding expectations on the police to share return times quickly.

If you are unhappy with this response you can ask for an internal review by replying to this email within 40 working days. If you remain dissatisfied you can complain to the Information Commissioner’s Office.

Kind regards,

Yasmin Haddad «RLM»ياسمين حداد«RLM»
Information Rights Officer | Governance and Assurance
Royal Borough of Kingsmere
Tel: 01632 960518
information.rights@kingsmere.gov.uk

This email and anything attached to it is meant only for the person it is addressed to. If it has reached you by mistake please tell the sender and delete it.

________________________________
From: Rachel Hale <r.hale@example.org>
Sent: 07 May 2024 09:15
To: Information Rights <information.rights@kingsmere.gov.uk>
Subject: Freedom of Information request – return interviews

Dear Sir or Madam,

Please treat this as a request under the Freedom of Information Act. We would like figures for 1st April 2023 to 31st March 2024; the eleven questions are in the attached document.

Many thanks,
Rachel Hale
Research Officer
"""


def to_html(plain):
    out = ['<html xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:w="urn:schemas-microsoft-com:office:word">',
           '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
           '<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style>',
           '</head>', '<body lang="EN-GB" link="#0563C1" vlink="#954F72">',
           '<div class="WordSection1">']
    quoted = False
    for line in plain.split("\n"):
        if line.startswith("________________"):
            out.append('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">')
            quoted = True
            continue
        if not line.strip():
            out.append('<p class="MsoNormal">&nbsp;</p>')
            continue
        esc = html.escape(line, quote=False)
        esc = esc.replace("Case number: ", "Case number:&nbsp;")
        if re.match(r"\d{1,2}\. ", line):
            esc = "<b>" + esc + "</b>"
        out.append('<p class="MsoNormal">' + esc + '</p>')
    if quoted:
        out.append('</div>')
    out += ['</div>', '</body>', '</html>', '']
    return "\n".join(out)


GOLD = {
    "council": "Royal Borough of Kingsmere",
    "reference": "CAS-2291-K7P3",
    "response_date": "2024-06-06",
    "questionnaire": "rhi-2024",
    "period": P2024,
    "fields": {
        "missing_children": n(612, "612 children were reported missing"),
        "missing_incidents": n(2093, "2,093 missing incidents"),
        "lac_total": n(498, "498 children were in our care"),
        "lac_missing_children": n(131, "131 of them went missing"),
        "lac_missing_incidents": n(1246, "1,246 incidents."),
        "rhi_offered": n(1978, "offered after 1,978 incidents"),
        "rhi_completed": n(1204, "1,204 return interviews were completed"),
        "rhi_declined": n(587, "In a further 587 cases the interview was declined"),
        "rhi_within_72h": n(903, "903 of the completed interviews took place within 72 hours"),
        "provider": choice(["local_authority_team", "youth_worker"],
                           "Dedicated team or individual within the council – Yes: the Adolescent Safety Team (AST)",
                           team="Adolescent Safety Team (AST)",
                           detail="AST interviewers are qualified youth workers employed by the council"),
        "follow_up_support": choice(["yes"],
                                    "Yes. AST can stay involved for up to eight weeks after the interview"),
        "comments": text(
            "Young people tell us they find it easier to talk to someone from outside their home or placement, and our youth workers’ “no wrong door” approach means a child can ask for the same worker next time. The hardest part is the 72-hour expectation for children placed far away or who go missing again within days. We would welcome guidance that says a phone or video conversation can count as a return interview when the young person prefers it, and clearer safeguarding expectations on the police to share return times quickly.",
            "We would welcome guidance that says a phone or video conversation can count as a return interview when the young person prefers it, and clearer safeguarding expectations on the police to share return times quickly."),
    },
}


def build():
    plain, anchors = render(BODY)
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = Address("Information Rights – Royal Borough of Kingsmere",
                          "information.rights", "kingsmere.gov.uk")
    msg["To"] = Address("Rachel Hale", "r.hale", "example.org")
    msg["Subject"] = "RE: Freedom of Information request – return interviews [CAS-2291-K7P3]"
    msg["Date"] = "Thu, 06 Jun 2024 10:42:17 +0100"
    msg["Message-ID"] = "<LO2P265MB5127A1C9F3D0E4B7@LO2P265MB5127.GBRP265.PROD.OUTLOOK.COM>"
    msg["In-Reply-To"] = "<CAH7x9QmR2b1@mail.example.org>"
    msg["Thread-Topic"] = "Freedom of Information request – return interviews"
    msg["Content-Language"] = "en-GB"
    msg["X-MS-Has-Attach"] = ""
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(to_html(plain), subtype="html", charset="utf-8",
                        cte="quoted-printable")
    return msg.as_bytes(policy=policy.SMTP), anchors
