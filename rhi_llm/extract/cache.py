"""A cache of model extractions, so a rerun on the same letters makes no call.

Keyed by (letter sha256, prompt hash, schema version, model, instructor mode, endpoint):
change any of them and the letter is extracted again. One JSON file per entry, written atomically.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError

from rhi_llm.core.contracts import Extraction
from rhi_llm.core.settings import current_settings


def endpoint_id(base_url: str | None) -> str:
    """The endpoint an answer came from, as a cache key part: scheme, host, port and path,
    lower-cased where case does not matter, with no credentials, query or trailing slash
    (an answer from one server never stands for another's)."""
    raw = (base_url or "https://api.openai.com/v1").strip()
    parts = urlsplit(raw if "://" in raw else f"https://{raw}")
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme.lower()}://{host}{port}{parts.path.rstrip('/')}"


def cache_key(
    letter_sha256: str,
    prompt_hash: str,
    schema_version: str,
    model: str,
    mode: str,
    endpoint: str | None = None,
) -> str:
    parts = [letter_sha256, prompt_hash, schema_version, model, mode]
    if endpoint is not None:
        parts.append(endpoint)
    raw = json.dumps(parts)
    return hashlib.sha256(raw.encode()).hexdigest()


class ResponseCache:
    """Extractions on disk, one file per cache key."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or current_settings().cache_dir

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Extraction | None:
        path = self._path(key)
        try:
            return Extraction.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError, ValueError):
            return None  # absent or unreadable: extract again

    def put(self, key: str, extraction: Extraction) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", dir=path.parent, delete=False, encoding="utf-8", suffix=".tmp"
            ) as handle:
                handle.write(extraction.model_dump_json())
                temporary = Path(handle.name)
            temporary.replace(path)
        except OSError:
            return  # a cache that cannot be written only costs a call next time
