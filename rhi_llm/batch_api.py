"""Large batches through the OpenAI Batch API: half the price for users who can wait.

`submit` reads the letters the run store does not have yet, builds one request per chunk with
instructor's batch support (`instructor.batch.BatchRequest`: the response model's strict JSON
Schema as a ``response_format``), uploads them as one JSONL file, creates the batch, and
records its id, and which letter and chunk each request is, in the store's ``model_batches``
table. Nothing else is written: the letters stay undone until collected.

`collect` (``rhi-llm extract --resume``) asks the endpoint about every batch the store holds
open; for a completed one it downloads the answers, reads each letter again (a file changed
since submission is left for a normal run), validates each answer against the survey schema,
merges chunks, verifies, and records the letter like any other, with the requests' tokens
priced at half the per-token price. There is no re-ask in a batch: an answer that does not
fit the schema, or a request that failed, fails its letter with the reason, and a normal run
extracts it later. An answer whose quotes are not in the letter is kept: the verifier flags
those quotes for review.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rhi_llm.bulk import plan
from rhi_llm.chunking import Chunk
from rhi_llm.core.contracts import Extraction
from rhi_llm.core.errors import ConfigError, ModelError, RhiError
from rhi_llm.core.records import CallRecord, Provenance, TokenUsage
from rhi_llm.core.survey import SCHEMA_VERSION, SurveyResponse
from rhi_llm.core.text import shown_path
from rhi_llm.extract.grounding import GROUNDING
from rhi_llm.extract.llm import LlmBackend, prepared_model
from rhi_llm.extract.merge import merge_chunks
from rhi_llm.extract.response_models import to_response
from rhi_llm.pipeline import LetterOutcome, failed, finish, read_letter
from rhi_llm.store import Store

BATCH_PRICE_FACTOR = 0.5  # the Batch API's price against the same requests made one by one
FINISHED = ("completed", "failed", "expired", "cancelled")
ENDPOINT = "/v1/chat/completions"

OnOutcome = Callable[[LetterOutcome], None]


@dataclass
class Submitted:
    batch_id: str | None
    letters: int = 0
    requests: int = 0
    skipped: int = 0
    failed: int = 0


@dataclass
class Collected:
    batch_id: str
    status: str
    counts: dict[str, int] = field(default_factory=dict)
    outcomes: list[LetterOutcome] = field(default_factory=list)
    left_for_later: list[str] = field(default_factory=list)  # paths changed since submission


def _client(backend: LlmBackend) -> Any:
    import openai

    settings = backend.settings
    key = settings.api_key.get_secret_value() if settings.api_key else "none"
    return openai.OpenAI(
        api_key=key, base_url=settings.base_url, timeout=settings.timeout, max_retries=3
    )


def request_lines(backend: LlmBackend, reading: Any, chunks: list[Chunk]) -> list[dict[str, Any]]:
    """One Batch API request per chunk, built by instructor's batch support."""
    from instructor.batch.request import BatchRequest

    lines = []
    for chunk in chunks:
        request = BatchRequest[Any](
            custom_id=custom_id(reading.letter.sha256, chunk.index),
            messages=backend.messages(reading, chunk),
            response_model=prepared_model(reading.questionnaire, chunk.fields),
            model=backend.settings.model,
            max_tokens=backend.settings.max_output,
            temperature=0.0,
        )
        line = request.to_openai_format()
        if backend.settings.reasoning:  # reasoning models take neither of those two
            body = line["body"]
            body.pop("temperature", None)
            body["max_completion_tokens"] = body.pop("max_tokens", backend.settings.max_output)
        lines.append(line)
    return lines


def custom_id(sha256: str, index: int) -> str:
    return f"{sha256[:32]}-{index}"


