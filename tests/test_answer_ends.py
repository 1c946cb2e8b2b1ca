"""Where answers start and end in layouts blind set R (eval/blind19) showed us: questions
quoted back in quotation marks, "5a/5b/5c." joint numbers, numbered label lines with no full
stops, a short label before a yes, a section title further down the last answer, "Comments:
N/A", section letters that name no section, and a question's options quoted before the
choice. Every letter here is our own, written for the test."""

from __future__ import annotations

from typing import Any

from rhi_llm.core.types import Letter
from rhi_llm.extract.rules import extract_rules
from rhi_llm.questions import find_questions
from rhi_llm.reading import read


def _letter(text: str, fmt: str = "txt") -> Letter:
    return Letter(path=f"t.{fmt}", format=fmt, text=text, sha256="0" * 64)  # type: ignore[arg-type]


def _answers(text: str, questionnaire: str) -> dict[str, str]:
    found = find_questions(_letter(text), only=questionnaire)
    return {q.key: text[q.answer.start : q.answer.end].strip() for q in found.questions}


def _fields(text: str, questionnaire: str) -> dict[str, Any]:
    response = extract_rules(read(_letter(text), questionnaire=questionnaire))
    return response.answers


QUOTED = """Brackenford Council, Children's Services

Our reference: BF/4410

"7c. What do you do when an interview shows the child is at risk?"
The interviewer tells the duty manager the same day and a strategy discussion is held.

"8. Please tell us anything else about your RHI service: guidance, barriers, what works."
Weekend notifications from the police arrive late, which is our main barrier.

Section B: Children placed out of area

"OOA1. How are RHIs delivered to looked-after children placed outside your area?"
[x] e) spot purchased from the host local authority
"""


def test_a_question_quoted_back_in_quotation_marks_is_found_by_its_number() -> None:
    """Question 8 has no question mark: without its number read behind the quotation mark
    it was not found, and the answer to 7c ran on into it and its answer, passing as ok."""
    answers = _answers(QUOTED, "rhi-2018")
    assert answers["7c"].endswith("a strategy discussion is held."), answers["7c"]
    assert (
        answers["8"]
        == "Weekend notifications from the police arrive late, which is our main barrier."
    )
    steps = _fields(QUOTED, "rhi-2018")["vulnerability_steps"]
    assert "Weekend notifications" not in str(steps.value)


JOINT_SLASHES = """Larkhollow Borough Council

"5a/5b/5c. For how many incidents was an RHI offered, accepted and declined?"
"6a/6b. For how many incidents was an RHI carried out, and how many within 72 hours?"

Our answers to questions 5 and 6 are in the table below.

| Measure                          | Figure |
|----------------------------------|--------|
| 5a. Interviews offered           | 804    |
| 5b. Offers the child accepted    | 611    |
| 5c. Offers declined              | 193    |
| 6a. Interviews carried out       | 580    |
| 6b. Carried out within 72 hours  | 402    |
"""


def test_numbers_joined_by_slashes_name_every_part() -> None:
    found = find_questions(_letter(JOINT_SLASHES), only="rhi-2018")
    keys = {q.key for q in found.questions}
    assert {"5a", "5b", "5c", "6a", "6b"} <= keys, keys
    fields = _fields(JOINT_SLASHES, "rhi-2018")
    assert fields["rhi_declined"].value == 193
    assert fields["rhi_within_72h"].value == 402


NUMBERED_LABELS = """Tolland Vale Council

Re: Missing children and return interviews, 1 April 2023 to 31 March 2024

1) Individual children reported missing: 212
2) Total missing incidents: 730
3) Children looked after by the council during the year: 388
4) Looked-after children who went missing: 51
5) Missing incidents of looked-after children: 263
10) Follow-up support: Yes, from the same team.
11) Comments: N/A

ADDITIONAL INFORMATION
The service was inspected in 2023.
"""


def test_numbered_label_lines_without_full_stops_are_each_their_own_sentence() -> None:
    """Five lines with no full stop read as one sentence, whose other figures and words
    made the rules leave the answers to 1, 2 and 4 out."""
    fields = _fields(NUMBERED_LABELS, "rhi-2024")
    assert fields["missing_children"].value == 212
    assert fields["missing_incidents"].value == 730
    assert fields["lac_missing_children"].value == 51


def test_a_short_label_before_yes_and_comments_n_a() -> None:
    fields = _fields(NUMBERED_LABELS, "rhi-2024")
    assert fields["follow_up_support"].value == ["yes"]
    comments = fields["comments"]
    assert comments.status == "not_answered" and comments.value is None


WORD_TEXT = """Ashbury Council
Section B: Children placed out of area
OOA5b: How many of those received an RHI?
12 interviews were completed.
OOA6: Tell us about your service for children placed out of area.
Placements far from Ashbury are the hardest to reach within 72 hours.
Additional information
The figures were taken from our case system in September.
Data Protection
Your details are kept only to answer this request.
"""


