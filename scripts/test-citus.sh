#!/usr/bin/env bash
# `pnpm test:citus`, under scripts/with-citus.sh: the database suites that give Citus real coverage
# (every packages/db suite; the gateway's click writer, campaigns and gateway suites; the API's
# conversions, analytics, webhooks, transitions and smoke suites and the plan audit on Citus), the
# multi-instance test and the differential test, on the cluster. All of apps/api on Citus takes
# about 7 minutes more on 2 cores and is a manual run (docs/growth.md lists what it finds):
#   scripts/with-citus.sh bash -c 'cd apps/api && TEST_ENGINES=citus npx vitest run .db.test'
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
part "apps/api (conversions, analytics, webhooks, transitions, smoke, the plan audit on Citus)"
(cd apps/api && npx vitest run test/conversions.db.test.ts test/analytics.db.test.ts test/webhooks.db.test.ts \
  test/transitions.db.test.ts test/smoke.db.test.ts test/citus-routing.db.test.ts "$@") || status=1
part "multi-instance (two API and three gateway processes; a worker stopped and started under load)"
npx vitest run --config tests/multi-instance/vitest.config.ts "$@" || status=1
part "differential (single-node PostgreSQL and Citus, the same traffic)"
npx vitest run --config tests/differential/vitest.config.ts "$@" || status=1
exit $status
