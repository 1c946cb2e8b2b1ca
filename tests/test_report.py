"""The review report's HTML, read back with the standard library's parser.

Two pages are checked: a hand-made batch whose quotes overlap in every way (partly, exactly,
one inside another), whose letter text holds markup-like characters and which has a letter
without stored text; and the report of the bundled letters as `extract` stores them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.core.questionnaires import FIELDS
from rhi_llm.core.records import (
    LetterDocument,
    LetterRef,
    OutputField,
    OutputRow,
    Provenance,
    ReviewAction,
    ReviewDecision,
    Value,
)
from rhi_llm.core.types import Flag
from rhi_llm.report import render_report, report_from_store
from rhi_llm.store import open_store

from conftest import LETTERS

# --------------------------------------------------------------------------------------------
# A small DOM from html.parser, strict about nesting
# --------------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "h3",
    "p",
    "span",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "b",
    "code",
    "ul",
    "li",
    "br",
    "pre",
    "mark",
    "section",
}
VALID_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Page(HTMLParser):
    """The page as a tree; every end tag must close the element opened last."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.stack = [self.root]
        self.errors: list[str] = []
        self.feed(text)
        self.close()
        if len(self.stack) > 1:
            self.errors.append(f"unclosed: {[n.tag for n in self.stack[1:]]}")
        self.nodes = list(self.root.walk())
        self.ids: dict[str, Node] = {}
        self.duplicate_ids: list[str] = []
        for node in self.nodes:
            if "id" in node.attrs:
                if node.attrs["id"] in self.ids:
                    self.duplicate_ids.append(node.attrs["id"])
                self.ids[node.attrs["id"]] = node

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def find(self, tag: str) -> list[Node]:
        return [n for n in self.nodes if n.tag == tag]


def quote_at(page: Page, target: str) -> str:
    """The highlighted text a link target stands at: the mark with that id, or the marks of
    that field right after the anchor with that id (other anchors and page marks between)."""
    node = page.ids[target]
    if node.tag == "mark":
        return node.text()
    assert node.tag == "span" and "anchor" in node.classes(), f"#{target} is a <{node.tag}>"
    field_id = target.split("-", 1)[1]
    assert node.parent is not None
    siblings = node.parent.children
    at = next(i for i, child in enumerate(siblings) if child is node)
    pieces: list[str] = []
    for sibling in siblings[at + 1 :]:
        if (
            isinstance(sibling, Node)
            and sibling.tag == "span"
            and sibling.classes()
            & {
                "anchor",
                "pg",
            }
        ):
            continue
        if (
            isinstance(sibling, Node)
            and sibling.tag == "mark"
            and field_id in sibling.attrs.get("data-f", "").split()
        ):
            pieces.append(sibling.text())
            continue
        break
    assert pieces, f"no <mark> of {field_id} right after #{target}"
    return "".join(pieces)


