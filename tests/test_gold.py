"""The gold set itself: every file validates, names a letter that exists, and every gold number
and quote is in its letter, so that a typo in the gold is caught here instead of being scored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rhi_llm.core.errors import GoldError
from rhi_llm.evaluate import check_gold
from rhi_llm.gold import GoldCase, load_gold_set, read_gold

from conftest import GOLD, LETTERS, SEEDS

GOLD_FILES = sorted(GOLD.glob("*.json"))
CASES = {case.path.name: case for case in load_gold_set(GOLD, LETTERS, SEEDS)}


def _case(path: Path) -> GoldCase:
    case = CASES[path.name]
    if case.missing and (case.gold.source == "seeds" or case.path.name.startswith("seed-")):
        pytest.skip(f"{path.name}: seed letter {', '.join(case.missing)} not found in {SEEDS}")
    return case


def test_the_gold_set_is_not_empty() -> None:
    assert len(GOLD_FILES) >= 10


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_file_validates(path: Path) -> None:
    gold = read_gold(path)
    assert gold.fields, f"{path.name} labels no field"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_names_letters_that_exist(path: Path) -> None:
    case = _case(path)
    assert case.missing == []
    assert len(case.letters) == 1 + len(case.gold.also)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_numbers_and_quotes_are_in_the_letter(path: Path) -> None:
    assert check_gold(_case(path)) == []


def _copy_westmarch(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    shutil.copy(LETTERS / "westmarch-2024.txt", gold_dir)
    data = json.loads((GOLD / "westmarch-2024.json").read_text(encoding="utf-8"))
    data["also"] = []
    return gold_dir, data


def test_a_gold_typo_is_caught(tmp_path: Path) -> None:
    gold_dir, data = _copy_westmarch(tmp_path)
    fields = data["fields"]
    assert isinstance(fields, dict)
    fields["missing_incidents"]["value"] += 1000  # a number the letter does not hold
    fields["missing_children"]["quote"] += " typo"  # a quote the letter does not hold
    (gold_dir / "westmarch-2024.json").write_text(json.dumps(data), encoding="utf-8")
    (case,) = load_gold_set(gold_dir, tmp_path, tmp_path)
    problems = check_gold(case)
    assert len(problems) == 2
    assert problems[0].startswith("westmarch-2024.json: missing_children: gold quote")
    assert "missing_incidents: gold value" in problems[1]
    assert "does not appear in the letter as a count" in problems[1]


def test_a_percent_labelled_as_a_count_is_caught(tmp_path: Path) -> None:
    gold_dir, data = _copy_westmarch(tmp_path)
    fields = data["fields"]
    assert isinstance(fields, dict)
    percents = [f for f, v in fields.items() if v.get("unit") == "percent"]
    assert percents, "westmarch has a percentage to relabel"
    fields[percents[0]].update({"unit": "count", "of": None, "quote": None})
    (gold_dir / "westmarch-2024.json").write_text(json.dumps(data), encoding="utf-8")
    (case,) = load_gold_set(gold_dir, tmp_path, tmp_path)
    assert check_gold(case) == [
        f"westmarch-2024.json: {percents[0]}: gold value "
        f"{fields[percents[0]]['value']:g} does not appear in the letter as a count"
    ]


def test_a_missing_letter_and_an_invalid_file_are_caught(tmp_path: Path) -> None:
    gold_dir, data = _copy_westmarch(tmp_path)
    data["also"] = ["westmarch-2024.rtf"]
    (gold_dir / "westmarch-2024.json").write_text(json.dumps(data), encoding="utf-8")
    (case,) = load_gold_set(gold_dir, tmp_path, tmp_path)
    assert check_gold(case) == ["westmarch-2024.json: letter westmarch-2024.rtf not found"]
    fields = data["fields"]
    assert isinstance(fields, dict)
    fields["missing_childen"] = {"value": 3, "unit": "count"}
    (gold_dir / "westmarch-2024.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GoldError, match="missing_childen: not a canonical field id"):
        load_gold_set(gold_dir, tmp_path, tmp_path)
