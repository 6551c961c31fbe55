#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# feed-ingest-bench.sh BUILD_DIR [PERSONS] [WORK_DIR] — target P3: qualification feed ingest (register records, then
# loss updates that keep the replaced versions) from simulator files into SQLite and, when PostgreSQL is installed,
# a throw-away cluster. Baseline on the same rows: sqlite3's own `.import` of the register file into an indexed
# table. Prints one "figure" line per measurement, with records per second.
set -euo pipefail

BUILD="$(cd "$1" && pwd)"
PERSONS="${2:-200000}"
WORK="${3:-/tmp/oqs-bench-feed}"
HERE="$(cd "$(dirname "$0")" && pwd)"
SERVER="$BUILD/server/oqs-server"

rm -rf "$WORK"
mkdir -p "$WORK"
cd "$WORK"
figure() { printf 'figure %-28s %s\n' "$1" "$2"; }
measure() { # measure NAME RECORDS COMMAND…: wall seconds, records per second and peak RSS
    /usr/bin/time -f '%e %M' -o time.out "${@:3}" >"$1.log" 2>&1 || { cat "$1.log"; exit 1; }
    read -r seconds kib <time.out
    figure "$1" "${seconds} s, $(awk -v n="$2" -v s="$seconds" 'BEGIN{printf "%d", n / (s > 0 ? s : 0.01)}') records/s, peak RSS $((kib / 1024)) MiB"
}

echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$SERVER" batch simulate-feed --persons "$PERSONS" --out feed >simulate.log
RECORDS="$(grep -o '^simulate-feed: [0-9]*' simulate.log | grep -o '[0-9]*$')"
figure feed-records "$RECORDS ($(du -sh feed | cut -f1))"

run_backend() { # run_backend NAME PROPERTIES
    "$SERVER" dataset load --config "$2" --persons 0 >/dev/null # the insurer master
    rm -rf "feed-$1" && cp -r feed "feed-$1"
    measure "feed-ingest-$1" "$RECORDS" "$SERVER" batch feed-import --config "$2" --dir "feed-$1"
    measure "feed-resend-$1" "$RECORDS" "$SERVER" batch feed-import --config "$2" --dir "feed-$1"
}
printf 'database.dialect = sqlite\ndatabase.connection = oqs.db\n' >sqlite.properties
run_backend sqlite sqlite.properties
if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    bash "$HERE/../../support/postgres-cluster.sh" start "$WORK/pg" >/dev/null
    trap 'bash "$HERE/../../support/postgres-cluster.sh" stop "$WORK/pg" >/dev/null' EXIT
    printf 'database.dialect = postgresql\ndatabase.connection = %s\n' "$(cat "$WORK/pg/connection")" >pg.properties
    run_backend postgresql pg.properties
fi

# Baseline: sqlite3 imports the same register rows (header and trailer dropped) into an indexed table.
sed '1d;$d' feed/feed-0-1-register.csv >rows.csv
REGISTERS="$(wc -l <rows.csv)"
measure baseline-sqlite3-import "$REGISTERS" sqlite3 baseline.db "PRAGMA journal_mode=WAL;" \
    "CREATE TABLE q (sequence, operation, insurer_number, card_symbol, card_number, card_branch, birth_date,
     linkage_number, name, name_kana, sex, relationship, card_category, acquisition_date, loss_date,
     card_valid_from, card_valid_to, copayment_percent, address, insured_person_name, office_name);" \
    ".mode csv" ".import rows.csv q" "CREATE INDEX q_card ON q (insurer_number, card_symbol, card_number, card_branch);"
echo "work dir: $WORK (remove it when done)"
