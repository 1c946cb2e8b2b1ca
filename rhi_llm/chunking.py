"""Chunking: a letter that fits the model's context goes whole, once; a longer one is split at
question boundaries, with a small overlap, each chunk asked only for its questions' fields.

Token counts are estimated from characters (about 3.5 characters per token for English
prose; we err on the side of more tokens). No tokenizer is downloaded.
"""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict

from rhi_llm.core.questionnaires import FIELDS, QUESTIONNAIRES, fields_for
from rhi_llm.core.reading import LetterReading

CHARS_PER_TOKEN = 3.5
OVERLAP_CHARS = 300


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


class Chunk(BaseModel):
    """A part of a letter sent in one request, with its offsets and the fields asked."""

    model_config = ConfigDict(frozen=True)

    index: int
    start: int
    end: int
    questions: tuple[str, ...]
    fields: tuple[str, ...]


def plan_chunks(reading: LetterReading, budget_tokens: int) -> list[Chunk]:
    """Chunks for a letter, each holding at most about ``budget_tokens`` of letter text."""
    text = reading.text
    questionnaire = reading.questionnaire
    all_fields = fields_for(questionnaire)
    located = list(reading.qmap.questions)
    if estimate_tokens(text) <= budget_tokens or len(located) < 2:
        keys = tuple(q.key for q in located)
        return [Chunk(index=0, start=0, end=len(text), questions=keys, fields=all_fields)]
    budget_chars = int(budget_tokens * CHARS_PER_TOKEN)
    groups: list[list[int]] = [[]]
    group_start = 0
    for index, question in enumerate(located):
        end = located[index + 1].question.start if index + 1 < len(located) else len(text)
        if groups[-1] and end - group_start > budget_chars:
            groups.append([])
            group_start = question.question.start
        groups[-1].append(index)
    chunks: list[Chunk] = []
    covered = {
        f
        for q in QUESTIONNAIRES.get(questionnaire, ())
        for f in q.fields
        if reading.qmap.get(q.key) is not None
    }
    unplaced = tuple(f for f in all_fields if f not in covered)
    for number, members in enumerate(groups):
        first = located[members[0]]
        start = 0 if number == 0 else max(0, first.question.start - OVERLAP_CHARS)
        following = members[-1] + 1
        end = (
            len(text)
            if following >= len(located)
            else min(len(text), located[following].question.start + OVERLAP_CHARS)
        )
        keys = tuple(located[i].key for i in members)
        asked = {f for q in QUESTIONNAIRES[questionnaire] if q.key in keys for f in q.fields}
        fields = tuple(f for f in FIELDS if f in asked) + unplaced
        chunks.append(Chunk(index=number, start=start, end=end, questions=keys, fields=fields))
    return chunks
