"""What a built package carries (issue 20): every file the tool reads at run time, so an
installed wheel works outside the checkout. CI also installs a real wheel into a fresh
environment and runs the main commands from an empty folder
(`scripts/check_installed_wheel.sh`); these tests are the fast part of that."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from rhi_llm import __version__

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as the build lays it out (setup.py's build step included), built from a
    copy of the files git knows: a checkout's own egg-info lists every file, and would hide
    one that the build's own lists leave out."""
    root = tmp_path_factory.mktemp("build")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout: the build is checked from the repository's files")
    source = root / "source"
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    target = root / "lib"
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(target)],
        cwd=source,
        check=True,
        capture_output=True,
    )
    return target


def _run_installed(lib: Path, code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RHI_LLM_")}
    env |= {"PYTHONPATH": str(lib), "RHI_LLM_HOME": str(folder / "home")}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True
    )


READS_DATA = """
from rhi_llm.extract.prompting import load_prompts, prompts_dir
from rhi_llm.core.questionnaires import installed
import rhi_llm
print(prompts_dir())
print(load_prompts().hash)
print(sorted(q.id for q in installed()))
print(sorted({q.source for q in installed()})[0])
print(rhi_llm.__file__)
"""


@pytest.mark.slow
def test_the_built_package_reads_its_own_prompts_and_questionnaires(
    built: Path, tmp_path: Path
) -> None:
    result = _run_installed(built, READS_DATA, tmp_path)
    assert result.returncode == 0, result.stderr
    prompts, _, ids, source, module = result.stdout.splitlines()
    assert Path(module).is_relative_to(built)  # the built copy, not the checkout
    assert Path(source).is_relative_to(built / "rhi_llm" / "questionnaires")
    assert Path(prompts) == built / "rhi_llm" / "prompts"
    assert ids == "['rhi-2018', 'rhi-2024', 'rhi-commissioning-2025']"


@pytest.mark.slow
def test_a_data_file_left_out_of_the_build_is_caught(built: Path, tmp_path: Path) -> None:
    """Shows that the check can fail: the same run with one prompt file taken out."""
    broken = tmp_path / "lib"
    subprocess.run(["cp", "-r", str(built), str(broken)], check=True)
    (broken / "rhi_llm" / "prompts" / "v2" / "system.txt").unlink()
    result = _run_installed(broken, READS_DATA, tmp_path)
    assert result.returncode != 0
    assert "prompt template missing" in result.stderr


@pytest.mark.slow
def test_every_data_file_beside_the_code_is_in_the_build(built: Path) -> None:
    """A new template or questionnaire file that package-data does not list fails here."""
    tracked = subprocess.run(
        ["git", "ls-files", "rhi_llm"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    data = {p for p in tracked if not p.endswith(".py")}
    missing = sorted(p for p in data if not (built / p).is_file())
    assert not missing, f"left out of the build: {missing}"
    prompts = {p.relative_to(REPO / "prompts") for p in (REPO / "prompts").rglob("*.txt")}
    shipped = {
        p.relative_to(built / "rhi_llm" / "prompts")
        for p in (built / "rhi_llm" / "prompts").rglob("*.txt")
    }
    assert prompts == shipped


def test_one_version_shown_and_recorded() -> None:
    with open(REPO / "pyproject.toml", "rb") as handle:
        declared = tomllib.load(handle)["project"]["version"]
    assert __version__ == declared
    shown = subprocess.run(
        [sys.executable, "-m", "rhi_llm", "--version"], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == f"rhi-llm {declared}"
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {declared}" in changelog
