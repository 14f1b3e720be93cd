#!/usr/bin/env bash
# Build stand-ins for the official base images this project's compose file and
# Dockerfiles name, for machines that cannot pull from Docker Hub or ghcr.io
# (air-gapped, registry-less, behind a firewall). They are made from Debian's
# packages (debootstrap), the npm registry and PyPI, and tagged with the
# official names, so `docker-compose build` and `up` find them without pulling.
# Each carries the label org.ring-count.stand-in; `docker rmi` a tag to go back
# to the official image.
#
#   docker/bases/build.sh            build the stand-ins that are missing
#   docker/bases/build.sh --force    rebuild all of them
#
# Needs: root (debootstrap), debootstrap, a Docker engine, and a Debian mirror
# (DEBIAN_MIRROR, default http://deb.debian.org/debian). Behind a TLS proxy,
# put its CA in docker/ca/ first (docker/ca/README.md).
set -euo pipefail
docker_dir=$(cd "$(dirname "$0")/.." && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
rootfs_image=ring-count/bookworm-rootfs:latest
force=${1:-}
log() { printf '[bases] %s\n' "$*" >&2; }

have_image() { [ "$force" != --force ] && docker image inspect "$1" >/dev/null 2>&1; }

build_rootfs() {
  have_image "$rootfs_image" && return 0
  command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
  local dir
  dir=$(mktemp -d /tmp/ring-rootfs.XXXXXX)
  trap 'rm -rf "$dir"' RETURN
  log "debootstrap bookworm (minbase) from $mirror..."
  debootstrap --variant=minbase --include=ca-certificates bookworm "$dir" "$mirror" >"$dir.log" 2>&1 ||
    { log "debootstrap failed; see $dir.log"; exit 1; }
  rm -f "$dir.log"
  cat >"$dir/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
SOURCES
  rm -rf "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/archives/*.deb
  log "importing the root file system as $rootfs_image..."
  tar -C "$dir" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["bash"]' - "$rootfs_image" >/dev/null
}

# build_stand_in TAG DOCKERFILE [TARGET]
build_stand_in() {
  local tag=$1 file=$2 target=${3:-}
  have_image "$tag" && { log "$tag is present; kept (--force rebuilds)"; return 0; }
  log "building $tag..."
  local started=$SECONDS
  docker build --quiet -f "$docker_dir/$file" ${target:+--target "$target"} -t "$tag" "$docker_dir" >/dev/null
  log "built $tag in $((SECONDS - started)) s"
}

build_rootfs
build_stand_in debian:12-slim bases/debian/Dockerfile
build_stand_in node:20.20-bookworm-slim bases/node/Dockerfile slim
build_stand_in node:20.20-bookworm bases/node/Dockerfile full
build_stand_in postgres:15-bookworm bases/postgres/Dockerfile
build_stand_in ghcr.io/mlflow/mlflow:v3.17.2 bases/mlflow/Dockerfile
log "stand-in bases ready:"
docker image ls --filter label=org.ring-count.stand-in --format '  {{.Repository}}:{{.Tag}}  {{.Size}}' >&2
