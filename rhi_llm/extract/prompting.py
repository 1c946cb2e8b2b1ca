"""Prompts for the model backend: versioned templates in `prompts/`, rendered per chunk.

The hash of the template files goes into every extraction's provenance and cache key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

from rhi_llm.core.errors import ConfigError
from rhi_llm.core.questionnaires import FIELDS, QUESTIONNAIRES
from rhi_llm.core.questionnaires import questionnaire as installed_questionnaire
from rhi_llm.core.settings import current_settings

PROMPT_VERSION = "v2"
TEMPLATE_NAMES = ("examples.txt", "extract.txt", "reask.txt", "system.txt")
OTHER_PERIOD = "the period the request names"
OTHER_QUESTIONNAIRE = "not recognised: fill what the letter answers"


def prompts_dir() -> Path:
    """Where the templates are: RHI_LLM_PROMPTS; else the copy a built package carries
    (`rhi_llm/prompts/`, put there by the build, see setup.py); else, in a checkout, the
    repository's own `prompts/` beside the package."""
    chosen = current_settings().prompts_dir
    if chosen is not None:
        return chosen
    package = Path(__file__).resolve().parents[1]
    shipped = package / "prompts"
    return shipped if shipped.is_dir() else package.parent / "prompts"


@dataclass(frozen=True)
class Prompts:
    version: str
    system: str
    extract: Template
    reask: str
    examples: str
    hash: str


@cache
def load_prompts(version: str = PROMPT_VERSION, folder: str | None = None) -> Prompts:
    base = Path(folder) if folder else prompts_dir()
    where = base / version
    texts: dict[str, str] = {}
    for name in TEMPLATE_NAMES:
        path = where / name
        try:
            texts[name] = path.read_text(encoding="utf-8")
        except OSError:
            raise ConfigError(
                "prompt template missing (set RHI_LLM_PROMPTS to the prompts folder)", path=path
            ) from None
    digest = hashlib.sha256()
    for name in TEMPLATE_NAMES:
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return Prompts(
        version=version,
        system=texts["system.txt"].strip(),
        extract=Template(texts["extract.txt"]),
        reask=texts["reask.txt"].strip(),
        examples=texts["examples.txt"].strip(),
        hash=f"{version}:{digest.hexdigest()[:16]}",
    )


def questions_text(questionnaire: str, fields: tuple[str, ...]) -> str:
    """The questions that feed these fields, one line each, with the fields they fill (the
    ids say what each counts); then each set of options once, with the fields that take it
    (the schema lists no options: one answer schema serves every field)."""
    wanted = set(fields)
    lines: list[str] = []
    for question in QUESTIONNAIRES.get(questionnaire, ()):
        asked = [f for f in question.fields if f in wanted]
        if asked:
            lines.append(f"- {question.label}: {question.wording} -> {', '.join(asked)}")
    covered = {f for q in QUESTIONNAIRES.get(questionnaire, ()) for f in q.fields}
    for field_id in fields:
        if field_id not in covered:
            lines.append(f"- {FIELDS[field_id].label} -> {field_id}")
    by_options: dict[tuple[str, ...], list[str]] = {}
    for field_id in fields:
        if FIELDS[field_id].option_values:
            by_options.setdefault(FIELDS[field_id].option_values, []).append(field_id)
    if by_options:
        lines.append("Options (a choice's value is a list of these):")
        lines += [f"- {', '.join(ids)}: {' | '.join(o)}" for o, ids in by_options.items()]
    return "\n".join(lines)


def user_message(
    prompts: Prompts,
    *,
    questionnaire: str,
    fields: tuple[str, ...],
    letter_name: str,
    text: str,
    start: int,
    end: int,
    whole: int,
) -> str:
    """The request's user message; ``whole`` is the letter's length (a part of a letter
    says which characters it holds)."""
    asked = installed_questionnaire(questionnaire)
    return prompts.extract.substitute(
        questionnaire=f"{asked.id} ({asked.description})" if asked else OTHER_QUESTIONNAIRE,
        period=asked.period.text if asked else OTHER_PERIOD,
        questions=questions_text(questionnaire, fields),
        examples=prompts.examples,
        letter=letter_name,
        text=text,
        part=f" (characters {start} to {end} of it)" if start or end < whole else "",
    )
