"""The rules backend: each answer pattern with a case it reads and a case it declines."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import Choice, Figure, ProviderAnswer, Status, SurveyResponse, Unit
from rhi_llm.core.types import Letter
from rhi_llm.extract.rules import extract_rules
from rhi_llm.reading import read
from rhi_llm.verify import FieldReport, verify

QUESTIONS_2024 = {
    1: "How many individual children were reported missing in your area?",
    2: "How many incidents of children going missing were reported in total?",
    3: "How many children were looked after by the council during the year?",
    4: "How many individual looked after children went missing?",
    5: "How many incidents of looked after children going missing were reported?",
    6: "How many return interviews were offered following a missing incident?",
    7: "How many return interviews were completed following a missing incident?",
    8: "How many of those interviews were completed within 72 hours of the return?",
    9: "Who provides return interviews to children in your area?",
    10: "Do you provide or commission follow-up support for children after an RHI?",
    11: "Please tell us more about your service, barriers and national guidance.",
}


def letter_2024(answers: dict[int, str]) -> LetterReading:
    """A 2024 reply written for these tests, with the given answers (others left blank)."""
    parts = ["Westerby District Council", "Date: 3 May 2024", "Our ref: WDC/1234", ""]
    for number, question in QUESTIONS_2024.items():
        parts += [f"{number}. {question}", "", answers.get(number, ""), ""]
    parts += ["Yours sincerely", "Information Team"]
    text = "\n".join(parts)
    letter = Letter(
        path="test.txt", format="txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest()
    )
    reading = read(letter)
    assert reading.qmap.questionnaire == "rhi-2024"
    return reading


def _read_as(letter: str, questionnaire: str) -> LetterReading:
    """A letter written for a test, read as answering the given questionnaire."""
    return read(
        Letter(
            path="t.txt",
            format="txt",
            text=letter,
            sha256=hashlib.sha256(letter.encode()).hexdigest(),
        ),
        questionnaire=questionnaire,
    )


def given_alone(reading: LetterReading, field_id: str, value: float, quote: str) -> FieldReport:
    """The verifier's report on one count given for one field, as a backend might give it."""
    response = SurveyResponse.model_validate(
        {
            "questionnaire": reading.questionnaire,
            field_id: {"value": value, "unit": "count", "quote": quote},
        }
    )
    return verify(reading, response).fields[field_id]


def extract(answers: dict[int, str]) -> SurveyResponse:
    return extract_rules(letter_2024(answers))


def figure(response: SurveyResponse, field_id: str) -> Figure:
    answer = response.answer(field_id)
    assert isinstance(answer, Figure), f"{field_id}: {answer}"
    return answer


def assert_figure(
    response: SurveyResponse,
    field_id: str,
    value: float,
    unit: str = "count",
    of: str | None = None,
) -> None:
    found = figure(response, field_id)
    assert (found.value, found.unit, found.of, found.status) == (
        value,
        unit,
        of,
        Status.ANSWERED,
    ), found
    assert found.quote and found.quote.strip()


def assert_declined(
    response: SurveyResponse, field_id: str, status: Status = Status.NOT_ANSWERED
) -> None:
    found = response.answer(field_id)
    assert found is not None
    assert getattr(found, "value", None) is None and found.status == status, found


# -- counts, percentages, numbers in words, two figures --------------------------------------


def test_counts_with_thousands_separators_and_without() -> None:
    response = extract({1: "428.", 2: "1,429 missing incidents.", 3: "1214"})
    assert_figure(response, "missing_children", 428)
    assert_figure(response, "missing_incidents", 1429)
    assert_figure(response, "lac_total", 1214)


def test_a_block_with_no_figure_is_declined() -> None:
    response = extract({1: "Please see the spreadsheet we sent on 12 April 2024.", 2: ""})
    assert_declined(response, "missing_children")  # the date is not a count
    assert_declined(response, "missing_incidents")


def test_percentages_keep_their_base() -> None:
    response = extract(
        {
            2: "1,429.",
            6: "Interviews were offered in 87.7% of missing incidents.",
            8: "61.4% of cases where an interview was conducted were within 72 hours.",
        }
    )
    assert_figure(response, "rhi_offered", 87.7, "percent", "missing_incidents")
    assert_figure(response, "rhi_within_72h", 61.4, "percent", "rhi_completed")


def test_a_percentage_with_no_stated_base_has_no_base() -> None:
    response = extract({6: "94%."})
    assert_figure(response, "rhi_offered", 94, "percent", None)  # never a guessed base


