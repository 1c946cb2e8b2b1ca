"""The verifier mutation benchmark measures something: a verifier that flags nothing scores 0."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks import verifier as bench
from rhi_llm.cli import app
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.survey import SurveyResponse
from rhi_llm.verify import VerificationReport, verify

from conftest import GOLD, LETTERS


@pytest.fixture()
def one_letter(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    letters = tmp_path / "letters"
    gold.mkdir()
    letters.mkdir()
    shutil.copy(GOLD / "westmarch-2024.json", gold)
    for form in ("westmarch-2024.txt", "westmarch-2024.pdf", "westmarch-2024.docx"):
        shutil.copy(LETTERS / form, letters)
    return gold


@pytest.mark.slow  # over two seconds
def test_benchmark_counts_every_kind_and_flags(one_letter: Path) -> None:
    result = bench.run(one_letter, one_letter.parent / "letters")
    assert result.letters == 3
    assert result.mutations > 100
    assert {
        "digit_typo",
        "value_swapped",
        "quote_paraphrased",
        "distractor_other_answer",
        "second_figure_of_sentence",
        "number_where_not_held",
    } <= set(result.kinds)
    assert result.recall > 0.9
    assert 0 <= result.false_flag_rate <= 1


@pytest.mark.slow
def test_a_verifier_that_flags_nothing_scores_zero(
    one_letter: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def blind(reading: LetterReading, response: SurveyResponse) -> VerificationReport:
        real = bench_verify(reading, response)
        fields = {
            k: v.model_copy(update={"verdict": "ok", "checks": ()}) for k, v in real.fields.items()
        }
        return real.model_copy(update={"fields": fields})

    bench_verify = verify
    monkeypatch.setattr(bench, "verify", blind)
    result = bench.run(one_letter, one_letter.parent / "letters")
    assert result.mutations > 100
    assert result.recall == 0.0


@pytest.mark.slow
def test_cli_json_keys(one_letter: Path) -> None:
    runner = CliRunner()
    outcome = runner.invoke(
        app,
        [
            "bench",
            "verifier",
            "--gold",
            str(one_letter),
            "--letters",
            str(one_letter.parent / "letters"),
            "--json",
        ],
    )
    assert outcome.exit_code == 0, outcome.output
    figures = json.loads(outcome.stdout)
    assert {"recall_by_kind", "recall", "false_flag_rate", "mutations"} <= set(figures)
    assert figures["mutations"] == sum(figures["mutations_by_kind"].values())