def submit(
    paths: list[Path], backend: LlmBackend, store: Store, on_outcome: OnOutcome
) -> Submitted:
    """Send every letter the store lacks as one batch; nothing is extracted yet. Letters
    that cannot be read are recorded as failed and passed to ``on_outcome``."""
    if backend.cassettes is not None:
        raise ConfigError("--batch-api cannot replay cassettes: it needs a live endpoint")
    found = plan(paths, backend, store)
    result = Submitted(batch_id=None, skipped=len(found.skipped))
    for error in found.unreadable:
        store.record_failure(error.path or "", "", error.reason, str(error))
        on_outcome(LetterOutcome(path=error.path or "", error=error))
        result.failed += 1
    lines: list[dict[str, Any]] = []
    letters: list[dict[str, Any]] = []
    for path in found.todo:
        try:
            reading = read_letter(path)
        except RhiError as error:
            outcome = failed(path, error)
            store.record_failure(
                shown_path(path), found.sha[shown_path(path)], error.reason, str(error)
            )
            on_outcome(outcome)
            result.failed += 1
            continue
        chunks = backend.plan(reading)
        lines.extend(request_lines(backend, reading, chunks))
        letters.append(
            {
                "path": shown_path(path),
                # the real name, to open the file again when the batch is collected (the
                # shown one differs for a name that is not UTF-8 or holds control characters)
                "file": os.fsencode(path).hex(),
                "sha256": reading.letter.sha256,
                "chunks": [chunk.model_dump(mode="json") for chunk in chunks],
            }
        )
    if not lines:
        return result
    client = _client(backend)
    data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    try:
        upload = client.files.create(file=("rhi-llm-batch.jsonl", data), purpose="batch")
        batch = client.batches.create(
            input_file_id=upload.id,
            endpoint=ENDPOINT,
            completion_window="24h",
            metadata={"created_by": "rhi-llm", "letters": str(len(letters))},
        )
    except Exception as error:
        raise ModelError(f"the batch could not be submitted ({_first_line(error)})") from None
    store.add_batch(batch.id, backend.name, batch.status, letters)
    result.batch_id = batch.id
    result.letters = len(letters)
    result.requests = len(lines)
    return result


def collect(
    backend: LlmBackend,
    store: Store,
    on_outcome: OnOutcome,
    *,
    wait: bool = False,
    poll_seconds: float = 60.0,
    on_status: Callable[[str, str, dict[str, int]], None] | None = None,
) -> list[Collected]:
    """Record the answers of every finished batch the store holds open."""
    client = _client(backend)
    collected: list[Collected] = []
    for batch_id, letters in store.open_batches():
        try:
            info = client.batches.retrieve(batch_id)
            while wait and info.status not in FINISHED:
                if on_status is not None:
                    on_status(batch_id, info.status, _counts(info))
                time.sleep(poll_seconds)
                info = client.batches.retrieve(batch_id)
        except Exception as error:
            raise ModelError(
                f"batch {batch_id}: cannot ask the endpoint about it ({_first_line(error)})"
            ) from None
        result = Collected(batch_id, info.status, _counts(info))
        collected.append(result)
        if info.status not in FINISHED:
            store.set_batch_status(batch_id, info.status)
            continue
        answers = _answers(client, info)
        for letter in letters:
            outcome = _letter(backend, store, batch_id, letter, answers)
            if outcome is None:
                result.left_for_later.append(letter["path"])
                continue
            if outcome.row is not None:
                store.record_row(
                    outcome.row,
                    backend.batch_key_for_sha(letter["sha256"]),
                    outcome.calls,
                    outcome.document,
                )
            else:
                reason = outcome.error or RhiError("unknown failure", path=letter["path"])
                store.record_failure(
                    letter["path"], letter["sha256"], reason.reason, str(reason), outcome.calls
                )
            result.outcomes.append(outcome)
            on_outcome(outcome)
        store.set_batch_status(batch_id, f"collected:{info.status}")
    return collected


def _file_of(letter: dict[str, Any]) -> Path:
    """The file a batch's letter was read from (a batch submitted before its real name was
    kept has only the name as shown)."""
    if "file" in letter:
        return Path(os.fsdecode(bytes.fromhex(letter["file"])))
    return Path(letter["path"])


def _counts(info: Any) -> dict[str, int]:
    counts = getattr(info, "request_counts", None)
    if counts is None:
        return {}
    return {k: int(getattr(counts, k, 0) or 0) for k in ("total", "completed", "failed")}


