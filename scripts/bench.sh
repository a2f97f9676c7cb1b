#!/usr/bin/env bash
# Benchmarks (not tests): asset sizes, first-load bytes and requests of "Mon espace" and
# the booking page, SSR latency and throughput (wrk, 16 clients), the same for a bare axum
# handler reading one row of the same database (server/examples/bare.rs) so the ratio
# shows the portal's own overhead, booking throughput, server RSS idle and under load.
# The server runs on CPU 1 and the load generator on CPU 0 (taskset). Runs the release
# build on a fresh database seeded at full scale (90 people per counsellor, 7 to 12
# counsellors per agency):
# SQLite by default, PostgreSQL with BENCH_DB=postgres (127.0.0.1:5432, user postgres).
# Prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || sudo apt-get install -y -q wrk; }
[ -x target/release/server ] || ./scripts/build.sh
cargo build -q --release -p server --example bare
DURATION="${BENCH_DURATION:-10s}"
BENCH_DB="${BENCH_DB:-sqlite}"
SERVER_CPU=1
LOAD_CPU=0
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
base="http://127.0.0.1:$port"
if [ "$BENCH_DB" = postgres ]; then
  pg="postgres://postgres@127.0.0.1:5432"
  psql "$pg/postgres" -qc "DROP DATABASE IF EXISTS portail_bench" -c "CREATE DATABASE portail_bench" >/dev/null
  db_url="$pg/portail_bench"
  sql() { psql "$db_url" -At -c "$1"; }
else
  db_url="sqlite://$work/bench.db"
  sql() { python3 -c 'import sqlite3, sys; [print(*r, sep="|") for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])]' "$work/bench.db" "$1"; }
fi
export DATABASE_URL="$db_url" PORTAIL__HTTP__ADDR="127.0.0.1:$port" PORTAIL__HTTP__PUBLIC_URL="$base" \
  PORTAIL__HTTP__SECURE_COOKIES=false PORTAIL__AUTH__SECRET=bench PORTAIL__AUTH__RATE_PER_MINUTE=1000000 PORTAIL__AUTH__ACCOUNT_ATTEMPTS_PER_MINUTE=1000000 RUST_LOG=error

echo "## Benchmarks — $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), $BENCH_DB"
echo
seed_out=$(target/release/server seed --scale full | paste -sd ' ')
echo "Data: full scale ($seed_out)."
echo
# Demo mode keeps the sign-in code readable in the outbox (the data is already seeded).
PORTAIL__DEMO=true taskset -c "$SERVER_CPU" target/release/server serve > "$work/server.log" 2>&1 &
pid=$!
bare_port=$(free_port)
BARE_ADDR="127.0.0.1:$bare_port" taskset -c "$SERVER_CPU" target/release/examples/bare > "$work/bare.log" 2>&1 &
bare_pid=$!
trap 'kill $pid $bare_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$pid/status; }
hwm() { awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/$pid/status; }
rss_idle=$(rss)

echo "### Static assets (target/site/pkg)"
echo
echo "| file | raw | gzip -9 | brotli -q 11 |"
echo "|---|---:|---:|---:|"
for f in target/site/pkg/portail.wasm target/site/pkg/portail.js target/site/pkg/portail.css; do
  printf '| %s | %d B | %d B | %d B |\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)" "$(brotli -q 11 -c "$f" | wc -c)"
done
echo

# Sign in the demo allocataire (numéro 1000001): the code is read from the outbox.
jar="$work/alloc.jar"
curl -s -c "$jar" -b "$jar" -o /dev/null -H "Origin: $base" -H 'Accept: application/json' --data 'identifier=1000001' "$base/api/connexion/code"
code=$(sql "SELECT body FROM outbox WHERE subject = 'Votre code de connexion' ORDER BY id DESC LIMIT 1" | grep -oE '\b[0-9]{6}\b' | head -n 1)
curl -s -c "$jar" -b "$jar" -o /dev/null -H "Origin: $base" -H 'Accept: application/json' --data "code=$code" "$base/api/connexion/verifier"
cookie=$(awk '$6 == "portail" {print "portail=" $7}' "$jar")

