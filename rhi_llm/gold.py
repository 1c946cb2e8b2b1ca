"""Gold answers: hand-labelled files in `eval/gold/`, their validation, and where their letters are.

The format is set out in `eval/LABELLING.md` (with the labelling rules). A gold file is
validated against the survey's field ids and enums when it is read, so a typo in a field id or
an option is an error naming the file, never a silently unscored field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from rhi_llm.core.errors import GoldError
from rhi_llm.core.questionnaires import (
    FIELDS,
    NUMERIC_FIELDS,
    fields_for,
    make_response,
    questionnaire,
)
from rhi_llm.core.settings import current_settings
from rhi_llm.core.survey import OTHER, Period, Status, SurveyResponse, Unit

GoldValue = float | int | str | list[str] | None


class GoldField(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: GoldValue = None
    unit: Unit | None = None
    of: str | None = None
    status: Status | None = None
    quote: str | None = None
    # what the output also carries for a provider or a choice (the agency's name, the team,
    # the words of the detail): labelled for readers of the gold, not scored
    agency: str | None = None
    team: str | None = None
    detail: str | None = None

    @property
    def effective_status(self) -> Status:
        if self.status is not None:
            return self.status
        return Status.ANSWERED if self.value is not None else Status.NOT_ANSWERED


class GoldFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    letter: str
    also: list[str] = Field(default_factory=list)
    source: Literal["letters", "seeds"] | None = None
    council: str | None = None
    reference: str | None = None
    response_date: str | None = None
    questionnaire: str
    period: Period | None = None
    fields: dict[str, GoldField]
    questions: dict[str, str] = Field(
        default_factory=dict, description="question key -> the words that open it in the letter"
    )
    notes: str | None = None
    layout: list[str] = Field(
        default_factory=list, description="the layout families the letter uses (a corpus tag)"
    )

    @model_validator(mode="after")
    def _fields_are_canonical(self) -> GoldFile:
        if self.questionnaire != OTHER and questionnaire(self.questionnaire) is None:
            raise ValueError(f"no questionnaire {self.questionnaire!r} is installed")
        problems = [problem for fid, gf in self.fields.items() for problem in _check(fid, gf)]
        asked = set(fields_for(self.questionnaire))
        problems += [
            f"{fid}: not asked by the {self.questionnaire} questionnaire"
            for fid in self.fields
            if fid in FIELDS and fid not in asked
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self


def _check(field_id: str, gold: GoldField) -> list[str]:
    spec = FIELDS.get(field_id)
    if spec is None:
        return [f"{field_id}: not a canonical field id"]
    status = gold.effective_status
    if gold.value is None:
        return [] if status != Status.ANSWERED else [f"{field_id}: answered but no value"]
    if status != Status.ANSWERED:
        return [f"{field_id}: status {status.value} but a value is given"]
    if spec.kind == "numeric":
        if isinstance(gold.value, bool) or not isinstance(gold.value, int | float):
            return [f"{field_id}: value must be a number"]
        if gold.unit is None:
            return [f"{field_id}: a number needs a unit (count or percent)"]
        if gold.unit == Unit.PERCENT and gold.of not in NUMERIC_FIELDS:
            return [f"{field_id}: a percent needs 'of' naming a numeric field"]
        if gold.unit == Unit.COUNT and gold.of is not None:
            return [f"{field_id}: a count has no 'of'"]
        return []
    if spec.kind == "text":
        return [] if isinstance(gold.value, str) else [f"{field_id}: text value must be a string"]
    if not isinstance(gold.value, list):
        return [f"{field_id}: categorical value must be a list"]
    unknown = [v for v in gold.value if v not in spec.option_values]
    if unknown:
        return [f"{field_id}: not an option: {', '.join(map(str, unknown))}"]
    return []


class GoldCase(BaseModel):
    """A gold file read from disk, with the letter files it scores."""

    path: Path
    gold: GoldFile
    letters: list[Path] = Field(description="the letter and its 'also' forms that exist")
    missing: list[str] = Field(default_factory=list, description="named letters not found")


def default_seeds_dir(gold_dir: Path | None = None) -> Path:
    """Where the seed letters are: $RHI_LLM_SEEDS, else ../shared/seeds beside the repo."""
    chosen = current_settings().seeds_dir
    if chosen is not None:
        return chosen
    if gold_dir is not None:
        beside_repo = gold_dir.resolve().parent.parent.parent / "shared" / "seeds"
        if beside_repo.is_dir():
            return beside_repo
    return Path("..") / "shared" / "seeds"


def read_gold(path: Path) -> GoldFile:
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read the gold file ({exc})", path=path) from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"invalid JSON at line {exc.lineno}: {exc.msg}", path=path) from None
    try:
        return GoldFile.model_validate(raw)
    except ValidationError as exc:
        messages = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors()
        )
        raise GoldError(messages, path=path) from None


def resolve_letter(name: str, gold_path: Path, letters_dir: Path, seeds_dir: Path) -> Path | None:
    """A gold file's letter: relative to the gold file, else in the letters or seeds folder."""
    for candidate in (
        gold_path.parent / name,
        letters_dir / name,
        seeds_dir / name,
    ):
        if candidate.is_file():
            return candidate
    return None


def load_gold_set(
    gold_dir: Path, letters_dir: Path | None = None, seeds_dir: Path | None = None
) -> list[GoldCase]:
    """Every gold file in a folder, validated, with its letters resolved."""
    if not gold_dir.is_dir():
        default = gold_dir == Path("eval/gold")
        raise GoldError(
            "no such gold folder"
            + (
                " (the default is the rhi-llm repository's eval/gold: run from a checkout, "
                "or name your own with --gold DIR)"
                if default
                else ""
            ),
            path=gold_dir,
        )
    letters_dir = letters_dir or gold_dir.parent / "letters"
    seeds_dir = seeds_dir or default_seeds_dir(gold_dir)
    cases: list[GoldCase] = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = read_gold(path)
        found: list[Path] = []
        missing: list[str] = []
        for name in [gold.letter, *gold.also]:
            resolved = resolve_letter(name, path, letters_dir, seeds_dir)
            if resolved is None:
                missing.append(name)
            else:
                found.append(resolved)
        cases.append(GoldCase(path=path, gold=gold, letters=found, missing=missing))
    return cases


def response_from_gold(gold: GoldFile, *, require_quote: bool = True) -> SurveyResponse:
    """The correct `SurveyResponse` a gold file describes (fields without a quote left out
    when ``require_quote``, since an answer without its words cannot be verified)."""
    data: dict[str, Any] = {
        "council": gold.council,
        "reference": gold.reference,
        "response_date": gold.response_date,
        "period": gold.period.model_dump() if gold.period else None,
        "questionnaire": gold.questionnaire,
    }
    for field_id, answer in gold.fields.items():
        if require_quote and not answer.quote and answer.value is not None:
            continue
        entry: dict[str, Any] = {
            "value": answer.value,
            "status": answer.effective_status.value,
            "quote": answer.quote,
        }
        if FIELDS[field_id].kind == "numeric":
            entry["unit"] = answer.unit.value if answer.unit else None
            entry["of"] = answer.of
        data[field_id] = entry
    return make_response(data)
