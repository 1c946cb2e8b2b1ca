#!/usr/bin/env python
"""Check set P: gold parses, fields belong to the questionnaire, quotes occur in the letter,
figures are internally plausible, scanned letters keep lines <= 90 characters."""
import csv
import email
import email.policy
import io
import json
import os
import re
import sys

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LET = os.path.join(ROOT, "letters")
GOLD = os.path.join(ROOT, "gold")

Q2018 = """provider provider_2016_17 provider_2013_14 missing_incidents missing_children rhi_offered
rhi_accepted rhi_declined rhi_completed rhi_within_72h measure_72h_from measure_72h_units
measure_72h_adjustments follow_up_support info_use vulnerability_steps comments ooa_delivery
ooa_placed_children ooa_missing_children ooa_missing_incidents ooa_rhi_offered ooa_rhi_completed
incoming_offered incoming_provider incoming_placed_children incoming_missing_children
incoming_missing_incidents incoming_rhi_completed ooa_comments""".split()
Q2024 = """missing_children missing_incidents lac_total lac_missing_children lac_missing_incidents
rhi_offered rhi_completed rhi_declined rhi_within_72h provider follow_up_support comments""".split()
PROV = {"local_authority_team", "third_sector_agency", "social_worker", "youth_worker",
        "commissioned_independent_service", "other"}
CHOICES = {
    "provider": PROV, "provider_2016_17": PROV, "provider_2013_14": PROV,
    "follow_up_support": {"yes", "no"},
    "measure_72h_from": {"police_referral", "return"},
    "measure_72h_units": {"working_days", "calendar_days", "hours"},
    "ooa_delivery": {"third_sector_same_as_local", "childrens_services_not_social_worker",
                     "childrens_services_may_be_social_worker", "own_social_worker",
                     "spot_purchase_host_authority", "spot_purchase_other", "not_offered",
                     "combination", "other"},
    "incoming_offered": {"yes", "no", "case_by_case"},
    "incoming_provider": {"third_sector_agency", "local_authority_team", "spot_purchase"},
}
TEXT = {"measure_72h_adjustments", "info_use", "vulnerability_steps", "comments", "ooa_comments"}
STATUSES = {"answered", "not_held", "exempt", "refused", "not_answered"}

errors = []


def err(msg):
    errors.append(msg)
    print("ERROR", msg)


def norm(s):
    return " ".join(s.split())


def cell_text(v):
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def xlsx_cells(data):
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            out.extend(t for t in (cell_text(v) for v in row) if t is not None)
    return out


def pdf_text(data):
    from pdfminer.high_level import extract_text
    return extract_text(io.BytesIO(data))


def sources(path):
    """Return (texts, cells, answer_texts): answer_texts exclude quoted request lines."""
    ext = os.path.splitext(path)[1]
    data = open(path, "rb").read()
    texts, cells = [], []
    if ext == ".eml":
        msg = email.message_from_bytes(data, policy=email.policy.default)
        for h in ("From", "To", "Date", "Subject", "Message-ID"):
            if not msg[h]:
                err(f"{path}: missing header {h}")
        for part in msg.walk():
            if part.is_multipart():
                continue
            ctype = part.get_content_type()
            fn = part.get_filename()
            if ctype == "text/plain" and not fn:
                if part.get_content_charset() != "utf-8":
                    err(f"{path}: text part charset {part.get_content_charset()}")
                texts.append(part.get_content())
            elif fn and fn.endswith(".xlsx"):
                cells.extend(xlsx_cells(part.get_payload(decode=True)))
            elif fn and fn.endswith(".pdf"):
                texts.append(pdf_text(part.get_payload(decode=True)))
            else:
                err(f"{path}: unexpected part {ctype} {fn}")
    elif ext == ".xlsx":
        cells = xlsx_cells(data)
    elif ext == ".csv":
        with open(path, encoding="utf-8", newline="") as f:
            cells = [c for row in csv.reader(f) for c in row if c != ""]
    else:
        texts.append(data.decode("utf-8"))
    answer_texts = []
    for t in texts:
        cut = re.split(r"\n(?:On .{0,120}wrote:|-----Original Message-----)\n", t)[0]
        answer_texts.append("\n".join(l for l in cut.split("\n") if not l.startswith(">")))
    return texts, cells, answer_texts


def check_quote(name, fid, q, texts, cells, answer_texts):
    if q in cells:
        return
    hits = sum(t.count(q) for t in texts)
    if hits == 0:
        nhits = sum(norm(t).count(norm(q)) for t in texts)
        if nhits:
            err(f"{name}.{fid}: quote only matches after whitespace normalisation: {q!r}")
        else:
            err(f"{name}.{fid}: quote not found: {q!r}")
        return
    if not any(q in t for t in answer_texts):
        err(f"{name}.{fid}: quote only inside the quoted request: {q!r}")
    if hits > 1:
        print(f"  note {name}.{fid}: quote occurs {hits} times: {q!r}")


