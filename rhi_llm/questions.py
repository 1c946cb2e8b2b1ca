"""The question finder: which questionnaire a letter answers, and where each answer is.

Councils restate the questions in their own layout: numbered "4) a)", "Q4a", "4." or bullets,
numbering restarted for a second section ("2) a)" after "9)"), every question listed first and
the answers given later, or bare numbers with no question text at all. The finder treats this
as an alignment problem:

1. every line that could open a question becomes a *candidate*: a leading number, part letter
   or roman sub-part, a bullet, or a line that reads like a question;
2. each (question, candidate) pair gets a score from the question's wording cues found in the
   candidate's text and from how well the candidate's number fits the question's number;
3. a monotone alignment (questions keep their order in the letter) picks the best set of pairs;
4. each located question's answer block runs from the end of its question text to the next
   located question (the last one ends at the letter's sign-off).

When most located questions turn out to have empty answer blocks, the letter lists its questions
first; a second alignment over the text after the list, on numbers alone, finds the answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from rhi_llm.core.questionnaires import QUESTIONNAIRES, Question, compiled_cues, installed
from rhi_llm.core.survey import OTHER
from rhi_llm.core.types import ORDER_ONLY, Letter, LocatedQuestion, QuestionMap, Span, Table
from rhi_llm.tables import find_tables
from rhi_llm.wording import matches, profiles, said_weight, similarity

# bullets, emphasis, a heading's hashes, and the opening quotation mark of a question quoted
# back ('"8. Please tell us ..."')
_LEAD = r"^[ \t]*(?:(?:[•·▪◦*–-]|o(?=[ \t])|\*\*|__|#+|[\"“‘])[ \t]*)*"
_ROMAN = r"(?:iii|ii|iv|v|i)"
_NUMBER_MARKER = re.compile(
    _LEAD
    + r"(?:(?P<prefix>[A-Z]{2,4}(?=[ \t]*\d)|out[- ]of[- ]area(?=[ \t]))[ \t]*(?=\d{1,2}[a-h]?\b)"
    + r"|(?P<letter>[A-F])(?=\d{1,2}[a-h]?\b))?"
    + r"(?:(?P<q>Q(?:uestions?)?|No\.?)[ \t]*\.?[ \t]*)?"
    + r"(?P<num>\d{1,2})(?!\d|,\d)"
    + r"(?:(?P<part1>[a-h])(?![a-z])"
    + r"|[ \t]*[.):-]?[ \t]*\((?P<part2>[a-h])\)"
    + r"|[ \t]*[.):][ \t]*(?P<part3>[a-h])[).:](?=\s|$))?"
    + rf"(?:[.):]?[ \t]*\((?P<sub1>{_ROMAN})\)|[.):]?[ \t]*(?P<sub2>{_ROMAN})[).:](?=\s|$)"
    + rf"|(?P<sub3>{_ROMAN})(?=[ \t]*[).:]))?"
    + r"(?P<sep>[ \t]*[.):\-–](?!\d))?"
    # "Questions 6, 7 and 8": a comma before the next question number of a joint list
    + r"(?=\s|$|\*|,[ \t]*(?:Q(?:uestion)?[ \t]*)?\d{1,2}[a-h]?\b|(?<=[a-hA-H])/\d{1,2}[a-h]\b)",
    re.IGNORECASE,
)
_PART_MARKER = re.compile(
    _LEAD + rf"\(?(?P<part>[a-h])[).](?:[ \t]*\(?(?P<sub>{_ROMAN})[).:])?(?=\s|$)",
    re.IGNORECASE,
)
_SUB_MARKER = re.compile(_LEAD + rf"\(?(?P<sub>{_ROMAN})[).:](?=\s|$)", re.IGNORECASE)
_QUARTER = re.compile(
    r"[ \t]*[-–(]?[ \t]*(?:apr|jul|oct|jan|april|july|october|january|20\d\d)\b", re.IGNORECASE
)
_BULLET_ONLY = re.compile(r"^[ \t]*(?:[•·▪◦*–-]|o(?=[ \t]))[ \t]+(?:\*\*|__)?")
_EMPHASIS = re.compile(r"^(?:\*\*|__)")
_QUESTION_START = re.compile(
    r"^[ \t]*(?:\*\*|__)?[ \t]*(?:how many|how are|how is|how do|for how many|in how many|"
    r"do you|does your|did |what |which |who |are |is |has |have |can you|could you|"
    r"in the year|of that figure|of those|please (?:tell|explain|provide|give|list)|"
    r"tell us|if you|would you|number of|total number|whether|from return|hours or days|"
    r"you (?:asked|wanted|requested)|we were asked|the requester (?:asked|wanted)|"
    r"asked (?:how|what|whether|who|for|about|if)|your question)",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:yours (?:sincerely|faithfully)|kind regards|you may re-?use|"
    r"if you are (?:dissatisfied|unhappy|not (?:satisfied|happy|content))|"
    r"the supply of information|"
    r"right (?:of|to) (?:appeal|review|complain)|copyright|re-?use of (?:the )?information|"
    r"the information (?:we have )?(?:supplied|provided|released) (?:is|to you)|"
    r"if you have any (?:further )?(?:queries|questions)|your rights\b|internal review:|"
    r"re-?use:|many thanks|(?:best|warm) (?:regards|wishes)|regards,?$|"
    r"you (?:may|can) (?:ask|request) (?:for )?an internal review|you are free to (?:re-?)?use|"
    r"notes? [A-Z0-9]{1,2}\s*[-–:]\s|"
    r"you have the right to (?:ask|request|complain))",
    re.IGNORECASE,
)
# a label ending in a colon: words with no figure and no sentence end before the colon
_LABEL_COLON = re.compile(r"(?:(?![.;]\s)[^\n:\d]){8,160}:")
_SHORT_LABEL_COLON = re.compile(r"(?:(?![.;]\s)[^\n:\d]){4,160}:")
_TRAILING_OPTIONS = re.compile(
    r"[ \t]*(?:\(?(?:yes\s*/\s*no|please tick|tick (?:one|all that apply)|y/n)\)?[ \t:]*)+",
    re.IGNORECASE,
)
_QUESTION_TEXT_LIMIT = 400

MIN_PAIR_SCORE = 0.45
MIN_CONFIDENCE = 0.3


@dataclass(slots=True)
class Candidate:
    """A line that could open a question."""

    start: int  # offset of the line start
    body: int  # offset just after the marker (where the wording starts)
    line_end: int  # end of the line, or of its continuation lines when the line wraps
    number: int | None
    part: str | None
    sub: str | None
    context_number: int | None
    marker: str
    asks: bool  # the line reads as a question (a '?', a question word, or a label ending ':')
    joint: tuple[tuple[int, str], ...] = ()  # more questions answered here: "2c. and 2d."
    text: str = ""  # the wording region, filled once candidates are known
    text_end: int = 0
    answer_only: bool = False  # its first line holds only an answer ("4a. 1207")
    question_mark: bool = False
    cue_hits: dict[str, int] = field(default_factory=dict)
    prefix: str = ""  # a section's letters before the number: "OOA 2a"
    restates: bool = False  # a sentence that retells the question ("Asked how many ...,")
    question_end: int | None = None  # where its question text ends, when known from layout
    window_end: int | None = None  # where the words that say what it asks end
    similarity: dict[str, list[float]] = field(default_factory=dict)
    heads: bool = False  # a heading over its answer, or a sentence retelling its question


def _marker_prefix(line: str) -> str:
    match = _NUMBER_MARKER.match(line)
    return (match.group("prefix") or match.group("letter") or "") if match else ""


def _parse_marker(line: str) -> tuple[int | None, str | None, str | None, int]:
    """(number, part, sub-part, marker length) of a line's leading question marker."""
    match = _NUMBER_MARKER.match(line)
    if match:
        part = match.group("part1") or match.group("part2") or match.group("part3")
        sub = match.group("sub1") or match.group("sub2") or match.group("sub3")
        number = int(match.group("num"))
        quarter = match.group("q") and _QUARTER.match(line, match.end())
        if match.group("prefix") and not (part or match.group("sep")):
            quarter = True  # "PO 4471": a prefix needs a part letter or a separator
        if match.group("letter") and match.end() < len(line) and not line[match.end()].isspace():
            quarter = True  # "B2a" stands alone before its text
        if (
            (match.group("sep") or part or sub or match.group("q") or match.group("letter"))
            and 1 <= number <= 30
            and not quarter
        ):
            return (
                number,
                part.lower() if part else None,
                sub.lower() if sub else None,
                match.end(),
            )
    match = _PART_MARKER.match(line)
    if match:
        sub = match.group("sub")
        return None, match.group("part").lower(), sub.lower() if sub else None, match.end()
    match = _SUB_MARKER.match(line)
    if match:
        return None, None, match.group("sub").lower(), match.end()
    match = _BULLET_ONLY.match(line)
    if match:
        return None, None, None, match.end()
    match = _EMPHASIS.match(line.lstrip())
    if match:
        return None, None, None, len(line) - len(line.lstrip()) + match.end()
    return None, None, None, 0


# "and 2d", ", 7", " to 5", and "/5b" between parts ("5a/5b/5c.")
_JOINT_ITEM = (
    r"(?:[ \t]*(?:and|&|,|to|-|–)[ \t]*(?:Q(?:uestion)?[ \t]*)?\d{1,2}[a-h]?|/\d{1,2}[a-h])"
    r"[.):]?(?=[\s,/]|$)"
)
# "2c. and 2d.", "3 to 5:", "6, 7 and 8"
_JOINT = re.compile(rf"^(?:{_JOINT_ITEM})+", re.IGNORECASE)
_JOINT_PARTS = re.compile(
    r"[ \t]*(?P<sep>and|&|,|/|to|-|–)[ \t]*(?:Q(?:uestion)?[ \t]*)?(?P<num>\d{1,2})(?P<part>[a-h])?"
    r"[.):]?(?=[\s,/]|$)",
    re.IGNORECASE,
)


def _joint_length(rest: str) -> int:
    match = _JOINT.match(rest)
    return match.end() if match else 0


def _joint_questions(
    number: int | None, part: str | None, rest: str
) -> tuple[tuple[int, str], ...]:
    """Questions a marker answers together with its own: "2c. and 2d.", "3 to 5:", "6, 7 and
    8"."""
    match = _JOINT.match(rest)
    if number is None or not match:
        return ()
    items = list(_JOINT_PARTS.finditer(match.group(0)))
    if len(items) > 1:
        # a list: each item named, a range ("to") spread from the item before it
        listed: list[tuple[int, str]] = []
        before, before_part = number, part
        for item in items:
            num, item_part = int(item.group("num")), (item.group("part") or "").lower()
            if item.group("sep").lower() in ("to", "-", "–"):
                listed += _joint_pair(before, before_part, num, item_part)
            else:
                listed.append((num, item_part))
            before, before_part = num, item_part or None
        return tuple(dict.fromkeys(listed))
    return _joint_pair(
        number, part, int(items[0].group("num")), (items[0].group("part") or "").lower()
    )


