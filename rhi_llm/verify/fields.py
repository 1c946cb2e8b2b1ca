"""The checks on one field: grounded, value in quote, aligned, planted instructions, status."""

from __future__ import annotations

import re

from rhi_llm.core.questionnaires import FIELDS
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import WITHHELD, Choice, Figure, ProviderAnswer, Status, TextAnswer
from rhi_llm.core.types import Check, CheckCode, Letter, LocatedQuestion, NumberMention, Span
from rhi_llm.meaning import (
    COST_WORDS,
    role_cue,
    says,
    telling_cue,
    withheld_before_a_semicolon,
    withheld_sentence_about,
)
from rhi_llm.numbers import same_number
from rhi_llm.quotes import QuoteMatch, locate_quote
from rhi_llm.reading import withheld_status
from rhi_llm.verify.free_text import MAX_FREE_TEXT, check_free_text
from rhi_llm.verify.injection import clip, planted_in_text, planted_instruction
from rhi_llm.verify.reports import FieldReport
from rhi_llm.verify.values import check_value, kind_phrase


def _grounded(
    reading: LetterReading, quote: str | None, blocks: list[Span]
) -> tuple[Check, QuoteMatch | None]:
    if not quote or not quote.strip():
        return Check(
            code=CheckCode.GROUNDED, passed=False, message="no quote was given for this answer"
        ), None
    if len(quote) > MAX_FREE_TEXT:
        return Check(
            code=CheckCode.GROUNDED,
            passed=False,
            message=f"the quote is {len(quote):,} characters long: a quote is the few words "
            "that state the answer, so it is not searched for",
        ), None
    match = locate_quote(reading, quote, blocks)
    if match is None:
        shown = quote if len(quote) <= 60 else quote[:57] + "..."
        return Check(
            code=CheckCode.GROUNDED,
            passed=False,
            message=f"the quote {shown!r} is not in the letter",
        ), None
    page = reading.letter.page_of(match.span.start)
    how = {
        "exact": "found",
        "normalised": "found (after normalising spacing and punctuation)",
        "fuzzy": f"found approximately ({match.similarity:.0%} alike)",
    }[match.how]
    return Check(code=CheckCode.GROUNDED, passed=True, message=f"quote {how} on page {page}"), match


def _aligned(
    reading: LetterReading,
    field_id: str,
    span: Span,
    figure_at: NumberMention | None,
    blocks: list[Span],
) -> Check:
    located = reading.questions_of(field_id)
    if not located:
        return Check(
            code=CheckCode.ALIGNED,
            passed=False,
            message=f"the question for {reading.field_label(field_id)} was not found in "
            "the letter, so the answer's place cannot be confirmed",
        )
    # the figure itself (or, for words, most of the quote) must stand outside the question's
    # text: a quote may start with the question's number or label ("4b. 512")
    if figure_at is not None:
        asked = reading.in_question_text(Span(start=figure_at.start, end=figure_at.end))
    else:
        asked = _mostly_in_question(reading, span)
    if asked is not None:
        return Check(
            code=CheckCode.ALIGNED,
            passed=False,
            message=f"the quote is taken from the text of question {asked.label}, not "
            "from an answer",
        )
    if figure_at is not None and not figure_at.is_figure:
        return Check(
            code=CheckCode.ALIGNED,
            passed=False,
            message=f"{figure_at.text} is part of {kind_phrase(figure_at.kind)}, not an answer",
        )
    allowed = blocks
    # where the answer stands: the figure itself, or most of a quote of words
    at = Span(start=figure_at.start, end=figure_at.end) if figure_at is not None else span
    if any(block.contains(at) for block in allowed) or (
        figure_at is None and any(_overlap(block, span) * 2 > len(span) for block in allowed)
    ):
        if figure_at is not None:
            sentence = reading.letter.excerpt(reading.sentence_at(figure_at.start))
            if COST_WORDS.search(sentence) and withheld_status(sentence):
                return Check(
                    code=CheckCode.ALIGNED,
                    passed=False,
                    message=f"{figure_at.text} is part of a cost-limit calculation",
                )
        return Check(
            code=CheckCode.ALIGNED,
            passed=True,
            message=f"in the answer to question {located[0].label}",
        )
    other = reading.block_of_offset(span.start)
    labels = ", ".join(q.label for q in located)
    if other is not None:
        where = f"the answer to question {other.label}"
    elif span.start < min(q.question.start for q in reading.qmap.questions):
        where = "the letterhead or introduction, before the first question"
    else:
        where = "text outside any answer"
    return Check(
        code=CheckCode.ALIGNED,
        passed=False,
        message=f"the quote is in {where}, not in the answer to question {labels}",
    )


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _mostly_in_question(reading: LetterReading, span: Span) -> LocatedQuestion | None:
    """The question whose own text holds most of a quote, if one does."""
    for question in reading.qmap.questions:
        inside = _overlap(span, question.question)
        if inside > 0 and inside * 2 > len(span):
            return question
    return None


