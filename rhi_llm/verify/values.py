"""Reading a figure back out of its quote: the right number, unit, base, year and column."""

from __future__ import annotations

import re
from dataclasses import replace

from rhi_llm.core.questionnaires import FIELDS, fields_for, questionnaire, questions_for_field
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import Figure, SurveyResponse, Unit
from rhi_llm.core.types import Check, CheckCode, NumberMention, Span
from rhi_llm.meaning import (
    BASE_LEAD,
    CLASS_WORDS,
    NOT_THE_ANSWER,
    PART_OF,
    YEAR_TOKEN,
    base_class,
    breakdown_whole,
    class_conflict,
    column_header,
    counted_into_or_out_of_care,
    counted_on_a_day,
    figures_in_cell,
    other_year,
    part_of_named_whole,
    part_of_period,
    role_cue,
    role_score,
    row_label,
    row_marker,
    says,
    sentence_base,
    telling_cue,
)
from rhi_llm.numbers import find_numbers, format_number, same_number
from rhi_llm.verify.reports import FieldReport
from rhi_llm.wording import question_similarities


def _quoted_mentions(
    reading: LetterReading, span: Span | None, quote: str
) -> tuple[str, list[NumberMention], list[NumberMention]]:
    """The quoted words and the numbers in them, relative to the quote.

    With a span, the numbers come from the whole letter, so a quote that starts inside a number
    ("214" of "1,214") reads the number the letter really gives.
    """
    if span is None:
        return quote, list(find_numbers(quote)), []
    text = reading.letter.excerpt(span)
    absolute = [m for m in reading.numbers if m.end > span.start and m.start < span.end]
    local = [
        replace(m, start=max(0, m.start - span.start), end=min(len(text), m.end - span.start))
        for m in absolute
    ]
    return text, local, absolute


def kind_phrase(kind: str) -> str:
    """'an address', 'a date', 'a statute reference': what a non-figure number is."""
    names = {
        "statute": "statute reference",
        "reference": "reference number",
        "duration": "duration or time limit",
        "money": "sum of money",
        "marker": "question number",
        "time": "clock time",
    }
    name = names.get(kind, kind)
    return ("an " if name[0] in "aeiou" else "a ") + name


def _fail(message: str) -> Check:
    return Check(code=CheckCode.VALUE_IN_QUOTE, passed=False, message=message)


def check_value(
    reading: LetterReading, field_id: str, figure: Figure, span: Span | None, quote: str
) -> Check:
    value = figure.value
    assert value is not None
    text, mentions, absolute = _quoted_mentions(reading, span, quote)
    figures = [m for m in mentions if m.is_figure]
    want_percent = figure.unit == Unit.PERCENT
    shown = format_number(value) + ("%" if want_percent else "")
    equal = [m for m in mentions if same_number(m.value, value)]
    if not equal:
        listed = ", ".join(m.text for m in figures) or "no figure"
        return _fail(f"{shown} is not in the quoted words (they give {listed})")
    usable = [m for m in equal if m.is_figure]
    if not usable:
        return _fail(f"{equal[0].text} in the quote is {kind_phrase(equal[0].kind)}, not a figure")
    right_unit = [m for m in usable if m.percent == want_percent]
    if not right_unit:
        said = "a percentage" if usable[0].percent else "a count"
        stored = "percent" if want_percent else "count"
        return _fail(f"the letter gives {usable[0].text} as {said}, stored as {stored}")
    if len(figures) > 1:
        scores = [role_score(field_id, text, figures, i) for i in range(len(figures))]
        best = max(scores)
        chosen = [i for i, m in enumerate(figures) if m in right_unit]
        if best > 0 and all(scores[i] < best for i in chosen):
            other = figures[scores.index(best)]
            return _fail(
                f"the quote gives {other.text} for {FIELDS[field_id].label}; "
                f"{shown} is another figure in the same words"
            )
    mention = right_unit[0]
    if not mention.percent:
        conflict = class_conflict(field_id, text[mention.end :])
        if conflict:
            return _fail(
                f"{mention.text} counts {conflict}, but "
                f"{FIELDS[field_id].label} counts {FIELDS[field_id].counts}"
            )
    if want_percent and figure.of is not None:
        said_of = base_class(text[mention.end :])
        if said_of is None and absolute:
            said_of = sentence_base(reading, absolute[mentions.index(mention)])
        wanted = FIELDS[figure.of].counts if figure.of in FIELDS else ""
        if said_of and wanted and said_of != wanted:
            return _fail(
                f"the letter's {mention.text} is of {said_of}, but it is stored "
                f"as a percentage of {figure.of} ({wanted})"
            )
    if absolute:
        misplaced = _placement_problem(reading, field_id, absolute[mentions.index(mention)])
        if misplaced:
            return _fail(misplaced)
    return Check(
        code=CheckCode.VALUE_IN_QUOTE, passed=True, message=f"{shown} is read back from the quote"
    )