def squeeze(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------
# A hand-made batch
# --------------------------------------------------------------------------------------------

TEXT = (
    'Dear <Requester> & "friends",\n\n'
    "Q4a: 1,207 incidents were reported. <script>alert('x')</script>\n"
    "Q5a: 1,141 interviews were offered; 806 accepted.\n"
    "    indented line & more\n"
    "Page two\n"
    "Q6a: not held\n"
)
PAGE_TWO = TEXT.index("Page two")


def span_of(quote: str, text: str = TEXT) -> list[int]:
    start = text.index(quote)
    return [start, start + len(quote)]


def count_field(value: int, quote: str, **extra: object) -> OutputField:
    return OutputField.model_validate(
        {
            "value": value,
            "unit": "count",
            "status": "answered",
            "quote": quote,
            "span": span_of(quote),
            "page": 1,
            "verdict": "ok",
            **extra,
        }
    )


DISAGREE = Flag(code="consistent", message="rhi_completed (1,141) is more than <offered> & co")

ALPHA_FIELDS = {
    "missing_incidents": count_field(1207, "1,207 incidents"),
    "rhi_offered": count_field(
        1141, "1,141 interviews were offered", verdict="flagged", flags=[DISAGREE]
    ),
    # partly overlaps rhi_offered
    "rhi_accepted": count_field(806, "interviews were offered; 806 accepted"),
    # exactly the same words as rhi_offered
    "rhi_declined": count_field(
        335, "1,141 interviews were offered", verdict="flagged", flags=[DISAGREE]
    ),
    # inside rhi_offered
    "rhi_completed": count_field(1141, "1,141", verdict="flagged", flags=[DISAGREE]),
    # its quote is the markup-like text
    "lac_total": count_field(9, "<script>alert('x')</script>"),
    # crosses the page boundary
    "lac_missing_children": count_field(3, "line & more\nPage two"),
    "rhi_within_72h": OutputField(
        status="not_held", quote="not held", span=span_of("not held"), page=2, verdict="ok"
    ),
    # a span beyond the stored text: shown in the list of quotes
    "missing_children": OutputField(
        value=12,
        unit="count",
        status="answered",
        quote="twelve children",
        span=[5000, 5015],
        verdict="flagged",
        flags=[Flag(code="grounded", message="the quote is not in the letter")],
    ),
    "comments": OutputField(status="not_answered", verdict="missing"),
}

BETA_TEXT = "We received 40 reports. We refuse to say more."
BETA_FIELDS = {
    "missing_incidents": OutputField(
        value=40,
        unit="count",
        status="answered",
        quote="40 reports",
        span=span_of("40 reports", BETA_TEXT),
        verdict="flagged",
        flags=[Flag(code="aligned", message="the quote is outside the answer")],
    ),
    "rhi_offered": OutputField(
        status="refused", quote="We refuse", span=span_of("We refuse", BETA_TEXT), verdict="ok"
    ),
}


def make_row(council: str, sha: str, fields: dict[str, OutputField], pages: int = 1) -> OutputRow:
    return OutputRow(
        letter=LetterRef(path=f"letters/{sha}.txt", sha256=sha, format="txt", pages=pages),
        questionnaire="rhi-2018",
        council=council,
        fields=fields,
        provenance=Provenance(backend="rules", schema_version="1"),
    )


def decide(
    sha: str, field_id: str, action: ReviewAction, value: Value = None, **extra: str
) -> ReviewDecision:
    return ReviewDecision(
        letter_sha256=sha,
        letter_path=f"letters/{sha}.txt",
        field=field_id,
        action=action,
        value=value,
        reviewer="Ann <Lee>",
        decided_at="2025-01-01T00:00:00Z",
        **extra,
    )


ROWS = [
    # given out of order: the report sorts by council
    make_row("Carr & Co <Council>", "sha-c", {"missing_children": count_field(1, "Dear")}),
    make_row("Beta Council", "sha-b", BETA_FIELDS),
    make_row("Alpha Council", "sha-a", ALPHA_FIELDS, pages=2),
]
LETTER_OF = {"l1": ROWS[2], "l2": ROWS[1], "l3": ROWS[0]}  # by council
DECISIONS = {
    ("sha-a", "rhi_accepted"): decide("sha-a", "rhi_accepted", "correct", 810, unit="count"),
    ("sha-a", "rhi_declined"): decide("sha-a", "rhi_declined", "accept"),
    ("sha-a", "missing_incidents"): decide(
        "sha-a", "missing_incidents", "set_status", status="exempt"
    ),
}
DOCUMENTS: dict[str, LetterDocument | None] = {
    "sha-a": LetterDocument(sha256="sha-a", text=TEXT, page_starts=[0, PAGE_TWO]),
    "sha-b": None,
    "sha-c": LetterDocument(sha256="sha-c", text="Dear all,\nonly one answer."),
}


@pytest.fixture(scope="module")
def html_text() -> str:
    return render_report(ROWS, DECISIONS, DOCUMENTS)


@pytest.fixture(scope="module")
def page(html_text: str) -> Page:
    return Page(html_text)


# --------------------------------------------------------------------------------------------
# The bundled letters, through extract and the run store
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def eval_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report-store")
    db = folder / "run.db"
    args = ["extract", str(LETTERS), "--backend", "rules", "--workers", "1", "--quiet"]
    result = CliRunner().invoke(
        cli.app,
        [*args, "--db", str(db), "-o", str(folder / "rows.jsonl")],
        env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "RHI_LLM_CACHE": str(folder / "c")},
    )
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def eval_page(eval_db: Path) -> tuple[str, Page, list[OutputRow]]:
    with open_store(eval_db) as store:
        rows = store.current_rows()
        text = report_from_store(store)
    return text, Page(text), rows


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_page_is_well_formed_with_unique_valid_ids(page: Page) -> None:
    assert page.errors == []
    assert page.duplicate_ids == []
    assert all(VALID_ID.match(i) for i in page.ids), sorted(page.ids)


