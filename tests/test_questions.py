"""The question finder against hand-labelled question positions in the gold files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rhi_llm.core.types import Letter, LetterFormat, Span
from rhi_llm.extract.rules import extract_rules
from rhi_llm.gold import GoldCase, load_gold_set
from rhi_llm.letters import load
from rhi_llm.questions import find_questions
from rhi_llm.reading import read

from conftest import GOLD, LETTERS, SEEDS

CASES = [c for c in load_gold_set(GOLD, LETTERS, SEEDS) if c.gold.questions]


def labelled_starts(letter: Letter, anchors: dict[str, str]) -> dict[str, int]:
    """Offsets of each question's opening words, found in order (whitespace-tolerant).

    A letter that lists its questions and answers them later may have an anchor in the
    answers followed by one back in the list: that one is searched from the start again.
    """
    starts: dict[str, int] = {}
    position = 0
    for key, anchor in anchors.items():
        pattern = re.compile(r"\s+".join(re.escape(word) for word in anchor.split()))
        match = pattern.search(letter.text, position) or pattern.search(letter.text)
        assert match, f"{letter.path}: anchor {anchor!r} of question {key} not found"
        starts[key] = match.start()
        position = match.end()
    return starts


def _first_letter(case: GoldCase) -> Path:
    if not case.letters or (case.missing and case.gold.letter in case.missing):
        pytest.skip(f"{case.path.name}: letter {case.gold.letter} not found (seeds absent?)")
    return case.letters[0]


@pytest.mark.parametrize("case", CASES, ids=[c.path.stem for c in CASES])
def test_finder_locates_every_labelled_question(case: GoldCase) -> None:
    letter = load(_first_letter(case))
    found = find_questions(letter)
    assert found.questionnaire == case.gold.questionnaire
    expected = labelled_starts(letter, case.gold.questions)
    located = {q.key: q.question.start for q in found.questions}
    assert located == expected


@pytest.mark.parametrize("case", CASES, ids=[c.path.stem for c in CASES])
def test_gold_quotes_lie_in_their_questions_answer_block(case: GoldCase) -> None:
    """Every gold quote stands in its field's answer block (its own question's, a block that
    one refers to with "see above", or a joint answer to several questions)."""
    letter = load(_first_letter(case))
    reading = read(letter)
    for field_id, gold in case.gold.fields.items():
        if not gold.quote:
            continue
        found = [m.start() for m in re.finditer(re.escape(gold.quote), letter.text)]
        assert found, f"{field_id}: gold quote not in the letter"
        quoted = [Span(start=at, end=at + len(gold.quote)) for at in found]
        blocks = reading.answer_blocks(field_id)
        assert any(b.contains(q) for b in blocks for q in quoted), (
            f"{field_id}: quote {gold.quote!r} at {found} outside its answer block(s) {blocks}"
        )


def _visible(text: str, offset: int) -> int:
    """How many characters other than whitespace (and table rules, which a PDF table draws as
    lines, not text) come before an offset: a position up to whitespace."""
    return len(re.sub(r"[\s|]+", "", text[:offset]))


FORMS = [(c, form) for c in CASES for form in c.letters[1:]]


@pytest.mark.parametrize(
    ("case", "form"), FORMS, ids=[f"{c.path.stem}:{f.suffix[1:]}" for c, f in FORMS]
)
def test_other_formats_give_the_same_positions_and_true_pages(case: GoldCase, form: Path) -> None:
    text_letter = load(case.letters[0])
    other = load(form)
    in_text = find_questions(text_letter)
    in_other = find_questions(other)
    assert in_other.questionnaire == in_text.questionnaire
    assert [q.key for q in in_other.questions] == [q.key for q in in_text.questions]
    for a, b in zip(in_text.questions, in_other.questions, strict=True):
        assert _visible(text_letter.text, a.question.start) == _visible(
            other.text, b.question.start
        ), f"{form.name}: question {a.key} moved"
    if other.format == "pdf":
        from pypdf import PdfReader

        pages = [page.extract_text() or "" for page in PdfReader(form).pages]
        for q in in_other.questions:
            words = other.text[q.question.start : q.question.end].split()[:4]
            page_text = " ".join(pages[other.page_of(q.question.start) - 1].split())
            assert " ".join(words) in page_text, f"{form.name}: {q.key} not on its page"


def test_listing_then_answers_uses_the_answers(tmp_path: Path) -> None:
    text = (
        "You asked:\n"
        "1. How many individual children were reported missing in your area?\n"
        "2. How many incidents of children going missing were reported in total?\n"
        "3. How many children were looked after by the council between the dates?\n"
        "4. How many individual looked after children went missing?\n"
        "5. How many missing incidents were there for looked after children?\n"
        "6. How many return interviews were offered following a missing incident?\n"
        "\nOur response:\n1. 215\n2. 640\n3. 380\n4. 41\n5. 233\n6. 598\n"
    )
    found = find_questions(text)
    assert found.questionnaire == "rhi-2024"
    assert found.listing is not None
    first = found.get("1")
    assert first is not None
    assert text[first.answer.start : first.answer.end].strip() == "215"
    assert text[first.question.start :].startswith("1. How many individual")
    sixth = found.get("6")
    assert sixth is not None and text[sixth.answer.start : sixth.answer.end].strip() == "598"


def test_unrelated_letter_is_other() -> None:
    text = "Dear Sir,\nThank you for your request about parking permits.\n1. 45 permits\n"
    assert find_questions(text).questionnaire == "other"


def _answers(
    letter: str, questionnaire: str, fmt: LetterFormat = "txt", *, strip: bool = True
) -> dict[str, str]:
    """Each located question's answer text in a letter written for a test."""
    found = find_questions(
        Letter(path=f"t.{fmt}", format=fmt, text=letter, sha256="0" * 64), only=questionnaire
    )
    blocks = {q.key: letter[q.answer.start : q.answer.end] for q in found.questions}
    return {k: v.strip() for k, v in blocks.items()} if strip else blocks


