"""The batch summary, checked against a hand-computed example of five fictional councils.

Every expected number below is worked out by hand in the comments, not by the code under test.

| council (file)            | offered           | completed            | within 72h         |
|---------------------------|-------------------|----------------------|--------------------|
| Ashford Vale (ashford)    | 87.7 counts       | 87.8 counts          | 80.0 counts        |
| Brookmere (brookmere)     | 95.5 stated       | 40.0 stated          | missing (not held) |
| Calder Moor (calder)      | 90.0 counts       | 50.6 derived         | 29.7 derived       |
| Dunmore (dunmore)         | 105.0 counts ! *  | 25.0 counts *        | 100.0 counts       |

Dunmore's offered rate (105.0%, impossible) never counts in the distribution; its completed
rate (25.0%, from a flagged figure nobody reviewed) counts only with include_unreviewed.
| Fenwold (fenwold)         | 83.3 counts       | 96.0 counts (review) | 25.0 counts        |
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from rhi_llm.cli import app
from rhi_llm.core.records import (
    Derived,
    LetterRef,
    OutputField,
    OutputRow,
    Provenance,
    ReviewAction,
    ReviewDecision,
    Value,
    Verdict,
)
from rhi_llm.extract.rules import RulesBackend
from rhi_llm.pipeline import process_letter
from rhi_llm.store import open_store
from rhi_llm.summary import BatchSummary, Rate, content_key, summarise, summary_json
from rhi_llm.summary_render import summary_html, summary_table

from conftest import LETTERS


def count(value: int, verdict: Verdict = "ok") -> OutputField:
    return OutputField(value=value, unit="count", status="answered", verdict=verdict)


def percent(value: float, of: str, derived: Derived | None = None) -> OutputField:
    return OutputField(
        value=value, unit="percent", of=of, status="answered", derived=derived, verdict="ok"
    )


def not_held() -> OutputField:
    return OutputField(status="not_held", verdict="ok")


def row(council: str, fields: dict[str, OutputField]) -> OutputRow:
    name = council.split()[0].lower()
    return OutputRow(
        letter=LetterRef(path=f"letters/{name}.txt", sha256=f"sha-{name}", format="txt", pages=1),
        questionnaire="rhi-2018",
        council=council,
        fields=fields,
        provenance=Provenance(backend="rules", schema_version="1"),
    )


def decision(
    sha256: str, field: str, action: ReviewAction, value: Value = None, status: str | None = None
) -> ReviewDecision:
    return ReviewDecision(
        letter_sha256=sha256,
        letter_path="letters/x.txt",
        field=field,
        action=action,
        value=value,
        status=status,
        reviewer="tester",
        decided_at="2025-01-01T00:00:00Z",
    )


ASHFORD = row(
    "Ashford Vale",
    {
        "missing_incidents": count(1429),
        "rhi_offered": count(1253),
        "rhi_completed": count(1100),
        "rhi_within_72h": count(880),
    },
)
BROOKMERE = row(
    "Brookmere",
    {
        "missing_incidents": count(600),
        "rhi_offered": percent(95.5, of="missing_incidents"),
        "rhi_completed": percent(40, of="rhi_offered"),
        "rhi_within_72h": not_held(),
    },
)
CALDER = row(
    "Calder Moor",
    {
        "missing_incidents": count(200),
        "rhi_offered": count(180),
        # A percentage of another base (incidents, not offers): the verifier derived 91.
        "rhi_completed": percent(
            45.25,
            of="missing_incidents",
            derived=Derived(count=91, of="missing_incidents", arithmetic="45.25% of 200 -> 91"),
        ),
        "rhi_within_72h": count(27),
    },
)
DUNMORE = row(
    "Dunmore",
    {
        "missing_incidents": count(80),
        # More offers than incidents: the verifier flagged it and nobody has reviewed it yet.
        "rhi_offered": count(84, verdict="flagged"),
        "rhi_completed": count(21),
        "rhi_within_72h": count(21),
    },
)
FENWOLD = row(
    "Fenwold",
    {
        # Flagged, then accepted by a reviewer: no longer an unreviewed flag.
        "missing_incidents": count(300, verdict="flagged"),
        "rhi_offered": count(250),
        # Misread as 2,400; the reviewer corrects it to 240.
        "rhi_completed": count(2400, verdict="flagged"),
        "rhi_within_72h": count(60),
    },
)
ROWS = [DUNMORE, FENWOLD, ASHFORD, CALDER, BROOKMERE]
DECISIONS = {
    ("sha-fenwold", "missing_incidents"): decision("sha-fenwold", "missing_incidents", "accept"),
    ("sha-fenwold", "rhi_completed"): decision("sha-fenwold", "rhi_completed", "correct", 240),
}


@pytest.fixture(scope="module")
def summary() -> BatchSummary:
    return summarise(ROWS, DECISIONS)


def rate(summary: BatchSummary, council: str, rate_id: str) -> Rate:
    (found,) = [c for c in summary.councils if c.council == council]
    return found.rates[rate_id]


def test_rows_are_sorted_by_council_and_named_by_file(summary: BatchSummary) -> None:
    assert summary.letters == 5
    assert [c.council for c in summary.councils] == [
        "Ashford Vale",
        "Brookmere",
        "Calder Moor",
        "Dunmore",
        "Fenwold",
    ]
    assert summary.councils[0].file == "ashford.txt"


def test_rates_from_counts(summary: BatchSummary) -> None:
    # 1,253 / 1,429 = 0.87684... -> 87.7%
    offered = rate(summary, "Ashford Vale", "offered")
    assert (offered.percent, offered.source) == (87.7, "counts")
    assert (offered.numerator, offered.denominator) == (1253, 1429)
    # 1,100 / 1,253 = 0.87789... -> 87.8%
    assert rate(summary, "Ashford Vale", "completed").percent == 87.8
    # 880 / 1,100 = 0.8 -> 80.0%
    assert rate(summary, "Ashford Vale", "within_72h").percent == 80.0
    assert not offered.unreviewed_flag and not offered.impossible
    assert (offered.counted, offered.not_counted) == (True, None)


def test_stated_percentage_of_the_rates_own_base_is_the_rate(summary: BatchSummary) -> None:
    # rhi_offered "95.5% of missing incidents": the council stated the offered rate itself.
    offered = rate(summary, "Brookmere", "offered")
    assert (offered.percent, offered.source, offered.numerator) == (95.5, "stated", None)
    # rhi_completed "40% of offers": the completed rate itself.
    completed = rate(summary, "Brookmere", "completed")
    assert (completed.percent, completed.source) == (40.0, "stated")


def test_not_held_leaves_the_rate_missing(summary: BatchSummary) -> None:
    within = rate(summary, "Brookmere", "within_72h")
    assert (within.percent, within.source) == (None, "missing")
    # The numerator is not held (and the stated completed rate gives no count of interviews).
    assert "rhi_within_72h not_held" in within.working


def test_percentage_of_another_base_is_derived_half_up(summary: BatchSummary) -> None:
    # Completed is 45.25% of incidents: 45.25 x 200 / 100 = 90.5 -> 91 (half up, not to even).
    # 91 completed / 180 offered = 0.50555... -> 50.6%
    completed = rate(summary, "Calder Moor", "completed")
    assert (completed.percent, completed.source) == (50.6, "derived")
    assert (completed.numerator, completed.denominator) == (91, 180)
    assert "90.5 -> 91" in completed.working
    # Within 72h: 27 / 91 (the derived count as denominator) = 0.29670... -> 29.7%, derived.
    within = rate(summary, "Calder Moor", "within_72h")
    assert (within.percent, within.source, within.denominator) == (29.7, "derived", 91)
    # Offered from counts: 180 / 200 = 90.0%
    assert rate(summary, "Calder Moor", "offered").percent == 90.0


def test_over_100_is_kept_and_unreviewed_flag_marked(summary: BatchSummary) -> None:
    # 84 / 80 = 1.05 -> 105.0%, not clamped; rhi_offered is flagged and not reviewed.
    offered = rate(summary, "Dunmore", "offered")
    assert (offered.percent, offered.impossible, offered.unreviewed_flag) == (105.0, True, True)
    assert (offered.counted, offered.not_counted) == (False, "impossible")
    # 21 / 84 = 0.25 -> 25.0%; uses the flagged rhi_offered as its base, so it is marked too.
    completed = rate(summary, "Dunmore", "completed")
    assert (completed.percent, completed.impossible, completed.unreviewed_flag) == (
        25.0,
        False,
        True,
    )
    assert (completed.counted, completed.not_counted) == (False, "awaiting_review")
    # 21 / 21 = 100.0%: exactly 100 is possible, and uses no flagged figure: it counts.
    within = rate(summary, "Dunmore", "within_72h")
    assert (within.percent, within.impossible, within.unreviewed_flag) == (100.0, False, False)
    assert within.counted


def test_reviewer_correction_changes_the_rate(summary: BatchSummary) -> None:
    # Corrected completed 240 / 250 offered = 0.96 -> 96.0% (the extracted 2,400 gave 960.0%).
    completed = rate(summary, "Fenwold", "completed")
    assert (completed.percent, completed.impossible, completed.unreviewed_flag) == (
        96.0,
        False,
        False,
    )
    assert completed.counted  # the reviewer's correction makes the flagged figure count
    # 60 / 240 = 0.25 -> 25.0% (the extracted 2,400 gave 2.5%).
    assert rate(summary, "Fenwold", "within_72h").percent == 25.0
    # 250 / 300 = 0.8333... -> 83.3%; missing_incidents was flagged but accepted: not marked.
    offered = rate(summary, "Fenwold", "offered")
    assert (offered.percent, offered.unreviewed_flag) == (83.3, False)


def test_without_the_decisions_the_extracted_figures_are_used() -> None:
    unreviewed = summarise([FENWOLD], {})
    completed = unreviewed.councils[0].rates["completed"]
    # 2,400 / 250 = 9.6 -> 960.0%, over 100, flagged and unreviewed.
    assert (completed.percent, completed.impossible, completed.unreviewed_flag) == (
        960.0,
        True,
        True,
    )
    # 60 / 2,400 = 0.025 -> 2.5%
    assert unreviewed.councils[0].rates["within_72h"].percent == 2.5


def test_reviewer_setting_not_held_makes_the_rate_missing() -> None:
    decisions = {
        ("sha-ashford", "rhi_offered"): decision(
            "sha-ashford", "rhi_offered", "set_status", status="not_held"
        )
    }
    rates = summarise([ASHFORD], decisions).councils[0].rates
    assert rates["offered"].source == "missing"
    assert rates["completed"].source == "missing"
    # 880 / 1,100 does not use rhi_offered: still 80.0%.
    assert rates["within_72h"].percent == 80.0


def test_distribution_across_councils(summary: BatchSummary) -> None:
    offered = summary.distribution["offered"]
    # Rates: 87.7, 95.5, 90.0, (Dunmore 105.0 impossible: not counted), 83.3 -> 4 councils;
    # at or above 90: 95.5, 90.0 = 2; below 30: none.
    assert (offered.councils, offered.at_or_above_90, offered.below_30) == (4, 2, 0)
    assert (offered.awaiting_review, offered.impossible) == (0, 1)
    # mean: (87.7 + 95.5 + 90.0 + 83.3) / 4 = 356.5 / 4 = 89.125 -> 89.1
    # median of 83.3, 87.7, 90.0, 95.5 = (87.7 + 90.0) / 2 = 88.85 -> 88.9 (half up)
    assert (offered.mean, offered.median, offered.min, offered.max) == (89.1, 88.9, 83.3, 95.5)

    completed = summary.distribution["completed"]
    # Rates: 87.8, 40.0, 50.6, (Dunmore 25.0 awaiting review: not counted), 96.0
    # -> 4 councils; at or above 90: 96.0 = 1; below 30: none.
    assert (completed.councils, completed.at_or_above_90, completed.below_30) == (4, 1, 0)
    assert (completed.awaiting_review, completed.impossible) == (1, 0)
    # mean: (87.8 + 40.0 + 50.6 + 96.0) / 4 = 274.4 / 4 = 68.6
    # median of 40.0, 50.6, 87.8, 96.0 = (50.6 + 87.8) / 2 = 69.2
    assert (completed.mean, completed.median, completed.min, completed.max) == (
        68.6,
        69.2,
        40.0,
        96.0,
    )

    within = summary.distribution["within_72h"]
    # Rates: 80.0, (Brookmere missing), 29.7, 100.0, 25.0 -> 4 councils;
    # at or above 90: 100.0 = 1; below 30: 29.7, 25.0 = 2; 100.0 is possible and counts.
    assert (within.councils, within.at_or_above_90, within.below_30) == (4, 1, 2)
    assert (within.awaiting_review, within.impossible) == (0, 0)
    # mean: (80.0 + 29.7 + 100.0 + 25.0) / 4 = 234.7 / 4 = 58.675 -> 58.7
    # median of 25.0, 29.7, 80.0, 100.0 = (29.7 + 80.0) / 2 = 54.85 -> 54.9 (half up)
    assert (within.mean, within.median, within.min, within.max) == (58.7, 54.9, 25.0, 100.0)


def test_include_unreviewed_counts_flagged_rates_but_never_impossible_ones() -> None:
    included = summarise(ROWS, DECISIONS, include_unreviewed=True)
    assert included.include_unreviewed
    completed = included.distribution["completed"]
    # Dunmore's 25.0 now counts: 87.8, 40.0, 50.6, 25.0, 96.0 -> mean 299.4 / 5 = 59.88 -> 59.9,
    # median 50.6, below 30: 25.0 = 1.
    assert (completed.councils, completed.below_30, completed.awaiting_review) == (5, 1, 0)
    assert (completed.mean, completed.median, completed.min) == (59.9, 50.6, 25.0)
    # Dunmore's 105.0% offered is flagged too, but impossible: still left out.
    offered = included.distribution["offered"]
    assert (offered.councils, offered.impossible, offered.max) == (4, 1, 95.5)
    assert [n.reason for n in included.not_counted] == ["impossible"]


def test_rates_outside_0_to_100_never_count_even_when_reviewed() -> None:
    """A reviewer accepting 103.2% (or correcting to a negative count) does not make an
    impossible rate count: it is listed apart as impossible."""
    over = row(
        "Overton",
        {
            "missing_incidents": count(2000),
            "rhi_offered": count(1200),
            "rhi_completed": count(1000, verdict="flagged"),
            "rhi_within_72h": count(1032, verdict="flagged"),
        },
    )
    accepted = {
        ("sha-overton", f): decision("sha-overton", f, "accept")
        for f in ("rhi_completed", "rhi_within_72h")
    }
    below = row("Underby", {"missing_incidents": count(200), "rhi_offered": count(100)})
    negative = {
        ("sha-underby", "rhi_offered"): decision("sha-underby", "rhi_offered", "correct", -4)
    }
    result = summarise([over, below], {**accepted, **negative}, include_unreviewed=True)
    by_council = {c.council: c for c in result.councils}
    # 1,032 / 1,000 = 1.032 -> 103.2%
    within = by_council["Overton"].rates["within_72h"]
    assert (within.percent, within.impossible, within.unreviewed_flag) == (103.2, True, False)
    assert within.not_counted == "impossible"
    # -4 / 200 = -2.0%
    assert by_council["Underby"].rates["offered"].percent == -2.0
    assert by_council["Underby"].rates["offered"].not_counted == "impossible"
    assert result.distribution["within_72h"].councils == 0
    assert result.distribution["offered"].councils == 1  # Overton's 1,200 / 2,000 = 60.0%
    lines = summary_json(result)["not_counted_text"]
    assert (
        "not counted: 2 councils with an impossible rate (outside 0-100%): "
        "Underby (-2.0% offered), Overton (103.2% within 72h)"
    ) in lines


def test_a_reviewers_decision_makes_a_flagged_figure_count() -> None:
    """A 0.1% completed rate from a misread refusal: left out until a reviewer decides."""
    misread = row(
        "Misread Borough",
        {
            "missing_incidents": count(1000),
            "rhi_offered": count(1000),
            "rhi_completed": count(1, verdict="flagged"),
        },
    )
    before = summarise([misread], {})
    assert before.councils[0].rates["completed"].percent == 0.1
    assert before.distribution["completed"].councils == 0
    assert before.distribution["completed"].awaiting_review == 1
    assert summary_json(before)["not_counted_text"] == [
        "not counted: 1 council awaiting review (flagged figures not yet reviewed): "
        "Misread Borough (0.1% completed)"
    ]
    decided = {
        ("sha-misread", "rhi_completed"): decision("sha-misread", "rhi_completed", "correct", 870)
    }
    after = summarise([misread], decided)
    assert after.distribution["completed"].councils == 1
    assert after.distribution["completed"].mean == 87.0
    assert after.not_counted == []
    accepted = summarise(
        [misread],
        {("sha-misread", "rhi_completed"): decision("sha-misread", "rhi_completed", "accept")},
    )
    assert accepted.distribution["completed"].mean == 0.1


def test_terminal_table_at_80_columns_defines_rates_and_cuts_no_name() -> None:
    long_name = row(
        "The Royal Borough of Kensington and Chelsea with an Unusually Long Council Name",
        ASHFORD.fields,
    )
    named = long_name.model_copy(
        update={
            "letter": long_name.letter.model_copy(
                update={
                    "path": "replies/a-long-folder-name/kensington-and-chelsea-2024-reply-final.txt"
                }
            )
        }
    )
    result = summarise([named, *ROWS], DECISIONS)
    console = Console(width=80, record=True)
    console.print(summary_table(result))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text
    # the first column's pieces, joined again across the lines it wrapped onto
    first = [line.split("│")[1] for line in text.splitlines() if line.startswith("│")]
    flat = re.sub(r"\s+", "", "".join(first))
    assert re.sub(r"\s+", "", named.council or "") in flat
    assert "kensington-and-chelsea-2024-reply-final.txt" in flat
    joined = " ".join(text.split())
    assert "offered = return interviews offered / missing incidents reported" in joined
    assert "completed = return interviews completed / return interviews offered" in joined
    assert "within 72h = completed within 72 hours / return interviews completed" in joined
    assert (
        "not counted: 1 council awaiting review (flagged figures not yet reviewed): "
        "Dunmore (25.0% completed)"
    ) in joined
    assert (
        "not counted: 1 council with an impossible rate (outside 0-100%): Dunmore (105.0% offered)"
    ) in joined


def test_html_and_json_say_what_was_not_counted_and_why(summary: BatchSummary) -> None:
    page = summary_html(summary)
    assert "<h2>Not counted</h2>" in page
    assert "not counted: 1 council with an impossible rate (outside 0-100%): Dunmore" in page
    assert "not counted: awaiting review" in page  # the Dunmore completed cell
    assert "offered = return interviews offered / missing incidents reported" in page
    data = summary_json(summary)
    assert data["not_counted"] == [
        {
            "reason": "impossible",
            "rate": "offered",
            "council": "Dunmore",
            "label": "dunmore.txt",
            "percent": 105.0,
        },
        {
            "reason": "awaiting_review",
            "rate": "completed",
            "council": "Dunmore",
            "label": "dunmore.txt",
            "percent": 25.0,
        },
    ]
    assert data["definitions"]["legend"].startswith("offered = return interviews offered")


def test_empty_batch_has_no_statistics() -> None:
    empty = summarise([], {})
    assert empty.letters == 0 and empty.councils == [] and empty.distribution == {}
    assert "0 letters" in summary_html(empty)


def test_a_letter_whose_rates_are_missing_has_an_empty_distribution() -> None:
    lone = summarise([row("Lone Council", {})], {})
    assert [r.id for r in lone.rates] == ["offered", "completed", "within_72h"]
    assert lone.distribution["offered"].councils == 0
    assert lone.distribution["offered"].mean is None
    assert "<svg" in summary_html(lone)


def test_two_letters_from_one_council_keep_two_rows() -> None:
    second = ASHFORD.model_copy(
        update={
            "letter": ASHFORD.letter.model_copy(
                update={"path": "b/ashford-2.txt", "sha256": "sha-ashford-2"}
            )
        }
    )
    result = summarise([second, ASHFORD], {})
    assert [c.file for c in result.councils] == ["ashford-2.txt", "ashford.txt"]
    assert result.distribution["offered"].councils == 2


def render(table: object) -> str:
    console = Console(width=250, record=True)
    console.print(table)
    return console.export_text()


def _as_file(source: OutputRow, path: str, sha256: str, reference: str | None) -> OutputRow:
    letter = source.letter.model_copy(update={"path": path, "sha256": sha256})
    return source.model_copy(update={"letter": letter, "reference": reference})


REPLY = "Ashford Vale Council\nOur ref: FOI 2018/0042\n\n4a. 1,429 missing incidents."
# the same reply as a Word file reads it: other line breaks, spacing and case
REPLY_AS_DOCX = "ASHFORD VALE COUNCIL  Our ref: FOI 2018-0042\n4a.  1429 missing incidents"


def test_one_reply_in_two_files_counts_once() -> None:
    pdf = _as_file(ASHFORD, "b/ashford.pdf", "sha-pdf", "FOI 2018/0042")
    docx = _as_file(ASHFORD, "b/ashford.docx", "sha-docx", "foi-2018-0042")  # spelt otherwise
    later = _as_file(ASHFORD, "b/ashford-2019.txt", "sha-2019", "FOI 2019/0007")
    contents = {
        "sha-pdf": content_key(REPLY),
        "sha-docx": content_key(REPLY_AS_DOCX),
        "sha-2019": content_key("Ashford Vale Council\nOur ref: FOI 2019/0007 ..."),
    }
    result = summarise([pdf, docx, later], {}, contents)
    by_file = {c.file: c for c in result.councils}
    assert (result.letters, result.replies) == (3, 2)
    assert by_file["ashford.docx"].copy_of is None  # first by name, no flags on either
    assert by_file["ashford.pdf"].copy_of == "ashford.docx"
    assert by_file["ashford.pdf"].differs_from_copy is False
    assert by_file["ashford-2019.txt"].copy_of is None  # another request: its own reply
    assert result.distribution["offered"].councils == 2
    table = render(summary_table(result))
    assert "ashford.pdf (copy of ashford.docx)" in table
    assert "1 copy of a reply not counted twice" in table
    assert "copy of ashford.docx" in summary_html(result)


def test_the_copy_kept_is_the_one_without_unreviewed_flags() -> None:
    flagged_fields = dict(ASHFORD.fields)
    flagged_fields["rhi_offered"] = flagged_fields["rhi_offered"].model_copy(
        update={"verdict": "flagged", "value": 500}
    )
    clean = _as_file(ASHFORD, "b/b-ashford.txt", "sha-clean", "R1")
    flagged = _as_file(
        ASHFORD.model_copy(update={"fields": flagged_fields}), "b/a-ashford.pdf", "sha-f", "R1"
    )
    contents = {"sha-clean": content_key(REPLY), "sha-f": content_key(REPLY_AS_DOCX)}
    result = summarise([flagged, clean], {}, contents)
    by_file = {c.file: c for c in result.councils}
    assert by_file["b-ashford.txt"].copy_of is None
    assert by_file["a-ashford.pdf"].copy_of == "b-ashford.txt"
    assert by_file["a-ashford.pdf"].differs_from_copy is True
    assert result.distribution["offered"].councils == 1
    assert result.distribution["offered"].mean == by_file["b-ashford.txt"].rates["offered"].percent


def test_letters_given_one_council_and_reference_are_not_merged_unless_their_text_is_one() -> None:
    """A model gave three different letters the same council and reference: all three count,
    and each names the others for a reviewer; only the same text makes a copy."""
    letters = [
        _as_file(row("Ashford Vale", fields), f"b/{name}.txt", f"sha-{name}", "FOI 2018/0042")
        for name, fields in (
            ("first", ASHFORD.fields),
            ("second", BROOKMERE.fields),
            ("third", CALDER.fields),
        )
    ]
    contents = {f"sha-{n}": content_key(f"the letter called {n}") for n in ("first", "second")}
    # "third" has no stored text: it is only ever a copy of the same file
    result = summarise(letters, {}, contents)
    assert (result.letters, result.replies) == (3, 3)
    assert [c.copy_of for c in result.councils] == [None, None, None]
    assert result.distribution["offered"].councils == 3
    by_file = {c.file: c for c in result.councils}
    assert by_file["first.txt"].same_identity_as == ["second.txt", "third.txt"]
    assert by_file["third.txt"].same_identity_as == ["first.txt", "second.txt"]
    table = render(summary_table(result))
    assert "same council and reference as second.txt, third.txt" in table
    # without any text, the summary never takes letters for copies by what was extracted
    assert summarise(letters, {}).replies == 3


def test_the_same_text_is_one_reply_whatever_a_model_called_each_file() -> None:
    named = _as_file(ASHFORD, "b/ashford.pdf", "sha-pdf", "FOI 2018/0042")
    misnamed = _as_file(row("Brookmere", ASHFORD.fields), "b/ashford.docx", "sha-docx", None)
    same_file = _as_file(ASHFORD, "c/ashford.pdf", "sha-pdf", "FOI 2018/0042")
    contents = {"sha-pdf": content_key(REPLY), "sha-docx": content_key(REPLY_AS_DOCX)}
    result = summarise([named, misnamed, same_file], {}, contents)
    assert (result.letters, result.replies) == (3, 1)
    assert summarise([named, same_file], {}).replies == 1  # the same bytes, text or not


def test_percentage_chain_is_followed() -> None:
    chained = row(
        "Chainford",
        {
            "missing_incidents": count(400),
            "rhi_offered": percent(50, of="missing_incidents"),
            "rhi_completed": percent(50, of="missing_incidents"),
            "rhi_within_72h": percent(10, of="missing_incidents"),
        },
    )
    rates = summarise([chained], {}).councils[0].rates
    # offered 50% of incidents is the offered rate itself: 50.0% stated.
    assert (rates["offered"].percent, rates["offered"].source) == (50.0, "stated")
    # completed 50% x 400 = 200; offered 50% x 400 = 200; 200 / 200 = 100.0% derived.
    assert (rates["completed"].percent, rates["completed"].source) == (100.0, "derived")
    # within 10% x 400 = 40; 40 / 200 = 20.0% derived.
    assert (rates["within_72h"].percent, rates["within_72h"].source) == (20.0, "derived")


def test_summary_json_keys(summary: BatchSummary) -> None:
    data = summary_json(summary)
    json.dumps(data)  # plain JSON types only
    assert set(data) == {
        "definitions",
        "letters",
        "replies",
        "councils",
        "distribution",
        "include_unreviewed",
        "not_counted",
        "not_counted_text",
    }
    assert set(data["definitions"]) == {"rates", "sources", "markers", "notes", "legend"}
    assert data["definitions"]["rates"]["completed"] == "rhi_completed / rhi_offered"
    council = data["councils"][3]
    assert set(council) == {
        "council",
        "file",
        "sha256",
        "rates",
        "reference",
        "path",
        "label",
        "copy_of",
        "differs_from_copy",
        "same_identity_as",
    }
    assert set(council["rates"]) == {"offered", "completed", "within_72h"}
    assert set(council["rates"]["offered"]) == {
        "percent",
        "source",
        "numerator",
        "denominator",
        "unreviewed_flag",
        "impossible",
        "working",
        "counted",
        "not_counted",
    }
    assert council["rates"]["offered"]["unreviewed_flag"] is True
    assert council["rates"]["offered"]["numerator"] == 84
    assert isinstance(council["rates"]["offered"]["numerator"], int)
    assert set(data["distribution"]["within_72h"]) == {
        "councils",
        "at_or_above_90",
        "below_30",
        "awaiting_review",
        "impossible",
        "mean",
        "median",
        "min",
        "max",
    }


def test_terminal_table_shows_rates_markers_and_distribution(summary: BatchSummary) -> None:
    console = Console(width=200, record=True)
    console.print(summary_table(summary))
    text = console.export_text()
    assert "87.7% counts" in text
    assert "95.5% stated" in text
    assert "50.6% derived" in text
    assert "105.0% counts !*" in text
    assert "- missing" in text
    assert re.search(r"median\s.*88\.9%.*69\.2%.*54\.9%", text)


def test_html_is_self_contained_with_a_chart_per_rate(summary: BatchSummary) -> None:
    page = summary_html(summary)
    assert "<script" not in page
    assert "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "http" not in page  # no URL at all, not even SVG namespace declarations
    assert "@import" not in page and "url(http" not in page
    for rate_id in ("offered", "completed", "within_72h"):
        chart = re.search(rf'<figure id="chart-{rate_id}">(.*?)</figure>', page, re.S)
        assert chart is not None and chart.group(1).lstrip().startswith("<svg")
        assert "</svg>" in chart.group(1)
    assert page.count("<svg") == 3
    # ids are unique across the charts, so each chart's clip paths and glyphs resolve to its own.
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_html_has_definitions_tables_and_markers(summary: BatchSummary) -> None:
    page = summary_html(summary)
    assert "rhi_completed / rhi_offered" in page
    assert "rhi_within_72h / rhi_completed" in page
    assert "unreviewed flag" in page
    assert "Fenwold" in page and "fenwold.txt" in page
    assert "105.0%" in page and "54.9%" in page
    assert page.count("<table>") == 2


def test_zero_base_leaves_the_rate_missing() -> None:
    zero = row("Zedham", {"missing_incidents": count(0), "rhi_offered": count(0)})
    offered = summarise([zero], {}).councils[0].rates["offered"]
    assert (offered.percent, offered.source, offered.working) == (
        None,
        "missing",
        "missing_incidents is 0",
    )


def test_the_summary_command_tells_copies_by_the_letters_text(tmp_path: Path) -> None:
    """Letters through the pipeline into a run store, all given one council and reference
    (as a model might): the three forms of one letter count once, another letter apart."""
    outcomes = [
        asyncio.run(process_letter(LETTERS / name, RulesBackend()))
        for name in ("westmarch-2024.txt", "westmarch-2024.docx", "brackley-2024.txt")
    ]
    db = tmp_path / "run.db"
    with open_store(db) as store:
        for outcome in outcomes:
            assert outcome.row is not None, outcome.error
            row = outcome.row.model_copy(
                update={"council": "Westmarch Council", "reference": "2024/0183"}
            )
            store.record_row(row, "key", [], outcome.stored_document())
    result = CliRunner().invoke(app, ["summary", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["letters"], data["replies"]) == (3, 2)
    by_file = {c["file"]: c for c in data["councils"]}
    assert by_file["westmarch-2024.txt"]["copy_of"] == "westmarch-2024.docx"
    assert by_file["brackley-2024.txt"]["copy_of"] is None
    assert by_file["brackley-2024.txt"]["same_identity_as"] == [
        "westmarch-2024.docx",
        "westmarch-2024.txt",
    ]


def _named(source: OutputRow, path: str, sha256: str) -> OutputRow:
    return source.model_copy(
        update={"letter": source.letter.model_copy(update={"path": path, "sha256": sha256})}
    )


def test_one_letter_at_two_paths_counts_once_and_its_copy_names_the_other_path() -> None:
    """The same file extracted from two working folders: one row counts, the other is its
    copy and names it by a label that is not its own (never 'x.txt (copy of x.txt)')."""
    first = _named(ASHFORD, "a/ashford.txt", "sha-same")
    second = _named(ASHFORD, "b/ashford.txt", "sha-same")
    for order in ([first, second], [second, first]):
        result = summarise(order, {}, {"sha-same": content_key(REPLY)})
        assert (result.letters, result.replies) == (2, 1)
        assert result.distribution["offered"].councils == 1
        by_path = {c.path: c for c in result.councils}
        assert [c.label for c in result.councils] == ["a/ashford.txt", "b/ashford.txt"]
        assert by_path["a/ashford.txt"].copy_of is None
        assert by_path["b/ashford.txt"].copy_of == "a/ashford.txt"
        table = render(summary_table(result))
        assert "b/ashford.txt (copy of a/ashford.txt)" in table


def test_one_file_name_in_two_folders_with_other_text_is_two_letters() -> None:
    westmarch = _named(row("Westmarch Council", ASHFORD.fields), "a/reply.txt", "sha-w")
    brackley = _named(row("Brackley Council", CALDER.fields), "c/reply.txt", "sha-b")
    contents = {"sha-w": content_key("Westmarch's reply"), "sha-b": content_key("Brackley's")}
    result = summarise([westmarch, brackley], {}, contents)
    assert (result.letters, result.replies) == (2, 2)
    assert [c.copy_of for c in result.councils] == [None, None]
    assert {c.label for c in result.councils} == {"a/reply.txt", "c/reply.txt"}
    assert result.distribution["offered"].councils == 2
    # the same path twice (given, say, by two callers) still gets two labels
    twice = summarise([westmarch, westmarch], {}, contents)
    assert [c.label for c in twice.councils] == ["a/reply.txt [1]", "a/reply.txt [2]"]
    assert [c.copy_of for c in twice.councils] == [None, "a/reply.txt [1]"]


def test_letters_with_no_letter_or_digit_are_not_copies_of_each_other(tmp_path: Path) -> None:
    from rhi_llm.core.records import LetterDocument
    from rhi_llm.summary import letter_contents

    blank = {"sha-1": "  \n-- ", "sha-2": "\n\n"}
    rows = [_named(ASHFORD, "one.txt", "sha-1"), _named(BROOKMERE, "two.txt", "sha-2")]
    contents = letter_contents(rows, lambda sha: LetterDocument(sha256=sha, text=blank[sha]))
    assert contents == {}
    assert summarise(rows, {}, contents).replies == 2


def test_the_summary_command_counts_each_council_once_across_working_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One store filled from two working folders (the same letters at other paths), plus a
    different letter under a file name another letter has: each council counts once."""
    names = ("westmarch-2024.txt", "brackley-2024.txt", "thornbury-2018.txt")
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for name in names:
            (tmp_path / folder / name).write_bytes((LETTERS / name).read_bytes())
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "westmarch-2024.txt").write_bytes(
        (LETTERS / "ravensworth-2024.txt").read_bytes()
    )
    db = tmp_path / "run.db"
    runner = CliRunner()
    for cwd, target in (
        (tmp_path, "a"),
        (tmp_path / "a", "."),
        (tmp_path / "b", "../b"),
        (tmp_path, "c"),
    ):
        monkeypatch.chdir(cwd)
        done = runner.invoke(app, ["extract", target, "--backend", "rules", "--db", str(db), "-q"])
        assert done.exit_code == 0, done.output
    result = runner.invoke(app, ["summary", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["letters"], data["replies"]) == (10, 4)
    counted = [c for c in data["councils"] if c["copy_of"] is None]
    assert sorted(c["council"] for c in counted) == [
        "Brackley and Denholm Council",
        "Ravensworth County Council",
        "Thornbury Shire Council",
        "Westmarch Council",
    ]
    labels = [c["label"] for c in data["councils"]]
    assert len(set(labels)) == len(labels)
    for council in data["councils"]:
        assert council["copy_of"] != council["label"]
        assert council["copy_of"] is None or council["copy_of"] in labels
    assert data["distribution"]["offered"]["councils"] == 4
    # Thornbury's within-72h figure is more than its completed one (415 > 402, both flagged):
    # 103.2% is impossible, its 46.7% completed awaits review; neither counts by default.
    within, completed = (data["distribution"][r] for r in ("within_72h", "completed"))
    assert (within["councils"], within["impossible"]) == (2, 1)
    assert (completed["councils"], completed["awaiting_review"]) == (3, 1)
    shown = runner.invoke(app, ["summary", "--db", str(db)])
    assert "not counted: 1 council with an impossible rate" in " ".join(shown.stdout.split())
    included = runner.invoke(app, ["summary", "--db", str(db), "--json", "--include-unreviewed"])
    assert included.exit_code == 0, included.output
    spread = json.loads(included.stdout)["distribution"]
    assert (spread["completed"]["councils"], spread["completed"]["awaiting_review"]) == (4, 0)
    assert (spread["within_72h"]["councils"], spread["within_72h"]["impossible"]) == (2, 1)
