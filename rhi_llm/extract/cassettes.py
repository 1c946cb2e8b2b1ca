"""Recorded model calls (vcrpy cassettes) and their provenance.

One cassette per letter file, ``<folder>/<letter file name>.yaml``, replayed by matching the
request's method, path and body (the prompt, the letter, the schema), so a changed prompt or
schema no longer matches and must be re-recorded. Next to each cassette,
``<letter file name>.provenance.json`` says where its responses came from:

* ``"kind": "recorded"``: from a model (endpoint, model, date, command);
* ``"kind": "authored"``: written by us to exercise the pipeline, with the list of deliberate
  model-style mistakes it contains. An eval over authored cassettes measures the pipeline
  (parse, merge, verify, score), not a model, and says so.

Nothing that identifies the caller is kept: authorization, API key, organisation and project
headers are dropped when recording, cookies are stripped from responses, and compressed
bodies are stored decoded so that they can be read and checked. The request's address and
both bodies pass through `rhi_llm.core.redact.redact` before they are written: credentials
in the endpoint's address, a key in its query string, and an error body that quotes the key
become ``[redacted]``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from rhi_llm.core.files import write_text_atomically
from rhi_llm.core.redact import redact

if TYPE_CHECKING:
    import vcr

SECRET_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "proxy-authorization",
)
KEEP_REQUEST_HEADERS = ("content-type", "accept")
REPLAY_BASE_URL = "http://cassette.invalid/v1"


class Mistake(BaseModel):
    """A deliberate model-style mistake in an authored response."""

    field: str
    kind: str
    description: str
    outcome: Literal["flagged", "corrected_on_reask"] = "flagged"


class CassetteProvenance(BaseModel):
    kind: Literal["recorded", "authored"]
    letter: str
    created: str
    command: str
    endpoint: str | None = None
    model: str | None = None
    prompt_hash: str | None = None
    note: str
    mistakes: list[Mistake] = Field(default_factory=list)


def cassette_path(folder: Path, letter_name: str) -> Path:
    return folder / f"{letter_name}.yaml"


def provenance_path(folder: Path, letter_name: str) -> Path:
    return folder / f"{letter_name}.provenance.json"


def read_provenance(folder: Path, letter_name: str) -> CassetteProvenance | None:
    path = provenance_path(folder, letter_name)
    if not path.is_file():
        return None
    return CassetteProvenance.model_validate_json(path.read_text(encoding="utf-8"))


def write_provenance(folder: Path, provenance: CassetteProvenance) -> Path:
    path = provenance_path(folder, provenance.letter)
    write_text_atomically(path, provenance.model_dump_json(indent=2) + "\n")
    return path


def _scrub_request(request: Any) -> Any:
    for name in list(request.headers):
        if name.lower() not in KEEP_REQUEST_HEADERS:
            del request.headers[name]
    request.uri = redact(request.uri)
    request.body = _redacted_body(request.body)
    return request


def _redacted_body(body: bytes | str | None) -> bytes | str | None:
    """A recorded body with secrets redacted (a body that is not text is kept as it is)."""
    if isinstance(body, str):
        return redact(body)
    if isinstance(body, bytes):
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return body
        cleaned = redact(text)
        return body if cleaned == text else cleaned.encode("utf-8")
    return body


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in (
            "set-cookie",
            "openai-organization",
            "openai-project",
        ) or name.lower().startswith("x-request-id"):
            del headers[name]
    body = response.get("body")
    if isinstance(body, dict) and "string" in body:
        body["string"] = _redacted_body(body["string"])
    return response


def recorder(folder: Path, *, record: bool = False) -> vcr.VCR:
    """A vcrpy VCR for this folder: replay only, or record every request anew."""
    import vcr  # only here: importing it takes a quarter of a second

    player = vcr.VCR(
        cassette_library_dir=str(folder),
        serializer="yaml",
        record_mode="all" if record else "none",
        match_on=("method", "path", "body_but_strict"),
        filter_headers=list(SECRET_HEADERS),
        decode_compressed_response=True,
        before_record_request=_scrub_request,
        before_record_response=_scrub_response,
    )
    player.register_matcher("body_but_strict", _same_body_but_strict)
    return player


def _without_strict(body: bytes | str | None) -> Any:
    """A request body with the strict-outputs flags taken out (None if it is not JSON)."""
    try:
        parsed = json.loads(body or b"")
    except (ValueError, TypeError):
        return None
    if not isinstance(parsed, dict):
        return parsed
    for tool in parsed.get("tools") or []:
        if isinstance(tool, dict) and isinstance(tool.get("function"), dict):
            tool["function"].pop("strict", None)
    response_format = parsed.get("response_format")
    if isinstance(response_format, dict) and isinstance(response_format.get("json_schema"), dict):
        response_format["json_schema"].pop("strict", None)
    return parsed


def _same_body_but_strict(r1: Any, r2: Any) -> None:
    """vcrpy matcher: the same body, whether or not strict outputs were asked for (a
    recording made with them on replays with them off, and the other way round: the flag
    constrains the server's decoding, not what the request asks)."""
    first, second = _without_strict(r1.body), _without_strict(r2.body)
    if first is None or second is None:
        assert r1.body == r2.body
        return
    assert first == second


def authored_note(provenance: CassetteProvenance) -> str:
    if provenance.kind == "authored":
        return (
            "responses replayed from AUTHORED cassettes (written by hand to exercise the "
            "pipeline, with deliberate mistakes): this measures parsing, merging, "
            "verification and scoring, not a model"
        )
    return (
        f"responses replayed from cassettes RECORDED from {provenance.model} at "
        f"{provenance.endpoint} on {provenance.created}"
    )
