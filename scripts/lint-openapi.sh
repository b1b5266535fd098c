#!/usr/bin/env bash
# Lints the API's OpenAPI document with Redocly's recommended rules (redocly.yaml); fails on any error.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pnpm exec tsx scripts/dump-openapi.ts >"$out/openapi.json"
pnpm exec redocly lint "$out/openapi.json" --config redocly.yaml --format stylish
