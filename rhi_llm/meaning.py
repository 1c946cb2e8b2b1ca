"""What a figure in a letter is about: the field it counts, its base, its year, its column.

The rules extractor and the verifier must read a number the same way: "685 incidents relating
to 73 children" gives 685 to incidents and 73 to children; "of the 1442, 780 had ..." makes 1442
a base, not an answer; "702 | 866" under "2022/23 | 2023/24" puts 866 in the year asked. Those
readings live here, used by both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rhi_llm.core.questionnaires import FIELDS, questionnaire
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import Status
from rhi_llm.core.types import NumberMention, Span, Table, TableCell
from rhi_llm.reading import withheld_status

_CHILDREN = r"\b(?:children|child|young (?:people|persons?)|individuals?|boys?|girls?|lac|cla)\b"
_INCIDENTS = r"\b(?:incidents?|episodes?|occasions?|occurrences?|missing (?:reports?|events?))\b"
_INTERVIEWS = r"\b(?:interviews?|rhis?|offers?|conversations?)\b"
CLASS_WORDS: dict[str, str] = {
    "children": _CHILDREN,
    "incidents": _INCIDENTS,
    "interviews": _INTERVIEWS,
}
"""What each kind of count is called in letters (a field's words default to its class's)."""


def role_cue(field_id: str) -> re.Pattern[str] | None:
    """The words that say a figure is this field's (its definition's ``words``), compiled."""
    spec = FIELDS.get(field_id)
    if spec is None or not spec.numeric:
        return None
    return _compiled_words(spec.words or CLASS_WORDS.get(spec.counts, ""))


def telling_cue(field_id: str) -> re.Pattern[str] | None:
    """The field's words when they tell it apart from fields of its class of count: not
    for one named only by what it counts ("children", "incidents"), since every count of
    children says "children"."""
    cue = role_cue(field_id)
    return None if cue is None or cue.search("children incidents episodes placed") else cue


_NEGATED = re.compile(r"\b(?:not|never|n't|unable to)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def says(cue: re.Pattern[str], text: str) -> bool:
    """Does the text say the cue's words, and not deny them ("60 could not be completed")?"""
    return any(not _NEGATED.search(text[: m.start()]) for m in cue.finditer(text))


@lru_cache(maxsize=256)
def _compiled_words(words: str) -> re.Pattern[str] | None:
    return re.compile(words, re.IGNORECASE) if words else None


# "of interviews offered" in "66.4% of interviews offered were completed": the base stops
# where the verb that says what the percentage counts begins
_BASE_PHRASE = re.compile(
    r"^\s*\(?\s*(?:of|out of)\s+(?:the\s+|all\s+)?((?:(?!\b(?:were|was|are|is|had|have|took|"
    r"received|led|resulted|went|got)\b)(?:[^.;,\n()]|\n(?!\s*\n))){1,80})",
    re.IGNORECASE,
)
_BASE_BEFORE = re.compile(r"(?:\bof(?: the| all)?|\bout of|\bfor the)\s*$", re.IGNORECASE)
# a figure its own sentence says does not answer the question ("... 37 children were discussed
# at the panel; this is a count of children, and it is not an answer to your question 4")
NOT_THE_ANSWER = re.compile(
    r"\bnot (?:an|the) answer to\b|\bdoes not answer\b|\bis not what (?:you|was) asked\b|"
    r"\bnot (?:a|the) figure (?:you|that you) asked for\b",
    re.IGNORECASE,
)
PART_OF = re.compile(r"\d[\d,]*\s+(?:of|out of)\s+(?:the\s+|all\s+)?$", re.IGNORECASE)


def _contexts(text: str, mentions: list[NumberMention], index: int) -> tuple[str, str]:
    """The words before and after a mention, up to its neighbours and its sentence."""
    mention = mentions[index]
    lo = mentions[index - 1].end if index > 0 else 0
    hi = mentions[index + 1].start if index + 1 < len(mentions) else len(text)
    before = text[lo : mention.start]
    after = text[mention.end : hi]
    before = re.split(r"[.!?;\n](?=\s)|\n", before)[-1]
    after = re.split(r"(?<=[.!?;])\s|\n", after)[0]
    return before, after