def plausible(name, F):
    def v(k):
        f = F.get(k)
        if f and f.get("unit") == "count":
            return f["value"]
        return None

    pairs = [("missing_children", "missing_incidents"), ("rhi_offered", "missing_incidents"),
             ("rhi_accepted", "rhi_offered"), ("rhi_declined", "rhi_offered"),
             ("rhi_completed", "rhi_offered"), ("rhi_completed", "missing_incidents"),
             ("rhi_within_72h", "rhi_completed"), ("lac_missing_children", "lac_total"),
             ("lac_missing_children", "missing_children"),
             ("lac_missing_incidents", "missing_incidents"),
             ("lac_missing_children", "lac_missing_incidents"),
             ("ooa_missing_children", "ooa_placed_children"),
             ("ooa_missing_children", "ooa_missing_incidents"),
             ("ooa_rhi_offered", "ooa_missing_incidents"), ("ooa_rhi_completed", "ooa_rhi_offered"),
             ("incoming_missing_children", "incoming_placed_children"),
             ("incoming_missing_children", "incoming_missing_incidents"),
             ("incoming_rhi_completed", "incoming_missing_incidents")]
    for a, b in pairs:
        if v(a) is not None and v(b) is not None and v(a) > v(b):
            err(f"{name}: {a}={v(a)} > {b}={v(b)}")
    s = [v(k) for k in ("rhi_accepted", "rhi_declined", "rhi_offered")]
    if None not in s and s[0] + s[1] > s[2]:
        err(f"{name}: accepted+declined > offered")
    s = [v(k) for k in ("rhi_completed", "rhi_declined", "rhi_offered")]
    if None not in s and s[0] + s[1] > s[2]:
        err(f"{name}: completed+declined > offered")


def main():
    golds = sorted(os.listdir(GOLD))
    letters = sorted(os.listdir(LET))
    if len(golds) != 8 or len(letters) != 8:
        err(f"expected 8 letters and 8 golds, got {letters} {golds}")
    summary = []
    for g in golds:
        gp = os.path.join(GOLD, g)
        G = json.load(open(gp, encoding="utf-8"))
        name = G["letter"]
        if os.path.splitext(name)[0] != os.path.splitext(g)[0]:
            err(f"{g}: letter name mismatch {name}")
        lp = os.path.join(LET, name)
        if not os.path.exists(lp):
            err(f"{g}: letter missing")
            continue
        for k in ("council", "reference", "response_date", "questionnaire", "period", "fields"):
            if k not in G:
                err(f"{g}: missing {k}")
        qn = G["questionnaire"]
        allowed = Q2018 if qn == "rhi-2018" else Q2024
        want = ({"start": "2017-04-01", "end": "2018-03-31"} if qn == "rhi-2018"
                else {"start": "2023-04-01", "end": "2024-03-31"})
        if G["period"] != want:
            err(f"{g}: period {G['period']}")
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", G["response_date"]):
            err(f"{g}: date")
        texts, cells, answer_texts = sources(lp)
        alltext = "\n".join(texts)
        for meta in ("council", "reference"):
            if G[meta] not in alltext and G[meta] not in cells and not any(G[meta] in c for c in cells):
                # subject header counts too
                raw = open(lp, "rb").read().decode("utf-8", "replace")
                if G[meta] not in raw:
                    err(f"{g}: {meta} {G[meta]!r} not found in letter")
        for fid, f in G["fields"].items():
            if fid not in allowed:
                err(f"{g}: field {fid} not in {qn}")
            st = f.get("status", "answered")
            if st not in STATUSES:
                err(f"{g}.{fid}: status {st}")
            if st != "answered" and f.get("value") is not None:
                err(f"{g}.{fid}: withheld field with value")
            if st == "answered":
                val = f.get("value")
                if fid in CHOICES:
                    if not isinstance(val, list) or not set(val) <= CHOICES[fid]:
                        err(f"{g}.{fid}: bad choice {val}")
                elif fid in TEXT:
                    if not isinstance(val, str):
                        err(f"{g}.{fid}: text value not str")
                    elif norm(val) not in norm(alltext) and val not in cells:
                        err(f"{g}.{fid}: text value not in letter")
                else:
                    if f.get("unit") not in ("count", "percent"):
                        err(f"{g}.{fid}: unit")
                    if f.get("unit") == "percent" and f.get("of") not in allowed:
                        err(f"{g}.{fid}: percent of")
                    if "quote" not in f:
                        err(f"{g}.{fid}: numeric field without quote")
            if "quote" in f:
                check_quote(g, fid, f["quote"], texts, cells, answer_texts)
        plausible(g, G["fields"])
        if name in ("p5.txt", "p6.txt"):
            for i, line in enumerate(alltext.split("\n"), 1):
                if len(line) > 90:
                    err(f"{name}:{i} line too long ({len(line)})")
            if re.search(r"[*#`_]{2}|^\s*[-*] ", alltext, re.M):
                err(f"{name}: looks like Markdown")
        if name == "p7.eml":
            # the PDF text must be latin-1 only; the e-mail body must carry no figures
            body = texts[0]
            if re.search(r"\d", body):
                err("p7 body contains digits")
        summary.append((name, qn, len(G["fields"])))
    for s in summary:
        print(*s)
    print("ERRORS:", len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
