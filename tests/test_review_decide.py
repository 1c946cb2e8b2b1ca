"""The one function that reads, checks and records a decision (`review.record_decision`),
shared by the terminal review, the review sheet and the browser review."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.review import (
    DecisionConflict,
    ReviewInputError,
    ReviewItem,
    decide,
    record_decision,
    review_items,
)
from rhi_llm.store import open_store

from conftest import LETTERS

runner = CliRunner()


@pytest.fixture(scope="module")
def rules_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our letter with two flagged figures, extracted by the rules backend."""
    folder = tmp_path_factory.mktemp("decide")
    shutil.copy(LETTERS / "thornbury-2018.txt", folder / "thornbury-2018.txt")
    db = folder / "run.db"
    done = runner.invoke(cli.app, ["extract", str(folder), "--db", str(db), "--backend", "rules"])
    assert done.exit_code == 0, done.output
    return db


@pytest.fixture
def store_copy(rules_store: Path, tmp_path: Path) -> Path:
    db = tmp_path / "copy.db"
    with open_store(rules_store) as source:
        source.db.execute(f"VACUUM INTO '{db}'")
    return db


def first_item(db: Path) -> ReviewItem:
    with open_store(db) as store:
        items = review_items(store)
    assert items, "the letter should have flagged fields"
    return items[0]


def test_decide_reads_every_kind_of_decision(store_copy: Path) -> None:
    item = first_item(store_copy)
    assert decide(item, "a", "sam").action == "accept"
    corrected = decide(item, "correct", "sam", value="1,253", note="page 2")
    assert (corrected.action, corrected.value, corrected.unit, corrected.note) == (
        "correct",
        1253,
        "count",
        "page 2",
    )
    assert decide(item, "s", "sam", status="h").status == "not_held"
    assert decide(item, "status", "sam", status="exempt").status == "exempt"


@pytest.mark.parametrize(
    ("action", "value", "status", "reviewer", "says"),
    [
        ("c", "4x5", None, "sam", "is not a number"),
        ("c", "", None, "sam", "no value given"),
        ("s", None, "maybe", "sam", "is not a status"),
        ("z", None, None, "sam", "is not a decision"),
        ("a", None, None, "sa\x1bm", "control character"),
    ],
)
def test_decide_refuses_what_cannot_be_recorded(
    store_copy: Path, action: str, value: str | None, status: str | None, reviewer: str, says: str
) -> None:
    item = first_item(store_copy)
    with pytest.raises(ReviewInputError, match=says):
        decide(item, action, reviewer, value=value, status=status)


def test_record_decision_writes_at_once_and_refuses_a_stale_page(store_copy: Path) -> None:
    item = first_item(store_copy)
    with open_store(store_copy) as store:
        record_decision(store, item, "a", "sam", seen=0)
        latest = store.latest_decision(item.sha256, item.field_id)
        assert latest is not None
        first_id, first = latest
        assert (first.action, first.reviewer) == ("accept", "sam")
        # a second reviewer whose page still shows the field undecided is told, not obeyed
        with pytest.raises(DecisionConflict) as conflict:
            record_decision(store, item, "c", "kim", value="400", seen=0)
        assert conflict.value.theirs == first
        assert conflict.value.theirs_id == first_id
        assert conflict.value.mine.value == 400
        assert store.counts()["review_decisions"] == 1
        # told, kim decides that hers stands
        record_decision(store, item, "c", "kim", value="400", seen=first_id)
        assert store.decisions()[(item.sha256, item.field_id)].reviewer == "kim"
        assert store.counts()["review_decisions"] == 2
    # a bad value records nothing
    with open_store(store_copy) as store, pytest.raises(ReviewInputError):
        record_decision(store, item, "c", "kim", value="lots")
    with open_store(store_copy) as store:
        assert store.counts()["review_decisions"] == 2


def test_the_terminal_the_sheet_and_the_browser_all_write_through_one_function(
    store_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every decision reaches the store through `review.write_decisions`: a store whose
    one-decision insert is broken still takes decisions from all three ways of reviewing."""
    import csv
    import io

    from rich.console import Console

    from rhi_llm.review_csv import apply_review_csv, export_review_csv
    from rhi_llm.review_tui import ReviewSession
    from rhi_llm.store import Store

    def refused(*_: object) -> int:
        raise AssertionError("a decision written around review.write_decisions")

    monkeypatch.setattr(Store, "add_decision", refused)
    with open_store(store_copy) as store:
        items = review_items(store)
        assert len(items) >= 2
        # the terminal: accept the first field, then quit
        answers = iter(["a", "q"])
        console = Console(file=io.StringIO())
        ReviewSession(store, items, "sam", console, ask=lambda _: next(answers)).run()
        # the browser's way: a decision with the page's newest decision id
        latest = store.latest_decision(items[1].sha256, items[1].field_id)
        record_decision(store, items[1], "c", "kim", value="7", seen=latest[0] if latest else 0)
        # the sheet: a status on the first field again
        sheet = tmp_path / "review.csv"
        export_review_csv(store, sheet)
        with sheet.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        rows[0].update(decision="status", new_status="not held", reviewer="jo")
        with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        assert apply_review_csv(sheet, store).applied == 1
        assert store.counts()["review_decisions"] == 3
