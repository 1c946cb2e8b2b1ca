"""The one normalisation every letter's text goes through (and OCR's words, so that offsets
computed while building a page's text survive it)."""

from __future__ import annotations

import re
import unicodedata

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
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PDF_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


def normalise_text(text: str, *, pdf: bool = False) -> str:
    """The one normalisation every letter's text goes through."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_LIGATURES)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    if pdf:
        text = _PDF_HYPHEN_BREAK.sub("", text)
    return text