@pytest.mark.parametrize(
    "tail",
    [
        " Please tick\nany that apply (social worker; council team; youth worker; other) and add"
        " any detail you can.",
        " (social worker /\ncouncil team / youth worker / other)",
        " If you commission the service, please give the organisation's name.",
        " If it is a charity, please give its name; if it is a council team, please give the"
        " name of the team.**",
    ],
)
def test_the_request_after_a_question_mark_is_question_text(tail: str) -> None:
    letter = (
        "Our reference FOI 4471\n\n9. Who carries out return interviews in your area?"
        + tail
        + "\n\nThe Lantern Trust, a charity, under contract.\n\n"
        "10. Do you provide or commission follow-up support after a return interview?\n\nYes.\n"
    )
    text = Letter(path="t.txt", format="txt", text=letter, sha256="0" * 64)
    qmap = find_questions(text, only="rhi-2024")
    located = next(q for q in qmap.questions if q.key == "9")
    answer = letter[located.answer.start : located.answer.end]
    assert answer.strip().startswith("The Lantern Trust"), answer


def test_a_question_retold_as_a_clause_ends_at_its_comma() -> None:
    letter = (
        "Our reference FOI 2231\n\n"
        "Asked how many missing incidents were reported in the year, we recorded 880.\n\n"
        "Asked what happens to the information gathered during interviews, the summary is"
        " added to the child's record and shared with the police.\n\n"
        "Asked what steps follow when an interview identifies a vulnerability, the worker"
        " tells the duty manager the same day.\n"
    )
    answers = _answers(letter, "rhi-2018", "txt")
    assert answers["7b"].startswith("the summary is added"), answers
    assert answers["4a"] == "we recorded 880.", answers
    assert answers["7c"].startswith("the worker tells"), answers


