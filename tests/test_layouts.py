"""Question finding and figure reading in each layout family councils reply in.

Each letter here is a short one of our own, written in the layout of a family of real
replies (eval/corpus/README.md lists them). For each, the test names the questionnaire it
must be read as and, for some fields, the figure its answer block must give the rules, or
the figure that must never be taken (another year's column, a quarter, a count on one day).
"""

from __future__ import annotations

import pytest

from rhi_llm.core.types import Letter
from rhi_llm.extract.rules import extract_rules
from rhi_llm.questions import find_questions
from rhi_llm.reading import read
from rhi_llm.verify import verify

PERIOD = "The figures cover 1 April 2023 to 31 March 2024.\n\n"
END = "\n\nYours sincerely\n\nA. Clerk\nInformation Officer\n"

LETTERS: dict[str, str] = {
    "unnumbered_full_questions": PERIOD
    + "How many individual children were reported missing in the year?\n612\n\n"
    "What was the total number of missing incidents reported?\n1,840\n\n"
    "How many children did the council look after during the year?\n733\n\n"
    "How many of the looked after children went missing?\n104\n\n"
    "How many missing incidents involved looked after children?\n655\n\n"
    "After how many incidents was a return interview offered?\n1,790\n\n"
    "After how many incidents was a return interview completed?\n1,201",
    "numbers_only": PERIOD
    + "Q1\n612\n\nQ2\n1,840\n\nQ3\n733\n\nQ4\n104\n\nQ5\n655\n\nQ6\n1,790\n\nQ7\n1,201\n\n"
    "Q8\n950\n\nQ9\nCouncil missing team\n\nQ10\nYes\n\nQ11\nNothing to add.",
    "inline_answer": PERIOD + "1. Children reported missing? 612 children.\n"
    "2. Missing incidents reported? 1,840 incidents.\n"
    "3. Children looked after in the year? 733.\n"
    "4. Looked after children who went missing? 104.\n"
    "5. Incidents of looked after children? 655 incidents.\n"
    "6. Return interviews offered? 1,790.\n"
    "7. Return interviews completed? 1,201.",
    "pipe_table_two_years": "Figures for 2022/23 are shown beside the year asked, 2023/24.\n\n"
    "Q | Measure | 2022/23 | 2023/24\n"
    "1 | Individual children reported missing | 598 | 612\n"
    "2 | Missing incidents reported | 1,702 | 1,840\n"
    "3 | Children looked after in the year | 720 | 733\n"
    "4 | Looked after children who went missing | 99 | 104\n"
    "5 | Missing incidents, looked after children | 630 | 655\n"
    "6 | Return interviews offered | 1,650 | 1,790\n"
    "7 | Return interviews completed | 1,150 | 1,201",
    "typed_table_quarters": PERIOD
    + "  Q   Measure                              Apr-Jun   Jul-Sep   Oct-Dec   Jan-Mar     Year\n"
    "  1   Individual children reported missing     201       188       176       190      612\n"
    "  2   Missing incidents reported               470       455       440       475    1,840\n"
    "  6   Return interviews offered                455       440       430       465    1,790\n"
    "  7   Return interviews completed              300       296       301       304    1,201",
    "paragraph_per_question": PERIOD
    + "The requester asked how many individual children were reported missing. "
    "The council recorded 612 different children.\n\n"
    "Asked how many missing incidents were reported in the year, we recorded 1,840 "
    "incidents.\n\n"
    "On the question of how many children the council looked after during the year, "
    "the answer is 733 children; on 31 March 2024 we looked after 521.\n\n"
    "The requester also wanted to know how many looked after children went missing: 104 "
    "of them did.",
    "headings_with_parts": PERIOD + "Children and incidents (your questions 1 and 2)\n\n"
    "There were 1,840 incidents involving 612 children.\n\n"
    "Children in care (questions 3 and 4)\n\n"
    "We looked after 733 children during the year, of whom 104 went missing.",
    "email_request_quoted_below": PERIOD
    + "1. 612\n\n2. 1,840\n\n3. 733\n\n4. 104\n\n5. 655\n\n6. 1,790\n\n7. 1,201\n\n"
    "Kind regards\nA. Clerk\n\n"
    "On 2 May 2024 a researcher wrote:\n"
    "> 1. How many individual children were reported missing?\n"
    "> 2. How many missing incidents were reported?\n"
    "> 3. How many children did you look after in the year?\n"
    "> 4. How many looked after children went missing?\n"
    "> 5. How many missing incidents involved looked after children?\n"
    "> 6. After how many incidents was an interview offered?\n"
    "> 7. After how many incidents was an interview completed?",
}