def test_a_count_is_preferred_to_its_percentage() -> None:
    response = extract({8: "389 of the completed interviews, which is 78.3%."})
    assert_figure(response, "rhi_within_72h", 389)


def test_a_count_with_its_share_in_brackets_is_the_count() -> None:
    response = extract({8: "Of the interviews completed, 402 (58.4%) took place within 72 hours."})
    assert_figure(response, "rhi_within_72h", 402)


def test_the_whole_of_a_breakdown_is_taken_and_a_part_alone_is_flagged() -> None:
    reading = letter_2024(
        {
            6: "1,129 in all. Our own team offered interviews in 600 of them and the"
            " commissioned charity offered interviews in 529."
        }
    )
    response = extract_rules(reading)
    assert_figure(response, "rhi_offered", 1129)
    part = response.model_copy(
        update={"answers": {"rhi_offered": Figure(value=600, unit=Unit.COUNT, quote="600")}}
    )
    report = verify(reading, part).fields["rhi_offered"]
    assert report.verdict == "flagged"
    assert any("one part of 1,129" in f.message for f in report.flags), report.flags


def test_parts_of_a_whole_another_field_holds_pass() -> None:
    reading = letter_2024(
        {
            6: "Interviews were offered after 1,154 episodes.",
            7: "Of the 1,154 offers, 698 were accepted and completed and 456 were declined.",
        }
    )
    response = extract_rules(reading)
    assert_figure(response, "rhi_completed", 698)
    assert verify(reading, response).fields["rhi_completed"].verdict == "ok"


def test_a_share_after_its_base_is_the_answer_and_the_base_is_flagged() -> None:
    reading = letter_2024({6: "Of the 2,214 episodes, an interview was offered in 90.1%."})
    response = extract_rules(reading)
    assert_figure(response, "rhi_offered", 90.1, "percent", "missing_incidents")
    base = response.model_copy(
        update={
            "answers": {"rhi_offered": Figure(value=2214, unit=Unit.COUNT, quote="2,214 episodes")}
        }
    )
    report = verify(reading, base).fields["rhi_offered"]
    assert any("is the base that 90.1%" in f.message for f in report.flags), report.flags


def test_a_count_within_another_span_of_time_is_flagged() -> None:
    reading = letter_2024(
        {
            8: "We do not hold the time of return. 804 interviews took place within five"
            " working days."
        }
    )
    response = SurveyResponse.model_validate(
        {
            "questionnaire": "rhi-2024",
            "rhi_within_72h": {"value": 804, "unit": "count", "quote": "804 interviews took place"},
        }
    )
    report = verify(reading, response).fields["rhi_within_72h"]
    assert any("within five working days" in f.message for f in report.flags), report.flags


def test_a_percentage_in_bold_keeps_its_base() -> None:
    response = extract({7: "An interview took place after **52.6%** of all missing episodes."})
    assert_figure(response, "rhi_completed", 52.6, "percent", "missing_incidents")


def test_numbers_in_words() -> None:
    response = extract({4: "Fifty-two children.", 5: "Two hundred and six episodes."})
    assert_figure(response, "lac_missing_children", 52)
    assert_figure(response, "lac_missing_incidents", 206)


def test_one_as_a_pronoun_is_not_a_count() -> None:
    response = extract({4: "One of the team keeps this list; we cannot say how many."})
    assert_declined(response, "lac_missing_children")


def test_two_figures_in_one_sentence_feed_two_fields() -> None:
    response = extract(
        {
            1: "See the answer to question 2.",
            2: "1,032 missing episodes relating to 287 children.",
        }
    )
    assert_figure(response, "missing_incidents", 1032)
    assert_figure(response, "missing_children", 287)


def test_the_other_figure_of_the_sentence_is_not_taken() -> None:
    response = extract({7: "1,102 interviews were completed. A further 167 offers were declined."})
    assert_figure(response, "rhi_completed", 1102)
    assert_figure(response, "rhi_declined", 167)


