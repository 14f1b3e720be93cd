#!/usr/bin/env bash
# Tools only the test suite needs, from Debian's packages: docker-compose, to
# validate docker-compose.yml (no Docker engine is needed for `config`), and
# chromium, the browser the page tests drive (playwright-core; its own browser
# download is not used; CHROMIUM_PATH names another Chromium), and strace, which
# the ingest commit's durability test reads the system calls with, and
# PostgreSQL 15, which the shared monitoring store's tests start throwaway
# servers of (its package's default cluster is not created).
set -euo pipefail
missing=()
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v strace >/dev/null || missing+=(strace)
if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  missing+=(postgresql-15)
  # the tests start their own servers: no system cluster, no service left running
  if [ "$(id -u)" = 0 ] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  fi
fi
bash "$(dirname "$0")/apt-install-missing.sh" test-tools "${missing[@]}"
