"""`rhi-llm doctor` against each kind of server (the fake server in that server's profile):
what it finds, and the settings it recommends."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from rhi_llm.cli import app
from rhi_llm.core.settings import build_settings
from rhi_llm.doctor import Diagnosis, diagnose
from rhi_llm.testing.fake_server import FakeOpenAI
from rhi_llm.testing.profiles import PROFILES

KEY = "sk-doctor-" + "3" * 30


def diagnosed(server: FakeOpenAI, **extra: str) -> Diagnosis:
    environ = {"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": KEY, **extra}
    return asyncio.run(diagnose(build_settings(environ=environ)))


def test_ollama_is_told_to_use_a_json_mode_and_its_real_window() -> None:
    with FakeOpenAI(profile="ollama") as server:
        found = diagnosed(server)
    assert found.usable
    assert found.modes["tools"] is False and found.modes["json_schema"] is True
    assert found.window == PROFILES["ollama"].window
    chosen = found.settings()
    assert chosen["RHI_LLM_MODE"] == "json_schema"
    assert 3000 < int(chosen["RHI_LLM_CONTEXT"]) <= 4096
    assert int(chosen["RHI_LLM_MAX_OUTPUT"]) <= int(chosen["RHI_LLM_CONTEXT"]) // 4


def test_a_server_that_refuses_long_requests_is_measured_by_its_own_words() -> None:
    small = replace(PROFILES["vllm"], window=8192)
    with FakeOpenAI(profile=small) as server:
        found = diagnosed(server)
    assert found.usable and found.window == 8192
    assert found.settings()["RHI_LLM_MODE"] == "tools"
    assert int(found.settings()["RHI_LLM_CONTEXT"]) <= 8192


def test_a_reasoning_model_is_recognised_by_its_refusal() -> None:
    with FakeOpenAI(profile="openai-reasoning") as server:
        found = diagnosed(server, RHI_LLM_MODEL="house-model")
    assert found.usable and found.reasoning
    assert found.settings()["RHI_LLM_REASONING"] == "yes"


def test_a_server_with_room_needs_no_other_context() -> None:
    with FakeOpenAI(profile="openai") as server:
        found = diagnosed(server)
    assert found.usable and "RHI_LLM_CONTEXT" not in found.settings()


def test_a_rejected_key_makes_the_doctor_fail_without_showing_the_key() -> None:
    with FakeOpenAI(api_keys=("sk-another",)) as server:
        runner = CliRunner()
        result = runner.invoke(
            app,
            ["doctor", "--json"],
            env={"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": KEY},
        )
    assert result.exit_code == 1
    shown = json.loads(result.stdout)
    assert shown["usable"] is False and "401" in shown["probes"][0]["detail"]
    assert KEY not in result.output and KEY[-6:] not in result.output


def test_the_doctor_command_prints_the_settings_to_use() -> None:
    with FakeOpenAI(profile="ollama") as server:
        result = CliRunner().invoke(
            app, ["doctor"], env={"OPENAI_BASE_URL": server.base_url, "OPENAI_API_KEY": KEY}
        )
    assert result.exit_code == 0, result.output
    assert "export RHI_LLM_MODE=json_schema" in result.stdout
    assert "export RHI_LLM_CONTEXT=" in result.stdout


def test_no_endpoint_is_one_line_and_exit_1() -> None:
    result = CliRunner().invoke(app, ["doctor"], env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""})
    assert result.exit_code == 1
    assert "no model endpoint to probe" in result.output


@pytest.mark.slow
def test_bench_endpoints_leaves_nothing_wrong_and_ok() -> None:
    from benchmarks.endpoints import run

    from conftest import EVAL

    runs = run(EVAL / "gold", EVAL / "letters", only="westmarch")
    assert {r.name for r in runs} == set(PROFILES)
    for r in runs:
        assert r.letters > 0
        assert r.wrong_and_ok == 0 and r.unexplained_failures == 0, (r.name, r.settings)
    doctor = {r.name: r for r in runs if r.settings == "doctor"}
    assert all(r.extracted_right + r.wrong_flagged_or_missing == r.letters for r in doctor.values())


def test_strict_outputs_are_found_where_the_server_checks_them() -> None:
    with FakeOpenAI(profile="openai") as server:
        found = diagnosed(server)  # a loopback address: strict is off until told
    assert found.strict is True and found.settings()["RHI_LLM_STRICT"] == "yes"


def test_the_fake_server_command_takes_a_profile_and_refuses_an_unknown_one() -> None:
    result = CliRunner().invoke(app, ["fake-server", "--profile", "nope"])
    assert result.exit_code == 2 and "unknown profile 'nope'" in result.output