def _joint_pair(
    number: int, part: str | None, last: int, last_part: str
) -> tuple[tuple[int, str], ...]:
    """The questions from a marker's own (not included) to the last one it names."""
    if last_part and last == number and part:
        return tuple((number, chr(c)) for c in range(ord(part) + 1, ord(last_part) + 1))
    if not part and not last_part and number < last <= number + 10:
        return tuple((n, "") for n in range(number + 1, last + 1))
    if part and last_part and number < last <= number + 10:
        # "Questions 4a to 6b": every part from 4a's next to 6b (parts a questionnaire does
        # not have match nothing)
        letters = "abcdefgh"
        spread = [(number, p) for p in letters[letters.index(part) + 1 :]]
        spread += [(n, p) for n in range(number + 1, last) for p in ("", *letters)]
        spread += [(last, p) for p in letters[: letters.index(last_part) + 1]]
        return tuple(spread)
    return ((last, last_part),)


def _reads_as_question(rest: str) -> bool:
    first_line = rest.split("\n", 1)[0]
    if "?" in first_line or _QUESTION_START.match(rest):
        return True
    # a label ending in a colon ("Number of incidents: ..."), not an answer sentence that
    # runs on to one ("71 children went missing. We do not hold ...: our system ...")
    label = _LABEL_COLON.match(first_line)
    return bool(label) and not _is_answer_only(rest)


