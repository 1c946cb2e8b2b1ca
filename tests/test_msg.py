"""Outlook .msg files, built at test time with our compound-file writer (tests/cfb_writer.py):
the body, the headers and the attachments are read as an .eml's are."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest
from cfb_writer import write_cfb
from test_formats import LETTER

from rhi_llm.core.errors import CorruptLetter, EmptyLetter
from rhi_llm.extract.rules import RulesBackend
from rhi_llm.letters import load
from rhi_llm.pipeline import process_letter

ATTACHMENT = "__attach_version1.0_#00000000/"


def _text(value: str) -> bytes:
    return value.encode("utf-16-le")


def _xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Measure", "2023/24"], ["Return interviews offered", 561]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def message(body: str, *, attachment: tuple[str, bytes] | None = None) -> bytes:
    streams = {
        "__substg1.0_0037001F": _text("RE: FOI FBC/FOI/0931"),
        "__substg1.0_1000001F": _text(body),
        "__substg1.0_0C1A001F": _text("FOI Team"),
        "__substg1.0_0C1F001F": _text("foi@fernhill.example.gov.uk"),
        "__substg1.0_0E04001F": _text("Ada Okafor"),
        "__substg1.0_007D001F": _text(
            "Received: from mail.example\r\nDate: Tue, 14 May 2024 10:02:00 +0100\r\n"
        ),
    }
    if attachment is not None:
        name, data = attachment
        streams[ATTACHMENT + "__substg1.0_3707001F"] = _text(name)
        streams[ATTACHMENT + "__substg1.0_37010102"] = data
    return write_cfb(streams)


def test_a_msg_reads_its_headers_body_and_attachment(tmp_path: Path) -> None:
    path = tmp_path / "reply.msg"
    path.write_bytes(message(LETTER, attachment=("figures.xlsx", _xlsx())))
    letter = load(path)
    assert letter.format == "msg"
    assert letter.parts == ("e-mail", "figures.xlsx")
    head = letter.text[: letter.page_starts[1]]
    assert "From: FOI Team <foi@fernhill.example.gov.uk>" in head
    assert "Date: Tue, 14 May 2024 10:02:00 +0100" in head
    assert "Subject: RE: FOI FBC/FOI/0931" in head
    assert "We recorded 212 children." in head
    assert "Return interviews offered | 561" in letter.text[letter.page_starts[1] :]


def test_a_msg_goes_through_the_whole_chain(tmp_path: Path) -> None:
    path = tmp_path / "reply.msg"
    path.write_bytes(message(LETTER))
    outcome = asyncio.run(process_letter(path, RulesBackend()))
    assert outcome.error is None and outcome.response is not None
    assert outcome.response.answers["missing_incidents"].value == 587


def test_broken_msg_files_fail_clearly(tmp_path: Path) -> None:
    not_a_message = tmp_path / "other.msg"
    not_a_message.write_bytes(write_cfb({"WordDocument": b"\x00" * 100}))
    with pytest.raises(CorruptLetter, match="not an Outlook message"):
        load(not_a_message)
    cut = tmp_path / "cut.msg"
    cut.write_bytes(message(LETTER)[:700])
    with pytest.raises(CorruptLetter, match=r"cut\.msg"):
        load(cut)
    bare = tmp_path / "bare.msg"
    bare.write_bytes(write_cfb({"__substg1.0_0037001F": _text("subject only")}))
    with pytest.raises(EmptyLetter, match="no body and no attachment"):
        load(bare)
