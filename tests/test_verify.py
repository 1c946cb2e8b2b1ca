"""The verifier: each check with a passing and a failing case, from the seeds and our letters."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import SurveyResponse
from rhi_llm.core.types import CheckCode, Letter, LetterFormat
from rhi_llm.letters import load
from rhi_llm.reading import read
from rhi_llm.verify import FieldReport, verify

from conftest import LETTERS, seed_path

LEICESTER = "000_bf391f66d2a073dd.txt"
COVENTRY = "003_52bd7aa7f47e9622.txt"


@cache
def reading(name: str) -> LetterReading:
    path = seed_path(name) if name in (LEICESTER, COVENTRY) else LETTERS / name
    return read(load(path))


def figure(
    value: float | None,
    quote: str | None,
    unit: str = "count",
    of: str | None = None,
    status: str = "answered",
) -> dict[str, Any]:
    return {
        "value": value,
        "unit": unit if value is not None else None,
        "of": of,
        "status": status,
        "quote": quote,
    }


def check(
    name: str,
    field_id: str,
    answer: dict[str, Any],
    questionnaire: str = "rhi-2018",
    **others: dict[str, Any],
) -> FieldReport:
    response = SurveyResponse.model_validate(
        {"questionnaire": questionnaire, field_id: answer, **others}
    )
    return verify(reading(name), response).fields[field_id]


def failed(report: FieldReport, code: CheckCode) -> str:
    messages = [c.message for c in report.checks if c.code == code and not c.passed]
    assert messages, f"{code.value} did not fail: {report.checks}"
    return messages[0]


def passed(report: FieldReport) -> None:
    assert report.verdict == "ok", [c for c in report.checks if not c.passed]


# -- grounded -----------------------------------------------------------------------------------


def test_grounded_exact_and_page() -> None:
    report = check(
        "northbridge-2018.pdf", "missing_incidents", figure(1032, "1,032 missing episodes")
    )
    passed(report)
    assert report.page == 1 and report.span is not None


def test_grounded_after_normalising_spacing_dashes_and_separators() -> None:
    # the letter has "1,032 missing episodes"; a model drops the comma and adds a line break
    report = check(
        "northbridge-2018.txt", "missing_incidents", figure(1032, "1032  missing\nepisodes")
    )
    passed(report)
    assert "normalising" in report.checks[0].message


def test_grounded_fuzzy_passes_a_small_slip_but_never_a_changed_digit() -> None:
    exact = "Return interviews were offered in 94.2% of missing incidents"
    slip = exact.replace("offered in", "offered on")
    passed(
        check(
            "hollinford-2024.txt",
            "rhi_offered",
            figure(94.2, slip, "percent", "missing_incidents"),
            "rhi-2024",
        )
    )
    changed = exact.replace("94.2", "94.7")
    report = check(
        "hollinford-2024.txt",
        "rhi_offered",
        figure(94.7, changed, "percent", "missing_incidents"),
        "rhi-2024",
    )
    assert "not in the letter" in failed(report, CheckCode.GROUNDED)


def test_grounded_fails_for_a_paraphrase() -> None:
    report = check(
        "hollinford-2024.txt",
        "rhi_offered",
        figure(
            94.2,
            "94.2% of incidents led to an offer of an interview",
            "percent",
            "missing_incidents",
        ),
        "rhi-2024",
    )
    failed(report, CheckCode.GROUNDED)
    assert report.verdict == "flagged"


def test_repeated_phrase_resolves_to_the_fields_own_block() -> None:
    letter = reading(LEICESTER)
    # "1442" stands in the answers to 5a, 5b and 5c; for rhi_offered it is 5a's
    report = check(LEICESTER, "rhi_offered", figure(1442, "1442"))
    passed(report)
    assert report.span is not None
    block = letter.blocks_of("rhi_offered")[0]
    assert block.contains(report.span)


# -- value_in_quote -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "field_id", "answer", "questionnaire"),
    [
        (COVENTRY, "missing_incidents", figure(1429, "1,429."), "rhi-2024"),
        (
            COVENTRY,
            "rhi_offered",
            figure(87.7, "offered in 87.7% of missing incidents", "percent", "missing_incidents"),
            "rhi-2024",
        ),
        ("easton-vale-2018.txt", "missing_incidents", figure(1207, "1207"), "rhi-2018"),
        (
            "northbridge-2018.txt",
            "ooa_missing_children",
            figure(31, "Thirty-one of them"),
            "rhi-2018",
        ),
    ],
)
def test_value_is_read_back(
    name: str, field_id: str, answer: dict[str, Any], questionnaire: str
) -> None:
    passed(check(name, field_id, answer, questionnaire))


def test_value_not_in_quote() -> None:
    report = check("easton-vale-2018.txt", "missing_incidents", figure(1270, "1207"))
    assert "1,270 is not in the quoted words" in failed(report, CheckCode.VALUE_IN_QUOTE)


def test_two_figure_sentence_gives_each_field_its_own_figure() -> None:
    quote = "44 children (total of 212 episodes)"
    passed(check(LEICESTER, "ooa_missing_children", figure(44, quote)))
    passed(check(LEICESTER, "ooa_missing_incidents", figure(212, quote)))
    wrong = check(LEICESTER, "ooa_missing_children", figure(212, quote))
    failed(wrong, CheckCode.VALUE_IN_QUOTE)


def test_percent_stored_as_count_and_count_as_percent() -> None:
    quote = "offered in 87.7% of missing incidents"
    report = check(COVENTRY, "rhi_offered", figure(87.7, quote), "rhi-2024")
    assert "as a percentage, stored as count" in failed(report, CheckCode.VALUE_IN_QUOTE)
    report = check(
        COVENTRY,
        "missing_incidents",
        figure(1429, "1,429.", "percent", "missing_children"),
        "rhi-2024",
    )
    failed(report, CheckCode.VALUE_IN_QUOTE)


def test_percentage_of_the_wrong_base() -> None:
    quote = "61.4% of cases where a return home interview was conducted"
    passed(
        check(
            COVENTRY,
            "rhi_within_72h",
            figure(61.4, quote, "percent", "rhi_completed"),
            "rhi-2024",
            rhi_completed=figure(
                71.7, "completed for 71.7% of missing incidents", "percent", "missing_incidents"
            ),
        )
    )
    report = check(
        COVENTRY, "rhi_within_72h", figure(61.4, quote, "percent", "missing_incidents"), "rhi-2024"
    )
    assert "is of interviews" in failed(report, CheckCode.VALUE_IN_QUOTE)


def test_figure_for_another_year_in_a_table() -> None:
    passed(check("hollinford-2024.txt", "lac_missing_incidents", figure(866, "866"), "rhi-2024"))
    report = check("hollinford-2024.txt", "lac_missing_incidents", figure(702, "702"), "rhi-2024")
    assert "2022/23" in failed(report, CheckCode.VALUE_IN_QUOTE)


# -- aligned: the classic traps -----------------------------------------------------------------


def test_aligned_in_own_answer_and_see_above() -> None:
    passed(check("northbridge-2018.txt", "missing_children", figure(287, "287 children")))


@pytest.mark.parametrize(
    ("field_id", "answer", "words"),
    [
        # a figure from another question's answer
        ("missing_children", figure(1141, "1141"), "answer to question 5a"),
        # the letterhead: a PO Box number
        ("missing_incidents", figure(2261, "PO Box 2261"), "part of an address"),
        # a statute section inside a refusal
        ("ooa_rhi_offered", figure(12, "Under section 12 of the Act"), "statute reference"),
        # the date of the request
        ("missing_children", figure(24, "Your request of 24 May 2018"), "part of a date"),
    ],
)
def test_aligned_traps(field_id: str, answer: dict[str, Any], words: str) -> None:
    report = check("easton-vale-2018.txt", field_id, answer)
    assert report.verdict == "flagged"
    messages = " ".join(c.message for c in report.checks if not c.passed)
    assert words in messages, messages


def test_aligned_fails_for_question_text() -> None:
    report = check(
        COVENTRY, "rhi_within_72h", figure(72, "completed within 72 hours of the"), "rhi-2024"
    )
    assert "text of question 8" in failed(report, CheckCode.ALIGNED)


def test_cost_limit_arithmetic_is_not_an_answer() -> None:
    report = check(
        "easton-vale-2018.txt",
        "ooa_rhi_offered",
        figure(300, "300 episode records at 40 minutes each"),
    )
    failed(report, CheckCode.ALIGNED)


# -- status -------------------------------------------------------------------------------------


def test_not_held_passes_and_a_decoy_inside_a_refusal_is_flagged() -> None:
    passed(
        check(
            "easton-vale-2018.txt",
            "incoming_placed_children",
            figure(None, "placed with us by other councils is not held", status="not_held"),
        )
    )
    decoy = check(
        "easton-vale-2018.txt",
        "incoming_placed_children",
        figure(639, "We hold 639 paper notification forms for that year"),
    )
    assert "not held" in failed(decoy, CheckCode.STATUS)


def test_withheld_with_a_number_and_answered_without_saying_so() -> None:
    report = check(
        LEICESTER,
        "incoming_placed_children",
        figure(405, "this information is not held", status="not_held"),
    )
    assert "carries a number" in failed(report, CheckCode.STATUS)
    report = check(
        "easton-vale-2018.txt", "missing_incidents", figure(None, "1207", status="not_held")
    )
    failed(report, CheckCode.STATUS)


# -- consistent and derived ---------------------------------------------------------------------


def test_council_inconsistency_is_told_apart_from_an_extraction_error() -> None:
    response = SurveyResponse.model_validate(
        {
            "questionnaire": "rhi-2018",
            "rhi_completed": figure(402, "402"),
            "rhi_within_72h": figure(415, "415"),
        }
    )
    report = verify(reading("thornbury-2018.txt"), response).fields["rhi_within_72h"]
    consistent = [c for c in report.checks if c.code == CheckCode.CONSISTENT]
    assert consistent and consistent[0].council and not consistent[0].passed
    assert report.council_only
    response = SurveyResponse.model_validate(
        {
            "questionnaire": "rhi-2018",
            "rhi_completed": figure(402, "402"),
            "rhi_within_72h": figure(4150, "4150 within 72 hours"),
        }
    )
    report = verify(reading("thornbury-2018.txt"), response).fields["rhi_within_72h"]
    consistent = [c for c in report.checks if c.code == CheckCode.CONSISTENT]
    assert consistent and not consistent[0].council


def test_percentages_stay_within_0_and_100_and_have_a_plausible_base() -> None:
    response = SurveyResponse.model_validate(
        {
            "questionnaire": "rhi-2024",
            "rhi_offered": figure(187.7, "187.7%", "percent", "missing_incidents"),
            "rhi_completed": figure(71.7, "71.7%", "percent", "lac_total"),
        }
    )
    report = verify(reading(COVENTRY), response)
    assert "between 0 and 100" in failed(report.fields["rhi_offered"], CheckCode.CONSISTENT)
    assert "cannot be a percentage" in failed(report.fields["rhi_completed"], CheckCode.CONSISTENT)


def test_derived_count_with_its_arithmetic() -> None:
    response = SurveyResponse.model_validate(
        {
            "questionnaire": "rhi-2024",
            "missing_incidents": figure(1429, "1,429."),
            "rhi_offered": figure(
                87.7, "offered in 87.7% of missing incidents", "percent", "missing_incidents"
            ),
        }
    )
    report = verify(reading(COVENTRY), response).fields["rhi_offered"]
    passed(report)
    assert report.derived is not None
    assert report.derived.count == 1253
    assert report.derived.arithmetic == "87.7% of 1,429 = 1,253.2 -> 1,253"
    # the stored value is still the council's percentage
    offered = response.answer("rhi_offered")
    assert offered is not None and offered.value == 87.7


def test_missing_verdict() -> None:
    response = SurveyResponse.model_validate(
        {"questionnaire": "rhi-2024", "missing_children": figure(None, None, status="not_answered")}
    )
    assert verify(reading(COVENTRY), response).fields["missing_children"].verdict == "missing"


def _read_text(letter: str, fmt: LetterFormat = "txt") -> LetterReading:
    """A letter written for a test, read as answering the 2018 questionnaire."""
    return read(
        Letter(path=f"t.{fmt}", format=fmt, text=letter, sha256="0" * 64),
        questionnaire="rhi-2018",
    )


_JOINT_ANSWER = (
    "Freedom of Information reply FOI-6610\n\n"
    "Question 5a and 5c: offers made and offers declined\n\n"
    "Interviews were offered to the child in every case we were told of, and 118 offers were"
    " declined.\n\n"
    "Question 6a and 6b: interviews carried out, and how many within 72 hours\n\n"
    "Our system shows each interview against its incident. Of all the interviews carried out"
    " in 2017/18, 402 took place within 72 hours of the child's return; the rest took longer."
    "\n\n"
    "Yours sincerely\n"
)


def _joint_reading() -> LetterReading:
    return _read_text(_JOINT_ANSWER)


def test_a_part_of_a_whole_named_in_words_is_not_the_count_of_that_whole() -> None:
    """ "Of all the interviews carried out, 402 took place within 72 hours": 402 is within
    72 hours, not the number carried out."""
    within = figure(402, "402 took place within 72 hours")
    for field_id, verdict in (("rhi_completed", "flagged"), ("rhi_within_72h", "ok")):
        response = SurveyResponse.model_validate({"questionnaire": "rhi-2018", field_id: within})
        report = verify(_joint_reading(), response).fields[field_id]
        assert report.verdict == verdict, report.checks
    completed = verify(
        _joint_reading(),
        SurveyResponse.model_validate({"questionnaire": "rhi-2018", "rhi_completed": within}),
    ).fields["rhi_completed"]
    assert "is a part of 'all the interviews carried out in 2017/18'" in " ".join(
        c.message for c in completed.checks if not c.passed
    )


def test_one_figure_given_for_two_fields_is_flagged_where_its_words_are_the_others() -> None:
    """118 declined offers given as both the offers made and the offers declined: the words
    beside it say declined, so the offers made are flagged and the declined stand."""
    declined = figure(118, "118 offers were declined")
    response = SurveyResponse.model_validate(
        {"questionnaire": "rhi-2018", "rhi_offered": declined, "rhi_declined": declined}
    )
    reports = verify(_joint_reading(), response).fields
    assert reports["rhi_declined"].verdict == "ok", reports["rhi_declined"].checks
    assert reports["rhi_offered"].verdict == "flagged"
    assert any(
        "one figure answers one question" in c.message
        for c in reports["rhi_offered"].checks
        if not c.passed
    )


def test_three_kinds_of_provider_for_one_year_are_for_a_person_to_confirm() -> None:
    letter = (
        "Reply to FOI 2018/77\n\n"
        "1. Who delivers RHIs now: a third sector agency or a council team?\n\n"
        "Interviews are arranged by our Early Help Team; the child's social worker or a youth"
        " worker from Compass Youth, a local charity, may carry them out.\n\n"
        "Yours sincerely\n"
    )
    reading = _read_text(letter)
    quote = "the child's social worker or a youth worker from Compass Youth, a local charity"
    for kinds, verdict in (
        (["social_worker", "third_sector_agency"], "ok"),
        (["local_authority_team", "social_worker", "youth_worker"], "flagged"),
    ):
        response = SurveyResponse.model_validate(
            {
                "questionnaire": "rhi-2018",
                "provider": {"value": kinds, "status": "answered", "quote": quote},
            }
        )
        report = verify(reading, response).fields["provider"]
        assert report.verdict == verdict, report.checks


def test_a_withholding_quoted_from_another_fields_table_row_is_flagged() -> None:
    """ "Received an RHI | <5" withholds the interviews, not the children who went missing."""
    letter = (
        "Reply to FOI 2018/80\n\n"
        "13a. How many looked after children did other councils place in your area?\n"
        "13b. How many of those went missing, and how many received an RHI?\n\n"
        "| Row | Figure |\n|---|---|\n"
        "| Placed here by other councils | 140 |\n"
        "| Went missing (children) | 26 |\n"
        "| Received an RHI from us | <5 |\n\n"
        "<5 means a number from 1 to 4, withheld under section 40(2) of the Act.\n\n"
        "Yours sincerely\n"
    )
    reading = _read_text(letter, "md")
    withheld = {"value": None, "status": "exempt", "quote": "<5"}
    for field_id, verdict in (
        ("incoming_rhi_completed", "ok"),
        ("incoming_missing_children", "flagged"),
    ):
        response = SurveyResponse.model_validate({"questionnaire": "rhi-2018", field_id: withheld})
        report = verify(reading, response).fields[field_id]
        assert report.verdict == verdict, report.checks


def test_one_figure_given_for_three_fields_with_nothing_to_tell_them_apart_is_flagged() -> None:
    figure_of_all = figure(1168, "1,168")
    letter = (
        "Reply to FOI 2018/91\n\n"
        "4a, 4b and 6b. The figures are in the table below.\n\n"
        "| Quarter | A | B | C |\n|---|---|---|---|\n"
        "| Q1 | 301 | 120 | 140 |\n| Q2 | 287 | 111 | 127 |\n| Q3 | 262 | 101 | 118 |\n"
        "| Q4 | 318 | 130 | 161 |\n| Total | 1,168 | 389 | 546 |\n\n"
        "Yours sincerely\n"
    )
    reading = _read_text(letter, "md")
    two = {"missing_incidents": figure_of_all, "missing_children": figure_of_all}
    three = {**two, "rhi_within_72h": figure_of_all}
    for answers, flagged in ((two, False), (three, True)):
        response = SurveyResponse.model_validate({"questionnaire": "rhi-2018", **answers})
        reports = verify(reading, response).fields
        said = [
            any("one figure answers one question" in c.message for c in r.checks if not c.passed)
            for r in reports.values()
        ]
        assert all(said) if flagged else not any(said), reports


def test_a_disagreement_of_grounded_figures_does_not_blame_the_council() -> None:
    response = SurveyResponse.model_validate(
        {
            "questionnaire": "rhi-2018",
            "rhi_completed": figure(402, "402"),
            "rhi_within_72h": figure(415, "415"),
        }
    )
    report = verify(reading("thornbury-2018.txt"), response).fields["rhi_within_72h"]
    (message,) = [c.message for c in report.checks if c.code == CheckCode.CONSISTENT]
    assert "as the council wrote" not in message
    assert "the letter's own figures disagree or one was read from the wrong place" in message