def _placement_problem(reading: LetterReading, field_id: str, placed: NumberMention) -> str | None:
    """Why a figure's place says it is not this field's: another year's figure, or a table
    column that counts something else."""
    year = other_year(reading, placed)
    if year:
        return f"{placed.text} is the figure for {year}, not for the period asked"
    day = counted_on_a_day(reading, placed)
    if day:
        return f"{placed.text} is a count taken {day}, not a count over the period asked"
    flow = counted_into_or_out_of_care(reading, placed)
    if flow:
        return f"{placed.text} counts children who {flow}, which no question asks for"
    before = reading.text[max(0, placed.start - 30) : placed.start]
    if PART_OF.search(before) and not placed.percent:
        return (
            f"{placed.text} is the whole that the figure before it is a part of "
            f"('{' '.join(before.split())} {placed.text}')"
        )
    base = _base_of_a_share(reading, placed) or _part_of_a_named_whole(reading, field_id, placed)
    if base:
        return base
    if NOT_THE_ANSWER.search(reading.letter.excerpt(reading.sentence_at(placed.start))):
        return f"the sentence that gives {placed.text} says it is not the answer to the question"
    unsure = _unsure_and_unsaid(reading, field_id, placed)
    if unsure:
        return unsure
    other_span = _other_time_span(reading, field_id, placed)
    if other_span:
        return other_span
    if row_marker(reading, placed):
        return f"{placed.text} is the question number heading its table row, not a figure"
    part = part_of_period(reading, placed)
    if part:
        return f"{placed.text} is the figure for part of the period ({part}), not the whole of it"
    label = row_label(reading, placed) if figures_in_cell(reading, placed) == 1 else None
    if label and FIELDS[field_id].counts in ("children", "incidents"):
        conflict = _label_counts(field_id, label)
        if conflict:
            return (
                f"{placed.text} is in the row '{_short_label(label)}', which counts {conflict}, "
                f"but {FIELDS[field_id].label} counts {FIELDS[field_id].counts}"
            )
    shared = _said_of_other(reading, field_id, placed) or _row_reads_as_other(
        reading, field_id, placed
    )
    if shared:
        return shared
    header = column_header(reading, placed)
    if header and not YEAR_TOKEN.fullmatch(header):
        other_column = _column_of_another(reading, field_id, placed.text, header)
        if other_column:
            return other_column
        conflict = class_conflict(field_id, header)
        if conflict:
            return (
                f"{placed.text} is in the '{header}' column, but "
                f"{FIELDS[field_id].label} counts {FIELDS[field_id].counts}"
            )
    return None


_TIME_SPAN = re.compile(
    r"\bwithin\s+(?:\w+|\d+)\s+(?:working\s+|calendar\s+|clear\s+)?(?:hours?|days?|weeks?)\b",
    re.IGNORECASE,
)


def _other_time_span(reading: LetterReading, field_id: str, placed: NumberMention) -> str | None:
    """A count 'within' a span of time its field's words do not name ("804 took place within
    five working days", for interviews within 72 hours): a count of something else."""
    cue = role_cue(field_id)
    if cue is None:
        return None
    sentence = reading.sentence_at(placed.start)
    clause = reading.text[placed.end : sentence.end]
    span = _TIME_SPAN.search(clause)
    if span is None or cue.search(span.group(0)) or not cue.search("within 72 hours"):
        return None  # (only for a field that counts within a span of time)
    return (
        f"{placed.text} counts {' '.join(span.group(0).split())}, not what "
        f"{FIELDS[field_id].label} counts"
    )