def assert_self_contained(html_text: str, page: Page) -> None:
    lowered = html_text.lower()
    for markup in ("<script", "<link", "<img", "<iframe", "@import", "url("):
        assert markup not in lowered
    assert {n.tag for n in page.nodes} <= ALLOWED_TAGS
    assert not [n for n in page.nodes if "src" in n.attrs]
    assert all(a.attrs["href"].startswith("#") for a in page.find("a"))


def test_page_is_self_contained(html_text: str, page: Page) -> None:
    assert_self_contained(html_text, page)
    assert "http" not in html_text  # this batch's letters name no web address


def test_every_link_has_its_target(page: Page) -> None:
    hrefs = [a.attrs["href"][1:] for a in page.find("a")]
    assert hrefs
    assert [h for h in hrefs if h not in page.ids] == []


def test_letters_are_sections_by_council_with_content_visibility(
    html_text: str, page: Page
) -> None:
    sections = page.find("section")
    assert [s.attrs["id"] for s in sections] == ["l1", "l2", "l3"]
    titles = [next(n for n in s.walk() if n.tag == "h2").text() for s in sections]
    assert titles == ["1. Alpha Council", "2. Beta Council", "3. Carr & Co <Council>"]
    assert all("contain-intrinsic-size" in s.attrs["style"] for s in sections)
    assert re.search(r"section\.letter \{[^}]*content-visibility: auto", html_text)


def test_flagged_cells_link_to_their_highlighted_quotes(page: Page) -> None:
    cells = [n for n in page.find("td") if "flag" in n.classes()]
    # rhi_offered and rhi_completed of Alpha (rhi_declined is decided), missing_children of
    # Alpha (quote listed), missing_incidents of Beta (no stored text)
    assert sorted(c.attrs["id"] for c in cells) == [
        "c1-missing_children",
        "c1-rhi_completed",
        "c1-rhi_offered",
        "c2-missing_incidents",
    ]
    for cell in cells:
        link = next(n for n in cell.walk() if n.tag == "a")
        target = link.attrs["href"][1:]
        letter, field_id = target.split("-", 1)
        assert quote_at(page, target) == LETTER_OF[letter].fields[field_id].quote


def test_every_quote_in_the_text_is_its_span(page: Page) -> None:
    for field_id, answer in ALPHA_FIELDS.items():
        if answer.span is None or answer.span[0] >= len(TEXT):
            continue
        start, end = answer.span
        assert quote_at(page, f"l1-{field_id}") == TEXT[start:end], field_id


def test_overlapping_quotes_give_flat_marks_and_whole_text(page: Page) -> None:
    pre = next(n for n in page.ids["l1"].walk() if n.tag == "pre")
    marks = [n for n in pre.walk() if n.tag == "mark"]
    assert marks
    assert not [m for m in marks if any(a.tag == "mark" for a in m.ancestors())]
    # the overlap itself: 'interviews were offered' is in both rhi_offered and rhi_accepted
    shared = [m for m in marks if {"rhi_offered", "rhi_accepted"} <= set(m.attrs["data-f"].split())]
    assert "".join(m.text() for m in shared) == "interviews were offered"
    inner = [m for m in marks if "rhi_completed" in m.attrs["data-f"].split()]
    assert [m.text() for m in inner] == ["1,141"]
    # nothing lost or added: the letter reads as stored (the <pre>'s first newline is markup)
    assert pre.text() == "\n" + TEXT


