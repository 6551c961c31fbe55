#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# crl-import-bench.sh BUILD_DIR [SERIALS] [WORK_DIR] — target P2: CRL import of SERIALS (default 10 M) revoked serials
# from real X.509 CRL files (250,000 per distribution point) into SQLite and, when PostgreSQL is installed, into a
# throw-away cluster; atomic swap included. Baselines on the same data: `openssl crl` parsing and verifying every
# file, and sqlite3's own `.import` of the same rows plus its index. Prints one "figure" line per measurement.
set -euo pipefail

BUILD="$(cd "$1" && pwd)"
SERIALS="${2:-10000000}"
WORK="${3:-/tmp/oqs-bench-crl}"
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVER="$BUILD/server/oqs-server"
PER_FILE=250000

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
figure() { printf 'figure %-28s %s\n' "$1" "$2"; }
measure() { # measure NAME COMMAND…: wall seconds and peak RSS of the command
    /usr/bin/time -f '%e %M' -o time.out "${@:2}" >"$1.log" 2>&1
    read -r seconds kib <time.out
    figure "$1" "${seconds} s, peak RSS $((kib / 1024)) MiB"
}

echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
"$SERVER" ca init-demo ca >/dev/null
measure simulate-crl-files "$SERVER" batch simulate-crl --ca-dir ca --persons 0 --extra "$SERIALS" \
    --per-file "$PER_FILE" --out crl
figure crl-files "$(ls crl | wc -l) files, $(du -sh crl | cut -f1)"

printf 'database.dialect = sqlite\ndatabase.connection = oqs.db\ndatabase.durableCommits = true\n' >sqlite.properties
"$SERVER" migrate --config sqlite.properties >/dev/null
measure crl-import-sqlite "$SERVER" batch crl-import --config sqlite.properties --ca ca/jpki-ca.pem --dir crl
grep -q "now in service" crl-import-sqlite.log || { cat crl-import-sqlite.log; exit 1; }
measure crl-reimport-sqlite "$SERVER" batch crl-import --config sqlite.properties --ca ca/jpki-ca.pem --dir crl

if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    bash "$HERE/../../support/postgres-cluster.sh" start "$WORK/pg" >/dev/null
    trap 'bash "$HERE/../../support/postgres-cluster.sh" stop "$WORK/pg" >/dev/null' EXIT
    printf 'database.dialect = postgresql\ndatabase.connection = %s\n' "$(cat "$WORK/pg/connection")" >pg.properties
    "$SERVER" migrate --config pg.properties >/dev/null
    measure crl-import-postgresql "$SERVER" batch crl-import --config pg.properties --ca ca/jpki-ca.pem --dir crl
    grep -q "now in service" crl-import-postgresql.log || { cat crl-import-postgresql.log; exit 1; }
fi

# Baseline 1: openssl parses, verifies and prints every CRL (what our import also does, minus the database).
measure baseline-openssl-crl bash -c 'for f in crl/*.der; do
    openssl crl -inform DER -in "$f" -CAfile ca/jpki-ca.pem -noout -text >/dev/null 2>&1 || exit 1; done'
# Baseline 2: sqlite3's own CSV import of the same rows into an indexed table, durable like ours.
"$SERVER" batch simulate-crl --ca-dir ca --persons 0 --extra "$SERIALS" --serial-list list.txt >/dev/null
grep -v '^#' list.txt >list.csv
measure baseline-sqlite3-import sqlite3 baseline.db "PRAGMA journal_mode=WAL;" \
    "CREATE TABLE revoked (serial TEXT NOT NULL, revoked_on TEXT NOT NULL);" \
    ".mode csv" ".import list.csv revoked" "CREATE INDEX revoked_serial ON revoked (serial);"
echo "work dir: $WORK (remove it when done)"
