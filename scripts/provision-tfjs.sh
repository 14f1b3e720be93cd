#!/usr/bin/env bash
# Provision the native TensorFlow library and addon for @tensorflow/tfjs-node.
#
# tfjs-node's own installer downloads libtensorflow 2.9.1 and a prebuilt addon
# from Google's storage. Where that is unreachable (air-gapped machines, CI
# behind a firewall), we take libtensorflow from the TensorFlow CPU wheel that
# pip can obtain from PyPI or a local mirror, and build the addon from source
# with node-gyp. The result is cached outside the clone, keyed by versions, so
# the next clone on the same machine provisions in seconds.
#
# Modes (RING_TFJS_PROVISION): auto (default: official installer, then the
# offline path), online (official installer only), offline (wheel only).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
pkg="$root/node_modules/@tensorflow/tfjs-node"
tf_wheel_version="${RING_TF_WHEEL_VERSION:-2.21.0}"
mode="${RING_TFJS_PROVISION:-auto}"
cache="${RING_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ring-mlops}"

log() { printf '[provision-tfjs] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ -d "$pkg" ] || die "$pkg is missing: run 'npm ci' (or 'npm run setup') first."
tfjs_version=$(node -p "require('$pkg/package.json').version")
arch=$(uname -m)
key="tfjs-node-${tfjs_version}_tf-${tf_wheel_version}_napi-8_linux-${arch}"
store="$cache/tfjs-native/$key"

native_works() {
  (cd "$root" && node -e "
    const tf = require('@tensorflow/tfjs-node');
    if (tf.getBackend() !== 'tensorflow') process.exit(3);
    tf.tidy(() => tf.conv2d(tf.ones([1, 4, 4, 1]), tf.ones([2, 2, 1, 1]), 1, 'same').dataSync());
  ") >/dev/null 2>&1
}

install_from_store() {
  rm -rf "$pkg/deps" "$pkg/lib"
  ln -s "$store/deps" "$pkg/deps"
  mkdir -p "$pkg/lib/napi-v8"
  cp "$store/lib/napi-v8/tfjs_binding.node" "$pkg/lib/napi-v8/"
}

try_official_installer() {
  log "trying tfjs-node's official installer (downloads from Google's storage)..."
  (cd "$pkg" && timeout "${RING_TFJS_ONLINE_TIMEOUT:-300}" node scripts/install.js) >&2 2>&1 && native_works
}

extract_from_wheel() {
  local wheel_dir="$cache/wheels" work="$1"
  mkdir -p "$wheel_dir"
  local wheel
  wheel=$(ls "$wheel_dir"/tensorflow_cpu-"$tf_wheel_version"-*.whl 2>/dev/null | head -n 1 || true)
  if [ -z "$wheel" ]; then
    log "downloading tensorflow-cpu==$tf_wheel_version with pip (about 270 MB, once per machine)..."
    python3 -m pip download --quiet --no-deps --only-binary=:all: \
      -d "$wheel_dir" "tensorflow-cpu==$tf_wheel_version" >&2 \
      || die "pip could not download tensorflow-cpu==$tf_wheel_version; set a pip index or mirror that has it."
    wheel=$(ls "$wheel_dir"/tensorflow_cpu-"$tf_wheel_version"-*.whl | head -n 1)
  fi
  log "extracting libtensorflow and the C API headers from $(basename "$wheel")..."
  python3 - "$wheel" "$work" <<'PY'
import sys, zipfile, os
wheel, out = sys.argv[1], sys.argv[2]
header_dirs = ("tensorflow/include/tensorflow/c/", "tensorflow/include/xla/tsl/c/",
               "tensorflow/include/tensorflow/core/platform/", "tensorflow/include/tsl/platform/")
libs = ("tensorflow/libtensorflow_cc.so.2", "tensorflow/libtensorflow_framework.so.2")
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if name in libs:
            target = os.path.join(out, "lib", os.path.basename(name))
        elif name.startswith(header_dirs) and not name.endswith("/"):
            target = os.path.join(out, "include", name[len("tensorflow/include/"):])
        else:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
PY
  # The wheel's libraries carry a full symbol table (about 200 MB of 850) that
  # dynamic linking never reads; images and caches are smaller without it.
  if command -v strip >/dev/null; then
    strip --strip-unneeded "$work/lib/libtensorflow_cc.so.2" "$work/lib/libtensorflow_framework.so.2"
  fi
  # The addon links -ltensorflow -ltensorflow_framework; lay the libraries out
  # under the names tfjs-node's deps/ uses, and keep the soname it records.
  (cd "$work/lib" &&
    mv libtensorflow_framework.so.2 libtensorflow_framework.so.2.9.1 &&
    ln -sf libtensorflow_framework.so.2.9.1 libtensorflow_framework.so.2 &&
    ln -sf libtensorflow_framework.so.2 libtensorflow_framework.so &&
    ln -sf libtensorflow_cc.so.2 libtensorflow.so.2.9.1 &&
    ln -sf libtensorflow.so.2.9.1 libtensorflow.so.2 &&
    ln -sf libtensorflow.so.2 libtensorflow.so)
}

build_offline() {
  local work="$store.tmp.$$"
  rm -rf "$work" && mkdir -p "$work/deps"
  extract_from_wheel "$work/deps"
  rm -rf "$pkg/deps" "$pkg/lib" "$pkg/build"
  ln -s "$work/deps" "$pkg/deps"
  # Node's C headers without a download: beside the node binary (official
  # tarballs and images), else Debian's (nodejs, libnode-dev); the addon uses
  # N-API only, so any headers with N-API 8 build an addon every Node 20 loads.
  local nodedir_flag=() prefix
  prefix=$(dirname "$(dirname "$(command -v node)")")
  if [ -f "$prefix/include/node/node_api.h" ]; then nodedir_flag=(--nodedir="$prefix")
  elif [ -f /usr/include/node/node_api.h ]; then nodedir_flag=(--nodedir=/usr)
  fi
  log "building the tfjs_binding addon with node-gyp (about a minute)..."
  (cd "$pkg" && "$root/node_modules/.bin/node-gyp" rebuild "${nodedir_flag[@]}" \
    --module_name=tfjs_binding --module_path=lib/napi-v8 --napi_build_version=8) >"$work/node-gyp.log" 2>&1 \
    || die "node-gyp could not build the addon (log: $work/node-gyp.log): is a C++ compiler (g++, make, python3) installed?"
  mkdir -p "$work/lib/napi-v8"
  cp "$pkg/build/Release/tfjs_binding.node" "$work/lib/napi-v8/"
  rm -rf "$pkg/build"
  mkdir -p "$(dirname "$store")" && rm -rf "$store" && mv "$work" "$store"
  install_from_store
}

if native_works; then
  log "native TensorFlow already works ($key)."
  exit 0
fi
if [ -f "$store/lib/napi-v8/tfjs_binding.node" ]; then
  log "using the cached native build in $store"
  install_from_store
  native_works && exit 0
  log "the cached build does not load; rebuilding."
fi
if [ "$mode" != offline ] && try_official_installer; then
  log "native TensorFlow installed by tfjs-node's installer."
  exit 0
fi
[ "$mode" = online ] && die "the official installer failed and RING_TFJS_PROVISION=online forbids the offline path."
log "falling back to the offline path (TensorFlow CPU wheel + node-gyp)."
build_offline
native_works || die "the addon was built but does not load; run 'npm run doctor' for details."
log "native TensorFlow ready (cached in $store)."
