"""A real model call: skipped unless OPENAI_API_KEY is set (never in CI)."""

from __future__ import annotations

import asyncio
import os

import pytest

from rhi_llm.core.settings import build_settings
from rhi_llm.extract.llm import LlmBackend
from rhi_llm.pipeline import process_letter

from conftest import LETTERS

pytestmark = [
    pytest.mark.live_api,
    pytest.mark.skipif(
        not os.environ.get("OPENAI_API_KEY"), reason="live model test: set OPENAI_API_KEY to run it"
    ),
]


def test_a_real_model_extracts_a_letter_the_verifier_accepts() -> None:
    backend = LlmBackend(build_settings())
    outcome = asyncio.run(process_letter(LETTERS / "westmarch-2024.txt", backend))
    assert outcome.row is not None, outcome.error
    assert outcome.row.provenance.calls >= 1 and outcome.row.provenance.tokens.total > 0
    assert outcome.row.fields["missing_incidents"].value == 641