def test_a_numbered_statement_is_an_answer_not_the_questions_words() -> None:
    letter = (
        "Our reference FOI 3310\n\nQ6(c). How do you measure the 72 hours?\n\n"
        "(i) The clock starts when the police referral reaches us, not at the moment the child\n"
        "returns, because we rarely know the exact return time.\n"
        "(ii) In hours, counted around the clock.\n"
    )
    text = Letter(path="t.txt", format="txt", text=letter, sha256="0" * 64)
    qmap = find_questions(text, only="rhi-2018")
    located = next(q for q in qmap.questions if q.key == "6c-i")
    assert "The clock starts" in letter[located.answer.start : located.answer.end]


def test_a_request_quoted_below_a_numbered_reply_is_not_where_the_answers_are() -> None:
    letter = (
        "Dear Ms Lund\n\nPlease see our answers, numbered as in your request.\n\n"
        "4a. 623 episodes.\n4b. 214 children.\n5a. 590.\n6a. 401 completed.\n\n"
        "Kind regards\n\n-----Original Message-----\nFrom: A Lund\n\n"
        "4a. How many incidents of a child going missing were reported in the year?\n"
        "4b. How many individual children do these incidents relate to?\n"
        "5a. In how many of these incidents was an RHI offered?\n"
        "6a. In how many incidents was an RHI carried out?\n"
    )
    answers = _answers(letter, "rhi-2018", "eml")
    assert answers["4a"] == "623 episodes.", answers
    assert answers["6a"] == "401 completed.", answers


def test_questions_named_in_the_prose_of_a_paragraph() -> None:
    letter = (
        "Disclosure log entry FOI-2018-5521\n\n"
        "The first question asked who delivers RHIs at present, a charity or a council team."
        " The answer is the council's own Safe Return Team.\n\n"
        "Question 4a asked how many missing incidents were reported, and there were 880"
        " incidents; question 4b asked how many children they relate to, and the answer is"
        " 301 children.\n\n"
        "On question 5a, an interview was offered in 812 incidents. The child accepted 500"
        " offers; the other 312 offers were declined, which answers question 5c.\n\n"
        "Turning to question 6a, interviews took place after 455 incidents. The council would"
        " see question 4a for the base.\n"
    )
    answers = _answers(letter, "rhi-2018", "html")
    assert answers["1"] == "The answer is the council's own Safe Return Team.", answers
    assert answers["4a"] == "and there were 880 incidents;", answers
    assert answers["4b"] == "and the answer is 301 children.", answers
    assert answers["5c"].startswith("the other 312 offers were declined"), answers
    assert answers["6a"].startswith("interviews took place after 455"), answers


_PARAPHRASED = (
    "Freedom of Information response FOI 5120\n\n"
    "Missing episodes in the year (part 4a)\n\n812 episodes were reported.\n\n"
    "How many young people that was\n\n{four_b}\n\n"
    "Offers made (part 5a)\n\nAn interview was offered after 790 episodes.\n\n"
    "Yours sincerely\n"
)


def test_a_heading_in_the_councils_own_words_is_placed_by_order_and_said_so() -> None:
    letter = _PARAPHRASED.format(four_b="They were 301 different children.")
    qmap = find_questions(
        Letter(path="t.md", format="md", text=letter, sha256="0" * 64), only="rhi-2018"
    )
    placed = {q.key: q for q in qmap.questions}
    assert "301" in letter[placed["4b"].answer.start : placed["4b"].answer.end]
    assert placed["4b"].by_order_only and not placed["4a"].by_order_only


def test_a_figure_under_a_question_placed_by_order_must_say_what_it_counts() -> None:
    from rhi_llm.core.survey import SurveyResponse
    from rhi_llm.verify import verify

    for four_b, verdict in (("They were 301 different children.", "ok"), ("301.", "flagged")):
        letter = _PARAPHRASED.format(four_b=four_b)
        reading = read(
            Letter(path="t.md", format="md", text=letter, sha256="0" * 64),
            questionnaire="rhi-2018",
        )
        response = SurveyResponse.model_validate(
            {
                "questionnaire": reading.questionnaire,
                "missing_children": {"value": 301, "unit": "count", "quote": "301"},
            }
        )
        report = verify(reading, response).fields["missing_children"]
        assert report.verdict == verdict, report.flags


