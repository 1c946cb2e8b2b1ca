"""Tables in a letter's text: which lines are rows, where each cell stands, what heads them.

Councils put figures in tables more often than in sentences: a Word or web-page table (the
loaders write its rows as cells joined by " | "), a Markdown table, a table typed with spaces
in a plain-text e-mail, or a PDF table (written as " | " rows by the PDF loader when pdfplumber
finds one). `find_tables()` finds each one and gives its cells with their offsets in the
letter text, the row that heads its columns ("Q | Measure | 2016/17 | 2017/18"), and so, for
every figure in it, its row label and column header: the reading stage uses them to take the
year asked and the total row, and the verifier to flag the other year's column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rhi_llm.core.types import Table, TableCell

_SEPARATOR_ROW = re.compile(r"^[\s|:+=-]*$")
# what a heading cell may hold and still be a heading: years, periods, quarters, question
# numbers ("4a", "Q5"), never a figure
_HEADING_NUMBERS = re.compile(
    r"\b(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?\b|\bQ\d{1,2}\b|\b\d{1,2}[a-h]\b|"
    r"\b\d{1,3}\s*(?:hours?|hrs?|days?|weeks?|months?)\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"\d")


@dataclass(slots=True)
class _Row:
    start: int
    end: int
    cells: list[tuple[int, int]]  # offsets of each cell's text
    label_tail: str = ""  # the end of a row label wrapped onto a line of its own


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _pipe_cells(start: int, line: str) -> list[tuple[int, int]] | None:
    if "|" not in line or _SEPARATOR_ROW.match(line):
        return None
    cells: list[tuple[int, int]] = []
    position = 0
    parts = line.split("|")
    for index, part in enumerate(parts):
        stripped = part.strip()
        edge = index in (0, len(parts) - 1)
        if stripped or not edge:  # a Markdown row's outer bars leave empty edge parts
            lead = len(part) - len(part.lstrip())
            cells.append((start + position + lead, start + position + lead + len(stripped)))
        position += len(part) + 1
    return cells if len(cells) >= 2 else None


def _pipe_tables(text: str) -> list[Table]:
    tables: list[Table] = []
    rows: list[_Row] = []
    blank_run = 0

    def close() -> None:
        if len(rows) >= 2:
            tables.append(_make_table(text, rows, "pipe"))
        rows.clear()

    for start, line in _lines(text):
        if not line.strip():
            blank_run += 1
            if blank_run > 1:
                close()
            continue
        if _SEPARATOR_ROW.match(line) and "-" in line:
            blank_run = 0
            continue
        cells = _pipe_cells(start, line)
        if cells is None:
            close()
        else:
            row = _Row(start=start, end=start + len(line), cells=cells)
            if rows and len(cells) != len(rows[-1].cells) and (blank_run or _is_heading(text, row)):
                # after a blank line, or as a heading, a row of another width starts a table
                close()
            rows.append(row)
        blank_run = 0
    close()
    return tables


def _aligned_cells(start: int, line: str) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _SPACED.finditer(line)]


_SPACED = re.compile(r"\S+(?: \S+)*")  # runs of words one space apart: cells of a typed table
_RULE = re.compile(r"^[\s=_-]+$")


def _aligned_tables(text: str, taken: list[tuple[int, int]]) -> list[Table]:
    """Tables typed with spaces: three or more lines cut into two or more cells where two or
    more spaces fall (numbers may be right-aligned under their heading); a line of rules
    is skipped, and a line indented to a later column continues the cell above it."""
    tables: list[Table] = []
    block: list[tuple[int, str]] = []

    def close() -> None:
        table = _typed_table(text, block)
        if table is not None:
            tables.append(table)
        block.clear()

    lines = _lines(text)
    for position, (start, line) in enumerate(lines):
        if any(a <= start < b for a, b in taken) or not line.strip():
            close()
            continue
        cells = _aligned_cells(start, line)
        indent = len(line) - len(line.lstrip())
        continuing = bool(block) and len(cells) == 1 and indent >= 8
        # a row label wrapped onto a line of its own, between two rows ("Children looked
        # after at any time in the   1,187   1,214" / "year" / "Looked after ...   139")
        wrapped_label = (
            bool(block)
            and len(cells) == 1
            and indent < 8
            and position + 1 < len(lines)
            and len(_aligned_cells(lines[position + 1][0], lines[position + 1][1])) >= 2
            and len(_aligned_cells(*block[-1])) >= 2
        )
        if len(cells) >= 2 or continuing or wrapped_label or (block and _RULE.match(line)):
            block.append((start, line))
        else:
            close()
    close()
    return tables


def _typed_table(text: str, block: list[tuple[int, str]]) -> Table | None:
    rows = [(start, _aligned_cells(start, line)) for start, line in block if not _RULE.match(line)]
    if sum(len(cells) >= 2 for _, cells in rows) < 3:
        return None
    # columns: the character ranges the rows' cells cover, merged where they overlap
    spans = sorted(
        (a - start, b - start) for start, cells in rows if len(cells) >= 2 for a, b in cells
    )
    columns: list[list[int]] = []
    for a, b in spans:
        if columns and a <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], b)
        else:
            columns.append([a, b])

    def column_of(offset: int) -> int:
        for index, (a, b) in enumerate(columns):
            if offset < b:
                return index if offset >= a or index == 0 else index - 1
        return len(columns) - 1

    built: list[_Row] = []
    heading_rows = 0
    for start, cells in rows:
        if len(cells) == 1 and built and column_of(cells[0][0] - start) == 0:
            # a row label's wrapped end: it ends the label of the row above (in the cell's
            # words; the cell's offsets stay those of its first line)
            a, b = cells[0]
            built[-1].label_tail = f"{built[-1].label_tail} {text[a:b]}".strip()
            continue
        if len(cells) == 1 and built:
            # a continuation line runs on the last cell of the row above
            last = built[-1]
            last.cells[-1] = (last.cells[-1][0], cells[0][1])
            last.end = cells[0][1]
            continue
        row = _Row(start=start, end=cells[-1][1], cells=cells)
        if built and heading_rows == len(built) and heading_rows < 3 and _is_heading(text, row):
            heading_rows += 1
        elif not built and _is_heading(text, row):
            heading_rows = 1
        built.append(row)
    out: list[TableCell] = []
    heading: dict[int, list[tuple[int, int]]] = {}
    for index, row in enumerate(built):
        for a, b in row.cells:
            column = column_of(a - row.start)
            if index < heading_rows:
                heading.setdefault(column, []).append((a, b))
                continue
            number = index - heading_rows + (1 if heading_rows else 0)
            words = text[a:b] + (f" {row.label_tail}" if column == 0 and row.label_tail else "")
            out.append(TableCell(a, b, number, column, " ".join(words.split())))
    for column, parts in heading.items():
        words = " ".join(text[a:b] for a, b in parts)
        out.append(TableCell(parts[0][0], parts[-1][1], 0, column, " ".join(words.split())))
    out.sort(key=lambda c: (c.row, c.column))
    return Table(
        start=built[0].start,
        end=built[-1].end,
        cells=tuple(out),
        header_row=0 if heading_rows else None,
        kind="aligned",
    )


_PERIOD_CELL = re.compile(r"^\s*(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?\s*$")


def _is_heading(text: str, row: _Row) -> bool:
    """A row that names columns: words, years and question numbers, no figure."""
    cells = [text[a:b] for a, b in row.cells]
    if not any(re.search(r"[A-Za-z]", c) or _PERIOD_CELL.match(c) for c in cells):
        return False
    return not any(_FIGURE.search(_HEADING_NUMBERS.sub("", c)) for c in cells)


def _make_table(text: str, rows: list[_Row], kind: str) -> Table:
    """A table of " | " rows: each cell's column is its place in the row."""
    header = 0 if _is_heading(text, rows[0]) else None
    width = max(len(r.cells) for r in rows)
    cells: list[TableCell] = []
    for row_index, row in enumerate(rows):
        # a heading with fewer cells than the rows heads the columns on the right (its empty
        # corner cell is lost when the table is written out as text)
        shift = width - len(row.cells) if row_index == header else 0
        for cell_index, (a, b) in enumerate(row.cells, start=shift):
            cells.append(
                TableCell(start=a, end=b, row=row_index, column=cell_index, text=text[a:b].strip())
            )
    return Table(
        start=rows[0].start,
        end=rows[-1].end,
        cells=tuple(cells),
        header_row=header,
        kind="pipe",
    )


def find_tables(text: str) -> list[Table]:
    """Every table in the text, in order."""
    piped = _pipe_tables(text)
    aligned = _aligned_tables(text, [(t.start, t.end) for t in piped])
    return sorted([*piped, *aligned], key=lambda t: t.start)
