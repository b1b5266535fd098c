#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on loopback, then stops and removes it.
# Sets TEST_DATABASE_URL (and PGURL) for the command. Usage: scripts/with-postgres.sh <command...>
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "with-postgres: PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/shopreg-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
as_pg() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
as_pg "'$PGBIN/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 >'$dir/initdb.log' 2>&1"
as_pg "'$PGBIN/pg_ctl' -D '$dir/data' -l '$dir/server.log' -o \"-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" -w start >/dev/null"
stop() { as_pg "'$PGBIN/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null 2>&1" || true; rm -rf "$dir"; }
trap stop EXIT
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
export PGURL="$TEST_DATABASE_URL"
export PG_DATA_DIR="$dir/data" PG_BIN="$PGBIN" PG_PORT="$port"
echo "with-postgres: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"