def test_letter_text_is_escaped_not_markup(html_text: str, page: Page) -> None:
    assert not page.find("script")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html_text
    assert "alert('x')" in page.ids["l1"].text()
    assert 'Dear <Requester> & "friends",' in page.ids["l1"].text()
    h2 = next(n for n in page.ids["l3"].walk() if n.tag == "h2")
    assert h2.text() == "3. Carr & Co <Council>"


def test_page_starts_are_marked(page: Page) -> None:
    marks = [n for n in page.ids["l1"].walk() if "pg" in n.classes()]
    assert [m.attrs["data-page"] for m in marks] == ["2"]


def test_reviewed_cells_are_marked_and_show_the_published_value(page: Page) -> None:
    corrected = page.ids["c1-rhi_accepted"]
    assert "rv" in corrected.classes() and "flag" not in corrected.classes()
    assert corrected.text() == "810corrected by Ann <Lee>"
    assert "extracted: 806" in corrected.attrs["title"]
    accepted = page.ids["c1-rhi_declined"]  # was flagged: the decision clears the colour
    assert "rv" in accepted.classes() and "flag" not in accepted.classes()
    assert accepted.text() == "335accepted by Ann <Lee>"
    status = page.ids["c1-missing_incidents"]
    assert {"rv", "wh"} <= status.classes()
    assert status.text() == "exemptstatus set by Ann <Lee>"


def test_cells_say_status_and_title_says_flags(page: Page) -> None:
    row = page.ids["c1-rhi_offered"].parent
    assert row is not None
    by_target = {a.attrs["href"]: td for td in page.find("td") for a in td.walk() if a.tag == "a"}
    assert by_target["#l1-rhi_within_72h"].text() == "not held"
    assert "wh" in by_target["#l1-rhi_within_72h"].classes()
    assert by_target["#l2-rhi_offered"].text() == "refused"
    title = page.ids["c1-rhi_offered"].attrs["title"]
    assert "figures disagree: rhi_completed (1,141) is more than <offered> & co" in title
    assert "not yet reviewed" in title
    not_answered = [td for td in row.children if isinstance(td, Node) and "na" in td.classes()]
    assert [td.text() for td in not_answered] == ["–"]


def column_heads(page: Page) -> list[Node]:
    return [th for th in next(n for n in page.nodes if n.tag == "thead").walk() if th.tag == "th"]


def test_only_fields_some_letter_has_are_columns(page: Page) -> None:
    heads = column_heads(page)
    assert heads[0].text() == "Letter"
    head = ["Letter", *(th.attrs["data-field"] for th in heads[1:])]
    assert "rhi_offered" in head and "comments" in head
    assert "provider" not in head and "ooa_comments" not in head
    # every row has one cell per column
    for tr in next(n for n in page.nodes if n.tag == "tbody").children:
        assert isinstance(tr, Node)
        assert len([c for c in tr.children if isinstance(c, Node)]) == len(head)


def test_flagged_fields_are_explained_in_their_letter(page: Page) -> None:
    listing = next(n for n in page.ids["l1"].walk() if "flagged" in n.classes())
    back = {a.attrs["href"] for a in listing.walk() if a.tag == "a"}
    assert {"#c1-rhi_offered", "#c1-rhi_completed", "#c1-rhi_declined"} <= back
    assert all(page.ids[h[1:]].tag in ("td", "span", "mark") for h in back)
    words = squeeze(listing.text())
    assert "figures disagree: rhi_completed (1,141) is more than <offered> & co" in words
    assert "quote not found in the letter as given: the quote is not in the letter" in words
    assert "accepted by Ann <Lee>" in words