def _status(
    reading: LetterReading,
    field_id: str,
    status: Status,
    has_value: bool,
    span: Span | None,
    figure_at: NumberMention | None,
    blocks: list[Span],
) -> Check:
    if status in WITHHELD:
        return _withheld_status(reading, field_id, status, has_value, span, blocks)
    if status == Status.ANSWERED and has_value and figure_at is not None:
        problem = _decoy_problem(reading, field_id, figure_at, blocks)
        if problem:
            return Check(code=CheckCode.STATUS, passed=False, message=problem)
    return Check(code=CheckCode.STATUS, passed=True, message="status agrees with the letter")


def _withheld_status(
    reading: LetterReading,
    field_id: str,
    status: Status,
    has_value: bool,
    span: Span | None,
    blocks: list[Span],
) -> Check:
    if has_value:
        return Check(
            code=CheckCode.STATUS,
            passed=False,
            message=f"marked {status.value} but carries a number",
        )
    statements = [withheld_status(reading.letter.excerpt(b)) for b in blocks]
    if span is not None:
        statements.append(withheld_status(reading.letter.excerpt(reading.sentence_at(span.start))))
    if not any(statements):
        return Check(
            code=CheckCode.STATUS,
            passed=False,
            message=f"marked {status.value}, but the answer does not say the "
            "information is withheld or not held",
        )
    other = _row_of_another(reading, field_id, span) if span is not None else None
    if other:
        return Check(
            code=CheckCode.STATUS,
            passed=False,
            message=f"marked {status.value} from the row '{other}', which is another "
            f"field's, not {FIELDS[field_id].label}",
        )
    return Check(code=CheckCode.STATUS, passed=True, message=f"the letter says {status.value}")


def _row_of_another(reading: LetterReading, field_id: str, span: Span) -> str | None:
    """The label of the table row a withholding is quoted from, when it names what another
    field counts and not this one ("Received an RHI | <5" for the children who went
    missing)."""
    quoted = reading.text[span.start : span.end]
    first = span.start + len(quoted) - len(quoted.lstrip(" \t|"))
    placed = reading.cell_at(first)
    if placed is None:
        return None
    table, cell = placed
    label = table.row_label(cell) or next(
        (c.text for c in table.row_cells(cell.row) if c.column == 0), ""
    )
    own = role_cue(field_id)
    if not label or own is None or says(own, label) or "?" in label:
        return None  # (a row that asks the question names every field it asks)
    for other in reading.fields_overlapping(span):
        cue = telling_cue(other)
        if other == field_id or cue is None:
            continue
        if says(cue, label):
            return " ".join(label.split())
    return None


def _decoy_problem(
    reading: LetterReading, field_id: str, figure_at: NumberMention, blocks: list[Span]
) -> str | None:
    """Why an answered figure may be a decoy from a refusal or a not-held statement."""
    own = reading.sentence_at(figure_at.start)
    sentence = reading.letter.excerpt(own)
    said_here = withheld_status(sentence)
    if said_here and withheld_before_a_semicolon(sentence, figure_at.start - own.start) is None:
        return (
            f"{figure_at.text} sits in a sentence saying the information is "
            f"{said_here.value.replace('_', ' ')}: it is not the answer"
        )
    block = next((b for b in blocks if b.start <= figure_at.start < b.end), None)
    if block is None:
        return None
    withheld = withheld_sentence_about(reading, field_id, block, figure_at)
    if withheld is None:
        return None
    said, other = withheld
    return (
        f"the answer also says the information is {said.value.replace('_', ' ')} "
        f"({clip(other)}); check that {figure_at.text} really answers the question"
    )


def _figure_at(reading: LetterReading, span: Span, figure: Figure) -> NumberMention | None:
    if figure.value is None:
        return None
    inside = reading.numbers_in(span)
    for mention in inside:
        if same_number(mention.value, figure.value) and mention.is_figure:
            return mention
    for mention in inside:
        if same_number(mention.value, figure.value):
            return mention
    return None


