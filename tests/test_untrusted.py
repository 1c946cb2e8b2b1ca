"""What a backend gives besides figures, held to the letter: free text and metadata.

A model's free-text answer must be the letter's own words (not only its quote), and no longer
than an answer can be; its council, reference, date and period must be what the letter says,
or they are left unknown. Through the verifier, then the whole pipeline with a fake model.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from benchmarks import untrusted
from rhi_llm import pipeline
from rhi_llm.core.contracts import Extraction
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.records import Provenance
from rhi_llm.core.settings import build_settings
from rhi_llm.core.survey import Period, SurveyResponse
from rhi_llm.core.types import CheckCode
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.extract.response_models import wire_answers, wire_from_flat
from rhi_llm.extract.rules import extract_rules
from rhi_llm.gold import load_gold_set
from rhi_llm.letters import load
from rhi_llm.pipeline import LetterOutcome, finish, process_letter
from rhi_llm.reading import read
from rhi_llm.testing.fake_server import FakeOpenAI
from rhi_llm.verify import MAX_FREE_TEXT, FieldReport, verify
from rhi_llm.verify.metadata import dates_in, own_dates

from conftest import LETTERS, REPO

WESTMARCH = "westmarch-2024.txt"
# the letter's answer to Q11 begins so; the rest of a comment below is made up
REAL_QUOTE = "The 72 hour timescale is hard to meet"
INVENTED = (
    "The 72 hour timescale is hard to meet, and the council will stop offering return "
    "interviews next year."
)
MEGABYTE = "Return interviews are offered to every child. " * (2**20 // 46)


@cache
def reading(name: str = WESTMARCH) -> LetterReading:
    return read(load(LETTERS / name))


def comments(value: str, quote: str = REAL_QUOTE) -> FieldReport:
    response = SurveyResponse.model_validate(
        {
            "questionnaire": "rhi-2024",
            "comments": {"kind": "text", "status": "answered", "value": value, "quote": quote},
        }
    )
    return verify(reading(), response).fields["comments"]


def failed_codes(report: FieldReport) -> set[CheckCode]:
    return {c.code for c in report.checks if not c.passed}


# -- free text --------------------------------------------------------------------------------


def test_the_councils_own_words_pass() -> None:
    own = (
        "The 72 hour timescale is hard to meet when the police notify us after a weekend. Our\n"
        "partnership with “Open Door” is working well"
    )
    report = comments(own)
    assert report.verdict == "ok", report.checks


def test_an_invented_comment_with_a_real_quote_is_flagged() -> None:
    report = comments(INVENTED)
    assert report.verdict == "flagged"
    assert CheckCode.FREE_TEXT_NOT_IN_LETTER in failed_codes(report)
    message = next(c.message for c in report.checks if not c.passed)
    assert "stop offering" in message and "not in the letter" in message


@pytest.mark.parametrize(
    "value",
    [
        # a sentence added after the council's own
        "The 72 hour timescale is hard to meet when the police notify us after a weekend. "
        "We plan to close the service.",
        # a figure changed inside the council's sentence
        "The 48 hour timescale is hard to meet when the police notify us after a weekend.",
        # words of the letter from elsewhere, joined into a sentence it never wrote
        "Open Door Youth Charity delivers interviews within 72 hours.",
    ],
)
def test_any_passage_the_letter_does_not_hold_is_flagged(value: str) -> None:
    assert CheckCode.FREE_TEXT_NOT_IN_LETTER in failed_codes(comments(value))


def test_a_megabyte_comment_is_flagged_and_shown_bounded() -> None:
    report = comments(MEGABYTE, quote="Our case system holds 2310 contact records")
    assert CheckCode.FREE_TEXT_TOO_LONG in failed_codes(report)
    assert report.verdict == "flagged"
    outcome = _finish_rules_with(
        {"kind": "text", "status": "answered", "value": MEGABYTE, "quote": REAL_QUOTE}
    )
    assert outcome.row is not None
    shown = outcome.row.fields["comments"]
    assert shown.verdict == "flagged"
    assert isinstance(shown.value, str) and len(shown.value) < MAX_FREE_TEXT + 100
    assert shown.value.endswith(f"[... cut: {len(MEGABYTE):,} characters in all]")


def test_a_megabyte_quote_is_not_searched_and_fails() -> None:
    report = comments("Our case system holds 2310 contact records", quote=MEGABYTE)
    assert CheckCode.GROUNDED in failed_codes(report)


def test_a_choice_or_provider_detail_is_held_to_the_letter_too() -> None:
    response = SurveyResponse.model_validate(
        {
            "questionnaire": "rhi-2024",
            "provider": {
                "kind": "provider",
                "status": "answered",
                "value": ["third_sector_agency"],
                "agency": "Bright Futures Trust",
                "quote": "Open Door Youth Charity delivers interviews",
            },
        }
    )
    report = verify(reading(), response).fields["provider"]
    assert CheckCode.FREE_TEXT_NOT_IN_LETTER in failed_codes(report)
    right = response.with_answer(
        "provider",
        response.answers["provider"].model_copy(update={"agency": "Open Door Youth Charity"}),
    )
    assert verify(reading(), right).fields["provider"].verdict == "ok"


# -- metadata ---------------------------------------------------------------------------------


def _finish_rules_with(comment: dict[str, Any], **metadata: Any) -> LetterOutcome:
    """The rules' reading of Westmarch with one comment and metadata as a model gave them."""
    if isinstance(metadata.get("period"), dict):
        metadata["period"] = Period(**metadata["period"])
    response = extract_rules(reading())
    response = response.model_copy(update=metadata).with_answer(
        "comments", SurveyResponse.model_validate({"comments": comment}).answers["comments"]
    )
    extraction = Extraction(
        response=response, provenance=Provenance(backend="llm", schema_version="2")
    )
    return finish(reading(), extraction)