def test_quotes_outside_the_text_and_letters_without_text(page: Page) -> None:
    # a span beyond the stored text: the mark in the list carries the id
    assert page.ids["l1-missing_children"].tag == "mark"
    assert quote_at(page, "l1-missing_children") == "twelve children"
    beta = page.ids["l2"]
    assert "was not stored" in beta.text()
    assert not [n for n in beta.walk() if n.tag == "pre"]
    assert quote_at(page, "l2-missing_incidents") == "40 reports"
    assert quote_at(page, "l2-rhi_offered") == "We refuse"


def test_report_of_the_bundled_letters(eval_page: tuple[str, Page, list[OutputRow]]) -> None:
    html_text, page, rows = eval_page
    assert page.errors == [] and page.duplicate_ids == []
    assert_self_contained(html_text, page)
    assert len(page.find("section")) == len(rows) == 18
    hrefs = [a.attrs["href"][1:] for a in page.find("a")]
    assert [h for h in hrefs if h not in page.ids] == []
    flagged = [td for td in page.find("td") if "flag" in td.classes()]
    assert len(flagged) == sum(f.verdict == "flagged" for r in rows for f in r.fields.values())
    assert flagged
    ordered = sorted(rows, key=lambda r: ((r.council or "").casefold(), r.letter.path))
    for cell in flagged:
        target = next(a for a in cell.walk() if a.tag == "a").attrs["href"][1:]
        letter, field_id = target.split("-", 1)
        row = ordered[int(letter[1:]) - 1]
        assert quote_at(page, target) == row.fields[field_id].quote
    # every quote with a span is highlighted in full (the verifier may have matched a
    # quote after normalising spaces, so compare without them)
    for number, row in enumerate(ordered, start=1):
        for field_id, answer in row.fields.items():
            if answer.span is not None and answer.quote:
                got = quote_at(page, f"l{number}-{field_id}")
                assert squeeze(got) == squeeze(answer.quote), (row.letter.path, field_id)


def test_generation_is_fast_for_400_letters(eval_db: Path) -> None:
    with open_store(eval_db) as store:
        base = store.current_rows()
        texts = {r.letter.sha256: store.document(r.letter.sha256) for r in base}
    rows: list[OutputRow] = []
    documents: dict[str, LetterDocument | None] = {}
    for n in range(400):
        original = base[n % len(base)]
        sha = f"{original.letter.sha256}-{n}"
        letter = original.letter.model_copy(update={"sha256": sha, "path": f"copy/{n}.txt"})
        rows.append(original.model_copy(update={"letter": letter}))
        documents[sha] = texts[original.letter.sha256]
    started = time.perf_counter()
    html_text = render_report(rows, {}, documents)
    seconds = time.perf_counter() - started
    assert html_text.count('<section class="letter"') == 400
    assert seconds < 5, f"{seconds:.2f}s for 400 letters"


# --------------------------------------------------------------------------------------------
# Words for people, ids for scripts
# --------------------------------------------------------------------------------------------


def test_column_heads_are_labels_with_the_id_beside(page: Page) -> None:
    """A header says the field in words; its id is a small second line, the tooltip and
    ``data-field``, for people who script against the page."""
    heads = column_heads(page)[1:]
    assert heads
    for th in heads:
        field_id = th.attrs["data-field"]
        label = FIELDS[field_id].label
        fid = [n for n in th.walk() if "fid" in n.classes()]
        assert [n.text() for n in fid] == [field_id]
        assert th.text() == label + field_id  # the label first, then the id's own line
        assert th.attrs["title"] == f"{field_id}: {label}"
        assert th.attrs["scope"] == "col"
    assert "return interviews offered" in [th.text().removesuffix("rhi_offered") for th in heads]


