"""Spreadsheets (.xlsx, .xls, .ods, .csv) as text: one page per sheet, its name first, then
one line per row with the cells joined by " | ", as Word and web tables are written, so the
reading layer's table model gives each figure its row and column headers.

Empty rows and trailing empty cells are left out; a percentage cell is written as the
percentage it shows (0.42 formatted as a percentage is "42%"), a date as its ISO date, a whole
number without ".0". A formula's value is the one the spreadsheet saved; a formula never
calculated (no saved value) is written as "(formula: no saved value)", never as a guess.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from rhi_llm.core.errors import CorruptLetter, Encrypted, LetterError, LetterTooLarge
from rhi_llm.core.text import parser_message as _short
from rhi_llm.formats import damaged_as_corrupt

MAX_CELLS = 200_000  # a reply's spreadsheet has hundreds of cells; a data dump is not a letter
MAX_COLUMNS = 200
NO_SAVED_VALUE = "(formula: no saved value)"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _number(value: float, percent: bool = False) -> str:
    if percent:
        value *= 100
    if float(value).is_integer() and abs(value) < 1e15:
        text = str(int(value))
    else:
        text = f"{value:.10g}"
    return text + ("%" if percent else "")


def cell_text(value: object, *, percent: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number(float(value), percent)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return " ".join(str(value).split())


def rows_text(title: str | None, rows: Iterable[list[str]], path: str) -> str:
    """A sheet's rows as lines of cells joined by " | "."""
    lines = [f"Sheet: {title}"] if title else []
    cells = 0
    for row in rows:
        while row and not row[-1]:
            row.pop()
        if not any(row):
            continue
        cells += len(row)
        if cells > MAX_CELLS:
            raise LetterTooLarge(
                f"the spreadsheet holds over {MAX_CELLS:,} cells; a reply letter's is far smaller",
                path=path,
            )
        lines.append(" | ".join(row[:MAX_COLUMNS]))
    return "\n".join(lines)


# -- .xlsx ---------------------------------------------------------------------------------------


def xlsx_pages(data: bytes, path: str) -> list[str]:
    import openpyxl

    if data.startswith(OLE_MAGIC):
        raise Encrypted(
            "the spreadsheet is password-protected (an encrypted package); save it without a "
            "password",
            path=path,
        )
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except LetterError:
        raise
    except Exception as exc:  # openpyxl raises a wide range on junk packages
        raise CorruptLetter(f"the spreadsheet is damaged ({_short(exc)})", path=path) from None
    try:
        with damaged_as_corrupt(path, "the spreadsheet"):
            pages = []
            for sheet in values.worksheets:
                formula_rows = formulas[sheet.title].iter_rows()
                rows = _xlsx_rows(sheet.iter_rows(), formula_rows)
                pages.append(rows_text(sheet.title, rows, path))
            return pages
    finally:
        values.close()
        formulas.close()


def _xlsx_rows(rows: Iterable[Any], formula_rows: Iterator[Any]) -> Iterator[list[str]]:
    for row in rows:
        written = next(formula_rows, ())
        out: list[str] = []
        for column, cell in enumerate(row):
            value = getattr(cell, "value", None)
            if value is None and column < len(written):
                raw = getattr(written[column], "value", None)
                if isinstance(raw, str) and raw.startswith("="):
                    out.append(NO_SAVED_VALUE)
                    continue
            number_format = str(getattr(cell, "number_format", "") or "")
            out.append(cell_text(value, percent="%" in number_format))
        yield out


# -- .xls ----------------------------------------------------------------------------------------


def xls_pages(data: bytes, path: str) -> list[str]:
    import xlrd

    if not data.startswith(OLE_MAGIC):
        raise CorruptLetter("not an Excel 97-2003 .xls file (no OLE header)", path=path)
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise Encrypted(
                "the spreadsheet is password-protected; save it without a password", path=path
            ) from None
        raise CorruptLetter(f"the spreadsheet is damaged ({_short(exc)})", path=path) from None
    except Exception as exc:
        raise CorruptLetter(f"the spreadsheet is damaged ({_short(exc)})", path=path) from None
    try:
        with damaged_as_corrupt(path, "the spreadsheet"):
            pages = []
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                columns = range(min(sheet.ncols, MAX_COLUMNS))
                rows = (
                    [_xls_cell(book, sheet.cell(r, c)) for c in columns] for r in range(sheet.nrows)
                )
                pages.append(rows_text(sheet.name, rows, path))
            return pages
    finally:
        book.release_resources()


def _xls_cell(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except Exception:
            return cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return "#ERROR"
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    return cell_text(cell.value)


# -- .ods ----------------------------------------------------------------------------------------


def ods_pages(data: bytes, path: str) -> list[str]:
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow

    with damaged_as_corrupt(path, "the OpenDocument spreadsheet"):
        document = load(io.BytesIO(data))
        pages = []
        for table in document.spreadsheet.getElementsByType(Table):
            rows = _ods_rows(table.getElementsByType(TableRow), TableCell, path)
            pages.append(rows_text(str(table.getAttribute("name") or ""), rows, path))
        return pages


def _repeat(element: Any, attribute: str) -> int:
    try:
        return max(1, int(element.getAttribute(attribute) or 1))
    except (TypeError, ValueError):
        return 1


def _ods_rows(rows: Iterable[Any], cell_type: Any, path: str) -> Iterator[list[str]]:
    """Rows with their repeats expanded, where a repeat holds something (a spreadsheet pads
    its sheet with one empty row repeated a million times)."""
    produced = 0
    for row in rows:
        cells: list[str] = []
        for cell in row.childNodes:
            if getattr(cell, "qname", (None, None))[1] not in ("table-cell", "covered-table-cell"):
                continue
            text = _ods_cell(cell)
            count = _repeat(cell, "numbercolumnsrepeated")
            cells.extend([text] * min(count, MAX_COLUMNS))
            if len(cells) > MAX_COLUMNS:
                break
        while cells and not cells[-1]:
            cells.pop()
        repeats = _repeat(row, "numberrowsrepeated") if cells else 1
        for _ in range(repeats):
            produced += len(cells)
            if produced > MAX_CELLS:
                raise LetterTooLarge(
                    f"the spreadsheet holds over {MAX_CELLS:,} cells; a reply letter's is far "
                    "smaller",
                    path=path,
                )
            yield list(cells)


def _ods_cell(cell: Any) -> str:
    from odf import teletype

    kind = cell.getAttribute("valuetype")
    if kind == "percentage":
        try:
            return _number(float(cell.getAttribute("value")), percent=True)
        except (TypeError, ValueError):
            pass
    if kind == "float":
        try:
            return _number(float(cell.getAttribute("value")))
        except (TypeError, ValueError):
            pass
    return " ".join(teletype.extractText(cell).split())


# -- .csv ----------------------------------------------------------------------------------------


def csv_pages(text: str, path: str) -> list[str]:
    sample = text[:20000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = (
            [" ".join(cell.split()) for cell in row]
            for row in csv.reader(io.StringIO(text), dialect)
        )
        return [rows_text(None, rows, path)]
    except csv.Error as exc:
        raise CorruptLetter(f"the CSV file cannot be read ({_short(exc)})", path=path) from None