def role_score(field_id: str, text: str, mentions: list[NumberMention], index: int) -> float:
    """How strongly the words around a number say it is this field's figure."""
    cue = role_cue(field_id)
    if cue is None:
        return 0.0
    before, after = _contexts(text, mentions, index)
    if mentions[index].percent:
        base = _BASE_PHRASE.match(after)
        if base:
            after = after[base.end() :]
    score = 2.0 * says(cue, after[:80]) + 1.0 * says(cue, before[-60:])
    if _BASE_BEFORE.search(before):
        score -= 1.5  # "of the 1442": a base, not the figure itself
    elif (
        index + 1 < len(mentions)
        and re.fullmatch(r"\s*(?:of|out of)\s+(?:the\s+|all\s+)?", after)
        and not mentions[index].percent
    ):
        # "702 of the 1,688 episodes": the part is what the noun after the whole counts
        _, whole_after = _contexts(text, mentions, index + 1)
        score += 2.0 * says(cue, whole_after[:80])
    return score


# the sentence opens with the base: "Of the 2,214 episodes, an interview was offered in 90.1%"
_BASE_OPENS = re.compile(
    r"^\W*(?:of|out of)\s+(?:the\s+|all\s+|these\s+|those\s+)?((?:[^.;,\n%]|[.,](?=\d)){1,80}),",
    re.IGNORECASE,
)
_BASE_FIRST = re.compile(
    r"\b(?:of|out of)\s+(?:the\s+|all\s+)?((?:[^.;,\n%]|[.,](?=\d)){1,80}),\s*$", re.I
)


def sentence_base(reading: LetterReading, mention: NumberMention) -> str | None:
    """What a percentage is of, from its sentence: '... 87.7% of missing incidents' after it,
    or 'Of the 1,102 completed interviews, 83.4% ...' before it."""
    sentence = reading.sentence_at(mention.start)
    after = reading.text[mention.end : sentence.end]
    said = base_class(after)
    if said:
        return said
    lead = reading.text[sentence.start : mention.start]
    before = _BASE_FIRST.search(lead) or _BASE_OPENS.match(lead)
    if before:
        return _phrase_class(before.group(1))
    # a row label that names its unit: "Return interviews offered (% of episodes)   95%"
    line = reading.text[reading.text.rfind("\n", 0, mention.start) + 1 : mention.start]
    label = _LABEL_BASE.search(line)
    return _phrase_class(label.group(1)) if label else None


_LABEL_BASE = re.compile(r"\(\s*(?:%|per ?cent(?:age)?)\s+of\s+([^()\n]{1,60})\)", re.IGNORECASE)


def _phrase_class(phrase: str) -> str | None:
    if re.search(r"cases where|interviews?|rhis?\b|offers?\b", phrase, re.IGNORECASE):
        return "interviews"
    if re.search(_INCIDENTS, phrase, re.IGNORECASE):
        return "incidents"
    if re.search(_CHILDREN, phrase, re.IGNORECASE):
        return "children"
    return None


def base_class(after_percent: str) -> str | None:
    """What a percentage is of, from the words after it: children, incidents or interviews
    (markup closing round the figure aside: "**52.6%** of all missing episodes")."""
    base = _BASE_PHRASE.match(re.sub(r"^[*_]+", "", after_percent))
    return _phrase_class(base.group(1)) if base else None


_NOUN_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(" + _CHILDREN[2:-2] + "|" + _INCIDENTS[2:-2] + r")\b", re.IGNORECASE
)


def class_conflict(field_id: str, after: str) -> str | None:
    """'143 separate episodes' stored as children: the noun right after a count says what it
    counts; a children field fed an incidents count (or the reverse) is a mistake."""
    counts = FIELDS[field_id].counts
    if counts not in ("children", "incidents", "interviews"):
        return None
    noun = _NOUN_AFTER.match(after[:60])
    if not noun:
        return None
    said = "incidents" if re.fullmatch(_INCIDENTS, noun.group(1), re.IGNORECASE) else "children"
    if counts == "interviews":
        # interviews may be counted per child ("offered to 412 children"), but children who
        # went missing, or were placed, are not interviews
        rest = after[noun.end() : noun.end() + 40]
        return said if _NOT_INTERVIEWS.match(rest) else None
    return said if said != counts else None


_NOT_INTERVIEWS = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:went|go|gone|going|were reported|reported)\s+missing\b|"
    r"\s*(?:\w+\s+){0,2}?(?:were |are )?(?:placed|looked after|in care)\b",
    re.IGNORECASE,
)


