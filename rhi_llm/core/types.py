"""Core data types that travel between pipeline stages.

This module imports no stage of rhi-llm: loading, the question finder, the extractors, the
verifier and the store all import from here, never from each other's insides.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rhi_llm.core.text import file_name

_FIGURE_CELL = re.compile(r"^[<£~]?\s*\d")

LetterFormat = Literal[
    "pdf",
    "docx",
    "html",
    "txt",
    "md",
    "eml",
    "msg",
    "image",
    "xlsx",
    "xls",
    "ods",
    "csv",
    "odt",
    "rtf",
    "doc",
]
NumberKind = Literal[
    "figure",
    "year",
    "date",
    "statute",
    "money",
    "duration",
    "phone",
    "postcode",
    "reference",
    "address",
    "ordinal",
    "range",
    "page",
    "marker",
    "time",
]


class Span(BaseModel):
    """A half-open character interval ``[start, end)`` in a letter's normalised text."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]


class Letter(BaseModel):
    """One reply letter as normalised text, with where each page starts."""

    model_config = ConfigDict(frozen=True)

    path: str
    format: LetterFormat
    text: str
    sha256: str
    page_starts: tuple[int, ...] = Field(default=(0,), description="offset of each page's start")
    parts: tuple[str, ...] = Field(
        default=(),
        description="what each page is, where a letter has parts (an e-mail's body and its "
        "attachments: 'body', 'reply.pdf p2'); empty for a single document",
    )
    ocr_pages: tuple[int, ...] = Field(default=(), description="1-based pages read by OCR")
    ocr_confidence: tuple[float, ...] = Field(
        default=(), description="Tesseract's mean word confidence (0-100) of each OCR page"
    )
    doubtful: tuple[Span, ...] = Field(
        default=(),
        description="words read by OCR that hold a digit and were read with low confidence "
        "or beside letters a scan confuses with digits (l/I/O/S/B)",
    )
    hidden: tuple[int, ...] = Field(
        default=(),
        description="offsets in the text where invisible characters (bidirectional controls, "
        "zero-width marks, other format characters) were taken out when the letter was read",
    )
    reordered: tuple[Span, ...] = Field(
        default=(),
        description="stretches of the text that bidirectional controls (taken out) made a "
        "reader see in another order, such as '512' shown as '215'",
    )

    @property
    def pages(self) -> int:
        return len(self.page_starts)

    @property
    def name(self) -> str:
        return file_name(self.path)

    def page_of(self, offset: int) -> int:
        """1-based page holding character ``offset``."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def excerpt(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def hidden_at(self, span: Span) -> int | None:
        """Where ``span`` may have been shown otherwise than it reads: the first offset of it
        in a stretch that bidirectional controls reordered, or inside it where invisible
        characters were taken out (a number split by a zero-width space may have been two);
        None when neither. An invisible mark beside a figure, as text pasted from a
        spreadsheet or a web form carries, changes nothing a reader sees."""
        for stretch in self.reordered:
            if stretch.overlaps(span):
                return max(stretch.start, span.start)
        for offset in self.hidden:
            if span.start < offset < span.end:
                return offset
        return None

    def doubtful_in(self, span: Span) -> Span | None:
        """The first doubtful OCR word overlapping ``span``, if any."""
        for word in self.doubtful:
            if word.overlaps(span):
                return word
        return None


class LocatedQuestion(BaseModel):
    """Where one question of a questionnaire stands in a letter, and where its answer is."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(description="question key in the questionnaire table, e.g. '4a', 'ooa-2b'")
    label: str = Field(description="the question's number as the questionnaire prints it")
    marker: str = Field(description="the number or bullet as the letter wrote it, may be empty")
    question: Span = Field(description="the question's own text (or bare marker) in the letter")
    answer: Span = Field(description="the answer block: after the question, up to the next one")
    score: float = Field(description="how sure the finder is, 0..1")

    @property
    def by_order_only(self) -> bool:
        """Placed by its order between placed questions, no words matching (`ORDER_ONLY`)."""
        return self.score <= ORDER_ONLY


# the score of a question placed by its order alone, between questions placed by their words
ORDER_ONLY = 0.3


class QuestionMap(BaseModel):
    """The question finder's result: which questionnaire a letter answers and where."""

    model_config = ConfigDict(frozen=True)

    questionnaire: str
    confidence: float
    questions: tuple[LocatedQuestion, ...] = ()
    listing: Span | None = Field(
        default=None, description="where the letter lists the questions before answering them"
    )

    def get(self, key: str) -> LocatedQuestion | None:
        for question in self.questions:
            if question.key == key:
                return question
        return None


class CheckCode(StrEnum):
    GROUNDED = "grounded"
    VALUE_IN_QUOTE = "value_in_quote"
    ALIGNED = "aligned"
    STATUS = "status"
    CONSISTENT = "consistent"
    DERIVED = "derived"
    BACKENDS_DISAGREE = "backends_disagree"
    CHUNKS_DISAGREE = "chunks_disagree"
    READ_BY_OCR = "read_by_ocr"
    FREE_TEXT_NOT_IN_LETTER = "free_text_not_in_letter"
    FREE_TEXT_TOO_LONG = "free_text_too_long"
    METADATA = "metadata"
    HIDDEN_CHARACTERS = "hidden_characters"
    SPACED_THOUSANDS = "spaced_thousands"


class Check(BaseModel):
    """One verifier check on one field."""

    model_config = ConfigDict(frozen=True)

    code: CheckCode
    passed: bool
    message: str
    council: bool = Field(
        default=False,
        description="every figure involved is in its own answer: the inconsistency may be the "
        "letter's own (or a figure read from the wrong place in it)",
    )


class Flag(BaseModel):
    """A failed check as it appears in the output contract."""

    model_config = ConfigDict(frozen=True)

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number in a text: its value, offsets, and kind."""

    value: float
    start: int
    end: int
    text: str
    percent: bool
    kind: NumberKind
    in_words: bool = False

    @property
    def is_figure(self) -> bool:
        return self.kind == "figure"


@dataclass(frozen=True, slots=True)
class TableCell:
    """One cell of a table found in a letter: where its text stands, and its row and column."""

    start: int
    end: int
    row: int
    column: int
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table in a letter's text (Word, web page, Markdown, PDF or space-aligned), as cells
    with the header row that names its columns and the label that names each row."""

    start: int
    end: int
    cells: tuple[TableCell, ...]
    header_row: int | None  # the row naming the columns, when there is one
    kind: Literal["pipe", "aligned", "pdf"]

    def row_cells(self, row: int) -> list[TableCell]:
        return [c for c in self.cells if c.row == row]

    @property
    def rows(self) -> int:
        return 1 + max((c.row for c in self.cells), default=-1)

    def cell_at(self, offset: int) -> TableCell | None:
        for cell in self.cells:
            if cell.start <= offset < cell.end:
                return cell
        return None

    def column_header(self, cell: TableCell) -> str:
        """What the header row calls the cell's column ('' when there is no header)."""
        if self.header_row is None or cell.row == self.header_row:
            return ""
        for head in self.row_cells(self.header_row):
            if head.column == cell.column:
                return head.text
        return ""

    def row_label(self, cell: TableCell) -> str:
        """The words that name the cell's row: its cells before the first that holds a figure
        (the question number and wording, a quarter, 'Total')."""
        label: list[str] = []
        for other in self.row_cells(cell.row):
            if other.column >= cell.column or (label and _FIGURE_CELL.match(other.text)):
                break
            label.append(other.text)
        return " ".join(label)