def _wrap_width(lines: list[str]) -> int:
    """How wide the letter's lines run when it wraps them (a high percentile of lengths)."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


_RESTATING = re.compile(
    r"\b(?:asked|asks|asking|question|questions|request(?:ed|er|s)?|wanted to know|"
    r"wish(?:ed)? to know|want to know|how many|how (?:is|are|do|does)|whether|number of|"
    r"tell us|explain|enquir\w+|inquir\w+|invited)\b",
    re.IGNORECASE,
)
_FIRST_FIGURE = re.compile(r"(?<![\w/])(?!(?:19|20)\d\d\b)\d[\d,.]*%?(?![\w/])")
_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)")
_TOLD_BY_CLAUSE = re.compile(
    r"\s*(?:(?:finally|lastly|next|then|also|and),?\s+)?(?:when\s+)?(?:asked|invited)\b",
    re.IGNORECASE,
)
# a figure that answers, not the span of time a question names ("within 72 hours of ...")
_ANSWER_FIGURE = re.compile(
    _FIRST_FIGURE.pattern + r"(?!\s*(?:working |calendar )?(?:hours?|days?|weeks?)\b)"
)


def _restatement(line: str) -> tuple[int, int] | None:
    """Where a line that retells a question stops retelling it: (end of the words that say
    what was asked, end of the question text). "The first question asked who ... ." ends at
    its full stop; "Asked how many incidents were reported, we recorded 1,214" at its comma."""
    figure = _ANSWER_FIGURE.search(line)
    stop = _SENTENCE_STOP.search(line)
    told = _TOLD_BY_CLAUSE.match(line)
    comma = line.find(",", told.end()) if told else -1
    if told and comma > 0 and (stop is None or comma < stop.start()):
        # "Asked what happens to the information, the interview summary is added ...": the
        # question is the clause before the comma, whether or not a figure follows
        lead_end = question_end = comma + 1
    elif stop and (figure is None or stop.end() <= figure.start()):
        lead_end = question_end = stop.end()
    elif figure is not None:
        lead_end = figure.start()
        clause = max(line.rfind(mark, 0, lead_end) for mark in (",", ";", ":", " - ", " – "))
        question_end = clause + 1 if clause > 0 else 0
    else:
        lead_end = question_end = len(line)
    lead = line[:lead_end]
    if len(lead.split()) < 4 or not _RESTATING.search(lead) or question_end == 0:
        return None
    return lead_end, question_end


_CELL_NUMBER = re.compile(
    r"^(?:(?P<prefix>[A-Z]{2,4})[ \t]*(?=\d))?(?:Q(?:uestions?)?[ \t]*)?(?P<num>\d{1,2})"
    r"(?P<part>[a-h])?"
    rf"(?:[ \t]*\(?(?P<sub>{_ROMAN})\))?[.):]?$",
    re.IGNORECASE,
)


_PARTS = re.compile(r"\((?:your |our )?(?:parts?|questions?|q)\s*([^)]{1,40})\)", re.IGNORECASE)


_PAGE_FOOTER = re.compile(r"\bpage \d+(?: of \d+)?\s*$", re.IGNORECASE)


# a letter's subject line and salutation name the request or the reader, never a question
_SUBJECT_LINE = re.compile(
    r"^(?:re|subject|request for information|freedom of information(?: act(?: 2000)?)?"
    r"(?: request)?|foi request|your request)\s*[:\-–]",
    re.IGNORECASE,
)
_SALUTATION = re.compile(r"^dear\b", re.IGNORECASE)


def _heading(
    lines: list[str], index: int, dense: float = 0.0
) -> tuple[int | None, str | None, tuple[tuple[int, str], ...]] | None:
    """A heading over an answer, as web pages and letters head each one: a short line of
    its own (a blank line or the text's start before it, words after it), no full stop at
    its end, no leading question number. What it names ("(parts 5b and 5c)") is kept:
    (number, part, the other questions it answers), or None when it is no heading.

    In a ``dense`` text (a Word document's: one line per paragraph, no blank lines; ``dense``
    is then its wrap width) a line of its own is a short one, well inside the wrap width,
    not in capitals (a section's title), after a sentence's end and before a paragraph."""
    line = lines[index].strip()
    if not (8 <= len(line) <= 100) or line.endswith((".", ",", ";")) or "|" in line:
        return None
    # a line that names the questions it answers ("... (your questions 1 and 2)") heads them
    # even where paragraphs have no blank line between them (a Word document's text)
    naming = bool(_PARTS.search(line)) and not line.endswith("?")
    before = lines[index - 1].strip() if index > 0 else ""
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    own_line = bool(dense) and (
        len(line.split()) <= 12
        and len(line) < 0.6 * dense
        and not line.isupper()
        and (not before or before.endswith((".", "?", "!")))
        and len(following.split()) >= 12
    )
    if before and not naming and not own_line:
        return None
    if following and not naming and not own_line:
        return None  # the first line of a wrapped paragraph, not a line of its own
    after = next((ln for ln in lines[index + 1 :] if ln.strip()), "")
    if not after or len(re.findall(r"[A-Za-z]{2,}", line)) < 3 or _parse_marker(line)[3]:
        return None
    if _PAGE_FOOTER.search(line):
        return None  # "OBC 2018-OBC-00791 ... Page 1 of 2"
    if _SIGN_OFF.match(line) or _FIRST_FIGURE.match(line) or line.startswith((">", "-", "*", "[")):
        return None
    if _SUBJECT_LINE.match(line) or _SALUTATION.match(line):
        return None  # "Request for information: children missing ...", "Dear Ms Ash"
    named = _PARTS.search(line)
    labels = _named_labels(named.group(1)) if named else []
    labels = [(n, p) for n, p in labels if 1 <= n <= 30]
    if not labels:
        return None, None, ()
    (number, part), *more = labels
    return number, part or None, tuple(more)


_NAMED_ITEM = re.compile(
    r"(?:(?P<sep>\band\b|&|,|\bto\b|-|–)\s*)?(?<![\w/])(?:Q(?:uestions?)?\s*)?"
    r"(?P<num>\d{1,2})(?P<part>[a-h])?(?![\w/])",
    re.IGNORECASE,
)


def _named_labels(inner: str) -> list[tuple[int, str]]:
    """The questions a heading's brackets name: "(your questions 3, 4 and 5)", "(Q4a and
    Q4b)", "(Q1 to Q3)", "(Q5a to Q5c and Q6a)": a range spread from the item before it."""
    labels: list[tuple[int, str]] = []
    for item in _NAMED_ITEM.finditer(inner):
        number, part = int(item.group("num")), (item.group("part") or "").lower()
        sep = (item.group("sep") or "").lower()
        if labels and sep in ("to", "-", "–"):
            before, before_part = labels[-1]
            labels += list(_joint_pair(before, before_part or None, number, part))
        else:
            labels.append((number, part))
    return list(dict.fromkeys(labels))


def _runs_on(lines: list[str], index: int) -> bool:
    """Is a line that opens with "questions 1" the wrapped end of the sentence above it?"""
    line = lines[index].lstrip()
    if not re.match(r"questions?\s", line, re.IGNORECASE) or line[:1].isupper():
        return False
    above = lines[index - 1].rstrip() if index > 0 else ""
    return bool(above) and not re.search(r"[.:?!)]$", above)


def _quoted_request(lines: list[str]) -> set[int]:
    """Lines of a quoted e-mail that carries no reply inside it (the request, quoted below
    the answers): its questions are not where the answers are. A reply written between
    quoted questions leaves each quoted run short, and those stay."""
    quoted: set[int] = set()
    run: list[int] = []

    def close() -> None:
        numbered = sum(1 for i in run if _parse_marker(lines[i].lstrip(" >"))[0] is not None)
        if len(run) >= 5 and numbered >= 3:
            quoted.update(run)
        run.clear()

    for index, line in enumerate(lines):
        if line.lstrip().startswith(">"):
            run.append(index)
        elif line.strip():
            close()
    close()
    # the request quoted whole below an "-----Original Message-----" line, under a reply that
    # numbers its own answers
    for index, line in enumerate(lines):
        if _ORIGINAL_MESSAGE.match(line):
            numbered = sum(1 for ln in lines[:index] if _parse_marker(ln)[0] is not None)
            if numbered >= 3:
                quoted.update(range(index, len(lines)))
            break
    return quoted


_ORIGINAL_MESSAGE = re.compile(
    r"^\s*(?:-{2,}\s*original message\s*-{2,}|-{2,}\s*forwarded message\s*-{2,}|"
    r"on .{5,80}\bwrote:)\s*$",
    re.IGNORECASE,
)


def _table_rows(tables: list[Table]) -> dict[int, tuple[Table, int]]:
    """Each table row's (table, row) by the offset of the line that starts it."""
    starts: dict[int, tuple[Table, int]] = {}
    for table in tables:
        for row in range(table.rows):
            if row == table.header_row:
                continue
            cells = table.row_cells(row)
            if cells:
                starts[min(c.start for c in cells)] = (table, row)
    return starts


_CELL_PAIR = re.compile(
    r"^(?P<num>\d{1,2})(?P<part>[a-h])?[ \t]+(?:and|&|to)[ \t]+\d{1,2}[a-h]?$", re.IGNORECASE
)
_ANSWER_COLUMN = re.compile(
    r"^\W*(?:our |council'?s? )?(?:response|answer|reply|information(?: held)?)\W*$", re.I
)


def _row_candidate(text: str, table: Table, row: int, context: int | None) -> Candidate | None:
    """A table row as a question: its first cell's number, its wording cell, and the cells
    after that as its answer."""
    cells = sorted(table.row_cells(row), key=lambda c: c.column)
    first = cells[0]
    number, part, sub, marker_len = _parse_marker(first.text)
    prefix = _marker_prefix(first.text)
    bare = _CELL_NUMBER.match(first.text)
    if bare and (not marker_len or bare.group("prefix")):
        # a first cell that is only a question number: "2", "4a", "6c(ii)", "OOA 2b", "OA2a"
        number, part, sub = int(bare.group("num")), bare.group("part"), bare.group("sub")
        part, sub, marker_len = part and part.lower(), sub and sub.lower(), len(first.text)
        prefix = bare.group("prefix") or prefix
    joint: tuple[tuple[int, str], ...] = ()
    pair = _CELL_PAIR.match(first.text)
    if not marker_len and pair:
        number, part = int(pair.group("num")), (pair.group("part") or "").lower() or None
        marker_len = pair.end("part") if pair.group("part") else pair.end("num")
    if marker_len and _JOINT.fullmatch(first.text[marker_len:].rstrip(" .:)")):
        # "4a and 4b", "2 and 3": a cell of question numbers answered together
        joint = _joint_questions(number, part, first.text[marker_len:])
        marker_len = len(first.text)
    rest = cells
    within = 0  # where the wording starts in the first cell ("1. Who delivers RHIs now")
    if marker_len and len(first.text[marker_len:].strip(" .:)-")) == 0:
        rest = cells[1:]
    elif marker_len:
        within = marker_len
    else:
        number, part, sub, marker_len = None, None, None, 0
    wording = rest[0] if rest and re.search(r"[A-Za-z]{3}", rest[0].text[within:]) else None
    if wording is not None and re.match(r"^[<£]?\s*\d", wording.text[within:].strip()):
        wording = None
    if (
        wording is not None
        and wording is not first
        and _ANSWER_COLUMN.search(table.column_header(wording) or "")
    ):
        wording = None  # "Q | Response": the cell after the number is the answer
    if wording is None and number is None:
        return None
    body = wording.start + (within if wording is first else 0) if wording else first.end
    end = wording.end if wording else first.end
    return Candidate(
        start=first.start,
        body=body,
        line_end=end,
        number=number,
        part=part,
        sub=sub,
        context_number=number if number is not None else context,
        marker=first.text[:marker_len].strip() if marker_len else "",
        asks=wording is not None,
        prefix=prefix,
        joint=joint,
        question_end=end,
        window_end=end,
    )


def _heading_candidate(
    start: int,
    line: str,
    heading: tuple[int | None, str | None, tuple[tuple[int, str], ...]],
    context: int | None,
) -> Candidate:
    """A heading over an answer as a candidate: the whole line is its question text."""
    number, part, joint = heading
    body = start + len(line) - len(line.lstrip())
    return Candidate(
        start=body,
        body=body,
        line_end=start + len(line),
        number=number,
        part=part,
        sub=None,
        context_number=number if number is not None else context,
        marker="",
        asks=True,
        joint=joint,
        question_end=start + len(line.rstrip()),
        window_end=start + len(line),
        heads=True,
    )


def _retold_candidate(
    start: int, line_end: int, retold: tuple[int, int], context: int | None
) -> Candidate:
    """A sentence that retells a question (`_restatement`) as a candidate."""
    return Candidate(
        start=start,
        body=start,
        line_end=line_end,
        number=None,
        part=None,
        sub=None,
        context_number=context,
        marker="",
        asks=False,
        restates=True,
        window_end=start + retold[0],
        question_end=start + retold[1],
        heads=True,
    )


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_PROSE_REFERENCE = re.compile(
    r"\b(?:(?P<prefix>out[- ]of[- ]area|ooa)[ \t]+)?question[ \t]+(?P<num>\d{1,2})"
    rf"(?P<part>[a-h])?(?:[ \t]*\((?P<sub>{_ROMAN})\))?(?![\w/])"
    rf"|\bthe (?P<ordinal>{'|'.join(_ORDINALS)}) question\b",
    re.IGNORECASE,
)
# "see question 4", "the answer to question 2", "as in question 1": a pointer, not an answer
_POINTER_BEFORE = re.compile(
    r"(?:\bsee|\b(?:answer|response|reply|refer|referred|back)\s+to|\bas in|\bsame as|"
    r"\bunder|\bwith)\s+(?:our |your |the )?$",
    re.IGNORECASE,
)
# "Question 4a asked how many ...": a question named as a sentence's subject, not a marker
_SUBJECT_REFERENCE = re.compile(
    rf"\s*question\s+\d{{1,2}}[a-h]?(?:\s*\({_ROMAN}\))?\s+(?:asked|asks|wanted|was|is|"
    r"concerned|covered|sought)\b",
    re.IGNORECASE,
)
_ANSWERS_BEFORE = re.compile(r"\b(?:which|this|that)\s+answers\s+(?:your |our )?$", re.I)


def _reference_candidates(line: str, start: int) -> list[Candidate]:
    """Answers a paragraph gives by naming their questions in its prose ("Question 4a asked
    how many incidents were reported, and there were 1,384; question 4b asked ...", "On
    question 5a, an RHI was offered in 96.4%", "... were declined, which answers question
    5c"): one candidate per question named, its question text the clause that names it."""
    found: list[Candidate] = []
    for ref in _PROSE_REFERENCE.finditer(line):
        before = line[: ref.start()]
        if _POINTER_BEFORE.search(before[-20:]):
            continue
        sentence_start = max(before.rfind(". "), before.rfind("; "), before.rfind("? "))
        sentence_start = (
            sentence_start + 2 if sentence_start >= 0 else len(before) - len(before.lstrip())
        )
        if _ANSWERS_BEFORE.search(before):
            # the answer came first: its clause is the answer, with no question text
            opening = question_end = sentence_start
        else:
            opening = sentence_start
            stop = re.search(r"[,;:]|[.?!](?=\s|$)", line[ref.end() :])
            question_end = ref.end() + (stop.end() if stop else len(line) - ref.end())
            retold = (
                _restatement(line[opening:])
                if not line[opening : ref.start()].strip()
                and re.match(r"\s+(?:asked|asks|wanted to know)\b", line[ref.end() :], re.I)
                else None
            )
            if retold is not None:
                # "The first question asked who delivers RHIs at present, a third sector
                # agency or a council team." runs to its full stop; "Question 4a asked how
                # many incidents ..., and there were 1,384" stops before its figure
                question_end = opening + retold[1]
        if found and start + opening <= found[-1].start:
            continue
        ordinal = ref.group("ordinal")
        number = _ORDINALS.index(ordinal.lower()) + 1 if ordinal else int(ref.group("num"))
        found.append(
            Candidate(
                start=start + opening,
                body=start + opening,
                line_end=start + question_end,
                number=number,
                part=(ref.group("part") or "").lower() or None,
                sub=(ref.group("sub") or "").lower() or None,
                context_number=number,
                marker="",
                asks=False,
                restates=True,
                window_end=start + question_end,
                question_end=start + question_end,
                prefix=ref.group("prefix") or "",
            )
        )
    return found


def _retold_under_heading(
    text: str, found: list[Candidate], start: int, indent: int, retold: tuple[int, int]
) -> bool:
    """A sentence right under a heading that names several questions retells them: "Children
    in our care (your questions 3, 4 and 5)" then "You asked how many children we looked
    after, ...". It joins the heading's question text instead of standing as a question."""
    over = found[-1] if found and found[-1].heads and found[-1].joint else None
    if over is None or over.question_end is None or text[over.question_end : start].strip():
        return False
    over.question_end = over.window_end = start + indent + retold[1]
    return True


def _candidates(text: str, tables: list[Table] | None = None) -> list[Candidate]:
    found: list[Candidate] = []
    context: int | None = None
    offset = 0
    previous_open = False  # the line before belongs to a candidate and does not end a sentence
    lines = text.split("\n")
    wrapped_at = 0.75 * _wrap_width(lines)
    # one line per paragraph and no blank lines between them: a Word document's text
    blank = sum(1 for ln in text.strip().split("\n") if not ln.strip())
    dense = _wrap_width(lines) if len(lines) >= 10 and blank < 0.05 * len(lines) else 0.0
    tables = tables or []
    rows = _table_rows(tables)
    quoted = _quoted_request(lines)
    for index, line in enumerate(lines):
        start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        heading = _heading(lines, index, dense)
        if (
            heading is not None
            and index not in quoted
            and not any(t.start <= start < t.end for t in tables)
        ):
            found.append(_heading_candidate(start, line, heading, context))
            context = found[-1].context_number
            previous_open = False
            continue
        if not stripped or index in quoted or _SUBJECT_LINE.match(stripped):
            previous_open = False  # (a subject line names the request, never a question)
            continue
        indent = len(line) - len(line.lstrip())
        in_table = next((t for t in tables if t.start <= start + indent < t.end), None)
        if in_table is not None:
            previous_open = False
            row = rows.get(start + indent)
            cand = _row_candidate(text, *row, context) if row else None
            if cand is not None:
                context = cand.number if cand.number is not None else context
                found.append(cand)
            continue
        number, part, sub, marker_len = _parse_marker(line)
        if marker_len and _runs_on(lines, index):
            # "... in the same order as your\nquestions 1 to 11.": a sentence wrapped onto
            # the line, not a question opening it
            number, part, sub, marker_len = None, None, None, 0
        rest = line[marker_len:]
        if marker_len == 0 and previous_open and found:
            # a wrapped line continues the question above it
            found[-1].line_end = start + len(line)
            previous_open = (
                len(line.rstrip()) >= wrapped_at or _question_runs_on(lines, index)
            ) and not re.search(r"[?:]\s*(?:\*\*)?\s*$", line)
            continue
        if number is not None:
            context = number
        named = (
            _reference_candidates(line, start)
            if not marker_len or _SUBJECT_REFERENCE.match(line)
            else []
        )
        if named:
            found.extend(named)
            context = named[-1].number
            previous_open = False
            continue
        asks = _reads_as_question(rest)
        retold = _restatement(line[indent:]) if marker_len == 0 and "?" not in line else None
        if marker_len == 0 and (not asks or retold is not None):
            # a sentence that retells the question and answers it: "Asked how many ..., we
            # recorded 1,214"; "You asked ...: 734 children"
            previous_open = False
            if retold is not None and not _retold_under_heading(text, found, start, indent, retold):
                found.append(_retold_candidate(start + indent, start + len(line), retold, context))
            continue
        found.append(
            Candidate(
                start=start + len(line) - len(line.lstrip()),
                body=start + marker_len + _joint_length(rest),
                line_end=start + len(line),
                number=number,
                part=part,
                sub=sub,
                context_number=number if number is not None else context,
                marker=line[:marker_len].strip(),
                asks=asks,
                joint=_joint_questions(number, part, rest),
                prefix=_marker_prefix(line),
            )
        )
        # only a line that runs to the letter's wrap width can wrap onto the next one
        previous_open = (
            asks
            and (len(line.rstrip()) >= wrapped_at or _question_runs_on(lines, index))
            and not re.search(r"[?:.]\s*(?:\*\*)?\s*$", line)
        )
    _unnumber_section_titles(text, found)
    for index, cand in enumerate(found):
        limit = found[index + 1].start if index + 1 < len(found) else len(text)
        end = min(limit, cand.body + _QUESTION_TEXT_LIMIT)
        if cand.heads and not cand.restates and cand.number is None and cand.window_end:
            # a heading in the council's own words ("How quickly interviews took place")
            # says what it answers with the first sentence under it too ("64% of completed
            # interviews were held within 72 hours ...")
            stop = _SENTENCE_STOP.search(text, cand.window_end, min(limit, cand.window_end + 240))
            cand.window_end = stop.end() if stop else cand.window_end
        if cand.window_end is not None:
            end = min(end, cand.window_end)
        cand.text = text[cand.body : end]
        cand.text_end = end
        cand.answer_only = _is_answer_only(cand.text.split("\n", 1)[0])
        cand.question_mark = "?" in cand.text[:300]
    return found


_ANSWER_ONLY = re.compile(r"^[\s\d,.%()£]*(?:yes|no|n/?a|nil|none|x)?[\s.]*$", re.IGNORECASE)


def _question_runs_on(lines: list[str], index: int) -> bool:
    """Does a numbered question hard-wrapped in a text whose other paragraphs are not (a
    request quoted into an e-mail) go on over the next lines to its end, which ends the
    paragraph? "4a. How many missing incidents were reported in the year to 31 March" /
    "2018?" / (a blank line)."""
    if re.search(r"[?.]\s*$", lines[index]):
        return False
    opening = index
    while opening > 0 and lines[opening - 1].strip():
        opening -= 1  # the paragraph's first line: a question quoted as a paragraph of its own
    if index - opening > 3 or not _parse_marker(lines[opening])[3]:
        return False
    for at in range(index + 1, min(index + 4, len(lines))):
        later = lines[at]
        if not later.strip() or _parse_marker(later)[3]:
            return False
        ends = at + 1 >= len(lines) or not lines[at + 1].strip()  # the paragraph's end
        if later.rstrip().endswith("?"):
            return ends
        if later.rstrip().endswith((".", ")")):
            # "... placed out of" / "area." or "other councils? (yes / no)": one short line
            # that goes on with the sentence, not an answer's first line
            short = len(later.strip()) < 0.6 * len(lines[index].strip())
            return ends and at == index + 1 and short and later.lstrip()[:1].islower()
    return False


def _unnumber_section_titles(text: str, found: list[Candidate]) -> None:
    """A numbered title underlined on the next line ("1. Current delivery" over dashes),
    with questions marked "Q1", "Q4a" under it, numbers a section, not a question: its
    number is dropped, so it neither takes question 1's place nor swallows its answers."""
    for index, cand in enumerate(found):
        if cand.number is None or cand.marker[:1].lower() == "q" or cand.heads:
            continue
        next_line = text.find("\n", cand.line_end)
        underline = (
            text[cand.line_end + 1 : text.find("\n", next_line + 1)] if next_line >= 0 else ""
        )
        if not _UNDERLINE.match(underline.split("\n", 1)[0]):
            continue
        under = found[index + 1 : index + 4]
        if any(c.number is not None and c.marker[:1].lower() == "q" for c in under):
            cand.number = cand.part = cand.sub = None
            cand.context_number = None
            cand.joint = ()
            cand.asks = False


def _is_answer_only(rest: str) -> bool:
    return bool(_ANSWER_ONLY.match(rest))


def _literal_anchors(pattern: str) -> tuple[str, ...] | None:
    """Lowercase literals one of which must occur for a cue to match, or None if unknown."""
    branches: list[str] = []
    depth, current = 0, ""
    for char in pattern:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "|" and depth == 0:
            branches.append(current)
            current = ""
        else:
            current += char
    branches.append(current)
    anchors: list[str] = []
    for branch in branches:
        if "|" in branch:
            return None  # a nested alternation: no single literal is required
        previous = None
        while previous != branch:  # drop optional groups, innermost first
            previous, branch = branch, re.sub(r"\((?:\?:)?[^()]*\)\?", " ", branch)
        branch = re.sub(r"\\[a-zA-Z]\?|[^\\]\?", " ", branch)  # optional single items
        branch = re.sub(r"\\[a-zA-Z][*+]?|\(\?:|[()^$*+.]|\{[^}]*\}", " ", branch)
        words = [w for w in re.split(r"[^a-z0-9/]+", branch.lower()) if len(w) >= 3]
        if not words:
            return None
        anchors.append(max(words, key=len))
    return tuple(anchors)


@dataclass(frozen=True, slots=True)
class _CueTable:
    """A questionnaire's distinct cues, and for each question the bitmask of its cues.

    Most cues need a literal word; one regex finds which of those words a line holds, so only
    the cues that can match are run.
    """

    patterns: tuple[re.Pattern[str], ...]
    masks: dict[str, tuple[int, int]]  # question key -> (mask of its cues, number of cues)
    words: re.Pattern[str]  # any anchor word
    word_masks: dict[str, int]  # anchor word found -> cues it makes possible
    always: int  # cues with no anchor word: always run


def _cue_table(questionnaire: str) -> _CueTable:
    spec = installed().get(questionnaire)
    return _cue_table_of(questionnaire, spec.hash if spec else "")


@cache
def _cue_table_of(questionnaire: str, _hash: str) -> _CueTable:
    index: dict[str, int] = {}
    masks: dict[str, tuple[int, int]] = {}
    for question in QUESTIONNAIRES[questionnaire]:
        mask = 0
        for compiled in compiled_cues(questionnaire, question.key):
            position = index.setdefault(compiled.pattern, len(index))
            mask |= 1 << position
        masks[question.key] = (mask, len(question.cues))
    anchors = {pattern: _literal_anchors(pattern) for pattern in index}
    always = 0
    by_word: dict[str, int] = {}
    for pattern, position in index.items():
        needed = anchors[pattern]
        if needed is None:
            always |= 1 << position
            continue
        for word in needed:
            by_word[word] = by_word.get(word, 0) | 1 << position
    # A longer word found in the text also holds every shorter anchor inside it.
    word_masks = {
        word: sum_mask
        for word in by_word
        for sum_mask in [_or(m for other, m in by_word.items() if other in word)]
    }
    words = re.compile("|".join(sorted(map(re.escape, by_word), key=len, reverse=True)))
    return _CueTable(
        patterns=tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in index),
        masks=masks,
        words=words,
        word_masks=word_masks,
        always=always,
    )


