#!/usr/bin/env bash
# Remakes docs/img/: the IJ1 dialog (a real window under Xvfb) and a before/after crop of the bundled MR slice
# (bicubic x4 | TileSR esrgan-thick-x4). Needs ./tilesr setup, mvn test-compile and Debian's xvfb.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./tilesr enhance sample-data/mr-brain-pd/brain_010.dcm "$work/x4.tif" --model esrgan-thick-x4 >/dev/null 2>&1
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
timeout 120 xvfb-run -a -s "-screen 0 1280x1024x24" java \
  -cp "target/classes:target/test-classes:$(cat "$work/cp.txt")" org.tilesr.fiji.Screenshots docs/img \
  sample-data/mr-brain-pd/brain_010.dcm "$work/x4.tif"
ls -l docs/img
