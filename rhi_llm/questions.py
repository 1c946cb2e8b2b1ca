"""The question finder: which questionnaire a letter answers, and where each answer is.

Councils restate the questions in their own layout: numbered "4) a)", "Q4a", "4." or bullets,
numbering restarted for a second section ("2) a)" after "9)"), every question listed first and
the answers given later, or bare numbers with no question text at all. The finder treats this
as an alignment problem:

1. every line that could open a question becomes a *candidate*: a leading number, part letter
   or roman sub-part, a bullet, or a line that reads like a question;
2. each (question, candidate) pair gets a score from the question's wording cues found in the
   candidate's text and from how well the candidate's number fits the question's number;
3. a monotone alignment (questions keep their order in the letter) picks the best set of pairs;
4. each located question's answer block runs from the end of its question text to the next
   located question (the last one ends at the letter's sign-off).

When most located questions turn out to have empty answer blocks, the letter lists its questions
first; a second alignment over the text after the list, on numbers alone, finds the answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rhi_llm.survey import QUESTIONNAIRES, Question, Questionnaire, compiled_cues
from rhi_llm.types import Letter, LocatedQuestion, QuestionMap, Span

_BULLET = r"(?:[•·▪◦\-*o–]\s+)?"
_NUMBER_MARKER = re.compile(
    r"^[ \t]*"
    + _BULLET
    + r"(?:(?P<q>Q(?:uestion)?|No\.?)\s*\.?\s*)?"
    + r"(?P<num>\d{1,2})(?![\d,])"
    + r"(?:(?P<sep>[.):]|\s*[-–])(?!\d)|(?=\s*\(?[a-h]\)|[a-h][).\s]))?"
    + r"[ \t]*(?:\(?(?P<part>[a-h])(?:\)|\.(?!\w)|(?=\s)|$))?"
    + r"[ \t]*(?:\((?P<sub>i{1,3}|iv|v)\)|(?P<sub2>i{1,3}|iv|v)\))?",
    re.IGNORECASE,
)
_PART_MARKER = re.compile(
    r"^[ \t]*" + _BULLET + r"\(?(?P<part>[a-h])\)[ \t]*(?:\(?(?P<sub>i{1,3}|iv|v)\))?",
    re.IGNORECASE,
)
_SUB_MARKER = re.compile(r"^[ \t]*" + _BULLET + r"\(?(?P<sub>i{1,3}|iv|v)\)", re.IGNORECASE)
_BULLET_ONLY = re.compile(r"^[ \t]*[•·▪◦\-*–][ \t]+")
_QUESTION_START = re.compile(
    r"^[ \t]*(?:how many|how are|how is|do you|does your|what |who |are |is |in the year|"
    r"of that figure|of those|please (?:tell|explain|provide)|if you|would you)",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:yours (?:sincerely|faithfully)|kind regards|you may re-?use|"
    r"if you are (?:dissatisfied|unhappy|not satisfied)|the supply of information|"
    r"right (?:of|to) (?:appeal|review|complain)|copyright|re-?use of (?:the )?information|"
    r"if you have any (?:further )?(?:queries|questions))",
    re.IGNORECASE,
)
_TRAILING_OPTIONS = re.compile(
    r"[ \t]*(?:\(?(?:yes\s*/\s*no|please tick|tick (?:one|all that apply)|y/n)\)?[ \t:]*)+",
    re.IGNORECASE,
)
_QUESTION_TEXT_LIMIT = 400

MIN_PAIR_SCORE = 0.45
MIN_CONFIDENCE = 0.3


@dataclass(slots=True)
class Candidate:
    """A line that could open a question."""

    start: int  # offset of the line start
    body: int  # offset just after the marker (where the wording starts)
    line_end: int
    number: int | None
    part: str | None
    sub: str | None
    context_number: int | None
    marker: str
    has_wording: bool
    text: str = ""  # the wording region, filled once candidates are known
    text_end: int = 0


def _parse_marker(line: str) -> tuple[int | None, str | None, str | None, int]:
    """(number, part, sub-part, marker length) of a line's leading question marker."""
    match = _NUMBER_MARKER.match(line)
    if match and (match.group("sep") or match.group("part") or match.group("q")):
        sub = match.group("sub") or match.group("sub2")
        number = int(match.group("num"))
        if 1 <= number <= 30:
            part = match.group("part")
            return number, part.lower() if part else None, sub.lower() if sub else None, match.end()
    match = _PART_MARKER.match(line)
    if match:
        sub = match.group("sub")
        return None, match.group("part").lower(), sub.lower() if sub else None, match.end()
    match = _SUB_MARKER.match(line)
    if match:
        return None, None, match.group("sub").lower(), match.end()
    match = _BULLET_ONLY.match(line)
    if match:
        return None, None, None, match.end()
    return None, None, None, 0


