"""Reading a letter once: its questions, numbers, sentences and answer blocks, and the phrases
that say an answer is withheld.

`read(letter)` runs the question finder and the number scan, cuts the text into sentences and
works out each field's answer blocks (a question answered jointly with the ones after it, an
answer that points to another: "see above", "as in 4a"). The result, a
`rhi_llm.core.reading.LetterReading`, is what every later stage inspects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rhi_llm.core.questionnaires import fields_for, questions_for_field
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import OTHER, Status
from rhi_llm.core.types import Letter, LocatedQuestion, QuestionMap, Span, Table
from rhi_llm.numbers import find_numbers
from rhi_llm.questions import find_questions
from rhi_llm.quotes import loose
from rhi_llm.tables import find_tables

NOT_HELD = re.compile(
    r"\bnot (?:held|recorded|captured|collected|routinely recorded|comprehensively recorded|"
    r"centrally recorded|reportable|available|something we record|something we hold|"
    r"(?:a |in a )?reportable (?:field|form|format))\b|"
    r"\bdo(?:es)? not (?:hold|record|collect|capture|currently record)\b|"
    r"\bdon'?t (?:hold|record|collect)\b|\bno (?:such )?records?\b(?! of)|"
    r"\b(?:is|are) not (?:able to be )?(?:reported|extracted)\b|"
    r"\bunable to (?:provide|report|identify|extract|give)\b|"
    r"\bcannot (?:be )?(?:provided?|reported?|identif\w*|extracted?|give)\b|"
    r"\bhold no (?:record|information|data)\b|\bno (?:information|data) (?:is )?held\b",
    re.IGNORECASE,
)
REFUSED = re.compile(
    r"\bsection\s+12\b|\bs\.?\s?12\b|\bappropriate\s+limit\b|\bcost\s+limit\b|"
    r"\bexceed(?:s|ed|ing)? the (?:appropriate |cost |time )?limit\b|\bsection\s+14\b|"
    r"\bvexatious\b|\brefus(?:e|ed|ing) (?:this|the|that) (?:part|request|question)\b|"
    r"\b(?:part|request|question)s? (?:is|are) (?:therefore )?refused\b",
    re.IGNORECASE,
)
EXEMPT = re.compile(
    r"\bsection (?:40|31|38|41|42|43)\b|\bs\.?\s?(?:40|31|38)\b|\bexempt(?:ion)?\b|"
    r"\bwithh(?:eld|old(?:ing)?)\b|\bredacted\b|\bsuppressed\b|\bfewer than (?:\d+|five|ten)\b|"
    r"\bless than (?:\d+|five|ten)\b|(?<![\w.])<\s?\d+\b",
    re.IGNORECASE,
)
_REFUSES = re.compile(r"\brefus(?:e|ed|ing|al)\b", re.IGNORECASE)
REFUSAL_NOTICE = re.compile(r"\brefusal notice\b", re.IGNORECASE)
NOT_APPLICABLE = re.compile(r"^\W*(?:n/?a|not applicable|none|nil)\W*$", re.IGNORECASE)
SEE_ELSEWHERE = re.compile(
    r"\b(?:see|as|refer to|please refer to|included in|covered in|given in|answered in)\s+"
    r"(?:the\s+)?(?:above|below|previous|answer to|response to|our (?:answer|response) to|"
    r"question|q\.?\s?\d|part)\b[^\n]{0,30}"
    # an answer that is only a pointer: "As 1.", "Same as 4a"
    r"|^\W*(?:the )?(?:same )?as (?:in |for |at )?(?:q(?:uestion)?\.?\s*)?\d{1,2}[a-d]?\b",
    re.IGNORECASE,
)
JOINT_ANSWER = re.compile(
    r"\bquestions?\s+\d+[a-d]?\s*(?:to|-|–|and|&|,)\s*\d+[a-d]?\b|\bquestion\s+\d+\b(?![a-d)])|"
    r"\bthese (?:questions|parts)\b|\bthe (?:questions|parts) above\b|\b(?:all|both) of these\b|"
    r"\ball (?:three|four|five) (?:questions|parts)\b|\btable below\b",
    re.IGNORECASE,
)
_SEE_TABLE = re.compile(
    r"\b(?:see|in|refer to|given in|shown in)\s+(?:the\s+)?table\s+([A-Z]|\d{1,2})\b", re.IGNORECASE
)
_QUESTION_REF = re.compile(r"\b(?:q(?:uestion)?\.?\s*)?(\d{1,2})\s*\(?([a-d])?\)?", re.IGNORECASE)
# a sentence's end, a blank line, or a line opening a list item: a bullet, "(a)", or a
# question's number ("1) Individual children reported missing: 174" on each line, no stops)
_SENTENCE_END = re.compile(
    r"(?<=[.!?;])\s+(?=[A-Z(\d•])|\n\s*\n|\n(?=\s*[•\-*]|\s*\(?[a-z]\))"
    r"|\n(?=[ \t]*(?:Q(?:uestion)?[ \t]*)?\d{1,2}[a-h]?[.):][ \t]+\S)"
)


@lru_cache(maxsize=8192)
def withheld_status(text: str) -> Status | None:
    """The withheld status a passage states, if any (not held beats a refusal notice, unless
    the passage says in words that it refuses on cost: "Refused under section 12 - offers
    are not recorded")."""
    if REFUSED.search(text) and _REFUSES.search(text):
        return Status.REFUSED
    if NOT_HELD.search(text):
        return Status.NOT_HELD
    if REFUSED.search(text):
        return Status.REFUSED
    if EXEMPT.search(text):
        return Status.EXEMPT
    if REFUSAL_NOTICE.search(text):
        return Status.REFUSED
    return None


def read(
    letter: Letter, qmap: QuestionMap | None = None, *, questionnaire: str | None = None
) -> LetterReading:
    """Read a letter once for every stage (``qmap`` when its questions are already found;
    ``questionnaire`` when the letter is known to answer that one, not detected)."""
    tables = find_tables(letter.text)
    if qmap is None:
        qmap = (
            QuestionMap(questionnaire=OTHER, confidence=1.0)
            if questionnaire == OTHER
            else find_questions(letter, only=questionnaire, tables=tables)
        )
    blocks = _Blocks(letter, qmap, tables)
    fields = fields_for(qmap.questionnaire)
    return LetterReading(
        letter,
        qmap,
        numbers=find_numbers(letter.text),
        sentences=sentences(letter.text, tables),
        blocks={f: blocks.own(f) for f in fields},
        referred={f: blocks.referred(f) for f in fields},
        loose_text=loose(letter.text),
        tables=tables,
    )


def sentences(text: str, tables: Sequence[Table] = ()) -> list[Span]:
    """The text cut into sentences (and list items and paragraphs); each table row is a
    sentence of its own ("<5*" in one row withholds that row, not the table)."""
    cuts = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
    for table in tables:
        offset = text.find("\n", table.start)
        while 0 <= offset < table.end:
            cuts.append((offset, offset + 1))
            offset = text.find("\n", offset + 1)
    spans: list[Span] = []
    start = 0
    for cut_start, cut_end in sorted(cuts):
        if cut_start < start:
            continue
        spans.append(Span(start=start, end=cut_start))
        start = cut_end
    spans.append(Span(start=start, end=len(text)))
    return spans


class _Blocks:
    """Each field's answer blocks in one letter."""

    def __init__(self, letter: Letter, qmap: QuestionMap, tables: Sequence[Table] = ()) -> None:
        self.letter = letter
        self.qmap = qmap
        self.tables = tables
        self.by_key = {q.key: q for q in qmap.questions}
        self.questionnaire = qmap.questionnaire

    def questions_of(self, field_id: str) -> list[LocatedQuestion]:
        asked = questions_for_field(self.questionnaire, field_id)
        located = (self.by_key.get(q.key) for q in asked)
        return [q for q in located if q is not None]

    def own(self, field_id: str) -> list[Span]:
        """The answer blocks of a field's own question(s).

        A question with an empty block is answered jointly with the questions after it
        ("3. ... 4. ... 5. ... Answer to questions 3 to 5: ..."): its block reaches to the end
        of the first non-empty block that follows.
        """
        blocks: list[Span] = []
        ordered = self.qmap.questions
        for question in self.questions_of(field_id):
            block = question.answer
            if not self._has_content(block):
                index = ordered.index(question)
                for later in ordered[index + 1 :]:
                    if self._has_content(later.answer):
                        opening = self.letter.excerpt(later.answer)[:240]
                        if JOINT_ANSWER.search(opening):
                            block = Span(start=block.start, end=later.answer.end)
                        break
            blocks.append(block)
        return blocks

    def _has_content(self, span: Span) -> bool:
        return bool(self.letter.excerpt(span).strip())

    def referred(self, field_id: str) -> list[Span]:
        """Blocks a field's answer points to ("see above", "as in 4a")."""
        found: list[Span] = []
        for question in self.questions_of(field_id):
            block_text = self.letter.excerpt(question.answer)
            table = self._referenced_table(block_text)
            if table is not None:
                found.append(table)
                continue
            reference = SEE_ELSEWHERE.search(block_text)
            if not reference:
                continue
            target = self._referenced_question(reference.group(0), question)
            if target is not None:
                found.append(target.answer)
        return found

    def _referenced_table(self, block_text: str) -> Span | None:
        """The table an answer points to by its name ("See Table B", "see Table 2 (year
        total)"): the table that starts within two lines of a line opening "Table B"."""
        pointer = _SEE_TABLE.search(block_text)
        if pointer is None:
            return None
        text = self.letter.text
        name = re.escape(pointer.group(1))
        for heading in re.finditer(rf"(?im)^[ \t#*|]*table\s+{name}\b", text):
            for table in self.tables:
                between = text[heading.end() : table.start]
                if table.start >= heading.start() and between.count("\n") <= 2:
                    return Span(start=table.start, end=table.end)
        return None

    def _referenced_question(self, phrase: str, source: LocatedQuestion) -> LocatedQuestion | None:
        ordered = list(self.qmap.questions)
        index = ordered.index(source)
        number = _QUESTION_REF.search(phrase.split(maxsplit=1)[-1])
        if number and re.search(r"\d", phrase):
            label = number.group(1) + (number.group(2) or "").lower()
            for candidate in ordered:
                if candidate.label in (label, label + "a") and candidate is not source:
                    return candidate
        if re.search(r"below", phrase, re.IGNORECASE):
            return ordered[index + 1] if index + 1 < len(ordered) else None
        return ordered[index - 1] if index > 0 else None
