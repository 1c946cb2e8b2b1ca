"""The eval harness: scoring rules with hand-computed figures, the pipeline run, thresholds,
comparisons and the `eval` command.

Scoring tests build the outcome of a letter by hand (the response and the verifier's verdicts),
so each figure below is worked out in a comment from the fields listed. The pipeline tests run
a fake backend over tiny letters of our own through the real loader and verifier.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rhi_llm import cli
from rhi_llm.core.contracts import Backend, Extraction
from rhi_llm.core.errors import ConfigError, LetterError
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.records import Provenance, TokenUsage, Verdict
from rhi_llm.core.survey import SurveyResponse
from rhi_llm.core.types import Check, CheckCode
from rhi_llm.evaluate import (
    EvalResult,
    Job,
    check_thresholds,
    compare,
    evaluate,
    evaluate_folder,
    load_thresholds,
    score_outcomes,
)
from rhi_llm.gold import GoldCase, GoldFile, load_gold_set, response_from_gold
from rhi_llm.pipeline import LetterOutcome
from rhi_llm.verify import FieldReport, VerificationReport

from conftest import EVAL

runner = CliRunner()

# A tiny reply to the 2024 questionnaire, written for these tests.
TINY_2024 = """Dear Requester,

Freedom of Information request

1. How many individual children were reported missing from the local authority between
1 April 2023 and 31 March 2024?
215 children were reported missing.

2. How many total incidents of children going missing were reported?
There were 640 incidents.

3. How many children did the local authority look after from 1 April 2023 to
31 March 2024?
This information is not held.

6. How many return interviews were offered after a missing incident?
Interviews were offered after 87.7% of missing incidents.

9. Who provides return interviews in your area?
A team within the council and a local youth service.

