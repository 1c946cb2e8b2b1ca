"""Tick-box answers: which options of a block a council marked ("[X]", a lone "X", "Yes: X").

Councils tick in many ways: a box before the option ("[X] d) the child's social worker"), a
box or an X at the end of the option's line ("b) ... [X]", "f) ...: X"), an X on a line of its
own under the option (a table flattened to text), or a letter after the X ("X - h) ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TICK = re.compile(r"\[\s*[xX✓✔]\s*\]|[☒☑✓✔]|(?<![\w\[\]'’-])[xX](?![\w\]'’-])")
_EMPTY_BOX = re.compile(r"\[\s*\]|☐")
_BOX = re.compile(r"\[\s*[xX✓✔]?\s*\]|[☐☒☑]")
_OPTION = re.compile(
    r"(?:^|(?<=[\s\]\-–:]))\(?(?P<letter>[a-i])\)(?=\s)", re.IGNORECASE | re.MULTILINE
)


@dataclass(frozen=True)
class Tick:
    letter: str | None  # the option's letter a-i, when it has one
    text: str  # the option's words
    quote: str  # a verbatim line of the letter holding the tick


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _option_letter(line: str) -> str | None:
    match = _OPTION.search(line)
    return match.group("letter").lower() if match else None


def ticked_options(text: str) -> list[Tick]:
    """Every option marked as chosen in a block of text, in order."""
    ticks: list[Tick] = []
    lines = _lines(text)
    current_letter: str | None = None
    current_line = ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        letter = _option_letter(stripped)
        ticked = bool(_TICK.search(_without_labels(stripped)))
        if letter is not None:
            current_letter, current_line = letter, stripped
        if not ticked:
            continue
        boxes = list(_BOX.finditer(stripped))
        if len(boxes) >= 2 and letter is None:
            # "[ ] Yes  [X] No  [ ] Case by case": each box marks the words after it
            for at, box in enumerate(boxes):
                if _TICK.fullmatch(box.group(0)):
                    end = boxes[at + 1].start() if at + 1 < len(boxes) else len(stripped)
                    words = stripped[box.start() : end].strip()
                    ticks.append(Tick(letter=None, text=words, quote=words))
            continue
        if letter is not None or _EMPTY_BOX.sub("", stripped) != stripped or len(stripped) > 3:
            ticks.append(Tick(letter=letter, text=stripped, quote=stripped))
        elif current_letter is not None:
            # a lone X under the option it marks
            ticks.append(Tick(letter=current_letter, text=current_line, quote=current_line))
    return ticks


def _without_labels(line: str) -> str:
    """Drop the words that look like an X but are not one ("Yes/No", "x 2")."""
    return re.sub(r"\d\s*[xX]\s*\d", " ", line)
