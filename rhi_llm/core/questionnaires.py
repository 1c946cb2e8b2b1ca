"""Questionnaires as data: what each FOI request asks, read from TOML files.

A questionnaire file (the shipped ones are in `rhi_llm/questionnaires/`; users add their own in
a folder named by ``--questionnaires`` / ``RHI_LLM_QUESTIONNAIRES``) gives:

* ``id``, ``title``, ``description`` (one line for the model's prompt) and the ``period`` asked
  (start, end, the label councils give its column, e.g. "2023/24", and a sentence);
* ``fields``: the fields it asks, by canonical id (their meaning is defined once, in
  `rhi_llm/questionnaires/fields.toml`, so that questionnaires and years compare), or as full
  tables for fields of its own (id, kind, label, what a count counts, options, words);
* ``sections`` and ``questions``: key, number as printed, our own wording, the cue words the
  question finder looks for, and the fields each question feeds;
* ``at_most``, ``sum_at_most`` and ``also_of``: how its figures bound each other (the
  verifier's consistency checks, and which bases a percentage may have);
* ``rates``: the rates the summary publishes (numerator / denominator).

`installed()` is every questionnaire the current settings install: the shipped ones and the
user's folder. `check_file()` lists a file's problems, one line each, with where they are.
`FIELDS`, `QUESTIONNAIRES`, `fields_for()` and `questions_for_field()` answer from the
installed questionnaires.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from rhi_llm.core.errors import ConfigError
from rhi_llm.core.settings import active_settings, current_settings, questionnaire_variables
from rhi_llm.core.survey import OTHER, AnswerKind, ProviderKind, SurveyResponse

SHIPPED = Path(__file__).resolve().parent.parent / "questionnaires"
CATALOGUE = "fields.toml"

FieldKind = Literal["numeric", "choice", "provider", "text"]
"""What a field holds; a file writes a numeric field's kind as "count" or "percent"."""
Counts = Literal["children", "incidents", "interviews", ""]
ChoiceReader = Literal["ticked", "from_named", "first_named", "answered_options"]
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OptionSpec(_Spec):
    """One option of a choice (or a provider kind): its value and how letters show it."""

    value: str
    label: str = ""
    mark: str | None = Field(default=None, description="its tick-box letter: a) to i)")
    words: str | None = Field(default=None, description="regex: how the rules find it said")
    name: str | None = Field(default=None, description="how letters name it, plainly")
    support: str | None = Field(default=None, description="regex: words that support it")


class FieldSpec(_Spec):
    """One field: a canonical id with one meaning in every questionnaire that asks it."""

    id: str
    kind: FieldKind
    asked_as: Literal["count", "percent"] | None = Field(
        default=None, description="a numeric field: asked as a count or as a percentage"
    )
    label: str
    counts: Counts = ""
    words: str | None = Field(
        default=None, description="regex: the words that say a figure is this field's"
    )
    description: str = ""
    options: tuple[OptionSpec, ...] = ()
    multiple: bool = Field(default=False, description="a choice may have several options")
    reader: ChoiceReader = "ticked"
    tense: Literal["now", "past"] = Field(
        default="now",
        description="a provider field asked of now reads 'until 2022 it was the X Team' as "
        "no longer so; one asked of a past year does not",
    )

    @model_validator(mode="before")
    @classmethod
    def _numeric_kinds(cls, data: Any) -> Any:
        """A file's "count" or "percent" is a numeric field asked that way."""
        if not isinstance(data, dict):
            return data
        kind = data.get("kind")
        if kind in ("count", "percent"):
            return {**data, "kind": "numeric", "asked_as": kind}
        if kind not in ("numeric", "choice", "provider", "text"):
            raise ValueError(f"kind {kind!r} is not one of count, percent, choice, provider, text")
        return data

    @property
    def numeric(self) -> bool:
        return self.kind == "numeric"

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)


