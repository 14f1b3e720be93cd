#!/usr/bin/env bash
# Install what is missing, quickly when everything is already there:
#   1. npm dependencies (npm ci, dependency install scripts off: see .npmrc)
#   2. native TensorFlow for tfjs-node (scripts/provision-tfjs.sh)
#   3. the Python environment with the pinned MLflow server (scripts/python-env.sh)
#   4. the git pre-commit hook
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
log() { printf '[setup] %s\n' "$*" >&2; }

stamp=node_modules/.ring-install-stamp
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
if [ ! -d node_modules ]; then
  log "installing npm dependencies (npm ci)..."
  npm ci --no-audit --no-fund >&2
  echo "$lock_hash" > "$stamp"
elif [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  # npm install, not npm ci: it updates in place instead of deleting node_modules
  log "package-lock.json changed: updating npm dependencies (npm install)..."
  npm install --no-audit --no-fund >&2
  echo "$lock_hash" > "$stamp"
else
  log "npm dependencies are up to date."
fi

bash scripts/provision-tfjs.sh
bash scripts/python-env.sh mlflow >/dev/null
bash scripts/python-env.sh jupyter >/dev/null # train.ipynb and its test (data-science/scripts/jupyter.sh)

if [ -d .git ] && [ "$(git config core.hooksPath || true)" != .githooks ]; then
  git config core.hooksPath .githooks
  log "installed the pre-commit hook (.githooks/pre-commit)."
fi
log "ready."
