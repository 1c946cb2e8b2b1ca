"""Benchmarks that print figures: verifier recall, extraction speed, bulk runs, reliability.

They live beside the product, not in it: no module of `rhi_llm` imports them (import-linter
checks), and they are not installed with the package. `rhi-llm bench ...` loads them from a
checkout of the repository, since they read its `eval/` letters and gold answers; figures
are kept in `benchmarks/README.md`.
"""

from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
EVAL = CHECKOUT / "eval"
