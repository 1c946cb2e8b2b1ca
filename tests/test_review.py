"""The terminal review, driven through its input as a reviewer would type.

The run store is filled from the authored cassettes (hand-written model answers with
deliberate mistakes, see cassettes/README.md), so that there are flagged fields of every kind
to decide."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.bulk import run_bulk
from rhi_llm.export import write_export
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.progress import BatchProgress, Tally
from rhi_llm.review import (
    ReviewInputError,
    ReviewItem,
    options,
    parse_status,
    parse_value,
    question_heading,
    review_items,
)
from rhi_llm.store import open_store

from conftest import LETTERS

REPO = Path(__file__).resolve().parent.parent
CASSETTES = REPO / "cassettes" / "authored"
runner = CliRunner()


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the model backend's (replayed) extraction of five of our letters."""
    folder = tmp_path_factory.mktemp("letters")
    for name in (
        "westmarch-2024.txt",
        "northbridge-2018.txt",
        "thornbury-2018.txt",
        "kingsmere-2018.html",
        "larkfield-2024.html",
    ):
        shutil.copy(LETTERS / name, folder / name)
    backend = LlmBackend.replaying(CASSETTES)
    db = folder / "run.db"
    paths = sorted(folder.iterdir())
    with open_store(db) as store:
        tally = Tally(total=len(paths))
        run_bulk(
            [p for p in paths if p.suffix in (".txt", ".html")],
            backend,
            store,
            workers=1,
            concurrency=2,
            progress=BatchProgress(tally, "quiet", Console(quiet=True)),
        )
        assert tally.failed == 0
    return db


def fresh_copy(filled_store: Path, tmp_path: Path) -> Path:
    db = tmp_path / "review.db"
    with open_store(filled_store) as source:
        source.db.execute(f"VACUUM INTO '{db}'")
    return db


def answer_for(item: ReviewItem) -> str:
    """A correction a reviewer could type for this field."""
    if item.kind == "numeric":
        return "123"
    allowed = options(item.field_id)
    return allowed[0] if allowed else "As the council wrote it."


