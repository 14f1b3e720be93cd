#!/usr/bin/env bash
# What the compose test needs from Debian's packages, installed when missing
# (as root): the Docker engine (docker.io), docker-compose 1.29 (the command the
# original demo uses) and debootstrap (for docker/bases/build.sh).
set -euo pipefail
missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v debootstrap >/dev/null || missing+=(debootstrap)
bash "$(dirname "$0")/apt-install-missing.sh" ensure-docker "${missing[@]}"