def test_a_number_and_response_table_and_a_joint_range_with_parts() -> None:
    letter = (
        "FOI reference QCC-4410\n\nTable A: Questions 1 to 3\nQ | Response\n"
        "1 | Local authority team: the Missing and Return Service.\n"
        "2 | The same service as in our answer to question 1.\n"
        "3 | The child's allocated social worker.\n\n"
        "Questions 4a to 6b are answered jointly in the table below.\n\n"
        "Measure | 2017/18\nIncidents | 1,176\nChildren | 318\n\nYours sincerely\n"
    )
    placed = _answers(letter, "rhi-2018", "txt", strip=False)
    assert "Local authority team" in placed["1"], placed
    assert {"4a", "4b", "5a", "5c", "6a", "6b"} <= set(placed), placed
    assert "1,176" in placed["5b"], placed


def test_a_marker_naming_a_list_of_questions_answers_each_of_them() -> None:
    letter = (
        "Our ref FOI-3318\nThank you for your request.\n"
        "Questions 1 and 2 - children and episodes\n"
        "In 2023/24, 338 children were reported missing, in 1,044 episodes.\n"
        "Questions 6, 7 and 8 - interviews offered, held, and held in time\n"
        "An interview was offered after 990 episodes; 702 were held, 515 within 72 hours.\n"
        "Question 9 - who carries out the interviews\n"
        "The council's own Return Team.\n"
    )
    placed = _answers(letter, "rhi-2024", "docx", strip=False)
    for key in ("6", "7", "8"):
        assert "990 episodes" in placed[key], placed


def test_a_heading_naming_its_questions_heads_them_without_blank_lines() -> None:
    letter = (
        "Our ref FOI-2207\nThank you for your request.\n"
        "Children reported missing and missing episodes (your questions 1 and 2)\n"
        "You wanted to know how many children went missing and how often.\n"
        "In 2023/24, 338 children were reported missing, in 1,044 episodes.\n"
        "Who carries out the interviews (your question 9)\n"
        "The council's own Return Team.\n"
    )
    placed = _answers(letter, "rhi-2024", "docx", strip=False)
    assert "338 children" in placed["1"] and "338 children" in placed["2"], placed
    assert "Return Team" in placed["9"], placed


def test_table_rows_numbered_jointly_and_with_section_letters() -> None:
    letter = (
        "Reference FOI 7781\n\nRef | Your question (our summary) | Our response\n"
        "1 | Who carries out return interviews today? | A voluntary sector body.\n"
        "2 and 3 | Was the same arrangement in place in 2016/17 and 2013/14? | Yes, both years.\n"
        "4a and 4b | Missing episodes in the year, and the children involved | 1,146 episodes,"
        " 402 children\n"
        "OA2a | How many children in your care were placed outside the county? | 187 children\n"
        "OA2b | How many of them went missing? | 41 children, in 158 missing episodes\n"
    )
    placed = _answers(letter, "rhi-2018", "txt", strip=False)
    assert "both years" in placed["2"] and "both years" in placed["3"], placed
    assert "1,146" in placed["4a"] and "1,146" in placed["4b"], placed
    assert "187" in placed["ooa-2a"] and "158" in placed["ooa-2b"], placed


def test_schedule_b_numbers_the_second_section_and_a_page_footer_heads_nothing() -> None:
    letter = (
        "Reference 2018-OBC-00791\n\n"
        "7b    Use made of RHI information      Recorded on the child's file.\n\n"
        "OBC 2018-OBC-00791                                     Page 1 of 2\n\n"
        "7c    Action when a vulnerability is found    Referral to the Front Door.\n\n"
        "SCHEDULE B - OUR LOOKED AFTER CHILDREN PLACED OUT OF AREA\n\n"
        "B2a   Our looked after children placed out of area    167\n"
        "B2b   ... of whom went missing                        17 episodes\n"
    )
    placed = _answers(letter, "rhi-2018", "txt", strip=False)
    assert "167" in placed["ooa-2a"] and "17 episodes" in placed["ooa-2b"], placed
    found = find_questions(
        Letter(path="t.txt", format="txt", text=letter, sha256="0" * 64), only="rhi-2018"
    )
    assert all("Page 1" not in letter[q.question.start : q.question.end] for q in found.questions)


