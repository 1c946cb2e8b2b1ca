"""Build the two .eml letters (pellworth-2018.eml, yarrowfield-2024.eml) from the text in src/.

    /work/main/.venv/bin/python build_eml.py
"""
import html
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE.parents[1] / "letters"


def html_body(reply: str, quoted_intro: str, original: str) -> str:
    paras = "".join(
        "<p>" + html.escape(block).replace("\n", "<br>\n") + "</p>\n"
        for block in reply.strip().split("\n\n")
    )
    orig = html.escape(original.strip()).replace("\n", "<br>\n")
    return (
        "<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Arial\">\n"
        + paras
        + "<hr>\n<p>" + html.escape(quoted_intro) + "</p>\n"
        + "<blockquote style=\"border-left:2px solid #999;padding-left:8px\">" + orig
        + "</blockquote>\n</body></html>\n"
    )


def pellworth():
    reply = (SRC / "pellworth-2018.reply.txt").read_text()
    original = (SRC / "pellworth-2018.orig.txt").read_text()
    intro = "On Tue, 17 Apr 2018 at 09:41, Ada Okonjo-Hale <a.okonjo-hale@runaways-research.example> wrote:"
    quoted = "\n".join(("> " + line).rstrip() for line in original.strip().splitlines())
    plain = reply.rstrip() + "\n\n" + intro + "\n" + quoted + "\n"
    msg = EmailMessage()
    msg["From"] = "FOI Pellworth <foi@pellworth.gov.example>"
    msg["To"] = "Ada Okonjo-Hale <a.okonjo-hale@runaways-research.example>"
    msg["Subject"] = "RE: FOI request - return home interviews [PDC/FOI/1804-377]"
    msg["Date"] = format_datetime(datetime(2018, 5, 15, 16, 2, 47, tzinfo=timezone(timedelta(hours=1))))
    msg["Message-ID"] = "<20180515160247.4471.PDC@pellworth.gov.example>"
    msg["In-Reply-To"] = "<CA+rr2018041709410@runaways-research.example>"
    msg.set_content(plain)
    msg.add_alternative(html_body(reply, intro, original), subtype="html")
    (OUT / "pellworth-2018.eml").write_bytes(bytes(msg))


def yarrowfield():
    reply = (SRC / "yarrowfield-2024.reply.txt").read_text()
    original = (SRC / "yarrowfield-2024.orig.txt").read_text()
    header = (
        "-----Original Message-----\n"
        "From: Tobias Wren <t.wren@missing-children-study.example>\n"
        "Sent: 08 October 2024 11:17\n"
        "To: FOI Requests <foi.requests@yarrowfield.gov.example>\n"
        "Subject: Freedom of Information request - return interviews 2023/24\n"
    )
    plain = reply.rstrip() + "\n\n" + header + "\n" + original.strip() + "\n"
    msg = EmailMessage()
    msg["From"] = "FOI Requests <foi.requests@yarrowfield.gov.example>"
    msg["To"] = "Tobias Wren <t.wren@missing-children-study.example>"
    msg["Subject"] = "RE: Freedom of Information request - return interviews 2023/24 (YCC-FOI-24-3318)"
    msg["Date"] = format_datetime(datetime(2024, 11, 4, 9, 36, 12, tzinfo=UTC))
    msg["Message-ID"] = "<YCC-FOI-24-3318.20241104093612@yarrowfield.gov.example>"
    msg.set_content(plain)
    (OUT / "yarrowfield-2024.eml").write_bytes(bytes(msg))


if __name__ == "__main__":
    pellworth()
    if (SRC / "yarrowfield-2024.reply.txt").exists():
        yarrowfield()