def _check_choice(field_id: str, values: list[str], quote_text: str, context: str) -> Check:
    """Each option chosen must be supported by the words of the answer (the option's
    ``support`` in the field's definition)."""
    spec = FIELDS.get(field_id)
    support = {o.value: o.support for o in spec.options if o.support} if spec else {}
    unsupported = [
        v
        for v in values
        if v in support
        and not re.search(support[v], quote_text, re.IGNORECASE)
        and not re.search(support[v], context, re.IGNORECASE)
    ]
    if unsupported:
        return Check(
            code=CheckCode.VALUE_IN_QUOTE,
            passed=False,
            message=f"nothing in the answer supports {', '.join(unsupported)}",
        )
    return Check(code=CheckCode.VALUE_IN_QUOTE, passed=True, message="the answer supports it")


# Three or more kinds of provider for one year are rare in councils' answers (2 of 257 in our
# gold answers) and common when an answer is over-read (every one of the rules' such
# answers on the development corpus was wrong): such a set is for a person to confirm.
MANY_PROVIDERS = 3


def _many_providers(count: int) -> Check:
    return Check(
        code=CheckCode.VALUE_IN_QUOTE,
        passed=False,
        message=f"{count} kinds of provider for one year: answers seldom name so many, so "
        "check which of them carry out the interviews",
    )


# figures in a line of text: not years or periods ("2017/18"), not a row's question number
_ROW_FIGURES = re.compile(
    r"(?<![\w/.,-])(?!(?:19|20)\d\d(?:/\d\d)?\b)\d{1,3}(?:,\d{3})*(?:\.\d+)?%?(?![\w/])"
)


_LINE_MARKER = re.compile(r"^\s*(?:Q\s?)?\d{1,2}[a-z]?(?:\([ivx]+\))?[.):]?\s")


def _ocr_line(letter: Letter, where: Span) -> str | None:
    """The line of text holding ``where``, when its page was read by OCR."""
    if not letter.ocr_pages or letter.page_of(where.start) not in letter.ocr_pages:
        return None
    line_start = letter.text.rfind("\n", 0, where.start) + 1
    line_end = letter.text.find("\n", where.start)
    return letter.text[line_start : line_end if line_end >= 0 else len(letter.text)]


def _text_from_ocr_table(reading: LetterReading, span: Span) -> Check | None:
    """A free-text answer whose words start in a table row of a scanned page: a wrapped
    cell's lines are rebuilt from the page's layout, so its text may be cut or run into the
    next column's."""
    line = _ocr_line(reading.letter, span)
    if line is None or "   " not in line.strip():
        return None
    return Check(
        code=CheckCode.READ_BY_OCR,
        passed=False,
        message=f"read by OCR on page {reading.letter.page_of(span.start)} from a table: a "
        "wrapped cell's text is rebuilt from the page's layout, so check it on the scan",
    )


def _read_with_doubt(
    reading: LetterReading, span: Span, figure_at: NumberMention | None
) -> Check | None:
    """A figure taken from a scanned page where Tesseract was unsure of the word, or read
    digits beside letters it confuses with them: for a person to check against the page."""
    letter = reading.letter
    where = Span(start=figure_at.start, end=figure_at.end) if figure_at is not None else span
    line = _ocr_line(letter, where)
    if line is None:
        return None
    word = letter.doubtful_in(where)
    if word is None:
        several = len(_ROW_FIGURES.findall(_LINE_MARKER.sub("", line, count=1))) >= 2
        if several or "   " in line.strip():  # OCR writes a column gap as 3+ spaces
            return Check(
                code=CheckCode.READ_BY_OCR,
                passed=False,
                message=f"read by OCR on page {letter.page_of(where.start)} from a table row "
                "or a line of several figures: a scan's rows and columns are rebuilt from "
                "the page's layout, so check on the scan that it is the row and column "
                "asked (the year, the total)",
            )
        return None
    return Check(
        code=CheckCode.READ_BY_OCR,
        passed=False,
        message=f"read by OCR on page {letter.page_of(word.start)} from {letter.excerpt(word)!r}, "
        "a word Tesseract was unsure of or that mixes digits with letters like l, O or S: "
        "check the figure on the scan",
    )


def _hidden_around(letter: Letter, span: Span, figure_at: NumberMention | None) -> Check | None:
    """A figure the letter wrote with invisible characters in or around it (taken out when
    it was read): a right-to-left override shows "512" as "215", a zero-width space or a
    soft hyphen splits a number, so the letter as its reader saw it may say otherwise."""
    where = Span(start=figure_at.start, end=figure_at.end) if figure_at is not None else span
    offset = letter.hidden_at(where)
    if offset is None:
        return None
    return Check(
        code=CheckCode.HIDDEN_CHARACTERS,
        passed=False,
        message=f"the letter has invisible characters (such as right-to-left controls or "
        f"zero-width marks) in or beside this figure on page {letter.page_of(offset)}, taken "
        "out when it was read: the original may show it differently (reversed or split), so "
        "check the figure against the letter as its reader sees it",
    )


