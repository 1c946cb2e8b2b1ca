"""Keep secrets out of what rhi-llm prints and logs.

The API key is only ever sent to the endpoint. As a second line of defence, every log record
and every error line the command line prints passes through `redact`, which replaces the key
in use (OPENAI_API_KEY), anything shaped like an OpenAI key, and the value of an
Authorization header or a bearer token with ``[redacted]``.
"""

from __future__ import annotations

import logging
import re

from rhi_llm.core.settings import api_key

REDACTED = "[redacted]"
_SHAPES = re.compile(
    r"(?i)\b(?:sk|rk)-[A-Za-z0-9_\-]{16,}"  # OpenAI-style keys
    r"|(?<=authorization: )\S+|(?<=authorization=)\S+"  # a header's value
    r"|(?<=bearer )[A-Za-z0-9._\-]{8,}"  # a bearer token
)


def redact(text: str) -> str:
    secret = api_key()
    key = secret.get_secret_value() if secret is not None else ""
    if len(key) >= 8:
        text = text.replace(key, REDACTED)
    return _SHAPES.sub(REDACTED, text)


class RedactSecrets(logging.Filter):
    """A logging filter: the record's message, arguments merged, with secrets redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted is left to logging to report
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Redact every record that reaches the handlers of ``logger`` (the root by default)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())
