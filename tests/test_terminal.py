"""Letter text is shown as it is, never run as terminal markup or escape sequences.

A letter (or a file name, or a model's answer) can hold rich markup such as ``[/]`` or
``[link=...]``, emoji codes, ESC sequences and bidirectional controls. Every console rhi-llm
prints through shows them as text, and no line of it can crash on them."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.core.terminal import PlainConsole, tag, visible

from conftest import LETTERS

runner = CliRunner()
HOSTILE = (
    "[/] [link=https://example.invalid/steal]click here[/link] :warning: [bold]x[/bold] "
    "\x1b]8;;https://example.invalid\x07linked\x1b]8;;\x07 \x1b[2J cleared \u202e215\u202c"
)


def test_visible_escapes_controls_bidi_and_undecodable_bytes() -> None:
    shown = visible("a\x1b[2Jb\u202e512\u202c\tc\nd" + "caf\udce9")
    assert shown == "a\\x1b[2Jb\\u202e512\\u202c\tc\nd" + "caf\\xe9"
    assert visible("plain [text] :smile:") == "plain [text] :smile:"


def test_a_plain_console_prints_markup_and_escapes_as_text() -> None:
    buffer = io.StringIO()
    console = PlainConsole(file=buffer, width=400, color_system=None)
    console.print(HOSTILE)
    console.print(tag("label", "red"), "[red]not red[/red]")
    printed = buffer.getvalue()
    assert "\x1b" not in printed and "\u202e" not in printed
    assert "[/] [link=https://example.invalid/steal]click here[/link] :warning:" in printed
    assert "[bold]x[/bold]" in printed and "\\x1b[2J cleared" in printed
    assert "label [red]not red[/red]" in printed


def hostile_letter(tmp_path: Path) -> Path:
    """One of our letters with markup and escapes at the start of its answers."""
    source = (LETTERS / "brackley-2024.txt").read_text(encoding="utf-8")
    letter = tmp_path / "hostile.txt"
    answers = source.replace("Our ref:", f"{HOSTILE}\nOur ref:")
    lines = answers.splitlines()
    marked = [f"[/]{line}" if line[:2].strip().rstrip(".").isdigit() else line for line in lines]
    letter.write_text("\n".join(marked) + "\n", encoding="utf-8")
    return letter


def test_load_shows_letter_text_as_written(tmp_path: Path) -> None:
    letter = hostile_letter(tmp_path)
    result = runner.invoke(cli.app, ["load", str(letter)])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "\x1b" not in result.output
    assert "[/]" in result.output  # an answer starting with a closing tag, shown as written


def test_errors_and_skipped_lines_name_files_as_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    odd = folder / "[bold]reply [red] :warning:.pdf"
    odd.write_bytes(b"not a pdf at all")
    result = runner.invoke(cli.app, ["extract", str(folder), "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 1
    assert "[bold]reply [red] :warning:.pdf" in result.output


def test_the_review_screen_shows_the_letter_as_written(tmp_path: Path) -> None:
    from rhi_llm.review import review_items
    from rhi_llm.review_tui import render_item
    from rhi_llm.store import open_store

    source = (LETTERS / "thornbury-2018.txt").read_text(encoding="utf-8")
    assert "\nQ5b:" in source  # two of its fields are flagged, their quotes on these lines
    letter = tmp_path / "thornbury-2018.txt"
    letter.write_text(source.replace("\nQ5b:", f"\n{HOSTILE}\nQ5b:"), encoding="utf-8")
    db = tmp_path / "r.db"
    assert runner.invoke(cli.app, ["extract", str(letter), "--db", str(db)]).exit_code == 0
    with open_store(db) as store:
        items = review_items(store)
    assert items, "the letter has flagged fields"
    buffer = io.StringIO()
    console = Console(file=buffer, width=300, color_system=None)  # a plain rich console too
    for item in items:
        console.print(render_item(item))
    printed = buffer.getvalue()
    assert "\x1b" not in printed and "\u202e" not in printed
    assert "[/] [link=https://example.invalid/steal]click here[/link] :warning:" in printed
    assert "[2J cleared" in printed  # the ESC before it went at load, as any control does