def _or(masks: Iterable[int]) -> int:
    total = 0
    for mask in masks:
        total |= mask
    return total


def _wording_window(cand: Candidate) -> str:
    """The words that say what a candidate asks: to its '?', else the first line of a label
    with a colon (not the lines after it), else its first 200 characters."""
    text = cand.text
    question_mark = text.find("?")
    if 0 <= question_mark < 300:
        return text[: question_mark + 1]
    first_line = text.split("\n", 1)[0]
    label = _SHORT_LABEL_COLON.match(first_line)
    return first_line if label else text[:200]


def _cue_hits(table: _CueTable, cand: Candidate) -> int:
    window = _wording_window(cand)
    possible = table.always
    for word in set(table.words.findall(window.lower())):
        possible |= table.word_masks[word]
    hits = 0
    while possible:
        low_bit = possible & -possible
        position = low_bit.bit_length() - 1
        if table.patterns[position].search(window):
            hits |= low_bit
        possible ^= low_bit
    return hits


def _cue_score(questionnaire: str, question: Question, cand: Candidate) -> float:
    if not cand.asks and cand.answer_only:
        return 0.0
    table = _cue_table(questionnaire)
    hits = cand.cue_hits.get(questionnaire)
    if hits is None:
        hits = cand.cue_hits[questionnaire] = _cue_hits(table, cand)
    mask, count = table.masks[question.key]
    return (hits & mask).bit_count() / count


def _marker_score(question: Question, cand: Candidate) -> float:
    if cand.number is not None:
        if cand.number not in question.numbers:
            return -0.6
        part_ok = (
            cand.part == question.part
            or (cand.part is None and question.part in ("", "a"))
            or (cand.part == "a" and question.part == "")
        )
        if not part_ok:
            # "Q4: b) team based ..." may be an option letter after a question with no parts
            return 0.8 if not question.part and cand.part and not cand.sub else -0.3
        if question.subpart and cand.sub != question.subpart:
            return 0.2 if cand.sub is None and question.subpart == "i" else -0.3
        if not question.subpart and cand.sub:
            return -0.3
        return 1.0
    if cand.part is not None:
        if cand.context_number is None and not question.part:
            return 0.0  # "(a) ... (k)": the letter's own lettering, not the question's parts
        if cand.part != question.part:
            return -0.3
        if question.subpart and cand.sub not in (None, question.subpart):
            return -0.3
        in_context = cand.context_number in question.numbers
        return 0.7 if in_context else 0.3
    if cand.sub is not None:
        if cand.sub != question.subpart:
            return -0.3
        return 0.6 if cand.context_number in question.numbers else 0.3
    return 0.0


def _score_matrix(
    questionnaire: str,
    questions: tuple[Question, ...],
    cands: list[Candidate],
    numbers_only: bool,
) -> list[list[float]]:
    """How well each candidate line fits each question: its marker's score alone when only
    numbers can be trusted, else marker and cue words combined (`_combine`); each candidate's
    cue hits and each marker shape are scored once (this is the finder's hot loop)."""
    if numbers_only:
        return [[_marker_score(q, c) for c in cands] for q in questions]
    table = _cue_table(questionnaire)
    hits = [
        0 if (not c.asks and c.answer_only) else _cached_hits(questionnaire, table, c)
        for c in cands
    ]
    # a marker's score depends only on its shape: score each distinct shape once per question
    shape_ids: list[int] = []
    representatives: list[Candidate] = []
    distinct: dict[tuple[object, ...], int] = {}
    for cand in cands:
        shape = (cand.number, cand.part, cand.sub, cand.context_number)
        found = distinct.get(shape)
        if found is None:
            found = distinct[shape] = len(representatives)
            representatives.append(cand)
        shape_ids.append(found)
    scores: list[list[float]] = []
    sims = _similarities(questionnaire, questions, cands)
    for q_index, question in enumerate(questions):
        mask, count = table.masks[question.key]
        marks = [_marker_score(question, rep) for rep in representatives]
        row: list[float] = []
        for c_index, (cand, cand_hits, shape_id) in enumerate(
            zip(cands, hits, shape_ids, strict=True)
        ):
            marker = marks[shape_id]
            if (
                cand.prefix
                and not _in_section(questionnaire, question, cand.prefix)
                and _names_a_section(questionnaire, cand.prefix)
            ):
                marker = min(marker, -0.3)  # (letters that name no section say nothing)
            common = cand_hits & mask
            cue = common.bit_count() / count if common else 0.0
            fuzzy = sims[c_index][q_index]
            wording = max(cue, fuzzy)
            row.append(_combine(cand, marker, wording) if wording else marker * 0.6)
        scores.append(row)
    return scores


MIN_SIMILARITY = 0.35


