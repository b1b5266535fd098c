#!/usr/bin/env bash
# `pnpm test:citus`, under scripts/with-citus.sh --spare: every database suite on the cluster
# (packages/db, including adding the spare worker and rebalancing; the gateway's click writer,
# campaigns and gateway suites; every apps/api *.db.test.ts, the plan audit on Citus among them),
# the multi-instance test and the differential test. Without --spare the rebalance test is skipped.
# Extra arguments go to every vitest run
# (CI passes its JSON reporter). Runs every part, then fails if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${CITUS_WORKER_URLS:-}" ]; then
  echo "test:citus: no Citus cluster (run it as scripts/with-citus.sh pnpm test:citus)" >&2
  exit 1
fi
[ "${1:-}" = "--" ] && shift
export TEST_ENGINES=citus
status=0
part() { echo; echo "=== test:citus: $1"; }
part "packages/db"
(cd packages/db && npx vitest run "$@") || status=1
part "apps/gateway (click writer, campaigns, gateway)"
(cd apps/gateway && npx vitest run test/clicks-repository.db.test.ts test/campaigns.db.test.ts test/gateway.db.test.ts "$@") || status=1
part "apps/api (every database suite, the plan audit on Citus among them)"
(cd apps/api && npx vitest run .db.test "$@") || status=1
part "multi-instance (two API and three gateway processes; a worker stopped and started under load)"
npx vitest run --config tests/multi-instance/vitest.config.ts "$@" || status=1
part "differential (single-node PostgreSQL and Citus, the same traffic)"
npx vitest run --config tests/differential/vitest.config.ts "$@" || status=1
exit $status