_PROSE_PAGE = (
    "Disclosure log: missing children (reference DL-2018-0417)\n\n"
    "Thank you for your request, which we received on 2 May 2018 and have handled under the"
    " Freedom of Information Act.\n\n"
    "You asked first who currently delivers return home interviews. They are delivered by"
    " the council's own Safe Return Team, based in the civic offices.\n\n"
    "Looking back to 2016/17, the work was done by a local charity, Harbour Youth, under a"
    " contract that ended that March.\n\n"
    "On how many missing incidents were reported, and how many children they involved: we"
    " recorded 640 incidents, which concerned 233 children.\n\n"
    "Interviews were carried out after 402 of those incidents, and the team keeps a note of"
    " each one on the child's record.\n\n"
    "Asked whether we provide or commission follow-up support after an interview, we do:"
    " the team can keep working with a young person for up to six weeks.\n\n"
    "Yours faithfully\n"
)


def test_a_page_of_one_paragraph_per_question_places_each_by_its_content() -> None:
    """A disclosure-log page in prose: a paragraph that retells no question still takes the
    question its first sentence is about, in the questionnaire's order; one paragraph may
    answer two questions running; a question naming a year is answered where that year is
    named. Places known by content alone are unsure (`by_order_only`)."""
    letter = Letter(path="t.html", format="html", text=_PROSE_PAGE, sha256="0" * 64)
    placed = {q.key: q for q in find_questions(letter, only="rhi-2018").questions}

    def answer(key: str) -> str:
        return _PROSE_PAGE[placed[key].answer.start : placed[key].answer.end]

    assert "Safe Return Team" in answer("1") and "2016/17" not in answer("1")
    assert answer("2").startswith("Looking back to 2016/17") and "640" not in answer("2")
    assert "640 incidents" in answer("4a") and "233 children" in answer("4b")
    assert placed["4b"].by_order_only and not placed["4a"].by_order_only
    # the paragraph of figures that retells no question: completed interviews
    assert answer("6a").startswith("Interviews were carried out after 402")
    assert placed["6a"].by_order_only
    assert "six weeks" in answer("7a") and "402" not in answer("7a")
    assert "3" not in placed  # no paragraph names 2013/14


_WORD_TEXT = (
    "Ormbridge Borough Council\n"
    "Our reference: OBC/FOI/24/0712\n"
    "Dear Ms Tarrant\n"
    "Thank you for your request about children who go missing, which we have answered for"
    " 1 April 2023 to 31 March 2024. We have put your questions in our own words.\n"
    "Children who went missing, and how often\n"
    "During the year 488 individual children were reported missing from home or care, and"
    " between them they were reported missing on 1,390 occasions.\n"
    "Children in our care\n"
    "We looked after 402 children at some point in the year, and 61 of them were reported"
    " missing at least once.\n"
    "How quickly interviews were held\n"
    "Of the interviews that went ahead, 212 were held within 72 hours of the child coming"
    " home, and the rest within ten days.\n"
    "Yours sincerely\n"
    "Information Governance Team\n"
)


def test_headings_in_word_text_head_their_sections_and_a_section_answers_two_questions() -> None:
    """A Word document's text has no blank lines: a short line after a sentence and before
    a paragraph is a heading over its answer. A section whose heading and first sentence
    answer two questions running ("how many children, and how often") takes both; the one
    its heading's words did not place is known by the figures' words and order only (unsure)."""
    letter = Letter(path="t.docx", format="docx", text=_WORD_TEXT, sha256="0" * 64)
    placed = {q.key: q for q in find_questions(letter, only="rhi-2024").questions}

    def answer(key: str) -> str:
        return _WORD_TEXT[placed[key].answer.start : placed[key].answer.end]

    assert "488 individual children" in answer("1") and "1,390 occasions" in answer("2")
    assert "Children in our care" not in answer("2")
    assert placed["1"].by_order_only != placed["2"].by_order_only
    assert "402 children" in answer("3")
    assert "212 were held within 72 hours" in answer("8") and "402" not in answer("8")