def _similarities(
    questionnaire: str, questions: tuple[Question, ...], cands: list[Candidate]
) -> list[list[float]]:
    """Each candidate's fuzzy word overlap with each question (`rhi_llm.wording`), kept
    only where it is large enough to mean something."""
    cached = [cand.similarity.get(questionnaire) for cand in cands]
    if all(c is not None for c in cached):
        return [c for c in cached if c is not None]
    found = profiles(questionnaire)
    out: list[list[float]] = []
    for cand in cands:
        known = cand.similarity.get(questionnaire)
        if known is None:
            if not cand.asks and cand.answer_only:
                known = [0.0] * len(questions)
            else:
                held = matches(found.vocabulary, _wording_window(cand))
                said = said_weight(held, found.idf)
                known = [0.0] * len(questions)
                # only the questions that share a word with the passage can score
                sharing = {q for word in held for q in found.questions_with.get(word, ())}
                for q_index, question in enumerate(questions):
                    if question.key not in sharing:
                        continue
                    profile = found.by_key[question.key]
                    value = similarity(profile, held, found.idf, said)
                    known[q_index] = value if value >= MIN_SIMILARITY else 0.0
            cand.similarity[questionnaire] = known
        out.append(known)
    return out


def _names_a_section(questionnaire: str, prefix: str) -> bool:
    """Do a marker's letters name any section of the questionnaire ("QA" in "QA2a" names
    none: the marker's number and the words under it decide)?"""
    spec = installed().get(questionnaire)
    if spec is None or prefix.lower() in ("part", "sect", "page", "para", "item"):
        return True  # "Part 1 - ...", "Page 2": a section's or page's number, not a question's
    return any(
        _section_named(questionnaire, spec.hash, section.id, prefix) for section in spec.sections
    )


def _in_section(questionnaire: str, question: Question, prefix: str) -> bool:
    """Does a marker's letters ("OOA" in "OOA 2a") name the question's section?"""
    spec = installed().get(questionnaire)
    return _section_named(questionnaire, spec.hash if spec else "", question.section, prefix)


@cache
def _section_named(questionnaire: str, _hash: str, section: str, prefix: str) -> bool:
    spec = installed().get(questionnaire)
    wanted = re.sub(r"[^a-z]", "", prefix.lower())  # "Out-of-area" as "outofarea"
    parts = re.findall(r"[a-z]+", section.lower())
    if len(wanted) == 1 and spec is not None:
        # "Schedule B", "B2a": the questionnaire's sections in order, A first
        order = [s.id for s in spec.sections]
        at = ord(wanted) - ord("a")
        return 0 <= at < len(order) and order[at] == section
    content = [p for p in parts if p not in ("the", "and", "of")]
    if wanted in ("".join(parts), "".join(p[0] for p in parts), "".join(p[0] for p in content)):
        return True  # "OOA", "OA" for out_of_area
    if spec is None:
        return False
    title = next((s.title for s in spec.sections if s.id == section), "")
    words = [w for w in re.findall(r"[a-z]+", title.lower()) if w not in ("the", "and", "of")]
    return "".join(w[0] for w in words) == wanted


def _cached_hits(questionnaire: str, table: _CueTable, cand: Candidate) -> int:
    hits = cand.cue_hits.get(questionnaire)
    if hits is None:
        hits = cand.cue_hits[questionnaire] = _cue_hits(table, cand)
    return hits


def _combine(cand: Candidate, marker: float, cue: float) -> float:
    if cue == 0.0:
        return marker * 0.6
    asked = 0.1 if cand.question_mark else 0.0
    if cand.number is None and ((cand.part is None and cand.sub is None) or marker == 0.0):
        bullet = 0.1 if cand.marker else 0.0
        return 0.9 * cue + asked + bullet  # a bullet or bare line: the wording decides
    return 0.6 * cue + 0.55 * max(marker, -0.3) + asked


# the last score matrix built for each (questionnaire, candidate list) of the letter being
# read, so the out-of-order pass does not build it again (cleared at each find_questions)
_MATRICES: dict[tuple[str, int], list[list[float]]] = {}


def _align(
    questionnaire: str,
    questions: tuple[Question, ...],
    cands: list[Candidate],
    *,
    numbers_only: bool = False,
) -> list[tuple[int, int, float]]:
    """Best monotone matching of questions to candidates: (question idx, cand idx, score)."""
    n_q = len(questions)
    full = _score_matrix(questionnaire, questions, cands, numbers_only)
    if not numbers_only:
        _MATRICES[(questionnaire, id(cands))] = full
    # A candidate no question can match only copies the column before it, and the walk back
    # steps over it: leaving it out gives the same matching, for less work.
    live = [j for j in range(len(cands)) if any(row[j] >= MIN_PAIR_SCORE for row in full)]
    scores = [[row[j] for j in live] for row in full]
    n_c = len(live)
    best = [[0.0] * (n_c + 1) for _ in range(n_q + 1)]
    move = [[0] * (n_c + 1) for _ in range(n_q + 1)]  # 0 skip cand, 1 skip question, 2 match
    for i in range(1, n_q + 1):
        row, prev, moves, pair = best[i], best[i - 1], move[i], scores[i - 1]
        for j in range(1, n_c + 1):
            value, how = row[j - 1], 0
            if prev[j] > value:
                value, how = prev[j], 1
            score = pair[j - 1]
            if score >= MIN_PAIR_SCORE and prev[j - 1] + score > value:
                value, how = prev[j - 1] + score, 2
            row[j], moves[j] = value, how
    pairs: list[tuple[int, int, float]] = []
    i, j = n_q, n_c
    while i > 0 and j > 0:
        how = move[i][j]
        if how == 2:
            pairs.append((i - 1, live[j - 1], scores[i - 1][j - 1]))
            i, j = i - 1, j - 1
        elif how == 1:
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs


STRONG_PAIR = 0.85


def _out_of_order(
    questions: tuple[Question, ...],
    cands: list[Candidate],
    full: list[list[float]],
    pairs: list[tuple[int, int, float]],
) -> list[tuple[int, int, float]]:
    """Strong pairs the order-keeping alignment had to leave out: a letter that answers the
    figures' questions in a second table after the others ("Table 1: questions 1-3 and 7-8;
    Table 2: questions 4-6") keeps its numbers and wording, not the questionnaire's order.
    A question left out, or matched weakly, takes a candidate whose number and wording both
    fit it (score >= STRONG_PAIR) and that no question fits as well."""
    by_question = {q: (c, score) for q, c, score in pairs}
    by_cand = {c: (q, score) for q, c, score in pairs}
    strong = sorted(
        (
            (full[q][c], q, c)
            for q in range(len(questions))
            for c in range(len(cands))
            if full[q][c] >= STRONG_PAIR and cands[c].number is not None
        ),
        reverse=True,
    )
    for score, q, c in strong:
        held = by_question.get(q)
        if held is not None and held[1] >= score - 0.2:
            continue
        owner = by_cand.get(c)
        if owner is not None and owner[1] >= score - 0.2:
            continue
        if held is not None:
            del by_cand[held[0]]
        if owner is not None:
            del by_question[owner[0]]
        by_question[q] = (c, score)
        by_cand[c] = (q, score)
    return sorted(((q, c, score) for q, (c, score) in by_question.items()), key=lambda p: p[1])


_MORE_QUESTION = re.compile(r"[ \t]*\n?[ \t]*[^\n?.!]{1,200}\?")
_INSTRUCTION = re.compile(
    r"[ \t]*(?:\(?(?:please )?(?:tick|give|provide|list|state|select|include|if (?:yes|so))"
    r"\b(?:[^?\n]|\n(?![ \t]*\n)){0,150}?[.:)]|\(?please tick\)?|\(?yes\s*/\s*no\)?|y/n)"
    r"(?=[ \t]*(?:\n|$))",
    re.IGNORECASE,
)
_CLOSING_EMPHASIS = re.compile(r"[ \t]*(?:\*\*|__)")
# the request goes on after its question mark: "Please tick any that apply (social worker;
# ...) and add any detail you can.", "If you commission the service, please give its name.",
# an option list "(social worker / council team / other)", the quote mark closing a request
_LINE = r"(?:[^.?\n]|\n(?![ \t]*\n)(?![ \t]*(?:\(?[a-z0-9]{1,2}[).]|[\[\-*•])))"
_REQUEST_TAIL = re.compile(
    r"[ \t]*\n?[ \t]*(?:"
    r"\(?please (?:tick|give|provide|list|state|select|include|indicate|describe|explain|"
    rf"specify|add|name|confirm|break)\b{_LINE}{{0,300}}?[.:](?=(?:\*\*|__)?(?:\s|$))"
    rf"|if (?:you|so|yes|it|they|this|a|the)\b{_LINE}{{0,80}}?\bplease\b{_LINE}{{0,200}}?"
    r"[.:][\"”]?(?=(?:\*\*|__)?(?:\s|$))"
    r"|\((?:[^()\n]|\n(?![ \t]*\n)){1,60}?(?:[/;](?:[^()\n/;]|\n(?![ \t]*\n)){1,60}){2,}\)"
    r"|[\"”](?=[ \t]*(?:\n|$))"
    r")",
    re.IGNORECASE,
)


def _question_end(text: str, cand: Candidate, wording: bool) -> int:
    """Where a located question's own text ends (the answer starts after this)."""
    if _OPENS_AN_ANSWER.match(text, cand.body, cand.text_end):
        return cand.body  # "Q10  Yes. Return practitioners can ...": the answer itself
    if cand.question_end is not None:
        return cand.question_end
    quoted = _quoted_question_end(text, cand)
    if quoted is not None:
        return quoted
    if not wording:
        # a two-column schedule: the question's words, then a wide gap, then the answer
        # ("B5b   ... of whom received an RHI          31 of them were reported missing")
        left = _LEFT_COLUMN.match(text, cand.body, cand.text_end)
        if left:
            return left.end(1)
        # "Question 10 - follow-up support" over a blank line: a label naming the question
        label = _SHORT_LABEL.match(text, cand.body)
        return label.end(1) if label else cand.body
    region = text[cand.body : cand.text_end]
    first_mark = region.find("?")
    paragraph_end = region.find("\n\n")
    if paragraph_end < 0:
        paragraph_end = len(region)
    if 0 <= first_mark < paragraph_end:
        end = first_mark + 1
        # "Would you like ...? What are the barriers ...? What is working well ...?"
        while (more := _MORE_QUESTION.match(region, end)) and more.end() <= paragraph_end:
            end = more.end()
        end += cand.body
        # "... area? Please tick all that apply." / "? Yes/No" on the same line
        while True:
            matches = [
                m
                for m in (
                    _TRAILING_OPTIONS.match(text, end),
                    _INSTRUCTION.match(text, end),
                    _REQUEST_TAIL.match(text, end),
                )
                if m and m.end() > end
            ]
            if not matches:
                break
            end = max(m.end() for m in matches)
    else:
        end = _label_end(text, cand, region, paragraph_end)
    emphasis = _CLOSING_EMPHASIS.match(text, end)
    return emphasis.end() if emphasis else end


def _quoted_question_end(text: str, cand: Candidate) -> int | None:
    """Where a question quoted back in quotation marks ends: at its closing mark ('"8. Please
    tell us anything else: guidance, barriers."' then the answer), when that is on its line."""
    line = text[cand.start : cand.line_end]
    opening = re.match(r"[ \t]*(?:\*\*|__)?[ \t]*([\"“])", line)
    if opening is None:
        return None
    closing = "”" if opening.group(1) == "“" else '"'
    at = line.find(closing, max(opening.end(), cand.body - cand.start))
    return cand.start + at + 1 if at >= 0 else None


