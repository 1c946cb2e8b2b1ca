"""Odd files met in real folders, end to end through the command line: links that leave the
folder, names that are not UTF-8 or hold terminal escapes, named pipes and huge files, and
letters whose figures hide behind invisible formatting characters."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from rhi_llm import cli

from conftest import LETTERS, REPO

runner = CliRunner()
OFFLINE = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}
# what must never reach a terminal from a file's name: C0 and C1 controls but line breaks
# and tabs, and bidirectional controls
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _odd_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "letters"
    folder.mkdir()
    letter = (LETTERS / "brackley-2024.txt").read_bytes()
    (Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt"))).write_bytes(letter)
    (folder / "\x1b]8;;http:x.example\x07reply\x1b]8;;\x07.txt").write_bytes(letter)
    (folder / "\x1b[2Jempty.txt").write_bytes(b"")
    (tmp_path / "secret.txt").write_text("SECRET-ELSEWHERE 999")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    return folder


def test_odd_names_are_stored_and_shown_escaped_and_links_out_skipped(tmp_path: Path) -> None:
    folder = _odd_folder(tmp_path)
    out, db = tmp_path / "rows.jsonl", tmp_path / "store.db"
    args = ["extract", str(folder), "--backend", "rules", "--db", str(db), "-o", str(out)]
    result = runner.invoke(cli.app, args, env=OFFLINE)
    assert result.exit_code == 1, result.output  # the empty file failed; the batch went on
    assert result.exception is None or isinstance(result.exception, SystemExit)
    printed = result.output
    assert not RAW_CONTROL.search(printed), repr(printed)
    assert f"skipped {folder}/link.txt: a link that leaves the folder" in printed
    assert f"error {folder}/\\x1b[2Jempty.txt: the file is empty" in printed
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["letter"]["path"]).name for r in rows) == [
        "\\x1b]8;;http:x.example\\x07reply\\x1b]8;;\\x07.txt",
        "caf\\xe9.txt",
    ]
    assert all(r["fields"]["missing_children"]["value"] == 215 for r in rows)
    with sqlite3.connect(db) as store:
        stored = dict(store.execute("SELECT path, status FROM letters").fetchall())
    assert stored == {
        f"{folder}/caf\\xe9.txt": "extracted",
        f"{folder}/\\x1b]8;;http:x.example\\x07reply\\x1b]8;;\\x07.txt": "extracted",
        f"{folder}/\\x1b[2Jempty.txt": "failed",
    }
    assert "SECRET" not in out.read_text(encoding="utf-8")
    again = runner.invoke(cli.app, args, env=OFFLINE)  # a rerun finds them in the store
    assert "already in the store (no call)" in again.output
    assert re.search(r"already in the store \(no call\)\s*│\s*2", again.output), again.output


def test_the_report_and_export_of_odd_names_hold_no_control_character(tmp_path: Path) -> None:
    folder = _odd_folder(tmp_path)
    db = tmp_path / "store.db"
    runner.invoke(cli.app, ["extract", str(folder), "--backend", "rules", "--db", str(db)])
    page, sheet = tmp_path / "report.html", tmp_path / "export.csv"
    assert runner.invoke(cli.app, ["report", "--db", str(db), "-o", str(page)]).exit_code == 0
    assert runner.invoke(cli.app, ["export", "--db", str(db), "-o", str(sheet)]).exit_code == 0
    for written in (page, sheet):
        text = written.read_text(encoding="utf-8-sig")
        assert "caf\\xe9.txt" in text
        assert not RAW_CONTROL.search(text.replace("\r", "")), written


def _extract_in_child(paths: list[Path], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`rhi-llm extract` in its own process, killed if it hangs (the test then fails)."""
    command = [sys.executable, "-m", "rhi_llm", "extract", "--backend", "rules", "-q"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "RHI_LLM_DB": str(tmp_path / "s.db")}
    return subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, timeout=60, env=env
    )


def test_a_named_pipe_and_a_huge_file_named_directly_fail_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    pipe = tmp_path / "reply.txt"
    os.mkfifo(pipe)
    huge = tmp_path / "reply.pdf"
    with huge.open("wb") as handle:
        handle.truncate(2**40)  # sparse: nothing on disk, a terabyte to read
    done = _extract_in_child([pipe, huge, LETTERS / "brackley-2024.txt"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        f"error {pipe}: a named pipe (FIFO), not a letter file: rhi-llm reads only regular files",
        f"error {huge}: the file is 1048576 MB; letters over 64 MB are not read",
    ]
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(r["letter"]["path"]).name for r in rows] == ["brackley-2024.txt"]


