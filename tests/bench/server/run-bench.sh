#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run-bench.sh BUILD_DIR [PERSONS] [SECONDS] [CONNECTIONS]: P1 of PRODUCT.md §6 on this machine.
# Loads PERSONS synthetic persons (default 10,000,000; kept between runs in /tmp/oqs-bench-PERSONS) into SQLite,
# starts oqs-server (mutual TLS, every check durably recorded), drives it with oqs-load-generator over
# CONNECTIONS keep-alive connections for SECONDS with mixed checks by insurance card (valid, lost, not found) and by
# My Number card certificate (linked, revoked), then
# drives nginx serving a static JSON answer over the same TLS setup (the ceiling), and prints both with the
# server's RSS. OQS_BENCH_DURABLE=false measures without an fsync per commit (not the product setting).
set -euo pipefail

BUILD="$(cd "$1" && pwd)"
PERSONS="${2:-10000000}"
DURATION="${3:-20}"
CONNECTIONS="${4:-32}"
SERVER="$BUILD/server/oqs-server"
LOADGEN="$BUILD/tests/server/bench/oqs-load-generator"
WORK="/tmp/oqs-bench-$PERSONS"
mkdir -p "$WORK"
cd "$WORK"

"$SERVER" ca init-demo pki >/dev/null
cat >oqs-server.properties <<CONF
server.port = 0
server.maxThreads = $((CONNECTIONS + 8))
server.maxInFlight = $((CONNECTIONS + 4))
service.open = 00:00
service.close = 00:00
tls.certificate = pki/server.pem
tls.privateKey = pki/server.key.pem
tls.institutionCa = pki/ca.pem
jpki.trustAnchors = pki/jpki-ca.pem
database.dialect = sqlite
database.connection = oqs.db
database.durableCommits = ${OQS_BENCH_DURABLE:-true}
receipts.signingKey = pki/receipt-signing.key.pem
logging.loggers.root.level = warning
CONF
if [ ! -s oqs.db ]; then
    "$SERVER" dataset load --config oqs-server.properties --persons "$PERSONS" --seed 1 | tail -1
fi
# Refused as "already exists" on later runs, which is fine: the password is the same.
"$SERVER" account add --config oqs-server.properties --institution 1312345676 --user bench \
    --password 'Load-Counter-2026' --temporary no 2>/dev/null || true

# 60 My Number card certificates from the test JPKI CA, for serials of the dataset: 54 linked, 6 revoked.
rm -rf cards && mkdir cards
TODAY="$(date +%F)"
sqlite3 oqs.db "SELECT serial FROM card_certificate WHERE linkage_number <> '' ORDER BY serial LIMIT 54;
                SELECT serial FROM revoked_serial_$(sqlite3 oqs.db 'SELECT active_slot FROM revocation_state') \
                ORDER BY serial LIMIT 6;" |
    while read -r SERIAL; do
        "$SERVER" ca issue-jpki pki "$SERIAL" "$(date -d "$TODAY - 1 year" +%F)" "$(date -d "$TODAY + 4 years" +%F)" \
            "cards/$SERIAL" >/dev/null
    done

# 40,000 requests, half by insurance card (80 % valid today, 10 % lost, 10 % wrong birth date: not found) for 20,000
# persons drawn at random, and half by My Number card certificate (90 % linked, 10 % revoked), interleaved. So many
# persons that the server's caches cannot hold them all: the counters of a nation seldom ask twice for one person.
python3 - <<'PY' >requests.txt
import glob, json, random, sqlite3
db = sqlite3.connect("oqs.db")
count = db.execute("SELECT MAX(id) FROM qualification").fetchone()[0]
random.seed(1)
rows = []
while len(rows) < 20000:
    row = db.execute("SELECT insurer_number, card_symbol, card_number, card_branch, birth_date, loss_date "
                     "FROM qualification WHERE id = ?", (random.randint(1, count),)).fetchone()
    if row:
        rows.append(row)
cards = []
for path in sorted(glob.glob("cards/*.pem")):
    if not path.endswith(".key.pem"):
        cards.append("".join(l.strip() for l in open(path) if not l.startswith("-----")))
for i, (insurer, symbol, number, branch, birth, loss) in enumerate(rows):
    if i % 10 == 9:
        birth = "1900-01-01"
    print(json.dumps({"v": 1, "card": {"insurerNumber": insurer, "symbol": symbol, "number": number,
                                       "branch": branch}, "birthDate": birth, "identifier": "BENCH-%d" % i}))
    print("/v1/verifications/my-number-card " +
          json.dumps({"v": 1, "certificate": cards[i % len(cards)], "identifier": "BENCH-C-%d" % i}))
PY

"$SERVER" --config-file=oqs-server.properties >server.out 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; [ -n "${NGINX_PID:-}" ] && kill "$NGINX_PID" 2>/dev/null || true' EXIT
PORT=""
for _ in $(seq 1 200); do
    PORT="$(sed -n 's/^oqs-server: listening on https:\/\/127.0.0.1://p' server.out)"
    [ -n "$PORT" ] && break
    sleep 0.1
done
CURL="curl -sS --cacert pki/ca.pem --cert pki/institution.pem --key pki/institution.key.pem"
TOKEN="$($CURL -X POST "https://127.0.0.1:$PORT/v1/sessions" -H 'Content-Type: application/json' \
    -d '{"v":1,"userId":"bench","password":"Load-Counter-2026"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "dataset: $PERSONS persons (SQLite, WAL, durableCommits=${OQS_BENCH_DURABLE:-true}); $CONNECTIONS connections, $DURATION s"
echo -n "oqs-server checks (insurance card and My Number card, 1:1): "
CPU_BEFORE="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")"
"$LOADGEN" 127.0.0.1 "$PORT" /v1/verifications/insurance-card requests.txt "$CONNECTIONS" "$DURATION" \
    pki/ca.pem pki/institution.pem pki/institution.key.pem "Bearer $TOKEN" | tee loadgen.out || true
CPU_AFTER="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")"
# CPU time per check does not depend on what else the machine runs, unlike checks/s: compare builds with it.
REQUESTS="$(sed -n 's/^requests=\([0-9]*\).*/\1/p' loadgen.out)"
echo "oqs-server CPU per check: $(( (CPU_AFTER - CPU_BEFORE) * 1000000 / $(getconf CLK_TCK) / ${REQUESTS:-1} )) µs"
echo "oqs-server RSS: $(($(ps -o rss= -p "$SERVER_PID") / 1024)) MiB"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true

NGINX_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p nginx/logs
cat >nginx/nginx.conf <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$NGINX_PORT ssl;
        ssl_certificate $WORK/pki/server.pem;
        ssl_certificate_key $WORK/pki/server.key.pem;
        ssl_client_certificate $WORK/pki/ca.pem;
        ssl_verify_client on;
        ssl_protocols TLSv1.2 TLSv1.3;
        keepalive_requests 1000000;
        location / {
            default_type application/json;
            return 200 '{"v":1,"status":"valid","message":"static"}';
        }
    }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
sleep 1
echo -n "nginx static JSON (ceiling): "
"$LOADGEN" 127.0.0.1 "$NGINX_PORT" /v1/verifications/insurance-card requests.txt "$CONNECTIONS" "$DURATION" \
    pki/ca.pem pki/institution.pem pki/institution.key.pem || true
