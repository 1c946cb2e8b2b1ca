"""The rules backend: a deterministic extractor that fills the survey with no model.

It reads each answer block the question finder located, never the letter at large:

* numbers: every figure in the block that is not a decoy (question text, a withheld or
  cost-limit sentence, another year's column, a page number), given to the field whose words
  it carries ("1,032 episodes relating to 287 children" feeds incidents and children), counts
  preferred to percentages, a percentage kept with what it is of;
* statuses: not held, section 12 / cost limit, exemptions and refusal notices, per field when
  several fields share a block;
* choices: yes/no answers, tick boxes marked with X, and provider kinds from the wording.

It declines to guess: a block it cannot read gives status not_answered, never a number from
somewhere else. Every answer carries a verbatim quote from the letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rhi_llm.core.contracts import Backend, Extraction
from rhi_llm.core.questionnaires import (
    FIELDS,
    QUESTIONNAIRES,
    FieldSpec,
    OptionSpec,
    fields_for,
    make_response,
    questions_for_field,
)
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.records import Provenance
from rhi_llm.core.survey import SCHEMA_VERSION, Status, SurveyResponse
from rhi_llm.core.types import NumberMention, Span
from rhi_llm.meaning import (
    BASE_LEAD,
    COST_WORDS,
    NOT_THE_ANSWER,
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
    percent_bases,
    role_cue,
    role_score,
    row_label,
    row_marker,
    says,
    sentence_base,
    withheld_before_a_semicolon,
    without_other_years,
    year_label,
    year_of_column,
)
from rhi_llm.quotes import loose
from rhi_llm.reading import NOT_APPLICABLE, REFUSED, withheld_status

from .metadata import letter_metadata
from .providers import read_provider, with_abbreviations
from .ticks import ticked_options

# --------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    mention: NumberMention
    sentence: Span
    first_in_block: bool


def _usable(reading: LetterReading, blocks: list[Span]) -> list[Candidate]:
    """Figures in the blocks that could be answers (decoys and furniture left out)."""
    found: list[Candidate] = []
    seen: set[int] = set()
    for block in blocks:
        first = True
        for mention in reading.numbers_in(block):
            if not mention.is_figure or mention.start in seen:
                continue
            seen.add(mention.start)
            sentence = reading.sentence_at(mention.start)
            if _is_decoy(reading, mention, sentence):
                continue
            found.append(Candidate(mention, sentence, first))
            first = False
    return found


_COUNTS_THE_REQUEST = re.compile(
    r"\s+(?:parts?|questions?|ways?|reasons?|options?|sections?)\b", re.IGNORECASE
)


def _is_decoy(reading: LetterReading, mention: NumberMention, sentence: Span) -> bool:
    if reading.in_question_text(Span(start=mention.start, end=mention.end)):
        return True
    text = without_other_years(reading, sentence)
    placed = reading.cell_at(mention.start)
    # in a row of figure cells, only the figure's own cell speaks for it ("Not recorded |
    # Not recorded | 1,049"); a cell that holds a whole answer is read as sentences
    said = placed[1].text if placed is not None and len(placed[1].text) <= 30 else text
    if (
        withheld_status(said)
        and not _given_before_a_but(reading, mention, sentence, text)
        and not (said is text and withheld_before_a_semicolon(text, mention.start - sentence.start))
    ):
        return True
    if COST_WORDS.search(text) and re.search(r"\blimit\b", text):
        return True
    if mention.in_words and mention.value <= 1:
        return True  # "one interview is offered to cover both": rarely a figure asked for
    if NOT_THE_ANSWER.search(text):
        return True  # "... 37 children were discussed ...; it is not an answer to question 4"
    if mention.in_words and _COUNTS_THE_REQUEST.match(reading.text, mention.end):
        return True  # "to answer these two parts": the request's parts, not a figure
    return (
        row_marker(reading, mention)
        or other_year(reading, mention) is not None
        or counted_on_a_day(reading, mention) is not None
        or counted_into_or_out_of_care(reading, mention) is not None
        or part_of_period(reading, mention) is not None
    )


_BUT = re.compile(r"[,;]?\s+(?:but|however|whereas)\b", re.IGNORECASE)


def _given_before_a_but(
    reading: LetterReading, mention: NumberMention, sentence: Span, text: str
) -> bool:
    """Is the figure given in a clause of its own, with what is not held said only after a
    "but" ("33 of those children went missing, in 141 incidents, but it does not hold a record
    of how many received an interview"), and followed by words that name a field's count?"""
    at = mention.start - sentence.start
    cut = next((m for m in _BUT.finditer(text) if m.start() >= at), None)
    if cut is None or withheld_status(text[: cut.start()]):
        return False
    # what the figure counts, in the words right after it ("33 of those children", not "2310
    # contact records linked to missing episodes")
    own = text[mention.end - sentence.start : cut.start()][:20]
    return any(
        (cue := role_cue(f)) is not None and says(cue, own)
        for f in fields_for(reading.questionnaire)
        if FIELDS[f].numeric
    )


def _local(reading: LetterReading, candidate: Candidate) -> tuple[str, list[NumberMention], int]:
    """The sentence text and its figures relative to it, and the candidate's index."""
    sentence = candidate.sentence
    text = _without_question_text(reading, sentence)
    inside = [m for m in reading.numbers_in(sentence) if m.is_figure]
    relative = [
        NumberMention(
            m.value,
            m.start - sentence.start,
            m.end - sentence.start,
            m.text,
            m.percent,
            m.kind,
            m.in_words,
        )
        for m in inside
    ]
    index = next(i for i, m in enumerate(inside) if m.start == candidate.mention.start)
    return text, relative, index


def _without_question_text(reading: LetterReading, sentence: Span) -> str:
    """A sentence's text with the words of a question it holds blanked out (offsets kept):
    in a two-column schedule the question's line runs into its answer ("B5b ... of whom
    received an RHI      29 of them were reported missing here"), and the question's words
    do not say what the figure counts."""
    text = reading.letter.excerpt(sentence)
    for question in reading.qmap.questions:
        span = question.question
        if span.end <= sentence.start or span.start >= sentence.end:
            continue
        start, end = max(span.start, sentence.start), min(span.end, sentence.end)
        at, stop = start - sentence.start, end - sentence.start
        text = text[:at] + re.sub(r"\S", " ", text[at:stop]) + text[stop:]
    return text


def _row_score(reading: LetterReading, field_id: str, candidate: Candidate) -> float | None:
    """For a figure in a table row: how well the row's label and column fit the field."""
    label = row_label(reading, candidate.mention)
    if label is None:
        return None
    header = column_header(reading, candidate.mention)
    # a table of questions by column ("Quarter | Missing episodes | Interviews offered"):
    # the heading says what the figure is, the row (a quarter, the year) when
    named = f"{label} {header}" if header and not YEAR_TOKEN.search(header) else label
    questions = questions_for_field(reading.questionnaire, field_id)
    cues = [re.compile(c.replace(" ", r"\s+"), re.I) for q in questions for c in q.cues]
    value = float(sum(1 for cue in cues if cue.search(named)))
    role = role_cue(field_id)
    if role and says(role, named):
        value += 1.0
    if header and class_conflict(field_id, header):
        value -= 3.0
    elif (
        header
        and FIELDS[field_id].counts
        and re.search(FIELDS[field_id].counts[:5], header, re.IGNORECASE)
    ):
        value += 1.0
    return value


def score(reading: LetterReading, field_id: str, candidate: Candidate) -> float:
    """How well a figure fits a field: its words, its noun, its column, its position."""
    in_table = (
        _row_score(reading, field_id, candidate)
        if (figures_in_cell(reading, candidate.mention) or 0) <= 1
        else None
    )
    if in_table is not None:
        return in_table
    text, mentions, index = _local(reading, candidate)
    mention = mentions[index]
    value = role_score(field_id, text, mentions, index)
    if not mention.percent and index + 1 < len(mentions):
        after = mentions[index + 1]
        if after.percent and re.fullmatch(r"\s*\(\s*", text[mention.end : after.start]):
            # "402 (58.4%) took place within 72 hours": the count has its share's words
            value = max(value, role_score(field_id, text, mentions, index + 1))
    if not mention.percent:
        if class_conflict(field_id, text[mention.end :]):
            value -= 3.0
        header = column_header(reading, candidate.mention)
        if header and class_conflict(field_id, header):
            value -= 3.0
        value += 0.5  # a count is preferred to a percentage of the same thing
    if candidate.first_in_block:
        value += 0.3
    if not mention.percent and BASE_LEAD.search(text[: mention.start]) and len(mentions) > 1:
        value -= 1.0  # "Of the 2,214 episodes, an interview was offered in 90.1%": the base
    if part_of_named_whole(reading, field_id, candidate.mention):
        value -= 3.0  # "Of the 1,402 completed, 1,036 took place within ...": not completed
    return value


def _assign(
    reading: LetterReading, fields: list[str], candidates: list[Candidate]
) -> dict[str, Candidate]:
    """Give each field at most one figure, best fits first."""
    if len(fields) == 1:
        if not candidates:
            return {}
        scored = [(score(reading, fields[0], c), -i, c) for i, c in enumerate(candidates)]
        best = max(scored, key=lambda item: (item[0], item[1]))
        return {fields[0]: best[2]} if best[0] > -1.0 else {}
    pairs = sorted(
        (
            (score(reading, f, c), -i, -k, f, c)
            for k, f in enumerate(fields)
            for i, c in enumerate(candidates)
        ),
        key=lambda item: (item[0], item[1], item[2]),
        reverse=True,
    )
    given: dict[str, Candidate] = {}
    taken: set[int] = set()
    for value, _, _, field_id, candidate in pairs:
        if value <= 0 or field_id in given or candidate.mention.start in taken:
            continue
        given[field_id] = candidate
        taken.add(candidate.mention.start)
    return given


_QUOTE_STOP = re.compile(r"[.;:()\n,]|\d")


def figure_quote(reading: LetterReading, mention: NumberMention) -> str:
    """The figure and the few words after it that say what it counts ('287 children')."""
    text = reading.text
    end = mention.end
    words = 0
    limit = 9 if mention.percent else 5
    while words < limit:
        match = re.match(r"[ \t]*[^\s.;:()\n,\d]+", text[end:])
        if not match:
            break
        end += match.end()
        words += 1
    return text[mention.start : end].strip()


_ANSWER_POINTER = re.compile(
    r"^[^.;\n]{0,60}?\b(?:in|from|of|at) (?:our |the |your )?(?:answer|question|reply) "
    r"(?:to )?(?:question )?(\d{1,2})([a-d])?\b",
    re.IGNORECASE,
)


def _percent_base(
    reading: LetterReading, field_id: str, mention: NumberMention, previous: str | None
) -> str | None:
    said = base_class(reading.text[mention.end : mention.end + 120]) or sentence_base(
        reading, mention
    )
    if said is None:
        return previous
    bases = percent_bases(reading.questionnaire).get(field_id, set())
    choices = [b for b in fields_for(reading.questionnaire) if b in bases]
    choices = [b for b in choices if FIELDS[b].counts == said]
    pointed = _ANSWER_POINTER.search(reading.text[mention.end : mention.end + 80])
    if pointed and len(choices) > 1:
        # "23.9% of the children in answer 1": the base is the count question 1 asks for
        number, part = int(pointed.group(1)), (pointed.group(2) or "").lower()
        named = [
            f
            for q in QUESTIONNAIRES.get(reading.questionnaire, ())
            if number in q.numbers and q.part == part
            for f in q.fields
            if f in choices
        ]
        if len(named) == 1:
            return named[0]
    if len(choices) <= 1:
        return choices[0] if choices else None
    after = reading.text[mention.end : mention.end + 120]
    before = reading.letter.excerpt(reading.sentence_at(mention.start))
    # the later a field in the questionnaire, the narrower: "of completed interviews" before
    # "of interviews offered"
    for base in reversed(choices):
        cue = role_cue(base)
        if cue is not None and (cue.search(after) or cue.search(before)):
            return base
    return None


def _figure_answer(
    reading: LetterReading, field_id: str, candidate: Candidate, previous_base: str | None
) -> dict[str, Any]:
    mention = candidate.mention
    answer: dict[str, Any] = {
        "value": mention.value,
        "unit": "percent" if mention.percent else "count",
        "status": "answered",
        "quote": figure_quote(reading, mention),
        "of": None,
    }
    if mention.percent:
        answer["of"] = _percent_base(reading, field_id, mention, previous_base)
    return answer


# --------------------------------------------------------------------------------------------
# Statuses
# --------------------------------------------------------------------------------------------


def _withheld_answer(
    reading: LetterReading, field_id: str, blocks: list[Span], sharing: list[str]
) -> dict[str, Any] | None:
    for block in blocks:
        for sentence in reading.sentences_in(block):
            said = withheld_status(without_other_years(reading, sentence))
            if said is None:
                continue
            text = reading.letter.excerpt(sentence)
            placed = reading.cell_at(sentence.start)
            if placed is not None:
                # a table row: only the cell in the year asked can withhold this field
                table, _ = placed
                row = [c for c in table.cells if sentence.start <= c.start < sentence.end]
                said_cells = [c for c in row if withheld_status(c.text)]
                if said_cells and all(year_of_column(reading, c.start) for c in said_cells):
                    continue
            if len(sharing) > 1:
                about = [f for f in sharing if (cue := role_cue(f)) and cue.search(text)]
                if about and field_id not in about:
                    continue
            if said is Status.NOT_HELD and (costed := _costed_after(reading, sentence, block)):
                # "We are unable to provide this figure. [...] would take 117 hours, above the
                # limit in section 12": a refusal on cost, however it opens
                return {"value": None, "status": Status.REFUSED.value, "quote": costed}
            return {"value": None, "status": said.value, "quote": _clip_quote(text)}
    return None


def _costed_after(reading: LetterReading, sentence: Span, block: Span) -> str | None:
    """The sentence of the same paragraph, after ``sentence``, that refuses on cost."""
    text = reading.letter.text
    paragraph_end = text.find("\n\n", sentence.end)
    end = min(block.end, paragraph_end if paragraph_end >= 0 else block.end)
    for later in reading.sentences_in(Span(start=sentence.end, end=end)):
        said = reading.letter.excerpt(later)
        if REFUSED.search(said):
            return _clip_quote(said)
    return None


def _opens_withheld(reading: LetterReading, block: Span) -> str | None:
    """The answer's first sentence when it withholds (refuses, exempts or says not held) with
    no figure in it, else None."""
    opening = reading.sentences_in(block)
    for sentence in opening:
        text = without_other_years(reading, sentence)
        if not text.strip():
            continue
        figures = [m for m in reading.numbers_in(sentence) if m.is_figure]
        return text if withheld_status(text) is not None and not figures else None
    return None


def _withheld_by_opening(fields: list[str], sharing: list[str], opening: str) -> list[str]:
    """The fields an opening refusal withholds: where several fields share the answer, only
    those its first clause names ("We do not record acceptance as a separate item, so [...].
    We do record refusals: in 112 episodes the offer was declined": accepted only); else all
    ("We do not hold this information, because missing episodes [...]")."""
    if len(sharing) > 1:
        clause = re.split(r",|\bbecause\b|\bas\b|\bsince\b", opening, maxsplit=1)[0]
        named = [f for f in sharing if (cue := role_cue(f)) and cue.search(clause)]
        if named:
            return [f for f in fields if f in named]
    return fields


def _clip_quote(text: str, limit: int = 160) -> str:
    """A verbatim piece of a sentence, at most ``limit`` characters, cut at a word end."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def _nothing(status: Status = Status.NOT_ANSWERED) -> dict[str, Any]:
    return {"value": None, "status": status.value, "quote": None}


# --------------------------------------------------------------------------------------------
# Numeric fields, question by question
# --------------------------------------------------------------------------------------------


def _numeric_groups(reading: LetterReading) -> list[list[str]]:
    """Numeric fields grouped by the question(s) that answer them together."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for field_id in fields_for(reading.questionnaire):
        if not FIELDS[field_id].numeric:
            continue
        keys = tuple(q.key for q in reading.questions_of(field_id))
        groups.setdefault(keys, []).append(field_id)
    # in the question's own order: a bare figure answering "7. completed (and declined)" is
    # the first field's, when nothing says otherwise
    order = {
        f: i
        for i, f in enumerate(f for q in reading.qmap.questions for f in _fields_of(reading, q.key))
    }
    return [sorted(g, key=lambda f: order.get(f, len(order))) for g in groups.values()]


def _fields_of(reading: LetterReading, key: str) -> tuple[str, ...]:
    return reading.spec.question(key).fields if reading.spec is not None else ()


def _wholes_for_parts(
    reading: LetterReading,
    chosen: dict[str, tuple[Candidate, list[Candidate]]],
    answers: dict[str, dict[str, Any]],
) -> None:
    """A field given one part of a breakdown whose whole no field took ("131 interviews. In
    84 ... and in 47 ...": 47 chosen) takes the whole, from the same answer."""
    held = {candidate.mention.value for candidate, _ in chosen.values()}
    for field_id, (candidate, candidates) in chosen.items():
        whole = breakdown_whole(reading, candidate.mention)
        if whole is None or whole.value in held:
            continue
        replacement = next((c for c in candidates if c.mention.start == whole.start), None)
        if replacement is None or score(reading, field_id, replacement) <= -1.0:
            continue
        answers[field_id] = _figure_answer(reading, field_id, replacement, None)
        held.add(whole.value)


def _numeric_answers(reading: LetterReading) -> dict[str, dict[str, Any]]:
    answers: dict[str, dict[str, Any]] = {}
    chosen: dict[str, tuple[Candidate, list[Candidate]]] = {}
    previous_base: str | None = None
    groups = _numeric_groups(reading)
    numeric = [f for g in groups for f in g]
    for fields in groups:
        blocks = reading.answer_blocks(fields[0])
        if not blocks:
            continue  # the question is not in the letter: leave the fields out
        candidates = _usable(reading, blocks)
        opening = _opens_withheld(reading, blocks[0])
        withheld: list[str] = []
        if opening:
            sharing = [f for f in numeric if reading.answer_blocks(f)[:1] == blocks[:1]]
            withheld = _withheld_by_opening(fields, sharing, opening)
        # "Refused - section 12. ... we would need to open each of the 1,302 records": the
        # figures after a refusal explain it
        given = _assign(reading, [f for f in fields if f not in withheld], candidates)
        for field_id in fields:
            if field_id in given:
                answer = _figure_answer(reading, field_id, given[field_id], previous_base)
                previous_base = answer["of"] or previous_base
                answers[field_id] = answer
                chosen[field_id] = (given[field_id], candidates)
                continue
            answers[field_id] = _withheld_answer(reading, field_id, blocks, fields) or _nothing()
    _wholes_for_parts(reading, chosen, answers)
    return answers


# --------------------------------------------------------------------------------------------
# Choices
# --------------------------------------------------------------------------------------------

# "Yes.", "Response: No", and the question's own short label before it ("Follow-up
# support: Yes, through the same provider.")
_YES_NO = re.compile(
    r"^\W*(?:(?:answer|response|reply|our (?:answer|response))\s*[:\-–]?\s*"
    r"|[A-Za-z][A-Za-z '/-]{2,40}:[ \t]*)?(yes|no)\b[^\n]*",
    re.IGNORECASE,
)


def _block_text(reading: LetterReading, field_id: str) -> tuple[str, Span] | None:
    blocks = reading.blocks_of(field_id)
    if not blocks:
        return None
    block = blocks[0]
    return reading.letter.excerpt(block), block


def _choice(value: list[str], quote: str, detail: str | None = None) -> dict[str, Any]:
    return {"value": value, "status": "answered", "quote": quote.strip(), "detail": detail}


# Choices: each field's definition names the reader that fits how letters answer it, and its
# options say how each is marked (a tick-box letter), worded and named.


def _ticked(reading: LetterReading, spec: FieldSpec) -> dict[str, Any] | None:
    """A tick list or a plain answer: a ticked option's words, then its tick-box letter, then
    yes or no; failing ticks, an option's words in the answer, then a yes or no it opens
    with. Several options for a field that allows several (ticked letters)."""
    found = _block_text(reading, spec.id)
    if found is None:
        return None
    text, _ = found
    yes_no = {o.value: o for o in spec.options if o.value in ("yes", "no")}
    named = [o for o in spec.options if o.value not in yes_no and o.words]
    ticks = ticked_options(text)
    chosen: list[str] = []
    quote = ""
    for tick in ticks:
        option = _ticked_option(tick.text, tick.letter, spec, named, yes_no)
        if option is not None and option.value not in chosen:
            chosen.append(option.value)
            quote = quote or tick.quote
            if not spec.multiple:
                break
    if chosen:
        return _choice(chosen, quote)
    lettered = _options_by_letter(_without_option_lists(text), spec)
    if lettered:
        options, line = lettered
        return _choice([o.value for o in options], line)
    for option in named:
        for said in re.finditer(option.words or "$^", text, re.IGNORECASE):
            if not _in_a_question(text, said.end()):
                return _choice([option.value], said.group(0))
    match = _YES_NO.match(text)
    if yes_no and match and match.group(1).lower() in yes_no:
        quote = _clip_quote(match.group(0), 80)
        return _choice([match.group(1).lower()], quote, detail=_clip_quote(text.strip(), 300))
    return _nothing()


# an option given by its letter: "(h) A combination.", "Option d): by the child's own social
# worker", "9. (c)", "we spot purchase ... (option (f))"
_LETTER_OPENING = re.compile(r"^\W*(?:option\s*)?\(?([a-i])\)(?=[\s.,:;]|$)", re.IGNORECASE)
_LETTER_NAMED = re.compile(r"\boption\s*\(?([a-i])\b\)?", re.IGNORECASE)
_MORE_LETTERS = re.compile(r"\s*(?:,|and|&|\+|/)\s*\(?([a-i])\)(?=[\s.,:;]|$)", re.IGNORECASE)


_OPTION_LETTER = re.compile(r"\(([a-i])\)")


def _without_option_lists(text: str) -> str:
    """The text with the question's options listed by letter blanked out ("(a) the same
    third sector agency; (b) ...; (i) other."): such a list is the question quoted, not a
    choice, though the choice may follow it on the same line ("... (i) something else?" A
    mixture, option (h)). Blanked, not cut, so offsets stay."""
    out = text
    for line in re.finditer(r"[^\n]+", text):
        marks = list(_OPTION_LETTER.finditer(line.group(0).lower()))
        run: list[re.Match[str]] = []
        for mark in marks:  # the letters in order from (a): a list, not a choice
            if mark.group(1) == "abcdefghi"[len(run)]:
                run.append(mark)
            if len(run) == 9:
                break
        if len(run) < 4:
            continue
        begin = line.start() + run[0].start()
        stop = re.search(r"[?.]['\"”’]?", text[line.start() + run[-1].end() : line.end()])
        finish = line.start() + run[-1].end() + stop.end() if stop else line.end()
        out = out[:begin] + " " * (finish - begin) + out[finish:]
    return out


def _options_by_letter(text: str, spec: FieldSpec) -> tuple[list[OptionSpec], str] | None:
    """The options an answer chooses by their tick-box letters, and the line that says so."""
    marks = {o.mark: o for o in spec.options if o.mark}
    if not marks:
        return None
    found = _LETTER_OPENING.match(text)
    if found is None:
        found = next(
            (m for m in _LETTER_NAMED.finditer(text) if not _denied_at(text, m.start())),
            None,
        )
    if found is None or found.group(1).lower() not in marks:
        return None
    letters = [found.group(1).lower()]
    end = found.end()
    if spec.multiple:
        while more := _MORE_LETTERS.match(text, end):
            letters.append(more.group(1).lower())
            end = more.end()
    options = [marks[x] for x in dict.fromkeys(letters) if x in marks]
    return options, _line_after_blanks(text, found.start(1))


def _in_a_question(text: str, at: int) -> bool:
    """Words in a sentence that ends with a question mark: the next question's text run into
    this answer ("Yes.\n\nIf yes, or case by case, who carries out those RHIs?")."""
    end = re.search(r"[.?!\n]", text[at:])
    return end is not None and end.group(0) == "?"


def _ticked_option(
    said: str,
    letter: str | None,
    spec: FieldSpec,
    named: list[OptionSpec],
    yes_no: dict[str, OptionSpec],
) -> OptionSpec | None:
    for option in named:
        if re.search(option.words or "$^", said, re.IGNORECASE):
            return option
    says_yes_no = re.search(r"\b(?:yes|no)\b", said, re.IGNORECASE)
    marked = next((o for o in spec.options if o.mark and o.mark == letter), None)
    if marked is not None and not says_yes_no:
        return marked
    for value in ("yes", "no"):
        if value in yes_no and re.search(rf"\b{value}\b", said, re.IGNORECASE):
            return yes_no[value]
    return None


def _from_named(reading: LetterReading, spec: FieldSpec) -> dict[str, Any] | None:
    """What something is counted from: the option the answer opens with ("Return (time
    found)"), else the one it says the count starts from ("from the police referral", "the
    clock starts when the police referral reaches us"), else the first option named; an option
    denied ("not from the referral", "rather than the return") never counts."""
    found = _block_text(reading, spec.id)
    if found is None:
        return None
    text, _ = found
    options = [o for o in spec.options if o.words]
    words = "|".join(o.words for o in options if o.words)

    def option_of(said: str) -> dict[str, Any] | None:
        for option in options:
            if re.search(rf"(?:{option.words})$", said, re.IGNORECASE):
                return _choice([option.value], said)
        return None

    opening = re.match(rf"\W*(?:{words})\b", text.lstrip(), re.IGNORECASE)
    if opening:
        chosen = option_of(opening.group(0).strip(" \t\n*-:|("))
        if chosen:
            return chosen
    # "from the time the police notification reaches us", "starts on the day the child
    # returns", "from the child’s return"
    moment = (
        r"(?:(?:date|time|moment|point|day)(?: and time)?\s+(?:(?:of|that|when|on which)\s+)?)?"
    )
    who = r"(?:the )?(?:(?:child|young person)(?:['’]?s)?\s+)?"
    for pattern in (
        rf"\bfrom (?:the )?{moment}{who}(?:{words})",
        rf"\b(?:starts?|runs?|begins?|counted)\s+(?:at|when|on|with|from)\s+(?:the )?{moment}"
        rf"{who}(?:{words})",
    ):
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if _denied_at(text, match.start(), reach=14):
                continue
            if _POLICE_RECORD_THE_RETURN.match(text, match.end()):
                continue  # "from the time the police record the child as returned": the return
            chosen = option_of(match.group(0))
            if chosen:
                return chosen
    lowered = text.lower()
    for option in spec.options:
        name = (option.name or option.value.replace("_", " ")).lower()
        for at in (m.start() for m in re.finditer(re.escape(name), lowered)):
            if not _denied_at(lowered, at):
                return _choice([option.value], text[at : at + len(name)])
    return _nothing()


_POLICE_RECORD_THE_RETURN = re.compile(
    r"\s+(?:record|log|note|mark|show|confirm)s?(?:ed)?\b[^.;\n]{0,40}?\b(?:return|returned|back|"
    r"found|home)\b",
    re.IGNORECASE,
)
_DENIED_BEFORE = re.compile(r"\b(?:not|rather than|instead of|never)\b[^,.;]*$", re.IGNORECASE)


def _denied_at(text: str, at: int, reach: int = 30) -> bool:
    """Do the words just before ``at`` deny what follows ("not from the referral")?"""
    return bool(_DENIED_BEFORE.search(text[max(0, at - reach) : at]))


def _first_named(reading: LetterReading, spec: FieldSpec) -> dict[str, Any] | None:
    """The option the answer opens with ("Hours", then the wrapped "or working days?" of a
    two-column layout), else the first option, in the order listed, whose words it uses."""
    found = _block_text(reading, spec.id)
    if found is None:
        return None
    text, _ = found
    for option in spec.options:
        opening = re.match(rf"\W*(?:{option.words or '$^'})\b", text, re.IGNORECASE)
        if opening:
            return _choice([option.value], opening.group(0).strip(" \t\n*-:|("))
    for option in spec.options:
        for match in re.finditer(option.words or "$^", text, re.IGNORECASE):
            if not _denied_at(text, match.start()):
                return _choice([option.value], match.group(0))
    return _nothing()


def _answered_options(reading: LetterReading, spec: FieldSpec) -> dict[str, Any] | None:
    """Options each answered yes or no (or ticked) where the answer names them; failing any
    answer, the options a plain statement names without denying them."""
    found = _block_text(reading, spec.id)
    if found is None:
        return None
    text, _ = found
    chosen: list[str] = []
    quotes: list[str] = []
    answered = False
    for option in spec.options:
        for match in re.finditer(option.words or "$^", text, re.IGNORECASE):
            said = _answer_after(text, match.end())
            answered = answered or said is not None
            if said == "yes" or (said is None and _ticked_near(text, match.start())):
                if option.value not in chosen:
                    chosen.append(option.value)
                    quotes.append(_line_of(text, match.start()))
                break
    if not chosen and not answered and not ticked_options(text):
        # a plain statement: "b) team based within the local authority - Missing Team"
        for option in spec.options:
            plain = re.search(option.words or "$^", text, re.IGNORECASE)
            if plain and not re.search(
                r"\b(?:no|not|never)\b[^.\n]*$", text[: plain.start()], re.IGNORECASE
            ):
                chosen.append(option.value)
                quotes.append(_line_of(text, plain.start()))
    if not chosen:
        return _nothing()
    return _choice(chosen, quotes[0])


def _answer_after(text: str, at: int) -> str | None:
    """The yes/no answer that follows an option ('... agency Yes/No\\nNo', '...: Yes')."""
    window = text[at : at + 80]
    window = re.sub(r"\(?yes\s*/\s*no\)?", " ", window, flags=re.IGNORECASE)
    match = re.match(
        r"[^\n]{0,40}?[:?\-–]?\s*\n?\s*(?:answer:?\s*)?\b(yes|no)\b", window, re.IGNORECASE
    )
    return match.group(1).lower() if match else None


def _ticked_near(text: str, at: int) -> bool:
    line = _line_of(text, at)
    return bool(re.search(r"\[\s*[xX✓✔]\s*\]|☒|(?:^|\s)[xX✓✔](?:\s|$)", line))


def _line_after_blanks(text: str, at: int) -> str:
    """The line at ``at``, from after any run of blanks before it (an option list blanked
    out by `_without_option_lists`) to its end: the words the letter wrote there."""
    start = text.rfind("\n", 0, at) + 1
    gap = text.rfind("   ", start, at)
    start = gap + 3 if gap >= 0 else start
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()


def _line_of(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)].strip()


