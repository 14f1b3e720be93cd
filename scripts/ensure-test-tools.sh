#!/usr/bin/env bash
# Tools only the test suite needs, from Debian's packages: docker-compose, to
# validate docker-compose.yml (no Docker engine is needed for `config`), and
# chromium, the browser the page tests drive (playwright-core; its own browser
# download is not used; CHROMIUM_PATH names another Chromium), and strace, which
# the ingest commit's durability test reads the system calls with.
set -euo pipefail
missing=()
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v strace >/dev/null || missing+=(strace)
bash "$(dirname "$0")/apt-install-missing.sh" test-tools "${missing[@]}"
