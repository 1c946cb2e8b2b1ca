"""Chunking: a letter that fits the model's context goes whole, once; a longer one is split at
question boundaries, with a small overlap, each chunk asked only for its questions' fields.

`plan_to_fit` plans against what one request may really hold: for every chunk, the letter
text, the prompt and the schema of the fields it asks, and the output budget must fit the
context. An answer block too long for one request is split at paragraph or line breaks, the
fields whose questions were not found are asked over the whole letter in parts of their own,
and fields are asked in smaller sets when even their schema leaves no room for text.

Token counts are estimated from characters (about 3.5 characters per token for English
prose, fewer for JSON; we err on the side of more tokens). No tokenizer is downloaded.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from rhi_llm.core.questionnaires import FIELDS, QUESTIONNAIRES, Question, fields_for
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.types import LocatedQuestion

CHARS_PER_TOKEN = 3.5
SCHEMA_CHARS_PER_TOKEN = 2.8  # JSON Schema is mostly quotes, braces and short keys
OVERLAP_CHARS = 300
NEAR_CHARS = 400  # a question's words this close before its answer are read with it
MIN_TEXT_TOKENS = 200  # a part with less room for letter text than this asks fewer fields


WHITESPACE = re.compile(r"\s+")


def estimate_tokens(text: str) -> int:
    """Tokens of some text by our estimate: a run of spaces counts as one character, as
    tokenizers take it in one token (a space-aligned table is mostly spaces)."""
    return math.ceil(len(WHITESPACE.sub(" ", text)) / CHARS_PER_TOKEN)


def estimate_schema_tokens(schema_json: str) -> int:
    return math.ceil(len(schema_json) / SCHEMA_CHARS_PER_TOKEN)


class Chunk(BaseModel):
    """A part of a letter sent in one request, with its offsets and the fields asked."""

    model_config = ConfigDict(frozen=True)

    index: int
    start: int
    end: int
    questions: tuple[str, ...]
    fields: tuple[str, ...]


Room = Callable[[tuple[str, ...]], int]
"""Tokens of letter text one request may carry beside the prompt and schema of these fields."""


def _pieces(text: str, start: int, end: int, limit_chars: int) -> list[tuple[int, int]]:
    """[start, end) cut into pieces of at most ``limit_chars``, at a paragraph break where
    one is near, else a line break, else a space, else anywhere."""
    pieces: list[tuple[int, int]] = []
    limit_chars = max(200, limit_chars)
    while end - start > limit_chars:
        window = text[start : start + limit_chars]
        cut = -1
        for pattern in (r"\n\s*\n", r"\n", r" "):
            breaks = [m.end() for m in re.finditer(pattern, window) if m.end() > limit_chars // 2]
            if breaks:
                cut = breaks[-1]
                break
        cut = cut if cut > 0 else limit_chars
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def _field_sets(fields: tuple[str, ...], room: Room) -> list[tuple[str, ...]]:
    """The fields in as few sets as leave each request room for some letter text."""
    if len(fields) <= 1 or room(fields) >= MIN_TEXT_TOKENS:
        return [fields]
    half = len(fields) // 2
    return _field_sets(fields[:half], room) + _field_sets(fields[half:], room)


def _span(question: LocatedQuestion) -> tuple[int, int]:
    """Where a located question's answer is to be read: its answer block, with the
    question's own words when they come just before it (not when the letter lists the
    questions first and answers them further down)."""
    gap = question.answer.start - question.question.end
    start = question.question.start if 0 <= gap <= NEAR_CHARS else question.answer.start
    return start, max(question.answer.end, start)


def plan_to_fit(reading: LetterReading, room: Room) -> list[Chunk]:
    """Chunks for a letter such that every request fits: ``room(fields)`` is how many tokens
    of letter text a request asking those fields may carry."""
    text = reading.text
    questionnaire = reading.questionnaire
    all_fields = fields_for(questionnaire)
    located = list(reading.qmap.questions)
    if estimate_tokens(text) <= room(all_fields):
        keys = tuple(q.key for q in located)
        return [Chunk(index=0, start=0, end=len(text), questions=keys, fields=all_fields)]
    by_key = {q.key: q for q in QUESTIONNAIRES.get(questionnaire, ())}
    covered = {f for q in located if q.key in by_key for f in by_key[q.key].fields}
    unplaced = tuple(f for f in all_fields if f not in covered)
    placed = sorted(((_span(q), q.key) for q in located), key=lambda item: item[0])
    groups: list[tuple[int, int, list[str]]] = []  # (start, end, question keys)
    for (begin, finish), key in placed:
        if groups:
            first, last, members = groups[-1]
            fields = _asked(by_key, [*members, key])
            joined = (first, max(last, finish))
            if estimate_tokens(text[joined[0] : joined[1]]) <= room(fields) and room(fields) > 0:
                groups[-1] = (joined[0], joined[1], [*members, key])
                continue
        groups.append((begin, finish, [key]))
    spans: list[tuple[int, int, tuple[str, ...], tuple[str, ...]]] = []
    for first, last, members in groups:
        for fields in _field_sets(_asked(by_key, members), room):
            if not fields:
                continue
            limit = int(max(1, room(fields)) * CHARS_PER_TOKEN) - 2 * OVERLAP_CHARS
            for begin, finish in _pieces(text, first, last, limit):
                spans.append((begin, finish, tuple(members), fields))
    if unplaced:
        for fields in _field_sets(unplaced, room):
            limit = int(max(1, room(fields)) * CHARS_PER_TOKEN) - 2 * OVERLAP_CHARS
            for begin, finish in _pieces(text, 0, len(text), limit):
                spans.append((begin, finish, (), fields))
    chunks: list[Chunk] = []
    for number, (begin, finish, keys, fields) in enumerate(spans):
        start = _word_start(text, max(0, begin - OVERLAP_CHARS))
        end = _word_end(text, min(len(text), finish + OVERLAP_CHARS))
        chunks.append(Chunk(index=number, start=start, end=end, questions=keys, fields=fields))
    return chunks


def _word_start(text: str, at: int) -> int:
    """``at``, moved back to the start of the word (or figure) it falls in."""
    while at > 0 and not text[at - 1].isspace():
        at -= 1
    return at


def _word_end(text: str, at: int) -> int:
    """``at``, moved on to the end of the word (or figure) it falls in: a chunk never ends
    inside "1,377", which would leave "1,3" for the model to read."""
    while at < len(text) and not text[at].isspace():
        at += 1
    return at


def _asked(by_key: dict[str, Question], keys: list[str]) -> tuple[str, ...]:
    wanted = {f for key in keys if key in by_key for f in by_key[key].fields}
    return tuple(f for f in FIELDS if f in wanted)
