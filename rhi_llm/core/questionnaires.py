"""The questionnaires: every question of both, its number, our own short wording, the cues the
question finder looks for, and the canonical fields it feeds.

These tables become data files in a later change; for now they are the one place that knows
which question asks what.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rhi_llm.core.survey import FIELDS, Questionnaire


class Question(BaseModel):
    """One question of a questionnaire: its number, our short wording, and what it feeds."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(description="unique within the questionnaire: '4a', 'ooa-2b', '6c-ii'")
    label: str = Field(description="the number as printed: '4b', 'out-of-area 2b', '7'")
    section: Literal["main", "out_of_area"] = "main"
    number: int
    part: str = ""
    subpart: str = ""
    alt_numbers: tuple[int, ...] = ()
    wording: str = Field(description="what the question asks, in our own words")
    cues: tuple[str, ...] = Field(description="regexes of the question's distinctive words")
    fields: tuple[str, ...] = ()

    @property
    def numbers(self) -> tuple[int, ...]:
        return (self.number, *self.alt_numbers)


_YEAR_2016 = r"2016\s*[/-]\s*(?:20)?17|2016 to 2017"
_YEAR_2013 = r"2013\s*[/-]\s*(?:20)?14|2013 to 2014"
_RHI = r"\brhis?\b|return (?:home )?interviews?"


def _q(
    key: str,
    label: str,
    number: int,
    wording: str,
    cues: tuple[str, ...],
    fields: tuple[str, ...] = (),
    *,
    part: str = "",
    subpart: str = "",
    section: Literal["main", "out_of_area"] = "main",
    alt: tuple[int, ...] = (),
) -> Question:
    return Question(
        key=key,
        label=label,
        section=section,
        number=number,
        part=part,
        subpart=subpart,
        alt_numbers=alt,
        wording=wording,
        cues=cues,
        fields=fields,
    )


_OOA: Literal["out_of_area"] = "out_of_area"