YEAR_TOKEN = re.compile(r"\b(20\d{2})\s*(?:/|-|–|to)\s*(?:20)?(\d{2})\b")


def year_label(match: re.Match[str]) -> str:
    return f"{match.group(1)}/{match.group(2)}"


_EARLIER = re.compile(
    r"[^.;]{0,40}?\b(?:in |for |during )?(?:the )?(?:previous|prior|preceding|last) "
    r"(?:year|period)\b|[^.;]{0,40}?\bthe year before\b|[^.;]{0,40}?\ba year earlier\b",
    re.IGNORECASE,
)


_ROSE_FROM = re.compile(
    r"\b(?:rose|fell|increased|decreased|grew|dropped|went (?:up|down)|up|down|changed)\s+from\s*$",
    re.IGNORECASE,
)


def other_year(reading: LetterReading, mention: NumberMention) -> str | None:
    """The year a figure is given for, when that is not the year the questionnaire asks.

    Read from the figure's table column ("Measure | 2022/23 | 2023/24") or from its own clause
    ("702 children were looked after in 2022/23, and 688 in 2023/24").
    """
    if reading.spec is None:
        return None
    asked = reading.spec.period.label
    text = reading.text
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    sentence = reading.sentence_at(mention.start)
    if line_end < sentence.end and not reading.cell_at(mention.start):
        line_end = sentence.end  # a sentence wrapped onto the next line: "326\nchildren in 2022/23"
    clause = re.split(
        r"[,;.](?:\s|$)|\band\b|\bwhile\b", text[mention.end : line_end].replace("\n", " ")
    )[0][:90]
    before = text[max(line_start, mention.start - 25) : mention.start]
    near = (
        re.search(r"\b(?:in|for|during)\s+\(?" + YEAR_TOKEN.pattern, clause)
        # "468 (2022/23)", but not "1,588 (2016/17: 1,377)", the other year's own figure
        or re.match(r"\s*\(" + YEAR_TOKEN.pattern + r"(?!\s*[:=–-]\s*[\d£])", clause)
        or re.search(r"(?:in|for|during)\s+" + YEAR_TOKEN.pattern + r"[\s,:)]*$", before)
        # "(2022/23: 468)", "2022/23 - 468"
        or re.search(r"(?:^|[\s(\[])" + YEAR_TOKEN.pattern + r"\s*[:=–-]\s*$", before)
    )
    if near is None:
        near = _labelled_run(text[line_start : mention.start])
    if near:
        year = year_label(near)
        return year if year != asked else None
    if _EARLIER.match(clause):
        return "an earlier year"
    if _ROSE_FROM.search(before) and re.match(r"\s*to\s+\d", text[mention.end : mention.end + 12]):
        return "an earlier year"  # "completed interviews rose from 688 to 815"
    one = _sentence_of_one_year(
        text[sentence.start : mention.start], reading.letter.excerpt(sentence)
    )
    if one is not None and year_label(one) != asked:
        return year_label(one)
    header = column_header(reading, mention)
    if header and (year_match := YEAR_TOKEN.search(header)):
        years = {year_label(m) for m in YEAR_TOKEN.finditer(header)}
        year = year_label(year_match)
        return year if asked not in years and len(years) == 1 else None
    return None


def _sentence_of_one_year(before: str, whole: str) -> re.Match[str] | None:
    """The year a sentence is about when it names one year only, before the figure, as its
    subject ("The comparable figures for 2022/23 were 79 children and 571 episodes.")."""
    named = list(YEAR_TOKEN.finditer(whole))
    if not named or len({year_label(m) for m in named}) != 1:
        return None
    first = YEAR_TOKEN.search(before)
    if first is None:
        return None
    lead = before[max(0, first.start() - 12) : first.start()]
    if not re.search(r"\b(?:for|in|during|of)\s+$", lead, re.IGNORECASE):
        return None
    return first


def _labelled_run(before: str) -> re.Match[str] | None:
    """The year label whose run a figure is in, on a line of runs ("2022/23: 1,488 completed,
    587 declined / 2023/24: 1,602 completed"): the last "YEAR:" before it, with no run
    separator (" / ", "|", ";", a sentence end) between."""
    labels = list(_YEAR_LABEL.finditer(before))
    if not labels:
        return None
    last = labels[-1]
    if _RUN_END.search(before[last.end() :]):
        return None
    return last


