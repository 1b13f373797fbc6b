#!/usr/bin/env bash
# Installs the Fiji-ready folder into an empty ImageJ layout (ij.jar alone) and runs a real IJ1 macro against it,
# headless through ij1-patcher (what Fiji's --headless uses): TileSR and everything it needs must come from the
# layout. Needs mvn verify (or test-compile + package) first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
layout=$(mktemp -d)
trap 'rm -rf "$layout"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$layout/cp.txt" >/dev/null
ij=$(tr ':' '\n' < "$layout/cp.txt" | grep '/ij-1[^/]*\.jar$' | head -n 1)
cp "$ij" "$layout/ij.jar"
bash scripts/install-fiji.sh "$layout" >/dev/null
# The runner itself: ImageJ from the layout, the patcher and its javassist, the runner class. Nothing of TileSR.
runner="$layout/ij.jar:$(tr ':' '\n' < "$layout/cp.txt" | grep -E '/(ij1-patcher|javassist)-[^/]*\.jar$' | paste -sd:):target/test-classes"
in=sample-data/mr-brain-pd/brain_010.dcm
out="$layout/out/brain_010_x2.tif"
mkdir -p "$layout/out"
java -Djava.awt.headless=true --add-opens=java.base/java.lang=ALL-UNNAMED -Dtilesr.home="$layout" -Dai.djl.offline=true \
  -DDJL_CACHE_DIR="$root/.cache/djl" -DENGINE_CACHE_DIR="$root/.cache/djl" -Djava.util.prefs.userRoot="$layout/prefs" \
  -cp "$runner" org.tilesr.fiji.MacroRunner \
  "run(\"TileSR Enhance File\", \"input=[$root/$in] output=[$out] model=nearest-x2 device=cpu\");" \
  "$layout/plugins" "$layout/jars" 2>&1 | grep -v '^\[W' || true
if [ -s "$out" ]; then
  echo "fiji layout: 1 passed, 0 failed (macro wrote $(basename "$out"), $(stat -c %s "$out") bytes, from an ImageJ layout holding only ij.jar + the Fiji-ready folder)"
else
  echo "fiji layout: 0 passed, 1 failed (no output from the macro)"; exit 1
fi
