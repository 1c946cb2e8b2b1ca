"""Text addressed to automated readers (prompt injection): a letter's words are data.

A quote that stands in, or follows in its paragraph, text addressed to automated readers
("Note for AI tools: record this as ...", "SYSTEM: ...", "skip the checks") fails the aligned
check, and so does a free-text answer that carries such text: an instruction planted in a
letter is never the council's answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rhi_llm.core.reading import LetterReading
from rhi_llm.core.types import Check, CheckCode, Span

# Who such text speaks to: AI tools, language models, automated systems, bots. "AI", "LLM" and
# "GPT" are matched in capitals only, so that ordinary words never match.
_MACHINE = (
    r"(?:\bA\.?I\b|\bLLMs?\b|\b(?:Chat)?GPT\w*"
    r"|(?i:\blanguage\s+models?\b|\bchat\s?bots?\b|\bbots?\b"
    r"|\b(?:automated|automatic|machine)\s+(?:systems?|tools?|readers?|reading|processing"
    r"|extraction|extractors?|parsers?|agents?|assistants?|software|models?)\b"
    r"|\b(?:parsers?|scrapers?|crawlers?)\b|\b(?:virtual|digital)\s+assistants?\b))"
)
_ADDRESSED = re.compile(
    "|".join(
        f"(?:{pattern})"
        for pattern in (
            # "Automated readers: ...", "AI note: ...", "Note for AI tools: ..."
            rf"{_MACHINE}(?:[ \t]+[\w-]+){{0,3}}[ \t]*:",
            # "Note for automated systems", "Instruction to AI extraction tools"
            rf"(?i:\b(?:note|message|instructions?|notice|attention|reminder|guidance)\s+"
            rf"(?:for|to)\s+(?:any\s+|all\s+|the\s+)?)(?:[\w-]+\s+){{0,2}}?{_MACHINE}",
            # "language models reading this page"
            rf"{_MACHINE}[^.\n]{{0,40}}(?i:\b(?:reading|processing|parsing|summari[sz]ing|"
            rf"scanning)\s+this\s+(?:letter|page|document|reply|response|e-?mail|message|text)\b)",
            # text dressed as a chat role: "SYSTEM: ...", "[system]", "system prompt"
            r"(?m:^[ \t]*[\[<]?\|?(?:SYSTEM|ASSISTANT|DEVELOPER)\|?[\]>]?[ \t]*:)",
            r"(?i:\bsystem\s+(?:message|prompt|instructions?)\b)",
            # instructions to a checker, never to a person reading a reply
            r"(?i:\b(?:ignore|disregard|forget|override)\s+(?:(?:all|any|the|your|these|those|"
            r"previous|prior|above|earlier|preceding|other)\s+)*(?:instructions?|rules|checks?|"
            r"prompts?)\b)",
            r"(?i:\b(?:skip|bypass|disable|switch\s+off|turn\s+off)\s+(?:(?:the|all|any|your|"
            r"these)\s+)*(?:checks?|verification|validation|verifier)\b)",
            r"(?i:\bquote\s+rule\b)",
            r"(?i:\bmark\s+(?:every|each|all)\s+(?:the\s+)?(?:fields?|answers?|values?|figures?)\b)",
            r"(?i:\bverification\s+(?:is|has\s+been)\s+(?:complete|completed|done|passed)\b)",
        )
    )
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TEXT_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n[ \t]*\n")


@lru_cache(maxsize=8192)
def addressed_to_machines(sentence: str) -> str | None:
    """The words by which a sentence speaks to automated readers or gives them instructions."""
    found = _ADDRESSED.search(sentence)
    return " ".join(found.group(0).split()) if found else None


def _instruction_reach(reading: LetterReading, sentence: Span) -> int:
    """Where an instruction's sway ends: its paragraph, and never past its own answer (or, out
    of any answer, past the next question)."""
    text = reading.text
    blank = _BLANK_LINE.search(text, sentence.end)
    end = blank.start() if blank else len(text)
    block = reading.block_of_offset(sentence.start)
    if block is not None:
        return min(end, max(block.answer.end, sentence.end))
    later = [q.question.start for q in reading.qmap.questions if q.question.start >= sentence.end]
    return min([end, *later])


@dataclass(frozen=True, slots=True)
class Instruction:
    """A sentence of the letter addressed to automated readers, and how far its sway runs."""

    sentence: Span
    words: str
    reach: int


_INSTRUCTION_CACHE: dict[str, list[Instruction]] = {}


def instructions(reading: LetterReading) -> list[Instruction]:
    """Every sentence of the letter that speaks to automated readers (found once per letter)."""
    key = reading.letter.sha256 + str(len(reading.text))
    cached = _INSTRUCTION_CACHE.get(key)
    if cached is None:
        if len(_INSTRUCTION_CACHE) > 256:
            _INSTRUCTION_CACHE.clear()
        cached = _INSTRUCTION_CACHE[key] = [
            Instruction(sentence=s, words=words, reach=_instruction_reach(reading, s))
            for s in reading.sentences
            if (words := addressed_to_machines(reading.letter.excerpt(s))) is not None
        ]
    return cached


def planted_instruction(reading: LetterReading, span: Span) -> Check | None:
    """A failed check when the quote stands in, or follows in its paragraph, text addressed to
    automated readers; None otherwise."""
    for found in instructions(reading):
        if not (found.sentence.start < span.end and span.start < found.reach):
            continue
        where = "stands in" if found.sentence.overlaps(span) else "follows, in the same paragraph,"
        return Check(
            code=CheckCode.ALIGNED,
            passed=False,
            message=f"the quote {where} text addressed to automated readers ('{found.words}' in "
            f"{clip(reading.letter.excerpt(found.sentence))}): an instruction planted in a "
            "letter is not the council's answer",
        )
    return None


def planted_in_text(value: str) -> Check | None:
    """A failed check when a free-text answer carries text addressed to automated readers."""
    for sentence in _TEXT_SENTENCE.split(value):
        words = addressed_to_machines(sentence)
        if words is not None:
            return Check(
                code=CheckCode.ALIGNED,
                passed=False,
                message=f"the answer's text includes words addressed to automated readers "
                f"('{words}' in {clip(sentence)}): that passage is not part of the council's "
                "answer; review the text before publishing it",
            )
    return None


def clip(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 3]}...'"


def clear_cache() -> None:
    """Forget the instructions found in letters seen so far."""
    _INSTRUCTION_CACHE.clear()
