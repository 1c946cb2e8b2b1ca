"""Text cells that a spreadsheet shows as text: the one guard against CSV formula injection.

A spreadsheet opening a CSV runs a cell as a formula when its text starts with ``=``, ``+``,
``-`` or ``@``, also after leading spaces or line breaks, and when it starts with a tab or a
carriage return (OWASP, "CSV Injection"). Letters, model answers, file names and reviewers'
notes are not ours, so every text cell of every CSV rhi-llm writes goes through `protect`,
which puts a single apostrophe in front of such a cell; spreadsheets show the apostrophe as a
text marker, not as part of the value. Numbers written as numbers are never touched, and a
text cell that is a plain number (``-3``, ``-1,253.5``, ``12.5%``) is left as it is: a
spreadsheet reads it as a number, not a formula.

Reading such a CSV back exactly: a text cell that starts with an apostrophe had one added,
so take exactly one off (`unprotect` does this). `protect` also adds one to every text that
already starts with an apostrophe, so the rule has no exception: ``'=1+1`` was ``=1+1``,
``''quoted`` was ``'quoted``, and a cell without a leading apostrophe is as it was.
"""

from __future__ import annotations

import re

FORMULA_CHARACTERS = ("=", "+", "-", "@")
"""A cell starting with one of these (leading whitespace aside) is a formula to a spreadsheet."""
FORMULA_CONTROLS = ("\t", "\r")
"""A cell starting with one of these is escaped too (OWASP lists both)."""
ESCAPE = "'"

_PLAIN_NUMBER = re.compile(r"^-?\d[\d,]*(\.\d+)?%?$")


def runs_as_formula(text: str) -> bool:
    """Would a spreadsheet opening a CSV take this text cell for a formula?"""
    body = text.lstrip()
    if _PLAIN_NUMBER.match(body):
        return False
    return text.startswith(FORMULA_CONTROLS) or body.startswith(FORMULA_CHARACTERS)


def needs_escape(text: str) -> bool:
    """Does `protect` put an apostrophe in front of this text?"""
    return text.startswith(ESCAPE) or runs_as_formula(text)


def protect(text: str) -> str:
    """The text as a CSV cell a spreadsheet shows as text: an apostrophe in front of a cell
    that would run as a formula, or that starts with an apostrophe itself; else unchanged."""
    return ESCAPE + text if needs_escape(text) else text


def unprotect(text: str) -> str:
    """A cell as read back: the apostrophe `protect` added taken off, nothing else.

    Only an apostrophe that `protect` would have added is taken off (one followed by a text
    that needs escaping), so a cell someone typed as ``'tis`` in a sheet stays as typed."""
    if text.startswith(ESCAPE) and needs_escape(text[1:]):
        return text[1:]
    return text