# field -> figure the rules must read, or None when the rules must leave it unanswered
EXPECTED: dict[str, dict[str, float]] = {
    "unnumbered_full_questions": {"missing_children": 612, "rhi_completed": 1201},
    "numbers_only": {"missing_incidents": 1840, "rhi_offered": 1790, "rhi_within_72h": 950},
    "inline_answer": {"lac_total": 733, "lac_missing_incidents": 655},
    "pipe_table_two_years": {"missing_children": 612, "rhi_completed": 1201, "lac_total": 733},
    "typed_table_quarters": {"missing_incidents": 1840, "rhi_offered": 1790},
    "paragraph_per_question": {"missing_incidents": 1840, "lac_total": 733},
    "headings_with_parts": {"missing_children": 612, "missing_incidents": 1840},
    "email_request_quoted_below": {"missing_children": 612, "rhi_completed": 1201},
}


def _letter(text: str) -> Letter:
    return Letter(path="layout.txt", format="txt", text=text + END, sha256="0" * 64)


@pytest.mark.parametrize("layout", sorted(LETTERS))
def test_each_layout_is_read_as_its_questionnaire_and_gives_its_figures(layout: str) -> None:
    letter = _letter(LETTERS[layout])
    assert find_questions(letter).questionnaire == "rhi-2024"
    reading = read(letter)
    response = extract_rules(reading)
    report = verify(reading, response)
    for field_id, wanted in EXPECTED[layout].items():
        answer = response.answer(field_id)
        assert answer is not None and answer.value == wanted, (layout, field_id, answer)
        checks = report.fields[field_id].checks
        # a right figure may be flagged only because a neighbour's figure contradicts it
        assert all(c.passed or c.council for c in checks), (layout, field_id, checks)
    for field_id, field_report in report.fields.items():
        if any(not c.passed and c.council for c in field_report.checks):
            # Known weakness, kept visible: "We looked after 733 children, of whom 104 went
            # missing" gives 733 to the looked-after children who went missing; the
            # verifier flags the pair as inconsistent, so it is reviewed, not published.
            assert layout == "headings_with_parts", (layout, field_id)


def test_other_years_quarters_and_snapshots_are_never_taken() -> None:
    """The figures beside the answer that a careless reader takes, in each layout."""
    traps = {
        "pipe_table_two_years": {598, 1702, 720, 1150},
        "typed_table_quarters": {201, 470, 455, 300},
        "paragraph_per_question": {521},
    }
    for layout, wrong in traps.items():
        response = extract_rules(read(_letter(LETTERS[layout])))
        taken = {a.value for a in response.answers.values() if isinstance(a.value, float)}
        assert not (taken & {float(w) for w in wrong}), (layout, taken & wrong)


def test_a_question_number_heading_a_row_is_not_a_figure() -> None:
    text = PERIOD + (
        "No  Question                                Response\n"
        "1   Individual children reported missing    612\n"
        "2   Missing incidents reported              1,840\n"
        "7   Return interviews completed             1,201\n"
        "7   Return interviews declined              230\n"
    )
    reading = read(_letter(text))
    response = extract_rules(reading)
    declined = response.answer("rhi_declined")
    assert declined is not None and declined.value == 230
    assert all(a.value != 7 for a in response.answers.values())


def test_the_finder_says_how_sure_it_is_per_question() -> None:
    qmap = find_questions(_letter(LETTERS["inline_answer"]))
    assert qmap.questions and all(0 < q.score <= 1 for q in qmap.questions)
    bare = find_questions(_letter(LETTERS["numbers_only"]))
    worded = find_questions(_letter(LETTERS["unnumbered_full_questions"]))
    assert min(q.score for q in bare.questions) < max(q.score for q in worded.questions)


@pytest.mark.slow
def test_every_corpus_and_seed_letter_is_read_as_the_questionnaire_it_answers() -> None:
    """Detection by wording, numbering and the year named, on all our letters from other
    hands (every layout family) and the real seed letters."""
    from rhi_llm.gold import load_gold_set
    from rhi_llm.letters import load

    from conftest import EVAL, GOLD, SEEDS
    from conftest import LETTERS as GOLD_LETTERS

    sets = [
        (GOLD, GOLD_LETTERS),
        (EVAL / "corpus" / "gold", EVAL / "corpus" / "letters"),
        (EVAL / "holdout" / "gold", EVAL / "holdout" / "letters"),
        (EVAL / "commissioning" / "gold", EVAL / "commissioning" / "letters"),
    ]
    wrong, read_count = [], 0
    for gold_dir, letters_dir in sets:
        for case in load_gold_set(gold_dir, letters_dir, SEEDS):
            for path in case.letters:
                read_count += 1
                found = find_questions(load(path)).questionnaire
                if found != case.gold.questionnaire:
                    wrong.append(f"{path.name}: {found}, not {case.gold.questionnaire}")
    assert read_count >= 70 and not wrong, wrong