CHOICE_READERS = {
    "ticked": _ticked,
    "from_named": _from_named,
    "first_named": _first_named,
    "answered_options": _answered_options,
}


def _choices(reading: LetterReading) -> dict[str, dict[str, Any]]:
    answers: dict[str, dict[str, Any]] = {}
    for field_id in fields_for(reading.questionnaire):
        spec = FIELDS[field_id]
        answer: dict[str, Any] | None = None
        if spec.kind == "choice":
            answer = CHOICE_READERS[spec.reader](reading, spec)
        elif spec.kind == "provider":
            answer = _provider(reading, field_id)
        elif spec.kind == "text":
            answer = _text(reading, field_id)
        if answer is not None:
            answers[field_id] = answer
    return answers


_NOW = re.compile(r"\b(?:at present|now|currently|today|these days|since)\b", re.IGNORECASE)


def _own_period(reading: LetterReading, field_id: str, block: Span) -> str:
    """A provider answer shared by the questions of several years, cut to the sentences of
    this field's year ("At present, and throughout 2016/17, ... the Safe Return Team. In
    2013/14 the work was commissioned from a local charity"); the whole answer otherwise."""
    text = reading.letter.excerpt(block)
    sharing = [
        f for f in reading.fields_overlapping(block) if FIELDS[f].kind == FIELDS[field_id].kind
    ]
    if len(sharing) < 2:
        return text
    years = {
        year_label(m)
        for q in questions_for_field(reading.questionnaire, field_id)
        for m in YEAR_TOKEN.finditer(q.wording)
    }
    own = []
    for sentence in reading.sentences_in(block):
        said = reading.letter.excerpt(sentence)
        named = {year_label(m) for m in YEAR_TOKEN.finditer(said)}
        if (years and years & named) or (not years and (not named or _NOW.search(said))):
            own.append(said)
    return "\n".join(own) if own else text


