#!/usr/bin/env bash
# Keeps the README's first command true: runs `pnpm start` (on PGlite in a fresh folder, or on the
# server in DATABASE_URL), waits for every surface, signs in as the seeded U.S. partner, opens its
# published referral link through the gateway (302 to Seller Center with a click id) and sees the
# click counted, sees the seeded incentive programs on its Incentives page, checks it says it is the
# demo, then stops it with SIGTERM. Every surface on a free loopback port (another start may hold
# the defaults). Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r api_port gateway_port partner_port admin_port < <(node -e '
const net = require("node:net");
const free = () => new Promise((ok) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
Promise.all([free(), free(), free(), free()]).then((p) => console.log(p.join(" ")));')
API=http://127.0.0.1:$api_port
data=$(mktemp -d /tmp/shopreg-smoke.XXXXXX)
log="$data/start.log"
PORT=$api_port GATEWAY_PORT=$gateway_port PARTNER_PORT=$partner_port ADMIN_PORT=$admin_port \
  SHOPREG_DATA_DIR="$data/pglite" setsid pnpm start >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
fail() { echo "smoke-start: $*" >&2; tail -n 40 "$log" >&2; exit 1; }

for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$gateway_port/_/health" >/dev/null 2>&1 && curl -sf "$API/openapi.json" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || fail "pnpm start exited"
  sleep 1
done
curl -sf "http://127.0.0.1:$gateway_port/_/health" >/dev/null || fail "the gateway did not come up"
grep -q "DEMO: demo accounts" "$log" || fail "pnpm start does not say it is the demo"
for url in "http://127.0.0.1:$partner_port/" "http://127.0.0.1:$admin_port/" "$API/docs"; do
  curl -sf "$url" | grep -qi "<html" || fail "$url does not serve a page"
done

jar="$data/cookies"
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=eval("(j)=>"+process.argv[1])(JSON.parse(s));if(v===undefined)process.exit(1);console.log(v)})' "$1"; }
curl -sf -c "$jar" -H 'content-type: application/json' -X POST "$API/v1/session" \
  -d '{"email":"us-partner@shopreg.test","password":"shopreg-demo-2026"}' >/dev/null || fail "the demo partner cannot sign in"
svc=$(curl -sf -b "$jar" "$API/v1/services" | json 'j.data.find((s) => s.status === "ON").id') || fail "no published demo service"
link=$(curl -sf -b "$jar" "$API/v1/services/$svc/referral-links" | json 'j.data[0].url') || fail "no referral link"
before=$(curl -sf -b "$jar" "$API/v1/analytics/summary" | json 'j.clicks')
location=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' \
  -A 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1' "$link")
case "$location" in
  "302 https://seller-us.tiktok.com/account/register?"*click_id=*) ;;
  *) fail "the referral link answered: $location" ;;
esac
for _ in $(seq 1 50); do
  after=$(curl -sf -b "$jar" "$API/v1/analytics/summary" | json 'j.clicks')
  [ "$after" -gt "$before" ] && break
  sleep 0.2
done
[ "$after" -gt "$before" ] || fail "the click was not counted ($before -> $after)"
programs=$(curl -sf -b "$jar" "$API/v1/incentives/programs" |
  json 'j.data.filter((p) => p.statements.some((s) => s.totals.eligible + s.totals.pending + s.totals.excluded > 0)).length') ||
  fail "the demo partner cannot read its incentive programs"
[ "$programs" -ge 2 ] || fail "the demo partner's Incentives page has $programs programs with sellers (expected the two seeded)"
echo "smoke-start: ok on $(grep -o 'running on [^,]*' "$log" | head -1) ($link -> 302, clicks $before -> $after, $programs incentive programs)"
