"""Write the AUTHORED cassettes in cassettes/authored/: no model was called to make them.

    python scripts/author_cassettes.py [--out cassettes/authored]

For every letter a gold file names (our own letters and their PDF/DOCX forms; never the seed
letters, whose text must not be copied into the repository), this script:

1. writes the answer a careful model would give: the gold values with their quotes (a choice's
   quote taken from the rules backend's reading of the same letter, a free-text answer from
   the rules), then applies the deliberate model-style mistakes listed below for that letter;
2. serves those answers from the fake OpenAI-compatible server (`rhi_llm.fake_server`) and
   runs the real model backend against it with vcrpy recording, so the cassette holds exactly
   the requests rhi-llm sends (prompt, letter, schema) and the answers in the provider's wire
   format;
3. writes `<letter>.provenance.json`: kind "authored", the command, and every mistake.

Replaying them (`rhi-llm eval --backend llm --cassettes cassettes/authored`) measures parsing,
merging, verification and scoring, not a model. Rerun this script after changing a prompt or
the schema: the cassettes match requests by body.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rhi_llm.cassettes import CassetteProvenance, Mistake, now, write_provenance
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.extract.rules import extract_rules
from rhi_llm.fake_server import FakeOpenAI
from rhi_llm.gold import GoldCase, load_gold_set
from rhi_llm.letters import load
from rhi_llm.pipeline import close_backend, process_letter
from rhi_llm.reading import LetterReading
from rhi_llm.settings import build_settings
from rhi_llm.survey import FIELDS, SurveyResponse, fields_for

REPO = Path(__file__).resolve().parent.parent
Answers = dict[str, Any]
Change = Callable[[Answers, LetterReading], None]


def figure(
    value: float | None,
    quote: str | None,
    unit: str | None = "count",
    of: str | None = None,
    status: str = "answered",
) -> dict[str, Any]:
    return {"value": value, "unit": unit, "of": of, "status": status, "quote": quote}


def letterhead_number(answers: Answers, reading: LetterReading) -> None:
    mention = next(m for m in reading.numbers if m.kind in ("phone", "address", "postcode"))
    line_start = reading.text.rfind("\n", 0, mention.start) + 1
    line_end = reading.text.find("\n", mention.end)
    answers["missing_children"] = figure(mention.value, reading.text[line_start:line_end].strip())


# (letter stem) -> [(field, kind, description, change)]
MISTAKES: dict[str, list[tuple[str, str, str, Change]]] = {
    "northbridge-2018": [
        (
            "missing_children",
            "swapped_field",
            "the incidents figure given as the number of children",
            lambda a, r: a.update(missing_children=figure(1032, "1,032 missing episodes")),
        ),
        (
            "rhi_within_72h",
            "distractor_date",
            "the day of the letter's date taken as a figure",
            lambda a, r: a.update(rhi_within_72h=figure(14, "Date: 14 June 2018")),
        ),
    ],
    "easton-vale-2018": [
        (
            "ooa_rhi_offered",
            "number_where_refused",
            "a figure from the section 12 cost calculation given as the answer",
            lambda a, r: a.update(ooa_rhi_offered=figure(300, "300 episode records")),
        ),
        (
            "incoming_placed_children",
            "number_where_not_held",
            "the decoy count of paper forms given where the letter says not held",
            lambda a, r: a.update(
                incoming_placed_children=figure(639, "639 paper notification forms")
            ),
        ),
    ],
    "hollinford-2024": [
        (
            "lac_total",
            "other_year",
            "the 2022/23 column of a two-year table",
            lambda a, r: a.update(lac_total=figure(1187, "1,187")),
        ),
    ],
    "westmarch-2024": [
        (
            "rhi_declined",
            "percent_as_count",
            "a percentage stored as a count",
            lambda a, r: a["rhi_declined"].update(unit="count", of=None),
        ),
        (
            "missing_incidents",
            "paraphrased_quote",
            "a quote reworded in the first answer (sent back, corrected on re-ask)",
            None,
        ),  # type: ignore[list-item]
    ],
    "larkfield-2024": [
        (
            "missing_children",
            "distractor_letterhead",
            "a number from the letterhead",
            letterhead_number,
        ),
    ],
    "kingsmere-2018": [
        (
            "ooa_missing_children",
            "wrong_column",
            "the episodes column given as children",
            lambda a, r: a.update(
                ooa_missing_children=figure(118, "Went missing while placed out of area | 27 | 118")
            ),
        ),
    ],
    "thornbury-2018": [
        (
            "incoming_rhi_completed",
            "number_where_exempt",
            "the suppression threshold ('fewer than 5') given as the figure",
            lambda a, r: a.update(incoming_rhi_completed=figure(5, "fewer than 5")),
        ),
    ],
    "ashcombe-2018": [
        (
            "missing_incidents",
            "digit_typo",
            "764 typed as 746, quote copied right",
            lambda a, r: a["missing_incidents"].update(value=746),
        ),
    ],
    "ravensworth-2024": [
        (
            "rhi_completed",
            "wrong_base",
            "a percentage of offers stored as of missing incidents",
            lambda a, r: a["rhi_completed"].update(of="missing_incidents"),
        ),
    ],
    "brackley-2024": [
        (
            "rhi_within_72h",
            "other_question",
            "the answer to question 6 given for question 8",
            lambda a, r: a.update(rhi_within_72h=figure(598, "598")),
        ),
    ],
}
REASK_FIRST = {"westmarch-2024": ("missing_incidents", "six hundred and forty-one incidents")}


def careful_answers(case: GoldCase, reading: LetterReading) -> Answers:
    """The gold answer, in the form a careful model returns it (all fields, quotes)."""
    rules = extract_rules(reading)
    answers: Answers = {
        "council": case.gold.council,
        "reference": case.gold.reference,
        "response_date": case.gold.response_date,
        "period": case.gold.period.model_dump() if case.gold.period else None,
        "questionnaire": case.gold.questionnaire.value,
    }
    for field_id in fields_for(case.gold.questionnaire):
        gold = case.gold.fields.get(field_id)
        ruled = rules.answer(field_id)
        ruled_data = ruled.model_dump(mode="json") if ruled is not None else None
        if gold is None:
            answers[field_id] = ruled_data
            continue
        entry: dict[str, Any] = {
            "value": gold.value,
            "status": gold.effective_status.value,
            "quote": gold.quote,
        }
        if FIELDS[field_id].kind == "numeric":
            entry |= {"unit": gold.unit.value if gold.unit else None, "of": gold.of}
        elif ruled_data is not None:
            same = (
                sorted(map(str, ruled_data.get("value") or [])) == sorted(gold.value or [])
                if isinstance(gold.value, list)
                else ruled_data.get("value") == gold.value
            )
            entry["quote"] = gold.quote or (ruled_data.get("quote") if same else None)
            for extra in ("detail", "agency", "team"):
                if extra in ruled_data:
                    entry[extra] = ruled_data[extra] if same else None
        answers[field_id] = entry
    SurveyResponse.model_validate(answers)  # the answer fits the schema
    return answers


def author(case: GoldCase, letter: Path, out: Path, server: FakeOpenAI) -> CassetteProvenance:
    reading = LetterReading(load(letter))
    answers = careful_answers(case, reading)
    stem = case.path.stem
    mistakes: list[Mistake] = []
    for field_id, kind, description, change in MISTAKES.get(stem, []):
        if change is not None:
            change(answers, reading)
            mistakes.append(Mistake(field=field_id, kind=kind, description=description))
    replies: list[Answers] = [answers]
    if stem in REASK_FIRST:
        field_id, reworded = REASK_FIRST[stem]
        first = {k: (dict(v) if isinstance(v, dict) else v) for k, v in answers.items()}
        first[field_id] = {**first[field_id], "quote": reworded}
        replies = [first, answers]
        mistakes.append(
            Mistake(
                field=field_id,
                kind="paraphrased_quote",
                description=f"first answer quoted {reworded!r}, which is not in "
                "the letter; the validator sent it back and the "
                "second answer copied the letter",
                outcome="corrected_on_reask",
            )
        )
    server.enqueue(*replies)
    settings = build_settings(
        environ={"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-authoring-dummy"}
    )
    backend = LlmBackend(settings, cassettes=out, record=True)

    async def run() -> None:
        try:
            outcome = await process_letter(letter, backend)
        finally:
            await close_backend(backend)
        if outcome.error is not None:
            raise SystemExit(f"{letter}: {outcome.error}")

    asyncio.run(run())
    provenance = CassetteProvenance(
        kind="authored",
        letter=letter.name,
        created=now(),
        command=COMMAND,
        prompt_hash=backend.prompts.hash,
        model=settings.model,
        endpoint="the fake server of rhi_llm.fake_server (no model)",
        note="AUTHORED: the answers were written by scripts/author_cassettes.py from the gold "
        "file, with the deliberate mistakes listed; no model was called",
        mistakes=mistakes,
    )
    write_provenance(out, provenance)
    return provenance


COMMAND = "python scripts/author_cassettes.py"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "cassettes" / "authored")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    cases = load_gold_set(REPO / "eval" / "gold", REPO / "eval" / "letters")
    with FakeOpenAI() as server:
        for case in cases:
            if case.gold.source == "seeds":
                print(f"skip {case.path.name}: seed letters are third-party text, not recorded")
                continue
            for letter in case.letters:
                made = author(case, letter, out, server)
                print(f"wrote {letter.name}: {len(made.mistakes)} deliberate mistake(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
