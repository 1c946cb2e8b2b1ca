"""Keep secrets out of everything rhi-llm writes: the store, logs, printed lines, error
messages, cassettes and exports.

The API key is only ever sent to the endpoint. Everything that leaves the process passes
through `redact` at the few places it leaves (the run store's writes, the log filter, the
command line's error lines, a cassette's ``before_record`` hooks), which replaces with
``[redacted]``:

* every secret the settings hold (`rhi_llm.core.settings.configured_secrets`): the API key,
  the credentials in the endpoint's address (its userinfo, and that pair as a Basic
  authorization header carries it) and key-like values in its query string, as written and
  URL-decoded;
* anything shaped like a credential, configured or not: an OpenAI-style key, the value of an
  Authorization, api-key or x-api-key header, a bearer or basic token, the userinfo of any
  URL, and the value of a query parameter named like a key or token (``?api-key=``,
  ``&key=``, ``?token=``, ``access_token=``, ``sig=``).

Secrets shorter than `MIN_SECRET` characters are masked only by shape: replacing a short
string wherever it occurs would rewrite figures and words that merely contain it.
"""

from __future__ import annotations

import logging
import re

from rhi_llm.core.settings import configured_secrets

REDACTED = "[redacted]"
MIN_SECRET = 8
_KEY = r"(?i)\b(?:sk|rk)-[A-Za-z0-9_\-]{16,}"
_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_KEY), REDACTED),  # OpenAI-style keys
    # a header's value, as a line, a JSON or Python mapping, or a (name, value) pair
    (
        re.compile(
            r"(?i)((?:proxy-)?authorization|(?:x-)?api[-_]key|ocp-apim-subscription-key)"
            r"(['\"]?\s*[:=,]\s*(?:(?-i:b)?['\"])?)((?:bearer|basic|token)\s+)?"
            r"(?!\[redacted\]|(?:bearer|basic|token)\b)[^\s'\",;}\])&#]+"
        ),
        rf"\1\2\3{REDACTED}",
    ),
    (
        re.compile(r"(?i)\b(bearer|basic)\s+(?!\[redacted\])[A-Za-z0-9._~+/=\-]{8,}"),
        rf"\1 {REDACTED}",
    ),
    # the userinfo of any URL (https://user:password@host), without brackets: a URL parser
    # reads a bracketed host as an IPv6 address
    (re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)(?!redacted@)[^/\s@'\"<>]+@"), r"\1redacted@"),
    # a key or token in a query string (?api-key=..., &key=..., ?access_token=...)
    (
        re.compile(
            r"(?i)([?&;](?:x-)?(?:api[-_]?key|key|token|access[-_]?token|auth|sig|signature|"
            r"secret|client[-_]?secret|password|passwd|code)=)(?!\[redacted\])[^&#\s'\"<>]+"
        ),
        rf"\1{REDACTED}",
    ),
)


def redact(text: str) -> str:
    """``text`` with every configured secret, and anything shaped like one, replaced."""
    if not text:
        return text
    for secret in configured_secrets():
        if len(secret) >= MIN_SECRET and secret in text:
            text = text.replace(secret, REDACTED)
    for pattern, replacement in _SHAPES:
        text = pattern.sub(replacement, text)
    return text


def redact_optional(text: str | None) -> str | None:
    return None if text is None else redact(text)


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
        if record.exc_info and not record.exc_text:
            # a traceback's text says the exception's message: format it now, redacted
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Redact every record that reaches the handlers of ``logger`` (the root by default)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactSecrets) for f in handler.filters):
            handler.addFilter(RedactSecrets())
