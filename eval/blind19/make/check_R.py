"""Check set R: gold parses, fields belong to the questionnaire, quotes occur verbatim
in the letter's visible text, statuses/values consistent, figures plausible."""
import json, os, re, sys
from html.parser import HTMLParser

BASE = "/work/sealed19/R"
Q = {
 "rhi-2018": {"provider","provider_2016_17","provider_2013_14","missing_incidents","missing_children",
   "rhi_offered","rhi_accepted","rhi_declined","rhi_completed","rhi_within_72h","measure_72h_from",
   "measure_72h_units","measure_72h_adjustments","follow_up_support","info_use","vulnerability_steps",
   "comments","ooa_delivery","ooa_placed_children","ooa_missing_children","ooa_missing_incidents",
   "ooa_rhi_offered","ooa_rhi_completed","incoming_offered","incoming_provider","incoming_placed_children",
   "incoming_missing_children","incoming_missing_incidents","incoming_rhi_completed","ooa_comments"},
 "rhi-2024": {"missing_children","missing_incidents","lac_total","lac_missing_children","lac_missing_incidents",
   "rhi_offered","rhi_completed","rhi_declined","rhi_within_72h","provider","follow_up_support","comments"},
}
KEYS = {"rhi-2018": {"1","2","3","4a","4b","5a","5b","5c","6a","6b","6c","6c-i","6c-ii","6c-iii","7a","7b","7c","8",
        "ooa-1","ooa-2a","ooa-2b","ooa-2c","ooa-2d","ooa-3","ooa-4","ooa-5a","ooa-5b","ooa-6"},
        "rhi-2024": {str(i) for i in range(1,12)}}
TEXT = {"measure_72h_adjustments","info_use","vulnerability_steps","comments","ooa_comments"}
PROV = {"local_authority_team","third_sector_agency","social_worker","youth_worker","commissioned_independent_service","other"}
CHOICE = {"follow_up_support":{"yes","no"},"measure_72h_from":{"police_referral","return"},
 "measure_72h_units":{"working_days","calendar_days","hours"},
 "ooa_delivery":{"third_sector_same_as_local","childrens_services_not_social_worker","childrens_services_may_be_social_worker",
   "own_social_worker","spot_purchase_host_authority","spot_purchase_other","not_offered","combination","other"},
 "incoming_offered":{"yes","no","case_by_case"},"incoming_provider":{"third_sector_agency","local_authority_team","spot_purchase"}}
for f in ("provider","provider_2016_17","provider_2013_14"): CHOICE[f]=PROV
STATUSES = {"answered","not_held","exempt","refused","not_answered"}

class V(HTMLParser):
    BLOCK = {"p","li","h1","h2","h3","h4","dt","dd","tr","div","title","nav","br","td","th"}
    def __init__(s): super().__init__(); s.out=[]; s.skip=0
    def handle_starttag(s,t,a):
        if t in ("script","style"): s.skip+=1
        if t in s.BLOCK: s.out.append("\n")
    def handle_endtag(s,t):
        if t in ("script","style"): s.skip-=1
        if t in s.BLOCK: s.out.append("\n")
    def handle_data(s,d):
        if not s.skip: s.out.append(d)

def visible(path):
    if path.endswith(".html"):
        v=V(); v.feed(open(path,encoding="utf-8").read()); return "".join(v.out)
    if path.endswith(".docx"):
        import docx
        d=docx.Document(path); parts=[p.text for p in d.paragraphs]
        for t in d.tables:
            for r in t.rows: parts.extend(c.text for c in r.cells)
        return "\n".join(parts)
    return open(path,encoding="utf-8").read()