def _provider(reading: LetterReading, field_id: str) -> dict[str, Any] | None:
    blocks = reading.blocks_of(field_id)
    if not blocks:
        return None
    text = _own_period(reading, field_id, blocks[0])
    withheld = withheld_status(text)
    now = FIELDS[field_id].tense == "now"
    result = read_provider(with_abbreviations(text, reading.text), now=now)
    referred = [b for b in reading.answer_blocks(field_id) if b not in blocks]
    if not result.kinds and referred:
        # "2. As 1.": the kinds the answer it points to names
        text = reading.letter.excerpt(referred[0])
        result = read_provider(text, now=now)
    if not result.kinds:
        if withheld:
            return {"value": None, "status": withheld.value, "quote": _clip_quote(text, 120)}
        return _nothing()
    return {
        "value": [k.value for k in result.kinds],
        "status": "answered",
        "quote": result.quote,
        "agency": _as_written(result.agency, reading),
        "team": _as_written(result.team, reading),
        "detail": _clip_quote(" ".join(text.split()), 300) or None,
    }


def _as_written(name: str | None, reading: LetterReading) -> str | None:
    """A name read from an answer with the letter's abbreviations spelt out, kept only when
    the letter writes it so (the verifier holds free text to the letter's own words)."""
    if name is None or loose(name) not in loose(reading.text):
        return None
    return name


