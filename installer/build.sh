#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# build.sh BUILD_DIR [TARGET…] [-- EXTRA_CMAKE_ARGS…]: configures once (Ninja, ccache) and builds the targets.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$1"
shift
TARGETS=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do TARGETS+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift

export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}"
# Share cache entries between clones in different folders (CI builds a fresh clone elsewhere).
export CCACHE_BASEDIR="$ROOT"
export CCACHE_NOHASHDIR=1
if [ ! -f "$BUILD/build.ninja" ]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
fi
TARGET_ARGS=()
for target in "${TARGETS[@]}"; do TARGET_ARGS+=(--target "$target"); done
cmake --build "$BUILD" -j "$(nproc)" "${TARGET_ARGS[@]}" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
test "${PIPESTATUS[0]}" -eq 0
