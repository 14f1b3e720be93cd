#!/usr/bin/env bash
# The project's one test command (npm test): install what is missing, build,
# lint and format check, type check, the native TensorFlow check, every
# workspace's tests (integration tests against a real MLflow server that jest
# starts, unless MLFLOW_TRACKING_URI names one), then the dependency audit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
step() { printf '\n== %s\n' "$*"; }

step "setup";      bash scripts/setup.sh && bash scripts/ensure-test-tools.sh
step "build";      npx tsc -b tsconfig.build.json
step "lint";       npx eslint --max-warnings 0 .
step "format";     npx prettier --check . >/dev/null && echo "prettier: all files formatted"
step "types";      npx tsc -p tsconfig.json --noEmit
step "doctor";     node scripts/doctor.js
step "tests";      npx jest --ci --selectProjects unit integration "$@"
# Last, so that "THE DEPENDENCY AUDIT DID NOT RUN" (registry unreachable) ends the output.
step "audit";      bash scripts/audit.sh