echo "### First load (brotli, cold cache)"
echo
echo "| page | HTML (raw → br) | total first-load bytes | requests |"
echo "|---|---:|---:|---:|"
size() { curl -s -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$base/pkg/$1"; }
css=$(size portail.css); islands=$(( $(size portail.js) + $(size portail.wasm) ))
favicon=$(curl -s -o /dev/null -w '%{size_download}' "$base/favicon.svg")
for page in /espace /rdv/prendre; do
  raw=$(curl -s -H "Cookie: $cookie" -o /dev/null -w '%{size_download}' "$base$page")
  br=$(curl -s -H "Cookie: $cookie" -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$base$page")
  # Only pages with a checked form load the islands' JS and WASM.
  if curl -s -H "Cookie: $cookie" "$base$page" | grep -q 'portail.wasm'; then
    echo "| $page | $raw B → $br B | $((br + css + islands + favicon)) B | 5 (HTML, CSS, JS, WASM, favicon) |"
  else
    echo "| $page | $raw B → $br B | $((br + css + favicon)) B | 3 (HTML, CSS, favicon) |"
  fi
done
echo

echo "### SSR latency and throughput (wrk, $DURATION, 16 clients, keep-alive; server on CPU $SERVER_CPU, wrk on CPU $LOAD_CPU)"
echo
echo "| page | p50 | p99 | requests/s | × bare handler |"
echo "|---|---:|---:|---:|---:|"
load() { taskset -c "$LOAD_CPU" wrk -t 1 -c 16 -d "$DURATION" --latency "$@"; }
row() { # label, wrk output, baseline rps
  local p50 p99 rps
  p50=$(echo "$2" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$2" | awk '$1 == "99%" {print $2}')
  rps=$(echo "$2" | awk '/Requests\/sec/ {print $2}')
  echo "| $1 | $p50 | $p99 | $rps | $(python3 -c "print(f'{$rps / $3:.2f}')") |"
}
bare_out=$(load "http://127.0.0.1:$bare_port/")
bare_rps=$(echo "$bare_out" | awk '/Requests\/sec/ {print $2}')
row "bare axum handler, one row (baseline)" "$bare_out" "$bare_rps"
rss_load=""
for page in /espace /rdv/prendre; do
  out=$(load -H "Cookie: $cookie" -H 'Accept: text/html' "$base$page")
  rss_load=$(rss)
  row "$page" "$out" "$bare_rps"
done
echo

echo "### Monthly orientation file: 12,000 new people (the département's admin)"
echo
python3 - "$base" <<'PY'
import datetime, http.cookiejar, json, sys, time, urllib.parse, urllib.request
base = sys.argv[1]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def send(path, data=None, headers=None):
    req = urllib.request.Request(base + path, data=data, headers={"Origin": base, **(headers or {})})
    start = time.time()
    with opener.open(req, timeout=600) as r:
        body = r.read()
    return time.time() - start, body
send("/api/pro/connexion", urllib.parse.urlencode({"email": "admin@seinesaintdenis.fr", "password": "Portail-ALI-2026"}).encode(), {"Accept": "application/json"})
communes = ["Bobigny", "Montreuil", "Saint-Denis", "Drancy", "Pantin", "Bondy", "Aubervilliers", "Le Blanc-Mesnil", "Sevran", "Gagny"]
day = (datetime.date.today() - datetime.timedelta(days=5)).strftime("%d/%m/%Y")
rows = ["numero_allocataire;nom;prenom;date_naissance;adresse;telephone;email;date_orientation;type;agence"]
for i in range(12000):
    phone = f"06{i:08d}" if i % 10 else ""
    email = f"personne{i}@exemple.org" if i % 2 else ""
    rows.append(f"{9000000000 + i};Nom{i};Prénom{i};01/01/1980;{i} rue de la République;{phone};{email};{day};Accompagnement ALI;{communes[i % len(communes)]}")
body = ("\r\n".join(rows) + "\r\n").encode("utf-8")
boundary = "portailbench"
form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orientations.csv\"\r\nContent-Type: text/csv\r\n\r\n").encode() + body + f"\r\n--{boundary}--\r\n".encode()
upload, done = send("/pro/orientation/fichier", form, {"Accept": "application/json", "Content-Type": f"multipart/form-data; boundary={boundary}"})
path = json.loads(done)["redirect"]
preview, page = send(path, None, {"Accept": "text/html"})
import_id = path.rsplit("/", 1)[1]
apply, done = send("/api/pro/orientation/appliquer", urllib.parse.urlencode({"import_id": import_id}).encode(), {"Accept": "application/json"})
print(f"A {len(body) / 1e6:.1f} MB file of 12,000 rows: {json.loads(done)['notice']}")
print()
print("| step | time |")
print("|---|---:|")
print(f"| upload (read, decode, check the columns, keep) | {upload:.2f} s |")
print(f"| preview page (every row checked and compared with everybody on file) | {preview:.2f} s |")
print(f"| confirm (one transaction: 12,000 files, invitations, outbox) | {apply:.2f} s |")
PY
echo
echo "### Satisfaction results over 20,000 answers"
echo
now=$(date +%s)
sql "WITH picked AS (SELECT id, agency_id FROM allocataires ORDER BY id LIMIT 20000) \
INSERT INTO satisfaction_requests (allocataire_id, agency_id, event_kind, event_id, event_at, token_hash, asked_at, rating, answered_at, updated_at) \
SELECT id, agency_id, CASE WHEN id % 4 = 0 THEN 'atelier' ELSE 'rdv' END, id, $now - (id % 300) * 86400, 'bench' || id, $now - (id % 300) * 86400, 1 + (id * 7) % 5, $now - (id % 300) * 86400, $now FROM picked" >/dev/null
echo "Answers in the table: $(sql "SELECT COUNT(*) FROM satisfaction_requests WHERE rating IS NOT NULL")."
echo
python3 - "$base" <<'PY'
import http.cookiejar, statistics, sys, time, urllib.parse, urllib.request
base = sys.argv[1]
def timings(email, path, n=20):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    sign_in = urllib.request.Request(base + "/api/pro/connexion", data=urllib.parse.urlencode({"email": email, "password": "Portail-ALI-2026"}).encode(), headers={"Origin": base, "Accept": "application/json"})
    opener.open(sign_in, timeout=60).read()
    out = []
    for _ in range(n):
        req = urllib.request.Request(base + path, headers={"Accept": "text/html"})
        start = time.time()
        with opener.open(req, timeout=60) as r:
            r.read()
        out.append((time.time() - start) * 1000)
    out.sort()
    return statistics.median(out), out[int(len(out) * 0.95) - 1]
print("| page (20 requests, one client) | median | p95 |")
print("|---|---:|---:|")
for who, email, path in [
    ("admin, département and 22 agencies, 12 months", "admin@seinesaintdenis.fr", "/pro/avis"),
    ("manager, one agency, 12 months", "responsable@ali-bobigny.fr", "/pro/avis"),
    ("admin, CSV export", "admin@seinesaintdenis.fr", "/pro/avis/resultats.csv"),
]:
    median, p95 = timings(email, path)
    print(f"| {who} (`{path}`) | {median:.0f} ms | {p95:.0f} ms |")
PY
echo
if [ "$BENCH_DB" != sqlite ]; then
  echo "(Booking throughput: measured on SQLite only.)"
  exit 0
fi
echo "### Booking throughput (agency manager books for distinct people, 16 clients, SQLite synchronous=FULL)"
echo
python3 - "$base" "$work/bench.db" <<'PY'
import concurrent.futures, http.cookiejar, sqlite3, sys, time, urllib.parse, urllib.request
base, dbfile = sys.argv[1], sys.argv[2]
db = sqlite3.connect(dbfile)
agency = db.execute("SELECT id FROM agencies WHERE name = 'ALI Montreuil'").fetchone()[0]
people = [r[0] for r in db.execute("SELECT id FROM allocataires WHERE agency_id = ? ORDER BY id LIMIT 600", (agency,))]
# Open slots ahead only: the seeded history's slots are in the past (a booking is refused).
slots = [r[0] for r in db.execute("SELECT s.id FROM slots s WHERE s.agency_id = ? AND s.status = 'open' AND s.starts_at > ? ORDER BY s.starts_at LIMIT 600", (agency, int(time.time()) + 2 * 86400))]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def post(path, data):
    req = urllib.request.Request(base + path, data=urllib.parse.urlencode(data).encode(), headers={"Origin": base, "Accept": "application/json"})
    try:
        with opener.open(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
assert post("/api/pro/connexion", {"email": "responsable@ali-montreuil.fr", "password": "Portail-ALI-2026"}) == 200
n = min(len(people), len(slots))
start = time.time()
with concurrent.futures.ThreadPoolExecutor(16) as pool:
    codes = list(pool.map(lambda i: post("/api/pro/allocataire/reserver", {"allocataire_id": people[i], "slot_id": slots[i], "modality": "sur_place", "idempotency_key": f"bench-{i:06}"}), range(n)))
elapsed = time.time() - start
ok = codes.count(200)
print(f"{ok} bookings acknowledged of {n} attempted in {elapsed:.2f} s: **{ok / elapsed:.0f} bookings/s** (each with its outbox rows, fsync at every commit).")
PY
echo
echo "### Server memory"
echo
echo "| state | RSS |"
echo "|---|---:|"
echo "| idle, after start | $rss_idle |"
echo "| under SSR load (last wrk run) | $rss_load |"
echo "| peak (VmHWM) | $(hwm) |"