def test_cells_say_percentages_and_options_in_words() -> None:
    """What a percentage is of, and a choice's options, are named as a reader says them."""
    fields = {
        "rhi_completed": count_field(1141, "1,141"),
        "rhi_within_72h": OutputField(
            value=83.4, unit="percent", of="rhi_completed", status="answered", verdict="ok"
        ),
        "provider": OutputField(
            value=["local_authority_team", "youth_worker"], status="answered", verdict="ok"
        ),
        "measure_72h_units": OutputField(value="calendar_days", status="answered", verdict="ok"),
    }
    page = Page(render_report([make_row("Alpha Council", "sha-w", fields)], {}, {}))
    cells = {td.attrs["title"].split(":", 1)[0]: td.text() for td in page.find("td")}
    assert cells["rhi_within_72h"] == "83.4% of return interviews completed"
    assert cells["provider"] == "local authority team, youth worker"
    assert cells["measure_72h_units"] == "calendar days"
    assert not [t for t in cells.values() if "_" in t]


def test_highlights_name_their_fields_in_words(page: Page) -> None:
    marks = [m for m in page.find("mark") if m.attrs.get("data-f")]
    assert marks
    for mark in marks:
        labels = [FIELDS[f].label for f in mark.attrs["data-f"].split()]
        assert mark.attrs["data-l"] == "; ".join(labels)


def style_of(html_text: str) -> str:
    return html_text[html_text.index("<style>") + 7 : html_text.index("</style>")]


def print_rules(css: str) -> str:
    """The body of the stylesheet's ``@media print`` block."""
    start = css.index("@media print {") + len("@media print {")
    depth, at = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(css[at], 0)
        at += 1
    return css[start : at - 1]


def test_print_stylesheet_fits_the_table_to_the_page(html_text: str) -> None:
    css = style_of(html_text)
    assert re.search(r"@page \{[^}]*size: A4 landscape", css)
    printed = print_rules(css)
    assert re.search(r"table\.batch \{[^}]*width: 100%;[^}]*table-layout: fixed", printed)
    assert re.search(r"position: static", printed)  # nothing sticky on paper
    assert re.search(r"\.wrap \{[^}]*overflow: visible;[^}]*max-height: none", printed)
    assert re.search(r"pre\.text[^{]*\{ display: none", printed)  # letters' texts left out


def test_printed_page_says_what_it_leaves_out(page: Page) -> None:
    notes = [p for p in page.find("p") if "print-only" in p.classes()]
    assert len(notes) == 1 and "left out" in notes[0].text()
    hover = [p for p in page.find("p") if "screen-only" in p.classes()]
    assert hover and "hover" in hover[0].text()


def test_flagged_fields_repeat_their_quotes(page: Page) -> None:
    """On paper the letter's text is left out, so each flagged field shows its quote."""
    listing = next(n for n in page.ids["l1"].walk() if "flagged" in n.classes())
    quotes = [squeeze(n.text()) for n in listing.walk() if "fq" in n.classes()]
    # in the words around it, where the stored text holds it; else on its own
    in_context = (
        "“…incidents were reported. <script>alert('x')</script> Q5a: 1,141 interviews were "
        "offered; 806 accepted. indented line & more Page two Q6a: not…”"
    )
    assert in_context in quotes
    assert "“twelve children”" in quotes
    bold = [
        n.text() for n in listing.walk() if n.tag == "b" and n.parent and "fq" in n.parent.classes()
    ]
    assert bold.count("1,141 interviews were offered") == 2 and "1,141" in bold


def test_sticky_first_column_is_opaque_and_above_the_cells(html_text: str) -> None:
    css = style_of(html_text)
    rule = re.search(r"table\.batch tr > :first-child \{([^}]*)\}", css)
    assert rule, "no rule for the first column"
    body = rule.group(1)
    assert "position: sticky" in body and "left: 0" in body
    assert re.search(r"background: #fff", body)
    z_index = re.search(r"z-index: (\d+)", body)
    assert z_index
    z_first = int(z_index.group(1))
    others = [int(z) for z in re.findall(r"z-index: (\d+)", css)]
    head = re.search(r"table\.batch thead th \{[^}]*z-index: (\d+)", css)
    assert head and z_first > int(head.group(1))
    assert max(others) <= z_first + 1  # only the corner cell sits above it
    # collapsed borders belong to the table and scroll away from a sticky cell
    assert "border-collapse: separate" in css
