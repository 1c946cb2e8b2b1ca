#!/usr/bin/env python3
"""Check set Q's gold files against their letters (stdlib only).

    python3 /work/sealed18/make/check_Q.py [--set /work/sealed18/Q] [-v]

For every gold file: the JSON parses and has the metadata keys; the letter
exists; every field belongs to the letter's questionnaire (questions.md); each
numeric or status field has a quote; every quote (and every text answer and
question anchor) occurs in the letter's visible text after the reader's
normalisation (Unicode format characters, category Cf, removed; no-break and
other special spaces turned into spaces; whitespace collapsed); the quote of a
count states the number; choice values are among the options; figures are
plausible (accepted <= offered, within 72h <= completed, ...). Also checks the
set's mix (8 letters, 4 per questionnaire, formats). Exit status 1 on errors.
"""
import argparse
import collections
import datetime
import email
import email.policy
import json
import os
import re
import sys
import unicodedata
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

QUESTIONS_MD = "/work/brief18/questions.md"

# ---------------------------------------------------------------- schema

def parse_questions(path):
    """-> {questionnaire: {"period": (start, end), "keys": {key: [fields]}}},
    {field: (kind, [options])}"""
    qs, fields = {}, {}
    cur = None
    key = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"# Questionnaire (\S+)", line)
            if m:
                cur = qs.setdefault(m.group(1), {"period": None, "keys": {}})
                continue
            if line.startswith("# Field ids"):
                cur = None
                continue
            m = re.match(r"Period asked: .*\((\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)\)", line)
            if m and cur is not None:
                cur["period"] = (m.group(1), m.group(2))
                continue
            m = re.match(r"- Question .*\(key ([^)]+)\):", line)
            if m and cur is not None:
                key = m.group(1)
                cur["keys"][key] = []
                continue
            m = re.match(r"\s+fields:\s*(.*)$", line)
            if m and cur is not None and key:
                cur["keys"][key] = [x.strip() for x in m.group(1).split(",") if x.strip()]
                continue
            m = re.match(r"- `([a-z0-9_]+)` \(([a-z]+)\):(.*)$", line)
            if m:
                opts = []
                mo = re.search(r"options: (.*)$", m.group(3))
                if mo:
                    opts = [o.strip() for o in mo.group(1).split(",")]
                fields[m.group(1)] = (m.group(2), opts)
    return qs, fields


# ---------------------------------------------------------------- visible text

def normalise(text):
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        if cat in ("Zs", "Zl", "Zp") or ch in "\t\r\n\x0b\x0c":
            out.append(" ")
        else:
            out.append(ch)
    return re.sub(r" +", " ", "".join(out)).strip()


