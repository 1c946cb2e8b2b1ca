"""What rhi-llm prints on a terminal is the text as stored, never instructions to the terminal.

A letter, a file name or a model's answer can hold anything: rich markup (``[link=...]``,
``[/]``), emoji codes (``:warning:``), terminal escape sequences (ESC, the C1 controls), and
bidirectional controls that reorder what is shown (U+202E makes "512" look like "215"). So
every console rhi-llm prints through is a `PlainConsole`: markup and emoji codes are off, and
every string it renders passes through `visible`, which writes each such character as an
escape (``\\x1b``, ``\\u202e``) that a reader sees and no terminal acts on. Colour is given
with `tag`, a styled `Text`, never by markup inside a string.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from rhi_llm.core.text import printable


def visible(text: str) -> str:
    """The text with every control, bidirectional or invisible character written as an
    escape, line breaks and tabs kept (`rhi_llm.core.text.printable`): what a terminal shows
    is what the text holds, and printing it cannot fail."""
    return printable(text, lines=True)


def tag(text: str, style: str) -> Text:
    """A word in colour, such as ``tag("error", "red")``: styled, not marked up."""
    return Text(visible(text), style=style)


class PlainConsole(Console):
    """A rich console that shows strings as they are: no markup, no emoji codes, and
    `visible` applied to every string it renders (table cells included)."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("markup", False)
        options.setdefault("emoji", False)
        super().__init__(**options)

    def render_str(self, text: str, **options: Any) -> Text:
        options["markup"] = False
        options["emoji"] = False
        return super().render_str(visible(text), **options)
