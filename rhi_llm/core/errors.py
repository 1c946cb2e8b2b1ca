"""One root error for everything rhi-llm refuses to do, with subclasses that carry context.

Every message names the file (or field, or endpoint) and says what is wrong in one line, so the
CLI can print ``str(error)`` and move on to the next letter.
"""

from __future__ import annotations

from pathlib import Path

from rhi_llm.core.records import CallRecord


class RhiError(Exception):
    """Root of every error rhi-llm raises on purpose."""

    reason = "error"

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.detail = message
        super().__init__(f"{self.path}: {message}" if self.path else message)

    def __reduce__(self) -> tuple[object, ...]:
        # errors cross process boundaries (parallel batches): rebuild with the same context
        extra = {k: v for k, v in self.__dict__.items() if k not in ("path", "detail")}
        return (_rebuild, (type(self), self.detail, self.path), extra or None)


def _rebuild(kind: type[RhiError], detail: str, path: str | None) -> RhiError:
    return kind(detail, path=path)


class LetterError(RhiError):
    """A letter file could not be turned into text."""

    reason = "unreadable"


class UnsupportedFormat(LetterError):
    reason = "unsupported_format"


class EmptyLetter(LetterError):
    reason = "empty"


class CorruptLetter(LetterError):
    reason = "corrupt"


class EncryptedPdf(LetterError):
    reason = "encrypted"


class NeedsOcr(LetterError):
    """A PDF whose pages carry no text layer (scanned images)."""

    reason = "needs_ocr"


class UnreadableEncoding(LetterError):
    reason = "encoding"


class LetterTooLarge(LetterError):
    reason = "too_large"


class LoadTimeout(LetterError):
    reason = "timeout"


class GoldError(RhiError):
    """A gold answer file is malformed or disagrees with its letter."""

    reason = "gold"


class ConfigError(RhiError):
    """Settings, options or environment that cannot work together."""

    reason = "config"


class ModelError(RhiError):
    """The model endpoint failed for good (retry budget spent, refusal, unusable output).

    ``calls`` keeps the records of the requests made before it gave up."""

    reason = "model"

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(message, path=path)
        self.calls: list[CallRecord] = []


class InternalError(RhiError):
    """A bug in rhi-llm met while processing one letter (reported as that letter's failure,
    with the traceback in the log under --debug, so that the batch goes on)."""

    reason = "internal"


class StoreError(RhiError):
    """The run store cannot be opened or written."""

    reason = "store"
