"""A letter read once, for everything that inspects it: questions, numbers, sentences, blocks.

The rules extractor, the model backend, the chunker and the verifier all ask the same questions
of a letter ("which block answers this field?", "what kind of number is at this offset?",
"which sentence holds it?"). A `LetterReading` answers them from what the reading stage
(`rhi_llm.reading.read`) found once, so every stage agrees and none re-guesses. It only holds
and looks up; finding questions, numbers and answer blocks is the reading stage's work.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

from rhi_llm.core.questionnaires import (
    FIELDS,
    Questionnaire,
    fields_for,
    questionnaire,
    questions_for_field,
)
from rhi_llm.core.types import (
    Letter,
    LocatedQuestion,
    NumberMention,
    QuestionMap,
    Span,
    Table,
    TableCell,
)


class LetterReading:
    """One letter with its question map, number mentions, sentences and answer blocks."""

    def __init__(
        self,
        letter: Letter,
        qmap: QuestionMap,
        *,
        numbers: Sequence[NumberMention],
        sentences: Sequence[Span],
        blocks: Mapping[str, list[Span]],
        referred: Mapping[str, list[Span]],
        loose_text: str,
        tables: Sequence[Table] = (),
    ) -> None:
        self.letter = letter
        self.qmap = qmap
        self.questionnaire: str = qmap.questionnaire
        self.spec: Questionnaire | None = questionnaire(qmap.questionnaire)
        """The questionnaire the letter answers (None when it answers none installed)."""
        self.numbers = tuple(numbers)
        self.sentences = list(sentences)
        self.loose_text = loose_text
        """The text as `rhi_llm.quotes.loose` compares quotes with it."""
        self._blocks = dict(blocks)
        self._answer_blocks = {
            field_id: [*self._blocks.get(field_id, []), *referred.get(field_id, [])]
            for field_id in fields_for(self.questionnaire)
        }
        self._by_key = {q.key: q for q in qmap.questions}
        self._number_starts = [m.start for m in self.numbers]
        self._sentence_starts = [s.start for s in self.sentences]
        self._sharing: dict[Span, list[str]] = {}
        self.tables = tuple(tables)
        """The letter's tables (`rhi_llm.tables`), in order."""
        self._table_starts = [t.start for t in self.tables]

    def cell_at(self, offset: int) -> tuple[Table, TableCell] | None:
        """The table cell holding a character of the text, with its table."""
        index = bisect.bisect_right(self._table_starts, offset) - 1
        if index < 0:
            return None
        table = self.tables[index]
        if offset >= table.end:
            return None
        cell = table.cell_at(offset)
        return (table, cell) if cell is not None else None

    @property
    def text(self) -> str:
        return self.letter.text

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
        """The answer blocks of a field's own question(s) (a question answered jointly with
        the ones after it reaches to the end of the joint answer)."""
        return self._blocks.get(field_id, [])

    def answer_blocks(self, field_id: str) -> list[Span]:
        """Where a field's answer may stand: its own blocks, and any block they refer to."""
        return self._answer_blocks.get(field_id, [])

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

    def sentences_in(self, span: Span) -> list[Span]:
        """The sentences of a span, cut to the span (a block starts mid-sentence after a
        question that ends without a full stop)."""
        # sentences are sorted and do not overlap: only those from the one holding the span's
        # start up to its end can overlap it
        first = max(0, bisect.bisect_right(self._sentence_starts, span.start) - 1)
        last = bisect.bisect_left(self._sentence_starts, span.end, lo=first)
        return [
            Span(start=max(s.start, span.start), end=min(s.end, span.end))
            for s in self.sentences[first : last + 1]
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
