#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job on the embedded default: builds, starts oqs-server on loopback with SQLite, a synthetic demo dataset
# and demo certificates, then opens oqs-reception connected to it. With OQS_SMOKE=1 it needs no display: the client
# runs offscreen, performs one scripted verification against the real server, prints the answer's status and exits.
#   OQS_DEMO_PERSONS  size of the synthetic dataset on first run (default 20000)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
DEMO="$ROOT/var/demo"
PERSONS="${OQS_DEMO_PERSONS:-20000}"
DEMO_CLERK_PASSWORD="Oqs-Counter-2026"

bash "$ROOT/installer/setup-debian.sh"
bash "$ROOT/installer/build.sh" "$BUILD" oqs-server oqs-reception

SERVER="$BUILD/server/oqs-server"
CLIENT="$BUILD/client/oqs-reception"

mkdir -p "$DEMO"
"$SERVER" ca init-demo "$DEMO/pki" >/dev/null
cp "$ROOT/resources/demo/oqs-server.properties" "$DEMO/oqs-server.properties"
if [ ! -s "$DEMO/oqs.db" ]; then
    "$SERVER" dataset load --config "$DEMO/oqs-server.properties" --persons "$PERSONS" --seed 1
    # The demo clerk of the demo institution (its certificate says 1312345676).
    "$SERVER" account add --config "$DEMO/oqs-server.properties" --institution 1312345676 --user demo \
        --name デモ受付 --password "$DEMO_CLERK_PASSWORD" --temporary no
    # The batch pipelines, fed by the simulator of the intermediate server and of the JPKI CA: 500 more persons
    # arrive through the qualification feed (every tenth then loses the qualification), their cards through the
    # linkage files, and the CA's revocation list is imported from signed X.509 CRL files.
    sqlite3 "$DEMO/oqs.db" "SELECT MAX(id) FROM qualification" >"$DEMO/last-dataset-row"
    "$SERVER" batch simulate-feed --persons 500 --first "$PERSONS" --out "$DEMO/inbox/feed" --seed 1
    "$SERVER" batch feed-import --config "$DEMO/oqs-server.properties" --dir "$DEMO/inbox/feed" \
        --archive "$DEMO/archive"
    # Their My Number cards get linked by the card-serial linkage files (20 stay unlinked: "linkage pending";
    # 10 are renewed: the new serial takes over the old one's linkage).
    "$SERVER" batch simulate-linkage --persons 500 --first "$PERSONS" --out "$DEMO/inbox/linkage" --seed 1 \
        --unlinked 20 --renewals 10
    "$SERVER" batch linkage-import --config "$DEMO/oqs-server.properties" --dir "$DEMO/inbox/linkage" \
        --archive "$DEMO/archive"
    "$SERVER" batch simulate-crl --ca-dir "$DEMO/pki" --persons $((PERSONS + 500)) --out "$DEMO/inbox/crl" --seed 1
    "$SERVER" batch crl-import --config "$DEMO/oqs-server.properties" --ca "$DEMO/pki/jpki-ca.pem" \
        --dir "$DEMO/inbox/crl"
fi

"$SERVER" --config-file="$DEMO/oqs-server.properties" >"$DEMO/server.out" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true' EXIT

URL=""
for _ in $(seq 1 100); do
    URL="$(sed -n 's/^oqs-server: listening on //p' "$DEMO/server.out")"
    [ -n "$URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$DEMO/server.out" >&2; exit 1; }
    sleep 0.1
done
[ -n "$URL" ] || { echo "demo: oqs-server did not start; see $DEMO/server.out" >&2; exit 1; }
echo "demo: oqs-server on $URL (log: $DEMO/server.log)"

export OQS_PKCS12_PASSWORD=demo
export OQS_CLERK_USER=demo OQS_CLERK_PASSWORD="$DEMO_CLERK_PASSWORD"
CLIENT_ARGS=(--server "$URL" --pkcs12 "$DEMO/pki/institution.p12" --server-ca "$DEMO/pki/ca.pem" --terminal demo-counter)

if [ "${OQS_SMOKE:-0}" = "1" ]; then
    # A patient with a qualification valid today, read from the demo dataset.
    CARD="$(sqlite3 -separator ',' "$DEMO/oqs.db" \
        "SELECT insurer_number, card_symbol, card_number, card_branch, birth_date FROM qualification
         WHERE loss_date IS NULL AND (card_valid_to IS NULL OR card_valid_to >= date('now', '+9 hours'))
         ORDER BY id LIMIT 1")"
    QT_QPA_PLATFORM=offscreen "$CLIENT" "${CLIENT_ARGS[@]}" --smoke "$CARD"
    exit $?
fi

# A few patients of the synthetic dataset to try at the counter, one per kind of answer.
echo "demo: sample insurance cards (insurer / symbol / number / branch / birth date):"
TODAY="date('now', '+9 hours')"
sample() {
    printf '  %-22s ' "$1"
    sqlite3 -separator ' / ' "$DEMO/oqs.db" "SELECT insurer_number, card_symbol, card_number, card_branch, birth_date
        FROM qualification q WHERE $2 ORDER BY id LIMIT 1" || true
}
sample "valid" "loss_date IS NULL AND (card_valid_to IS NULL OR card_valid_to >= $TODAY)"
sample "invalid (lost)" "loss_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM qualification n
    WHERE n.linkage_number = q.linkage_number AND n.loss_date IS NULL)"
sample "invalid, newer exists" "loss_date IS NOT NULL AND EXISTS (SELECT 1 FROM qualification n
    WHERE n.linkage_number = q.linkage_number AND n.loss_date IS NULL)"
FEED_ROWS="id > $(cat "$DEMO/last-dataset-row")"
sample "valid (from the feed)" "$FEED_ROWS AND loss_date IS NULL"
sample "lost (by the feed)" "$FEED_ROWS AND loss_date IS NOT NULL"
echo "demo: My Number card answers (valid, revoked, expired, untrusted, linkage pending, pulled, not a JPKI card)"
echo "      come from the virtual card, as root in another terminal: bash installer/demo-card.sh pcscd-start, then"
echo "      bash installer/demo-card.sh valid (resources/docs/card.md)"
echo "demo: opening oqs-reception"
"$CLIENT" "${CLIENT_ARGS[@]}"