@pytest.mark.parametrize(
    ("item", "value"),
    [
        ("council", "Northbridge Borough Council"),  # another council of our letters
        ("council", "Eastmarch Council"),  # a letter away from the letter's own
        ("council", "The Council"),  # names no council
        ("council", "children looked after by westmarch council"),  # words about it, not its name
        ("council", "Westmarch council"),  # its 'Council' as no council writes its own name
        ("reference", "FOI/2024/0813"),
        ("reference", "2024/01"),  # part of the letter's reference is not its reference
        ("response_date", "2024-12-07"),
        ("response_date", "06/12/2024"),  # not a day as the schema asks
        ("response_date", "2024-03-31"),  # the last day of the period asked, not the letter's
        ("response_date", "2024-11-11"),  # "your request of 11/11/2024"
        ("period", {"start": "2022-04-01", "end": "2023-03-31"}),
    ],
)
def test_metadata_the_letter_does_not_say_is_left_unknown(item: str, value: Any) -> None:
    outcome = _finish_rules_with({"kind": "text", "value": None}, **{item: value})
    assert outcome.report is not None and outcome.row is not None
    assert outcome.report.metadata[item].passed is False
    assert outcome.report.metadata[item].code == CheckCode.METADATA
    assert getattr(outcome.row, item) is None


@pytest.mark.parametrize(
    ("item", "value"),
    [
        ("council", "Westmarch Council"),
        ("council", "WESTMARCH BOROUGH COUNCIL"),  # case and a generic word aside
        ("reference", "2024/0183"),
        ("reference", "FOI ref 2024-0183"),  # other separators
        ("response_date", "2024-12-06"),  # written 06/12/2024
        ("period", {"start": "2023-04-01", "end": "2024-03-31"}),
    ],
)
def test_metadata_the_letter_says_is_kept(item: str, value: Any) -> None:
    outcome = _finish_rules_with({"kind": "text", "value": None}, **{item: value})
    assert outcome.report is not None and outcome.row is not None
    assert outcome.report.metadata[item].passed, outcome.report.metadata[item]
    kept = getattr(outcome.row, item)
    assert (kept.model_dump() if item == "period" else kept) == value


def test_a_letters_own_date_is_told_from_a_periods_and_the_requests() -> None:
    text = (
        "Request received 16 July 2025. Response sent 12 August 2025.\n"
        "You asked about 1 April 2024 to 31 March 2025, in your request of 3 July 2025."
    )
    assert own_dates(text) == {"2025-08-12"}
    assert dates_in(text) == {"2025-07-16", "2025-08-12", "2024-04-01", "2025-03-31", "2025-07-03"}