def breakdown_whole(reading: LetterReading, mention: NumberMention) -> NumberMention | None:
    """The figure a count is one part of, when the counts right after that figure add up to it
    ("131 interviews. In 84 the concern was criminal exploitation and in 47 sexual"): 84 and
    47 break 131 down, so each is a part, not the whole the question asks for."""
    if mention.percent or not mention.is_figure:
        return None
    text = reading.text
    placed = reading.cell_at(mention.start)
    if placed is not None:
        # within its own cell only: a table's figures add up by rows and columns
        paragraph = Span(start=placed[1].start, end=placed[1].end)
    else:
        start = text.rfind("\n\n", 0, mention.start) + 1
        end = text.find("\n\n", mention.end)
        paragraph = Span(start=start, end=len(text) if end < 0 else end)
    counts = [
        m
        for m in reading.numbers_in(paragraph)
        if m.is_figure and not m.percent and not _IS_YEAR.match(m.text)
    ]
    at = next((i for i, m in enumerate(counts) if m.start == mention.start), None)
    if at is None:
        return None
    for whole_at in range(max(0, at - 4), at):
        whole = counts[whole_at]
        if whole.value <= mention.value or mention.start - whole.end > 400:
            continue
        for last in range(max(at, whole_at + 2), min(len(counts), whole_at + 5)):
            parts = counts[whole_at + 1 : last + 1]
            if sum(p.value for p in parts) == whole.value:
                return whole
    return None


_IS_YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEAR_LABEL = re.compile(YEAR_TOKEN.pattern + r"\s*[:=–-]\s")  # "2022/23: ..." opening a run
# a count that opens its sentence (or clause) as the base of what follows: "Of the 2,214
# episodes, an interview was offered in 90.1%"
BASE_LEAD = re.compile(r"(?:^|[.;:]\s+)\W*(?:of|out of) (?:the |these |those |all )?$", re.I)
_RUN_END = re.compile(r"\s/\s|\||;|[.](?:\s|$)")


def without_other_years(reading: LetterReading, span: Span) -> str:
    """A passage's text with the runs labelled with another year blanked out ("2022/23: not
    held, as ... / 2023/24: 1,133" reads as " / 2023/24: 1,133"), so that what another
    year's run says (not held, a refusal) is not said of the year asked."""
    text = reading.letter.excerpt(span)
    if reading.spec is None:
        return text
    asked = reading.spec.period.label
    labels = list(_YEAR_LABEL.finditer(text))
    for index, label in enumerate(labels):
        if year_label(label) == asked:
            continue
        stop = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        ended = _RUN_END.search(text, label.end(), stop)
        end = ended.start() if ended else stop
        text = text[: label.start()] + " " * (end - label.start()) + text[end:]
    return text


_ON_A_DAY = re.compile(
    r"\b(?:on|as (?:at|of)|at)\s+(?:the\s+(?:night|end)\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b(?:\s+20\d{2})?|\b(?:on|as at)\s+\d{1,2}/\d{1,2}/(?:20)?\d{2}\b|"
    r"\bsnapshot\b|\bat (?:the )?year[- ]end\b|\bon the last day\b|\bat any one time\b|"
    r"\bat \d{1,2}/\d{1,2}/(?:20)?\d{2}\b|\bat (?:\d{1,2}(?:st|th)? )?(?:31 )?march 20\d\d\b",
    re.IGNORECASE,
)


def counted_on_a_day(reading: LetterReading, mention: NumberMention) -> str | None:
    """The day a count is taken on ("431 children in care on 31 March 2024"), when its own
    clause says so: a count on one day is not a count over the period asked."""
    found = _ON_A_DAY.search(_own_clause(reading, mention))
    return " ".join(found.group(0).split()) if found else None


# children coming into or leaving care in the year: no question asks for them
_INTO_OR_OUT_OF_CARE = re.compile(
    r"\b(?:ceased|stopped) to be looked[ -]after\b|\bleft (?:our )?care\b|\bcame into care\b|"
    r"\bentered care\b|\b(?:started|began) to be looked[ -]after\b|\bbecame looked[ -]after\b|"
    r"\bnew (?:in)?to care\b|\bcare leavers?\b",
    re.IGNORECASE,
)


def counted_into_or_out_of_care(reading: LetterReading, mention: NumberMention) -> str | None:
    """What a count of children coming into or leaving care says ("236 children ceased to be
    looked after in the year"), when its own clause says so: not the children looked after."""
    found = _INTO_OR_OUT_OF_CARE.search(_own_clause(reading, mention))
    return " ".join(found.group(0).split()) if found else None


