#!/bin/sh
# The image's entry (Dockerfile): `api`, `gateway` and `web` start a server; anything else is a
# `shopreg` command (migrate, create-admin, check-config, rotate-key, --help).
set -e
cd /opt/shopreg
case "$1" in
  api) shift; exec node apps/api/dist/server.js "$@" ;;
  gateway) shift; exec node apps/gateway/dist/server.js "$@" ;;
  web) shift; exec node apps/web/dist/server.js "$@" ;;
  *) exec ./shopreg "$@" ;;
esac
