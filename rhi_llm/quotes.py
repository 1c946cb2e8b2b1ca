"""Where a quote stands in a letter: exactly, after normalising, or by a bounded fuzzy match.

The model backend's grounding check, the chunk merger and the verifier all ask this question,
so they ask it here and agree:

* `locate_quote`: the quote's span in the letter (exact, then normalised for case, whitespace,
  quotes, dashes, thousands separators and line-break hyphens, then a bounded fuzzy match that
  never accepts a changed digit), preferring an occurrence inside the given answer blocks;
* `loose`: text compared loosely (what a model's quote must match to be accepted at all).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from rhi_llm.core.reading import LetterReading
from rhi_llm.core.types import Span

_LOOSE_CHARS = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-", "\u00a0": " "}
)


def loose(text: str) -> str:
    """Text compared loosely: case, quote marks, dashes, spacing and thousands commas aside."""
    text = text.translate(_LOOSE_CHARS).lower()
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return re.sub(r"\s+", " ", text).strip()


_QUOTE_CHARS = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "…": ".",
    }
)
FUZZY_MIN_LENGTH = 16
FUZZY_MIN_RATIO = 0.9


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    span: Span
    how: Literal["exact", "normalised", "fuzzy"]
    similarity: float = 1.0


class NormalisedText:
    """The letter text normalised for quote matching, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        origin: list[int] = []
        index, length = 0, len(text)
        while index < length:
            char = text[index]
            if char.isspace():
                end = index
                while end < length and text[end].isspace():
                    end += 1
                # a line-break hyphen: "inter-\nview" -> "interview"
                if (
                    chars
                    and chars[-1] == "-"
                    and "\n" in text[index:end]
                    and len(chars) > 1
                    and chars[-2].isalpha()
                    and end < length
                    and text[end].islower()
                ):
                    chars.pop()
                    origin.pop()
                elif chars and chars[-1] != " " and not (end < length and text[end] == "%"):
                    chars.append(" ")
                    origin.append(index)
                index = end
                continue
            if (
                char == ","
                and chars
                and chars[-1].isdigit()
                and re.match(r",\d{3}(?!\d)", text[index : index + 5])
            ):
                index += 1
                continue
            chars.append(char.lower().translate(_QUOTE_CHARS))
            origin.append(index)
            index += 1
        self.text = "".join(chars)
        self.origin = origin

    def span(self, start: int, end: int) -> Span:
        return Span(start=self.origin[start], end=self.origin[end - 1] + 1)


def normalise_quote(quote: str) -> str:
    return NormalisedText(quote.strip()).text.strip()


def _prefer(spans: list[Span], blocks: list[Span]) -> Span:
    for block in blocks:
        for span in spans:
            if block.contains(span):
                return span
    for block in blocks:
        for span in spans:
            if block.overlaps(span):
                return span
    return spans[0]


def _all(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    at = haystack.find(needle)
    while at >= 0 and len(found) < 50:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))


def locate_quote(reading: LetterReading, quote: str, blocks: list[Span]) -> QuoteMatch | None:
    """Where a quote stands in the letter, preferring the field's own answer blocks."""
    quote = quote.strip()
    if not quote:
        return None
    text = reading.text
    exact = _all(text, quote)
    if exact:
        spans = [Span(start=a, end=a + len(quote)) for a in exact]
        return QuoteMatch(span=_prefer(spans, blocks), how="exact")
    normal = reading_normalised(reading)
    needle = normalise_quote(quote)
    if not needle:
        return None
    hits = _all(normal.text, needle)
    if hits:
        spans = [normal.span(a, a + len(needle)) for a in hits]
        return QuoteMatch(span=_prefer(spans, blocks), how="normalised")
    return _fuzzy(normal, needle, blocks)


def _fuzzy(normal: NormalisedText, needle: str, blocks: list[Span]) -> QuoteMatch | None:
    """A bounded fuzzy match: anchored on the quote's numbers or rarest word, digits exact."""
    if len(needle) < FUZZY_MIN_LENGTH:
        return None
    digits = _digits(needle)
    anchors: list[tuple[int, int]] = []  # (position in letter, position in quote)
    if digits:
        anchor = max(digits, key=len)
        in_quote = needle.find(anchor)
        anchors = [(a, in_quote) for a in _all(normal.text, anchor)]
    else:
        words = sorted(re.findall(r"[a-z]{5,}", needle), key=len, reverse=True)[:2]
        for word in words:
            in_quote = needle.find(word)
            anchors += [(a, in_quote) for a in _all(normal.text, word)]
    best: QuoteMatch | None = None
    for at, in_quote in anchors[:20]:
        lo = max(0, at - in_quote - 20)
        hi = min(len(normal.text), at - in_quote + len(needle) + 20)
        window = normal.text[lo:hi]
        matcher = difflib.SequenceMatcher(None, window, needle, autojunk=False)
        blocks_ = [b for b in matcher.get_matching_blocks() if b.size]
        if not blocks_:
            continue
        start, end = blocks_[0].a, blocks_[-1].a + blocks_[-1].size
        region = window[start:end]
        if _cuts_a_word(normal.text, lo + start, lo + end):
            continue
        matched = sum(b.size for b in blocks_)
        ratio = 2 * matched / (len(region) + len(needle))
        if ratio < FUZZY_MIN_RATIO or _digits(region) != digits:
            continue
        span = normal.span(lo + start, lo + end)
        candidate = QuoteMatch(span=span, how="fuzzy", similarity=round(ratio, 3))
        in_block = any(b.contains(span) for b in blocks)
        if best is None or ratio > best.similarity or in_block:
            best = candidate
            if in_block:
                break
    return best


def _cuts_a_word(text: str, start: int, end: int) -> bool:
    """A fuzzy match may not begin or end inside a word or number ("214" of "1214")."""
    return (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    )


_NORMAL_CACHE: dict[str, NormalisedText] = {}


def clear_cache() -> None:
    """Forget the normalised texts of letters seen so far."""
    _NORMAL_CACHE.clear()


def reading_normalised(reading: LetterReading) -> NormalisedText:
    key = reading.letter.sha256 + str(len(reading.text))
    cached = _NORMAL_CACHE.get(key)
    if cached is None:
        if len(_NORMAL_CACHE) > 256:
            _NORMAL_CACHE.clear()
        cached = _NORMAL_CACHE[key] = NormalisedText(reading.text)
    return cached