def _candidates(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    context: int | None = None
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        number, part, sub, marker_len = _parse_marker(line)
        if number is not None:
            context = number
        looks_like_question = "?" in line or bool(_QUESTION_START.match(line[marker_len:]))
        if marker_len == 0 and not looks_like_question:
            continue
        if number is None and part is None and sub is None and not looks_like_question:
            continue  # a bare bullet that does not read like a question
        found.append(
            Candidate(
                start=start,
                body=start + marker_len,
                line_end=start + len(line),
                number=number,
                part=part,
                sub=sub,
                context_number=number if number is not None else context,
                marker=line[:marker_len].strip(),
                has_wording=bool(line[marker_len:].strip())
                and not _is_answer_only(line[marker_len:]),
            )
        )
    for index, cand in enumerate(found):
        limit = found[index + 1].start if index + 1 < len(found) else len(text)
        end = min(limit, cand.body + _QUESTION_TEXT_LIMIT)
        cand.text = text[cand.body : end]
        cand.text_end = end
    return found


_ANSWER_ONLY = re.compile(r"^[\s\d,.%()£]*(?:yes|no|n/?a|nil|none|x)?[\s.]*$", re.IGNORECASE)


def _is_answer_only(rest: str) -> bool:
    return bool(_ANSWER_ONLY.match(rest))


def _cue_score(questionnaire: Questionnaire, question: Question, cand: Candidate) -> float:
    if not cand.has_wording:
        return 0.0
    text = cand.text
    question_mark = text.find("?")
    text = text[: question_mark + 1] if 0 <= question_mark < 300 else text[:200]
    cues = compiled_cues(questionnaire, question.key)
    hits = sum(1 for cue in cues if cue.search(text))
    return hits / len(cues)


def _marker_score(question: Question, cand: Candidate) -> float:
    if cand.number is not None:
        if cand.number not in question.numbers:
            return -0.6
        part_ok = cand.part == question.part or (cand.part is None and question.part in ("", "a"))
        if not part_ok:
            return -0.3
        if question.subpart and cand.sub != question.subpart:
            return 0.2 if cand.sub is None and question.subpart == "i" else -0.3
        if not question.subpart and cand.sub:
            return -0.3
        return 1.0
    if cand.part is not None:
        if cand.part != question.part:
            return -0.3
        if question.subpart and cand.sub not in (None, question.subpart):
            return -0.3
        in_context = cand.context_number in question.numbers
        return 0.7 if in_context else 0.3
    if cand.sub is not None:
        if cand.sub != question.subpart:
            return -0.3
        return 0.6 if cand.context_number in question.numbers else 0.3
    return 0.0


def _pair_score(
    questionnaire: Questionnaire, question: Question, cand: Candidate, *, numbers_only: bool
) -> float:
    marker = _marker_score(question, cand)
    if numbers_only:
        return marker
    cue = _cue_score(questionnaire, question, cand)
    if cue == 0.0:
        return marker * 0.8
    return 0.9 * cue + 0.35 * max(marker, -0.3) + (0.1 if "?" in cand.text[:300] else 0.0)


def _align(
    questionnaire: Questionnaire,
    questions: tuple[Question, ...],
    cands: list[Candidate],
    *,
    numbers_only: bool = False,
) -> list[tuple[int, int, float]]:
    """Best monotone matching of questions to candidates: (question idx, cand idx, score)."""
    n_q, n_c = len(questions), len(cands)
    scores = [
        [_pair_score(questionnaire, q, c, numbers_only=numbers_only) for c in cands]
        for q in questions
    ]
    best = [[0.0] * (n_c + 1) for _ in range(n_q + 1)]
    move = [[0] * (n_c + 1) for _ in range(n_q + 1)]  # 0 skip cand, 1 skip question, 2 match
    for i in range(1, n_q + 1):
        row, prev, moves, pair = best[i], best[i - 1], move[i], scores[i - 1]
        for j in range(1, n_c + 1):
            value, how = row[j - 1], 0
            if prev[j] > value:
                value, how = prev[j], 1
            score = pair[j - 1]
            if score >= MIN_PAIR_SCORE and prev[j - 1] + score > value:
                value, how = prev[j - 1] + score, 2
            row[j], moves[j] = value, how
    pairs: list[tuple[int, int, float]] = []
    i, j = n_q, n_c
    while i > 0 and j > 0:
        how = move[i][j]
        if how == 2:
            pairs.append((i - 1, j - 1, scores[i - 1][j - 1]))
            i, j = i - 1, j - 1
        elif how == 1:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


_MORE_QUESTION = re.compile(r"[ \t]*\n?[ \t]*[^\n?.!]{1,200}\?")


def _question_end(text: str, cand: Candidate, wording: bool) -> int:
    """Where a located question's own text ends (the answer starts after this)."""
    if not wording:
        return cand.body
    region = text[cand.body : cand.text_end]
    first_mark = region.find("?")
    paragraph_end = region.find("\n\n")
    if paragraph_end < 0:
        paragraph_end = len(region)
    if 0 <= first_mark < paragraph_end:
        end = first_mark + 1
        # "Would you like ...? What are the barriers ...? What is working well ...?"
        while (more := _MORE_QUESTION.match(region, end)) and more.end() <= paragraph_end:
            end = more.end()
        end += cand.body
        options = _TRAILING_OPTIONS.match(text, end)
        if options and options.end() > end:
            end = options.end()
        return end
    # No question mark: the question runs to the line ending in ':' within its paragraph
    # (a PDF may wrap it over a few lines), or else it is its first line.
    lines = region[:paragraph_end].split("\n")
    offset = 0
    for line in lines[:4]:
        offset += len(line)
        if re.search(r":\s*$", line):
            return cand.body + offset
        offset += 1
    return cand.line_end


def _sign_off(text: str, after: int) -> int:
    for match in re.finditer(r"^.*$", text[after:], re.MULTILINE):
        if _SIGN_OFF.match(match.group(0)):
            return after + match.start()
    return len(text)


def _blocks(
    text: str,
    questions: tuple[Question, ...],
    cands: list[Candidate],
    pairs: list[tuple[int, int, float]],
) -> list[tuple[Question, Candidate, Span, Span, float]]:
    located: list[tuple[Question, Candidate, Span, Span, float]] = []
    if not pairs:
        return located
    last_cand = cands[pairs[-1][1]]
    letter_end = _sign_off(text, last_cand.line_end)
    for index, (q_index, c_index, score) in enumerate(pairs):
        question, cand = questions[q_index], cands[c_index]
        wording = _cue_score_any(cand)
        q_end = _question_end(text, cand, wording)
        next_start = cands[pairs[index + 1][1]].start if index + 1 < len(pairs) else letter_end
        q_end = min(q_end, next_start)
        answer_start = q_end
        answer_end = max(answer_start, _trim_end(text, answer_start, next_start))
        located.append(
            (
                question,
                cand,
                Span(start=cand.start, end=q_end),
                Span(start=answer_start, end=answer_end),
                score,
            )
        )
    return located


def _cue_score_any(cand: Candidate) -> bool:
    return (
        cand.has_wording
        and len(cand.text[: cand.text.find("\n") if "\n" in cand.text else len(cand.text)].split())
        >= 3
    )


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _is_listing(text: str, located: list[tuple[Question, Candidate, Span, Span, float]]) -> bool:
    if len(located) < 3:
        return False
    empty = 0
    for _, _, _, answer, _ in located:
        block = text[answer.start : answer.end]
        lines = [ln for ln in block.split("\n") if ln.strip()]
        content = [ln for ln in lines if not re.search(r"[?:]\s*$", ln)]
        if not content:
            empty += 1
    return empty >= 0.6 * len(located)


def _confidence(pairs: list[tuple[int, int, float]], questions: tuple[Question, ...]) -> float:
    if not questions:
        return 0.0
    return min(1.0, sum(min(score, 1.0) for _, _, score in pairs) / len(questions))


def find_questions(letter: Letter | str) -> QuestionMap:
    """Detect the questionnaire of a letter and locate each of its questions and answers."""
    text = letter.text if isinstance(letter, Letter) else letter
    cands = _candidates(text)
    best: tuple[float, Questionnaire, list[tuple[int, int, float]]] | None = None
    for questionnaire, questions in QUESTIONNAIRES.items():
        pairs = _align(questionnaire, questions, cands)
        wording_pairs = [
            p for p in pairs if _cue_score(questionnaire, questions[p[0]], cands[p[1]]) > 0
        ]
        confidence = _confidence(pairs, questions) * (0.5 + 0.5 * min(1.0, len(wording_pairs) / 3))
        if best is None or confidence > best[0]:
            best = (confidence, questionnaire, pairs)
    assert best is not None
    confidence, questionnaire, pairs = best
    if confidence < MIN_CONFIDENCE:
        return QuestionMap(questionnaire=Questionnaire.OTHER.value, confidence=confidence)
    questions = QUESTIONNAIRES[questionnaire]
    located = _blocks(text, questions, cands, pairs)
    listing: Span | None = None
    if _is_listing(text, located):
        listed_end = located[-1][2].end
        later = [c for c in cands if c.start >= listed_end]
        answer_pairs = _align(questionnaire, questions, later, numbers_only=True)
        if len(answer_pairs) >= max(2, len(pairs) // 2):
            listing = Span(start=located[0][2].start, end=listed_end)
            listed = {q.key: q_span for q, _, q_span, _, _ in located}
            answers = _blocks(text, questions, later, answer_pairs)
            located = [
                (q, c, listed.get(q.key, q_span), a_span, score)
                for q, c, q_span, a_span, score in answers
            ]
    return QuestionMap(
        questionnaire=questionnaire.value,
        confidence=round(confidence, 3),
        questions=tuple(
            LocatedQuestion(
                key=q.key,
                label=q.label,
                marker=cand.marker,
                question=q_span,
                answer=a_span,
                score=round(min(score, 1.0), 3),
            )
            for q, cand, q_span, a_span, score in located
        ),
        listing=listing,
    )
