"""Tables as tables: cells, row labels and column headings, in every form a letter has them,
and what the reading and the verifier make of a figure's place in one."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from rhi_llm.core.questionnaires import make_response
from rhi_llm.core.survey import Figure, Status, SurveyResponse, Unit
from rhi_llm.core.types import Letter
from rhi_llm.letters import load
from rhi_llm.meaning import other_year, part_of_period, row_marker
from rhi_llm.numbers import find_numbers
from rhi_llm.reading import read
from rhi_llm.tables import find_tables
from rhi_llm.verify import verify
from rhi_llm.wording import canonical, question_similarities


def _cells(text: str, table: int = 0) -> dict[str, tuple[str, str]]:
    """Each figure cell's text -> (row label, column heading)."""
    found = find_tables(text)[table]
    return {
        c.text: (found.row_label(c), found.column_header(c))
        for c in found.cells
        if c.row != found.header_row and c.text[:1].isdigit() and c.column > 0
    }


def test_a_word_table_row_knows_its_label_and_year() -> None:
    text = (
        "Q | Measure | 2022/23 | 2023/24\n"
        "4 | Looked after children who went missing | 99 | 104\n"
        "6 | Completed within 72 hours | 610 | 650\n"
    )
    cells = _cells(text)
    assert cells["104"] == ("4 Looked after children who went missing", "2023/24")
    assert cells["610"] == ("6 Completed within 72 hours", "2022/23")  # '72' is no figure cell


def test_a_heading_row_missing_its_corner_cell_heads_the_right_hand_columns() -> None:
    text = " | 2021/22 | 2022/23 | 2023/24\nChildren reported missing | 601 | 655 | 688\n"
    assert _cells(text)["688"] == ("Children reported missing", "2023/24")


def test_a_typed_table_with_right_aligned_numbers_and_a_two_line_heading() -> None:
    text = (
        "  Q   Measure                          Apr-Jun   Jul-Sep   2023/24\n"
        "                                         2023      2023     total\n"
        "  --  -------------------------------  -------   -------   -------\n"
        "  1   Individual children missing          151       167       402\n"
        "  2   Missing incidents reported           388       421     1,558\n"
    )
    cells = _cells(text)
    assert cells["151"] == ("1 Individual children missing", "Apr-Jun 2023")
    assert cells["1,558"] == ("2 Missing incidents reported", "2023/24 total")


def test_a_typed_table_cell_runs_on_to_an_indented_line() -> None:
    text = (
        "No  Question                    Response\n"
        "8   Within 72 hours             Not held - we record the date\n"
        "                                of the interview only\n"
        "9   Who provides interviews     A charity\n"
    )
    table = find_tables(text)[0]
    answers = [c.text for c in table.cells if c.column == 2 and c.row != table.header_row]
    assert answers == ["Not held - we record the date of the interview only", "A charity"]


def test_letterhead_lines_are_not_a_typed_table_of_figures() -> None:
    text = "Reference:   ABC-123\nDate:        3 May 2024\n\nDear Sir\n"
    assert all(len(t.cells) < 8 for t in find_tables(text))


def test_ruled_pdf_tables_keep_their_cells(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "Our figures for 1 April 2023 to 31 March 2024 are below.")
    with pdf.table() as table:
        for row in (
            ("Q", "Measure", "2022/23", "2023/24"),
            ("1", "Individual children reported missing", "598", "612"),
            ("2", "Missing incidents reported", "1,702", "1,840"),
        ):
            cells = table.row()
            for value in row:
                cells.cell(value)
    path = tmp_path / "ruled.pdf"
    pdf.output(str(path))
    letter = load(path)
    assert "2 | Missing incidents reported | 1,702 | 1,840" in letter.text
    reading = read(letter, questionnaire="rhi-2024")
    mention = next(m for m in reading.numbers if m.text == "1,702")
    assert other_year(reading, mention) == "2022/23"


def _letter(text: str) -> Letter:
    return Letter(path="t.txt", format="txt", text=text, sha256="0" * 64)


def test_quarter_rows_other_year_columns_and_row_numbers_are_told_apart() -> None:
    text = (
        "Figures for 1 April 2017 to 31 March 2018.\n\n"
        "Quarter | Missing incidents | Interviews offered\n"
        "Q1 Apr-Jun 2017 | 301 | 287\n"
        "Total 2017/18 | 1,214 | 1,154\n\n"
        "Q | Measure | 2016/17 | 2017/18\n"
        "7 | Offers declined | 358 | 379\n"
    )
    reading = read(_letter(text), questionnaire="rhi-2018")
    by_text = {m.text: m for m in reading.numbers}
    assert part_of_period(reading, by_text["301"]) is not None
    assert part_of_period(reading, by_text["1,214"]) is None
    assert other_year(reading, by_text["358"]) == "2016/17"
    assert other_year(reading, by_text["379"]) is None
    seven = next(m for m in reading.numbers if m.text == "7")
    assert row_marker(reading, seven)