def _text(reading: LetterReading, field_id: str) -> dict[str, Any] | None:
    blocks = reading.blocks_of(field_id)
    if not blocks:
        return None
    block = _prose(reading, blocks[0])
    text = reading.letter.excerpt(block).strip().strip("|").strip()
    text = _ANSWER_LABEL.sub("", text, count=1)
    pointer = _SEE_NOTE.match(text)
    if pointer:
        text = _note_text(reading.text, pointer.group(1)) or text
    first = _OWN_LABEL.sub("", text.split("\n", 1)[0], count=1)  # "Comments: N/A"
    if not text or NOT_APPLICABLE.match(text) or NOT_APPLICABLE.match(first.strip()):
        return _nothing()
    if _NOTHING_TO_ADD.match(first) or _NOTHING_TO_ADD.match(text.split("\n", 1)[0]):
        return _nothing()  # (its first line: "We have no further comments to add." over a note)
    if _SEE_ONLY.match(text):
        return _nothing()  # a pointer we cannot follow is no answer
    quote = _clip_quote(text.split("\n\n")[0], 300)
    return {"value": text[:2000], "status": "answered", "quote": quote}


_ANSWER_LABEL = re.compile(r"^(?:response|answer|reply|our response)\s*[:\-–]\s*", re.IGNORECASE)
_OWN_LABEL = re.compile(r"^[A-Za-z][A-Za-z '/-]{2,40}:[ \t]*")  # the question's short label
_NOTHING_TO_ADD = re.compile(
    r"^\W*(?:(?:we have|we've|there (?:is|are)|the council has) )?"
    r"(?:no(?:thing)? (?:further|other|additional|more) (?:(?:comments?|information|"
    r"details?)(?: to add)?|to add)|nothing (?:further |more |else )?to add|no comments?|"
    r"[-–—]+)(?: (?:at|on|for|to) this (?:stage|time|point|question|part|request))?\W*$",
    re.IGNORECASE,
)
_SEE_NOTE = re.compile(r"^\W*(?:please\s+)?see\s+(note\s+[a-z0-9]{1,3})\W*$", re.IGNORECASE)
_SEE_ONLY = re.compile(
    r"^\W*(?:please\s+)?(?:see|refer to)\b[^.\n]{0,60}\W*$|^\W*as (?:above|below)\W*$",
    re.IGNORECASE,
)