def _unsure_and_unsaid(reading: LetterReading, field_id: str, placed: NumberMention) -> str | None:
    """A figure under a question placed by order alone must say in its own words (its
    sentence, or its table row and column) that it is this field's."""
    located = reading.questions_of(field_id)
    if not located or not all(q.by_order_only for q in located):
        return None
    cue = role_cue(field_id)
    own = reading.letter.excerpt(reading.sentence_at(placed.start))
    label = " ".join(filter(None, (row_label(reading, placed), column_header(reading, placed))))
    if cue is not None and (says(cue, own) or (label and says(cue, label))):
        return None
    asked = ", ".join(q.label for q in located)
    return (
        f"question {asked} was placed by its order alone (its heading does not use the "
        f"question's words), and nothing around {placed.text} says it is "
        f"{FIELDS[field_id].label}"
    )


def _base_of_a_share(reading: LetterReading, placed: NumberMention) -> str | None:
    """A count that opens its sentence as the base of a share given after it ("Of the 2,214
    episodes, an interview was offered in 90.1%"): the answer is the share, not the base."""
    if placed.percent:
        return None
    sentence = reading.sentence_at(placed.start)
    if not BASE_LEAD.match(reading.text[sentence.start : placed.start]):
        return None
    later = [m for m in reading.numbers_in(sentence) if m.start > placed.end and m.is_figure]
    share = next((m for m in later if m.percent), None)
    if share is None:
        return None
    return f"{placed.text} is the base that {share.text} after it is a share of, not the answer"


