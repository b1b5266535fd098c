#!/usr/bin/env bash
# Makes a folder that runs shopreg in production from this checkout, with production dependencies
# only: `pnpm build` first, then `scripts/deploy.sh /opt/shopreg`. The folder has the repository's
# layout, so the commands are the same here and there:
#   node apps/api/dist/server.js       the API (and its webhook and mail worker)
#   node apps/gateway/dist/server.js   the gateway (referral links), with its click writer thread
#   node apps/web/dist/server.js       the partner portal and the reviewer dashboard
#   ./shopreg <command>                the operator's command (migrate, create-admin, ...)
# Each app is `pnpm deploy --prod` of its package (bundled JavaScript plus its runtime dependencies:
# argon2's native binary, PGlite's WebAssembly, swagger-ui's files). The Dockerfile runs this too.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/deploy.sh <empty or new folder>}
for app in api gateway web; do
  [ -f "apps/$app/dist/server.js" ] || { echo "deploy: apps/$app/dist/server.js is missing: run pnpm build first" >&2; exit 1; }
done
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then echo "deploy: $out is not empty" >&2; exit 1; fi
mkdir -p "$out/apps"
for app in api gateway web; do
  # --legacy: pnpm 10 deploys without injected workspace packages only so; the bundles need none.
  pnpm --filter "@shopreg/$app" deploy --prod --legacy --config.confirmModulesPurge=false "$out/apps/$app" >/dev/null
done
cp deploy/shopreg "$out/shopreg"
chmod +x "$out/shopreg"
echo "deploy: $out (apps/api, apps/gateway, apps/web, ./shopreg)"
