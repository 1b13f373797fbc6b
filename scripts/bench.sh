#!/usr/bin/env bash
# TileSR benchmarks (print numbers, assert nothing). Needs ./tilesr setup first. Usage:
#   scripts/bench.sh efficiency   # engine wall time vs plain forward calls over the same tiles (RRDN x4, real CT or MR)
#   scripts/bench.sh memory [N]   # peak RSS: 1024^2 vs N^2 (default 16384) uint16 input, nearest-x2 model, streamed TIFFs
#   scripts/bench.sh model        # ms per 128^2 tile, TileSR vs plain forward loop (and vs the same network as
#                                 # TorchScript when Debian's python3-torch is installed)
#   scripts/bench.sh layout       # engine vs one whole-image forward on real CT, MR and satellite inputs
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=${TILESR_BENCH_DIR:-/tmp/tilesr-bench}
mkdir -p "$work"
real=../shared/data/medical/ct-wg04-ct1/ct1_512.dcm
[ -f "$real" ] || real=sample-data/mr-brain-pd/brain_010.dcm
what=${1:-all}
if [ "$what" = efficiency ] || [ "$what" = all ]; then
  ./tilesr bench pipeline "$real" --model esrgan-thick-x4 2>/dev/null
fi
if [ "$what" = layout ] || [ "$what" = all ]; then
  inputs=(sample-data/mr-brain-pd/brain_010.dcm)
  [ -f ../shared/data/medical/ct-wg04-ct1/ct1_512.dcm ] && inputs+=(../shared/data/medical/ct-wg04-ct1/ct1_512.dcm)
  s2=../shared/data/satellite/sentinel2-l1c-18SVG
  if command -v gdal_translate >/dev/null && [ -d "$s2" ]; then # one band, 250x189: the size of the issue's Landsat input
    gdal_translate -q -b 1 -srcwin 1000 1000 250 189 "$(ls "$s2"/*.tif | head -n 1)" "$work/s2-250x189.tif"
    inputs+=("$work/s2-250x189.tif")
  else
    inputs+=(sample-data/landsat7-etm-6band/L7_ETMs.tif)
  fi
  for f in "${inputs[@]}"; do ./tilesr bench pipeline "$f" --model esrgan-thick-x4 2>/dev/null; done
fi
if [ "$what" = model ] || [ "$what" = all ]; then
  ts=()
  if /usr/bin/python3 -c "import torch" 2>/dev/null; then
    /usr/bin/python3 scripts/export-rrdn-torchscript.py .cache/npm/upscalerjs-esrgan-thick-1.0.0/package/models/x4 "$work/rrdn-x4.pt" >/dev/null
    ts=(--torchscript "$work/rrdn-x4.pt")
  fi
  ./tilesr bench --model esrgan-thick-x4 --tile 128 --runs 5 "${ts[@]}" 2>/dev/null
fi
if [ "$what" = memory ] || [ "$what" = all ]; then
  big=${2:-16384}
  for n in 1024 "$big"; do
    [ -f "$work/in-$n.tif" ] || ./tilesr bench raster "$work/in-$n.tif" --size "$n" --from "$real" 2>/dev/null
  done
  # The same fixed, pre-touched heap for both runs: the big run must fit in it, and RSS then shows native growth.
  for n in 1024 "$big"; do
    rm -f "$work/out-$n.tif"
    TILESR_JAVA_OPTS="-Xms256m -Xmx256m -XX:+AlwaysPreTouch" ./tilesr enhance "$work/in-$n.tif" "$work/out-$n.tif" \
      --model nearest-x2 2>&1 >/dev/null | grep -E "tiles .* in |peak RSS|wrote" | sed "s/^/  $n: /"
  done
fi