def _own_clause(reading: LetterReading, mention: NumberMention) -> str:
    """The figure's own clause of its sentence, between its neighbouring figures."""
    sentence = reading.sentence_at(mention.start)
    inside = [m for m in reading.numbers_in(sentence) if m.is_figure]
    lo = max([m.end for m in inside if m.end <= mention.start], default=sentence.start)
    hi = min([m.start for m in inside if m.start >= mention.end], default=sentence.end)
    window = reading.text[max(lo, sentence.start) : min(hi, sentence.end)]
    # only the figure's own clause: "733 children; on 31 March 2024 we looked after 521"
    at = mention.start - max(lo, sentence.start)
    cut = [m.end() for m in re.finditer(r"[;:]|,\s+(?:and|but|while|whereas)\b", window[:at])]
    after = re.search(r"[;:]|,\s+(?:and|but|while|whereas)\b", window[at:])
    return window[max(cut, default=0) : at + after.start() if after else len(window)]


_CELL = re.compile(r"(?:\d[\d,]*(?:\.\d+)?%?|n/?a|nil|-|–)", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s|]+")
_COLUMN = re.compile(
    r"\b20\d{2}\s*(?:/|-|–)\s*(?:20)?\d{2}\b|\b(?:children|episodes|incidents|"
    r"young people|interviews)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TableRow:
    """A line read as a table row: a label, then two or more cells of figures."""

    label: str
    cells: tuple[int, ...]  # start offsets of the cells, in the text


def table_row(text: str, start: int, end: int) -> TableRow | None:
    """The line text[start:end] as a table row ('Went missing | 27 | 118'), or None."""
    tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]
    cells: list[int] = []
    for offset, token in reversed(tokens):
        if not _CELL.fullmatch(token):
            break
        cells.append(offset)
    if len(cells) < 2 or len(cells) == len(tokens):
        return None
    label = text[start : cells[-1]].strip(" \t|")
    if not re.search(r"[A-Za-z]", label):
        return None
    return TableRow(label=label, cells=tuple(reversed(cells)))