QUESTIONS_2018: tuple[Question, ...] = (
    _q(
        "1",
        "1",
        1,
        "Who delivers RHIs now: a third sector agency (which) or a council team "
        "(which team or role)?",
        (r"\bcurrently\b", r"deliver", r"missing from home or care", r"\bby:?\s*$"),
        ("provider",),
    ),
    _q(
        "2",
        "2",
        2,
        "Who delivered RHIs in 2016/17: third sector agency or council team?",
        (_YEAR_2016, r"deliver", r"missing from home or care"),
        ("provider_2016_17",),
    ),
    _q(
        "3",
        "3",
        3,
        "Who delivered RHIs in 2013/14: third sector agency or council team?",
        (_YEAR_2013, r"deliver", r"missing from home or care"),
        ("provider_2013_14",),
    ),
    _q(
        "4a",
        "4a",
        4,
        "Number of missing incidents reported in the year to 31 March 2018.",
        (
            r"how many",
            r"incidents",
            r"going missing|gone missing|went missing",
            r"reported",
            r"between|during|in the year",
        ),
        ("missing_incidents",),
        part="a",
    ),
    _q(
        "4b",
        "4b",
        4,
        "Number of individual children those incidents relate to.",
        (r"individual", r"children", r"relate|this figure|same time"),
        ("missing_children",),
        part="b",
    ),
    _q(
        "5a",
        "5a",
        5,
        "For how many incidents was an RHI offered to child or parent/carer?",
        (r"how many", r"\boffer(?:ed)?\b", _RHI, r"young person|parent|carer"),
        ("rhi_offered",),
        part="a",
    ),
    _q(
        "5b",
        "5b",
        5,
        "How many offers did the child accept?",
        (r"\boffers?\b", r"accepted", r"child|young person"),
        ("rhi_accepted",),
        part="b",
    ),
    _q(
        "5c",
        "5c",
        5,
        "For how many incidents was the offer declined?",
        (r"\boffer\b", r"declined", r"young person|parent|carer"),
        ("rhi_declined",),
        part="c",
    ),
    _q(
        "6a",
        "6a",
        6,
        "For how many incidents in the year was an RHI carried out?",
        (
            r"how many",
            r"carried out|conducted|took place|completed",
            _RHI,
            r"reported between|incidents",
        ),
        ("rhi_completed",),
        part="a",
    ),
    _q(
        "6b",
        "6b",
        6,
        "How many incidents had an RHI within 72 hours of the child's return?",
        (r"72\s*h(?:ou)?rs?|seventy.two", r"within", r"return", r"how many"),
        ("rhi_within_72h",),
        part="b",
    ),
    _q(
        "6c",
        "6c",
        6,
        "How is the 72 hours measured, and on what assumptions?",
        (r"explain", r"measured", r"assumptions?", r"72"),
        (),
        part="c",
    ),
    _q(
        "6c-i",
        "6c(i)",
        6,
        "Is the 72 hours counted from the return or the police referral?",
        (r"calculate from", r"return", r"police referral"),
        ("measure_72h_from",),
        part="c",
        subpart="i",
    ),
    _q(
        "6c-ii",
        "6c(ii)",
        6,
        "Hours or days, and calendar or working days?",
        (r"hours or days", r"calendar", r"working days"),
        ("measure_72h_units",),
        part="c",
        subpart="ii",
    ),
    _q(
        "6c-iii",
        "6c(iii)",
        6,
        "Any adjustment when the child goes missing again before an RHI?",
        (r"adjustments?", r"missing again", r"exclude|most recent"),
        ("measure_72h_adjustments",),
        part="c",
        subpart="iii",
    ),
    _q(
        "7a",
        "7a",
        7,
        "Is follow-up support provided or commissioned after an RHI?",
        (r"follow.up support", r"provide or commission", _RHI),
        ("follow_up_support",),
        part="a",
    ),
    _q(
        "7b",
        "7b",
        7,
        "What is done with the information gathered in an RHI?",
        (r"information collected|information gathered", r"what happens", _RHI),
        ("info_use",),
        part="b",
    ),
    _q(
        "7c",
        "7c",
        7,
        "What steps follow when a vulnerability is identified?",
        (r"steps", r"vulnerabilit", r"identified"),
        ("vulnerability_steps",),
        part="c",
    ),
    _q(
        "8",
        "8",
        8,
        "Tell us about your service: guidance changes, barriers, what works.",
        (r"tell us more", r"national guidance", r"barriers", r"working well"),
        ("comments",),
    ),
    _q(
        "ooa-1",
        "out-of-area 1",
        1,
        "How are RHIs delivered to looked-after children placed "
        "outside the area? (tick one of options a-i)",
        (r"looked.after children", r"placed outside|placed out of", r"tick", r"deliver"),
        ("ooa_delivery",),
        section=_OOA,
        alt=(9,),
    ),
    _q(
        "ooa-2a",
        "out-of-area 2a",
        2,
        "How many children in care were placed out of area in the year?",
        (
            r"how many",
            r"in the care|in care|looked.after",
            r"placed out of area",
            r"between|during|in the year",
        ),
        ("ooa_placed_children",),
        part="a",
        section=_OOA,
        alt=(10,),
    ),
    _q(
        "ooa-2b",
        "out-of-area 2b",
        2,
        "How many of those placed out of area went missing?",
        (r"how many", r"placed out of area", r"went missing|go missing|gone missing"),
        ("ooa_missing_children", "ooa_missing_incidents"),
        part="b",
        section=_OOA,
        alt=(10,),
    ),
    _q(
        "ooa-2c",
        "out-of-area 2c",
        2,
        "Of those, how many were offered an RHI?",
        (r"of that figure|of those", r"offered", _RHI),
        ("ooa_rhi_offered",),
        part="c",
        section=_OOA,
        alt=(10,),
    ),
    _q(
        "ooa-2d",
        "out-of-area 2d",
        2,
        "How many received an RHI?",
        (r"how many", r"received", _RHI),
        ("ooa_rhi_completed",),
        part="d",
        section=_OOA,
        alt=(10,),
    ),
    _q(
        "ooa-3",
        "out-of-area 3",
        3,
        "Do you offer RHIs to looked-after children placed in your "
        "area by other councils? (yes / no / case by case)",
        (r"other local authorities|other councils", r"placed in your", r"offer", r"tick"),
        ("incoming_offered",),
        section=_OOA,
        alt=(11,),
    ),
    _q(
        "ooa-4",
        "out-of-area 4",
        4,
        "If yes or case by case: which agency delivers RHIs to this group?",
        (r"which agency", r"responsible", r"this group", r"case.by.case"),
        ("incoming_provider",),
        section=_OOA,
        alt=(12,),
    ),
    _q(
        "ooa-5a",
        "out-of-area 5a",
        5,
        "How many looked-after children did other councils place in your area in the year?",
        (
            r"how many",
            r"placed in your",
            r"by other local "
            r"authorities|by other councils",
            r"looked.after",
        ),
        ("incoming_placed_children",),
        part="a",
        section=_OOA,
        alt=(13,),
    ),
    _q(
        "ooa-5b",
        "out-of-area 5b",
        5,
        "How many of those children received an RHI?",
        (r"how many", r"of these|of those", r"received", _RHI),
        ("incoming_missing_children", "incoming_missing_incidents", "incoming_rhi_completed"),
        part="b",
        section=_OOA,
        alt=(13,),
    ),
    _q(
        "ooa-6",
        "out-of-area 6",
        6,
        "Tell us about your service for children placed out of "
        "area: guidance changes, barriers, what works.",
        (r"tell us more", r"out of area|placed outside|placed out", r"barriers", r"guidance"),
        ("ooa_comments",),
        section=_OOA,
        alt=(14,),
    ),
)

