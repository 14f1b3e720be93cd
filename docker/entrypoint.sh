#!/bin/sh
# Entry point of the Node images. Files the containers write into the clone
# (models, data, exports, the DLQ) must belong to whoever cloned it, so they can
# delete them without root. So: run the command as the owner of the clone,
# read from a file of the clone that compose mounts at $RING_OWNER_REF; never
# as root (a clone owned by root runs as node, uid 1000). Each folder in
# $RING_WRITABLE_DIRS is created if missing and handed to that user when its
# top belongs to someone else (Docker creates a missing bind-mount source as root).
# With compose's `user:` (not root), the command simply runs as that user.
set -eu
if [ "$(id -u)" != 0 ]; then exec "$@"; fi

ref=${RING_OWNER_REF:-/run/ring/clone-owner}
uid=1000 gid=1000
if [ -e "$ref" ] && [ "$(stat -c %u "$ref")" != 0 ]; then
  uid=$(stat -c %u "$ref") gid=$(stat -c %g "$ref")
fi
for dir in ${RING_WRITABLE_DIRS:-}; do
  mkdir -p "$dir"
  if [ "$(stat -c %u:%g "$dir")" != "$uid:$gid" ]; then
    echo "[entrypoint] $dir belongs to $(stat -c %u:%g "$dir"); handing it to $uid:$gid" >&2
    chown -R "$uid:$gid" "$dir"
  fi
done
# MLflow's password, from a file only root may read (compose: the mlflow-auth volume)
if [ -n "${MLFLOW_TRACKING_PASSWORD_FILE:-}" ] && [ -r "$MLFLOW_TRACKING_PASSWORD_FILE" ]; then
  MLFLOW_TRACKING_PASSWORD=$(cat "$MLFLOW_TRACKING_PASSWORD_FILE")
  export MLFLOW_TRACKING_PASSWORD
fi
export HOME="/tmp/home-$uid"
mkdir -p "$HOME" && chown "$uid:$gid" "$HOME"
exec setpriv --reuid="$uid" --regid="$gid" --clear-groups -- "$@"