def _row_of(text: str, offset: int) -> tuple[TableRow | None, int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    return table_row(text, line_start, line_end), line_start, line_end


def row_label(reading: LetterReading, mention: NumberMention) -> str | None:
    """The label of the table row a figure stands in ('Went missing while placed out')."""
    placed = reading.cell_at(mention.start)
    if placed is not None:
        table, cell = placed
        if cell.row != table.header_row and cell.column > 0:
            return table.row_label(cell) or None
    row, _, _ = _row_of(reading.text, mention.start)
    return row.label if row is not None and mention.start in row.cells else None


def column_header(reading: LetterReading, mention: NumberMention) -> str | None:
    """The column heading above a figure in a table, if it is in one."""
    placed = reading.cell_at(mention.start)
    if placed is not None:
        table, cell = placed
        return table.column_header(cell) or None
    return _column_header(reading.text, mention.start)


_PART_OF_YEAR = re.compile(
    r"\bQ[1-4]\b|\bquarter\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\s*(?:[-–]|to)\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\bH[12]\b|\b(?:first|second) half\b",
    re.IGNORECASE,
)
_WHOLE = re.compile(r"\btotal\b|\bwhole\b|\bfull[- ]year\b|\byear\b|\bannual\b", re.IGNORECASE)


_CELL_MARKER = re.compile(
    r"^(?:[A-Z]{2,4}\s+)?(?:Q(?:uestions?)?\s*)?\d{1,2}[a-h]?(?:\s*\((?:i{1,3}|iv|v)\))?[.):]?$",
    re.IGNORECASE,
)


def row_marker(reading: LetterReading, mention: NumberMention) -> bool:
    """Is the number the question number heading a table row ("7 | Return interviews
    declined | 84"), not a figure?"""
    placed = reading.cell_at(mention.start)
    if placed is None:
        return False
    table, cell = placed
    if cell.column != 0 or cell.row == table.header_row:
        return False
    return len(table.row_cells(cell.row)) > 1 and bool(_CELL_MARKER.match(cell.text))


def figures_in_cell(reading: LetterReading, mention: NumberMention) -> int | None:
    """How many figures share the table cell a figure stands in (None outside a table):
    a figure alone in its cell is named by its row and heading; a cell that says "17
    children; 84 incidents; 61 RHIs completed" is read by its words."""
    placed = reading.cell_at(mention.start)
    if placed is None:
        return None
    _, cell = placed
    inside = reading.numbers_in(Span(start=cell.start, end=cell.end))
    return sum(1 for m in inside if m.is_figure)


def year_of_column(reading: LetterReading, offset: int) -> str | None:
    """The year a table cell's column is headed with, when it is not the year asked."""
    placed = reading.cell_at(offset)
    if placed is None or reading.spec is None:
        return None
    table, cell = placed
    header = table.column_header(cell)
    years = {year_label(m) for m in YEAR_TOKEN.finditer(header)}
    if len(years) == 1 and reading.spec.period.label not in years:
        return years.pop()
    return None


def part_of_period(reading: LetterReading, mention: NumberMention) -> str | None:
    """The quarter (or month range) a table figure is for, when its row or column names one
    and the table gives the whole year too: one quarter's figure is not the year's."""
    placed = reading.cell_at(mention.start)
    if placed is None:
        return _quarter_in_prose(reading, mention)
    table, cell = placed
    row = table.row_label(cell)
    first = next((c for c in table.row_cells(cell.row) if c.column == 0), None)
    if first is not None and _CELL_MARKER.match(first.text) and not _quarter_rows(table, first):
        row = row[len(first.text) :]  # "Q1 Children reported missing": Q1 is a question
    for label in (table.column_header(cell), row):
        part = _PART_OF_YEAR.search(label or "")
        if part and not _WHOLE.search(label or ""):
            return " ".join(label.split())
    return None


# "171 in the first quarter, 190 in the second, ... making 690 for the year"
_QUARTER_CLAUSE = re.compile(
    r"\bin (?:the )?(?:first|second|third|fourth|final|last)\b(?: quarter)?|\bin Q[1-4]\b",
    re.IGNORECASE,
)
_YEAR_TOTAL = re.compile(r"\bfor the (?:whole )?year\b|\bin total\b|\btotal\b|\bmaking\b", re.I)


def _quarter_in_prose(reading: LetterReading, mention: NumberMention) -> str | None:
    """The quarter a figure in a sentence is for, when the sentence names quarters and gives
    the year's total too."""
    sentence = reading.letter.excerpt(reading.sentence_at(mention.start))
    if not re.search(r"\bquarters?\b|\bQ[1-4]\b", sentence) or not _YEAR_TOTAL.search(sentence):
        return None
    after = re.split(r"[,;.]|\band\b", reading.text[mention.end : mention.end + 60], maxsplit=1)
    found = _QUARTER_CLAUSE.match(after[0].strip())
    return " ".join(found.group(0).split()) if found else None


def _quarter_rows(table: Table, first: TableCell) -> bool:
    """Rows headed "Q1" to "Q4" alone, with a "Total" row: quarters, not question numbers."""
    if not re.fullmatch(r"\s*Q[1-4]\s*", first.text, re.IGNORECASE):
        return False
    heads = [c.text for c in table.cells if c.column == 0]
    return any(_WHOLE.search(h) for h in heads)


@lru_cache(maxsize=8192)
def _column_header(text: str, start: int) -> str | None:
    row, line_start, _ = _row_of(text, start)
    if row is None or start not in row.cells:
        return None
    from_right = len(row.cells) - row.cells.index(start)
    above_end = line_start - 1
    for _ in range(12):
        if above_end <= 0:
            return None
        above_start = text.rfind("\n", 0, above_end) + 1
        line = text[above_start:above_end]
        if line.strip() and table_row(text, above_start, above_end) is None:
            columns = [m.group(0) for m in _COLUMN.finditer(line)]
            if len(columns) >= 2 and from_right <= len(columns):
                return columns[len(columns) - from_right]
            return None
        above_end = above_start - 1
    return None


COST_WORDS = re.compile(
    r"\bappropriate limit\b|\bcost limit\b|\bsection 12\b|£\s?\d|\bper hour\b"
    r"|\b\d+\s*(?:minutes|hours)\b",
    re.IGNORECASE,
)


def withheld_sentence_about(
    reading: LetterReading, field_id: str, block: Span, figure_at: NumberMention
) -> tuple[Status, str] | None:
    """A sentence of the block, other than the figure's own, that withholds *this* field.

    A block shared by several fields (out-of-area 5b: children, incidents, interviews) may
    withhold one of them; that sentence only counts against the field it talks about.
    """
    sharing = [f for f in fields_sharing(reading, block) if f != field_id]
    for sentence in reading.sentences_in(block):
        text = reading.letter.excerpt(sentence)
        if sentence.start <= figure_at.start < sentence.end:
            # "... fewer than five and is withheld ...; those children went missing on 9
            # occasions": the clauses before the figure's own
            text = withheld_before_a_semicolon(text, figure_at.start - sentence.start) or ""
        said = withheld_status(text)
        if said is None:
            continue
        about_other = any((cue := role_cue(f)) and cue.search(text) for f in sharing)
        own_cue = role_cue(field_id)
        about_this = own_cue is not None and own_cue.search(text)
        if sharing and about_other and not about_this:
            continue
        return said, text
    return None


def withheld_before_a_semicolon(text: str, at: int) -> str | None:
    """The clauses before a figure at ``at`` in a sentence, when they withhold something and
    the figure's own clause, after a semicolon, does not ("the number of children was fewer
    than five and is withheld under section 40(2) ...; those children went missing on 9
    occasions in total"); None otherwise."""
    cut = text.rfind(";", 0, at)
    if cut < 0:
        return None
    end = text.find(";", at)
    if withheld_status(text[cut + 1 : end if end >= 0 else len(text)]) is not None:
        return None
    return text[:cut] if withheld_status(text[:cut]) is not None else None


def fields_sharing(reading: LetterReading, block: Span) -> list[str]:
    """Fields whose questions' answer blocks overlap a block."""
    return reading.fields_overlapping(block)


def percent_bases(questionnaire_id: str) -> dict[str, set[str]]:
    """For each field of a questionnaire, the fields it is at most (transitively, from the
    questionnaire's ``at_most``), and the bases ``also_of`` adds: what it can be a share of."""
    spec = questionnaire(questionnaire_id)
    if spec is None:
        return {}
    return _percent_bases(spec.id, spec.hash)


@lru_cache(maxsize=64)
def _percent_bases(questionnaire_id: str, _hash: str) -> dict[str, set[str]]:
    spec = questionnaire(questionnaire_id)
    assert spec is not None
    above: dict[str, set[str]] = {}
    for small, large in spec.at_most:
        above.setdefault(small, set()).add(large)
    changed = True
    while changed:
        changed = False
        for small, larger in above.items():
            extra = set().union(*(above.get(x, set()) for x in larger)) - larger - {small}
            if extra:
                larger |= extra
                changed = True
    for field_id, base_id in spec.also_of:
        above.setdefault(field_id, set()).add(base_id)
    return above


def plausible_base(field_id: str, base_id: str, questionnaire_id: str) -> bool:
    """Can this field be a percentage of that one? Only of a field it is part of: declined
    interviews are a share of offers or incidents, never of completed interviews."""
    if FIELDS[field_id].counts == "children" and FIELDS[base_id].counts != "children":
        return False
    return base_id in percent_bases(questionnaire_id).get(field_id, set())


def clear_caches() -> None:
    _column_header.cache_clear()


# "Of all the interviews carried out in 2017/18, 402 ...", "Of the 1,402 completed in
# 2017/18, 1,036 took place within ...": the sentence opens with the whole a figure is part of
_NAMED_WHOLE = re.compile(
    r"^\W*(?:of|out of)\s+(?P<whole>(?:all\s+)?(?:the\s+|these\s+|those\s+)?"
    r"(?:[^,;.\n]|(?<=\d)[,.](?=\d)|\n(?!\s*\n))+?),\s*$",
    re.IGNORECASE,
)


def part_of_named_whole(
    reading: LetterReading, field_id: str, mention: NumberMention
) -> str | None:
    """The whole a count's sentence opens with, when the whole is this field's ("Of all the
    interviews carried out, 402 took place within 72 hours": 402 is not the number carried
    out); None otherwise. A field named by a class of count ("children") is left alone: the
    parts of a whole of children are children too."""
    if mention.percent:
        return None
    sentence = reading.sentence_at(mention.start)
    lead = _NAMED_WHOLE.match(reading.text[sentence.start : mention.start])
    cue = telling_cue(field_id)
    if lead is None or cue is None:
        return None
    whole = " ".join(lead.group("whole").split())
    return whole if says(cue, whole) else None
