"""The one normalisation every letter's text goes through (and OCR's words, so that offsets
computed while building a page's text survive it)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_PDF_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
# Characters a reader does not see but that change what is shown: every format character
# (Unicode category Cf: bidirectional embeddings, overrides and isolates U+202A-U+202E and
# U+2066-U+2069, the marks U+200E, U+200F and U+061C, zero-width spaces and joiners
# U+200B-U+200D, the word joiner U+2060 and invisible operators, U+FEFF, the soft hyphen),
# the combining grapheme joiner and the Hangul fillers, which show as nothing.
# (Written out: a test checks that every Cf character of Python's Unicode tables is here.)
_HIDDEN = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
    "\u034f\u115f\u1160\u3164\uffa0]+"  # grapheme joiner, Hangul fillers: show as nothing
)


# bidirectional embeddings, overrides and isolates open a stretch of text shown reordered,
# up to their closing character or the end of the paragraph
_BIDI_OPEN = frozenset("\u202a\u202b\u202d\u202e\u2066\u2067\u2068")
_BIDI_CLOSE = frozenset("\u202c\u2069")


@dataclass(frozen=True)
class Normalised:
    """A text normalised, with where invisible characters were taken out of it (offsets in
    the normalised text; one per run of them, a byte-order mark that starts it not counted)
    and the stretches a bidirectional control had shown reordered ([start, end))."""

    text: str
    hidden: tuple[int, ...] = ()
    reordered: tuple[tuple[int, int], ...] = ()


def normalise_text(text: str, *, pdf: bool = False) -> str:
    """The one normalisation every letter's text goes through."""
    return normalise_with_marks(text, pdf=pdf).text


def normalise_with_marks(text: str, *, pdf: bool = False) -> Normalised:
    """`normalise_text`, telling where invisible characters were.

    They are taken out last, so that the offsets hold in the text as returned: what a
    reviewer sees is then what is stored, and a figure they sat in or around can be told
    apart (a right-to-left override shows "512" as "215")."""
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES)
    text = _SPACES.sub(" ", text)
    text = _CONTROL.sub(" ", text)
    if pdf:
        text = _PDF_HYPHEN_BREAK.sub("", text)
    return _strip_hidden(text)


def _strip_hidden(text: str) -> Normalised:
    if not _HIDDEN.search(text):
        return Normalised(text)
    kept: list[str] = []
    runs: list[tuple[int, str]] = []  # (offset in the text kept, what was taken out there)
    removed = last = 0
    for run in _HIDDEN.finditer(text):
        kept.append(text[last : run.start()])
        if not (run.start() == 0 and run.group() == "\ufeff"):
            runs.append((run.start() - removed, run.group()))
        removed += run.end() - run.start()
        last = run.end()
    kept.append(text[last:])
    clean = "".join(kept)
    return Normalised(clean, tuple(at for at, _ in runs), _reordered(clean, runs))


def _reordered(text: str, runs: list[tuple[int, str]]) -> tuple[tuple[int, int], ...]:
    """The stretches of ``text`` that bidirectional controls (taken out at ``runs``) showed
    reordered: from an opening control to its closing one, or to the end of the line."""
    stretches: list[tuple[int, int]] = []
    depth = start = 0
    for at, chars in runs:
        if depth:
            line_end = text.find("\n", start, at)
            if line_end >= 0:  # a paragraph's end closes every control still open
                stretches.append((start, line_end))
                depth = 0
        for char in chars:
            if char in _BIDI_OPEN:
                start = at if depth == 0 else start
                depth += 1
            elif char in _BIDI_CLOSE and depth:
                depth -= 1
                if depth == 0:
                    stretches.append((start, at))
    if depth:
        line_end = text.find("\n", start)
        stretches.append((start, line_end if line_end >= 0 else len(text)))
    return tuple(stretches)