class _HTMLText(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
             "dt", "dd", "caption", "table", "ul", "ol", "header", "footer",
             "main", "aside", "nav", "section", "blockquote"}
    SKIP = {"script", "style", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(s):
    p = _HTMLText()
    p.feed(s)
    p.close()
    return "".join(p.parts)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_xml_text(xml_bytes):
    root = ET.fromstring(xml_bytes)
    lines = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                buf.append(el.text)
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                buf.append("\n")
            elif el.tag == W + "noBreakHyphen":
                buf.append("\u2011")
            elif el.tag == W + "softHyphen":
                buf.append("\u00ad")
        lines.append("".join(buf))
    return "\n".join(lines)


def visible_texts(path):
    """-> (list of body texts a reader sees, extra metadata text)"""
    ext = os.path.splitext(path)[1].lower()
    data = open(path, "rb").read()
    if ext in (".txt", ".md"):
        return [data.decode("utf-8")], ""
    if ext in (".html", ".htm"):
        s = data.decode("utf-8")
        m = re.search(r"<title>(.*?)</title>", s, re.S)
        return [html_text(s)], (m.group(1) if m else "")
    if ext == ".eml":
        msg = email.message_from_bytes(data, policy=email.policy.default)
        bodies = []
        for part in msg.walk():
            ct = part.get_content_type()
            if ct == "text/plain":
                bodies.append(part.get_content())
            elif ct == "text/html":
                bodies.append(html_text(part.get_content()))
        meta = "\n".join(str(msg.get(h, "")) for h in ("From", "To", "Subject", "Date"))
        return bodies, meta
    if ext == ".docx":
        z = zipfile.ZipFile(path)
        body = _docx_xml_text(z.read("word/document.xml"))
        meta = []
        for name in z.namelist():
            if re.match(r"word/(header|footer)\d*\.xml$", name):
                meta.append(_docx_xml_text(z.read(name)))
        return [body], "\n".join(meta)
    raise ValueError("unknown letter format: " + path)


def invisible_inventory(path):
    """Count special characters in the raw letter (decoded)."""
    ext = os.path.splitext(path)[1].lower()
    texts, meta = visible_texts(path)
    raw = "\n".join(texts)
    if ext == ".txt":
        raw = open(path, "rb").read().decode("utf-8")
    c = collections.Counter()
    for ch in raw:
        cat = unicodedata.category(ch)
        if cat == "Cf" or (cat == "Zs" and ch != " "):
            c["U+%04X %s" % (ord(ch), unicodedata.name(ch, "?"))] += 1
    return c


# ---------------------------------------------------------------- numbers

WORDS = {"none": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
         "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
         "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
         "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


def numbers_in(quote):
    q = re.sub(r"(?<=\d)[ ,](?=\d{3}\b)", "", quote)
    nums = set()
    for m in re.finditer(r"\d+(?:\.\d+)?", q):
        nums.add(float(m.group(0)))
    for w in re.findall(r"[A-Za-z]+", quote.lower()):
        if w in WORDS:
            nums.add(float(WORDS[w]))
    return nums


STATUSES = {"answered", "not_held", "exempt", "refused", "not_answered"}

# (smaller, larger): smaller <= larger when both are counts
PLAUSIBLE = [
    ("rhi_accepted", "rhi_offered"), ("rhi_declined", "rhi_offered"),
    ("rhi_completed", "rhi_offered"), ("rhi_within_72h", "rhi_completed"),
    ("rhi_completed", "rhi_accepted"), ("missing_children", "missing_incidents"),
    ("rhi_offered", "missing_incidents"),
    ("lac_missing_children", "lac_total"), ("lac_missing_children", "missing_children"),
    ("lac_missing_children", "lac_missing_incidents"),
    ("lac_missing_incidents", "missing_incidents"),
    ("ooa_missing_children", "ooa_placed_children"),
    ("ooa_missing_children", "ooa_missing_incidents"),
    ("ooa_rhi_offered", "ooa_missing_incidents"),
    ("ooa_rhi_completed", "ooa_rhi_offered"),
    ("incoming_missing_children", "incoming_placed_children"),
    ("incoming_missing_children", "incoming_missing_incidents"),
    ("incoming_rhi_completed", "incoming_missing_incidents"),
]


# ---------------------------------------------------------------- checks

def check_gold(gpath, letters_dir, qs, fdefs, verbose):
    errs, notes = [], []
    E = errs.append
    try:
        with open(gpath, encoding="utf-8") as f:
            g = json.load(f)
    except Exception as e:  # noqa
        return ["JSON does not parse: %s" % e], notes, None
    for k in ("letter", "council", "reference", "response_date", "questionnaire",
              "period", "fields"):
        if k not in g:
            E("missing key %r" % k)
    if errs:
        return errs, notes, g
    lpath = os.path.join(letters_dir, g["letter"])
    if not os.path.exists(lpath):
        return ["letter not found: %s" % g["letter"]], notes, g
    if os.path.splitext(os.path.basename(gpath))[0] != os.path.splitext(g["letter"])[0]:
        E("gold file name does not match the letter's name")
    qn = g["questionnaire"]
    if qn not in qs:
        return ["unknown questionnaire %r" % qn], notes, g
    schema = qs[qn]
    qfields = {f for fl in schema["keys"].values() for f in fl}
    start, end = schema["period"]
    if g["period"] != {"start": start, "end": end}:
        E("period %r is not the period asked (%s to %s)" % (g["period"], start, end))
    try:
        rd = datetime.date.fromisoformat(g["response_date"])
        if rd <= datetime.date.fromisoformat(end):
            E("response_date %s is not after the period end" % rd)
        if (rd - datetime.date.fromisoformat(end)).days > 400:
            E("response_date %s is implausibly late" % rd)
    except ValueError:
        E("response_date %r is not an ISO date" % g["response_date"])

    bodies, meta = visible_texts(lpath)
    nbodies = [normalise(b) for b in bodies]
    nall = normalise("\n".join(bodies) + "\n" + meta)

    def in_letter(s, what):
        ns = normalise(s)
        if ns != s:
            E("%s is not in normalised form (special characters or extra spaces): %r" % (what, s))
        missing = [i for i, b in enumerate(nbodies) if ns not in b]
        if missing:
            E("%s not found in the visible text%s: %r" % (
                what, "" if len(nbodies) == 1 else " of part(s) %s" % missing, s))
            return False
        cnt = nbodies[0].count(ns)
        if cnt > 1 and verbose:
            notes.append("%s occurs %d times: %r" % (what, cnt, s))
        return True

    if normalise(g["council"]).lower() not in nall.lower():
        E("council name not in the letter: %r" % g["council"])
    if normalise(g["reference"]) not in nall:
        E("reference not in the letter: %r" % g["reference"])

    values = {}
    for fid, fd in g["fields"].items():
        where = "field %s" % fid
        if fid not in qfields:
            E("%s does not belong to questionnaire %s" % (where, qn))
            continue
        if fid not in fdefs:
            E("%s is not a known field id" % where)
            continue
        kind, opts = fdefs[fid]
        st = fd.get("status", "answered")
        if st not in STATUSES:
            E("%s: unknown status %r" % (where, st))
        quote = fd.get("quote")
        if st != "answered":
            if fd.get("value") is not None:
                E("%s: withheld/unanswered field must have value null" % where)
            if not quote:
                E("%s: status %s without a quote" % (where, st))
            else:
                in_letter(quote, where + " quote")
            continue
        v = fd.get("value")
        if kind == "count":
            unit = fd.get("unit")
            if unit not in ("count", "percent"):
                E("%s: unit must be count or percent, got %r" % (where, unit))
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                E("%s: numeric value expected, got %r" % (where, v))
                continue
            if not quote:
                E("%s: numeric field without a quote" % where)
                continue
            in_letter(quote, where + " quote")
            if float(v) not in numbers_in(quote):
                E("%s: quote %r does not state %r" % (where, quote, v))
            if unit == "percent":
                of = fd.get("of")
                if of not in qfields or fdefs.get(of, ("",))[0] != "count":
                    E("%s: percent needs 'of' naming a count field of %s, got %r" % (where, qn, of))
                if not 0 <= v <= 100:
                    E("%s: percentage out of range" % where)
            else:
                if v != int(v) or v < 0:
                    E("%s: count must be a non-negative integer" % where)
                values[fid] = v
        elif kind in ("provider", "choice"):
            if not isinstance(v, list) or not v:
                E("%s: value must be a non-empty list" % where)
                continue
            bad = [x for x in v if x not in opts]
            if bad:
                E("%s: %r not among options %r" % (where, bad, opts))
            if len(set(v)) != len(v):
                E("%s: repeated option" % where)
            if not quote:
                E("%s: no quote" % where)
            else:
                in_letter(quote, where + " quote")
        elif kind == "text":
            if not isinstance(v, str) or not v.strip():
                E("%s: text value must be a non-empty string" % where)
                continue
            in_letter(v, where + " value")
            if not quote:
                E("%s: text field without a quote" % where)
                continue
            in_letter(quote, where + " quote")
            if len(quote.split()) < 4:
                E("%s: quote has fewer than four words" % where)
            if normalise(quote) not in normalise(v):
                E("%s: quote is not part of the answer" % where)
        else:
            E("%s: unknown kind %r" % (where, kind))

    for small, big in PLAUSIBLE:
        if small in values and big in values and values[small] > values[big]:
            E("implausible: %s (%s) > %s (%s)" % (small, values[small], big, values[big]))
    f = g["fields"]
    acc, dec, off = (values.get(k) for k in ("rhi_accepted", "rhi_declined", "rhi_offered"))
    if None not in (acc, dec, off) and acc + dec > off:
        E("implausible: accepted + declined > offered")
    for fid, fd in f.items():
        if fd.get("unit") == "percent" and fd.get("of") in values:
            notes.append("%s = %s%% of %s %s -> about %d" % (
                fid, fd["value"], fd["of"], values[fd["of"]],
                round(fd["value"] * values[fd["of"]] / 100)))

    qmap = g.get("questions", {})
    for key, anchor in qmap.items():
        if key not in schema["keys"]:
            E("questions: key %r is not a key of %s" % (key, qn))
        elif not anchor:
            E("questions: empty anchor for %r" % key)
        else:
            in_letter(anchor, "question anchor %s" % key)
    missing_q = [k for k in schema["keys"] if k not in qmap]
    if missing_q:
        notes.append("questions without an anchor: %s" % ", ".join(missing_q))
    return errs, notes, g


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--set", default=os.path.join(os.path.dirname(here), "Q"))
    ap.add_argument("--questions", default=QUESTIONS_MD)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    qs, fdefs = parse_questions(a.questions)
    if not qs or not fdefs:
        print("could not read the questionnaires from", a.questions)
        return 2
    gdir, ldir = os.path.join(a.set, "gold"), os.path.join(a.set, "letters")
    total = 0
    per_q = collections.Counter()
    formats = collections.Counter()
    golds = sorted(x for x in os.listdir(gdir) if x.endswith(".json"))
    covered = set()
    for name in golds:
        errs, notes, g = check_gold(os.path.join(gdir, name), ldir, qs, fdefs, a.verbose)
        if g:
            per_q[g.get("questionnaire")] += 1
            formats[os.path.splitext(g.get("letter", ""))[1].lower()] += 1
            covered.add(g.get("letter"))
        print("%s %s" % ("FAIL" if errs else "ok  ", name))
        for e in errs:
            print("     error:", e)
        if a.verbose:
            for nt in notes:
                print("     note:", nt)
            if g and os.path.exists(os.path.join(ldir, g["letter"])):
                inv = invisible_inventory(os.path.join(ldir, g["letter"]))
                if inv:
                    print("     special characters:", ", ".join(
                        "%s x%d" % kv for kv in sorted(inv.items())))
        total += len(errs)
    set_errs = []
    letters = set(os.listdir(ldir))
    if letters - covered:
        set_errs.append("letters without gold: %s" % sorted(letters - covered))
    if len(golds) != 8:
        set_errs.append("expected 8 gold files, found %d" % len(golds))
    if per_q.get("rhi-2018") != 4 or per_q.get("rhi-2024") != 4:
        set_errs.append("expected 4 letters per questionnaire, got %s" % dict(per_q))
    if formats[".txt"] < 4 or formats[".html"] < 1 or formats[".eml"] < 1 or formats[".docx"] < 1:
        set_errs.append("format mix not met: %s" % dict(formats))
    for e in set_errs:
        print("set error:", e)
    total += len(set_errs)
    print("%d error(s) in %d gold file(s); formats %s; questionnaires %s" % (
        total, len(golds), dict(formats), dict(per_q)))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
