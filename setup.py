"""The build step that puts the top-level `prompts/` folder inside the package.

`prompts/` stays at the top of the repository (where DESIGN.md fixes it, and where people
edit it); a wheel copies it to `rhi_llm/prompts/` at build time, so there is no second copy
to keep in sync by hand. An editable install reads it from the checkout instead
(`rhi_llm.core.resources`). Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# top-level folders the installed tool reads at run time, and where they go in the package
SHIPPED_FOLDERS = {"prompts": "rhi_llm/prompts"}


class BuildWithData(build_py):
    """build_py, then the top-level data folders copied into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's own folders
        for source, target in SHIPPED_FOLDERS.items():
            origin = HERE / source
            if not origin.is_dir():
                raise SystemExit(f"build: the data folder {source}/ is missing")
            destination = Path(self.build_lib) / target
            shutil.rmtree(destination, ignore_errors=True)
            shutil.copytree(origin, destination, ignore=shutil.ignore_patterns("README.md"))


setup(cmdclass={"build_py": BuildWithData})
