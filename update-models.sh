#!/usr/bin/env bash
# Promote a model version into the model store and deploy it atomically:
#   ./update-models.sh v1 | --from-mlflow v3 | --rollback | --list | --help
# A thin wrapper: the work is done by demo-api/src/update-models/cli.ts. Arguments
# are passed through untouched ("$@"); the command validates them.
#
# Where it runs (RING_UPDATE_MODELS_IN): auto (default) runs on this machine when
# it has Node and the project's dependencies (npm run setup), else in the
# update-models container of docker-compose.yml (needs only Docker); host or
# container forces one. The container works on ./models and
# ./data-science/models and reaches MLflow as http://mlflow:5000.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli="$root/demo-api/dist/update-models/cli.js"
where="${RING_UPDATE_MODELS_IN:-auto}"
log() { echo "update-models: $*" >&2; }

host_ready() { command -v node >/dev/null && [ -d "$root/node_modules/@tensorflow/tfjs-node" ]; }

compose() {
  if command -v docker-compose >/dev/null; then docker-compose "$@"; else docker compose "$@"; fi
}

case "$where" in
  auto) host_ready || where=container ;;
  host | container) ;;
  *) log "RING_UPDATE_MODELS_IN must be auto, host or container (got '$where')"; exit 2 ;;
esac

if [ "$where" = container ]; then
  command -v docker >/dev/null || { log "neither a Node set-up (npm run setup) nor Docker is available here"; exit 1; }
  log "running in the update-models container (docker-compose run --rm update-models)"
  tty=()
  { [ -t 0 ] && [ -t 1 ]; } || tty=(-T)
  cd "$root"
  compose run --rm "${tty[@]}" update-models "$@"
  exit
fi

if [ ! -f "$cli" ]; then
  echo "update-models: building demo-api first (npm run build)..." >&2
  (cd "$root" && npx --no-install tsc -b demo-api) >&2 || true
  [ -f "$cli" ] || { echo "update-models: the build failed; run npm run build" >&2; exit 1; }
fi
export MODEL_STORE_DIR="${MODEL_STORE_DIR:-$root/models}"
export MODEL_SOURCE_DIR="${MODEL_SOURCE_DIR:-$root/data-science/models}"
exec node "$cli" "$@"
