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
_installed = False


def _remembering(check: Callable[[Any], None]) -> Callable[[Any], None]:
    def remembered(response_model: Any) -> None:
        try:
            if response_model in _passed:
                return
        except TypeError:  # an unhashable model description: check it every time
            check(response_model)
            return
        check(response_model)
        _passed.add(response_model)

    remembered.__wrapped__ = check  # type: ignore[attr-defined]
    return remembered


def install() -> None:
    """Wrap instructor's check once per process (a no-op if instructor has changed)."""
    global _installed
    if _installed:
        return
    _installed = True
    original = getattr(importlib.import_module(_MODULES[0]), "reject_async_validators", None)
    if original is None:
        return
    wrapped = _remembering(original)
    for name in _MODULES:
        module = importlib.import_module(name)
        if getattr(module, "reject_async_validators", None) is original:
            module.reject_async_validators = wrapped  # type: ignore[attr-defined]
