"""Build the two .eml letters (real MIME) from the .body texts beside this script.

    /work/main/.venv/bin/python make/build_eml.py      (run from the letters folder)
"""
import html
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[1] / "letters"


def html_version(text: str) -> str:
    """A plain HTML rendering, as an Outlook client would add beside the text part."""
    out = []
    for block in text.split("\n\n"):
        lines = block.split("\n")
        if all(line.startswith(">") for line in lines if line):
            inner = "<br>\n".join(html.escape(line.lstrip("> ").rstrip()) for line in lines)
            out.append(f'<blockquote style="border-left:2px solid #999;padding-left:6px">{inner}</blockquote>')
        else:
            out.append("<p>" + "<br>\n".join(html.escape(line) for line in lines) + "</p>")
    return ('<html><head><meta charset="utf-8"></head>'
            '<body style="font-family:Calibri,Arial;font-size:11pt">\n' + "\n".join(out) + "\n</body></html>\n")


def build(name, sender, to, subject, date, body_file, with_html, msgid, in_reply_to=None):
    text = (HERE / body_file).read_text(encoding="utf-8")
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = msgid
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg["X-Mailer"] = "Microsoft Outlook 16.0"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    if with_html:
        msg.add_alternative(html_version(text), subtype="html", charset="utf-8", cte="quoted-printable")
    (OUT / name).write_bytes(msg.as_bytes())


build("coldmarsh-2018.eml",
      "Information Requests <information.requests@coldmarsh.gov.uk>",
      "Dr Imogen Ashworth-Vale <i.ashworth-vale@runawayresearch.org.uk>",
      "RE: FOI request - Return Home Interviews [CCC-IR-18-04417]",
      "Fri, 08 Jun 2018 16:42:09 +0100",
      "coldmarsh.body", with_html=False,
      msgid="<DB6PR04MB3127.0418.20180608154209@coldmarsh.gov.uk>",
      in_reply_to="<4417.20180511142200@runawayresearch.org.uk>")

build("blackwater-heath-2024.eml",
      "FOI <foi@blackwaterheath.gov.uk>",
      "Tamsin Hale <t.hale@safehomecoming.org.uk>",
      "RE: Freedom of Information request - missing children and return interviews [BHDC-FOI-24-03318]",
      "Tue, 03 Dec 2024 14:18:51 +0000",
      "blackwater.body", with_html=True,
      msgid="<LO2P265MB5512.3318.20241203141851@blackwaterheath.gov.uk>")
