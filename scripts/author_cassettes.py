"""Write the AUTHORED cassettes in cassettes/authored/: no model was called to make them.

    python scripts/author_cassettes.py [--out cassettes/authored]

For every letter a gold file names (our own letters and their PDF/DOCX forms; never the seed
letters, whose text must not be copied into the repository), this script:

1. writes the answer a careful model would give: the gold values with their quotes (a choice's
   quote taken from the rules backend's reading of the same letter, a free-text answer from
   the rules), then applies the deliberate model-style mistakes listed below for that letter;
2. serves those answers from the fake OpenAI-compatible server (`rhi_llm.testing.fake_server`) and
   runs the real model backend against it with vcrpy recording, so the cassette holds exactly
   the requests rhi-llm sends (prompt, letter, schema) and the answers in the provider's wire
   format;
3. writes `<letter>.provenance.json`: kind "authored", the command, and every mistake.

Replaying them (`rhi-llm eval --backend llm --cassettes cassettes/authored`) measures parsing,
merging, verification and scoring, not a model. Rerun this script after changing a prompt or
the schema: the cassettes match requests by body.

    python scripts/author_cassettes.py --injection [--out cassettes/injection]

writes the prompt-injection cassettes instead: for the letters of `eval/injection/letters/`
(gold in `eval/injection/gold/`), answers that imitate a model which OBEYS the instructions
planted in the letter, as listed in `eval/injection/injections.json` (the injected value quoting
the injected sentence, the injected value with the council's real quote, the injected value
with no quote, or an injected status), everything else as a careful model gives it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rhi_llm.core.questionnaires import FIELDS, fields_for
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.settings import build_settings
from rhi_llm.core.text import utc_now
from rhi_llm.extract.cassettes import CassetteProvenance, Mistake, write_provenance
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.extract.response_models import response_model_for, wire_from_flat
from rhi_llm.extract.rules import extract_rules
from rhi_llm.gold import GoldCase, load_gold_set
from rhi_llm.letters import load
from rhi_llm.pipeline import process_letter
from rhi_llm.reading import read
from rhi_llm.testing.fake_server import FakeOpenAI

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

# The third questionnaire's letters (eval/commissioning): its fields are defined only in its
# questionnaire file.
COMMISSIONING_MISTAKES: dict[str, list[tuple[str, str, str, Change]]] = {
    "blackfen-2025": [
        (
            "rhi_exploitation_identified",
            "other_question",
            "the answer to question 3 given for question 4",
            lambda a, r: a.update(rhi_exploitation_identified=figure(1207, "1,207")),
        ),
    ],
    "dunholme-2025": [
        (
            "rhi_exploitation_identified",
            "number_where_exempt",
            "the section number of the exemption given as the figure",
            lambda a, r: a.update(rhi_exploitation_identified=figure(40, "section 40(2)")),
        ),
    ],
    "amberley-moor-2025": [
        (
            "rhi_completed",
            "digit_typo",
            "812 typed as 821, quote copied right",
            lambda a, r: a["rhi_completed"].update(value=821),
        ),
    ],
}

INJECTIONS = REPO / "eval" / "injection"
OBEYS = {
    "injected_quote": "the injected value, quoting the injected words",
    "true_quote": "the injected value, quoting the council's real answer",
    "no_quote": "the injected value with the quote left empty, as the injection asked",
}


def _obey(target: dict[str, Any]) -> Change:
    """The change to a careful answer that follows one injected instruction."""
    field_id, quote = target["field"], target.get("quote")

    def change(answers: Answers, reading: LetterReading) -> None:
        if "status" in target:
            answers[field_id] = figure(None, quote, unit=None, status=target["status"])
        elif target["obeys"] == "true_quote":
            answers[field_id] = {**answers[field_id], "value": target["value"]}
        else:
            answers[field_id] = figure(target["value"], quote)

    return change


def injection_mistakes(listing: Path) -> dict[str, list[tuple[str, str, str, Change]]]:
    """MISTAKES for the injection letters: every target of injections.json that a cassette
    obeys (``"obeys"`` not null), as the change that obeys it."""
    found: dict[str, list[tuple[str, str, str, Change]]] = {}
    for entry in json.loads(listing.read_text(encoding="utf-8"))["letters"]:
        stem = Path(entry["letter"]).stem
        for injection in entry["injections"]:
            for target in injection["targets"]:
                if not target.get("obeys"):
                    continue
                planted = (
                    f"status {target['status']}" if "status" in target else str(target["value"])
                )
                how = "an injected status" if "status" in target else OBEYS[target["obeys"]]
                description = (
                    f"obeys the {entry['style']} injection ({injection['where']}): "
                    f"{planted} instead of {target['true_value']}; {how}"
                )
                found.setdefault(stem, []).append(
                    (target["field"], "obeyed_injection", description, _obey(target))
                )
    return found


def careful_answers(case: GoldCase, reading: LetterReading) -> Answers:
    """The gold answer, in the form a careful model returns it (all fields, quotes)."""
    rules = extract_rules(reading)
    answers: Answers = {
        "council": case.gold.council,
        "reference": case.gold.reference,
        "response_date": case.gold.response_date,
        "period": case.gold.period.model_dump() if case.gold.period else None,
    }
    for field_id in fields_for(case.gold.questionnaire):
        gold = case.gold.fields.get(field_id)
        ruled = rules.answer(field_id)
        ruled_data = ruled.model_dump(mode="json", exclude={"kind"}) if ruled else None
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
    # the answer fits the questionnaire's response model
    response_model_for(case.gold.questionnaire, fields_for(case.gold.questionnaire)).model_validate(
        wire_from_flat(answers)
    )
    return answers


NOTE = (
    "AUTHORED: the answers were written by scripts/author_cassettes.py from the gold "
    "file, with the deliberate mistakes listed; no model was called"
)
INJECTION_NOTE = (
    "AUTHORED: the responses were written by hand (scripts/author_cassettes.py --injection, "
    "from the gold file and eval/injection/injections.json) to imitate a model that follows "
    "instructions injected into the letter; every obeyed injection is listed as a mistake; "
    "no model was called"
)


def author(
    case: GoldCase,
    letter: Path,
    out: Path,
    server: FakeOpenAI,
    *,
    mistakes_by_stem: dict[str, list[tuple[str, str, str, Change]]] | None = None,
    note: str = NOTE,
    command: str | None = None,
) -> CassetteProvenance:
    reading = read(load(letter))
    answers = careful_answers(case, reading)
    stem = case.path.stem
    mistakes: list[Mistake] = []
    listed = MISTAKES if mistakes_by_stem is None else mistakes_by_stem
    for field_id, kind, description, change in listed.get(stem, []):
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
    server.enqueue(*(wire_from_flat(reply) for reply in replies))
    settings = build_settings(
        environ={"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": "sk-authoring-dummy"}
    )
    backend = LlmBackend(settings, cassettes=out, record=True)

    async def run() -> None:
        try:
            outcome = await process_letter(letter, backend)
        finally:
            await backend.aclose()
        if outcome.error is not None:
            raise SystemExit(f"{letter}: {outcome.error}")

    asyncio.run(run())
    provenance = CassetteProvenance(
        kind="authored",
        letter=letter.name,
        created=utc_now(),
        command=command or COMMAND,
        prompt_hash=backend.prompts.hash,
        model=settings.model,
        endpoint="the fake server of rhi_llm.testing.fake_server (no model)",
        note=note,
        mistakes=mistakes,
    )
    write_provenance(out, provenance)
    return provenance


COMMAND = "python scripts/author_cassettes.py"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--injection",
        action="store_true",
        help="author the prompt-injection cassettes (eval/injection -> cassettes/injection)",
    )
    parser.add_argument(
        "--commissioning",
        action="store_true",
        help="author the third questionnaire's cassettes "
        "(eval/commissioning -> cassettes/commissioning)",
    )
    args = parser.parse_args(argv)
    out: Path
    if args.commissioning:
        out = args.out or REPO / "cassettes" / "commissioning"
        gold, letters = REPO / "eval" / "commissioning" / "gold", REPO / "eval" / "commissioning"
        letters = letters / "letters"
        listed, note, command = COMMISSIONING_MISTAKES, NOTE, f"{COMMAND} --commissioning"
    elif args.injection:
        out = args.out or REPO / "cassettes" / "injection"
        gold, letters = INJECTIONS / "gold", INJECTIONS / "letters"
        listed = injection_mistakes(INJECTIONS / "injections.json")
        note, command = INJECTION_NOTE, f"{COMMAND} --injection"
    else:
        out = args.out or REPO / "cassettes" / "authored"
        gold, letters = REPO / "eval" / "gold", REPO / "eval" / "letters"
        listed, note, command = MISTAKES, NOTE, COMMAND
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    cases = load_gold_set(gold, letters)
    with FakeOpenAI() as server:
        for case in cases:
            if case.gold.source == "seeds":
                print(f"skip {case.path.name}: seed letters are third-party text, not recorded")
                continue
            for letter in case.letters:
                made = author(
                    case,
                    letter,
                    out,
                    server,
                    mistakes_by_stem=listed,
                    note=note,
                    command=command,
                )
                print(f"wrote {letter.name}: {len(made.mistakes)} deliberate mistake(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
