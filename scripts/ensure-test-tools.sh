#!/usr/bin/env bash
# Tools only the test suite needs, from Debian's packages: docker-compose, to
# validate docker-compose.yml (no Docker engine is needed for `config`), and
# chromium, the browser the page tests drive (playwright-core; its own browser
# download is not used).
set -euo pipefail
missing=()
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "[test-tools] missing: ${missing[*]}; install Debian's packages (apt-get install ${missing[*]}), or set CHROMIUM_PATH to a Chromium" >&2
  exit 1
fi
echo "[test-tools] installing Debian's ${missing[*]} (once per machine)..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
