#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what is needed, builds everything and runs every test: the full suite on a RelWithDebInfo build
# (server tests on SQLite and on a throw-away PostgreSQL cluster, card tests through a real pcscd, GUI tests
# offscreen), then the library and server tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="$(nproc)"

bash "$ROOT/installer/setup-debian.sh"

echo "== build (RelWithDebInfo)"
bash "$ROOT/installer/build.sh" "$ROOT/build"
echo "== tests"
(cd "$ROOT/build" && ctest --output-on-failure -j "$JOBS" -LE bench)

echo "== build (ASan + UBSan)"
bash "$ROOT/installer/build.sh" "$ROOT/build-asan" -- -DOQS_SANITIZE=ON -DOQS_BUILD_CLIENT=OFF -DCMAKE_BUILD_TYPE=Debug
echo "== tests under sanitizers"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
(cd "$ROOT/build-asan" && ctest --output-on-failure -j "$JOBS" -LE bench)