_OPENS_AN_ANSWER = re.compile(
    r"[ \t]*(?:[-–:|][ \t]*)?(?:yes|no)\b(?:[.,;!]|[ \t]+[-–])", re.IGNORECASE
)
_SHORT_LABEL = re.compile(
    r"[ \t]*(?:[-–:|][ \t]*)?((?!(?:not|none|nil|yes|no|see|n/?a|refused|exempt|unknown|zero|"
    r"withheld|nothing|all|every|case.by.case|partly|sometimes|varies)\b)"
    r"[A-Za-z][A-Za-z'’ /&()-]{2,60}?)[ \t]*(?=\n[ \t]*\n)",
    re.IGNORECASE,
)
_LEFT_COLUMN = re.compile(r"[ \t]*((?:\.{3}|…)?[ \t]*[A-Za-z][^\n\d]*?[A-Za-z?])[ \t]{3,}\S")


def _label_end(text: str, cand: Candidate, region: str, paragraph_end: int) -> int:
    """End of a question with no '?': at its ':' ("ii) hours or days: hours"), else its lines."""
    first_line = region.split("\n", 1)[0]
    colon = re.match(r"[^\n:]{3,200}?:(?=[ \t]*\S)", first_line)
    if colon and not re.match(r"\s*//", first_line[colon.end() :]):
        return cand.body + colon.end()
    # "Q8. Please tell us more about your service (guidance, barriers). Young people ...":
    # a request with no question mark, its answer after its full stop on the same line
    stop = _SENTENCE_STOP.search(first_line)
    if _QUESTION_START.match(first_line) and stop and first_line[stop.end() :].strip():
        return cand.body + stop.end()
    offset = 0
    for line in region[:paragraph_end].split("\n")[:4]:
        offset += len(line)
        if re.search(r":\s*(?:\*\*|__)?\s*$", line):
            return cand.body + offset
        offset += 1
    return cand.line_end


def _sign_off(text: str, after: int) -> int:
    for match in re.finditer(r"^.*$", text[after:], re.MULTILINE):
        if _SIGN_OFF.match(match.group(0)):
            return after + match.start()
    return len(text)


def _has_wording(questionnaire: str, question: Question, cand: Candidate) -> bool:
    """Does the candidate carry the question's text (not just its number and the answer)?

    A line that reads as a question only by a colon ("5b. and 5c. Refused - section 12. ...:
    ...") carries it only when its words are the question's: numbered answers often run on
    past a colon."""
    if cand.restates or cand.question_end is not None:
        return True
    if cand.asks:
        if cand.question_mark or _QUESTION_START.match(cand.text):
            return True
        return _wording_of(questionnaire, question, cand) >= 0.3
    first_line = cand.text.split("\n", 1)[0]
    if re.match(r"\s*[\d£]", first_line) or _ANSWER_WORDS.search(first_line):
        return False
    return _cue_score(questionnaire, question, cand) >= 0.5


_ANSWER_WORDS = re.compile(
    r"^\W*(?:yes|no)\b|\brefused\b|\bnot (?:held|recorded|known|available)\b|"
    r"\bsection \d+|\bexempt|\bwithheld\b|\bwe (?:do|did|have|are|hold|record)\b|"
    # a statement, not a question's words: "(i) The clock starts when the referral arrives"
    r"^\W*(?:\(?[ivx]{1,4}\)\s*)?(?:the|our|it|this|they|each|every|all)\b[^?\n]{0,60}?\b"
    r"(?:starts?|begins?|runs?|is|are|was|were|has|have|takes?|counts?|applies)\b(?![^\n]*\?)",
    re.IGNORECASE,
)


def _wording_of(questionnaire: str, question: Question, cand: Candidate) -> float:
    found = profiles(questionnaire)
    profile = found.by_key.get(question.key)
    window = _wording_window(cand)
    fuzzy = similarity(profile, matches(found.vocabulary, window), found.idf) if profile else 0
    return max(_cue_score(questionnaire, question, cand), fuzzy)


def _blocks(
    questionnaire: str,
    text: str,
    cands: list[Candidate],
    pairs: list[tuple[int, int, float]],
    *,
    answers_only: bool = False,
) -> list[tuple[Question, Candidate, Span, Span, float]]:
    questions = QUESTIONNAIRES[questionnaire]
    located: list[tuple[Question, Candidate, Span, Span, float]] = []
    if not pairs:
        return located
    # Does the letter restate its questions at all? When almost none of its located lines
    # asks ('?', a question word, a retelling), a colon ends an answer's first words
    # ("6c(i). From the police referral: the clock starts ..."), not a question.
    asking = sum(
        1
        for _, c, _ in pairs
        if cands[c].question_mark or cands[c].restates or _QUESTION_START.match(cands[c].text)
    )
    worded = asking >= 0.2 * len(pairs)
    last_cand = cands[pairs[-1][1]]
    letter_end = _sign_off(text, last_cand.line_end)
    for index, (q_index, c_index, score) in enumerate(pairs):
        question, cand = questions[q_index], cands[c_index]
        wording = not answers_only and _has_wording(questionnaire, question, cand)
        if wording and not worded and not (cand.question_mark or cand.restates):
            wording = cand.question_end is not None  # a letter of bare numbers and answers
        q_end = _question_end(text, cand, wording)
        if not wording and not re.search(r"[a-z]$", question.key):
            # "9. (d) By the child's own social worker." answering a question with no parts:
            # the letter is the option chosen, not part of the question's number
            option = re.search(r"\s*\([a-i]\)\s*$", text[cand.start : q_end])
            if option and option.start() > 0:
                q_end = cand.start + option.start()
        next_start = cands[pairs[index + 1][1]].start if index + 1 < len(pairs) else letter_end
        q_end = min(q_end, next_start)
        answer_start = q_end
        answer_end = max(answer_start, _trim_end(text, answer_start, next_start))
        answer_end = _before_headings(text, answer_start, answer_end)
        located.append(
            (
                question,
                cand,
                Span(start=cand.start, end=q_end),
                Span(start=answer_start, end=answer_end),
                score,
            )
        )
    return located


_SECTION_HEADING = re.compile(
    r"^(?:(?:section|part|annex|appendix|schedule)\s+[\w.]{1,4}\b.*"
    r"|(?:\d{1,2}\.?\s+)?(?:additional|further|other|general)\s+(?:information|comments?|notes?)"
    r"|notes?|background|(?:\d{1,2}\.?\s+)?(?:children\s+)?(?:placed\s+)?out[\s-]+of[\s-]+area"
    r"(?:\s+placements?)?|(?:\d{1,2}\.?\s+)?children\s+placed\s+(?:in|into|out)\b.*)$",
    re.IGNORECASE,
)
_UNDERLINE = re.compile(r"^\s*(?:-{3,}|={3,}|_{3,})\s*$")
_SHEET_TITLE = re.compile(r"^Sheet: \S")  # how rhi_llm.formats.sheets heads each sheet
# a line that is an answer in capitals, not a title: "NOT HELD", "YES", "N/A"
_ANSWER_WORDS_ONLY = re.compile(
    r"^\W*(?:yes|no|n/?a|nil|none|not (?:held|known|recorded|applicable)|refused|exempt)\W*$",
    re.IGNORECASE,
)


def _heading_line(line: str, underlined: bool) -> bool:
    """A section's title standing over the next question, not an answer: a short line with
    no sentence's end that is underlined, in capitals, or a section's name ("Section B:
    Children placed out of area", "PART 2", "Additional information")."""
    words = line.split()
    if not 1 <= len(words) <= 10 or re.search(r"[.?!,;]$", line) or len(line) > 80:
        return False
    if _ANSWER_WORDS_ONLY.match(line):
        return False  # "NOT HELD" in capitals is an answer
    letters = [c for c in line if c.isalpha()]
    capitals = len(letters) >= 4 and all(c.isupper() for c in letters)
    return underlined or capitals or bool(_SECTION_HEADING.match(line.rstrip(":").strip()))


def _before_headings(text: str, start: int, end: int) -> int:
    """Where an answer ends when section titles stand between it and the next question: a
    comments answer must not run on into "Section B: Children placed out of area". Only
    lines after the answer's first line of text are taken for titles."""
    lines = text[start:end].split("\n")
    offsets = [start]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    content = [i for i, line in enumerate(lines) if line.strip()]
    # a spreadsheet's next sheet ("Sheet: Out of area", written by the loader) is never an
    # answer, not even its first line
    for position in content:
        if _SHEET_TITLE.match(lines[position]):
            return _trim_end(text, start, offsets[position])
    # a section's title further down ends the answer too, with what follows it (the last
    # answer of a letter runs on to its sign-off: "Additional information", "Data Protection")
    for position in content[1:]:
        line = lines[position].strip()
        if _UNDERLINE.match(line):
            continue
        after = next((j for j in content if j > position), None)
        underlined = after is not None and bool(_UNDERLINE.match(lines[after]))
        if _heading_line(line, underlined) and (
            underlined or _SECTION_HEADING.match(line.rstrip(":").strip()) or after is not None
        ):
            return _trim_end(text, start, offsets[position])
    cut = None
    for position in reversed(content[1:]):
        line = lines[position].strip()
        if _UNDERLINE.match(line):
            continue
        underlined = any(
            _UNDERLINE.match(lines[j]) for j in content if position < j and (cut is None or j < cut)
        )
        if not _heading_line(line, underlined):
            break
        cut = position
    if cut is None:
        return end
    return _trim_end(text, start, offsets[cut])


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _is_listing(text: str, located: list[tuple[Question, Candidate, Span, Span, float]]) -> bool:
    if len(located) < 3:
        return False
    empty = 0
    for _, _, _, answer, _ in located:
        block = text[answer.start : answer.end]
        lines = [ln for ln in block.split("\n") if ln.strip()]
        content = [ln for ln in lines if not re.search(r"[?:]\s*$", ln)]
        if not content:
            empty += 1
    return empty >= 0.6 * len(located)


def _confidence(
    questionnaire: str, cands: list[Candidate], pairs: list[tuple[int, int, float]]
) -> float:
    """How sure we are that a letter answers this questionnaire, 0..1.

    The share of its questions located, each weighted by how well it matched; a letter that
    restates no question wording at all must make up for it with exact numbering ("Q4a: 880").
    """
    questions = QUESTIONNAIRES[questionnaire]
    if not questions or not pairs:
        return 0.0
    located = sum(min(1.0, score / 0.6) for _, _, score in pairs) / len(questions)
    worded = sum(1 for q, c, _ in pairs if _wording(questionnaire, questions, q, cands[c]) > 0)
    exact = sum(1 for q, c, _ in pairs if _marker_score(questions[q], cands[c]) >= 1.0)
    if worded >= 3 or exact >= 0.6 * len(questions):
        return min(1.0, located)
    return located * 0.5


