#!/usr/bin/env bash
# Tools only the test suite needs, from Debian's packages: docker-compose, to
# validate docker-compose.yml (no Docker engine is needed for `config`).
set -euo pipefail
command -v docker-compose >/dev/null && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "[test-tools] docker-compose is missing; install Debian's docker-compose package (apt-get install docker-compose)" >&2
  exit 1
fi
echo "[test-tools] installing Debian's docker-compose (once per machine)..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >&2
