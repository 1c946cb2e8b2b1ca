"""The review report: one static HTML page of a whole batch, for reading and checking it.

The page has two parts:

* the batch table: one row per letter, one column per survey field (those that some letter
  answers), each cell the figure as published (a reviewer's decision where there is one, see
  `records.reviewed`), coloured while it carries a flag nobody has decided on, marked once a
  reviewer has, and linked to its quote in the letter below; a cell's tooltip says the flags
  in plain words;
* one section per letter: where it came from, its flagged fields with their flags explained
  (each linked back to its cell), and the letter's own text with every quote highlighted.

Quotes may overlap (two fields quoting the same sentence), so the text is cut at every
quote's start and end and each piece is highlighted on its own, in flat ``<mark>`` elements
that never nest; an empty ``<span class="anchor" id="l3-rhi_offered">`` stands right before
the first piece of each quote and is what the table links to. Letters whose text the run
store does not hold show their quotes only.

Fields are named for people: a column's header is the field's label (its id is a small
second line, the tooltip and ``data-field``, for scripts), a percentage says what it is of
and a choice its options in words. The first column stays put when the table is scrolled
sideways and hides what passes under it.

Printed (``@media print``, A4 landscape), the page holds the whole table, every column on
the page (headers turned on their side, small type, words wrapped, nothing sticky), and
each letter's flagged fields with their quotes in the words around them; the letters' own
texts are left out and a note says so.

The page is self-contained (inline CSS, no script, nothing fetched) and stays light with
hundreds of letters: letter sections use ``content-visibility: auto``, so the browser lays out
only those near the viewport. It is built in one pass over each letter's text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from rhi_llm.core.questionnaires import FIELDS, questions_for_field
from rhi_llm.core.records import (
    LetterDocument,
    OutputField,
    OutputRow,
    ReviewDecision,
    ReviewedField,
    reviewed,
)
from rhi_llm.core.text import file_name
from rhi_llm.review import describe_value

if TYPE_CHECKING:
    from rhi_llm.store import Store

TITLE = "Return home interviews: review report"

STATUS_TEXT: dict[str, str] = {
    "not_held": "not held",
    "exempt": "exempt",
    "refused": "refused",
    "not_answered": "not answered",
}

FLAG_WORDS: dict[str, str] = {
    "grounded": "quote not found in the letter as given",
    "value_in_quote": "value not read from its quote",
    "aligned": "quote outside this question's answer",
    "status": "status in doubt",
    "consistent": "figures disagree",
    "derived": "count derived from a percentage",
    "backends_disagree": "extraction methods disagree",
    "chunks_disagree": "parts of the letter disagree",
    "read_by_ocr": "figure read from a scan with doubt",
    "free_text_not_in_letter": "words not found in the letter",
    "free_text_too_long": "text too long to be an answer",
    "hidden_characters": "invisible characters around the figure",
    "spaced_thousands": "may be part of a number spaced in thousands",
}

REVIEW_WORDS: dict[str, str] = {
    "accept": "accepted",
    "correct": "corrected",
    "set_status": "status set",
}

CELL_CHARS = 40  # of a free-text answer shown in a table cell (the tooltip has all of it)
QUOTE_CHARS = 300  # of a flagged field's quote repeated in its letter's list of flags
CONTEXT_CHARS = 60  # of the letter's text on either side of that quote

_CSS = """
body { font-family: sans-serif; margin: 1.5rem; color: #222; line-height: 1.4; }
h1 { margin-top: 0; }
.legend span { display: inline-block; padding: 0 0.4rem; margin-right: 0.5rem;
  border: 1px solid #ccc; }
.wrap { overflow: auto; max-height: 85vh; border: 1px solid #ccc; }
table.batch { border-collapse: separate; border-spacing: 0; font-size: 0.85em; }
table.batch th, table.batch td { border: solid #ddd; border-width: 0 1px 1px 0;
  padding: 0.2rem 0.4rem; white-space: nowrap; }
table.batch thead th { position: sticky; top: 0; background: #eee; z-index: 2;
  vertical-align: bottom; text-align: left; white-space: normal; min-width: 5em;
  max-width: 9em; }
table.batch .fid { display: block; font-weight: normal; font-size: 0.85em; color: #555;
  overflow-wrap: anywhere; }
.fid { font-size: 0.85em; color: #555; }
table.batch tr > :first-child { position: sticky; left: 0; z-index: 3; background: #fff;
  border-right: 2px solid #999; box-shadow: 3px 0 4px -2px rgba(0, 0, 0, 0.25);
  white-space: nowrap; }
table.batch thead tr > :first-child { z-index: 4; background: #eee; }
table.batch tbody th { text-align: left; font-weight: normal; }
.print-only { display: none; }
table.batch td a, .flagged a { color: inherit; }
.file { color: #666; font-size: 0.85em; margin-left: 0.5em; }
.flag { background: #ffd08a; }
.rv { background: #d9f0d3; }
.wh { color: #555; font-style: italic; }
.na { color: #aaa; }
.absent { background: #f6f6f6; }
.by { display: block; font-size: 0.8em; color: #2e6b2e; }
td:target { outline: 3px solid #c62828; outline-offset: -3px; }
section.letter { content-visibility: auto; contain-intrinsic-size: auto 60rem;
  border-top: 2px solid #bbb; margin-top: 2rem; }
.meta { color: #444; }
.flagged li { margin-bottom: 0.4rem; }
.flag-item { border-left: 4px solid #f0a030; padding-left: 0.4rem; }
.rv-item { border-left: 4px solid #7cb86a; padding-left: 0.4rem; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85em;
  background: #fcfcfc; border: 1px solid #eee; padding: 0.5rem; }
mark { background: #fff2a8; position: relative; }
mark:hover::after { content: attr(data-l); position: absolute; left: 0; bottom: 100%;
  background: #333; color: #fff; font-size: 0.8em; padding: 0 0.3rem; white-space: nowrap;
  z-index: 1; }
mark.flag { background: #ffc870; }
.anchor, mark[id] { scroll-margin-top: 30vh; }
table.batch td { scroll-margin: 3rem 0 0 16rem; }
.anchor:target + mark, .anchor:target + .anchor + mark,
.anchor:target + .anchor + .anchor + mark, .anchor:target + .anchor + .anchor + .anchor + mark,
mark:target { outline: 3px solid #c62828; }
.pg { display: block; color: #888; font-size: 0.8em; border-top: 1px dashed #bbb; }
.pg::before { content: "page " attr(data-page); }
.nodoc { color: #8a4b00; }
.fq { font-style: italic; }

@page { size: A4 landscape; margin: 10mm; }
@media print {
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  body { margin: 0; font-size: 9pt; line-height: 1.25; }
  .screen-only, pre.text { display: none; }
  .print-only { display: block; }
  a { color: inherit; text-decoration: none; }
  .wrap { overflow: visible; max-height: none; border: 0; }
  table.batch { width: 100%; table-layout: fixed; font-size: 6pt;
    border-top: 1px solid #bbb; border-left: 1px solid #bbb; }
  table.batch th, table.batch td, table.batch thead th, table.batch tr > :first-child {
    position: static;
    white-space: normal; overflow-wrap: anywhere; min-width: 0; max-width: none;
    padding: 1px 2px; box-shadow: none; border-color: #bbb; }
  table.batch thead tr > :first-child { width: 10%; vertical-align: bottom; }
  table.batch thead th .h { display: inline-block; writing-mode: vertical-rl;
    transform: rotate(180deg); text-align: left; }
  table.batch tbody th .file { display: block; margin-left: 0; }
  table.batch tr, .flagged li { break-inside: avoid; }
  section.letter { content-visibility: visible; margin-top: 1rem; }
  h2, h3 { break-after: avoid; }
  mark:hover::after { content: none; }
}
"""


@dataclass(frozen=True)
class _Cell:
    """One field of one letter as the report shows it."""

    field_id: str
    field: OutputField
    decision: ReviewDecision | None
    shown: ReviewedField  # what is published: the decision applied to the extraction
    target: str | None  # id of the quote's anchor, when the quote is shown
    cell_id: str

    @property
    def flagged(self) -> bool:
        return self.field.verdict == "flagged"

    @property
    def open_flag(self) -> bool:
        """Flagged and no reviewer has decided on it yet."""
        return self.flagged and self.decision is None


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _label(field_id: str) -> str:
    spec = FIELDS.get(field_id)
    return spec.label if spec is not None else field_id


def _option_words(field_id: str, value: str) -> str:
    """An option's value as a reader says it: its label, or its id with spaces."""
    spec = FIELDS.get(field_id)
    option = next((o for o in spec.options if o.value == value), None) if spec else None
    if option is None:
        return value
    return option.label or value.replace("_", " ")


def _value_words(field_id: str, value: object, unit: str | None, of: str | None) -> str:
    """A value in a reader's words: options and the field a percentage is of by their
    labels, not their ids ('83.4% of return interviews completed', 'youth worker')."""
    if isinstance(value, list):
        value = [_option_words(field_id, v) if isinstance(v, str) else v for v in value]
    elif isinstance(value, str):
        value = _option_words(field_id, value)
    words = describe_value(value, unit, None)
    if of and unit == "percent" and value is not None:
        words += f" of {_label(of)}"
    return words


def _short(text: str, limit: int = CELL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def flag_words(code: str) -> str:
    """A verifier check's code in plain words."""
    return FLAG_WORDS.get(code, code.replace("_", " "))


def _shown_text(cell: _Cell) -> str:
    """The published value as a table cell says it."""
    shown = cell.shown
    if shown.status != "answered":
        return (
            "–" if shown.status == "not_answered" else STATUS_TEXT.get(shown.status, shown.status)
        )
    return _short(_value_words(cell.field_id, shown.value, shown.unit, shown.of))


def _review_text(decision: ReviewDecision) -> str:
    return f"{REVIEW_WORDS[decision.action]} by {decision.reviewer}"


def _extracted_text(cell: _Cell) -> str:
    field = cell.field
    if field.status != "answered":
        return STATUS_TEXT.get(field.status, field.status)
    return _value_words(cell.field_id, field.value, field.unit, field.of)


def _cell_title(cell: _Cell, pages: int) -> str:
    """The tooltip of a table cell: the field, the value, the flags and the review."""
    field, decision, shown = cell.field, cell.decision, cell.shown
    lines = [f"{cell.field_id}: {_label(cell.field_id)}"]
    if shown.status == "answered":
        value = _value_words(cell.field_id, shown.value, shown.unit, shown.of)
        if value != _shown_text(cell):  # shortened in the cell
            lines.append(f"value: {value}")
    if field.derived is not None:
        lines.append(f"derived count: {field.derived.count:,} ({field.derived.arithmetic})")
    if field.flags:
        lines.append(
            "flagged: " + "; ".join(f"{flag_words(f.code)}: {f.message}" for f in field.flags)
        )
    if decision is not None:
        lines.append(f"reviewed: {_review_text(decision)} on {decision.decided_at}")
        if shown.review != "accepted":
            lines.append(f"extracted: {_extracted_text(cell)}")
        if decision.note:
            lines.append(f"note: {decision.note}")
    elif cell.flagged:
        lines.append("not yet reviewed")
    if field.alternatives:
        others = ", ".join(
            f"{k}: {_value_words(cell.field_id, v, None, None)}"
            for k, v in field.alternatives.items()
        )
        lines.append(f"other values: {others}")
    if field.page is not None and pages > 1:
        lines.append(f"quote on page {field.page}")
    return "\n".join(lines)


def _cell_html(cell: _Cell, pages: int) -> str:
    shown = cell.shown
    classes = []
    if cell.open_flag:
        classes.append("flag")
    elif shown.review != "none":
        classes.append("rv")
    if shown.status == "not_answered":
        classes.append("na")
    elif shown.status != "answered":
        classes.append("wh")
    text = _esc(_shown_text(cell))
    if cell.target is not None:
        text = f'<a href="#{cell.target}">{text}</a>'
    if cell.decision is not None:
        text += f'<span class="by">{_esc(_review_text(cell.decision))}</span>'
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    if cell.flagged or cell.decision is not None:  # a target for links back
        attrs += f' id="{cell.cell_id}"'
    return f'<td{attrs} title="{_esc(_cell_title(cell, pages))}">{text}</td>'


# --------------------------------------------------------------------------------------------
# A letter's text with its quotes highlighted
# --------------------------------------------------------------------------------------------


def _highlighted_text(
    text: str, quotes: Sequence[tuple[int, int, _Cell]], page_starts: Sequence[int]
) -> str:
    """The text, escaped, cut at every quote boundary and page start; each piece inside one
    or more quotes is a flat ``<mark>``, and each quote's anchor stands before its first
    piece. ``quotes`` are valid non-empty spans, in the order their anchors should come."""
    starts: dict[int, list[_Cell]] = {}
    ends: dict[int, list[_Cell]] = {}
    for start, end, cell in quotes:
        starts.setdefault(start, []).append(cell)
        ends.setdefault(end, []).append(cell)
    pages = {p: n for n, p in enumerate(page_starts, start=1) if 0 < p < len(text)}
    cuts = sorted({0, len(text), *starts, *ends, *pages})
    order = {cell.field_id: n for n, (_, _, cell) in enumerate(quotes)}
    active: dict[str, _Cell] = {}
    out: list[str] = []
    for here, after in pairwise(cuts):
        for cell in ends.get(here, ()):
            active.pop(cell.field_id, None)
        if here in pages:
            out.append(f'<span class="pg" data-page="{pages[here]}"></span>')
        for cell in starts.get(here, ()):
            active[cell.field_id] = cell
            out.append(f'<span class="anchor" id="{cell.target}"></span>')
        piece = _esc(text[here:after])
        if not active:
            out.append(piece)
            continue
        inside = sorted(active.values(), key=lambda c: order[c.field_id])
        names = " ".join(c.field_id for c in inside)
        labels = _esc("; ".join(_label(c.field_id) for c in inside))
        flag = ' class="flag"' if any(c.open_flag for c in inside) else ""
        out.append(f'<mark{flag} data-f="{names}" data-l="{labels}">{piece}</mark>')
    return "".join(out)


def _quote_list(cells: Sequence[_Cell]) -> str:
    """Quotes that cannot be shown in the letter's text: each with its own id on its mark."""
    items = []
    for cell in cells:
        flag = ' class="flag"' if cell.open_flag else ""
        quote = _esc(cell.field.quote or "")
        items.append(
            f'<li>{_esc(_label(cell.field_id))} <code class="fid">{cell.field_id}</code>: '
            f'<mark{flag} id="{cell.target}" data-f="{cell.field_id}" '
            f'data-l="{_esc(_label(cell.field_id))}">{quote}</mark></li>'
        )
    return f'<ul class="quotes">{"".join(items)}</ul>'


def _estimated_height(document: LetterDocument | None, flagged: int) -> str:
    """A guess at a letter section's height, so the page's scroll bar is about right before
    the browser has laid the section out (``contain-intrinsic-size``)."""
    lines = 0
    if document is not None:
        lines = document.text.count("\n") + len(document.text) // 110
    rem = 8 + 1.3 * lines + 3 * flagged
    return f"contain-intrinsic-size: auto {rem:.0f}rem"


# --------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Letter:
    number: int
    row: OutputRow
    document: LetterDocument | None
    cells: dict[str, _Cell]
    in_text: list[tuple[int, int, _Cell]]
    listed: list[_Cell]  # quotes shown in a list: text not stored, or span not in it

    @property
    def id(self) -> str:
        return f"l{self.number}"


def _letter(
    number: int,
    row: OutputRow,
    decisions: Mapping[tuple[str, str], ReviewDecision],
    document: LetterDocument | None,
) -> _Letter:
    sha = row.letter.sha256
    cells: dict[str, _Cell] = {}
    in_text: list[tuple[int, int, _Cell]] = []
    listed: list[_Cell] = []
    size = len(document.text) if document is not None else 0
    for field_id in FIELDS:
        decision = decisions.get((sha, field_id))
        field = row.fields.get(field_id)
        if field is None:
            if decision is None:
                continue
            field = OutputField()
        span = field.span
        placed = (
            document is not None
            and span is not None
            and len(span) == 2
            and 0 <= span[0] < span[1] <= size
        )
        has_quote = placed or bool(field.quote)
        cell = _Cell(
            field_id=field_id,
            field=field,
            decision=decision,
            shown=reviewed(field, decision),
            target=f"l{number}-{field_id}" if has_quote else None,
            cell_id=f"c{number}-{field_id}",
        )
        cells[field_id] = cell
        if placed and span is not None:
            in_text.append((span[0], span[1], cell))
        elif has_quote:
            listed.append(cell)
    return _Letter(number, row, document, cells, in_text, listed)


def _column_head(field_id: str) -> str:
    """A column's header: the field's label for people, its id (a small second line, the
    tooltip and ``data-field``) for those who script against the page."""
    label = _esc(_label(field_id))
    return (
        f'<th scope="col" data-field="{field_id}" title="{field_id}: {label}">'
        f'<span class="h">{label}<code class="fid">{field_id}</code></span></th>'
    )


def _table(letters: Sequence[_Letter], columns: Sequence[str]) -> str:
    head = "".join(_column_head(f) for f in columns)
    rows = []
    for letter in letters:
        council = _esc(letter.row.council or "(council not named)")
        file = _esc(file_name(letter.row.letter.path))
        cells = [
            _cell_html(letter.cells[f], letter.row.letter.pages)
            if f in letter.cells
            else '<td class="absent"></td>'
            for f in columns
        ]
        rows.append(
            f'<tr><th scope="row"><a href="#{letter.id}">{council}</a>'
            f'<span class="file">{file}</span></th>{"".join(cells)}</tr>'
        )
    return (
        '<div class="wrap"><table class="batch" id="batch"><thead><tr><th scope="col">Letter</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _quote_in_context(letter: _Letter, cell: _Cell) -> str:
    """A flagged field's quote, in bold among the words around it in the letter where the
    letter's text holds it (a bare "402" says little on paper), else on its own."""
    quote = f"<b>{_esc(_short(cell.field.quote or '', QUOTE_CHARS))}</b>"
    placed = next((q for q in letter.in_text if q[2] is cell), None)
    if placed is None or letter.document is None:
        return f'<span class="fq">“{quote}”</span>'
    text, (start, end) = letter.document.text, placed[:2]
    first, last = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    before_words = text[first:start].split()
    after_words = text[end:last].split()
    # the words cut in two at either end are left out
    before = " ".join(before_words[1:] if first > 0 else before_words)
    after = " ".join(after_words[:-1] if last < len(text) else after_words)
    # a space beside the quote only where the letter has one ("offered; 806", not "offered ;")
    gap_before = " " if text[start - 1 : start].isspace() else ""
    gap_after = " " if text[end : end + 1].isspace() else ""
    before = f"…{_esc(before)}{gap_before}" if before else ""
    after = f"{gap_after}{_esc(after)}…" if after else ""
    return f'<span class="fq">“{before}{quote}{after}”</span>'


def _flag_item(letter: _Letter, cell: _Cell) -> str:
    field = cell.field
    try:
        questions = questions_for_field(letter.row.questionnaire, cell.field_id)
    except ValueError:  # a questionnaire this version does not know
        questions = []
    asked = "; ".join(f"question {q.label}: {q.wording}" for q in questions)
    parts = [
        f'<a href="#{cell.cell_id}"><b>{_esc(_label(cell.field_id))}</b></a> '
        f'<code class="fid">{cell.field_id}</code>',
    ]
    if asked:
        parts.append(f" — {_esc(asked)}")
    value = f"extracted: {_esc(_extracted_text(cell))}"
    if field.quote:  # on paper, where the letter's text is left out, the quote is here
        value += f" from {_quote_in_context(letter, cell)}"
    if cell.target is not None:
        value += f' <span class="screen-only">(<a href="#{cell.target}">quote</a>)</span>'
    flags = "".join(
        f"<li><b>{_esc(flag_words(f.code))}</b>: {_esc(f.message)}</li>" for f in field.flags
    )
    if cell.decision is None:
        state = "not yet reviewed"
    else:
        state = _esc(_review_text(cell.decision))
        if cell.shown.review != "accepted":
            state += f": now {_esc(_shown_text(cell))}"
        if cell.decision.note:
            state += f" ({_esc(cell.decision.note)})"
    status = "flag" if cell.open_flag else "rv"
    return f'<li class="{status}-item">{"".join(parts)}<br>{value}; {state}.<ul>{flags}</ul></li>'


def _section(letter: _Letter) -> str:
    row, document = letter.row, letter.document
    flagged = [c for c in letter.cells.values() if c.flagged]
    council = _esc(row.council or "(council not named)")
    meta = (
        f"File <code>{_esc(row.letter.path)}</code> · questionnaire {_esc(row.questionnaire)}"
        f" · {row.letter.pages} page{'s' if row.letter.pages != 1 else ''}"
        f'<span class="screen-only"> · <a href="#batch">back to the table</a></span>'
    )
    parts = [
        f'<section class="letter" id="{letter.id}" '
        f'style="{_estimated_height(document, len(flagged))}">',
        f"<h2>{letter.number}. {council}</h2>",
        f'<p class="meta">{meta}</p>',
    ]
    if flagged:
        items = "".join(_flag_item(letter, c) for c in flagged)
        parts.append(f'<div class="flagged"><h3>Flagged fields</h3><ul>{items}</ul></div>')
    if document is None:
        parts.append(
            '<p class="nodoc">The letter\'s text was not stored in the run store, so only '
            "its quotes are shown.</p>"
        )
    elif letter.listed:
        parts.append('<p class="nodoc">These quotes could not be placed in the stored text:</p>')
    if letter.listed:
        parts.append(_quote_list(letter.listed))
    if document is not None:
        text = _highlighted_text(document.text, letter.in_text, document.page_starts)
        # a newline right after <pre> is dropped by the HTML parser: this one, not the text's
        parts.append(f'<pre class="text">\n{text}</pre>')
    parts.append("</section>")
    return "".join(parts)


def render_report(
    rows: Sequence[OutputRow],
    decisions: Mapping[tuple[str, str], ReviewDecision],
    documents: Mapping[str, LetterDocument | None],
) -> str:
    """The review report of a batch as one self-contained HTML page.

    ``decisions`` are the latest decision on each (letter sha256, field), as
    `Store.decisions` gives them; ``documents`` the stored text of each letter by sha256
    (missing or None: the letter's quotes are shown without its text). Letters are listed
    by council, then path.
    """
    ordered = sorted(rows, key=lambda r: ((r.council or "").casefold(), r.letter.path))
    letters = [
        _letter(n, row, decisions, documents.get(row.letter.sha256))
        for n, row in enumerate(ordered, start=1)
    ]
    used = {f for letter in letters for f in letter.cells}
    columns = [f for f in FIELDS if f in used]
    cells = [c for letter in letters for c in letter.cells.values()]
    flagged = sum(c.flagged for c in cells)
    waiting = sum(c.open_flag for c in cells)
    decided = sum(c.decision is not None for c in cells)
    summary = (
        f"{len(letters)} letter{'s' if len(letters) != 1 else ''} · {flagged} flagged "
        f"field{'s' if flagged != 1 else ''}, {waiting} awaiting review · {decided} "
        f"reviewer decision{'s' if decided != 1 else ''}."
    )
    legend = (
        '<p class="legend"><span class="flag">flagged, not yet reviewed</span>'
        '<span class="rv">reviewed</span><span class="wh">not held / exempt / refused</span>'
        '<span class="na">– not answered</span><span class="absent">not asked</span></p>'
        '<p class="screen-only">Each figure links to its quote in the letter; hover over a cell '
        "for its flags, over a highlight for the field(s) it answers.</p>"
        '<p class="print-only">Printed, this report holds the whole table and, for each letter, '
        "where it came from and its flagged fields with their quotes; the letters' own texts, "
        "with every quote highlighted, are left out: open the page in a browser to read "
        "them.</p>"
    )
    return "".join(
        [
            "<!DOCTYPE html>\n",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{TITLE}</title><style>{_CSS}</style></head><body>\n",
            f"<h1>{TITLE}</h1><p>{summary}</p>{legend}\n",
            _table(letters, columns),
            "\n",
            "\n".join(_section(letter) for letter in letters),
            "\n</body></html>\n",
        ]
    )


def report_from_store(store: Store) -> str:
    """The review report of everything current in a run store."""
    rows = store.current_rows()
    documents = {row.letter.sha256: store.document(row.letter.sha256) for row in rows}
    return render_report(rows, store.decisions(), documents)