def _wording(
    questionnaire: str, questions: tuple[Question, ...], q_index: int, cand: Candidate
) -> float:
    """How much of a question's wording a candidate carries: its cues' share, or its fuzzy
    word overlap, whichever is more."""
    cue = _cue_score(questionnaire, questions[q_index], cand)
    sims = cand.similarity.get(questionnaire)
    return max(cue, sims[q_index] if sims else 0.0)


def _period_said(text: str, questionnaire: str) -> bool:
    """Does the letter name the period this questionnaire asks about ("2023/24", "1 April
    2023 to 31 March 2024", "2023-24")?"""
    spec = installed().get(questionnaire)
    if spec is None:
        return False
    first, last = spec.period.start[:4], spec.period.end[:4]
    pattern = (
        rf"\b{first}\s*[/-]\s*(?:{last}|{last[2:]})\b|\b{first} to {last}\b|"
        rf"\b1(?:st)? april {first}\b|\b31(?:st)? march {last}\b|\b0?1/0?4/{first}\b|"
        rf"\b31/0?3/{last}\b"
    )
    return re.search(pattern, text, re.IGNORECASE) is not None


def _fit(
    questionnaire: str,
    questions: tuple[Question, ...],
    cands: list[Candidate],
    pairs: list[tuple[int, int, float]],
) -> float:
    """How well a questionnaire fits a letter, to choose among those installed: the harmonic
    mean of how much of its wording the letter's question lines carry (numbers alone match
    any numbered list: a five-question request "matches" the first five of a longer one) and
    how many of the letter's question lines it explains (a short questionnaire leaves most
    of a longer one's lines unexplained)."""
    if not questions or not pairs:
        return 0.0
    worded = sum(_wording(questionnaire, questions, q, cands[c]) for q, c, _ in pairs)
    precision = worded / len(questions)
    asking = sum(1 for cand in cands if cand.asks)
    recall = sum(1 for _, c, _ in pairs if cands[c].asks) / max(1, asking)
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def _add_joint(
    questionnaire: str, located: list[tuple[Question, Candidate, Span, Span, float]]
) -> list[tuple[Question, Candidate, Span, Span, float]]:
    """Questions answered together with another ("2c. and 2d.") share its answer block."""
    found = {q.key for q, *_ in located}
    extra: list[tuple[Question, Candidate, Span, Span, float]] = []
    for question in QUESTIONNAIRES[questionnaire]:
        if question.key in found:
            continue
        for q, cand, q_span, a_span, score in located:
            if q.section == question.section and any(
                number in question.numbers and part == question.part for number, part in cand.joint
            ):
                extra.append((question, cand, q_span, a_span, score))
                break
    order = {q.key: i for i, q in enumerate(QUESTIONNAIRES[questionnaire])}
    return sorted([*located, *extra], key=lambda item: order[item[0].key])


def _with_parents(
    questionnaire: str,
    answered: list[tuple[Question, Candidate, Span, Span, float]],
    listed: list[tuple[Question, Candidate, Span, Span, float]],
) -> list[tuple[Question, Candidate, Span, Span, float]]:
    """A listed question whose answer is given part by part ("6c. (i) ... (ii) ...") keeps
    its place, with the span of its parts' answers."""
    found = {q.key for q, *_ in answered}
    extra: list[tuple[Question, Candidate, Span, Span, float]] = []
    for question, cand, q_span, _, score in listed:
        if question.key in found or question.subpart:
            continue
        parts = [
            a_span
            for q, _, _, a_span, _ in answered
            if q.subpart
            and q.number == question.number
            and q.part == question.part
            and q.section == question.section
        ]
        if parts:
            whole = Span(start=parts[0].start, end=parts[-1].end)
            extra.append((question, cand, q_span, whole, score))
    order = {q.key: i for i, q in enumerate(QUESTIONNAIRES[questionnaire])}
    return sorted([*answered, *extra], key=lambda item: order[item[0].key])


def _fill_gaps(
    text: str,
    questions: Sequence[Question],
    cands: list[Candidate],
    pairs: list[tuple[int, int, float]],
) -> list[tuple[int, int, float]]:
    """Between two placed questions, headings over answers that match no question's words
    (a council's own paraphrase: "What we do with what children tell us") take the questions
    left between them, in order, when there are exactly as many of each. Such a place is
    known by order only (score `ORDER_ONLY`): the verifier treats it as unsure."""
    ordered = sorted(pairs, key=lambda p: p[1])
    if len(ordered) < 2:
        return pairs
    paired_q = {q for q, _, _ in pairs}
    paired_c = {c for _, c, _ in pairs}
    # the parts of a question answered as one ("6c" placed: its (i)-(iii) have no heading)
    placed = {(questions[q].section, questions[q].number, questions[q].part) for q in paired_q}
    paired_q |= {
        i for i, q in enumerate(questions) if q.subpart and (q.section, q.number, q.part) in placed
    }
    added: list[tuple[int, int, float]] = []
    for (q_lo, c_lo, _), (q_hi, c_hi, _) in pairwise(ordered):
        if q_hi <= q_lo + 1:
            continue
        gap_q = [q for q in range(q_lo + 1, q_hi) if q not in paired_q]
        gap_c = [
            c
            for c in range(c_lo + 1, c_hi)
            if c not in paired_c and _heads_an_answer(text, cands, c)
        ]
        if gap_q and len(gap_q) == len(gap_c):
            added += [(q, c, ORDER_ONLY) for q, c in zip(gap_q, gap_c, strict=True)]
    if not added:
        return pairs
    return sorted([*pairs, *added], key=lambda p: p[1])


PARAGRAPH_WORDS = 8  # a passage this long can answer a question by its content alone
_YEAR = re.compile(r"\b(20\d\d)\s*[/-]\s*((?:20)?\d\d)\b")
PARAGRAPH_MIN = 0.35  # a passage of its own: its first sentence fits the question this well
_YEAR_OPENS = 0.4  # a passage opening on the question's year: above PARAGRAPH_MIN, below sharing
_SHARE_PENALTY = 0.15  # a passage that answers two questions costs a little: prefer one each


def _paragraphs(text: str, tables: Sequence[Table], start: int, end: int) -> list[Span]:
    """The letter's prose passages between ``start`` and ``end``: runs of lines between blank
    lines, outside tables."""
    found: list[Span] = []
    for match in re.finditer(r"[^\n]+(?:\n[ \t]*\S[^\n]*)*", text[start:end]):
        span = Span(start=start + match.start(), end=start + match.end())
        if any(t.start <= span.start < t.end for t in tables):
            continue
        found.append(span)
    return found


def _paragraph_candidate(text: str, span: Span, cands: list[Candidate]) -> Candidate:
    """A passage as a candidate: the line that opens it, when the finder has one there (a
    retold question keeps its question text), else the passage with no question text."""
    opening = next((c for c in cands if c.start == span.start), None)
    if opening is not None:
        return opening
    # what the passage is about is said in its first sentence ("Interviews actually carried
    # out came to 557 in 2017/18, up from 512 the year before."); the rest runs on
    stop = _SENTENCE_STOP.search(text, span.start, span.end)
    end = min(stop.end() if stop else span.end, span.start + _QUESTION_TEXT_LIMIT)
    return Candidate(
        start=span.start,
        body=span.start,
        line_end=span.end,
        number=None,
        part=None,
        sub=None,
        context_number=None,
        marker="",
        asks=False,
        question_end=span.start,
        window_end=end,
        text=text[span.start : end],
        text_end=end,
    )


def _passage_of(spans: list[Span], offset: int) -> int:
    return next(i for i, s in enumerate(spans) if s.start <= offset < s.end)


def _in_order(
    spans: list[Span], cands: list[Candidate], pairs: list[tuple[int, int, float]]
) -> bool:
    """Do the placed questions lie one to a passage, in the questionnaire's order?"""
    at: dict[int, int] = {}
    for q, c, _ in pairs:
        where = next((i for i, s in enumerate(spans) if s.start <= cands[c].start < s.end), None)
        if where is None:
            return False  # placed in a table, or outside the passages
        at[q] = where
    order = [at[q] for q in sorted(at)]
    return order == sorted(order) and len(set(order)) == len(order)


def _prose_passages(
    text: str,
    tables: Sequence[Table],
    cands: list[Candidate],
    pairs: list[tuple[int, int, float]],
    end: int,
) -> tuple[list[Span], float] | None:
    """The paragraphs of a letter in prose, when the paragraph that retells a question
    answers it too ("Asked whether we provide follow-up support, yes we do: ..."), and the
    score a paragraph needs to take a question of its own."""
    spans = _paragraphs(text, tables, 0, end)
    if not _in_order(spans, cands, pairs):
        return None
    answered = 0
    for _, c, _ in pairs:
        paragraph = spans[_passage_of(spans, cands[c].start)]
        asked_end = max(paragraph.start, min(_question_end(text, cands[c], True), paragraph.end))
        answered += len(text[asked_end : paragraph.end].split()) >= PARAGRAPH_WORDS
    if answered < 0.6 * len(pairs):
        return None  # under headings, or question paragraphs with answers after them
    held = {_passage_of(spans, cands[c].start) for _, c, _ in pairs}
    return [
        s
        for i, s in enumerate(spans)
        if i in held or len(text[s.start : s.end].split()) >= PARAGRAPH_WORDS
    ], PARAGRAPH_MIN


def _sections(
    cands: list[Candidate], pairs: list[tuple[int, int, float]], end: int
) -> tuple[list[Span], float] | None:
    """The sections of a letter laid out under headings in its own words ("Children looked
    after by the council", "Whether an interview was offered, and whether it took place"),
    each from its heading to the next, when most placed questions are such headings; a
    section takes a question of its own only as surely as the alignment would."""
    heads = [c for c in cands if c.heads and not c.restates and c.start < end]
    if sum(1 for _, c, _ in pairs if cands[c].heads and not cands[c].restates) < 0.6 * len(pairs):
        return None
    starts = [c.start for c in heads]
    spans = [Span(start=a, end=b) for a, b in zip(starts, [*starts[1:], end], strict=True) if b > a]
    if not spans or not _in_order(spans, cands, pairs):
        return None
    return spans, MIN_PAIR_SCORE