# -- statuses and decoys ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("This information is not held.", Status.NOT_HELD),
        ("We do not record this separately.", Status.NOT_HELD),
        ("Providing this would exceed the appropriate limit under section 12.", Status.REFUSED),
        ("The figure is fewer than 5 and is withheld under section 40(2).", Status.EXEMPT),
        ("This letter acts as a refusal notice.", Status.REFUSED),
        ("Refused under section 12 - offers are not recorded in a reportable way.", Status.REFUSED),
        (
            "We are unable to provide this figure. Each of the 900 files would have to be read,"
            " about 150 hours, above the cost limit in section 12.",
            Status.REFUSED,
        ),
        ("We are unable to provide this figure. The field was added in 2024.", Status.NOT_HELD),
    ],
)
def test_status_phrases(answer: str, status: Status) -> None:
    assert_declined(extract({3: answer}), "lac_total", status)


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("The council looked after 326\nchildren in 2022/23 and 356 children in 2023/24.", 356),
        ("We looked after 356 children. The comparable figure for 2022/23 was 326 children.", 356),
        ("We looked after 356 children in 2023/24, up from 326 children the year before.", 356),
        ("356 (2022/23: 326)", 356),
    ],
)
def test_another_years_figure_is_not_taken(answer: str, value: int) -> None:
    assert_figure(extract({3: answer}), "lac_total", value)


def test_a_refusal_over_a_line_break_and_figures_that_are_no_answer() -> None:
    refused = extract(
        {
            3: "Whether a child was looked after is not a reportable field. To answer these two"
            " parts an officer would read 623 records, more than the hours allowed under"
            " section\n12, so this part of the request is refused."
        }
    )
    assert_declined(refused, "lac_total", Status.REFUSED)
    advice = extract(
        {
            4: "It may help you to know that 37 children were discussed at the panel; it is not"
            " an answer to your question 4."
        }
    )
    assert_declined(advice, "lac_missing_children")


def test_decoy_figures_inside_a_refusal_are_not_taken() -> None:
    response = extract(
        {
            3: (
                "We would need to read about 640 case files at 15 minutes each, 160 hours in all, "
                "which would exceed the appropriate limit of 18 hours (section 12)."
            )
        }
    )
    assert_declined(response, "lac_total", Status.REFUSED)
    response = extract(
        {3: "We hold 639 paper forms for that year; however, the number is not held."}
    )
    assert_declined(response, "lac_total", Status.NOT_HELD)


def test_not_applicable_is_not_answered() -> None:
    assert_declined(extract({3: "N/A"}), "lac_total")


def test_the_year_not_asked_is_not_taken() -> None:
    response = extract({3: "702 children in 2022/23, and 688 in 2023/24."})
    assert_figure(response, "lac_total", 688)


# -- yes/no, ticks, providers -------------------------------------------------------------------


def choice(response: SurveyResponse, field_id: str) -> Any:
    answer = response.answer(field_id)
    assert answer is not None
    value = answer.value
    return sorted(value) if isinstance(value, list) else value


def test_yes_no_and_a_blank() -> None:
    assert choice(
        extract({10: "Yes. Up to six sessions with a key worker."}), "follow_up_support"
    ) == ["yes"]
    assert choice(extract({10: "No – not specific to RHIs."}), "follow_up_support") == ["no"]
    assert_declined(extract({10: ""}), "follow_up_support")
    assert_declined(extract({10: "Please see our website."}), "follow_up_support")


def test_tick_boxes() -> None:
    response = extract(
        {
            9: "[ ] A third sector organisation\n[X] A dedicated team within the "
            "local authority\n[ ] Youth workers\n[X] An independent commissioned "
            "service"
        }
    )
    assert choice(response, "provider") == [
        "commissioned_independent_service",
        "local_authority_team",
    ]
    response = extract({9: "[ ] A third sector organisation\n[ ] Youth workers"})
    assert_declined(response, "provider")


