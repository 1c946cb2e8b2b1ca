"""`benchmarks.exports` (the "exports" part of `rhi-llm bench reliability`): hostile letters in
every export; no cell may run as a formula, and the count must see one when escaping is off."""

from __future__ import annotations

import pytest

from benchmarks import exports


def test_no_export_cell_runs_as_a_formula_and_figures_stay_numbers() -> None:
    figures = exports.run().as_json()
    assert set(figures["variants"]) >= {"=", "+", "-", "@", "leading spaces", "tab", "CR"}
    assert set(figures["by_export"]) == {
        "wide csv", "long csv", "extract csv", "review sheet",
        "wide xlsx", "long xlsx", "wide jsonl", "long jsonl",
    }  # fmt: skip
    assert figures["formula_cells"] == 0, figures["by_export"]
    # 3 figures a letter, in 7 exports (the review sheet's are not counted)
    assert figures["numbers"] == 7 * 3 * len(figures["variants"])
    assert figures["numbers_numeric"] == figures["numbers"]
    assert figures["texts"] > 0 and figures["texts_exact"] == figures["texts"]
    rows = {row.figure: row for row in exports.table_rows(figures)}
    assert rows["cells a spreadsheet runs as formulas"].met is True
    assert all(row.met is not False for row in rows.values())


def test_the_count_sees_formulas_when_cells_are_not_escaped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import rhi_llm.export
    import rhi_llm.review_csv

    monkeypatch.setattr(rhi_llm.export, "protect", lambda text: text)
    monkeypatch.setattr(rhi_llm.review_csv, "protect", lambda text: text)
    figures = exports.run().as_json()
    by_export = figures["by_export"]
    for name in ("wide csv", "long csv", "extract csv", "review sheet"):
        assert by_export[name]["formula_cells"] > 0, name
    assert by_export["wide xlsx"]["formula_cells"] == 0  # xlsx never needed the apostrophe
    rows = {row.figure: row for row in exports.table_rows(figures)}
    assert rows["cells a spreadsheet runs as formulas"].met is False


def test_the_spreadsheet_rule_of_the_count() -> None:
    runs = exports.runs_in_a_spreadsheet
    for cell in ("=1", "+1+1", "-2+3", "@x", "  =1", "\n=1", "\tplain", "\rplain"):
        assert runs(cell), repr(cell)
    for cell in ("-3", "12.5", "-1,253.5", "87.7%", "'=1", "plain", "", "a=b"):
        assert not runs(cell), repr(cell)
