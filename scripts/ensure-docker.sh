#!/usr/bin/env bash
# What the compose test needs from Debian's packages, installed when missing
# (as root): the Docker engine (docker.io), docker-compose 1.29 (the command the
# original demo uses) and debootstrap (for docker/bases/build.sh).
set -euo pipefail
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v debootstrap >/dev/null || missing+=(debootstrap)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "[ensure-docker] missing: ${missing[*]}; install them (Debian: apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "[ensure-docker] installing ${missing[*]} from Debian (once per machine)..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