def _by_paragraph(
    questionnaire: str,
    text: str,
    tables: Sequence[Table],
    cands: list[Candidate],
    pairs: list[tuple[int, int, float]],
) -> tuple[list[Candidate], list[tuple[int, int, float]], dict[int, int], dict[int, int]] | None:
    """A letter in prose, one paragraph per question or two ("You then asked who did this in
    2016/17. ...", "Interviews actually carried out came to ..."), names few questions by
    number and retells few in the question's words. Its questions left unplaced take the
    paragraphs whose content fits them, keeping the questionnaire's order around the placed
    ones; a paragraph may answer two questions running ("how many incidents, and how many
    children"). Such a place is known by content and order, not by the question's words, so
    it is scored `ORDER_ONLY`: the verifier then wants each figure's own words.

    Returns the candidates (with the paragraphs added), the pairs, the questions that share
    another question's paragraph (question index -> the question it shares with), and where
    each placed question's paragraph ends: its answer ends there too, since a paragraph that
    no question fits is not known to be part of the answer before it."""
    questions = QUESTIONNAIRES[questionnaire]
    if sum(1 for c in cands if c.number is not None) > 4 or not pairs:
        return None
    placed = sorted(pairs, key=lambda p: p[1])
    end = _sign_off(text, cands[placed[-1][1]].line_end)
    found = _prose_passages(text, tables, cands, pairs, end) or _sections(cands, pairs, end)
    if found is None:
        return None
    spans, alone = found
    anchor_of = {q: _passage_of(spans, cands[c].start) for q, c, _ in pairs}
    for q, c, _ in pairs:  # "(parts 5b and 5c)": the questions a placed one answers with it
        for number, part in cands[c].joint:
            for i, other in enumerate(questions):
                same = other.section == questions[q].section and not other.subpart
                if same and number in other.numbers and part == other.part:
                    anchor_of.setdefault(i, anchor_of[q])
    units = [_paragraph_candidate(text, s, cands) for s in spans]
    if len(anchor_of) == len(questions):
        return None
    scores = _score_matrix(questionnaire, questions, units, False)
    for i, question in enumerate(questions):
        # "Who delivered RHIs in 2016/17?" is answered where that year is named, and a
        # passage that opens on that year with no figure ("Looking back to 2016/17, the work
        # was done by a local charity") is about it (though not enough to share a passage)
        years = {(a, b[-2:]) for a, b in _YEAR.findall(question.wording)}
        if not years:
            continue
        for u, (span, unit) in enumerate(zip(spans, units, strict=True)):
            said = {(a, b[-2:]) for a, b in _YEAR.findall(text[span.start : span.end])}
            opening = _YEAR.sub(" ", unit.text)
            if not years & said:
                scores[i][u] = 0.0
            elif years & set(_YEAR.findall(unit.text)) and not re.search(r"\d", opening):
                scores[i][u] = max(scores[i][u], _YEAR_OPENS)
    shares = [
        [_says_its_figures(questionnaire, q, text[s.start : s.end]) for s in spans]
        for q in questions
    ]
    chosen = _place_in_order(scores, anchor_of, len(units), shares, alone)
    if chosen is None:
        return None
    # the questions placed in each paragraph, in order
    per_unit: dict[int, list[int]] = {}
    for q in sorted(chosen):
        per_unit.setdefault(chosen[q], []).append(q)
    all_cands = list(cands)
    index_of = {id(c): i for i, c in enumerate(all_cands)}
    new_pairs: list[tuple[int, int, float]] = []
    shared: dict[int, int] = {}
    scored = {q: score for q, _, score in pairs}
    for u_index, qs in sorted(per_unit.items()):
        unit = units[u_index]
        own = [q for q in qs if q in scored]  # the placed question whose line opens it
        if own:
            lead = own[0]
            c_index = next(c for q, c, _ in pairs if q == lead)
        else:
            lead = qs[0]
            if id(unit) not in index_of:
                index_of[id(unit)] = len(all_cands)
                all_cands.append(unit)
            c_index = index_of[id(unit)]
        new_pairs.append((lead, c_index, scored.get(lead, ORDER_ONLY)))
        for q in qs:
            if q != lead:
                shared[q] = lead
    order_by_start = sorted(range(len(all_cands)), key=lambda i: all_cands[i].start)
    renumber = {old: new for new, old in enumerate(order_by_start)}
    ordered = [all_cands[i] for i in order_by_start]
    remapped = sorted(((q, renumber[c], s) for q, c, s in new_pairs), key=lambda p: p[1])
    # a short heading placed among the paragraphs ("Children placed out of area") heads the
    # paragraphs after it: its answer is not cut at its own line
    ends = {
        q: spans[u].end
        for q, u in chosen.items()
        if len(text[spans[u].start : spans[u].end].split()) >= PARAGRAPH_WORDS
    }
    return ordered, remapped, shared, ends


def _says_its_figures(questionnaire: str, question: Question, passage: str) -> bool:
    """Does the passage use the words of every count the question asks ("children" for 4b,
    "carried out" for 6a)? Only then may it answer the question beside another one."""
    spec = installed().get(questionnaire)
    words = _count_words(questionnaire, spec.hash if spec else "", question.key)
    return bool(words) and all(w.search(passage) for w in words)


@cache
def _count_words(questionnaire: str, _hash: str, key: str) -> tuple[re.Pattern[str], ...]:
    """The compiled words of the counts a question asks, once per questionnaire version."""
    spec = installed().get(questionnaire)
    if spec is None:
        return ()
    by_id = {f.id: f for f in spec.fields}
    question = next(q for q in spec.questions if q.key == key)
    counts = [by_id[f] for f in question.fields if f in by_id and by_id[f].kind == "numeric"]
    return tuple(re.compile(c.words, re.IGNORECASE) for c in counts if c.words)


def _place_in_order(
    scores: list[list[float]],
    anchors: dict[int, int],
    n_units: int,
    shares: list[list[bool]],
    alone: float,
) -> dict[int, int] | None:
    """The best placing of questions in passages that keeps the questionnaire's order: each
    question in one passage or none, a passage holding one question or several running
    (when it says the later one's figures, ``shares``), the anchored questions in their own
    passages. Returns question -> passage."""
    minus = float("-inf")
    start = n_units  # the state before any question is placed
    best = [minus] * n_units + [0.0]
    steps: list[list[tuple[bool, int]]] = []  # per question: state -> (placed, state before)
    for i, row in enumerate(scores):
        forced = anchors.get(i)
        new = [minus] * (n_units + 1) if forced is not None else list(best)
        step = [(False, u) for u in range(n_units + 1)]
        running, running_at = best[start], start  # the best state before passage v
        for v in range(n_units):
            if forced == v or (forced is None and row[v] >= alone):
                gain = 5.0 if forced is not None else row[v]
                value, source = running + gain, running_at
                # sharing a passage with the question before it wants its words said there
                joint = forced is not None or (row[v] >= MIN_PAIR_SCORE and shares[i][v])
                if joint and best[v] + gain - _SHARE_PENALTY > value:
                    value, source = best[v] + gain - _SHARE_PENALTY, v
                if value > minus and (value > new[v] or forced is not None):
                    new[v], step[v] = value, (True, source)
            if best[v] > running:
                running, running_at = best[v], v
        if all(value == minus for value in new):
            return None
        steps.append(step)
        best = new
    state = max(range(n_units + 1), key=lambda k: best[k])
    chosen: dict[int, int] = {}
    for i in range(len(scores) - 1, -1, -1):
        placed, before = steps[i][state]
        if placed:
            chosen[i] = state
        state = before
    return chosen


def _clipped(span: Span, end: int | None) -> Span:
    if end is None or end >= span.end:
        return span
    return Span(start=span.start, end=max(span.start, end))


def _heads_an_answer(text: str, cands: list[Candidate], index: int) -> bool:
    """Is the candidate a heading (or retold question) with an answer of its own under it,
    not a section's title over the next heading?"""
    cand = cands[index]
    if cand.number is not None or cand.question_end is None or not cand.heads:
        return False
    # up to the next heading or numbered line ("Option (c): ..." under a heading is its answer)
    after = (c for c in cands[index + 1 :] if c.question_end is not None or c.number is not None)
    end = next((c.start for c in after), len(text))
    return bool(text[cand.question_end : end].strip())


def find_questions(
    letter: Letter | str, *, only: str | None = None, tables: list[Table] | None = None
) -> QuestionMap:
    """Detect the questionnaire of a letter and locate each of its questions and answers.

    With ``only``, the letter (or a part of one) is known to answer that questionnaire and
    is not tested against the other.
    """
    text = letter.text if isinstance(letter, Letter) else letter
    found_tables = find_tables(text) if tables is None else tables
    cands = _candidates(text, found_tables)
    _MATRICES.clear()
    best: tuple[float, float, str, list[tuple[int, int, float]]] | None = None
    for questionnaire, questions in QUESTIONNAIRES.items():
        if only is not None and questionnaire != only:
            continue
        pairs = _align(questionnaire, questions, cands)
        confidence = _confidence(questionnaire, cands, pairs)
        fit = _fit(questionnaire, questions, cands, pairs)
        if _period_said(text, questionnaire):
            # the year asked is named: a strong sign, where wording is thin (numbers only)
            fit += 0.2
            confidence = max(confidence, min(1.0, 2 * confidence))
            answered = len(pairs) + sum(len(cands[c].joint) for _, c, _ in pairs)
            if answered >= 3:  # a short reply that names the year and answers a few
                confidence = max(confidence, MIN_CONFIDENCE)
        if best is None or fit > best[0]:
            best = (fit, confidence, questionnaire, pairs)
    if best is None:
        return QuestionMap(questionnaire=OTHER, confidence=0.0)
    _, confidence, questionnaire, pairs = best
    if confidence < MIN_CONFIDENCE and only is None:
        return QuestionMap(questionnaire=OTHER, confidence=confidence)
    questions = QUESTIONNAIRES[questionnaire]
    located = _blocks(questionnaire, text, cands, pairs)
    listing: Span | None = None
    if _is_listing(text, located):
        listed_end = located[-1][2].end
        later = [c for c in cands if c.start >= listed_end]
        answer_pairs = _align(questionnaire, questions, later, numbers_only=True)
        if len(answer_pairs) >= max(2, len(pairs) // 2):
            listing = Span(start=located[0][2].start, end=listed_end)
            listed = {q.key: q_span for q, _, q_span, _, _ in located}
            answers = _add_joint(
                questionnaire, _blocks(questionnaire, text, later, answer_pairs, answers_only=True)
            )
            located = _with_parents(
                questionnaire,
                [
                    (q, c, listed.get(q.key, q_span), a_span, score)
                    for q, c, q_span, a_span, score in answers
                ],
                located,
            )
    else:
        full = _MATRICES.get((questionnaire, id(cands))) or _score_matrix(
            questionnaire, questions, cands, False
        )
        repaired = _out_of_order(questions, cands, full, pairs)
        filled = _fill_gaps(text, questions, cands, repaired)
        if filled != pairs:
            located = _blocks(questionnaire, text, cands, filled)
        prose = _by_paragraph(questionnaire, text, found_tables, cands, filled)
        if prose is not None:
            prose_cands, prose_pairs, shared, ends = prose
            located = _blocks(questionnaire, text, prose_cands, prose_pairs)
            by_key = {item[0].key: item for item in located}
            for q_index, lead in shared.items():
                _q, cand, q_span, a_span, _s = by_key[questions[lead].key]
                located.append((questions[q_index], cand, q_span, a_span, ORDER_ONLY))
            index_of = {q.key: i for i, q in enumerate(questions)}
            located = sorted(
                (
                    (q, cand, q_span, _clipped(a_span, ends.get(index_of[q.key])), score)
                    for q, cand, q_span, a_span, score in located
                ),
                key=lambda item: index_of[item[0].key],
            )
        located = _add_joint(questionnaire, located)
    return QuestionMap(
        questionnaire=questionnaire,
        confidence=round(confidence, 3),
        questions=tuple(
            LocatedQuestion(
                key=q.key,
                label=q.label,
                marker=cand.marker,
                question=q_span,
                answer=a_span,
                score=round(min(score, 1.0), 3),
            )
            for q, cand, q_span, a_span, score in located
        ),
        listing=listing,
    )