errs=[]
def err(m): errs.append(m)
golds=sorted(os.listdir(f"{BASE}/gold"))
letters=sorted(os.listdir(f"{BASE}/letters"))
if len(letters)!=6: err(f"expected 6 letters, got {letters}")
for gname in golds:
    try: g=json.load(open(f"{BASE}/gold/{gname}"))
    except Exception as e: err(f"{gname}: bad json {e}"); continue
    if os.path.splitext(g["letter"])[0]!=os.path.splitext(gname)[0]: err(f"{gname}: letter name mismatch")
    lp=f"{BASE}/letters/{g['letter']}"
    if not os.path.exists(lp): err(f"{gname}: no letter {lp}"); continue
    txt=visible(lp)
    qn=g["questionnaire"]
    for k in ("council","reference","response_date","period"):
        if k not in g: err(f"{gname}: missing {k}")
    if g["council"] not in txt: err(f"{gname}: council name not in letter")
    if g["reference"] not in txt: err(f"{gname}: reference not in letter")
    exp={"rhi-2018":("2017-04-01","2018-03-31"),"rhi-2024":("2023-04-01","2024-03-31")}[qn]
    if (g["period"]["start"],g["period"]["end"])!=exp: err(f"{gname}: period")
    F=g["fields"]
    for f,v in F.items():
        if f not in Q[qn]: err(f"{gname}: field {f} not in {qn}")
        st=v.get("status","answered")
        if st not in STATUSES: err(f"{gname}.{f}: bad status {st}")
        q=v.get("quote")
        if not q: err(f"{gname}.{f}: no quote")
        elif q not in txt: err(f"{gname}.{f}: quote not in letter: {q!r}")
        if st!="answered":
            if v.get("value") is not None: err(f"{gname}.{f}: withheld with value")
            continue
        val=v.get("value")
        if f in TEXT:
            if not isinstance(val,str): err(f"{gname}.{f}: text value not str")
            elif val not in txt and " ".join(val.split()) not in " ".join(txt.split()): err(f"{gname}.{f}: text value not in letter")
            elif q not in val: err(f"{gname}.{f}: quote not inside value")
        elif f in CHOICE:
            if not isinstance(val,list) or not val or not set(val)<=CHOICE[f]: err(f"{gname}.{f}: bad choice {val}")
        else:
            u=v.get("unit")
            if u=="count":
                if not isinstance(val,int) or val<0: err(f"{gname}.{f}: bad count")
                # the figure must appear in the quote (digits, commas, or words)
                digits=re.sub(r"[^\d]","",q)
                if str(val) not in re.sub(r"(?<=\d),(?=\d{3})","",q) and not re.search(r"[a-z]",q.lower()): err(f"{gname}.{f}: value not in quote")
            elif u=="percent":
                if not (0<=val<=100) or v.get("of") not in Q[qn]: err(f"{gname}.{f}: bad percent")
                if f"{val}%" not in q and f"{val:g}%" not in q: err(f"{gname}.{f}: percent not in quote")
            else: err(f"{gname}.{f}: no unit")
    def c(f):
        v=F.get(f,{}); return v.get("value") if v.get("unit")=="count" else None
    def le(a,b):
        if c(a) is not None and c(b) is not None and c(a)>c(b): err(f"{gname}: {a}={c(a)} > {b}={c(b)}")
    for a,b in [("missing_children","missing_incidents"),("rhi_offered","missing_incidents"),("rhi_completed","rhi_offered"),
                ("rhi_within_72h","rhi_completed"),("rhi_accepted","rhi_offered"),("rhi_declined","rhi_offered"),
                ("lac_missing_children","lac_total"),("lac_missing_children","missing_children"),
                ("lac_missing_incidents","missing_incidents"),("lac_missing_children","lac_missing_incidents"),
                ("ooa_missing_children","ooa_placed_children"),("ooa_missing_children","ooa_missing_incidents"),
                ("ooa_rhi_offered","ooa_missing_incidents"),("ooa_rhi_completed","ooa_rhi_offered"),
                ("incoming_missing_children","incoming_placed_children"),("incoming_missing_children","incoming_missing_incidents"),
                ("incoming_rhi_completed","incoming_missing_incidents")]: le(a,b)
    if c("rhi_accepted") is not None and c("rhi_declined") is not None and c("rhi_offered") is not None \
       and c("rhi_accepted")+c("rhi_declined")>c("rhi_offered"): err(f"{gname}: accepted+declined > offered")
    if c("rhi_completed") is not None and c("rhi_declined") is not None and c("rhi_offered") is not None \
       and c("rhi_completed")+c("rhi_declined")>c("rhi_offered"): err(f"{gname}: completed+declined > offered")
    qs=g.get("questions",{})
    if set(qs)!=KEYS[qn]: err(f"{gname}: question keys differ: {set(qs)^KEYS[qn]}")
    for k,s in qs.items():
        if s not in txt: err(f"{gname}: question {k} marker not in letter: {s!r}")
for l in letters:
    if os.path.splitext(l)[0]+".json" not in golds: err(f"no gold for {l}")
print("\n".join(errs) if errs else f"OK: {len(golds)} gold files clean")
sys.exit(1 if errs else 0)
