#!/usr/bin/env bash
# Jupyter with the tslab TypeScript kernel, all project-local: the Python side
# comes from the project's virtual environment (scripts/python-env.sh jupyter),
# tslab from npm, and the kernel spec and Jupyter's config, data and runtime
# folders live in data-science/.jupyter (never the user's ~/.jupyter).
#
#   data-science/scripts/jupyter.sh lab                      JupyterLab on port 8888
#   data-science/scripts/jupyter.sh execute <in> <out>       run a notebook headlessly
#   data-science/scripts/jupyter.sh <any jupyter command...>
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
home="$root/data-science/.jupyter"
venv=$(bash "$root/scripts/python-env.sh" jupyter)
tslab="$root/node_modules/.bin/tslab"
[ -x "$tslab" ] || { echo "[jupyter] tslab is missing: run npm run setup" >&2; exit 2; }

export JUPYTER_CONFIG_DIR="${JUPYTER_CONFIG_DIR:-$home/config}"
export JUPYTER_DATA_DIR="${JUPYTER_DATA_DIR:-$home/data}"
export JUPYTER_RUNTIME_DIR="${JUPYTER_RUNTIME_DIR:-$home/runtime}"
export JUPYTER_PATH="$home/share/jupyter"
export JUPYTER_PLATFORM_DIRS=1
mkdir -p "$JUPYTER_CONFIG_DIR" "$JUPYTER_DATA_DIR" "$JUPYTER_RUNTIME_DIR"

spec="$home/share/jupyter/kernels/tslab/kernel.json"
if [ ! -f "$spec" ] || ! grep -q "$tslab" "$spec"; then
  "$tslab" install --python="$venv/bin/python" --binary="$tslab" --prefix="$home" >&2
fi

cd "$root/data-science"
case "${1:-lab}" in
  lab)
    shift || true
    # an empty token would mean no authentication: let Jupyter make one and print it
    [ -n "${JUPYTER_TOKEN:-}" ] || unset JUPYTER_TOKEN
    exec "$venv/bin/jupyter" lab --ip="${JUPYTER_IP:-127.0.0.1}" --port="${JUPYTER_PORT:-8888}" --no-browser "$@"
    ;;
  execute)
    in="${2:?usage: jupyter.sh execute <in.ipynb> <out.ipynb>}"
    out="${3:?usage: jupyter.sh execute <in.ipynb> <out.ipynb>}"
    exec "$venv/bin/jupyter" nbconvert --to notebook --execute \
      --ExecutePreprocessor.kernel_name=tslab \
      --ExecutePreprocessor.timeout="${NOTEBOOK_CELL_TIMEOUT:-1800}" \
      --output "$(basename "$out")" --output-dir "$(dirname "$out")" "$in"
    ;;
  *)
    exec "$venv/bin/jupyter" "$@"
    ;;
esac