def test_a_request_with_no_question_mark_ends_at_its_full_stop_and_a_reuse_footer_ends_it() -> None:
    letter = (
        "Reply to FOI 18/401\n\n"
        "Q7c. What steps follow when a vulnerability is identified? The duty team is told.\n\n"
        "Q8. Please tell us more about your service (changes, barriers). Our main barrier is"
        " parents who turn the interview down.\n\n"
        "You are free to use this information for research; other re-use needs permission.\n"
    )
    answers = _answers(letter, "rhi-2018")
    assert answers["8"] == "Our main barrier is parents who turn the interview down.", answers


def test_section_letters_joined_to_the_number_and_a_notes_heading_ending_the_answers() -> None:
    letter = (
        "Reply to FOI 18/533\n\n"
        "8. Young people tell us the same worker matters most.\n\n"
        "OOA1. (h) A combination of options.\n"
        "OOA2a. 97 children.\n"
        "OOA6. Placing councils often tell us late.\n\n"
        "Note A - section 12 (cost)\n"
        "Offers to children placed away are held in case notes only.\n"
    )
    answers = _answers(letter, "rhi-2018")
    assert answers["8"] == "Young people tell us the same worker matters most.", answers
    assert answers["ooa-1"] == "(h) A combination of options.", answers
    assert answers["ooa-2a"] == "97 children.", answers
    assert answers["ooa-6"] == "Placing councils often tell us late.", answers


def test_a_heading_naming_a_range_of_questions_with_q_before_each_heads_them_all() -> None:
    letter = (
        "Reply to FOI 18/610\n\n"
        "## Who carries out the interviews (Q1 to Q3)\n\n"
        "A local charity, Brightpath, has done so since 2012.\n\n"
        "## Episodes and children (Q4a and Q4b)\n\n"
        "577 episodes, involving 219 children.\n\n"
        "Yours sincerely\n"
    )
    answers = _answers(letter, "rhi-2018")
    for key in ("1", "2", "3"):
        assert answers[key].startswith("A local charity, Brightpath"), answers
    assert answers["4a"] == answers["4b"] == "577 episodes, involving 219 children.", answers


def test_if_you_are_not_happy_with_this_response_ends_the_last_answer() -> None:
    letter = (
        "Reply to FOI 24/77\n\n"
        "11. Is there anything else you would like to tell us? Evening visits work best.\n\n"
        "If you are not happy with this response you can ask for an internal review.\n"
    )
    assert _answers(letter, "rhi-2024")["11"] == "Evening visits work best."


@pytest.mark.parametrize(
    "heading",
    ["Children placed out of area", "Part 2: Out of area placements", "Out of Area\n-----------",
     "Section C – Looked after children placed out of area", "Additional information", "NOTES"],
)  # fmt: skip
def test_an_answer_ends_at_the_next_sections_title(tmp_path: Path, heading: str) -> None:
    """A comments answer with the next section's title right under it (no blank line) ran
    on into the title, and passed as ok (issue 19)."""
    source = (LETTERS / "northbridge-2018.txt").read_text(encoding="utf-8")
    title = "SECTION C - LOOKED AFTER CHILDREN PLACED OUT OF AREA"
    assert f"council.\n\n{title}\n\n" in source
    path = tmp_path / "northbridge-2018.txt"
    path.write_text(source.replace(f"council.\n\n{title}\n\n", f"council.\n{heading}\n"))
    reading = read(load(path))
    (block,) = reading.answer_blocks("comments")
    answer = reading.letter.excerpt(block)
    assert answer.endswith("refuse to engage with the council."), answer
    comments = extract_rules(reading).answers.get("comments")
    assert comments is not None and heading.split("\n")[0] not in str(comments.value)
