#!/usr/bin/env bash
# apt-install-missing.sh TAG [PACKAGE...]: install the Debian packages named
# (those a caller found missing) as root, once per machine; elsewhere say which
# to install. Nothing to do without packages. Used by ensure-test-tools.sh and
# ensure-docker.sh.
set -euo pipefail
tag=$1
shift
[ $# -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "[$tag] missing: $*; install Debian's packages (apt-get install $*)" >&2
  exit 1
fi
echo "[$tag] installing Debian's $* (once per machine)..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