def _bidi_letter(tmp_path: Path) -> Path:
    text = (LETTERS / "brackley-2024.txt").read_text()
    assert "\n1. 215\n" in text
    path = tmp_path / "reordered.html"
    body = text.replace("\n1. 215\n", "\n1. &#x202E;512&#x202C;\n")
    path.write_text(f"<html><body><pre>{body}</pre></body></html>")
    return path


def test_a_figure_shown_reordered_by_a_bidi_control_is_flagged(tmp_path: Path) -> None:
    out, db = tmp_path / "rows.jsonl", tmp_path / "store.db"
    args = ["extract", str(_bidi_letter(tmp_path)), str(LETTERS / "brackley-2024.txt")]
    result = runner.invoke(
        cli.app, [*args, "--backend", "rules", "--db", str(db), "-o", str(out)], env=OFFLINE
    )
    assert result.exit_code == 0, result.output
    rows = {
        Path(r["letter"]["path"]).name: r["fields"]
        for r in map(json.loads, out.read_text().splitlines())
    }
    reordered = rows["reordered.html"]["missing_children"]
    assert reordered["value"] == 512 and reordered["quote"] == "512"
    assert [f["code"] for f in reordered["flags"]] == ["hidden_characters"]
    assert "invisible characters" in reordered["flags"][0]["message"]
    assert rows["reordered.html"]["missing_incidents"]["flags"] == []  # its neighbour: ok
    assert rows["brackley-2024.txt"]["missing_children"]["flags"] == []
    page = tmp_path / "report.html"
    assert runner.invoke(cli.app, ["report", "--db", str(db), "-o", str(page)]).exit_code == 0
    shown = page.read_text(encoding="utf-8")
    assert "\u202e" not in shown and "invisible characters around the figure" in shown


def test_a_mark_beside_a_figure_is_not_flagged_and_one_inside_it_is(tmp_path: Path) -> None:
    """Text pasted from a spreadsheet or a web form carries zero-width marks beside its
    figures, and those change nothing a reader sees (set Q, written blind, had them); a mark
    inside a figure may have split two numbers, and is flagged."""
    text = (LETTERS / "brackley-2024.txt").read_text()
    assert "\n1. 215\n" in text and "\n2. 640\n" in text
    pasted = text.replace("\n1. 215\n", "\n1. \u200b215\u200b\n").replace(
        "\n2. 640\n", "\n2. 6\u200b40\n"
    )
    path = tmp_path / "pasted.txt"
    path.write_text(pasted, encoding="utf-8")
    out = tmp_path / "rows.jsonl"
    args = ["extract", str(path), "--db", str(tmp_path / "s.db"), "-o", str(out)]
    assert runner.invoke(cli.app, args, env=OFFLINE).exit_code == 0
    fields = json.loads(out.read_text().splitlines()[0])["fields"]
    assert fields["missing_children"]["value"] == 215
    assert fields["missing_children"]["flags"] == []
    assert fields["missing_incidents"]["value"] == 640
    assert [f["code"] for f in fields["missing_incidents"]["flags"]] == ["hidden_characters"]


def test_a_figure_that_may_be_one_group_of_a_spaced_number_is_flagged(tmp_path: Path) -> None:
    """'1 482' pasted from a spreadsheet that spaces thousands (no-break spaces, read as
    spaces) was read as 1, unflagged (set Q, written blind); whichever group a backend takes,
    it is now flagged."""
    text = (LETTERS / "brackley-2024.txt").read_text()
    assert "\n1. 215\n" in text
    path = tmp_path / "spaced.txt"
    path.write_text(text.replace("\n1. 215\n", "\n1. 1\u00a0215\n"), encoding="utf-8")
    out = tmp_path / "rows.jsonl"
    args = ["extract", str(path), "--db", str(tmp_path / "s.db"), "-o", str(out)]
    assert runner.invoke(cli.app, args, env=OFFLINE).exit_code == 0
    fields = json.loads(out.read_text().splitlines()[0])["fields"]
    found = fields["missing_children"]
    assert found["value"] in (1, 215)
    assert "spaced_thousands" in [f["code"] for f in found["flags"]]
    assert fields["missing_incidents"]["flags"] == []  # 640, alone on its line