@pytest.mark.parametrize(
    ("answer", "kinds"),
    [
        ("Dedicated team within the local authority - the Horizon Team.", ["local_authority_team"]),
        ("The Lantern Project, a local children's charity.", ["third_sector_agency"]),
        ("The child's allocated social worker.", ["social_worker"]),
        ("Youth workers from the council youth service.", ["youth_worker"]),
        (
            "We commission an independent provider, Northway Interviews Ltd.",
            ["commissioned_independent_service"],
        ),
        (
            "No third sector agency is involved; the child's social worker does it.",
            ["social_worker"],
        ),
        (
            "A third sector agency: no. A council team: yes, the Missing Team.",
            ["local_authority_team"],
        ),
        (
            "A social worker (including the child's own social worker): No\n"
            "A dedicated team within the council: Yes - the Return Team",
            ["local_authority_team"],
        ),
        (
            "Youth workers from the council's Targeted Youth Support service.",
            ["youth_worker", "local_authority_team"],
        ),
        (
            "Keystone Youth Services Ltd, an independent provider commissioned by the council.",
            ["commissioned_independent_service"],
        ),
        (
            "The Lantern Trust, a registered charity, has delivered them since 2022. Until then"
            " they were carried out by the council's own Missing Team, which no longer exists.",
            ["third_sector_agency"],
        ),
        (
            "Council team or named post - Yes (the Missing Worker)\nYouth worker - No\n"
            "Other - Yes. A police Early Intervention Officer sees some 16 and 17 year olds.",
            ["local_authority_team", "other"],
        ),
        (
            "The council's Family Hub workers. Young people in a housing association scheme"
            " are seen by their housing key worker.",
            ["local_authority_team", "other"],
        ),
        (
            "The allocated social worker or, for children not open to social care, by the"
            " police officer who did the safe and well check.",
            ["social_worker", "other"],
        ),
        (
            "The Lantern Trust, a charity. We do not use youth workers, social workers or any"
            " other provider.",
            ["third_sector_agency"],
        ),
        ("The Missing Team.\nOther - No", ["local_authority_team"]),
    ],
)
def test_provider_kinds(answer: str, kinds: list[str]) -> None:
    assert choice(extract({9: answer}), "provider") == sorted(kinds)


def test_a_provider_of_the_past_counts_for_a_past_year() -> None:
    letter = (
        "Freedom of Information response\n\n1. Who delivers return home interviews now?\n\n"
        "The Lantern Trust, a charity.\n\n2. Who delivered them in 2016/17?\n\n"
        "Until March 2017 they were carried out by the council's Missing Team.\n"
    )
    reading = _read_as(letter, "rhi-2018")
    response = extract_rules(reading)
    assert choice(response, "provider_2016_17") == ["local_authority_team"]
    assert choice(response, "provider") == ["third_sector_agency"]


def test_a_joint_answer_for_three_years_gives_each_year_its_own_sentences() -> None:
    letter = (
        "Freedom of Information response\n\n1. Who delivers return home interviews now?\n"
        "2. Who delivered them in 2016/17?\n3. Who delivered them in 2013/14?\n\n"
        "Questions 1 to 3: at present, and throughout 2016/17, interviews have been carried out"
        " by the council's own Safe Return Team. In 2013/14 the work was done by the Lantern"
        " Trust, a local charity.\n\n4a. How many missing incidents were reported?\n\n100.\n"
    )
    reading = _read_as(letter, "rhi-2018")
    response = extract_rules(reading)
    assert choice(response, "provider") == ["local_authority_team"]
    assert choice(response, "provider_2016_17") == ["local_authority_team"]
    assert choice(response, "provider_2013_14") == ["third_sector_agency"]


def test_one_line_of_boxes_marks_the_words_after_the_ticked_one() -> None:
    from rhi_llm.extract.ticks import ticked_options

    ticks = ticked_options("[ ] Yes  [X] No  [ ] Case by case")
    assert [t.text for t in ticks] == ["[X] No"]


def test_provider_agency_name() -> None:
    answer = extract({9: "The Lantern Project, a local children's charity."}).answer("provider")
    assert isinstance(answer, ProviderAnswer) and answer.agency == "The Lantern Project"


# -- every figure carries a verbatim quote -------------------------------------------------------


def test_quotes_are_verbatim() -> None:
    reading = letter_2024(
        {
            2: "1,032 missing episodes relating to 287 children.",
            6: "Offered in 87.7% of missing incidents.",
        }
    )
    response = extract_rules(reading)
    for field_id, answer in response.answers.items():
        if isinstance(answer, Figure) and answer.quote:
            assert answer.quote in reading.text, field_id


def test_metadata() -> None:
    response = extract({1: "428."})
    assert response.council == "Westerby District Council"
    assert response.reference == "WDC/1234"
    assert response.response_date == "2024-05-03"
    assert response.period is not None and response.period.start == "2023-04-01"


# -- free text --------------------------------------------------------------------------------


def _comments(answer: str, after: str = "") -> Any:
    reading = letter_2024({11: answer})
    if after:
        text = reading.text.replace("Yours sincerely", after + "\n\nYours sincerely")
        reading = read(
            Letter(
                path="t.txt",
                format="txt",
                text=text,
                sha256=hashlib.sha256(text.encode()).hexdigest(),
            )
        )
    return extract_rules(reading).answer("comments")


def test_free_text_loses_its_response_label() -> None:
    found = _comments("Response: Interviews are offered at school where the child asks.")
    assert found.value == "Interviews are offered at school where the child asks."


