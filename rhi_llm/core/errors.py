"""One root error for everything rhi-llm refuses to do, with subclasses that carry context.

Every message names the file (or field, or endpoint) and says what is wrong in one line, so the
CLI can print ``str(error)`` and move on to the next letter.
"""

from __future__ import annotations

from pathlib import Path

from rhi_llm.core.records import CallRecord
from rhi_llm.core.text import shown_path


class RhiError(Exception):
    """Root of every error rhi-llm raises on purpose."""

    reason = "error"

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        # a file's name as shown everywhere: an odd one (bytes not UTF-8, escape sequences)
        # never breaks the store or the terminal the message goes to
        self.path = shown_path(path) if path is not None else None
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


class Encrypted(LetterError):
    """A file that needs a password (a PDF, a spreadsheet or a Word file)."""

    reason = "encrypted"


class EncryptedPdf(Encrypted):
    reason = "encrypted"


class NeedsOcr(LetterError):
    """A PDF whose pages carry no text layer (scanned images)."""

    reason = "needs_ocr"


class OcrUnavailable(NeedsOcr):
    """Scanned pages, and Tesseract is not installed (or OCR is switched off)."""

    reason = "needs_ocr"


class ConverterMissing(LetterError):
    """A format read through a program that is not installed (antiword for .doc)."""

    reason = "converter_missing"


class UnreadableEncoding(LetterError):
    reason = "encoding"


class LetterTooLarge(LetterError):
    reason = "too_large"


class LoadTimeout(LetterError):
    reason = "timeout"


class LetterTimeout(RhiError):
    """One step of a letter's work after loading ran past its time limit."""

    reason = "letter_timeout"


class GoldError(RhiError):
    """A gold answer file is malformed or disagrees with its letter."""

    reason = "gold"


class ConfigError(RhiError):
    """Settings, options or environment that cannot work together."""

    reason = "config"


class WriteFailed(RhiError):
    """A file for the user (an export, a report, a sheet) could not be written; whatever was
    at its path before is left as it was (`rhi_llm.core.files`)."""

    reason = "write"


class ModelError(RhiError):
    """The model endpoint failed for good (retry budget spent, refusal, unusable output).

    ``calls`` keeps the records of the requests made before it gave up."""

    reason = "model"
    stops_batch = False

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(message, path=path)
        self.calls: list[CallRecord] = []


class EndpointRejected(ModelError):
    """The endpoint refused the key or the access (HTTP 401 or 403), or has no such model or
    path (HTTP 404): every other letter would fail the same way, so the batch stops."""

    reason = "endpoint_rejected"
    stops_batch = True


class ModeNotSupported(ModelError):
    """The endpoint does not answer in the instructor mode asked (no tool call in tools
    mode): every letter would fail the same way, so the batch stops."""

    reason = "mode_not_supported"
    stops_batch = True


class ContextOverflow(ModelError):
    """The request was larger than the server's context window, said (HTTP 400) or found
    (the server reported far fewer prompt tokens than were sent: it cut the prompt)."""

    reason = "context_overflow"

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(message, path=path)
        self.told_prompt: int | None = None  # the prompt tokens the server counted, if said
        self.told_window: int | None = None  # the server's window, if said
        self.expected_prompt: int | None = None  # our estimate of the same request


class ContentFiltered(ModelError):
    """The endpoint's content filter refused the letter or the answer; not asked again."""

    reason = "content_filter"


class RequestDeadline(ModelError):
    """No complete answer within the request deadline, on every attempt the retry budget
    allowed (a server that answers a byte at a time, or not at all)."""

    reason = "deadline"


class ResponseTooLarge(ModelError):
    """The endpoint's answer was larger than the response size cap: not asked again (at
    temperature 0 it would answer the same)."""

    reason = "response_too_large"


class OutputCutOff(ModelError):
    """The answer was cut off at the output budget, also when asked again with more."""

    reason = "output_cut_off"


class BatchStopped(RhiError):
    """The batch stopped on an error every letter would meet (`EndpointRejected`); the
    letters done before it are kept, the rest were not sent."""

    reason = "stopped"


class InternalError(RhiError):
    """A bug in rhi-llm met while processing one letter (reported as that letter's failure,
    with the traceback in the log under --debug, so that the batch goes on)."""

    reason = "internal"


class StoreError(RhiError):
    """The run store cannot be opened or written."""

    reason = "store"
