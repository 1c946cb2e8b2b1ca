"""How closely a passage says what a question asks: weighted, fuzzy word overlap.

Councils rarely quote a question word for word: they paraphrase it ("how many episodes
involved children in our care"), head a table row with a few of its words ("Missing incidents,
looked after children"), or restate it in a sentence ("Asked how many interviews took place,
..."). The cue regexes of a questionnaire catch the usual phrasings; this module scores the
rest:

* each question's *profile* is the words of our wording, its cue words, its fields' labels and
  its section's title, after `canonical()` (plurals and tenses folded, and the domain's
  synonyms — episodes / incidents, in care / looked after, took place / completed — made one
  word), each weighted by how few of the questionnaire's questions use it;
* a passage's score for a question is the weight of the profile words it holds (a word spelt a
  little differently counts, by rapidfuzz's ratio) over the profile's whole weight, 0..1.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from rhi_llm.core.questionnaires import Question, installed

# Phrases folded to one token before the words are split (the order matters: longer first).
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"return (?:home )?interviews?|\brhis?\b|return (?:home )?conversations?", " interview "),
    (
        r"looked[ -]after|in (?:our |the council'?s? )?care|\bcla\b|\blac\b|children in care",
        " lookedafter ",
    ),
    (
        r"out of (?:the )?(?:area|borough|county|district|city)|outside (?:the |our )?"
        r"(?:area|borough|county|district|city|authority)|elsewhere|placed away",
        " outofarea ",
    ),
    (
        r"other (?:local )?(?:authorities|councils)|another (?:local )?(?:authority|council)|"
        r"placing (?:authorities|councils)|host authorit(?:y|ies)",
        " othercouncil ",
    ),
    (r"72\s*-?\s*h(?:ou)?rs?|seventy.two(?: hours)?|three days|3 days|72", " within72 "),
    (
        r"carried out|took place|taken place|were held|was held|conducted|undertaken|"
        r"completed?|completions?|happened|done",
        " complete ",
    ),
    (r"turned down|refused|did not want|declin\w*", " decline "),
    (r"took up|taken up|agreed|accept\w*", " accept "),
    (r"follow[ -]?up|further (?:support|work|sessions)|after the interview", " followup "),
    (r"young (?:people|persons?)|child(?:ren)?|individuals?|boys?|girls?", " child "),
    (r"episodes?|occasions?|occurrences?|incidents?|instances?", " incident "),
    (r"third[ -]sector|voluntary|charit\w+|commissioned|contracted", " thirdsector "),
    (r"in[ -]house|council (?:team|staff|service)|our own", " inhouse "),
    (r"how many|number of|total (?:number|of)|figures?", " howmany "),
)
_COMPILED = tuple((re.compile(p, re.IGNORECASE), t) for p, t in _PHRASES)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    """
    a an and any are as at be been being by can could did do does for from had has have
    how if in into is it its of on or our over per please provide the their them then there
    these they this those to was we were what when where which who whom why will with you
    your yours us also each all give tell state list period year years between during whether
    such same than that so not no yes go goes went going gone march april total
    """.split()  # noqa: SIM905
)
_FUZZY_CUTOFF = 86.0


def _stem(word: str) -> str:
    """A light stem: plural and tense endings and a final e go ("placed", "place", "places"
    are one word)."""
    for suffix in ("ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


@lru_cache(maxsize=16384)
def canonical(text: str) -> tuple[str, ...]:
    """The passage's content words, folded (see the module's docstring), in order."""
    lowered = text.lower()
    for pattern, token in _COMPILED:
        lowered = pattern.sub(token, lowered)
    return tuple(
        _stem(w)
        for w in _WORD.findall(lowered)
        if w not in _STOP and len(w) > 2 and not w.isdigit()
    )


@dataclass(frozen=True, slots=True)
class Profile:
    """A question's words and how much each tells it apart from the others."""

    weights: dict[str, float]
    total: float


@dataclass(frozen=True, slots=True)
class Profiles:
    by_key: dict[str, Profile]
    vocabulary: tuple[str, ...]  # every profile word of the questionnaire
    idf: dict[str, float]  # each word's weight, whichever question it is in
    questions_with: dict[str, tuple[str, ...]]  # word -> the questions whose profile has it