@pytest.mark.parametrize("answer", ["No further comments.", "-", "Nothing further to add."])
def test_nothing_to_add_is_no_answer(answer: str) -> None:
    assert _comments(answer).status == Status.NOT_ANSWERED


def test_see_note_is_followed_and_an_unfollowable_pointer_declined() -> None:
    found = _comments("See note C", after="Note C. Weekend returns are seen on the Monday.")
    assert found.value == "Weekend returns are seen on the Monday."
    assert _comments("See the attached report").status == Status.NOT_ANSWERED


def test_free_text_stops_at_the_next_question_quoted_on_its_own_line() -> None:
    found = _comments("We work closely with schools.\n\nWhat else would you like to know?\n\nMore.")
    assert found.value == "We work closely with schools."


def _counted_from(answer: str) -> list[str]:
    letter = (
        "Freedom of Information response\n\n6c. How is the 72 hours measured?\n\n"
        "(i) Is it counted from the return or from the police referral?\n\n"
        + answer
        + "\n\n(ii) Hours or days, calendar or working days?\n\nHours\nor working days?\n"
    )
    reading = _read_as(letter, "rhi-2018")
    found: list[str] = choice(extract_rules(reading), "measure_72h_from")
    return found


@pytest.mark.parametrize(
    ("answer", "option"),
    [
        (
            "The clock starts when the police referral reaches us, not when the child returns.",
            "police_referral",
        ),
        ("The time runs from the child's return, not from the referral.", "return"),
        ("Return (the time found, from the police safe and well record).", "return"),
        ("From the time the police notification reaches us, not the return.", "police_referral"),
        ("From the time the police record the child as returned.", "return"),
        ("The period starts on the day the child returns.", "return"),
    ],
)
def test_what_the_72_hours_count_from(answer: str, option: str) -> None:
    assert _counted_from(answer) == [option]


def test_a_unit_the_answer_denies_is_not_taken() -> None:
    letter = (
        "Freedom of Information response\n\n6c. How is the 72 hours measured?\n\n"
        "(ii) Hours or days, calendar or working days?\n\n"
        "Elapsed clock hours, day and night. We do\nnot use working days.\n\n"
        "(iii) Any adjustment for a child who goes missing again?\n\nNo.\n"
    )
    reading = _read_as(letter, "rhi-2018")
    assert choice(extract_rules(reading), "measure_72h_units") == ["hours"]


def test_an_option_in_the_next_questions_wording_is_not_the_answer() -> None:
    letter = (
        "Freedom of Information response\n\n"
        "Do you offer RHIs to looked after children whom other councils have placed in your"
        " area? Yes.\n\nIf yes, or case by case, who carries out those RHIs? The Safety Team.\n"
    )
    reading = _read_as(letter, "rhi-2018")
    assert choice(extract_rules(reading), "incoming_offered") == ["yes"]


def test_a_figure_after_a_semicolon_is_given_though_the_clause_before_withholds() -> None:
    letter = (
        "Freedom of Information response\n\n"
        "Out of area 2b. How many of those children went missing?\n\n"
        "The number of children is fewer than five and is withheld under section 40(2);"
        " those children went missing on 9 occasions in total.\n\n"
        "Out of area 2c. How many were offered an RHI?\n\nAll of them.\n"
    )
    reading = _read_as(letter, "rhi-2018")
    response = extract_rules(reading)
    assert_declined(response, "ooa_missing_children", Status.EXEMPT)
    assert_figure(response, "ooa_missing_incidents", 9)
    report = verify(reading, response).fields["ooa_missing_incidents"]
    assert report.verdict == "ok", report.checks


def test_in_a_two_column_schedule_the_questions_words_do_not_name_the_answers_figure() -> None:
    letter = (
        "Freedom of Information response\n\nPART B - OUT OF AREA PLACEMENTS\n\n"
        "B1    How RHIs reach our children placed       [X] d  (their own social worker)\n"
        "      outside the borough (tick one)\n"
        "B2a   Our looked after children placed out     151\n"
        "      of area during 2017/18\n"
        "B2b   ... of whom went missing                 14 children, 40 episodes\n"
        "B2c   ... offered an RHI                       38\n"
        "B2d   ... who received an RHI                  25\n"
        "B3    Do we offer RHIs to children placed      [X] Yes  [ ] No\n"
        "      here by other councils?\n"
        "B4    If yes, which agency delivers them       The Safe Return Team.\n"
        "B5a   Looked after children placed here         236\n"
        "      by other councils, 2017/18\n"
        "B5b   ... of whom received an RHI               31 of them were reported missing\n"
        "                                                here (90 episodes). Whether the\n"
        "                                                placing council then held an\n"
        "                                                interview is not held by us.\n"
        "B6    Other comments on out of area             None.\n"
    )
    reading = _read_as(letter, "rhi-2018")
    response = extract_rules(reading)
    assert_figure(response, "incoming_missing_children", 31)
    assert_figure(response, "incoming_missing_incidents", 90)
    assert_declined(response, "incoming_rhi_completed", Status.NOT_HELD)


