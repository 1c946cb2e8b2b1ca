"""The extraction stage's contract: what a backend is, what it returns, and what it can do.

Every backend (the rules, the model, the two together) is a `Backend`. Besides `extract`, a
backend declares its optional capabilities here, each with a safe default, so that the batch,
the run store and the eval harness ask a backend what it can do instead of probing for
attributes:

| capability | default | who asks |
|---|---|---|
| `blocking`, `extract_blocking` | False | a batch: run it in worker processes, no event loop |
| `sends_requests`, `count_in_flight` | False, no-op | progress: requests in flight, tokens, cost |
| `warm` | no-op | a batch: build shared state before forking workers |
| `shardable`, `with_concurrency` | False, itself | a batch: split requests over worker processes |
| `key_for_sha`, `keys_for_sha` | name, version and schema | the run store: what a rerun may skip |
| `covers` | every letter | the eval harness: letters it can answer (replayed cassettes) |
| `aclose` | no-op | a batch's end: close connections in the loop that opened them |
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from rhi_llm.core.questionnaires import installed
from rhi_llm.core.reading import LetterReading
from rhi_llm.core.records import CallRecord, Provenance
from rhi_llm.core.survey import SCHEMA_VERSION, SurveyResponse
from rhi_llm.core.types import Check


class Extraction(BaseModel):
    """What a backend returns for one letter."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    response: SurveyResponse
    provenance: Provenance
    others: dict[str, SurveyResponse] = Field(
        default_factory=dict, description="other backends' responses, by backend name"
    )
    checks: dict[str, list[Check]] = Field(
        default_factory=dict,
        description="checks the backend itself raised (chunks_disagree, backends_disagree)",
    )
    calls: list[CallRecord] = Field(
        default_factory=list, description="every request made, retries and re-asks included"
    )


class Backend:
    """An extractor: fills a `SurveyResponse` for a letter, every figure with its quote."""

    name: str = "backend"
    version: ClassVar[str] = "1"
    """Part of the store key of a backend whose results depend on nothing but its code."""

    blocking: ClassVar[bool] = False
    """`extract_blocking` does the work and never waits on anything (the rules): a batch
    runs it in worker processes without an event loop."""

    sends_requests: ClassVar[bool] = False
    """It calls a model endpoint: progress shows requests in flight, tokens and cost."""

    async def extract(self, reading: LetterReading) -> Extraction:
        """The letter's answers (a blocking backend's default: `extract_blocking`)."""
        return self.extract_blocking(reading)

    def extract_blocking(self, reading: LetterReading) -> Extraction:
        raise NotImplementedError(f"the {self.name} backend waits on requests: await extract()")

    @property
    def shardable(self) -> bool:
        """Its requests can be split across worker processes (`with_concurrency`)."""
        return False

    def with_concurrency(self, requests: int) -> Backend:
        """A copy allowed ``requests`` at once, for one worker process of a batch."""
        return self

    def warm(self) -> None:
        """Build what every letter reuses, before a batch forks its workers."""

    def count_in_flight(self, counter: Any) -> None:
        """Keep a shared counter (a `multiprocessing.Value`) of requests on the wire."""

    def key_for_sha(self, sha256: str) -> str:
        """The key a new extraction of the letter with these bytes is recorded under: the
        backend, its version, the schema and the installed questionnaires (a new or changed
        questionnaire may change which one a letter answers)."""
        return f"{self.name}:{self.version}:{SCHEMA_VERSION}:{installed().fingerprint}"

    def keys_for_sha(self, sha256: str) -> list[str]:
        """Keys of stored extractions that spare this backend the letter: a rerun skips it."""
        return [self.key_for_sha(sha256)]

    def covers(self, path: Path) -> bool:
        """Can this backend answer for a letter file?"""
        return True

    async def aclose(self) -> None:
        """Close connections, inside the event loop that opened them."""
