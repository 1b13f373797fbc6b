#!/usr/bin/env bash
# Copies TileSR into an ImageJ/Fiji installation: plugins/TileSR_.jar, the jars it needs that the installation does not
# already have (same artifact name), and models/ with the generic weights. Run ./tilesr setup first.
# usage: scripts/install-fiji.sh /path/to/Fiji.app
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:?usage: scripts/install-fiji.sh /path/to/Fiji.app}
src="$root/target/fiji"
[ -f "$src/plugins/TileSR_.jar" ] || { echo "install-fiji: $src is missing: run ./tilesr setup (or mvn package) first" >&2; exit 1; }
mkdir -p "$dest/plugins" "$dest/jars" "$dest/models"
cp "$src/plugins/TileSR_.jar" "$dest/plugins/"
for jar in "$src"/jars/*.jar; do
  name=$(basename "$jar" | sed -E 's/-[0-9][^-]*(-[a-z0-9_-]+)?\.jar$//')
  if ls "$dest/jars/$name"-[0-9]*.jar >/dev/null 2>&1; then continue; fi   # the installation has its own
  cp "$jar" "$dest/jars/"
done
cp -r "$root"/models/. "$dest/models/"
for card in "$dest"/models/*/card.json; do
  d=$(dirname "$card")
  if grep -q '"djl_params"' "$card" && [ ! -f "$d/weights.params" ]; then
    echo "install-fiji: $(basename "$d") has no weights yet: run ./tilesr import-weights" >&2
  fi
done
echo "install-fiji: installed into $dest (plugins/TileSR_.jar, $(ls "$dest/jars" | wc -l) jars, models/)"