def review(db: Path, script: list[str], *extra: str) -> str:
    result = runner.invoke(
        cli.app,
        ["review", "--db", str(db), "--reviewer", "sam", *extra],
        input="".join(line + "\n" for line in script),
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def published(db: Path) -> dict[tuple[str, str], tuple[str, str, str, str]]:
    """(file, field) -> (review, value, status, extracted value) of every reviewed field, as
    the long CSV export shows them."""
    out = db.parent / "long.csv"
    with open_store(db) as store:
        write_export(store.current_rows(), store.decisions(), out, fmt="csv", long=True)
    with out.open(encoding="utf-8-sig") as handle:
        return {
            (Path(r["path"]).name, r["field"]): (
                r["review"],
                r["value"],
                r["status"],
                r["extracted_value"],
            )
            for r in csv.DictReader(handle)
            if r["review"] != "none"
        }


def test_a_scripted_session_is_interrupted_resumed_and_exported(
    filled_store: Path, tmp_path: Path
) -> None:
    db = fresh_copy(filled_store, tmp_path)
    with open_store(db) as store:
        items = review_items(store)
    assert len(items) >= 5, "the authored mistakes should give several flagged fields"
    first, second, third, fourth = items[0], items[1], items[2], items[3]

    # session 1: accept, a bad correction then a good one, skip, and the input ends
    shown = review(db, ["a", "c not-a-value", f"c {answer_for(second)}", "k"])
    assert "nothing recorded" in shown
    assert "recorded: accepted by sam" in shown
    assert "1 accepted, 1 corrected, 0 statuses set, 1 skipped" in shown

    # session 2 resumes at the first undecided field (the skipped one), sets statuses, goes
    # back to change the last decision, and quits
    shown = review(db, ["s e", "s r", "b", "s h", "q"])
    assert "Resuming: 2 of" in shown
    assert "3 statuses set" in shown

    expected = {
        (Path(first.path).name, first.field_id): ("accepted", "accepted"),
        (Path(second.path).name, second.field_id): ("corrected", "corrected"),
        (Path(third.path).name, third.field_id): ("status_set", "exempt"),
        (Path(fourth.path).name, fourth.field_id): ("status_set", "not_held"),
    }
    found = published(db)
    assert set(found) == set(expected)
    assert found[(Path(third.path).name, third.field_id)][2] == "exempt"
    assert found[(Path(fourth.path).name, fourth.field_id)][2] == "not_held"
    corrected = found[(Path(second.path).name, second.field_id)]
    assert corrected[0] == "corrected"
    if second.kind == "numeric":
        assert float(corrected[1]) == 123
        assert corrected[3] != "123"  # the extracted value is kept beside the correction
    accepted = found[(Path(first.path).name, first.field_id)]
    assert accepted[2] == first.field.status
    with open_store(db) as store:
        # every decision is a row of its own: the changed one was recorded twice
        assert store.counts()["review_decisions"] == 5


def test_the_screen_shows_the_question_flags_and_highlighted_quote(
    filled_store: Path, tmp_path: Path
) -> None:
    db = fresh_copy(filled_store, tmp_path)
    with open_store(db) as store:
        item = next(i for i in review_items(store) if i.field.span and i.kind == "numeric")
    shown = review(db, ["q"], "--field", item.field_id, "--council", item.council[:6])
    assert item.council in shown
    assert item.field_id in shown
    label, wording = item.questions()[0]
    assert f"{question_heading(label)}:" in shown and wording[:30] in shown
    assert f"Q{label}:" not in shown or label[0].isdigit()
    for flag in item.field.flags:
        assert flag.message[:40] in shown
    context = item.context()
    assert context is not None and context[2] is not None
    assert f"the letter, page {context[3]}" in shown
    assert (item.field.quote or "")[:20].split("\n")[0] in shown


def test_review_with_nothing_flagged_or_an_unknown_field(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    open_store(db).close()
    assert "No flagged field to review" in review(db, [])
    result = runner.invoke(cli.app, ["review", "--db", str(db), "--field", "nonsense"])
    assert result.exit_code == 2 and "unknown field" in result.stderr


def test_what_a_reviewer_may_type() -> None:
    assert parse_value("rhi_offered", "1,253") == (1253, "count", None)
    assert parse_value("rhi_offered", "87.7 %") == (87.7, "percent", None)
    assert parse_value("rhi_offered", "87.7% of missing_incidents") == (
        87.7,
        "percent",
        "missing_incidents",
    )
    assert parse_value("provider", "Third sector agency, local_authority_team") == (
        ["third_sector_agency", "local_authority_team"],
        None,
        None,
    )
    assert parse_value("comments", "  Said as written. ") == ("Said as written.", None, None)
    for field_id, bad in (
        ("rhi_offered", "lots"),
        ("rhi_offered", "-3"),
        ("rhi_offered", "12.5"),
        ("rhi_offered", "120%"),
        ("rhi_offered", "50% of nothing_like_it"),
        ("follow_up_support", "perhaps"),
        ("rhi_offered", ""),
    ):
        with pytest.raises(ReviewInputError):
            parse_value(field_id, bad)
    assert parse_status("Not held") == "not_held"
    with pytest.raises(ReviewInputError, match="not a status"):
        parse_status("unknown")


def test_the_spreadsheet_round_trip_from_the_command_line(
    filled_store: Path, tmp_path: Path
) -> None:
    db = fresh_copy(filled_store, tmp_path)
    sheet = tmp_path / "review.csv"
    result = runner.invoke(cli.app, ["review", "export", "--db", str(db), "-o", str(sheet)])
    assert result.exit_code == 0, result.output
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0])
    rows[0].update(decision="accept")
    rows[1].update(decision="correct", new_value="77")
    rows[2].update(decision="status", new_status="not held", reviewer="kim")

    def write(path: Path, table: list[dict[str, str]]) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(table)

    bad = tmp_path / "bad.csv"
    write(bad, [*rows[:3], {**rows[3], "decision": "correct", "new_value": "many"}])
    result = runner.invoke(
        cli.app, ["review", "import", str(bad), "--db", str(db), "--reviewer", "sam"]
    )
    assert result.exit_code == 1
    assert "line 5: new_value:" in result.stderr and "nothing was recorded" in result.stderr
    with open_store(db) as store:
        assert store.decisions() == {}

    good = tmp_path / "good.csv"
    write(good, rows)
    result = runner.invoke(
        cli.app, ["review", "import", str(good), "--db", str(db), "--reviewer", "sam"]
    )
    assert result.exit_code == 0, result.output
    assert "recorded 3 decisions" in result.stderr
    with open_store(db) as store:
        found = {
            (Path(p).name, f): d for (_, f), d in store.decisions().items() for p in [d.letter_path]
        }
    assert {(d.action, d.reviewer) for d in found.values()} == {
        ("accept", "sam"),
        ("correct", "sam"),
        ("set_status", "kim"),
    }
    corrected = next(d for d in found.values() if d.action == "correct")
    assert corrected.value == 77


def test_without_reviewer_the_session_says_the_name_it_records(
    filled_store: Path, tmp_path: Path
) -> None:
    db = fresh_copy(filled_store, tmp_path)
    result = runner.invoke(
        cli.app, ["review", "--db", str(db)], input="a\nq\n", env={"RHI_LLM_REVIEWER": "kim"}
    )
    assert result.exit_code == 0, result.output
    assert "decisions are recorded as kim (from RHI_LLM_REVIEWER" in result.stdout
    assert "recorded: accepted by kim" in result.stdout  # no prompt took the "a"
    shown = review(db, ["q"])  # with --reviewer: nothing to say
    assert "decisions are recorded as" not in shown
