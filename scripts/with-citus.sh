#!/usr/bin/env bash
# Runs a command with a throwaway Citus cluster on loopback (a coordinator and two workers, each its
# own PostgreSQL with shared_preload_libraries=citus, on free ports), then stops and removes it.
# For the command:
#   TEST_DATABASE_URL  the coordinator's `postgres` database (an admin connection: tests create their
#                      own databases from it, on every node; packages/db/src/distribute.ts)
#   CITUS_WORKER_URLS  the workers' `postgres` databases, comma-separated
#   DATABASE_URL       `shopreg` on the coordinator: the citus extension in it on every node and the
#                      workers registered, not migrated (run the migrations, then `distribute`)
#   PGURL              = TEST_DATABASE_URL
#   CITUS_DIR          the nodes' data directories ($CITUS_DIR/coordinator, worker1, worker2), each
#                      startable with `pg_ctl -D <dir> -l <dir>.log start` (settings in postgresql.conf)
# CREATE DATABASE is not propagated (citus.enable_create_database_propagation stays off): Citus 13
# refuses to propagate one made from a TEMPLATE, and each database's Citus metadata (its nodes, its
# shards) is its own anyway, so createCitusDatabase makes the database on every node itself.
# Citus is built from ../shared/vendor when missing (Debian has no package); without ../shared this
# fails rather than run nothing. Usage: scripts/with-citus.sh [--spare] <command...>
# --spare also starts a third worker that is not registered: CITUS_SPARE_URL is its `postgres`
# database, for a test that adds a node to a populated cluster and rebalances (it adds the node to
# its own database only; every database's Citus metadata is its own).
set -euo pipefail
cd "$(dirname "$0")/.."
spare=0
if [ "${1:-}" = "--spare" ]; then spare=1; shift; fi
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "with-citus: PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2
  exit 1
fi
pglib=$("$PGBIN/pg_config" --pkglibdir 2>/dev/null || echo "$(dirname "$PGBIN")/lib")
if [ ! -f "$pglib/citus.so" ]; then
  build=../shared/vendor/build-citus.sh
  if [ ! -x "$build" ]; then
    echo "with-citus: FAILED: Citus is not installed in $pglib and $build is absent (no ../shared beside the repository); nothing ran" >&2
    exit 1
  fi
  echo "with-citus: building Citus with $build (about 3 minutes)"
  "$build"
  [ -f "$pglib/citus.so" ] || { echo "with-citus: FAILED: $build ran but $pglib/citus.so is still missing" >&2; exit 1; }
fi

dir=$(mktemp -d /tmp/shopreg-citus.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
as_pg() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
nodes=(coordinator worker1 worker2)
[ "$spare" = 1 ] && nodes+=(spare)
declare -A port
started=()
stop() {
  for n in "${started[@]}"; do as_pg "'$PGBIN/pg_ctl' -D '$dir/$n' -m fast -w stop >/dev/null 2>&1" || true; done
  rm -rf "$dir"
}
trap stop EXIT
for n in "${nodes[@]}"; do
  port[$n]=$(free_port)
  as_pg "'$PGBIN/initdb' -D '$dir/$n' -U postgres --auth=trust -E UTF8 >'$dir/$n-initdb.log' 2>&1"
  # In postgresql.conf, not on pg_ctl's command line, so a test can stop and start a node with plain pg_ctl.
  # max_connections: the coordinator opens connections to every worker per shard it works on in parallel.
  cat >>"$dir/$n/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = ${port[$n]}
unix_socket_directories = '$dir'
shared_preload_libraries = 'citus'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
max_prepared_transactions = 200
shared_buffers = 64MB
citus.enable_create_database_propagation = off
# Shard moves (citus_rebalance_start) copy and catch up by logical replication.
wal_level = logical
CONF
  as_pg "'$PGBIN/pg_ctl' -D '$dir/$n' -l '$dir/$n.log' -w start >/dev/null" || { cat "$dir/$n.log" >&2; exit 1; }
  started+=("$n")
done
url() { echo "postgres://postgres@127.0.0.1:${port[$1]}/$2"; }
psql_on() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$(url "$1" "$2")" -c "$3" >/dev/null; }
for n in "${nodes[@]}"; do
  psql_on "$n" postgres "CREATE DATABASE shopreg"
  psql_on "$n" shopreg "CREATE EXTENSION citus"
done
psql_on coordinator shopreg "SELECT citus_set_coordinator_host('127.0.0.1', ${port[coordinator]})"
psql_on coordinator shopreg "SELECT citus_add_node('127.0.0.1', ${port[worker1]})"
psql_on coordinator shopreg "SELECT citus_add_node('127.0.0.1', ${port[worker2]})"

export TEST_DATABASE_URL=$(url coordinator postgres)
export PGURL="$TEST_DATABASE_URL"
export DATABASE_URL=$(url coordinator shopreg)
export CITUS_WORKER_URLS="$(url worker1 postgres),$(url worker2 postgres)"
export PG_BIN="$PGBIN" CITUS_DIR="$dir"
if [ "$spare" = 1 ]; then export CITUS_SPARE_URL=$(url spare postgres); fi
version=$("$PGBIN/psql" -X -At "$DATABASE_URL" -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'")
workers=$("$PGBIN/psql" -X -At "$DATABASE_URL" -c "SELECT count(*) FROM citus_get_active_worker_nodes()")
echo "with-citus: Citus $version on PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'): coordinator 127.0.0.1:${port[coordinator]}, $workers workers (127.0.0.1:${port[worker1]}, 127.0.0.1:${port[worker2]})${CITUS_SPARE_URL:+, a spare node 127.0.0.1:${port[spare]} not registered}"
"$@"
