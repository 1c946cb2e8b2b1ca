"""A cache of model extractions, so a rerun on the same letters makes no call.

Keyed by (letter sha256, prompt hash, schema version, model, instructor mode): change any of
them and the letter is extracted again. One JSON file per entry, written atomically.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from pydantic import ValidationError

from rhi_llm.core.contracts import Extraction
from rhi_llm.core.settings import current_settings


def cache_key(
    letter_sha256: str, prompt_hash: str, schema_version: str, model: str, mode: str
) -> str:
    raw = json.dumps([letter_sha256, prompt_hash, schema_version, model, mode])
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
