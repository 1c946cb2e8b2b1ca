"""The shape of the package: its layers (import-linter), one reader of the environment, and
backend capabilities asked for by name, never probed."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rhi_llm.core.contracts import Backend

from conftest import REPO

PACKAGE = REPO / "rhi_llm"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    if not LINT_IMPORTS.exists():
        pytest.skip("lint-imports is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": str(Path(sys.executable).parent)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("rhi_llm", "benchmarks"):
        shutil.copytree(REPO / part, tree / part, ignore=ignore)
    shutil.copy(REPO / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_layers_hold() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "reversed_import", "contract"),
    [
        ("core/types.py", "import rhi_llm.verify", "rhi_llm is layered"),
        ("verify/fields.py", "import rhi_llm.extract.rules", "rhi_llm is layered"),
        ("store.py", "import rhi_llm.testing.fake_server", "rhi_llm is layered"),
        ("pipeline.py", "import benchmarks.rules", "No module of rhi_llm imports the benchmarks"),
    ],
)
def test_a_reversed_import_breaks_a_contract(
    tmp_path: Path, module: str, reversed_import: str, contract: str
) -> None:
    tree = copy_of_the_tree(tmp_path)
    target = tree / "rhi_llm" / module
    target.write_text(target.read_text() + f"\n{reversed_import}  # the wrong way\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def test_only_the_settings_module_reads_the_environment() -> None:
    readers = []
    for path in _python_files(PACKAGE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and ast.unparse(node) in (
                "os.environ",
                "os.getenv",
                "os.environb",
            ):
                readers.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert readers and all(r.startswith("rhi_llm/core/settings.py:") for r in readers), readers


CAPABILITIES = {
    name
    for name, value in vars(Backend).items()
    if not name.startswith("_") and name not in ("name", "version", "extract")
}


def test_backend_capabilities_are_never_probed_with_getattr() -> None:
    assert {"warm", "key_for_sha", "covers", "aclose", "with_concurrency"} <= CAPABILITIES
    probes = []
    for path in _python_files(PACKAGE) + _python_files(REPO / "benchmarks"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "hasattr")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in CAPABILITIES
            ):
                probes.append(f"{path.relative_to(REPO)}:{node.lineno} {node.args[1].value}")
    assert probes == []