def _note_text(text: str, note: str) -> str | None:
    """The paragraph a "See note C" points to, without its label."""
    label = r"\s+".join(re.escape(w) for w in note.split())
    found = re.search(rf"(?im)^[ \t*]*{label}\b[.:)]?[ \t]*(\S.*?)(?:\n[ \t]*\n|\Z)", text, re.S)
    return found.group(1).strip() if found else None


_HEADING = re.compile(
    r"^\s*(?:table|note|annex|appendix|chart|figure|part|section)\b[^\n]{0,80}$|"
    r"^\s*[^\n.!?:]{1,60}$",
    re.IGNORECASE,
)


def _prose(reading: LetterReading, block: Span) -> Span:
    """A free-text answer's own words: the block up to a table, or a heading after a
    paragraph break ("Table 2: ...", "Children placed out of area", "Note A.")."""
    text = reading.text
    end = block.end
    for table in reading.tables:
        if block.start < table.start < end and not table.start <= block.start:
            end = min(end, table.start)
    body = block.start + len(text[block.start : end]) - len(text[block.start : end].lstrip())
    offset = text.find("\n\n", body, end)  # (the answer's own first line is never a heading)
    while offset >= 0:
        line_end = text.find("\n", offset + 2)
        line = text[offset + 2 : line_end if 0 <= line_end < end else end]
        if line.strip() and (
            _HEADING.match(line)
            or re.match(r"\s*note [a-z0-9]\b", line, re.I)
            or line.rstrip().endswith("?")  # the next question, quoted on a line of its own
        ):
            end = offset
            break
        offset = text.find("\n\n", offset + 2, end)
    return Span(start=block.start, end=max(block.start, end))


# --------------------------------------------------------------------------------------------
# The backend
# --------------------------------------------------------------------------------------------


def extract_rules(reading: LetterReading) -> SurveyResponse:
    data: dict[str, Any] = letter_metadata(reading)
    data["questionnaire"] = reading.questionnaire
    if reading.spec is not None:
        data.update(_numeric_answers(reading))
        data.update(_choices(reading))
    return make_response(data)


class RulesBackend(Backend):
    """The deterministic offline extractor (no model, no key, no network)."""

    name = "rules"
    version = "rules-1"
    blocking = True

    def extract_blocking(self, reading: LetterReading) -> Extraction:
        return Extraction(
            response=extract_rules(reading),
            provenance=Provenance(backend=self.name, schema_version=SCHEMA_VERSION),
        )


__all__ = ["RulesBackend", "extract_rules"]
