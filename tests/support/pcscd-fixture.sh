#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A pcscd of the tests' own, in the foreground, with vsmartcard's virtual readers ("Virtual PCD 00 00" on
# 127.0.0.1:35963, "… 00 01" on 35964) for the virtual card.
#   pcscd-fixture.sh start   stops a pcscd already running (the package's service), starts ours, waits for it
#   pcscd-fixture.sh stop    stops ours (nothing else is restarted)
# pcscd's socket (/run/pcscd) is fixed, so this needs root, like the CI and installer/test.sh runs.
set -euo pipefail

STATE_DIR="${OQS_PCSCD_STATE_DIR:-${TMPDIR:-/tmp}/oqs-pcscd-fixture}"
PID_FILE="$STATE_DIR/pcscd.pid"
LOG_FILE="$STATE_DIR/pcscd.log"
SOCKET=/run/pcscd/pcscd.comm
SYSTEM_PID_FILE=/run/pcscd/pcscd.pid

wait_gone() { # pid
    for _ in $(seq 50); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null || true
}

stop_ours() {
    if [[ -f "$PID_FILE" ]]; then
        local pid
        pid="$(cat "$PID_FILE")"
        kill -TERM "$pid" 2>/dev/null || true
        wait_gone "$pid"
        rm -f "$PID_FILE"
    fi
}

stop_system() {
    if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
        # The socket unit would start it again on the next client connection.
        systemctl stop pcscd.socket pcscd.service 2>/dev/null || true
    fi
    if [[ -f "$SYSTEM_PID_FILE" ]]; then
        local pid
        pid="$(cat "$SYSTEM_PID_FILE")"
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait_gone "$pid"
        fi
    fi
}

start() {
    command -v pcscd >/dev/null || { echo "pcscd-fixture: pcscd is not installed" >&2; exit 1; }
    [[ -f /usr/lib/pcsc/drivers/serial/libifdvpcd.so ]] ||
        { echo "pcscd-fixture: vsmartcard-vpcd is not installed" >&2; exit 1; }
    mkdir -p "$STATE_DIR"
    stop_ours
    stop_system
    rm -f "$SOCKET"
    pcscd --foreground --error >"$LOG_FILE" 2>&1 &
    echo $! >"$PID_FILE"
    for _ in $(seq 100); do
        # Listening, not connecting: a connection to the vpcd port is a card being inserted.
        if [[ -S "$SOCKET" ]] && grep -qi ':8C7B 00000000:0000 0A' /proc/net/tcp; then
            echo "pcscd-fixture: pcscd $(cat "$PID_FILE") ready"
            return 0
        fi
        kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break
        sleep 0.1
    done
    echo "pcscd-fixture: pcscd did not start; its log:" >&2
    cat "$LOG_FILE" >&2
    stop_ours
    exit 1
}

case "${1:-}" in
start) start ;;
stop) stop_ours ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
