"""Outlook .msg files: the message's headers, body and attachments, read with olefile.

A .msg is an OLE compound file whose properties are streams named ``__substg1.0_TTTTYYYY``
(property tag TTTT, type YYYY: 001F UTF-16 text, 001E 8-bit text, 0102 bytes); each attachment
is a storage ``__attach_version1.0_#NNNNNNNN`` holding its file name (3707, or 3704) and data
(3701). What it holds is handed back as plain parts; the letter loader reads them as it reads
an .eml's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from rhi_llm.core.errors import CorruptLetter, LetterTooLarge
from rhi_llm.core.text import parser_message as _short

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ATTACHMENTS = 50

_SUBJECT, _BODY, _HTML = "0037", "1000", "1013"
_SENDER_NAME, _SENDER_ADDRESS, _TO, _HEADERS = "0C1A", "0C1F", "0E04", "007D"
_FILE_NAME, _SHORT_NAME, _DATA, _EMBEDDED = "3707", "3704", "3701", "3701000D"


@dataclass
class MessageParts:
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    html: str = ""
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # attachments that could not be taken out


def _text(ole: object, storage: str, tag: str) -> str | None:
    import olefile

    assert isinstance(ole, olefile.OleFileIO)
    for kind, codec in (("001F", "utf-16-le"), ("001E", "cp1252")):
        name = f"{storage}__substg1.0_{tag}{kind}"
        if ole.exists(name):
            raw = ole.openstream(name).read()
            return str(raw.decode(codec, errors="replace")).rstrip("\x00")
    return None


def _bytes(ole: object, storage: str, tag: str) -> bytes | None:
    import olefile

    assert isinstance(ole, olefile.OleFileIO)
    name = f"{storage}__substg1.0_{tag}0102"
    return ole.openstream(name).read() if ole.exists(name) else None


def read_msg(data: bytes, path: str) -> MessageParts:
    import olefile

    if not data.startswith(OLE_MAGIC):
        raise CorruptLetter("not an Outlook .msg file (no OLE header)", path=path)
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError and others on damaged files
        raise CorruptLetter(f"the Outlook message is damaged ({_short(exc)})", path=path) from None
    try:
        streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
        if not any(s.startswith("__substg1.0_") for s in streams):
            raise CorruptLetter(
                "an OLE file, but not an Outlook message (no message properties)", path=path
            )
        parts = MessageParts()
        transport = _text(ole, "", _HEADERS) or ""
        for line in transport.splitlines():
            name, colon, value = line.partition(":")
            if colon and name.strip().lower() == "date" and "Date" not in parts.headers:
                parts.headers["Date"] = value.strip()
        sender = _text(ole, "", _SENDER_NAME) or ""
        address = _text(ole, "", _SENDER_ADDRESS) or ""
        if sender or address:
            parts.headers["From"] = (
                f"{sender} <{address}>" if sender and address else sender or address
            )
        for key, tag in (("To", _TO), ("Subject", _SUBJECT)):
            found = _text(ole, "", tag)
            if found:
                parts.headers[key] = found
        parts.body = _text(ole, "", _BODY) or ""
        html = _bytes(ole, "", _HTML) or (_text(ole, "", _HTML) or "").encode("utf-8")
        parts.html = html.decode("utf-8", errors="replace") if html else ""
        storages = sorted(
            {s.split("/")[0] for s in streams if s.startswith("__attach_version1.0_")}
        )
        if len(storages) > MAX_ATTACHMENTS:
            raise LetterTooLarge(
                f"the message has {len(storages)} attachments; over {MAX_ATTACHMENTS} are not read",
                path=path,
            )
        for storage in storages:
            prefix = storage + "/"
            name = _text(ole, prefix, _FILE_NAME) or _text(ole, prefix, _SHORT_NAME) or storage
            content = _bytes(ole, prefix, _DATA)
            if content is None:
                embedded = f"{prefix}__substg1.0_{_EMBEDDED}"
                what = (
                    "an attached e-mail" if ole.exists(embedded) else "an attachment with no data"
                )
                parts.unread.append(f"{name} ({what}: not read)")
                continue
            parts.attachments.append((name, content))
        return parts
    except (CorruptLetter, LetterTooLarge):
        raise
    except Exception as exc:
        raise CorruptLetter(f"the Outlook message is damaged ({_short(exc)})", path=path) from None
    finally:
        ole.close()
