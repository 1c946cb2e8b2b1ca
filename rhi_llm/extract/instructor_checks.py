"""Remember instructor's check of a response model for async validators.

instructor 1.17 refuses response models that carry its *async* validators, which its runtime
does not run. It checks by walking the model's whole type graph, and does so several times on
every request (in the client, the patched create, the response-model preparation and the retry
loop): for our survey model that walk costs more CPU than everything else in a request, and
the CPU is what limits how many letters per second a batch gets through.

The answer cannot change for a given model class, so this wraps the check to remember the
models that passed (a model that fails is checked, and fails, every time). The wrapper is put
where instructor looks the function up: the module that defines it (read at call time by
instructor's local imports) and the modules that imported it by name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

_MODULES = ("instructor.v2.validation.async_validators", "instructor.v2.core.patch")
_passed: set[Any] = set()
_original: Callable[[Any], None] | None = None
"""instructor's own check, called by the wrapper (a test counts its calls through this)."""


def remembered(response_model: Any) -> None:
    """instructor's check, run once per model class that passes it."""
    assert _original is not None
    try:
        if response_model in _passed:
            return
    except TypeError:  # an unhashable model description: check it every time
        _original(response_model)
        return
    _original(response_model)
    _passed.add(response_model)


def install() -> bool:
    """Wrap instructor's check once per process; False when instructor no longer has it
    (then nothing is wrapped: `tests/test_llm_backend.py` fails, so the upgrade is noticed)."""
    global _original
    if _original is not None:
        return True
    original = getattr(importlib.import_module(_MODULES[0]), "reject_async_validators", None)
    if original is None:
        return False
    _original = original
    for name in _MODULES:
        module = importlib.import_module(name)
        if getattr(module, "reject_async_validators", None) is original:
            module.reject_async_validators = remembered  # type: ignore[attr-defined]
    return True