def test_every_gold_letter_keeps_its_own_council_and_no_other() -> None:
    cases = load_gold_set(REPO / "eval" / "gold", LETTERS, REPO / "eval" / "no-seeds")
    named = [(c.gold.letter, c.gold.council) for c in cases if c.gold.council]
    councils = {council for _, council in named}
    assert len(councils) >= 8
    for letter, own in named:
        if not (LETTERS / letter).exists():
            continue
        checked = verify(reading(letter), SurveyResponse(council=own)).metadata["council"]
        assert checked.passed, (letter, own, checked.message)
        for other in councils - {own}:
            foreign = verify(reading(letter), SurveyResponse(council=other)).metadata["council"]
            assert not foreign.passed, (letter, other)


def test_the_rules_metadata_is_always_kept() -> None:
    for path in sorted(LETTERS.iterdir()):
        letter = read(load(path))
        response = extract_rules(letter)
        checks = verify(letter, response).metadata
        assert all(c.passed for c in checks.values()), (path.name, checks)


# -- through the model backend (a fake endpoint answering as a model would) -------------------


@pytest.fixture()
def server() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as running:
        yield running


def _through_the_model(server: FakeOpenAI, tmp_path: Path, **changes: Any) -> LetterOutcome:
    settings = build_settings(
        environ={
            "OPENAI_BASE_URL": server.base_url,
            "OPENAI_API_KEY": "sk-test-" + "0" * 32,
            "RHI_LLM_HOME": str(tmp_path),
        }
    )
    right = wire_answers(extract_rules(reading()))
    flat: dict[str, Any] = {k: v for k, v in right.items() if k != "answers"}
    for answer in right["answers"]:
        flat[answer["field"]] = {k: v for k, v in answer.items() if k != "field"}
    flat.update(changes)
    server.enqueue(wire_from_flat(flat))
    return asyncio.run(process_letter(LETTERS / WESTMARCH, LlmBackend(settings)))


def test_a_model_inventing_a_comment_and_a_council_is_flagged_and_unknown(
    server: FakeOpenAI, tmp_path: Path
) -> None:
    outcome = _through_the_model(
        server,
        tmp_path,
        council="Northbridge Borough Council",
        comments={"status": "answered", "value": INVENTED, "quote": REAL_QUOTE},
    )
    assert outcome.row is not None, outcome.error
    assert outcome.row.council is None
    assert outcome.row.reference == "2024/0183"  # what the letter says stays
    field = outcome.row.fields["comments"]
    assert field.verdict == "flagged"
    assert "free_text_not_in_letter" in {f.code for f in field.flags}


# -- the benchmark (`rhi-llm bench reliability`, part "untrusted text and identity") ----------


BENCH_LETTERS = [
    LETTERS / "westmarch-2024.txt",
    LETTERS / "westmarch-2024.docx",
    LETTERS / "northbridge-2018.txt",
    LETTERS / "ashcombe-2018.md",
]


def test_the_benchmark_finds_nothing_unflagged_and_nothing_merged() -> None:
    result = untrusted.measure(BENCH_LETTERS)
    figures = result.as_json()
    assert set(figures["by_kind"]) == {*untrusted.TEXT_KINDS, *untrusted.METADATA_KINDS}
    assert all(k["tried"] >= 3 for k in figures["by_kind"].values()), figures["by_kind"]
    assert figures["unflagged"] == 0, figures["passed_unflagged"]
    assert figures["right_text_flagged"] == 0 and figures["right_metadata_dropped"] == 0
    assert figures["shared_identity"] == {
        "letters": 4,
        "replies_expected": 3,
        "replies_counted": 3,
        "wrongly_merged": 0,
    }


def test_the_benchmark_counts_what_an_unchecked_pipeline_lets_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With metadata kept whatever the letter says (the old pipeline), every foreign council
    passes: the benchmark's count is one that can fail."""
    monkeypatch.setattr(pipeline, "grounded_metadata", lambda response, checks: response)
    figures = untrusted.measure(BENCH_LETTERS).as_json()
    council = figures["by_kind"]["foreign_council"]
    assert council["tried"] == 4 and council["unflagged"] == 4
