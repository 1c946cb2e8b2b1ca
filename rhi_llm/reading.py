"""A letter read once for everything that inspects it: questions, numbers, sentences, statuses.

The rules extractor and the verifier both ask the same questions of a letter ("which block
answers this field?", "is this sentence a refusal?", "what kind of number is at this offset?").
`LetterReading` answers them from one pass, so both stages agree and neither re-guesses.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property, lru_cache

from rhi_llm.numbers import NumberMention, find_numbers
from rhi_llm.questions import find_questions
from rhi_llm.survey import (
    FIELDS,
    Questionnaire,
    Status,
    fields_for,
    loose,
    questions_for_field,
)
from rhi_llm.types import Letter, LocatedQuestion, QuestionMap, Span

NOT_HELD = re.compile(
    r"\bnot (?:held|recorded|captured|collected|routinely recorded|comprehensively recorded|"
    r"centrally recorded|reportable|available|something we record|something we hold)\b|"
    r"\bdo(?:es)? not (?:hold|record|collect|capture|currently record)\b|"
    r"\bdon'?t (?:hold|record|collect)\b|\bno (?:such )?records?\b(?! of)|"
    r"\b(?:is|are) not (?:able to be )?(?:reported|extracted)\b|"
    r"\bunable to (?:provide|report|identify|extract|give)\b|"
    r"\bcannot (?:be )?(?:provided?|reported?|identif\w*|extracted?|give)\b|"
    r"\bhold no (?:record|information|data)\b|\bno (?:information|data) (?:is )?held\b",
    re.IGNORECASE,
)
REFUSED = re.compile(
    r"\bsection 12\b|\bs\.?\s?12\b|\bappropriate limit\b|\bcost limit\b|"
    r"\bexceed(?:s|ed|ing)? the (?:appropriate |cost |time )?limit\b|\bsection 14\b|"
    r"\bvexatious\b|\brefus(?:e|ed|ing) (?:this|the|that) (?:part|request|question)\b",
    re.IGNORECASE,
)
EXEMPT = re.compile(
    r"\bsection (?:40|31|38|41|42|43)\b|\bs\.?\s?(?:40|31|38)\b|\bexempt(?:ion)?\b|"
    r"\bwithh(?:eld|old(?:ing)?)\b|\bredacted\b|\bsuppressed\b|\bfewer than (?:\d+|five|ten)\b|"
    r"\bless than (?:\d+|five|ten)\b|(?<![\w.])<\s?\d+\b",
    re.IGNORECASE,
)
REFUSAL_NOTICE = re.compile(r"\brefusal notice\b", re.IGNORECASE)
NOT_APPLICABLE = re.compile(r"^\W*(?:n/?a|not applicable|none|nil)\W*$", re.IGNORECASE)
SEE_ELSEWHERE = re.compile(
    r"\b(?:see|as|refer to|please refer to|included in|covered in|given in|answered in)\s+"
    r"(?:the\s+)?(?:above|below|previous|answer to|response to|our (?:answer|response) to|"
    r"question|q\.?\s?\d|part)\b[^\n]{0,30}",
    re.IGNORECASE,
)
JOINT_ANSWER = re.compile(
    r"\bquestions?\s+\d+[a-d]?\s*(?:to|-|–|and|&|,)\s*\d+[a-d]?\b|\bquestion\s+\d+\b(?![a-d)])|"
    r"\bthese (?:questions|parts)\b|\bthe (?:questions|parts) above\b|\b(?:all|both) of these\b|"
    r"\ball (?:three|four|five) (?:questions|parts)\b|\btable below\b",
    re.IGNORECASE,
)
_QUESTION_REF = re.compile(r"\b(?:q(?:uestion)?\.?\s*)?(\d{1,2})\s*\(?([a-d])?\)?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z(\d•])|\n\s*\n|\n(?=\s*[•\-*]|\s*\(?[a-z]\))")


@lru_cache(maxsize=8192)
def withheld_status(text: str) -> Status | None:
    """The withheld status a passage states, if any (not held beats a refusal notice)."""
    if NOT_HELD.search(text):
        return Status.NOT_HELD
    if REFUSED.search(text):
        return Status.REFUSED
    if EXEMPT.search(text):
        return Status.EXEMPT
    if REFUSAL_NOTICE.search(text):
        return Status.REFUSED
    return None


class LetterReading:
    """One letter, with its question map and number mentions, computed once."""

    def __init__(self, letter: Letter, qmap: QuestionMap | None = None) -> None:
        self.letter = letter
        self.qmap = qmap if qmap is not None else find_questions(letter)
        self.questionnaire = Questionnaire(self.qmap.questionnaire)
        self._blocks: dict[str, list[Span]] = {}
        self._answer_blocks: dict[str, list[Span]] = {}
        self._sharing: dict[Span, list[str]] = {}
        self._by_key = {q.key: q for q in self.qmap.questions}

    @property
    def text(self) -> str:
        return self.letter.text

    @cached_property
    def loose_text(self) -> str:
        """The text as `survey.loose` compares quotes with it (made once per letter)."""
        return loose(self.text)

    @cached_property
    def numbers(self) -> tuple[NumberMention, ...]:
        return find_numbers(self.text)

    @cached_property
    def _number_starts(self) -> list[int]:
        return [m.start for m in self.numbers]

    def numbers_in(self, span: Span) -> list[NumberMention]:
        first = bisect.bisect_left(self._number_starts, span.start)
        last = bisect.bisect_left(self._number_starts, span.end, lo=first)
        return [m for m in self.numbers[first:last] if m.end <= span.end]

    def questions_of(self, field_id: str) -> list[LocatedQuestion]:
        located = (
            self._by_key.get(q.key) for q in questions_for_field(self.questionnaire, field_id)
        )
        return [q for q in located if q is not None]

    def blocks_of(self, field_id: str) -> list[Span]:
        """The answer blocks of a field's own question(s).

        A question with an empty block is answered jointly with the questions after it
        ("3. ... 4. ... 5. ... Answer to questions 3 to 5: ..."): its block reaches to the end
        of the first non-empty block that follows.
        """
        cached = self._blocks.get(field_id)
        if cached is not None:
            return cached
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
        self._blocks[field_id] = blocks
        return blocks

    def fields_overlapping(self, block: Span) -> list[str]:
        """Fields of this letter's questionnaire whose answer blocks overlap a block."""
        cached = self._sharing.get(block)
        if cached is None:
            cached = self._sharing[block] = [
                f
                for f in fields_for(self.questionnaire)
                if any(b.overlaps(block) for b in self.blocks_of(f))
            ]
        return cached

    def answer_blocks(self, field_id: str) -> list[Span]:
        """Where a field's answer may stand: its own blocks, and any block they refer to."""
        cached = self._answer_blocks.get(field_id)
        if cached is None:
            cached = self._answer_blocks[field_id] = self.blocks_of(
                field_id
            ) + self.referred_blocks(field_id)
        return cached

    def _has_content(self, span: Span) -> bool:
        return bool(self.letter.excerpt(span).strip())

    def referred_blocks(self, field_id: str) -> list[Span]:
        """Blocks a field's answer points to ("see above", "as in 4a")."""
        found: list[Span] = []
        for question in self.questions_of(field_id):
            block_text = self.letter.excerpt(question.answer)
            reference = SEE_ELSEWHERE.search(block_text)
            if not reference:
                continue
            target = self._referenced_question(reference.group(0), question)
            if target is not None:
                found.append(target.answer)
        return found

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

    def block_of_offset(self, offset: int) -> LocatedQuestion | None:
        for question in self.qmap.questions:
            if (
                question.answer.start
                <= offset
                < max(question.answer.end, question.answer.start + 1)
            ):
                return question
        return None

    def in_question_text(self, span: Span) -> LocatedQuestion | None:
        for question in self.qmap.questions:
            if question.question.overlaps(span):
                return question
        return None

    @cached_property
    def sentences(self) -> list[Span]:
        spans: list[Span] = []
        start = 0
        for match in _SENTENCE_END.finditer(self.text):
            spans.append(Span(start=start, end=match.start()))
            start = match.end()
        spans.append(Span(start=start, end=len(self.text)))
        return spans

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentences_in(self, span: Span) -> list[Span]:
        """The sentences of a span, cut to the span (a block starts mid-sentence after a
        question that ends without a full stop)."""
        return [
            Span(start=max(s.start, span.start), end=min(s.end, span.end))
            for s in self.sentences
            if s.overlaps(span)
        ]

    def sentence_at(self, offset: int) -> Span:
        index = max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)
        return self.sentences[index]

    def field_label(self, field_id: str) -> str:
        questions = questions_for_field(self.questionnaire, field_id)
        spec = FIELDS[field_id]
        if questions:
            return f"{spec.label} (question {', '.join(q.label for q in questions)})"
        return spec.label
