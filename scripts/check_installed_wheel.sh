#!/usr/bin/env bash
# Build rhi-llm as a user would get it (an sdist, and a wheel built from that sdist), install
# the wheel into a fresh virtual environment, and run the main commands from an empty folder:
# nothing may be read from the checkout. Any failure exits non-zero (CI runs this).
#
#   scripts/check_installed_wheel.sh [PYTHON]   (PYTHON must have the `build` package)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
python=$(realpath -s "$(command -v "${1:-python3}")")  # absolute: the script changes folder
work=$(mktemp -d)
trap 'kill "${server:-0}" 2> /dev/null || true; rm -rf "$work"' EXIT

echo "-- build: sdist, then the wheel from the sdist, from the repository's files only"
# (a copy of the files git knows, not the checkout itself: an editable install's egg-info
# there lists every file and would hide one missing from the build's own lists)
mkdir "$work/source"
git -C "$repo" ls-files -z --cached --others --exclude-standard \
  | (cd "$repo" && xargs -0 cp --parents -t "$work/source" 2> /dev/null || true)
"$python" -m build --sdist --wheel --outdir "$work/dist" "$work/source" > "$work/build.log" 2>&1 \
  || { tail -20 "$work/build.log"; echo "check: the build failed" >&2; exit 1; }
wheel=$(ls "$work"/dist/*.whl)
echo "built $(basename "$wheel") and $(basename "$(ls "$work"/dist/*.tar.gz)")"

echo "-- install the wheel into a fresh virtual environment"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$wheel" 2>&1 | grep -v '^WARNING: Location' || true
"$work/venv/bin/pip" show --quiet rhi-llm > /dev/null
rhi="$work/venv/bin/rhi-llm"

mkdir "$work/empty"
cd "$work/empty"  # nothing here but what we copy in
cp "$repo/eval/letters/northbridge-2018.txt" "$repo/eval/letters/hollinford-2024.pdf" .
export RHI_LLM_HOME="$work/home"  # no cache or setting from this machine
unset RHI_LLM_PROMPTS RHI_LLM_QUESTIONNAIRES OPENAI_API_KEY OPENAI_BASE_URL || true

expected=$("$python" -c "import tomllib;print(tomllib.load(open('$repo/pyproject.toml','rb'))['project']['version'])")
shown=$("$rhi" --version)
[ "$shown" = "rhi-llm $expected" ] || { echo "check: --version says '$shown', pyproject $expected" >&2; exit 1; }
echo "$shown"

echo "-- extract with the rules (no key)"
"$rhi" extract northbridge-2018.txt hollinford-2024.pdf --db run.db -o rules.jsonl -q

echo "-- extract with the model backend, against the fake server"
port=$("$work/venv/bin/python" -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
"$rhi" fake-server --port "$port" > server.log 2>&1 &
server=$!
for _ in $(seq 50); do grep -q "127.0.0.1:$port" server.log 2> /dev/null && break; sleep 0.2; done
OPENAI_BASE_URL="http://127.0.0.1:$port/v1" OPENAI_API_KEY=not-a-real-key \
  "$rhi" extract northbridge-2018.txt --backend llm --db model.db -o model.jsonl -q
kill "$server"

echo "-- export, summary, report, review export"
"$rhi" export --db run.db -o dataset.csv
"$rhi" summary --db run.db --html summary.html > summary.txt
"$rhi" report --db run.db -o report.html
"$rhi" review export --db run.db -o review.csv

echo "-- review in the browser: the page and its static files come from the package"
port=$("$work/venv/bin/python" -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
"$rhi" review --web --no-open --port "$port" --db run.db > web.log 2>&1 &
server=$!
for _ in $(seq 50); do grep -q "token=" web.log 2> /dev/null && break; sleep 0.2; done
"$work/venv/bin/python" - "$(grep -o 'http://[^ ]*token=[^ ]*' web.log | head -1)" <<'PY'
import sys, urllib.request, http.cookiejar
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
page = opener.open(sys.argv[1], timeout=10)
assert page.status == 200, page.status
base = sys.argv[1].split("/?")[0]
for path in ("/static/review.css", "/static/review.js"):
    got = opener.open(base + path, timeout=10)
    assert got.status == 200 and len(got.read()) > 100, path
print("review page and its static files served from the installed package")
PY
kill "$server"

"$work/venv/bin/python" - "$expected" <<'PY'
import json, sys
from pathlib import Path
version = sys.argv[1]
rules = [json.loads(line) for line in Path("rules.jsonl").read_text().splitlines()]
model = [json.loads(line) for line in Path("model.jsonl").read_text().splitlines()]
assert len(rules) == 2 and len(model) == 1, (len(rules), len(model))
for row in rules + model:
    assert row["provenance"]["tool_version"] == version, row["provenance"]
    answered = [f for f in row["fields"].values() if f["status"] == "answered"]
    assert len(answered) >= 10, (row["letter"]["path"], len(answered))
assert model[0]["provenance"]["backend"] == "llm" and model[0]["provenance"]["calls"] >= 1
assert rules[1]["letter"]["format"] == "pdf"
for name in ("dataset.csv", "summary.html", "summary.txt", "report.html", "review.csv"):
    assert Path(name).stat().st_size > 0, name
print(f"rows: {len(rules)} rules, {len(model)} model; every row says version {version}")
PY
echo "installed wheel: every command ran from an empty folder"
