#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# postgres-cluster.sh start|stop DIR — a throw-away PostgreSQL cluster on loopback for the tests.
# start: initdb in DIR, start on a free port, create database "oqs", write DIR/connection (a libpq connection string).
# stop: stop the server and remove DIR. PostgreSQL refuses to run as root, so as root it runs as user "postgres".
set -euo pipefail

ACTION="$1"
DIR="$2"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$ACTION" in
start)
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
    PORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    as_owner "$PGBIN/initdb" -D "$DIR/data" -U oqs --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log"
    as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=on -c max_connections=200" start >/dev/null
    as_owner "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U oqs oqs
    echo "host=127.0.0.1 port=$PORT dbname=oqs user=oqs" >"$DIR/connection"
    chmod a+r "$DIR/connection"
    echo "postgres-cluster: started on 127.0.0.1:$PORT ($DIR)"
    ;;
stop)
    if [ -d "$DIR/data" ]; then
        as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$DIR"
    echo "postgres-cluster: stopped"
    ;;
*)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