def _response(**answers: Figure) -> SurveyResponse:
    return make_response({"council": "Test", "questionnaire": "rhi-2024", **answers})


def test_the_verifier_flags_a_quarter_or_another_year_taken_from_a_table() -> None:
    text = (
        "Dear Sir\n\nFigures for 1 April 2023 to 31 March 2024.\n\n"
        "Q | Measure | 2022/23 | 2023/24\n"
        "2 | Missing incidents reported | 1,702 | 1,840\n"
        "6 | Return interviews offered | 1,650 | 1,790\n\nYours faithfully\n"
    )
    reading = read(_letter(text), questionnaire="rhi-2024")
    right = Figure(value=1840, unit=Unit.COUNT, status=Status.ANSWERED, quote="1,840")
    wrong = Figure(value=1702, unit=Unit.COUNT, status=Status.ANSWERED, quote="1,702")
    ok = verify(reading, _response(missing_incidents=right)).fields["missing_incidents"]
    bad = verify(reading, _response(missing_incidents=wrong)).fields["missing_incidents"]
    assert ok.verdict == "ok"
    assert bad.verdict == "flagged"
    assert any("2022/23" in c.message for c in bad.checks if not c.passed)


def test_numbers_that_are_never_figures() -> None:
    kinds = {
        m.text: m.kind
        for m in find_numbers(
            "5. The team works 08:30 to 17:00; see Table 2 and note 3.\n"
            "7   Return interviews declined   84\n"
        )
    }
    assert kinds["5"] == "marker" and kinds["7"] == "marker"
    assert kinds["08"] == "time" and kinds["2"] == "reference" and kinds["3"] == "reference"
    assert kinds["84"] == "figure"


def test_wording_folds_synonyms_and_scores_the_right_question_highest() -> None:
    assert canonical("missing episodes") == canonical("missing incidents")
    assert canonical("children in care") == canonical("looked after")
    scores = question_similarities("rhi-2024", "Missing episodes of looked after children")
    assert max(scores, key=lambda k: scores[k]) == "5"
    scores = question_similarities("rhi-2024", "Return interviews offered")
    assert max(scores, key=lambda k: scores[k]) == "6"


def test_a_heading_of_another_width_starts_a_new_table() -> None:
    text = (
        "No. | Question | Response\n"
        "3 | Who delivered RHIs in 2013/14? | Not known.\n"
        "No. | Measure | Q1 | Q2 | Q3 | Q4 | Total 2017/18\n"
        "4a | Missing incidents | 40 | 45 | 37 | 39 | 161\n"
    )
    tables = find_tables(text)
    assert len(tables) == 2
    assert _cells(text, 1)["161"] == ("4a Missing incidents", "Total 2017/18")


def test_another_years_not_recorded_cell_does_not_withhold_the_year_asked() -> None:
    text = (
        "Freedom of Information response, reference 2291\n\n"
        "8. Of the interviews carried out, how many took place within 72 hours of the return?\n"
        " | 2021/22 | 2022/23 | 2023/24\n"
        "Completed within 72 hours | Not recorded | Not recorded | 1,049\n\n"
        "9. Who carries out return interviews in your area?\n\nThe council's Return Team.\n"
    )
    reading = read(
        Letter(path="t.txt", format="txt", text=text, sha256="0" * 64), questionnaire="rhi-2024"
    )
    from rhi_llm.extract.rules import extract_rules

    found = extract_rules(reading).answer("rhi_within_72h")
    assert isinstance(found, Figure) and found.value == 1049, found


def test_a_row_label_wrapped_onto_its_own_line_keeps_the_table_whole() -> None:
    text = (
        "Measure                                        2022/23     2023/24\n"
        "Children looked after at any time in the       1,187        1,214\n"
        "year\n"
        "Looked after children who went missing         139         151\n"
        "Missing incidents of looked after children     702         866\n"
    )
    (table,) = find_tables(text)
    cells = {(c.row, c.column): c.text for c in table.cells}
    assert table.header_row == 0 and cells[(0, 2)] == "2023/24"
    assert cells[(1, 0)] == "Children looked after at any time in the year"
    assert cells[(2, 0)] == "Looked after children who went missing" and cells[(2, 2)] == "151"
    assert cells[(3, 2)] == "866"
