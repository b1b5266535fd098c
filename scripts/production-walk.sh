#!/usr/bin/env bash
# The production path end to end (issue 24; .ci/run runs it): builds, deploys with production
# dependencies only (scripts/deploy.sh, into a folder outside the checkout, so nothing resolves from
# the workspace's node_modules), then scripts/production-walk.ts runs the three processes from that
# folder on a throwaway PostgreSQL (scripts/with-postgres.sh) with generated secrets and a real SMTP
# server, and walks: check-config, migrate, create-admin, two-factor, sign-up, mailed confirmation,
# application, approval, publication, a click through the gateway, a signed conversion, analytics,
# a clean stop. Prints one line, `production-walk: ok steps=N seconds=S`; on failure, the logs.
set -euo pipefail
cd "$(dirname "$0")/.."
export WALK_STARTED_AT=$(date +%s)
work=$(mktemp -d /tmp/shopreg-walk.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
log="$work/walk.log"
mkdir -p "$work/logs"
fail() {
  echo "production-walk: FAILED ($*)" >&2
  tail -n 60 "$log" >&2 || true
  for f in "$work"/logs/*.log; do [ -s "$f" ] && { echo "--- $(basename "$f")" >&2; tail -n 30 "$f" >&2; }; done
  exit 1
}
TURBO_TELEMETRY_DISABLED=1 pnpm build --output-logs=errors-only >>"$log" 2>&1 || fail "pnpm build"
scripts/deploy.sh "$work/shopreg" >>"$log" 2>&1 || fail "deploy"
scripts/with-postgres.sh node_modules/.bin/tsx scripts/production-walk.ts "$work/shopreg" "$work/logs" >>"$log" 2>&1 \
  || fail "the walk"
# The driver's one line (the steps and the seconds since this script started); the rest is in the log.
cat "$work/logs/result"
