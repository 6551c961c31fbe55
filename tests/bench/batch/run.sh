#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run.sh BUILD_DIR — every batch benchmark in one command (P2 CRL import of 10 M serials, P3 feed ingest), with
# their baselines; prints the "figure" lines.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
"$HERE/crl-import-bench.sh" "$1" "${CRL_SERIALS:-10000000}"
"$HERE/feed-ingest-bench.sh" "$1" "${FEED_PERSONS:-200000}"