def test_a_row_label_that_names_its_unit_gives_a_percentages_base() -> None:
    response = extract({6: "Return interviews offered (% of episodes)        91%"})
    assert_figure(response, "rhi_offered", 91, "percent", "missing_incidents")


def _delivered(answer: str, number: str = "Out of area 1.") -> Any:
    letter = (
        "Freedom of Information response\n\n"
        f"{number} How are RHIs delivered to your looked after children placed outside"
        " your area?\n\n"
        f"{answer}\n\n"
        "Out of area 2a. How many looked after children were placed out of area?\n\n74.\n"
    )
    reading = _read_as(letter, "rhi-2018")
    response = extract_rules(reading)
    return choice(response, "ooa_delivery"), verify(reading, response).fields["ooa_delivery"]


@pytest.mark.parametrize(
    ("answer", "options"),
    [
        ("(h) A combination, depending on where the child lives.", ["combination"]),
        ("Option d): by the child's own social worker.", ["own_social_worker"]),
        (
            "We spot purchase from another provider (option (f)).",
            ["spot_purchase_other"],
        ),
        (
            "(b) and (e), depending on the distance.",
            ["childrens_services_not_social_worker", "spot_purchase_host_authority"],
        ),
    ],
)
def test_an_option_chosen_by_its_letter(answer: str, options: list[str]) -> None:
    chosen, report = _delivered(answer)
    assert chosen == options
    assert report.verdict == "ok", report.checks


def test_an_option_letter_after_the_questions_number_is_the_answer() -> None:
    chosen, report = _delivered("(d) By the child's own social worker.", number="9.")
    assert chosen == ["own_social_worker"]
    assert report.verdict == "ok", report.checks


def test_an_option_the_answers_letter_and_words_do_not_support_is_flagged() -> None:
    letter = (
        "Freedom of Information response\n\n"
        "Out of area 1. How are RHIs delivered to your looked after children placed outside"
        " your area?\n\n(b) By children's services, but never the child's social worker.\n\n"
        "Out of area 2a. How many looked after children were placed out of area?\n\n74.\n"
    )
    reading = _read_as(letter, "rhi-2018")
    response = extract_rules(reading)
    wrong = response.model_copy(
        update={
            "answers": {
                "ooa_delivery": Choice(
                    value=["own_social_worker"],
                    quote="(b) By children's services, but never the child's social worker.",
                )
            }
        }
    )
    assert verify(reading, wrong).fields["ooa_delivery"].verdict == "flagged"
    assert verify(reading, response).fields["ooa_delivery"].verdict == "ok"


_NUMBERED_ONLY = {
    1: "402 children",
    2: "1,311 episodes",
    3: "640 children looked after in the year",
    4: "88 children",
    5: "297 episodes",
    6: "1,290 interviews offered",
    7: "1,004 completed",
    8: "801 within 72 hours",
    9: "The council's Missing Team.",
}


@pytest.mark.parametrize(
    ("layout", "blank_after"),
    [
        ("Q{n}  {answer}", False),  # the answer on the marker's line, one line each
        ("Question {n} - {label}\n\n{answer}", True),  # a short label over a blank line
    ],
)
def test_a_yes_after_a_bare_number_or_a_short_label_is_the_answer(
    layout: str, blank_after: bool
) -> None:
    labels = {10: "follow-up support", 11: "further information"}
    answers = {
        **_NUMBERED_ONLY,
        10: "Yes. Our practitioners can offer follow-up support for 8 weeks after the interview.",
        11: "Nothing further to add.",
    }
    parts = ["Westerby District Council", "Our ref: WDC/4410", "Period: 2023/24", ""]
    for n, answer in answers.items():
        parts.append(layout.format(n=n, answer=answer, label=labels.get(n, "figures")))
        parts += [""] if blank_after else []
    response = extract_rules(_read_as("\n".join(parts), "rhi-2024"))
    assert choice(response, "follow_up_support") == ["yes"]
    assert_figure(response, "lac_missing_incidents", 297)