class Question(_Spec):
    """One question of a questionnaire: its number, our short wording, and what it feeds."""

    key: str = Field(description="unique within the questionnaire: '4a', 'ooa-2b', '6c-ii'")
    label: str = Field(description="the number as printed: '4b', 'out-of-area 2b', '7'")
    section: str = "main"
    number: int
    part: str = ""
    subpart: str = ""
    alt_numbers: tuple[int, ...] = ()
    wording: str = Field(description="what the question asks, in our own words")
    cues: tuple[str, ...] = Field(default=(), description="regexes of its distinctive words")
    fields: tuple[str, ...] = ()

    @property
    def numbers(self) -> tuple[int, ...]:
        return (self.number, *self.alt_numbers)


class Period(_Spec):
    start: str
    end: str
    label: str = Field(description="how councils head the year's column: '2023/24'")
    text: str = Field(description="the period in a sentence, for the model's prompt")


class Section(_Spec):
    id: str
    title: str = ""


class SumRule(_Spec):
    parts: tuple[str, str]
    total: str


class Rate(_Spec):
    id: str
    label: str
    numerator: str
    denominator: str
    meaning: str = ""


class QuestionnaireFile(_Spec):
    """A questionnaire file as written (fields by id, or in full)."""

    id: str
    title: str
    description: str = ""
    period: Period
    fields: tuple[str | FieldSpec, ...]
    sections: tuple[Section, ...] = (Section(id="main"),)
    questions: tuple[Question, ...]
    at_most: tuple[tuple[str, str], ...] = ()
    sum_at_most: tuple[SumRule, ...] = ()
    also_of: tuple[tuple[str, str], ...] = ()
    rates: tuple[Rate, ...] = ()

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value) or value == OTHER:
            raise ValueError(f"{value!r} is not a usable id (lower case, digits, - . _)")
        return value


@dataclass(frozen=True)
class Questionnaire:
    """An installed questionnaire: its file, with every field resolved to its spec."""

    id: str
    title: str
    description: str
    period: Period
    fields: tuple[FieldSpec, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    at_most: tuple[tuple[str, str], ...]
    sum_at_most: tuple[SumRule, ...]
    also_of: tuple[tuple[str, str], ...]
    rates: tuple[Rate, ...]
    source: str
    hash: str

    @cached_property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.fields)

    @cached_property
    def by_field(self) -> dict[str, tuple[Question, ...]]:
        return {f: tuple(q for q in self.questions if f in q.fields) for f in self.field_ids}

    def question(self, key: str) -> Question:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(f"{self.id} has no question {key!r}")


class Problem(BaseModel):
    """One thing wrong with a questionnaire file, and where."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class QuestionnaireError(ConfigError):
    """A questionnaire file that cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem], *, path: Path | str | None = None) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "unusable"
        if path is not None and first.startswith(f"{path}: "):
            first = first[len(f"{path}: ") :]  # the path is said once, before the message
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}", path=path)


# --------------------------------------------------------------------------------------------
# Reading and checking files
# --------------------------------------------------------------------------------------------


def _read_toml(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), []
    except OSError as exc:
        return None, [Problem(where=str(path), message=f"cannot read it ({exc.strerror})")]
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return None, [Problem(where=str(path), message=f"not valid TOML: {exc}")]