def _short_label(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= 60 else label[:57] + "..."


def _label_counts(field_id: str, label: str) -> str | None:
    """What a table row's label says its figures count, when that is another kind than the
    field's: "Missing incidents for our placed children" counts incidents."""
    counts = FIELDS[field_id].counts
    incidents = re.search(CLASS_WORDS["incidents"], label, re.IGNORECASE)
    children = re.search(CLASS_WORDS["children"], label, re.IGNORECASE)
    # the first kind the label names is what it counts: "Individual children those
    # incidents relate to" counts children
    first = (
        min(
            (m.start(), kind) for m, kind in ((incidents, "incidents"), (children, "children")) if m
        )
        if (incidents or children)
        else None
    )
    return first[1] if first is not None and first[1] != counts else None


def _part_of_a_named_whole(
    reading: LetterReading, field_id: str, placed: NumberMention
) -> str | None:
    whole = part_of_named_whole(reading, field_id, placed)
    return f"{placed.text} is a part of '{whole}', not the number of them" if whole else None


def _said_of_other(reading: LetterReading, field_id: str, placed: NumberMention) -> str | None:
    """A figure whose own words name another field of the same answer, and not this one:
    "in 112 episodes the offer was declined" stored as offers accepted."""
    own = role_cue(field_id)
    block = next(
        (b for b in reading.answer_blocks(field_id) if b.start <= placed.start < b.end), None
    )
    if own is None or block is None:
        return None
    sentence = reading.sentence_at(placed.start)
    inside = [m for m in reading.numbers_in(sentence) if m.is_figure]
    lo = max([m.end for m in inside if m.end <= placed.start], default=sentence.start)
    hi = min([m.start for m in inside if m.start >= placed.end], default=sentence.end)
    clause = reading.text[max(lo, sentence.start) : min(hi, sentence.end)]
    if says(own, clause):
        return None
    # "7. 431 (a further 122 offers were declined)": the field's words name another figure
    telling = telling_cue(field_id) is not None
    for index, rival in enumerate(inside if telling else []):
        if rival.start == placed.start:
            continue
        local = reading.text[sentence.start : sentence.end]
        relative = [
            replace(m, start=m.start - sentence.start, end=m.end - sentence.start) for m in inside
        ]
        if rival.percent == placed.percent and role_score(field_id, local, relative, index) >= 2:
            return (
                f"the letter gives {rival.text} for {FIELDS[field_id].label} in the same "
                f"sentence; {placed.text} is another figure"
            )
    for other in reading.fields_overlapping(block):
        cue = telling_cue(other)  # a field named by a class of count only: not telling
        if other == field_id or cue is None or cue.pattern == own.pattern:
            continue
        if FIELDS[other].counts == FIELDS[field_id].counts and says(cue, clause):
            return (
                f"the words around {placed.text} say it is {FIELDS[other].label}, "
                f"not {FIELDS[field_id].label}"
            )
    return None


_QUESTION_IN_HEADER = re.compile(
    r"\(\s*(?:q(?:uestion)?\.?\s*)?(\d{1,2}[a-d]?)\s*\)|\bq(?:uestion)?\.?\s*(\d{1,2}[a-d]?)\b",
    re.IGNORECASE,
)


def _column_of_another(
    reading: LetterReading, field_id: str, figure: str, header: str
) -> str | None:
    """A figure in a column headed for another question ("Within 72 hours (6b)" for the
    interviews carried out, 6a), or headed with another field's own words and not this
    field's ("Within 72 hours" for interviews completed)."""
    own_labels = {q.label.lower() for q in questions_for_field(reading.questionnaire, field_id)}
    named = [(m.group(1) or m.group(2)).lower() for m in _QUESTION_IN_HEADER.finditer(header)]
    if named and own_labels and not own_labels & set(named):
        return f"{figure} is in the column '{header}', headed for question {named[0]}"
    own = role_cue(field_id)
    if own is None or says(own, header):
        return None
    for other in fields_for(reading.questionnaire):
        cue = telling_cue(other)  # a field named by a class of count only: not telling
        if other == field_id or cue is None or not FIELDS[other].numeric:
            continue
        if FIELDS[other].counts == FIELDS[field_id].counts and says(cue, header):
            return (
                f"{figure} is in the column '{header}', which gives {FIELDS[other].label}, "
                f"not {FIELDS[field_id].label}"
            )
    return None


def _row_reads_as_other(reading: LetterReading, field_id: str, placed: NumberMention) -> str | None:
    """A table figure whose row label reads as another question of the questionnaire, clearly
    more than as this field's ("Went missing while placed out of area | 27" stored as
    children placed out of area)."""
    placed_in = reading.cell_at(placed.start)
    if placed_in is None or reading.spec is None or figures_in_cell(reading, placed) != 1:
        return None
    table, cell = placed_in
    label = " ".join(part for part in (table.row_label(cell), table.column_header(cell)) if part)
    scores = question_similarities(reading.questionnaire, label)
    own = [q.key for q in reading.spec.by_field.get(field_id, ())]
    if not own or not scores:
        return None
    own_best = max(scores.get(key, 0.0) for key in own)
    other_key, other_best = max(scores.items(), key=lambda item: item[1])
    if other_key in own or other_best < own_best + 0.2 or other_best < 0.5:
        return None
    question = reading.spec.question(other_key)
    return (
        f"{placed.text} is in the row '{_short_label(label)}', which reads as question "
        f"{question.label} ({', '.join(FIELDS[f].label for f in question.fields)}), not as "
        f"{FIELDS[field_id].label}"
    )


def parts_without_whole(
    reading: LetterReading, response: SurveyResponse, reports: dict[str, FieldReport]
) -> dict[str, list[Check]]:
    """A count that is one part of a breakdown ("131 interviews. In 84 ... and in 47 ...")
    when no field holds the whole: the question asked for the whole, not one of its parts."""
    placed: dict[str, NumberMention] = {}
    for field_id, answer in response.answers.items():
        report = reports.get(field_id)
        if not isinstance(answer, Figure) or answer.value is None or report is None:
            continue
        if answer.unit != Unit.COUNT or report.span is None:
            continue
        mention = next(
            (m for m in reading.numbers_in(report.span) if same_number(m.value, answer.value)),
            None,
        )
        if mention is not None:
            placed[field_id] = mention
    held = {m.value for m in placed.values()}
    found: dict[str, list[Check]] = {}
    for field_id, mention in placed.items():
        whole = breakdown_whole(reading, mention)
        if whole is None or whole.value in held:
            continue
        found[field_id] = [
            _fail(
                f"{mention.text} is one part of {whole.text} (the figures after {whole.text} "
                f"add up to it), and no field holds {whole.text}"
            )
        ]
    return found


# "all 41 interviews took place within 72 hours", "offered after every one of the 97
# episodes": the letter itself says one figure is two fields' answer
_SAME_FOR_BOTH = re.compile(r"\b(?:all|every|each|both)\b", re.IGNORECASE)


def _in_own_block(reading: LetterReading, field_id: str, offset: int) -> bool:
    return any(b.start <= offset < b.end for b in reading.blocks_of(field_id))


def one_figure_for_two(
    reading: LetterReading, response: SurveyResponse, reports: dict[str, FieldReport]
) -> dict[str, list[Check]]:
    """One figure of an answer given as two fields' ("Of all the interviews carried out,
    402 took place within 72 hours" as both completed and within 72 hours): a figure answers
    one question unless the words beside it say it answers both ("all 41 interviews ...").
    Where the words beside it are one field's ("418 offers were declined"), the other is
    flagged. A field that reached the figure by a pointer to another answer ("Q6 - See
    Q2") is not sharing it: the figure lies outside its own answer."""
    by_figure: dict[int, list[tuple[str, NumberMention]]] = {}
    for field_id, answer in response.answers.items():
        report = reports.get(field_id)
        if not isinstance(answer, Figure) or answer.value is None or report is None:
            continue
        if report.span is None or report.derived is not None:
            continue
        mention = next(
            (m for m in reading.numbers_in(report.span) if same_number(m.value, answer.value)),
            None,
        )
        if mention is None:
            continue
        inside = [
            f
            for f, a in response.answers.items()
            if isinstance(a, Figure) and _in_own_block(reading, f, mention.start)
        ]
        if inside and field_id not in inside:
            continue  # "Q6 - See Q2": the figure is another question's answer, pointed to
        by_figure.setdefault(mention.start, []).append((field_id, mention))
    found: dict[str, list[Check]] = {}
    spec = questionnaire(reading.qmap.questionnaire)
    for given in by_figure.values():
        if len(given) < 2:
            continue
        mention = given[0][1]
        sentence = reading.sentence_at(mention.start)
        before = " ".join(reading.text[sentence.start : mention.start].split()[-5:]).lower()
        after = " ".join(reading.text[mention.end : sentence.end].split()[:5])
        if _SAME_FOR_BOTH.search(before) and not re.search(r"\bof all\b", before):
            continue
        if _SAME_FOR_BOTH.search(after):
            continue
        beside = f"{before} {mention.text} {after}"
        if reading.cell_at(mention.start) is not None:
            # a table's figure is told by its column's heading and its row's label
            beside = " ".join(
                filter(None, (column_header(reading, mention), row_label(reading, mention)))
            )
        # a field named by a class of count ("children") is not told apart by its words
        said = [f for f, _ in given if (cue := telling_cue(f)) and cue.search(beside)]
        if len(said) == len(given) and spec is not None:
            # "118 offers were declined" says offers and declined: the figure is the part
            # (declined, at most the offers), not the whole it is a part of
            wholes = {large for small, large in spec.at_most if small in said and large in said}
            said = [f for f in said if f not in wholes]
        if not said and len(given) >= 3:
            said = []  # one figure for three fields, with nothing to tell them apart: all
        elif not 0 < len(said) < len(given):
            continue  # the words beside it do not tell the fields apart: other checks do
        labels = " and ".join(FIELDS[f].label for f, _ in given)
        for field_id, _ in given:
            if field_id in said:
                continue
            found[field_id] = [
                _fail(
                    f"{mention.text} is given as {labels}: one figure answers one question, "
                    "and the words beside it do not say it answers this one"
                )
            ]
    return found
