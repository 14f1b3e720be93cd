#!/bin/sh
# Build stages only: write bundle.pem beside this script, the image's own CA
# bundle followed by every *.crt in this folder (a TLS-intercepting proxy's CA,
# say), and point npm, Node, pip and curl at it through the environment the
# Dockerfiles set. Runtime stages never copy this folder.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
out="$dir/bundle.pem"
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then cat /etc/ssl/certs/ca-certificates.crt >"$out"; else : >"$out"; fi
count=0
for cert in "$dir"/*.crt; do
  [ -f "$cert" ] || continue
  cat "$cert" >>"$out"
  count=$((count + 1))
done
echo "[extra-ca] $count extra certificate file(s) trusted for this build stage"
