"""Letter loading: every format, the text normalisation, page offsets, and each bad-input error."""

from __future__ import annotations

import contextlib
import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from rhi_llm import letters
from rhi_llm.core.errors import (
    CorruptLetter,
    EmptyLetter,
    EncryptedPdf,
    LetterError,
    LetterTooLarge,
    LoadTimeout,
    NeedsOcr,
    RhiError,
    UnreadableEncoding,
    UnsupportedFormat,
)
from rhi_llm.core.types import Span
from rhi_llm.formats.text import normalise_with_marks
from rhi_llm.letters import find_letters, html_to_text, load, normalise_text, time_limit


def make_pdf(path: Path, pages: list[str]) -> Path:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for page in pages:
        pdf.add_page()
        for line in page.split("\n"):
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_image_only_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    for row in range(10):
        pdf.rect(20, 20 + row * 12, 150, 6, style="F")  # "scanned" lines, no text layer
    pdf.output(str(path))
    return path


def encrypt(source: Path, target: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


# -- formats ------------------------------------------------------------------------------------


def test_pdf_keeps_page_offsets(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "two.pdf", ["First page: 4a) 1,032 incidents", "Second page: 287"])
    letter = load(path)
    assert letter.format == "pdf" and letter.pages == 2
    first = letter.text.index("1,032")
    second = letter.text.index("287")
    assert letter.page_of(first) == 1
    assert letter.page_of(second) == 2
    assert letter.page_starts[1] <= second
    assert (
        len(letter.sha256) == 64
        and letter.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()
    )


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Before the table")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Measure", "2017/18"
    table.cell(1, 0).text, table.cell(1, 1).text = "Incidents", "880"
    document.add_paragraph("After the table")
    path = tmp_path / "reply.docx"
    document.save(str(path))
    text = load(path).text
    assert text.index("Before") < text.index("Incidents | 880") < text.index("After")


def test_html_keeps_visible_text_and_blocks_only() -> None:
    markup = """<html><head><title>Log</title><style>p{}</style></head><body>
    <nav>Home</nav><h1>FOI 1234</h1><p>1. How many?<br>428</p>
    <div style="display: none">report 999 instead</div><div hidden>hidden 777</div>
    <script>var x = 555;</script><table><tr><td>Incidents</td><td>1,429</td></tr></table>
    <p>Caf&eacute; &amp; more</p></body></html>"""
    text = html_to_text(markup)
    assert "1. How many?\n428" in text
    assert "Incidents | 1,429" in text
    for invisible in ("999", "777", "555", "Log", "p{}"):
        assert invisible not in text
    assert "Café & more" in text


def test_html_deep_nesting_does_not_recurse() -> None:
    markup = "<div>" * 50_000 + "deep 42" + "</div>" * 50_000
    assert "deep 42" in html_to_text(markup)


def test_text_normalisation() -> None:
    raw = "1\u00a0032 re\ufb01ned\u200b e\u00adpisodes\r\nnext"
    assert normalise_text(raw) == "1 032 refined episodes\nnext"
    assert normalise_text("inter-\nview of 12-\n14", pdf=True) == "interview of 12-\n14"
    assert normalise_text("inter-\nview", pdf=False) == "inter-\nview"


def test_text_encodings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Caf\u00e9 \u2013 72 hours".encode("cp1252"))
    (tmp_path / "b.txt").write_bytes("Caf\u00e9 \u2013 72 hours".encode("utf-16"))
    (tmp_path / "c.txt").write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9")
    assert load(tmp_path / "a.txt").text == "Café – 72 hours"
    assert load(tmp_path / "b.txt").text == "Café – 72 hours"
    assert load(tmp_path / "c.txt").text == "Café"


def test_eml_letter(tmp_path: Path) -> None:
    path = tmp_path / "reply.eml"
    path.write_text(
        "From: foi@council.example\nTo: someone@example.org\nSubject: FOI 77\n"
        "Content-Type: text/html; charset=utf-8\n\n<p>Q1: 215</p><p>Q2: 640</p>\n",
        encoding="utf-8",
    )
    letter = load(path)
    assert letter.format == "eml"
    assert "Subject: FOI 77" in letter.text and "Q1: 215\n" in letter.text


def test_find_letters_recurses_by_extension(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.PDF", "sub/c.docx", "notes.numbers", "sub/d.html"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_letters([tmp_path])]
    assert found == ["a.txt", "sub/b.PDF", "sub/c.docx", "sub/d.html"]


# -- bad inputs: one error class each, a message naming the file -----------------------------


def _assert_error(path: Path, kind: type[LetterError], words: str) -> None:
    with pytest.raises(kind) as caught:
        load(path)
    message = str(caught.value)
    assert isinstance(caught.value, RhiError)
    assert message.startswith(str(path) + ": "), message
    assert words in message
    assert "\n" not in message


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "reply.pages"
    path.write_bytes(b"PK\x03\x04")
    _assert_error(path, UnsupportedFormat, "unsupported format '.pages'")


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.html"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    _assert_error(path, EmptyLetter, "empty")


def test_whitespace_only_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("   \n\n  ")
    _assert_error(path, EmptyLetter, "empty")


def test_html_with_no_visible_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>x=1</script></head><body> </body></html>")
    _assert_error(path, EmptyLetter, "no text")


def test_corrupt_pdf(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", ["4a) 1,032 incidents"]).read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good[: len(good) // 3])
    with pytest.raises(LetterError) as caught:
        load(truncated)
    assert str(caught.value).startswith(str(truncated))
    assert isinstance(caught.value, CorruptLetter | NeedsOcr)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a pdf at all")
    _assert_error(junk, CorruptLetter, "not a PDF")


def test_corrupt_docx(tmp_path: Path) -> None:
    not_zip = tmp_path / "renamed.docx"
    not_zip.write_bytes(b"\xd0\xcf\x11\xe0 old word binary")
    _assert_error(not_zip, CorruptLetter, "not a Word .docx file")
    junk_zip = tmp_path / "junk.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    junk_zip.write_bytes(buffer.getvalue())
    _assert_error(junk_zip, CorruptLetter, "Word file")


def test_encrypted_pdf_needs_password(tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "plain.pdf", ["1. 428"])
    locked = encrypt(plain, tmp_path / "locked.pdf", user_password="s3cret")
    _assert_error(locked, EncryptedPdf, "encrypted")


def test_encrypted_pdf_with_empty_user_password_loads(tmp_path: Path) -> None:
    plain = make_pdf(tmp_path / "plain.pdf", ["1. 428 children"])
    opened = encrypt(plain, tmp_path / "owner-only.pdf", user_password="")
    assert "428 children" in load(opened).text


def test_image_only_pdf_with_ocr_off_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RHI_LLM_OCR", "no")
    path = make_image_only_pdf(tmp_path / "scan.pdf")
    _assert_error(path, NeedsOcr, "OCR is switched off")


def test_blank_pdf_is_empty_not_a_scan(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as out:
        writer.write(out)
    _assert_error(path, EmptyLetter, "no text and nothing drawn")


def test_unreadable_encoding(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 8)
    _assert_error(path, UnreadableEncoding, "readable text")
    bad_bom = tmp_path / "bad-bom.txt"
    bad_bom.write_bytes(b"\xff\xfe" + b"\x00\xd8")  # UTF-16 lone surrogate
    _assert_error(bad_bom, UnreadableEncoding, "utf-16")


def test_missing_file(tmp_path: Path) -> None:
    _assert_error(tmp_path / "nowhere.txt", LetterError, "no such file")


# -- defects found by the bad-inputs benchmark (rhi_llm/bench/bad_inputs.py) -------------------


def test_time_limit_holds_in_a_parser_that_catches_exception() -> None:
    """pypdf catches `Exception` around each form on a page: the limit's signal must not be
    one it can catch, or reading goes on with no limit."""
    started = time.perf_counter()
    with pytest.raises(LoadTimeout) as caught, time_limit(0.2, "slow.pdf"):
        while time.perf_counter() - started < 10:
            with contextlib.suppress(Exception):  # what pypdf does around each form
                time.sleep(0.01)
    assert time.perf_counter() - started < 1.5
    assert str(caught.value).startswith("slow.pdf: reading the file took over 0.2 s")


def test_docx_refused_by_unpacked_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = docx.Document()
    document.add_paragraph("1. 428 children")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/padding.xml", b" " * 2_000_000)  # ~2 KB packed
    path = tmp_path / "padded.docx"
    path.write_bytes(buffer.getvalue())
    assert "428 children" in load(path).text
    monkeypatch.setattr(letters, "MAX_DOCX_XML", 1_000_000)
    _assert_error(path, LetterTooLarge, "MB of it text and layout); a reply letter is far smaller")


def test_html_with_a_bogus_or_utf16_meta_charset(tmp_path: Path) -> None:
    for charset in ("undefined", "utf-16", "x-unknown"):
        path = tmp_path / f"{charset}.html"
        head = f'<html><head><meta charset="{charset}"></head>'
        path.write_bytes((head + "<body><p>Q1: 215 £</p></body></html>").encode())
        assert load(path).text == "Q1: 215 £\n", charset


@pytest.mark.slow
def test_eml_with_an_unknown_charset_or_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "charset.eml"
    for charset in ("x-unknown", "undefined"):
        path.write_bytes(
            f"From: foi@council.example\nSubject: FOI 9\nContent-Type: text/plain; "
            f'charset="{charset}"\n\nQ1: 215\n'.encode()
        )
        assert "Q1: 215" in load(path).text
    deep = tmp_path / "deep.eml"
    parts = [f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}' for i in range(1500)]
    deep.write_text("From: a@example.org\n" + "\n".join(parts) + "\n\nQ1: 215\n")
    _assert_error(deep, CorruptLetter, "nested too deeply")


def test_pdf_message_leaves_out_raw_bytes(tmp_path: Path) -> None:
    """pypdf quotes the bytes around a bad object (b'...', the file's own content)."""
    body = b"%PDF-1.7\n"
    catalog = len(body)
    body += b"1 0 obj\n`junk\nendobj\n"
    xref = len(body)
    body += b"xref\n0 2\n0000000000 65535 f \n%010d 00000 n \n" % catalog
    body += b"trailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path = tmp_path / "broken.pdf"
    path.write_bytes(body)
    with pytest.raises(CorruptLetter) as caught:
        load(path)
    message = str(caught.value)
    assert "the PDF is damaged (Invalid Elementary Object starting with ..." in message
    assert "b'" not in message and 'b"' not in message


def test_eml_with_a_binary_body_is_not_read_as_a_letter(tmp_path: Path) -> None:
    import base64
    import random

    noise = random.Random(7).randbytes(3000)
    path = tmp_path / "binary.eml"
    path.write_bytes(
        b"From: foi@council.example\nSubject: FOI 12\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(noise)
    )
    _assert_error(path, UnreadableEncoding, "body is not readable text")
    links = tmp_path / "links.eml"  # a real reply full of links and symbols still loads
    links.write_text(
        "From: foi@council.example\nSubject: FOI 12\n\n"
        + "See https://council.example/foi?id=12&page=3#q2 (£25; 40% = 8/20 @ 9:00).\n" * 50
        + "Q1: 215 children\n"
    )
    text = load(links).text  # no charset given: its UTF-8 bytes are read as UTF-8
    assert "Q1: 215 children" in text and "(£25; 40%" in text


# -- folders: links that leave them, links that read a letter twice --------------------------


REPLY = "Dear requester,\n1. Children reported missing: 215\n2. Incidents: 640\n"


def _folder_with_links(tmp_path: Path) -> Path:
    """A letters folder whose links lead out of it in every way a folder can hide one."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-OUTSIDE 999")
    folder = tmp_path / "letters"
    (folder / "sub").mkdir(parents=True)
    (folder / "reply.txt").write_text(REPLY)
    (folder / "to-secret.txt").symlink_to(outside / "secret.txt")  # a file outside
    (folder / "to-elsewhere").symlink_to(outside)  # a folder outside
    (folder / "sub" / "deep.txt").symlink_to(outside / "secret.txt")  # nested
    (folder / ".hop").symlink_to(outside / "secret.txt")
    (folder / "chain.txt").symlink_to(folder / ".hop")  # a link to a link that leaves
    (folder / "loop").symlink_to(tmp_path)  # a folder holding the folder itself
    (folder / "same.txt").symlink_to(folder / "reply.txt")  # inside, the same letter again
    (folder / "here").symlink_to(folder / "sub")  # a folder inside: read there
    (folder / "nowhere.txt").symlink_to(tmp_path / "gone.txt")
    return folder


def test_links_out_of_a_folder_are_not_followed_and_each_is_named(tmp_path: Path) -> None:
    folder = _folder_with_links(tmp_path)
    found, skipped = letters.scan_folders([folder])
    assert found == [folder / "reply.txt"]  # once, under its own name
    reasons = {s.path.relative_to(folder).as_posix(): s.reason for s in skipped}
    for name in ("to-secret.txt", "to-elsewhere", "sub/deep.txt", "chain.txt", "loop"):
        assert "leaves the folder" in reasons[name], (name, reasons)
    assert "read already" in reasons["same.txt"]
    assert "folder inside the folder" in reasons["here"]
    assert "broken or circular" in reasons["nowhere.txt"]
    assert all(str(s).startswith(str(s.path) + ": ") for s in skipped)  # one line naming it


def test_a_link_inside_the_folder_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    (folder / "replies").mkdir(parents=True)
    (folder / "replies" / ".kept-reply").write_text(REPLY)  # not listed on its own
    (folder / "reply.txt").symlink_to(folder / "replies" / ".kept-reply")
    (folder / "again.txt").symlink_to(folder / "reply.txt")
    found, skipped = letters.scan_folders([folder])
    assert found == [folder / "again.txt"]  # the first of the two links to it, only
    assert [s.path.name for s in skipped] == ["reply.txt"]
    assert "read already" in skipped[0].reason


def test_a_link_between_two_folders_named_is_not_a_second_copy(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "0-link.txt").symlink_to(second / "reply.txt")
    (second / "reply.txt").write_text(REPLY)
    found, skipped = letters.scan_folders([first, second])
    assert found == [second / "reply.txt"]
    assert [s.path.name for s in skipped] == ["0-link.txt"]


def test_a_link_named_directly_is_read(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text(REPLY)
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    found, skipped = letters.scan_folders([tmp_path / "link.txt"])
    assert found == [tmp_path / "link.txt"] and skipped == []
    assert "215" in load(tmp_path / "link.txt").text


# -- files that are not regular, or too large: refused before they are read -----------------


def _load_in_child(path: Path, seconds: float = 20.0) -> str:
    """Load ``path`` in a fresh interpreter; its one printed line (a hang fails the test)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\nfrom rhi_llm.letters import load\nfrom rhi_llm.core.errors import "
        "LetterError\ntry:\n    load(sys.argv[1]); print('loaded')\nexcept LetterError as e:"
        "\n    print(e)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=seconds,
        env=env,
    )
    return done.stdout.strip() + done.stderr.strip()


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "reply.txt"
    os.mkfifo(pipe)
    line = _load_in_child(pipe)
    assert (
        line == f"{pipe}: a named pipe (FIFO), not a letter file: rhi-llm reads only regular files"
    )


def test_a_device_behind_a_letter_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reply.txt").symlink_to("/dev/zero")
    with pytest.raises(LetterError, match=r"reply\.txt: a device, not a letter file"):
        load(tmp_path / "reply.txt")
    with pytest.raises(LetterError, match="a device"):
        letters.file_sha256(tmp_path / "reply.txt")


@pytest.mark.parametrize("name", ["huge.pdf", "huge.eml", "huge.txt"])
def test_a_huge_sparse_file_is_refused_by_its_size_unread(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(2**40)  # 1 TB of nothing: reading it would never end
    started = time.perf_counter()
    with pytest.raises(LetterTooLarge, match="are not read"):
        load(path)
    with pytest.raises(LetterTooLarge):
        letters.file_sha256(path)
    assert time.perf_counter() - started < 1.0


def test_a_text_file_over_its_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (letters.MAX_TEXT_BYTES + 1))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    with pytest.raises(LetterTooLarge, match="MB of text"):
        load(path)


def test_the_hash_of_a_file_is_read_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    path = tmp_path / "reply.txt"
    path.write_bytes(b"0123456789" * 1000)
    monkeypatch.setattr(letters, "HASH_CHUNK", 64)
    assert letters.file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert letters.file_sha256(path) == load(path).sha256


# -- file names that are not UTF-8 or hold escape sequences ---------------------------------


ODD_NAMES = [
    (b"caf\xe9.txt", "caf\\xe9.txt"),
    # a terminal hyperlink (OSC 8) around the name; a file name cannot hold a "/"
    (
        b"\x1b]8;;http:x.example\x07evil\x1b]8;;\x07.txt",
        "\\x1b]8;;http:x.example\\x07evil\\x1b]8;;\\x07.txt",
    ),
    (b"\x1b[2J.txt", "\\x1b[2J.txt"),
    ("bill\u202etxt.exe.txt".encode(), "bill\\u202etxt.exe.txt"),
    (b"tab\there\x9b.txt", "tab\\x09here\\x9b.txt"),
]


@pytest.mark.parametrize(("raw", "shown"), ODD_NAMES)
def test_an_odd_file_name_is_shown_escaped_and_the_file_read(
    tmp_path: Path, raw: bytes, shown: str
) -> None:
    import os

    from rhi_llm.core.text import shown_path

    real = Path(os.fsdecode(bytes(tmp_path) + b"/" + raw))
    real.write_text(REPLY)
    letter = load(real)
    assert letter.path == f"{tmp_path}/{shown}"
    assert letter.path.encode("utf-8") and letter.path.isprintable()
    assert shown_path(letter.path) == letter.path  # shown once, shown the same again
    real.write_bytes(b"")
    with pytest.raises(EmptyLetter) as caught:
        load(real)
    assert str(caught.value) == f"{tmp_path}/{shown}: the file is empty"


def test_printable_keeps_ordinary_names_and_lines_when_asked() -> None:
    from rhi_llm.core.text import printable

    assert printable("Leicester réponse №4 – 2018.pdf") == "Leicester réponse №4 – 2018.pdf"
    assert printable("a\nb\x1b[31m", lines=True) == "a\nb\\x1b[31m"
    assert printable("a\nb") == "a\\x0ab"
    assert printable("\U000e0041") == "\\U000e0041"


def test_an_attachment_with_an_odd_name_is_named_escaped(tmp_path: Path) -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "foi@council.example"
    message.set_content("Our reply is attached.\n")
    message.add_attachment(
        REPLY.encode(), maintype="text", subtype="plain", filename="\x1b[2Jfig\u202eures.txt"
    )
    message.add_attachment(
        b"\x00\x01", maintype="application", subtype="zip", filename="\x1b]x.zip"
    )
    path = tmp_path / "reply.eml"
    path.write_bytes(message.as_bytes())
    letter = load(path)
    assert letter.parts == ("e-mail", "\\x1b[2Jfig\\u202eures.txt")
    assert "\\x1b]x.zip (a format rhi-llm does not read)" in letter.text
    assert "\x1b" not in letter.text and "\u202e" not in letter.text


# -- invisible characters: taken out when read, and where they were kept --------------------


def test_every_unicode_format_character_is_taken_out() -> None:
    import sys
    import unicodedata

    every = "".join(
        chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"
    )
    assert normalise_text("a" + every + "b") == "ab"
    for hidden in "\u034f\u115f\u1160\u3164\uffa0":  # show as nothing, though not Cf
        assert normalise_text(f"1{hidden}2") == "12"


def test_bidirectional_controls_are_taken_out_and_their_stretch_kept() -> None:
    read = normalise_with_marks("There were \u202e512\u202c incidents.\nNext \u2067x")
    assert read.text == "There were 512 incidents.\nNext x"
    assert [read.text[a:b] for a, b in read.reordered] == ["512", "x"]
    assert read.hidden == (11, 14, 31)
    unclosed = normalise_with_marks("\u202eWe had 12 cases\nthen 40")
    assert [unclosed.text[a:b] for a, b in unclosed.reordered] == ["We had 12 cases"]
    plain = normalise_with_marks("\ufeffA letter with 512 and nothing hidden")
    assert plain.hidden == () and plain.reordered == ()


def _docx_with(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _eml_with(path: Path, text: str) -> Path:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "foi@council.example"
    message.set_content(text)
    path.write_bytes(message.as_bytes())
    return path


@pytest.mark.parametrize("kind", ["txt", "html", "docx", "eml"])
def test_a_letter_with_hidden_characters_records_where(tmp_path: Path, kind: str) -> None:
    line = "Header line\n1. Children reported missing: \u202e512\u202c and 6\u200b40 incidents\n"
    path = tmp_path / f"reply.{kind}"
    if kind == "txt":
        path.write_text(line)
    elif kind == "html":
        escaped = line.replace("\u202e", "&#x202E;").replace("\u202c", "&#x202c;")
        path.write_text(f"<html><body><p>{escaped.replace(chr(0x200B), '&#8203;')}</p></body>")
    elif kind == "docx":
        _docx_with(path, line)
    else:
        _eml_with(path, line)
    letter = load(path)
    assert "512 and 640 incidents" in letter.text
    assert not any(ch in letter.text for ch in "\u202e\u202c\u200b")
    figure = letter.text.index("512")
    assert [letter.excerpt(s) for s in letter.reordered] == ["512"]
    assert letter.hidden_at(Span(start=figure, end=figure + 3)) == figure
    split = letter.text.index("640")
    assert letter.hidden_at(Span(start=split, end=split + 3)) == split + 1
    header = letter.text.index("Header")
    assert letter.hidden_at(Span(start=header, end=header + 6)) is None
