#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The virtual My Number card for the demo (resources/docs/card.md): pcscd with vsmartcard's virtual reader, and an
# emulated card of a chosen profile put into it, with a certificate issued by the demo's JPKI CA for a serial taken
# from the demo database. Run as root (pcscd's socket is fixed) next to a running `bash installer/demo.sh`.
#   demo-card.sh pcscd-start            pcscd in the background with the readers "Virtual PCD 00 00" / "00 01"
#   demo-card.sh pcscd-stop
#   demo-card.sh PROFILE [OPTION…]      inserts the card until Ctrl-C (= removing it); run again to tap again
#     PROFILE  valid | revoked | expired | untrusted | pending | not-jpki | pulled
#     OPTION   any of oqs-virtual-card's: --pin NNNN (default 1234), --pin-tries N (0 = blocked card) …
#   OQS_BUILD (default build/) and OQS_DEMO_DIR (default var/demo/) say where the binaries and the demo data are.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${OQS_BUILD:-$ROOT/build}"
DEMO="${OQS_DEMO_DIR:-$ROOT/var/demo}"
CARDS="$DEMO/cards"
export OQS_PCSCD_STATE_DIR="$DEMO/pcscd"
SERVER="$BUILD/server/oqs-server"
VIRTUAL_CARD="$BUILD/tests/client/card/virtual-card/oqs-virtual-card"

usage() {
    sed -n '3,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

sql() {
    sqlite3 "$DEMO/oqs.db" "$1"
}

# Serials linked to a person whose qualification is valid today and not on the revocation list in service.
valid_serial() {
    local slot
    slot="$(sql "SELECT active_slot FROM revocation_state")"
    sql "SELECT c.serial FROM card_certificate c JOIN qualification q ON q.linkage_number = c.linkage_number
         WHERE q.loss_date IS NULL AND (q.card_valid_to IS NULL OR q.card_valid_to >= date('now', '+9 hours'))
         AND c.serial NOT IN (SELECT serial FROM revoked_serial_$slot) ORDER BY c.serial LIMIT 1"
}

revoked_serial() {
    sql "SELECT serial FROM revoked_serial_$(sql "SELECT active_slot FROM revocation_state") ORDER BY serial LIMIT 1"
}

# A serial the demo database has never seen: the card is genuine but not linked to anybody yet.
unlinked_serial() {
    local serial
    while :; do
        serial="8F$(od -An -N7 -tx1 /dev/urandom | tr -d ' \n' | tr 'a-f' 'A-F')"
        [ "$(sql "SELECT COUNT(*) FROM card_certificate WHERE serial = '$serial'")" = 0 ] && break
    done
    echo "$serial"
}

# issue CA_DIR SERIAL FROM TO NAME: a user-authentication certificate and its key in $CARDS/NAME{.pem,.key.pem}.
issue() {
    "$SERVER" ca issue-jpki "$1" "$2" "$3" "$4" "$CARDS/$5" >/dev/null
}

case "${1:-}" in
pcscd-start)
    exec bash "$ROOT/tests/support/pcscd-fixture.sh" start ;;
pcscd-stop)
    exec bash "$ROOT/tests/support/pcscd-fixture.sh" stop ;;
valid | revoked | expired | untrusted | pending | not-jpki | pulled) ;;
*) usage ;;
esac
PROFILE="$1"
shift

[ -s "$DEMO/oqs.db" ] || { echo "demo-card: run 'bash installer/demo.sh' first (no $DEMO/oqs.db)" >&2; exit 1; }
[ -x "$VIRTUAL_CARD" ] || bash "$ROOT/installer/build.sh" "$BUILD" oqs-virtual-card
mkdir -p "$CARDS"
FROM="$(date -d '-1 year' +%F)"
TO="$(date -d '+4 years' +%F)"
ARGS=()
case "$PROFILE" in
valid | pulled)
    issue "$DEMO/pki" "$(valid_serial)" "$FROM" "$TO" "$PROFILE"
    [ "$PROFILE" = pulled ] && ARGS+=(--pull-after-reads 2) ;;
revoked)
    issue "$DEMO/pki" "$(revoked_serial)" "$FROM" "$TO" revoked ;;
expired)
    issue "$DEMO/pki" "$(valid_serial)" 2020-01-01 2024-12-31 expired ;;
untrusted)
    # A CA of the same shape that the demo server does not trust (not in jpki.trustAnchors).
    [ -f "$CARDS/rogue-pki/jpki-ca.pem" ] || "$SERVER" ca init-demo "$CARDS/rogue-pki" >/dev/null
    issue "$CARDS/rogue-pki" "$(valid_serial)" "$FROM" "$TO" untrusted ;;
pending)
    issue "$DEMO/pki" "$(unlinked_serial)" "$FROM" "$TO" pending ;;
not-jpki)
    ARGS+=(--not-jpki) ;;
esac
if [ "$PROFILE" != not-jpki ]; then
    ARGS+=("$CARDS/$PROFILE.pem" "$CARDS/$PROFILE.key.pem")
    echo "demo-card: $PROFILE card, serial $(openssl x509 -in "$CARDS/$PROFILE.pem" -noout -serial | cut -d= -f2)"
fi
exec "$VIRTUAL_CARD" "$@" "${ARGS[@]}"
