#!/usr/bin/env bash
# The compose journey's end-to-end test (npm run test:compose; .ci/run runs it
# after npm test). It needs root (dockerd, debootstrap, a second user's files)
# and the project set up (npm run setup, as npm test does). It builds the
# images (stand-in bases unless RING_COMPOSE_BASES=official), runs the journey
# in containers on 127.0.0.1 and removes its containers, networks and volumes;
# it stops dockerd if it started it. Images stay, so the next run is quicker.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ "$(id -u)" = 0 ] || { echo "[test-compose] run as root (it starts dockerd and acts as a second user)" >&2; exit 1; }
bash scripts/ensure-docker.sh
npx tsc -b demo-api >/dev/null # the host-side ./update-models.sh of the journey
npx jest --ci --selectProjects compose "$@"
