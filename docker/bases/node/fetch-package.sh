#!/bin/sh
# fetch-package NAME VERSION INTEGRITY DIR: download an npm registry tarball,
# check it against its published sha512 integrity, unpack its package/ to DIR.
set -eu
name=$1 version=$2 integrity=$3 dir=$4
tgz=/tmp/$name-$version.tgz
curl -fsSL --retry 3 -o "$tgz" "https://registry.npmjs.org/$name/-/$name-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | openssl base64 -A)"
if [ "$actual" != "$integrity" ]; then
  echo "fetch-package: $name@$version does not match its integrity ($actual)" >&2
  exit 1
fi
mkdir -p "$dir"
tar -xzf "$tgz" -C "$dir" --strip-components=1
rm "$tgz"
