"""Shared helpers for building set Q.

Letter sources are written with readable markers for the characters that are
hard to see or type:

    «BOM»   U+FEFF  byte-order mark / zero-width no-break space (Cf)
    «NBSP»  U+00A0  no-break space (Zs)
    «NNBSP» U+202F  narrow no-break space (Zs)
    «ZWSP»  U+200B  zero-width space (Cf)
    «SHY»   U+00AD  soft hyphen (Cf)
    «RLM»   U+200F  right-to-left mark (Cf)
    «LRM»   U+200E  left-to-right mark (Cf)
    «WJ»    U+2060  word joiner (Cf)

and «Q:key» at the place where the council's copy of question `key` starts.
The «Q:key» marker is removed; the text that follows it (up to the end of the
line, the next tag, a table bar "|" or an explicit «/Q», at most ~60
characters, cut at a word) becomes the
question anchor written to the gold file's "questions" map.
"""
import html
import json
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)              # /work/sealed18
LETTERS = os.path.join(ROOT, "Q", "letters")
GOLD = os.path.join(ROOT, "Q", "gold")

MARKS = {
    "«BOM»": "\ufeff",
    "«NBSP»": "\u00a0",
    "«NNBSP»": "\u202f",
    "«ZWSP»": "\u200b",
    "«SHY»": "\u00ad",
    "«RLM»": "\u200f",
    "«LRM»": "\u200e",
    "«WJ»": "\u2060",
}

Q_RE = re.compile(r"«Q:([0-9a-z-]+)»")


def normalise(text):
    """What the reader sees: drop format characters (Cf), no-break and other
    special spaces become ordinary spaces, whitespace collapsed."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        if cat == "Zs" or ch in "\t\r\n\x0b\x0c\u2028\u2029":
            out.append(" ")
        else:
            out.append(ch)
    return re.sub(r" +", " ", "".join(out)).strip()


def _anchor(fragment, is_html):
    frag = fragment.split("\n", 1)[0].split("«/Q»", 1)[0].split("|", 1)[0]
    if is_html:
        frag = frag.split("<", 1)[0]
        frag = html.unescape(frag)
    for k, v in MARKS.items():
        frag = frag.replace(k, v)
    frag = Q_RE.sub("", frag)
    frag = normalise(frag)
    if len(frag) > 60:
        cut = frag[:60]
        if " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        frag = cut
    return frag


def render(source, is_html=False, anchors=None):
    """Replace markers; collect question anchors into `anchors` (dict)."""
    if anchors is None:
        anchors = {}
    for m in Q_RE.finditer(source):
        key = m.group(1)
        if key in anchors:
            raise ValueError("question marker %s used twice" % key)
        anchors[key] = _anchor(source[m.end():], is_html)
    text = Q_RE.sub("", source).replace("«/Q»", "")
    for k, v in MARKS.items():
        text = text.replace(k, v)
    leftover = re.findall(r"«[^»]*»", text)
    if leftover:
        raise ValueError("unknown markers: %r" % leftover)
    return text, anchors


def write_gold(letter_name, gold, anchors):
    stem = os.path.splitext(letter_name)[0]
    g = dict(gold)
    g["letter"] = letter_name
    order = ["letter", "council", "reference", "response_date",
             "questionnaire", "period", "fields", "questions"]
    g["questions"] = anchors
    g = {k: g[k] for k in order if k in g}
    path = os.path.join(GOLD, stem + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(g, f, ensure_ascii=False, indent=2)
        f.write("\n")
    return path


def write_bytes(letter_name, data):
    path = os.path.join(LETTERS, letter_name)
    with open(path, "wb") as f:
        f.write(data)
    return path


P2018 = {"start": "2017-04-01", "end": "2018-03-31"}
P2024 = {"start": "2023-04-01", "end": "2024-03-31"}


def n(value, quote, unit="count", **extra):
    d = {"value": value, "unit": unit, "quote": quote}
    d.update(extra)
    return d


def pct(value, of, quote):
    return {"value": value, "unit": "percent", "of": of, "quote": quote}


def status(st, quote):
    return {"value": None, "status": st, "quote": quote}


def choice(values, quote, **extra):
    d = {"value": list(values), "quote": quote}
    d.update(extra)
    return d


def text(value, quote):
    return {"value": value, "quote": quote}