def _cue_words(cue: str) -> str:
    """The plain words of a cue regex: each alternative's words of three letters or more,
    optional groups and regex syntax left out."""
    plain = re.sub(r"\((?:\?:)?[^()|]*\)\?|\\[a-zA-Z][*+?]?|\(\?:|[()?*+^$]", " ", cue)
    return " ".join(
        word
        for branch in plain.split("|")
        for word in re.split(r"[^a-zA-Z0-9]+", branch)
        if len(word) >= 3 or word.isdigit()
    )


def _question_text(questionnaire: str, question: Question) -> str:
    spec = installed().get(questionnaire)
    parts = [question.wording, *(_cue_words(c) for c in question.cues)]
    if spec is not None:
        by_id = {f.id: f for f in spec.fields}
        parts += [by_id[f].label for f in question.fields if f in by_id]
        titles = {s.id: s.title for s in spec.sections}
        if question.section != spec.sections[0].id:
            parts.append(titles.get(question.section, ""))
    return " ".join(parts)


def profiles(questionnaire: str) -> Profiles:
    spec = installed().get(questionnaire)
    return _profiles(questionnaire, spec.hash if spec else "")


@cache
def _profiles(questionnaire: str, _hash: str) -> Profiles:
    spec = installed().get(questionnaire)
    if spec is None:
        return Profiles(by_key={}, vocabulary=(), idf={}, questions_with={})
    bags = {q.key: set(canonical(_question_text(questionnaire, q))) for q in spec.questions}
    count = len(bags)
    used: dict[str, int] = {}
    for bag in bags.values():
        for word in bag:
            used[word] = used.get(word, 0) + 1
    idf = {w: math.log(1 + count / n) for w, n in used.items()}
    by_key: dict[str, Profile] = {}
    for key, bag in bags.items():
        weights = {w: idf[w] for w in bag}
        by_key[key] = Profile(weights=weights, total=sum(weights.values()) or 1.0)
    questions_with = {w: tuple(k for k, bag in bags.items() if w in bag) for w in used}
    return Profiles(
        by_key=by_key, vocabulary=tuple(sorted(used)), idf=idf, questions_with=questions_with
    )


def matches(vocabulary: tuple[str, ...], passage: str) -> dict[str, float]:
    """How well the passage holds each vocabulary word: 1 said, 0.8 spelt a little
    differently, absent otherwise."""
    return dict(_matches(vocabulary, passage))


@lru_cache(maxsize=65536)
def _matches(vocabulary: tuple[str, ...], passage: str) -> tuple[tuple[str, float], ...]:
    words = set(canonical(passage))
    if not words:
        return ()
    known = set(vocabulary)
    found = {word: 1.0 for word in words & known}
    # a word of the passage may be one of the questionnaire's words spelt a little
    # differently: the passage has a dozen words, the questionnaire a few hundred
    for word in words:
        if len(word) < 5:
            continue
        for match, _, _ in process.extract(
            word, vocabulary, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=3
        ):
            if len(match) >= 5:
                found.setdefault(match, 0.8)
    return tuple(found.items())


def similarity(
    profile: Profile, found: dict[str, float], idf: dict[str, float], said: float | None = None
) -> float:
    """How well a passage says this question, 0..1: how much of the question's weighted words
    it holds (recall), balanced with how much of what it says, in the questionnaire's words,
    belongs to this question rather than another (precision), recall counting four times as
    much (an F2 measure): a short table label holds few of a question's words. ``said`` is
    the passage's own weight (`said_weight`), when already known."""
    weights = profile.weights
    held = sum(weights.get(word, 0.0) * degree for word, degree in found.items())
    if held == 0:
        return 0.0
    recall = held / profile.total
    if said is None:
        said = said_weight(found, idf)
    precision = held / said if said else 0.0
    return 5 * precision * recall / (4 * precision + recall)


def said_weight(found: dict[str, float], idf: dict[str, float]) -> float:
    return sum(idf.get(word, 0.0) * degree for word, degree in found.items())


def question_similarities(questionnaire: str, passage: str) -> dict[str, float]:
    """How well a passage (a table row's label and heading) says each question."""
    found = profiles(questionnaire)
    held = matches(found.vocabulary, passage)
    return {key: similarity(p, held, found.idf) for key, p in found.by_key.items()}