QUESTIONS_2024: tuple[Question, ...] = (
    _q(
        "1",
        "1",
        1,
        "Number of individual children reported missing in the period.",
        (r"how many", r"individual children", r"reported missing", r"local authority"),
        ("missing_children",),
    ),
    _q(
        "2",
        "2",
        2,
        "Total number of missing incidents reported in the period.",
        (r"how many", r"total incidents|incidents", r"reported", r"going missing|gone missing"),
        ("missing_incidents",),
    ),
    _q(
        "3",
        "3",
        3,
        "Number of children looked after by the council in the period.",
        (r"how many", r"children", r"looked after by", r"between|during|in the year"),
        ("lac_total",),
    ),
    _q(
        "4",
        "4",
        4,
        "Number of individual looked-after children who went missing.",
        (r"how many", r"individual", r"looked.after children", r"went missing|go missing"),
        ("lac_missing_children",),
    ),
    _q(
        "5",
        "5",
        5,
        "Number of missing incidents of looked-after children.",
        (r"how many", r"incidents", r"looked.after children", r"going missing|went missing"),
        ("lac_missing_incidents",),
    ),
    _q(
        "6",
        "6",
        6,
        "Number of return interviews offered after a missing incident.",
        (r"how many", r"return interviews|\brhis?\b", r"offered", r"missing incident"),
        ("rhi_offered",),
    ),
    _q(
        "7",
        "7",
        7,
        "Number of return interviews completed after a missing incident.",
        (r"how many", r"return interviews|\brhis?\b", r"completed", r"missing incident"),
        ("rhi_completed", "rhi_declined"),
    ),
    _q(
        "8",
        "8",
        8,
        "How many of those were completed within 72 hours of the child's return?",
        (r"how many", r"completed", r"72\s*h(?:ou)?rs?|seventy.two", r"returning|return"),
        ("rhi_within_72h",),
    ),
    _q(
        "9",
        "9",
        9,
        "Who provides return interviews in your area? (tick all that apply, and give any detail)",
        (r"who provides", r"return interviews|\brhis?\b", r"in your area"),
        ("provider",),
    ),
    _q(
        "10",
        "10",
        10,
        "Is follow-up support provided or commissioned after an RHI?",
        (r"follow.up support", r"provide or commission", r"\brhis?\b|return interview"),
        ("follow_up_support",),
    ),
    _q(
        "11",
        "11",
        11,
        "Tell us about your service: guidance changes, barriers, what works.",
        (r"tell us more", r"national guidance", r"barriers", r"working well"),
        ("comments",),
    ),
)

# The financial year each questionnaire asks about, as councils label table columns.
ASKED_YEAR: dict[str, str] = {"rhi-2018": "2017/18", "rhi-2024": "2023/24"}

QUESTIONNAIRES: dict[Questionnaire, tuple[Question, ...]] = {
    Questionnaire.RHI_2018: QUESTIONS_2018,
    Questionnaire.RHI_2024: QUESTIONS_2024,
}


@cache
def compiled_cues(questionnaire: Questionnaire, key: str) -> tuple[re.Pattern[str], ...]:
    """A question's cues as regexes; a space in a cue matches any run of whitespace, since
    letters wrap lines anywhere ("national\nguidance")."""
    question = question_by_key(questionnaire, key)
    return tuple(
        re.compile(cue.replace(" ", r"\s+"), re.IGNORECASE | re.MULTILINE) for cue in question.cues
    )


def question_by_key(questionnaire: Questionnaire | str, key: str) -> Question:
    for question in QUESTIONNAIRES[Questionnaire(questionnaire)]:
        if question.key == key:
            return question
    raise KeyError(f"{questionnaire} has no question {key!r}")


def questions_for_field(questionnaire: Questionnaire | str, field_id: str) -> list[Question]:
    """The question(s) of a questionnaire that a canonical field answers (may be empty)."""
    return list(_questions_for_field(str(questionnaire), field_id))


@cache
def _questions_for_field(questionnaire: str, field_id: str) -> tuple[Question, ...]:
    if Questionnaire(questionnaire) not in QUESTIONNAIRES:
        return ()
    return tuple(q for q in QUESTIONNAIRES[Questionnaire(questionnaire)] if field_id in q.fields)


def fields_for(questionnaire: Questionnaire | str) -> tuple[str, ...]:
    """Canonical fields a questionnaire asks, in table order."""
    if Questionnaire(questionnaire) not in QUESTIONNAIRES:
        return tuple(FIELDS)
    asked = {f for q in QUESTIONNAIRES[Questionnaire(questionnaire)] for f in q.fields}
    return tuple(f for f in FIELDS if f in asked)