def _pydantic_problems(
    path: Path, data: dict[str, Any], error: ValidationError, prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    problems = []
    for item in error.errors():
        where = _place(data, (*prefix, *item["loc"]))
        message = item["msg"]
        problems.append(
            Problem(where=f"{path}: {where}", message=message[:1].lower() + message[1:])
        )
    return problems


def _place(data: Any, loc: tuple[Any, ...]) -> str:
    """A pydantic error location as a reader finds it: 'questions[3] (key 4a).cues'."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and step < len(node):
            node = node[step]
            named = node.get("key") or node.get("id") if isinstance(node, dict) else None
            parts[-1] += f"[{step}]" + (f" ({named})" if named else "")
        elif isinstance(step, str):
            parts.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts) or "file"


def _catalogue_fields() -> tuple[dict[str, FieldSpec], list[Problem]]:
    path = SHIPPED / CATALOGUE
    data, problems = _read_toml(path)
    if data is None:
        return {}, problems
    found: dict[str, FieldSpec] = {}
    for index, raw in enumerate(data.get("fields", [])):
        try:
            spec = FieldSpec.model_validate(raw)
        except ValidationError as error:
            problems += _pydantic_problems(path, {"fields": data["fields"]}, error)
            continue
        if spec.id in found:
            problems.append(Problem(where=f"{path}: fields[{index}]", message=f"{spec.id} twice"))
        found[spec.id] = spec
    return found, problems


def _field_problems(where: str, spec: FieldSpec) -> list[Problem]:
    problems = []
    if not _ID.match(spec.id):
        problems.append(Problem(where=where, message=f"field id {spec.id!r} is not snake_case"))
    values = [o.value for o in spec.options]
    if len(set(values)) != len(values):
        problems.append(Problem(where=where, message=f"{spec.id} lists an option twice"))
    if spec.kind == "choice" and not spec.options:
        problems.append(Problem(where=where, message=f"choice {spec.id} has no options"))
    if spec.kind != "choice" and spec.kind != "provider" and spec.options:
        problems.append(Problem(where=where, message=f"a {spec.kind} field has no options"))
    if spec.kind == "provider":
        known = {k.value for k in ProviderKind}
        for value in values:
            if value not in known:
                problems.append(
                    Problem(
                        where=where,
                        message=f"provider option {value!r} is not one of "
                        f"{', '.join(sorted(known))}",
                    )
                )
    for option in spec.options:
        if not _ID.match(option.value):
            problems.append(Problem(where=where, message=f"bad option {option.value!r}"))
        for regex in (option.words, option.support):
            problems += _regex_problems(where, regex)
    problems += _regex_problems(where, spec.words)
    return problems


def _regex_problems(where: str, regex: str | None) -> list[Problem]:
    if regex is None:
        return []
    try:
        re.compile(regex)
    except re.error as exc:
        return [Problem(where=where, message=f"bad regex {regex!r}: {exc}")]
    return []


_ENTRY = TypeAdapter(str | FieldSpec)


Origins = dict[str, list[int]]
"""For each list of a parsed file, the index in the file of each entry kept."""


def _parse(
    path: Path, data: dict[str, Any]
) -> tuple[QuestionnaireFile | None, Origins, list[Problem]]:
    """The file parsed, with every problem pydantic finds: each field and question checked
    on its own, so that one mistake does not hide the others."""
    problems: list[Problem] = []
    kept: dict[str, list[Any]] = {}
    origins: Origins = {"fields": [], "questions": []}
    for part, check in (("fields", _ENTRY.validate_python), ("questions", Question.model_validate)):
        entries = data.get(part)
        if not isinstance(entries, list):
            continue
        kept[part] = []
        for index, raw in enumerate(entries):
            try:
                check(raw)
            except ValidationError as error:
                if part == "fields" and isinstance(raw, dict):  # say why it is no FieldSpec
                    error = _field_error(raw) or error
                problems += _pydantic_problems(path, data, error, (part, index))
                continue
            kept[part].append(raw)
            origins[part].append(index)
    try:
        parsed = QuestionnaireFile.model_validate({**data, **kept})
    except ValidationError as error:
        return None, origins, problems + _pydantic_problems(path, data, error)
    return parsed, origins, problems


def _field_error(raw: dict[str, Any]) -> ValidationError | None:
    try:
        FieldSpec.model_validate(raw)
    except ValidationError as error:
        return error
    return None


def _resolve(
    path: Path, data: dict[str, Any], catalogue: Mapping[str, FieldSpec]
) -> tuple[Questionnaire | None, list[Problem]]:
    parsed, origins, problems = _parse(path, data)
    if parsed is None:
        return None, problems
    incomplete = bool(problems)
    fields: list[FieldSpec] = []
    for index, entry in zip(origins["fields"], parsed.fields, strict=True):
        where = f"{path}: fields[{index}]"
        if isinstance(entry, str):
            if entry not in catalogue:
                problems.append(
                    Problem(where=where, message=f"unknown field {entry!r}: define it here in full")
                )
                continue
            fields.append(catalogue[entry])
            continue
        problems += _field_problems(f"{where} ({entry.id})", entry)
        known = catalogue.get(entry.id)
        if known is not None and (known.kind, known.counts) != (entry.kind, entry.counts):
            problems.append(
                Problem(
                    where=f"{where} ({entry.id})",
                    message=f"{entry.id} is a canonical field ({known.kind}, counting "
                    f"{known.counts or 'nothing'}): list its id alone, or use a new id",
                )
            )
        fields.append(entry)
    problems += _structure_problems(path, parsed, fields, origins, incomplete=incomplete)
    if problems:
        return None, problems
    return (
        Questionnaire(
            id=parsed.id,
            title=parsed.title,
            description=parsed.description or parsed.title,
            period=parsed.period,
            fields=tuple(fields),
            sections=parsed.sections,
            questions=parsed.questions,
            at_most=parsed.at_most,
            sum_at_most=parsed.sum_at_most,
            also_of=parsed.also_of,
            rates=parsed.rates,
            source=str(path),
            hash=hashlib.sha256(path.read_bytes()).hexdigest()[:16],
        ),
        [],
    )


def _structure_problems(
    path: Path,
    parsed: QuestionnaireFile,
    fields: list[FieldSpec],
    origins: Origins,
    *,
    incomplete: bool = False,
) -> list[Problem]:
    problems: list[Problem] = []
    ids = [f.id for f in fields]
    defined = set(ids)
    numeric = {f.id for f in fields if f.numeric}
    for fid in {i for i in ids if ids.count(i) > 1}:
        problems.append(Problem(where=f"{path}: fields", message=f"{fid} is listed twice"))
    keys = [q.key for q in parsed.questions]
    sections = {s.id for s in parsed.sections}
    for index, question in zip(origins["questions"], parsed.questions, strict=True):
        where = f"{path}: questions[{index}] ({question.key})"
        if keys.count(question.key) > 1:
            problems.append(Problem(where=where, message=f"duplicate key {question.key!r}"))
        if question.section not in sections:
            problems.append(Problem(where=where, message=f"no section {question.section!r}"))
        for fid in question.fields:
            if fid not in defined:
                problems.append(Problem(where=where, message=f"feeds {fid}, not in fields"))
        for cue in question.cues:
            problems += _regex_problems(where, cue)
    fed = {f for q in parsed.questions for f in q.fields}
    for fid in ids if not incomplete else ():  # a question that did not parse may feed it
        if fid not in fed:
            problems.append(Problem(where=f"{path}: fields", message=f"no question feeds {fid}"))
    pairs: list[tuple[str, tuple[str, ...]]] = [("at_most", p) for p in parsed.at_most]
    pairs += [("also_of", p) for p in parsed.also_of]
    pairs += [("sum_at_most", (*r.parts, r.total)) for r in parsed.sum_at_most]
    for name, rule in pairs:
        for fid in rule:
            if fid not in numeric:
                problems.append(
                    Problem(
                        where=f"{path}: {name}",
                        message=f"{list(rule)} names {fid}, which is not a count of this "
                        "questionnaire",
                    )
                )
    for rate in parsed.rates:
        for fid in (rate.numerator, rate.denominator):
            if fid not in numeric:
                problems.append(
                    Problem(
                        where=f"{path}: rates ({rate.id})",
                        message=f"{fid} is not a count of this questionnaire",
                    )
                )
    return problems


def check_file(path: Path) -> list[Problem]:
    """Every problem of a questionnaire file (none: it can be installed)."""
    catalogue, problems = _catalogue_fields()
    data, read_problems = _read_toml(path)
    if data is None:
        return problems + read_problems
    _, found = _resolve(path, data, catalogue)
    return problems + found


def load_file(path: Path) -> Questionnaire:
    """A questionnaire file, or `QuestionnaireError` with every problem."""
    catalogue, problems = _catalogue_fields()
    data, read_problems = _read_toml(path)
    problems += read_problems
    if data is None or problems:
        raise QuestionnaireError(problems, path=path)
    questionnaire, found = _resolve(path, data, catalogue)
    if questionnaire is None:
        raise QuestionnaireError(found, path=path)
    return questionnaire


# --------------------------------------------------------------------------------------------
# The installed questionnaires
# --------------------------------------------------------------------------------------------


class Registry:
    """The installed questionnaires, and the union of their fields (catalogue order first)."""

    def __init__(self, questionnaires: list[Questionnaire], catalogue: dict[str, FieldSpec]):
        self.by_id = {q.id: q for q in questionnaires}
        fields: dict[str, FieldSpec] = {}
        for spec in catalogue.values():
            if any(spec.id in q.field_ids for q in questionnaires):
                fields[spec.id] = spec
        for questionnaire in questionnaires:
            for spec in questionnaire.fields:
                fields.setdefault(spec.id, spec)
        self.fields = fields
        digest = hashlib.sha256()
        for questionnaire in questionnaires:
            digest.update(f"{questionnaire.id}:{questionnaire.hash};".encode())
        self.fingerprint = digest.hexdigest()[:16]

    def __iter__(self) -> Iterator[Questionnaire]:
        return iter(self.by_id.values())

    def get(self, questionnaire_id: str) -> Questionnaire | None:
        return self.by_id.get(questionnaire_id)


def _files_in(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (str(p.resolve()), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(folder.glob("*.toml"))
        if p.name != CATALOGUE
    )


_last: tuple[object, Registry] | None = None


def installed() -> Registry:
    """The shipped questionnaires, those in the user's folder (--questionnaires), and a
    questionnaire file named by --questionnaire. Read once per settings (`refresh` after
    changing the files in the same process)."""
    global _last
    active = active_settings()
    key: object = active if active is not None else questionnaire_variables()
    if _last is not None and (_last[0] is key or _last[0] == key):
        return _last[1]
    settings = current_settings()
    folders = [SHIPPED] + ([settings.questionnaires_dir] if settings.questionnaires_dir else [])
    listing = [_files_in(f) if f.is_dir() else () for f in folders]
    named = _named_file(settings.questionnaire)
    if named is not None and all(str(named) != n for files in listing for n, _, _ in files):
        listing.append(((str(named), named.stat().st_mtime_ns, named.stat().st_size),))
    registry = _registry(tuple(listing))
    _last = (key, registry)
    return registry


def refresh() -> None:
    """Read the questionnaire files again at the next `installed()`."""
    global _last
    _last = None


def _named_file(chosen: str | None) -> Path | None:
    """The questionnaire file --questionnaire names, if it names a file."""
    if chosen is None or not chosen.endswith(".toml"):
        return None
    path = Path(chosen).expanduser().resolve()
    if not path.is_file():
        raise ConfigError("no such questionnaire file", path=chosen)
    return path


def forced() -> str | None:
    """The questionnaire every letter answers, when one is chosen (--questionnaire ID|FILE);
    None to detect each letter's."""
    chosen = current_settings().questionnaire
    if chosen is None:
        return None
    named = _named_file(chosen)
    registry = installed()
    if named is not None:
        return next(q.id for q in registry if Path(q.source) == named)
    if chosen != OTHER and registry.get(chosen) is None:
        ids = ", ".join(q.id for q in registry)
        raise ConfigError(f"no questionnaire {chosen!r} is installed (installed: {ids})")
    return chosen


@cache
def _registry(listing: tuple[tuple[tuple[str, int, int], ...], ...]) -> Registry:
    catalogue, problems = _catalogue_fields()
    if problems:
        raise QuestionnaireError(problems, path=SHIPPED / CATALOGUE)
    found: list[Questionnaire] = []
    for folder in listing:
        for name, _, _ in folder:
            questionnaire = load_file(Path(name))
            if any(q.id == questionnaire.id for q in found):
                raise QuestionnaireError(
                    [Problem(where=name, message=f"id {questionnaire.id!r} is installed twice")],
                    path=name,
                )
            found.append(questionnaire)
    return Registry(found, catalogue)


def questionnaire(questionnaire_id: str) -> Questionnaire | None:
    """An installed questionnaire by id (None for 'other' and for one not installed)."""
    return installed().get(str(questionnaire_id))


def fields_for(questionnaire_id: str) -> tuple[str, ...]:
    """The fields a questionnaire asks, in its order (every installed field for 'other')."""
    found = questionnaire(questionnaire_id)
    return found.field_ids if found is not None else tuple(installed().fields)


def questions_for_field(questionnaire_id: str, field_id: str) -> list[Question]:
    """The question(s) of a questionnaire that a field answers (may be empty)."""
    found = questionnaire(questionnaire_id)
    return list(found.by_field.get(field_id, ())) if found is not None else []


def question_by_key(questionnaire_id: str, key: str) -> Question:
    found = questionnaire(questionnaire_id)
    if found is None:
        raise KeyError(f"no questionnaire {questionnaire_id!r}")
    return found.question(key)


@cache
def _compiled(cues: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(cue.replace(" ", r"\s+"), re.IGNORECASE | re.MULTILINE) for cue in cues)


def compiled_cues(questionnaire_id: str, key: str) -> tuple[re.Pattern[str], ...]:
    """A question's cues as regexes; a space in a cue matches any run of whitespace, since
    letters wrap lines anywhere ("national\\nguidance")."""
    return _compiled(question_by_key(questionnaire_id, key).cues)


class _Fields(Mapping[str, FieldSpec]):
    """Every installed field by id (a view of `installed()`)."""

    def __getitem__(self, field_id: str) -> FieldSpec:
        return installed().fields[field_id]

    def __iter__(self) -> Iterator[str]:
        return iter(installed().fields)

    def __len__(self) -> int:
        return len(installed().fields)


class _Questionnaires(Mapping[str, tuple[Question, ...]]):
    """Every installed questionnaire's questions, by id (a view of `installed()`)."""

    def __getitem__(self, questionnaire_id: str) -> tuple[Question, ...]:
        return installed().by_id[str(questionnaire_id)].questions

    def __iter__(self) -> Iterator[str]:
        return iter(installed().by_id)

    def __len__(self) -> int:
        return len(installed().by_id)


FIELDS: Mapping[str, FieldSpec] = _Fields()
QUESTIONNAIRES: Mapping[str, tuple[Question, ...]] = _Questionnaires()


def numeric_fields() -> tuple[str, ...]:
    """Every installed numeric field (what a percentage may be 'of')."""
    return tuple(f.id for f in installed().fields.values() if f.numeric)


ANSWER_KIND: dict[str, AnswerKind] = {
    "numeric": "figure",
    "choice": "choice",
    "provider": "provider",
    "text": "text",
}


def make_response(data: Mapping[str, Any]) -> SurveyResponse:
    """A `SurveyResponse` from the flat form (metadata and answers side by side), each
    answer's kind taken from its field's definition, the answers in the fields' order."""
    fields = installed().fields
    order = {field_id: index for index, field_id in enumerate(fields)}
    flat: dict[str, Any] = {}
    for key in sorted(data, key=lambda k: order.get(k, len(order))):
        value, spec = data[key], fields.get(key)
        if spec is not None and isinstance(value, dict) and "kind" not in value:
            value = {"kind": ANSWER_KIND[spec.kind], **value}
        flat[key] = value
    return SurveyResponse.model_validate(flat)


class _Numeric(Mapping[str, FieldSpec]):
    """Every installed numeric field (what a percentage may be 'of'), a view."""

    def __getitem__(self, field_id: str) -> FieldSpec:
        spec = installed().fields[field_id]
        if not spec.numeric:
            raise KeyError(field_id)
        return spec

    def __iter__(self) -> Iterator[str]:
        return iter(numeric_fields())

    def __len__(self) -> int:
        return len(numeric_fields())


NUMERIC_FIELDS: Mapping[str, FieldSpec] = _Numeric()