def test_the_last_answer_ends_at_a_section_title_further_down() -> None:
    """A Word document's last answer, one paragraph a line, ran on through "Additional
    information" and "Data Protection" to the letter's end and passed as ok."""
    answers = _answers(WORD_TEXT, "rhi-2018")
    assert answers["ooa-6"].endswith("within 72 hours."), answers["ooa-6"]
    value = _fields(WORD_TEXT, "rhi-2018")["ooa_comments"].value
    assert value == "Placements far from Ashbury are the hardest to reach within 72 hours."


def test_an_answer_in_capitals_is_not_a_title() -> None:
    text = (
        "Quarry Hill Council\n\n"
        "5c. How many were declined?\n(2017/18)\nNOT HELD\n\n"
        "6a. How many interviews were carried out? 410\n"
    )
    assert _answers(text, "rhi-2018")["5c"] == "(2017/18)\nNOT HELD"


SECTION_LETTERS = """Wendlecombe County Council

PART 2 - OUT OF AREA PLACEMENTS
===============================

QA2a Looked-after children placed out of area during 2017/18: 301.
QA2b Of those, children who went missing: 47. Missing incidents: 199.
QA2c Incidents where an RHI was offered: 180.
QA2d RHIs received: 122.
"""


def test_section_letters_that_name_no_section_leave_the_number_to_decide() -> None:
    """'QA' names no section of the questionnaire: it had counted against every question,
    so no out-of-area figure was found."""
    fields = _fields(SECTION_LETTERS, "rhi-2018")
    assert fields["ooa_placed_children"].value == 301
    assert fields["ooa_missing_incidents"].value == 199
    assert fields["ooa_rhi_completed"].value == 122


def test_part_numbers_still_count_against_questions() -> None:
    """'Part 1 - ...' numbers a section; it must not be taken for question 1 (a guard for
    the change above: it passed before it too)."""
    text = (
        "Eastmere Council\n\nPart 1 - Return Home Interviews\n\n"
        "1. Are RHIs delivered by a third sector agency or a council team?\n"
        "The council's own Missing Team.\n"
    )
    assert _answers(text, "rhi-2018")["1"] == "The council's own Missing Team."


OPTIONS_QUOTED = """Fallowfield Council

Children placed out of area

QOOA1. How are RHIs delivered to looked-after children placed outside your area? (a) the same \
third sector agency; (b) staff who are not the child's social worker; (c) staff who may be; \
(d) the child's own social worker; (e) bought from the host council; (f) bought from another \
provider; (g) not offered; (h) a combination; (i) other.
A: Option (f) - a regional provider travels to the placement.
"""


def test_the_questions_own_options_are_not_the_choice() -> None:
    """The options quoted before the answer began with '(a)', which the rules took as the
    choice, with no flag."""
    delivery = _fields(OPTIONS_QUOTED, "rhi-2018")["ooa_delivery"]
    assert delivery.value == ["spot_purchase_other"], delivery
    assert delivery.quote is not None and delivery.quote in OPTIONS_QUOTED


def test_a_choice_after_the_options_on_the_same_line_has_a_verbatim_quote() -> None:
    text = (
        "Hindmarsh Council\n\nChildren placed out of area\n\n"
        '"OOA1. How are RHIs delivered to looked-after children placed outside your area: (a) '
        "the same third sector agency; (b) staff who are never the social worker; (c) staff "
        "who may be; (d) the social worker; (e) the host council; (f) another provider; (g) "
        'not offered; (h) a mix of these; (i) something else?" A mix, option (h). Near '
        "placements are visited by our team.\n"
    )
    delivery = _fields(text, "rhi-2018")["ooa_delivery"]
    assert delivery.value == ["combination"], delivery
    assert delivery.quote is not None and delivery.quote.startswith("A mix, option (h).")
    assert delivery.quote in text


def test_a_numbered_underlined_title_over_q_markers_is_a_section_not_a_question() -> None:
    """'1. Current delivery' over dashes took question 1's place, and its answer took in the
    title and everything under it."""
    text = (
        "Pellworth County Council\n\n"
        "1. Current delivery\n-------------------\n"
        "Q1 Third sector agency? Yes - the Anchor Trust, a charity.\n"
        "Q1 Local authority team? No.\n\n"
        "2. Missing episodes\n-------------------\n"
        "Q4a Missing incidents reported in 2017/18: 1,310.\n"
        "Q4b Individual children: 402.\n"
    )
    found = find_questions(_letter(text), only="rhi-2018")
    starts = {q.key: text[q.question.start : q.question.end] for q in found.questions}
    assert starts["1"].startswith("Q1 Third sector agency"), starts
    assert "2" not in starts, starts
    assert _fields(text, "rhi-2018")["missing_incidents"].value == 1310