# a space (a no-break one too, as a spreadsheet pastes it) and three digits after the figure,
# or up to three digits and a space before it: "1 482" may be one number spaced in thousands
_GROUP_AFTER = re.compile(r"[ \u00a0\u202f\u2009]\d{3}(?![\d.,]\d)(?!\d)")
_GROUP_BEFORE = re.compile(r"(?<![\d.,])\d{1,3}[ \u00a0\u202f\u2009]$")


def _spaced_thousands(letter: Letter, figure_at: NumberMention | None) -> Check | None:
    """A figure that may be one group of a number written with spaces between its thousands
    ("1 482", "1 032"): read alone, 1 or 032 is a wrong figure that looks right."""
    if figure_at is None or figure_at.percent or figure_at.in_words:
        return None
    digits = figure_at.text.strip()
    if not digits.isdigit():
        return None
    after = _GROUP_AFTER.match(letter.text, figure_at.end)
    before = len(digits) == 3 and _GROUP_BEFORE.search(letter.text[: figure_at.start])
    if not (after and len(digits) <= 3) and not before:
        return None
    return Check(
        code=CheckCode.SPACED_THOUSANDS,
        passed=False,
        message=f"{digits} stands beside another group of digits with only a space between "
        f"({letter.excerpt(Span(start=max(0, figure_at.start - 4), end=figure_at.end + 4))!r}): "
        "the letter may write one number with spaces between its thousands, so check the "
        "whole number",
    )


def verify_field(reading: LetterReading, field_id: str, answer: object) -> FieldReport:
    blocks = reading.answer_blocks(field_id)
    status: Status = getattr(answer, "status", Status.NOT_ANSWERED)
    value = getattr(answer, "value", None)
    quote: str | None = getattr(answer, "quote", None)
    if value is None and status == Status.NOT_ANSWERED:
        return FieldReport(field=field_id, verdict="missing")
    checks: list[Check] = []
    grounded, match = _grounded(reading, quote, blocks)
    if value is None and not quote:
        grounded = Check(code=CheckCode.GROUNDED, passed=True, message="no quote needed")
    checks.append(grounded)
    span = match.span if match else None
    quote_text = reading.letter.excerpt(span) if span else (quote or "")
    figure_at: NumberMention | None = None
    if isinstance(answer, Figure):
        if value is not None:
            figure_at = _figure_at(reading, span, answer) if span else None
            checks.append(check_value(reading, field_id, answer, span, quote or ""))
    elif isinstance(answer, Choice | ProviderAnswer) and value:
        context = " ".join(reading.letter.excerpt(b) for b in blocks)
        checks.append(_check_choice(field_id, [str(v) for v in value], quote_text, context))
        spec = FIELDS.get(field_id)
        if spec is not None and spec.kind == "provider" and len(value) >= MANY_PROVIDERS:
            checks.append(_many_providers(len(value)))
    if span is not None:
        checks.append(_aligned(reading, field_id, span, figure_at, blocks))
        planted = planted_instruction(reading, span)
        if planted is not None:
            checks.append(planted)
    elif value is not None:
        checks.append(
            Check(
                code=CheckCode.ALIGNED,
                passed=False,
                message="the answer cannot be placed in the letter without a quote",
            )
        )
    if isinstance(answer, Figure) and value is not None and span is not None:
        doubtful = _read_with_doubt(reading, span, figure_at)
        if doubtful is not None:
            checks.append(doubtful)
        hidden = _hidden_around(reading.letter, span, figure_at)
        if hidden is not None:
            checks.append(hidden)
        spaced = _spaced_thousands(reading.letter, figure_at)
        if spaced is not None:
            checks.append(spaced)
    elif isinstance(answer, TextAnswer) and value is not None and span is not None:
        cut = _text_from_ocr_table(reading, span)
        if cut is not None:
            checks.append(cut)
    if isinstance(answer, TextAnswer) and isinstance(value, str):
        planted = planted_in_text(value[:MAX_FREE_TEXT])
        if planted is not None:
            checks.append(planted)
    checks.extend(check_free_text(reading, field_id, answer))
    checks.append(_status(reading, field_id, status, value is not None, span, figure_at, blocks))
    return FieldReport(
        field=field_id,
        verdict="flagged" if any(not c.passed for c in checks) else "ok",
        checks=tuple(checks),
        span=span,
        page=reading.letter.page_of(span.start) if span else None,
    )
