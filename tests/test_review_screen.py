"""What the terminal review shows: the quote in view however long its line, words never cut,
a table figure with its column heading and row label, flags that blame no one wrongly,
question labels as printed, and the name decisions carry."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from rhi_llm.core.records import (
    LetterDocument,
    LetterRef,
    OutputField,
    OutputRow,
    Provenance,
    ReviewDecision,
)
from rhi_llm.core.terminal import PlainConsole
from rhi_llm.core.types import Flag
from rhi_llm.review import ReviewItem, question_heading
from rhi_llm.review_tui import HIGHLIGHT, ReviewSession, render_item

FLAG = (
    "the words around 1,458 say it counts something else entirely, so check carefully "
    "whether 1,458 really answers the question that was asked of the council"
)


def item_for(
    text: str, quote: str, value: float, field_id: str = "missing_incidents"
) -> ReviewItem:
    start = text.index(quote)
    row = OutputRow(
        letter=LetterRef(path="letters/long.html", sha256="ab" * 32, format="html", pages=1),
        questionnaire="rhi-2018",
        council="Testshire Council",
        provenance=Provenance(backend="rules", schema_version="1"),
    )
    found = OutputField(
        value=value,
        unit="count",
        status="answered",
        quote=quote,
        span=[start, start + len(quote)],
        page=1,
        flags=[Flag(code="aligned", message=FLAG)],
        verdict="flagged",
    )
    document = LetterDocument(sha256="ab" * 32, text=text)
    return ReviewItem(row, field_id, found, None, document)


def render(item: ReviewItem, width: int) -> tuple[str, str]:
    """What the screen shows at this width (as the CLI's console prints it), and the text
    drawn in the quote's highlight."""
    console = PlainConsole(width=width, file=io.StringIO(), soft_wrap=True)
    console.print(render_item(item))  # soft_wrap as the CLI has it: the screen must wrap anyway
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    marked = "".join(
        s.text
        for s in Console(width=width, file=io.StringIO()).render(render_item(item))
        if s.style is not None and s.style == Console().get_style(HIGHLIGHT)
    )
    return shown, marked


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9,']+", text)


def paragraph(figure_at: float) -> tuple[str, str]:
    """A letter whose answer is one 2,000-character line, the figure at a given place in it."""
    filler = [f"sentence{n} explains recording arrangements thoroughly." for n in range(40)]
    at = int(len(filler) * figure_at)
    quote = "1,458 missing incidents were reported"
    line = " ".join([*filler[:at], quote, *filler[at:]])
    assert len(line) > 2000
    return f"4a How many missing incidents?\n{line}\nYours sincerely", quote


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("where", [0.0, 0.5, 1.0])
def test_the_quote_of_a_long_line_is_in_view_and_no_word_is_cut(width: int, where: float) -> None:
    text, quote = paragraph(where)
    shown, marked = render(item_for(text, quote, 1458), width)
    assert " ".join(marked.split()) == quote  # the whole quote, highlighted
    flat = " ".join(shown.replace("│", " ").split())
    assert quote in flat
    known = set(words(text)) | set(words(FLAG)) | set(words(shown.split("why flagged")[0]))
    panel = shown.split("the letter, page 1")[1]
    cut = [w for w in words(panel) if w not in known and not w.startswith("sentence")]
    assert not cut, cut  # every word on screen is a whole word of the letter or the flag
    assert all(w in known for w in words(panel) if w.startswith("sentence"))
    assert len(shown.splitlines()) < 40  # a window, not the whole 2,000 characters


def test_flag_reasons_wrap_at_spaces() -> None:
    text, quote = paragraph(0.5)
    shown, _ = render(item_for(text, quote, 1458), 80)
    # no line is longer than the screen: a terminal left to wrap it would cut words in two
    assert max(len(line) for line in shown.splitlines()) <= 80
    flags = shown.split("why flagged:")[1].split("╭")[0]
    assert all(w in set(words(FLAG)) for w in words(flags))
    assert " ".join(flags.replace("-", " ", 1).split()) == FLAG


TABLE = (
    "4a Missing incidents, by year\n"
    "Measure | 2015/16 | 2016/17 | 2017/18\n"
    + "".join(f"Quarter {n} | {100 + n} | {200 + n} | {300 + n}\n" for n in range(1, 25))
    + "Missing incidents | 1,100 | 1,200 | 1,458\n"
    "Yours sincerely"
)


@pytest.mark.parametrize("width", [80, 100])
def test_a_table_figure_shows_its_column_heading_and_row_label(width: int) -> None:
    shown, _ = render(item_for(TABLE, "Missing incidents | 1,100 | 1,200 | 1,458", 1458), width)
    assert "in a table: column '2017/18', row 'Missing incidents'" in shown
    # the heading row is shown, though the letter's window is far below it
    assert "2015/16" in shown and "Measure" in shown
    shown, _ = render(item_for(TABLE, "1,200", 1200), width)
    assert "column '2016/17', row 'Missing incidents'" in shown


def test_letter_text_is_shown_not_obeyed() -> None:
    text = "Measure | [bold red]2017/18[/]\nMissing \x1b[31mincidents | 1,458\n"
    shown, _ = render(item_for(text, "1,458", 1458), 80)
    assert "[bold red]2017/18[/]" in shown and "\x1b[31m" not in shown and "\\x1b" in shown


def test_labels_in_words_are_not_glued_to_a_q() -> None:
    assert question_heading("4a") == "Q4a" and question_heading("6c(i)") == "Q6c(i)"
    assert question_heading("out-of-area 2c") == "Out-of-area 2c"
    item = item_for("2c offered: 44 children were offered an RHI", "44", 44, "ooa_rhi_offered")
    shown, _ = render(item, 80)
    assert "Out-of-area 2c:" in shown and "Qout-of-area" not in shown


def test_after_a_decision_the_flags_are_said_to_be_the_extracted_values() -> None:
    text, quote = paragraph(0.5)
    item = item_for(text, quote, 1458)
    item.decision = ReviewDecision(
        letter_sha256=item.sha256,
        letter_path=item.path,
        field=item.field_id,
        action="correct",
        value=52,
        unit="count",
        reviewer="sam",
        decided_at="2026-01-01T00:00:00Z",
    )
    shown, _ = render(item, 100)
    assert "why the extracted value was flagged (before the decision above)" in shown


class FakeStore:
    def __init__(self) -> None:
        self.decisions: list[ReviewDecision] = []

    def add_decisions(self, decisions: list[ReviewDecision]) -> int:
        self.decisions.extend(decisions)
        return len(decisions)


@pytest.mark.parametrize(
    ("typed", "recorded"),
    [([""], "root"), (["jo"], "jo"), (["bad\x1bname", "  kim "], "kim")],
)
def test_an_interactive_session_asks_the_name_once(typed: list[str], recorded: str) -> None:
    text, quote = paragraph(0.5)
    script = iter([*typed, "a"])
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(script)

    store = FakeStore()
    console = PlainConsole(width=100, file=io.StringIO())
    session = ReviewSession(
        store,  # type: ignore[arg-type]
        [item_for(text, quote, 1458)],
        "root",
        console,
        ask,
        name_from="your login name",
        confirm_name=True,
    )
    session.run()
    assert [d.reviewer for d in store.decisions] == [recorded]
    assert "[root]" in prompts[0]
    assert sum("your name" in p for p in prompts) == len(typed)
    assert f"decisions are recorded as {recorded}" in console.file.getvalue()  # type: ignore[attr-defined]


def test_a_session_off_a_terminal_says_the_name_and_asks_nothing() -> None:
    text, quote = paragraph(0.5)
    store = FakeStore()
    console = PlainConsole(width=100, file=io.StringIO())
    script = iter(["a"])
    ReviewSession(
        store,  # type: ignore[arg-type]
        [item_for(text, quote, 1458)],
        "kim",
        console,
        lambda prompt: next(script),
        name_from="from RHI_LLM_REVIEWER",
    ).run()
    assert [d.reviewer for d in store.decisions] == ["kim"]
    said = console.file.getvalue()  # type: ignore[attr-defined]
    assert "decisions are recorded as kim (from RHI_LLM_REVIEWER" in said
