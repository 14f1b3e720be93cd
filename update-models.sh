#!/usr/bin/env bash
# Promote a model version into the model store and deploy it atomically:
#   ./update-models.sh v1 | --from-mlflow v3 | --rollback | --list | --help
# A thin wrapper: the work is done by demo-api/src/update-models/cli.ts. Arguments
# are passed through untouched ("$@"); the command validates them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cli="$root/demo-api/dist/update-models/cli.js"
if [ ! -f "$cli" ]; then
  echo "update-models: building demo-api first (npm run build)..." >&2
  (cd "$root" && npx --no-install tsc -b demo-api) >&2 || true
  [ -f "$cli" ] || { echo "update-models: the build failed; run npm run build" >&2; exit 1; }
fi
export MODEL_STORE_DIR="${MODEL_STORE_DIR:-$root/models}"
export MODEL_SOURCE_DIR="${MODEL_SOURCE_DIR:-$root/data-science/models}"
exec node "$cli" "$@"