def test_a_yes_after_a_response_label_is_the_answer() -> None:
    response = extract({10: "Response: Yes. The team offers up to six further sessions."})
    assert choice(response, "follow_up_support") == ["yes"]


@pytest.mark.parametrize(
    ("answer", "options"),
    [
        ("Brookside Young People's Trust, as for our own children.", ["third_sector_agency"]),
        ("Our own Missing Children Service, with the same workers.", ["local_authority_team"]),
        ("The Missing and Exploitation Hub.", ["local_authority_team"]),
    ],
)
def test_who_interviews_children_placed_here(answer: str, options: list[str]) -> None:
    letter = (
        "Freedom of Information response\n\n"
        "Out of area 3. Do you offer RHIs to looked after children placed in your area by"
        " other councils?\n\nYes.\n\n"
        "Out of area 4. If yes or case by case, which agency delivers them?\n\n"
        f"{answer}\n\n"
        "Out of area 5a. How many looked after children did other councils place in your"
        " area?\n\n58.\n"
    )
    reading = _read_as(letter, "rhi-2018")
    response = extract_rules(reading)
    assert choice(response, "incoming_provider") == options
    assert verify(reading, response).fields["incoming_provider"].verdict == "ok"


_SEE_TABLE_LETTER = (
    "Freedom of Information response\n\n"
    "No. | Question | Response\n"
    "4a | Number of missing incidents reported | Please see Table B.\n"
    "4b | Number of individual children those incidents relate to | 287 children.\n"
    "5a | Incidents in which an RHI was offered | 702 incidents.\n"
    "6a | Number of incidents in which an RHI was carried out | See Table B.\n"
    "6b | Number carried out within 72 hours of the child's return | See Table B.\n\n"
    "Table B - incidents and interviews by quarter\n"
    "Quarter | Missing incidents (4a) | RHIs carried out (6a) | Within 72 hours (6b)\n"
    "Q1 Apr-Jun 2017 | 190 | 120 | 81\n"
    "Q2 Jul-Sep 2017 | 201 | 133 | 90\n"
    "Q3 Oct-Dec 2017 | 176 | 119 | 77\n"
    "Q4 Jan-Mar 2018 | 213 | 140 | 99\n"
    "Total 2017/18 | 780 | 512 | 347\n"
)


def test_an_answer_that_points_to_a_table_takes_its_total_row_and_own_column() -> None:
    reading = _read_as(_SEE_TABLE_LETTER, "rhi-2018")
    response = extract_rules(reading)
    assert_figure(response, "missing_incidents", 780)
    assert_figure(response, "rhi_completed", 512)
    assert_figure(response, "rhi_within_72h", 347)
    report = verify(reading, response)
    for field_id in ("missing_incidents", "rhi_completed", "rhi_within_72h"):
        assert report.fields[field_id].verdict == "ok", report.fields[field_id].checks


def test_a_figure_from_another_questions_column_of_the_table_is_flagged() -> None:
    reading = _read_as(_SEE_TABLE_LETTER, "rhi-2018")
    wrong = extract_rules(reading).model_copy(
        update={"answers": {"rhi_completed": Figure(value=347, unit=Unit.COUNT, quote="347")}}
    )
    report = verify(reading, wrong).fields["rhi_completed"]
    assert report.verdict == "flagged"
    assert any("headed for question 6b" in f.message for f in report.flags), report.flags


def test_quarters_named_q1_to_q4_over_a_total_are_quarters_not_question_numbers() -> None:
    """A table of quarters headed "Q1" to "Q4" with a total row: the year's figure is the
    total, and a quarter's figure given for the year is flagged."""
    letter = (
        "Brackwater Council - FOI 24/118\n\n"
        "6. How many return interviews were offered after a missing incident?\n"
        "7. How many return interviews were completed?\n\n"
        "Both answers are in the table below.\n\n"
        "| Period | Offered | Completed |\n|---|---|---|\n"
        "| Q1 | 210 | 150 |\n| Q2 | 190 | 141 |\n| Q3 | 205 | 160 |\n| Q4 | 198 | 139 |\n"
        "| Total | 803 | 590 |\n\n"
        "Yours sincerely\n"
    )
    reading = _read_as(letter, "rhi-2024")
    response = extract_rules(reading)
    assert_figure(response, "rhi_offered", 803)
    assert_figure(response, "rhi_completed", 590)
    report = given_alone(reading, "rhi_completed", 150, "150")
    assert report.verdict == "flagged"
    assert any("part of the period" in c.message for c in report.checks if not c.passed)