def _answers(client: Any, info: Any) -> dict[str, dict[str, Any]]:
    """Every line of the batch's output and error files, by custom id."""
    found: dict[str, dict[str, Any]] = {}
    for file_id in (info.output_file_id, info.error_file_id):
        if not file_id:
            continue
        for line in client.files.content(file_id).text.splitlines():
            if line.strip():
                item = json.loads(line)
                found[str(item.get("custom_id"))] = item
    return found


def _letter(
    backend: LlmBackend,
    store: Store,
    batch_id: str,
    letter: dict[str, Any],
    answers: dict[str, dict[str, Any]],
) -> LetterOutcome | None:
    path = letter["path"]
    try:
        reading = read_letter(_file_of(letter))
    except RhiError as error:
        return failed(path, error)
    if reading.letter.sha256 != letter["sha256"]:
        return None  # changed since submission: a normal run extracts the new content
    if store.is_done(path, letter["sha256"], backend.name, backend.keys_for_sha(letter["sha256"])):
        return None
    chunks = [Chunk.model_validate(c) for c in letter["chunks"]]
    calls: list[CallRecord] = []
    answered: list[tuple[Chunk, SurveyResponse]] = []
    try:
        for chunk in chunks:
            response, call = _parse(backend, batch_id, answers, reading, chunk)
            calls.append(call)
            answered.append((chunk, response))
    except ModelError as error:
        error.calls = list(calls)
        return failed(path, error)
    merged, checks = merge_chunks(reading, answered)
    prompt = sum(c.prompt_tokens for c in calls)
    completion = sum(c.completion_tokens for c in calls)
    cost = backend.settings.cost(prompt, completion)
    provenance = Provenance(
        backend=backend.name,
        model=backend.settings.model,
        prompt_hash=backend.prompts.hash,
        schema_version=SCHEMA_VERSION,
        tokens=TokenUsage(prompt=prompt, completion=completion, total=prompt + completion),
        calls=len(calls),
        cost_usd=None if cost is None else round(cost * BATCH_PRICE_FACTOR, 6),
        note=f"answered through the Batch API (batch {batch_id}); cost at the batch price",
    )
    extraction = Extraction(response=merged, provenance=provenance, checks=checks, calls=calls)
    return finish(reading, extraction).slim()


def _parse(
    backend: LlmBackend,
    batch_id: str,
    answers: dict[str, dict[str, Any]],
    reading: Any,
    chunk: Chunk,
) -> tuple[SurveyResponse, CallRecord]:
    where = f"batch {batch_id}, request {custom_id(reading.letter.sha256, chunk.index)}"
    item = answers.get(custom_id(reading.letter.sha256, chunk.index))
    if item is None:
        raise ModelError(f"{where}: no answer in the batch's files", path=reading.letter.path)
    response = item.get("response") or {}
    body = response.get("body") or {}
    if item.get("error") or response.get("status_code") != 200:
        detail = item.get("error") or body.get("error") or {}
        message = detail.get("message") if isinstance(detail, dict) else str(detail)
        raise ModelError(
            f"{where}: the request failed ({response.get('status_code')}: {message})",
            path=reading.letter.path,
        )
    usage = body.get("usage") or {}
    prompt, completion = int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
    cost = backend.settings.cost(prompt, completion)
    call = CallRecord(
        attempt=1,
        prompt_tokens=prompt,
        completion_tokens=completion,
        cost_usd=None if cost is None else round(cost * BATCH_PRICE_FACTOR, 6),
    )
    choice = (body.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    if message.get("refusal"):
        raise ModelError(
            f"{where}: the model refused: {message['refusal']}", path=reading.letter.path
        )
    if choice.get("finish_reason") == "length":
        raise ModelError(
            f"{where}: the answer was cut off at the token limit", path=reading.letter.path
        )
    token = GROUNDING.set(None)  # quotes not in the letter are the verifier's to flag
    try:
        model = prepared_model(reading.questionnaire, chunk.fields)
        answer = model.model_validate_json(message.get("content") or "")
    except ValidationError as error:
        first = error.errors()[0]
        place = ".".join(str(p) for p in first.get("loc", ()))
        raise ModelError(
            f"{where}: the answer does not fit the survey ({place}: {first.get('msg')})",
            path=reading.letter.path,
        ) from None
    finally:
        GROUNDING.reset(token)
    return to_response(answer, reading.questionnaire), call


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
