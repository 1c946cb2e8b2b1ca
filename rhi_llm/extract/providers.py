"""Who delivers return interviews: provider kinds read from an answer's wording.

Three kinds of evidence, joined: options ticked in a tick list; explicit yes/no answers to an
option ("A third sector agency? Yes/No: No", "Q1b: Yes", "Youth workers: yes"); and providers
the detail names without denying them ("an allocated social worker", "Barnardo's", "commissioned
from Pathfinder Interviews Ltd"). An option answered "no", or named after "no"/"not", does not
count; a named charity counts even when a yes/no box elsewhere says no, since the letter then
says both (the gold set's labelling rule, eval/LABELLING.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rhi_llm.core.survey import ProviderKind

from .ticks import ticked_options

K = ProviderKind
_I = re.IGNORECASE
# Words that name a kind of provider. Capitalised names ("Missing Team", "Lantern Project")
# are matched case-sensitively.
KIND_WORDS: tuple[tuple[ProviderKind, re.Pattern[str]], ...] = (
    (
        K.THIRD_SECTOR_AGENCY,
        re.compile(
            r"third[ -]sector|charit(?:y|ies|able)|voluntary (?:sector|organi[sz]ation)|barnardo|"
            r"children'?s society|catch ?22|nspcc",
            _I,
        ),
    ),
    (
        K.THIRD_SECTOR_AGENCY,
        re.compile(
            r"\b[A-Z][\w'’]*(?: [A-Z][\w'’]*)* (?:Trust|Project|Partnership|Foundation|Society)\b"
        ),
    ),
    (
        K.COMMISSIONED_INDEPENDENT_SERVICE,
        re.compile(
            r"\bcommissioned\b|\bcommission(?:s|ing)? (?:from|an?|the)\b|\bprocured?\b|"
            r"independent (?:provider|service|organisation)|spot[ -]?purchas|\bltd\b",
            _I,
        ),
    ),
    (K.SOCIAL_WORKER, re.compile(r"social workers?", _I)),
    (
        K.OTHER,
        # a police officer or a housing key worker who holds the interview, or an option
        # "Other" that the letter ticks or answers yes
        re.compile(
            r"\bpolice (?:[\w-]+ ){0,3}officers?\b|\bhousing (?:association|key ?workers?)\b|"
            r"^\W*other\b(?!\s+(?:councils?|authorities|local|areas?)\b)",
            _I,
        ),
    ),
    (
        K.YOUTH_WORKER,
        re.compile(r"youth (?:support |and community |justice )?(?:workers?|services?)", _I),
    ),
    (
        K.LOCAL_AUTHORITY_TEAM,
        re.compile(
            r"(?:team|unit|hub|service)(?: or individual)? (?:based )?(?:with)?in (?:your|the|our) "
            r"local authority|local authority team|council team|dedicated team|early help|"
            r"\bmash\b|\bin[- ]house\b",
            _I,
        ),
    ),
    (
        K.LOCAL_AUTHORITY_TEAM,
        re.compile(r"\b[A-Z][\w&'’/()-]*(?: [A-Z][\w&'’/()-]*)* (?:Team|Hub)\b"),
    ),
)
# A negation reaches to the end of its clause, not past a comma that starts a new part of the
# sentence ("for children not open to social care, by the police officer who ...")
# a "no" or "not" whose reach runs to the end of the text searched: it ends at ", but" and
# the like, and at a new clause that says who delivers ("For children not open to social
# care, interviews are delivered by ...": the "not" is the children's, not the provider's)
_NEGATION = re.compile(
    r"\b(?:no|not|never|nor|neither|without|none)\b"
    r"(?:(?!,\s*(?:but|by|while|whereas|though|although)\b"
    r"|,\s*(?:[\w'’-]+\s+){0,3}(?:are|is|were|was)\s+(?:delivered|carried out|completed|"
    r"provided|done|undertaken|conducted)\b)[^.;\n])*$",
    _I,
)
_PART_ANSWER = re.compile(r"^\s*(?:q\d+\s*)?\(?([ab])\)?\s*[:.)]?\s*(?:answer:?\s*)?(yes|no)\b", _I)
_AGENCY = re.compile(
    r"(?:The )?(?:[A-Z][\w'’]*\s){0,4}(?:Trust|Charity|Project|Partnership|Society|Foundation)\b"
    r"|Barnardo['’]s|NSPCC|Catch ?22"
)
_TEAM = re.compile(r"(?:the )?(?:[A-Z][\w&'’/()-]*\s){1,6}(?:Team|Hub|Service)\b")


@dataclass
class ProviderReading:
    kinds: list[ProviderKind] = field(default_factory=list)
    agency: str | None = None
    team: str | None = None
    quote: str | None = None

    def add(self, kind: ProviderKind, line: str) -> None:
        if kind not in self.kinds:
            self.kinds.append(kind)
        if self.quote is None:
            self.quote = line.strip()[:160]


def kinds_named(text: str) -> list[ProviderKind]:
    """Every provider kind a piece of text names (negation not considered)."""
    found: list[ProviderKind] = []
    for kind, pattern in KIND_WORDS:
        for match in pattern.finditer(text):
            if kind == K.LOCAL_AUTHORITY_TEAM and re.search(r"youth", match.group(0), _I):
                continue  # "Larkfield Youth Service" names youth workers, not a council team
            if kind not in found:
                found.append(kind)
            break
    return found


def _clauses(text: str) -> list[str]:
    """Clauses of a block: split at line ends and full stops, never at a question mark (the
    answer to 'A third sector agency? Yes/No: No' follows it)."""
    return [c.strip() for c in re.split(r"(?<=[.;!])\s+|\n", text) if c.strip()]


_ANSWER_AFTER = re.compile(
    r"[^:?\-–\n]{0,60}?(?:[:?\-–]\s*)+(?:answer:?\s*)?\b(?P<said>yes|no)\b(?P<sep>\W*)", _I
)


def _explicit(clause: str) -> tuple[list[ProviderKind], str, str] | None:
    """'A third sector agency? Yes/No: No' -> ([third sector], 'no', detail after it)."""
    cleaned = re.sub(r"\(?\byes\s*/\s*no\b\)?", " ", clause, flags=_I)
    for kind, pattern in KIND_WORDS:
        match = pattern.search(cleaned)
        if not match:
            continue
        answer = _ANSWER_AFTER.match(cleaned, match.end())
        if answer:
            said = answer.group("said").lower()
            rest = cleaned[answer.end() :]
            if said == "no" and not re.search(r"[-–:.,;]", answer.group("sep")):
                rest = re.split(r"[.;]", rest, maxsplit=1)[-1]  # "No dedicated team. ..."
            return [kind], said, rest
    return None


_FORMER = re.compile(
    r"^\W*(?:until|before|prior to|previously|formerly|up to)\b|\bno longer\b|\bused to\b|"
    r"\buntil (?:it|they) (?:was|were) (?:replaced|closed)\b",
    _I,
)


_OPTIONS_RETOLD = re.compile(
    r"\b(?:and )?whether (?:this|it|they|the (?:work|service|interviews?)) (?:is|was|are|were)"
    r"\b[^.;:,\n]{0,120}?\bor\b[^.;:,\n]{0,80}",
    _I,
)


def read_provider(text: str, *, now: bool = True) -> ProviderReading:
    """The provider kinds an answer names; asked of now (``now``), not those it says delivered
    interviews only in the past ("Until October 2022 the interviews were carried out by the
    council's own Missing Children Team, which no longer exists")."""
    if now:
        text = "\n".join(c for c in _clauses(text) if not _FORMER.search(c))
    # "..., and whether this is a voluntary sector organisation or a team within the council,
    # the council confirmed ...": the question's options retold, not the answer
    text = _OPTIONS_RETOLD.sub(" ", text)
    result = ProviderReading()
    denied: set[ProviderKind] = set()
    for tick in ticked_options(text):
        for kind in kinds_named(tick.text):
            result.add(kind, tick.quote)
    clauses = _clauses(text)
    for index, clause in enumerate(clauses):
        if re.search(r"\[\s*\]|☐", clause):
            continue  # an unticked option
        if _TICK_LINE.search(clause):
            continue  # already read as a tick
        part = _PART_ANSWER.match(clause)
        if part:
            # 2018 questions 1-3: part a asks about a third sector agency, part b a council team
            kind = K.THIRD_SECTOR_AGENCY if part.group(1).lower() == "a" else K.LOCAL_AUTHORITY_TEAM
            (result.add(kind, clause) if part.group(2).lower() == "yes" else denied.add(kind))
            _mentions(clause[part.end() :], result)
            continue
        explicit = _explicit(clause)
        if (
            explicit is None
            and index + 1 < len(clauses)
            and re.fullmatch(r"\W*(?:answer:?\s*)?(?:yes|no)\W*", clauses[index + 1], _I)
        ):
            said = "yes" if re.search(r"yes", clauses[index + 1], _I) else "no"
            explicit = (kinds_named(clause)[:1], said, "")
        if explicit is not None:
            kinds, said, rest = explicit
            for kind in kinds:
                (result.add(kind, clause) if said == "yes" else denied.add(kind))
            _mentions(rest, result)
            continue
        _mentions(clause, result)
    result.kinds = [k for k in result.kinds if k not in denied or _named_apart(text, k)]
    result.agency = _first(_AGENCY, text) if K.THIRD_SECTOR_AGENCY in result.kinds else None
    result.team = _first(_TEAM, text) if K.LOCAL_AUTHORITY_TEAM in result.kinds else None
    return result


_TICK_LINE = re.compile(r"^\W{0,3}\[\s*[xX✓✔]\s*\]")


_INDEPENDENT = re.compile(r"independent|\bltd\b|limited|compan(?:y|ies)|\bcic\b|private|spot", _I)


# "the council's Youth Service", "Stallbridge City Council's Targeted Youth Support service":
# a council service, whatever its name says
_COUNCILS_OWN = re.compile(
    r"\bcouncil['’]s (?:own )?(?:[A-Z][\w&'’-]*\s){0,5}(?:team|service|hub|unit)\b", _I
)
# "Keystone Youth Services Ltd": a company's name, not youth workers
_COMPANY_NAME = re.compile(r"[\w&'’ -]{0,40}?\b(?:ltd|limited|cic|plc)\b", _I)


def _mentions(clause: str, result: ProviderReading) -> None:
    found: list[ProviderKind] = []
    for kind, pattern in KIND_WORDS:
        for match in pattern.finditer(clause):
            if _NEGATION.search(clause[: match.start()]):
                continue
            if kind == K.LOCAL_AUTHORITY_TEAM and re.search(r"youth", match.group(0), _I):
                continue
            if (
                kind == K.YOUTH_WORKER
                and match.group(0)[:1].isupper()
                and _COMPANY_NAME.match(clause, match.end())
            ):
                continue
            found.append(kind)
            break
    if K.LOCAL_AUTHORITY_TEAM not in found and (
        (own := _COUNCILS_OWN.search(clause)) and not _NEGATION.search(clause[: own.start()])
    ):
        found.append(K.LOCAL_AUTHORITY_TEAM)
    if (
        K.COMMISSIONED_INDEPENDENT_SERVICE in found
        and K.THIRD_SECTOR_AGENCY in found
        and not _INDEPENDENT.search(clause)
    ):
        # "we commission a charity": the charity is third sector, not an independent service
        found.remove(K.COMMISSIONED_INDEPENDENT_SERVICE)
    for kind in found:
        result.add(kind, clause)


def _named_apart(text: str, kind: ProviderKind) -> bool:
    """A charity named in the detail even though its yes/no box says no (a Barnardo's worker
    who did some interviews)."""
    if kind != K.THIRD_SECTOR_AGENCY:
        return False
    for match in re.finditer(r"barnardo|children'?s society|catch ?22|nspcc|\bcharity\b", text, _I):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not _NEGATION.search(text[line_start : match.start()]):
            return True
    return False


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(0).strip() if match else None


_DEFINED = re.compile(r"\b((?:[A-Z][\w&'’-]*\s){1,6}(?:Team|Hub))\s*\(\s*([A-Z]{2,6})\s*\)")


def with_abbreviations(text: str, letter: str) -> str:
    """The answer with the abbreviations the letter defined for its teams spelt out: "the
    MEH took the work in-house", where an earlier answer named the "Missing and Exploitation
    Hub (MEH)"."""
    for name, short in {m.group(2): m.group(1) for m in _DEFINED.finditer(letter)}.items():
        text = re.sub(rf"\b{name}\b(?!\s*\))", short.strip(), text)
    return text