def test_a_count_after_of_the_n_completed_is_a_part_not_the_completed_count() -> None:
    """ "1,402 were completed. Of the 1,402 completed in 2017/18, 1,036 took place within
    72 hours": the completed count is 1,402; 1,036 is a part of it, and given as the
    completed count it is flagged."""
    letter = (
        "Wrexley Council - FOI 18/2204\n\n"
        "6a. In how many incidents was an RHI carried out?\n\n"
        "Interviews were carried out after 1,402 incidents in 2017/18. Of the 1,402 completed"
        " in 2017/18, 1,036 took place within three working days.\n\n"
        "Yours sincerely\n"
    )
    reading = _read_as(letter, "rhi-2018")
    response = extract_rules(reading)
    assert_figure(response, "rhi_completed", 1402)
    report = given_alone(reading, "rhi_completed", 1036, "1,036 took place")
    assert report.verdict == "flagged"
    assert any(
        "is a part of 'the 1,402 completed in 2017/18'" in c.message
        for c in report.checks
        if not c.passed
    ), report.checks


def test_the_questions_options_retold_in_an_answer_are_not_providers() -> None:
    from rhi_llm.extract.providers import read_provider

    said = read_provider(
        "Asked who carries out the interviews, and whether this is a charity or a team within"
        " the council, the council said they are done by its own Missing Persons Team."
    )
    assert [k.value for k in said.kinds] == ["local_authority_team"]


def test_a_team_named_by_its_letters_or_taking_the_work_in_house_is_a_council_team() -> None:
    """2016/17 split between a charity and the council: "the MEH took the work in-house",
    where the letter named the "Missing and Exploitation Hub (MEH)" before."""
    from rhi_llm.extract.providers import read_provider, with_abbreviations

    letter = "1. Our Missing and Exploitation Hub (MEH) carries out every interview."
    for answer in (
        "Harbour Lights, a charity, until 30 June 2016; the MEH from 1 July 2016.",
        "Harbour Lights, a charity, held the contract until June 2016, when the work came"
        " in-house.",
    ):
        kinds = read_provider(with_abbreviations(answer, letter), now=False).kinds
        assert [k.value for k in kinds] == ["third_sector_agency", "local_authority_team"]


def test_a_share_of_the_children_in_answer_1_is_a_share_of_question_1s_count() -> None:
    """ "4. ... 23.9% of the children in answer 1 were looked after": the 1 names an
    answer, not a count, and the share's base is question 1's count."""
    response = extract(
        {
            1: "1,204 children were reported missing.",
            3: "640 children were looked after during the year.",
            4: "23.9% of the children in answer 1 were looked after when they went missing.",
        }
    )
    got = figure(response, "lac_missing_children")
    assert (got.value, got.unit, got.of) == (23.9, Unit.PERCENT, "missing_children")


def test_children_who_left_care_in_the_year_are_not_the_children_looked_after() -> None:
    response = extract(
        {
            3: "We looked after 447 children during the year; 311 were in care on 31 March"
            " 2024, and 236 children ceased to be looked after in the year."
        }
    )
    assert_figure(response, "lac_total", 447)
    reading = letter_2024({3: "236 children ceased to be looked after in the year."})
    assert given_alone(reading, "lac_total", 236, "236 children ceased").verdict == "flagged"


def test_no_further_comments_over_a_footnote_is_no_answer() -> None:
    response = extract(
        {
            11: "We have no further comments to add.\nFigures may be revised as records are"
            " completed."
        }
    )
    assert response.answers["comments"].status == Status.NOT_ANSWERED


def test_a_figure_the_count_rose_from_is_the_earlier_years() -> None:
    response = extract({7: "The number of completed interviews rose from 688 to 815 this year."})
    assert_figure(response, "rhi_completed", 815)


def test_a_quarters_figure_in_a_sentence_that_gives_the_years_total_is_not_the_year() -> None:
    reading = letter_2024(
        {
            8: "Within 72 hours: 171 in the first quarter, 190 in the second, 152 in the third"
            " and 177 in the fourth, making 690 for the year."
        }
    )
    assert_figure(extract_rules(reading), "rhi_within_72h", 690)
    report = given_alone(reading, "rhi_within_72h", 171, "171 in the first quarter")
    assert report.verdict == "flagged"