Yours sincerely,
Information Governance
"""

TINY_GOLD: dict[str, Any] = {
    "letter": "tiny-2024.txt",
    "also": ["tiny-2024.md"],
    "questionnaire": "rhi-2024",
    "fields": {
        "missing_children": {"value": 215, "unit": "count", "quote": "215 children"},
        "missing_incidents": {"value": 640, "unit": "count", "quote": "640 incidents"},
        "lac_total": {"status": "not_held", "quote": "This information is not held."},
        "rhi_offered": {
            "value": 87.7,
            "unit": "percent",
            "of": "missing_incidents",
            "quote": "87.7% of missing incidents",
        },
        "provider": {
            "value": ["local_authority_team", "youth_worker"],
            "quote": "A team within the council and a local youth service.",
        },
    },
}


# --------------------------------------------------------------------------------------------
# Hand-built outcomes
# --------------------------------------------------------------------------------------------


def gold_case(fields: dict[str, Any], questionnaire: str = "rhi-2024") -> GoldCase:
    gold = GoldFile.model_validate(
        {"letter": "hand.txt", "questionnaire": questionnaire, "fields": fields}
    )
    return GoldCase(path=Path("hand.json"), gold=gold, letters=[Path("hand.txt")])


def outcome(
    answers: dict[str, Any],
    verdicts: dict[str, Verdict] | None = None,
    questionnaire: str = "rhi-2024",
) -> LetterOutcome:
    """A letter's outcome as the pipeline would give it, with the verdicts chosen by hand (a
    flagged field gets one failed check). Fields without a verdict are ok when answered."""
    response = SurveyResponse.model_validate({"questionnaire": questionnaire, **answers})
    verdicts = verdicts or {}
    reports = {}
    for field_id in answers:
        verdict = verdicts.get(field_id, "ok")
        failed = (Check(code=CheckCode.ALIGNED, passed=False, message="hand-made flag"),)
        reports[field_id] = FieldReport(
            field=field_id, verdict=verdict, checks=failed if verdict == "flagged" else ()
        )
    for field_id, verdict in verdicts.items():
        reports.setdefault(field_id, FieldReport(field=field_id, verdict=verdict))
    report = VerificationReport(letter_sha256="0", questionnaire=questionnaire, fields=reports)
    return LetterOutcome(path="hand.txt", response=response, report=report)


def score(case: GoldCase, *outcomes: LetterOutcome) -> EvalResult:
    done = [(Job(case, Path(f"hand-{i}.txt")), o) for i, o in enumerate(outcomes)]
    return score_outcomes("hand", done)


def count(value: float, quote: str = "q") -> dict[str, Any]:
    return {"value": value, "unit": "count", "status": "answered", "quote": quote}


def percent(value: float, of: str) -> dict[str, Any]:
    return {"value": value, "unit": "percent", "of": of, "status": "answered", "quote": "q"}


# --------------------------------------------------------------------------------------------
# Scoring rules
# --------------------------------------------------------------------------------------------


def test_percent_vs_count_and_the_base_of_a_percent() -> None:
    case = gold_case(
        {
            "missing_children": {"value": 215, "unit": "count"},
            "missing_incidents": {"value": 640, "unit": "count"},
            "rhi_offered": {"value": 87.7, "unit": "percent", "of": "missing_incidents"},
            "rhi_declined": {"value": 12, "unit": "count"},
            "rhi_within_72h": {"value": 78, "unit": "percent", "of": "rhi_completed"},
        }
    )
    result = score(
        case,
        outcome(
            {
                "missing_children": count(215.0000001),  # right: within 1e-6
                "missing_incidents": count(640),  # right
                "rhi_offered": count(87.7),  # wrong: a percent stored as a count
                "rhi_declined": percent(12, "rhi_offered"),  # wrong: a count stored as a percent
                "rhi_within_72h": percent(78, "rhi_offered"),  # wrong: percent of another base
            }
        ),
    )
    figures = result.as_json()
    # 5 scored, 2 right -> 0.4; all five numeric; every status is "answered" as in the gold
    assert figures["fields_scored"] == 5
    assert figures["accuracy"] == 0.4
    assert figures["numeric_accuracy"] == 0.4
    assert figures["categorical_accuracy"] is None  # no categorical field scored
    assert figures["status_accuracy"] == 1.0
    assert figures["coverage"] == 1.0  # 5 gold values, 5 extracted values
    wrong = {w["field"] for w in figures["wrong_fields"]}
    assert wrong == {"rhi_offered", "rhi_declined", "rhi_within_72h"}


def test_status_alone_decides_a_field_without_a_value() -> None:
    case = gold_case(
        {
            "lac_total": {"value": None, "status": "not_held"},
            "lac_missing_children": {"value": None, "status": "not_held"},
            "lac_missing_incidents": {"value": None, "status": "refused"},
        }
    )
    result = score(
        case,
        outcome(
            {
                "lac_total": {"value": None, "status": "not_held"},  # right
                # lac_missing_children left out -> not_answered: wrong
                "lac_missing_incidents": {"value": None, "status": "not_held"},  # wrong status
            }
        ),
    )
    figures = result.as_json()
    # 3 scored, 1 right (lac_total): accuracy = status accuracy = 1/3
    assert figures["fields_scored"] == 3
    assert figures["accuracy"] == 0.3333
    assert figures["status_accuracy"] == 0.3333
    assert figures["coverage"] is None  # no gold value to cover
    assert figures["per_field"]["lac_total"]["accuracy"] == 1.0
    assert figures["per_field"]["lac_missing_children"]["accuracy"] == 0.0


def test_categorical_values_match_as_sets() -> None:
    case = gold_case(
        {
            "provider": {"value": ["local_authority_team", "youth_worker"]},
            "follow_up_support": {"value": ["yes"]},
        }
    )
    result = score(
        case,
        outcome(
            {
                "provider": {
                    "value": ["youth_worker", "local_authority_team"],
                    "status": "answered",
                },
                "follow_up_support": {"value": ["no"], "status": "answered"},
            }
        ),
    )
    figures = result.as_json()
    # provider: same set in another order -> right; follow-up: yes vs no -> wrong
    assert figures["categorical_accuracy"] == 0.5
    assert figures["numeric_accuracy"] is None
    assert figures["per_field"]["provider"]["accuracy"] == 1.0
    assert figures["per_field"]["follow_up_support"]["accuracy"] == 0.0


def test_wrong_but_flagged_versus_wrong_and_silent() -> None:
    case = gold_case(
        {
            "missing_children": {"value": 215, "unit": "count"},
            "missing_incidents": {"value": 640, "unit": "count"},
            "rhi_offered": {"value": 87.7, "unit": "percent", "of": "missing_incidents"},
            "rhi_completed": {"value": 500, "unit": "count"},
            "rhi_within_72h": {"value": 300, "unit": "count"},
        }
    )
    result = score(
        case,
        outcome(
            {
                "missing_children": count(215),  # right, ok
                "missing_incidents": count(640),  # right, flagged: a false alarm
                "rhi_offered": count(87.7),  # wrong, flagged: caught
                "rhi_completed": count(550),  # wrong, ok: SILENT
                # rhi_within_72h left out: wrong, verdict missing (visible, not silent)
            },
            verdicts={"missing_incidents": "flagged", "rhi_offered": "flagged"},
        ),
    )
    figures = result.as_json()
    # scored 5, right 2 -> accuracy 2/5 = 0.4
    # silent: rhi_completed only -> 1/5 = 0.2
    # flagged: missing_incidents, rhi_offered; of those wrong: rhi_offered -> precision 1/2
    # wrong: rhi_offered, rhi_completed, rhi_within_72h; flagged among them: 1 -> recall 1/3
    # coverage: 5 gold values, 4 extracted -> 0.8
    assert figures["fields_scored"] == 5
    assert figures["accuracy"] == 0.4
    assert figures["silent_error_rate"] == 0.2
    assert figures["silent_errors"] == 1
    assert figures["flag_precision"] == 0.5
    assert figures["flag_recall"] == 0.3333
    assert figures["coverage"] == 0.8
    assert figures["per_field"]["rhi_completed"]["silent_errors"] == 1
    assert figures["per_field"]["rhi_offered"]["silent_errors"] == 0
    verdicts = {w["field"]: w["verdict"] for w in figures["wrong_fields"]}
    assert verdicts == {
        "rhi_offered": "flagged",
        "rhi_completed": "ok",
        "rhi_within_72h": "missing",
    }


def test_empty_denominators_are_null_not_zero_or_one() -> None:
    case = gold_case({"missing_children": {"value": 215, "unit": "count"}})
    figures = score(case, outcome({"missing_children": count(215)})).as_json()
    # nothing flagged and nothing wrong: precision and recall have no denominator
    assert figures["accuracy"] == 1.0
    assert figures["flag_precision"] is None
    assert figures["flag_recall"] is None
    assert figures["categorical_accuracy"] is None


def test_false_values_count_labelled_nulls_and_unlabelled_asked_fields() -> None:
    case = gold_case(
        {
            "missing_children": {"value": 215, "unit": "count"},
            "lac_total": {"value": None, "status": "not_held"},
        }
    )
    result = score(
        case,
        outcome(
            {
                "missing_children": count(215),
                "lac_total": count(500),  # gold null: a false value (and wrong)
                "rhi_declined": count(12),  # not labelled, but asked by 2024 Q7: false value
            }
        ),
    )
    figures = result.as_json()
    # the 2024 questionnaire asks 9 numeric fields; 2 labelled, so 7 unlabelled. Numeric
    # fields where the gold has no number: lac_total + 7 unlabelled = 8; false values 2 -> 0.25
    assert figures["false_values"] == 2
    assert figures["false_value_rate"] == 0.25
    assert figures["fields_scored"] == 2  # unlabelled fields are not scored
    assert figures["accuracy"] == 0.5
    assert {f["field"] for f in figures["false_value_fields"]} == {"lac_total", "rhi_declined"}


def test_a_failed_letter_counts_every_gold_field_wrong_but_not_silent() -> None:
    case = gold_case(
        {
            "missing_children": {"value": 215, "unit": "count"},
            "follow_up_support": {"status": "not_answered"},
        }
    )
    failed = LetterOutcome(path="hand.txt", error=LetterError("empty file", path="hand.txt"))
    figures = score(case, failed).as_json()
    # 2 scored, both wrong (even the not_answered one), none flagged, none silent
    assert figures["accuracy"] == 0.0
    assert figures["silent_error_rate"] == 0.0
    assert figures["flag_recall"] == 0.0
    assert figures["flag_precision"] is None
    letter = figures["per_letter"]["hand-0.txt"]
    assert letter["error"] == "hand.txt: empty file"
    assert {w["verdict"] for w in figures["wrong_fields"]} == {"missing"}


# --------------------------------------------------------------------------------------------
# Through the pipeline: tiny letters, a fake backend, the real verifier
# --------------------------------------------------------------------------------------------


class FakeBackend(Backend):
    """Returns a prepared response per letter file name, with made-up token counts."""

    def __init__(self, responses: dict[str, SurveyResponse], name: str = "fake") -> None:
        self.name = name
        self.responses = responses

    async def extract(self, reading: LetterReading) -> Extraction:
        name = reading.letter.name
        tokens = 1000 if name.endswith(".txt") else 3000
        return Extraction(
            response=self.responses[name],
            provenance=Provenance(
                backend=self.name,
                schema_version="1",
                tokens=TokenUsage(total=tokens),
                calls=tokens // 500,
                note="responses authored by hand for a test",
            ),
        )


def write_tiny(tmp_path: Path, fields: dict[str, Any] | None = None) -> Path:
    gold_dir = tmp_path / "gold"
    letters = tmp_path / "letters"
    gold_dir.mkdir()
    letters.mkdir()
    (letters / "tiny-2024.txt").write_text(TINY_2024, encoding="utf-8")
    (letters / "tiny-2024.md").write_text(TINY_2024, encoding="utf-8")
    gold = {**TINY_GOLD, "fields": fields or TINY_GOLD["fields"]}
    (gold_dir / "tiny-2024.json").write_text(json.dumps(gold), encoding="utf-8")
    return gold_dir


def tiny_responses(gold_dir: Path, *, md_wrong: bool) -> dict[str, SurveyResponse]:
    gold = load_gold_set(gold_dir, seeds_dir=gold_dir / "no-seeds")[0].gold
    right = response_from_gold(gold)
    wrong = right
    if md_wrong:
        children, offered = right.answer("missing_children"), right.answer("rhi_offered")
        assert children is not None and offered is not None
        children = children.model_copy(update={"value": 251, "quote": "251 children"})
        offered = offered.model_copy(update={"unit": "count", "of": None})
        wrong = right.with_answer("missing_children", children).with_answer("rhi_offered", offered)
    return {"tiny-2024.txt": right, "tiny-2024.md": wrong}


def test_also_forms_are_scored_as_letters_of_their_own(tmp_path: Path) -> None:
    gold_dir = write_tiny(tmp_path)
    backend = FakeBackend(tiny_responses(gold_dir, md_wrong=True))
    result = evaluate_folder(gold_dir, backend, seeds_dir=tmp_path / "no-seeds")
    figures = result.as_json()
    # two forms x 5 fields = 10 scored. The .txt form is all right; the .md form has a digit
    # typo (quote not in the letter) and a percent stored as a count, both flagged by the
    # real verifier. Right 8/10; wrong 2, both flagged, so no silent error.
    assert figures["letters"] == 2
    assert figures["fields_scored"] == 10
    assert figures["per_letter"]["tiny-2024.txt"]["accuracy"] == 1.0
    assert figures["per_letter"]["tiny-2024.md"]["accuracy"] == 0.6
    assert figures["accuracy"] == 0.8
    assert figures["silent_error_rate"] == 0.0
    assert figures["flag_precision"] == 1.0
    assert figures["flag_recall"] == 1.0
    # tokens: 1000 (.txt) and 3000 (.md) -> 2000 a letter; calls 2 and 6 -> 4
    assert figures["tokens_per_letter"] == 2000
    assert figures["calls_per_letter"] == 4
    assert figures["per_letter"]["tiny-2024.md"]["tokens"] == 3000
    assert result.notes == ["responses authored by hand for a test"]
    assert figures["per_questionnaire"]["rhi-2024"]["fields_scored"] == 10


def test_gold_whose_letter_is_missing_is_skipped_with_the_reason(tmp_path: Path) -> None:
    gold_dir = write_tiny(tmp_path)
    seed_gold = {"letter": "000_seed.txt", "questionnaire": "rhi-2018", "fields": {}}
    (gold_dir / "seed-x.json").write_text(json.dumps(seed_gold), encoding="utf-8")
    backend = FakeBackend(tiny_responses(gold_dir, md_wrong=False))
    result = evaluate_folder(gold_dir, backend, seeds_dir=tmp_path / "no-seeds")
    assert len(result.skipped) == 1
    assert result.skipped[0].startswith("seed-x.json: 000_seed.txt not found in ")
    assert "no-seeds" in result.skipped[0]
    assert result.as_json()["letters"] == 2


def test_a_gold_typo_is_reported_and_not_scored(tmp_path: Path) -> None:
    fields = dict(TINY_GOLD["fields"])
    fields["missing_children"] = {"value": 251, "unit": "count"}  # the letter says 215
    gold_dir = write_tiny(tmp_path, fields)
    backend = FakeBackend(tiny_responses(gold_dir, md_wrong=False))
    result = evaluate_folder(gold_dir, backend, seeds_dir=tmp_path / "no-seeds")
    assert result.gold_problems == [
        "tiny-2024.json: missing_children: gold value 251 does not appear in the letter as a "
        "count (not scored)"
    ]
    # 4 fields left per form, 2 forms
    assert result.as_json()["fields_scored"] == 8
    assert "missing_children" not in {s.field for s in result.scored}


# --------------------------------------------------------------------------------------------
# Thresholds
# --------------------------------------------------------------------------------------------


def test_committed_thresholds_have_both_backends() -> None:
    for backend in ("rules", "llm"):
        keys = {t.key for t in load_thresholds(EVAL / "thresholds.toml", backend)}
        assert {"min_accuracy", "max_silent_error_rate"} <= keys


def test_threshold_file_errors_name_the_key(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text("[rules]\nmin_acuracy = 0.9\n")
    with pytest.raises(ConfigError, match="unknown threshold 'min_acuracy'"):
        load_thresholds(path, "rules")
    with pytest.raises(ConfigError, match=r"no \[llm\] section"):
        load_thresholds(path, "llm")


def test_threshold_check_trips_on_a_lowered_score(tmp_path: Path) -> None:
    gold_dir = write_tiny(tmp_path)
    path = tmp_path / "t.toml"
    path.write_text("[fake]\nmin_accuracy = 0.9\nmax_silent_error_rate = 0.0\n")
    limits = load_thresholds(path, "fake")
    cases = load_gold_set(gold_dir, seeds_dir=tmp_path / "no-seeds")
    good = evaluate(cases, FakeBackend(tiny_responses(gold_dir, md_wrong=False)))
    assert check_thresholds(good, limits) == []
    worse = evaluate(cases, FakeBackend(tiny_responses(gold_dir, md_wrong=True)))
    regressions = check_thresholds(worse, limits)
    assert [str(r) for r in regressions] == ["REGRESSION: accuracy 0.8 < 0.9"]
    assert {(s.letter, s.field) for s in regressions[0].causes} == {
        ("tiny-2024.md", "missing_children"),
        ("tiny-2024.md", "rhi_offered"),
    }


def test_nothing_scored_crosses_every_threshold(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text("[hand]\nmin_accuracy = 0.5\n")
    empty = EvalResult(backend="hand", scores=[], runs=[])
    assert [str(r) for r in check_thresholds(empty, load_thresholds(path, "hand"))] == [
        "REGRESSION: accuracy n/a < 0.5"
    ]


# --------------------------------------------------------------------------------------------
# Comparing two runs
# --------------------------------------------------------------------------------------------


def test_compare_says_what_got_better_and_worse(tmp_path: Path) -> None:
    gold_dir = write_tiny(tmp_path)
    cases = load_gold_set(gold_dir, seeds_dir=tmp_path / "no-seeds")
    old = evaluate(cases, FakeBackend(tiny_responses(gold_dir, md_wrong=False))).as_json()
    new = evaluate(cases, FakeBackend(tiny_responses(gold_dir, md_wrong=True))).as_json()
    comparison = compare(old, new)
    accuracy = next(c for c in comparison.headline if c.metric == "accuracy")
    assert (accuracy.old, accuracy.new, accuracy.delta, accuracy.better) == (1.0, 0.8, -0.2, False)
    worse_fields = {c.name for c in comparison.fields if c.metric == "accuracy"}
    assert worse_fields == {"missing_children", "rhi_offered"}
    assert [c.name for c in comparison.letters if c.metric == "accuracy"] == ["tiny-2024.md"]
    assert comparison.broken == ["tiny-2024.md missing_children", "tiny-2024.md rhi_offered"]
    assert compare(new, old).fixed == comparison.broken
    assert next(c for c in compare(new, old).headline if c.metric == "accuracy").better


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------


@pytest.fixture()
def tiny_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """`rhi-llm eval` over the tiny letters, `--backend good` or `--backend bad`."""
    gold_dir = write_tiny(tmp_path)
    monkeypatch.setenv("RHI_LLM_SEEDS", str(tmp_path / "no-seeds"))
    backends = {
        "good": FakeBackend(tiny_responses(gold_dir, md_wrong=False), name="good"),
        "bad": FakeBackend(tiny_responses(gold_dir, md_wrong=True), name="bad"),
    }
    monkeypatch.setattr(cli, "get_backend", lambda name, *_, **__: backends[name])
    thresholds = tmp_path / "thresholds.toml"
    thresholds.write_text("[good]\nmin_accuracy = 0.9\n[bad]\nmin_accuracy = 0.9\n")
    return {"gold": str(gold_dir), "thresholds": str(thresholds), "tmp": tmp_path}


def test_cli_json_has_the_contract_keys(tiny_cli: dict[str, Any]) -> None:
    result = runner.invoke(
        cli.app, ["eval", "--backend", "bad", "--gold", tiny_cli["gold"], "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert {
        "accuracy",
        "silent_error_rate",
        "flag_precision",
        "flag_recall",
        "coverage",
        "per_field",
        "per_letter",
        "letters",
        "fields_scored",
    } <= set(figures)
    assert (figures["backend"], figures["letters"], figures["accuracy"]) == ("bad", 2, 0.8)


def test_cli_table_report_and_thresholds(tiny_cli: dict[str, Any]) -> None:
    report = tiny_cli["tmp"] / "report.md"
    args = ["eval", "--gold", tiny_cli["gold"], "--thresholds", tiny_cli["thresholds"]]
    bad = runner.invoke(cli.app, [*args, "--backend", "bad", "--report", str(report)])
    assert bad.exit_code == 1
    assert "REGRESSION: accuracy 0.8 < 0.9" in bad.stderr
    assert "tiny-2024.md missing_children: gold 215, extracted 251 [flagged" in bad.stderr
    assert "note responses authored by hand for a test" in bad.stdout
    assert "n/a" in bad.stdout  # categorical accuracy per field of a numeric field
    text = report.read_text()
    assert text.startswith("# rhi-llm eval: bad backend")
    assert "> **Note:** responses authored by hand for a test" in text
    assert "## Wrong fields (2)" in text
    row = next(line for line in text.splitlines() if "| rhi_offered |" in line)
    assert "87.7% of missing_incidents" in row and "| 87.7 |" in row
    assert "87.7% of missing incidents" in row and "flagged" in row
    good = runner.invoke(cli.app, [*args, "--backend", "good"])
    assert good.exit_code == 0, good.output
    assert "REGRESSION" not in good.output


def test_cli_compare(tiny_cli: dict[str, Any]) -> None:
    saved = {}
    for name in ("good", "bad"):
        run = runner.invoke(
            cli.app, ["eval", "--backend", name, "--gold", tiny_cli["gold"], "--json"]
        )
        saved[name] = tiny_cli["tmp"] / f"{name}.json"
        saved[name].write_text(run.stdout)
    result = runner.invoke(cli.app, ["eval", "--compare", str(saved["good"]), str(saved["bad"])])
    assert result.exit_code == 0, result.output
    assert "newly wrong tiny-2024.md missing_children" in result.stdout
    assert "worse" in result.stdout
    broken = runner.invoke(cli.app, ["eval", "--compare", str(saved["good"]), tiny_cli["gold"]])
    assert broken.exit_code == 1 and "error" in broken.stderr
