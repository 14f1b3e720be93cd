#!/usr/bin/env bash
# Create (once) the project's Python virtual environment for one purpose and
# print its path. The environment lives in the machine cache keyed by a hash of
# its requirements file, and the clone gets a symlink .venv-<name> to it, so a
# fresh clone on a machine that built it once is ready in a second.
#
# usage: scripts/python-env.sh mlflow|jupyter|bench
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
name="${1:?usage: python-env.sh mlflow|jupyter|bench}"
req="$root/scripts/python/requirements-$name.txt"
[ -f "$req" ] || { echo "[python-env] unknown environment '$name' (no $req)" >&2; exit 2; }
cache="${RING_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ring-mlops}"
python="${RING_PYTHON:-python3}"
hash=$( (cat "$req"; "$python" --version) | sha256sum | cut -c1-16)
venv="$cache/venvs/$name-$hash"
link="$root/.venv-$name"

if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.complete" ]; then
  echo "[python-env] creating the '$name' environment in $venv (once per machine)..." >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
  touch "$venv/.complete"
fi
# only when it changes: in a container the clone is read-only to the user that runs it
[ "$(readlink "$link" 2>/dev/null)" = "$venv" ] || ln -sfn "$venv" "$link"
echo "$link"