def test_a_not_about_the_children_does_not_deny_the_provider() -> None:
    """'For children not open to social care, interviews are delivered by ..., a local
    voluntary organisation': the 'not' took the voluntary organisation out of the answer,
    which passed as ok with the social worker alone."""
    from rhi_llm.core.survey import ProviderKind
    from rhi_llm.extract.providers import read_provider

    said = (
        "Where a child has a social worker, that worker completes the interview. For children"
        " not known to social care, interviews are delivered by Hillside Youth Link, a local"
        " voluntary organisation."
    )
    kinds = set(read_provider(said).kinds)
    assert kinds == {ProviderKind.SOCIAL_WORKER, ProviderKind.THIRD_SECTOR_AGENCY}, kinds
    denied = "Interviews are not delivered by a voluntary organisation; our own team does them."
    assert ProviderKind.THIRD_SECTOR_AGENCY not in read_provider(denied).kinds


def test_the_next_sheet_of_a_workbook_is_not_an_answer() -> None:
    """An empty comments row at the end of one sheet took the next sheet's title as its
    answer ("Sheet: Out of area"), verdict ok."""
    text = (
        "Sheet: Missing and RHIs\nQuestion | Description | Response\n"
        "7 | Interviews completed | 388\n"
        "8 | Comments on the service\n\n"
        "Sheet: Out of area\nQuestion | Description | Response\n"
        "1 | How RHIs reach children placed out of area | d) The child's own social worker\n"
    )
    assert "Sheet:" not in _answers(text, "rhi-2018").get("8", "")
    comments = _fields(text, "rhi-2018").get("comments")
    assert comments is None or comments.value is None


def test_nothing_to_add_at_this_stage_is_no_comment() -> None:
    text = (
        "Ferncombe Council\n\n"
        "10. Is follow-up support provided or commissioned after an RHI? Yes.\n\n"
        "11. Is there anything else you would like to tell us about your service?\n"
        "We have nothing further to add at this stage.\n"
    )
    comments = _fields(text, "rhi-2024")["comments"]
    assert comments.status == "not_answered" and comments.value is None


def test_a_subject_line_is_never_a_question() -> None:
    """'Request for information: children missing from home or care' was taken for question
    4 (looked-after children who went missing), and the intro's paragraphs below it for its
    answer: 274, the count of all children, passed as ok."""
    text = (
        "Dear Ms Arden\n\n"
        "Request for information: children missing from home or care\n\n"
        "Thank you for your request about children who go missing. Our answers follow.\n\n"
        "During the year 310 individual children were reported missing in the borough.\n\n"
        "Those children were the subject of 1,002 missing incidents.\n"
    )
    found = find_questions(_letter(text), only="rhi-2024")
    assert all(
        not text[q.question.start : q.question.end].startswith(("Request for", "Dear"))
        for q in found.questions
    ), [text[q.question.start : q.question.end] for q in found.questions]
    lac = _fields(text, "rhi-2024").get("lac_missing_children")
    assert lac is None or lac.value != 310, lac


UNWRAPPED = (  # one paragraph, one line: how the e-mail's own text comes
    "Burrowdale Council has considered your request. We have copied each of your questions "
    "below with our answer under it, and our answers are written as whole paragraphs without "
    "line breaks."
)
HARD_WRAPPED = f"""Dear Ms Pryor,

{UNWRAPPED}

2. Who delivered RHIs in 2016/17: a third sector agency or a council
team?

The council's own Family Support Service.

OOA 3. Do you offer RHIs to looked-after children placed in your area by
other councils? (yes / no / case by case)

Yes, whenever the placing authority asks us to.

OOA 6. Please tell us about your service for children placed out of
area.

We have no comments on this question.
"""


def test_a_question_hard_wrapped_in_an_e_mail_ends_where_its_paragraph_ends() -> None:
    """The request was quoted with its own line breaks into an e-mail whose answers have
    none; each question was cut at its first line's end, and the rest of it ("a third sector
    agency or a council / team?", "case by case", "area.") read as the answer, verdict ok."""
    answers = _answers(HARD_WRAPPED, "rhi-2018")
    assert answers["2"] == "The council's own Family Support Service.", answers["2"]
    assert answers["ooa-3"] == "Yes, whenever the placing authority asks us to."
    assert answers["ooa-6"] == "We have no comments on this question."
    fields = _fields(HARD_WRAPPED, "rhi-2018")
    assert fields["incoming_offered"].value == ["yes"]
    assert fields["provider_2016_17"].value != ["third_sector_agency", "local_authority_team"]
    assert fields["ooa_comments"].value is None
