#!/usr/bin/env bash
# TileSR benchmarks (print numbers, assert nothing). Needs ./tilesr setup first. Usage:
#   scripts/bench.sh efficiency   # engine wall time vs plain forward calls over the same tiles (RRDN x4, real CT or MR)
#   scripts/bench.sh memory [N]   # peak RSS: 1024^2 vs N^2 (default 16384) uint16 input, nearest-x2 model, streamed TIFFs
#   scripts/bench.sh model        # ms per 128^2 tile, TileSR vs plain forward loop (and vs the same network as
#                                 # TorchScript when Debian's python3-torch is installed)
#   scripts/bench.sh layout       # engine vs one whole-image forward on real CT, MR and satellite inputs
#   scripts/bench.sh spark [N [R]]  # N files (default 20 real MR slices): tilesr batch vs ./tilesr spark with 1 executor
#                                 # (local[nproc]; R alternating rounds, default 2), and spark-submit to 2 executors of
#                                 # 1 core (a standalone master and worker on this machine)
#   scripts/bench.sh gpu          # output megapixels/s per precision (fp32, fp16) and tile size on the GPU
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
if [ "$what" = spark ]; then
  n=${2:-20}
  src=../shared/data/medical/mr-brain-pd
  in="$work/spark-in"; rm -rf "$in"; mkdir -p "$in"
  files=("$src"/brain_0*.dcm)
  [ -d "$src" ] || files=(sample-data/mr-brain-pd/brain_010.dcm)
  for i in $(seq 0 $((n - 1))); do cp "${files[$((i % ${#files[@]}))]}" "$in/slice_$(printf %03d "$i").dcm"; done
  opts=(--model esrgan-thick-x2 --device cpu)
  [ -f spark/target/tilesr-spark.jar ] || bash scripts/spark-build.sh package -q -DskipTests
  t() { local s; s=$(date +%s.%N); "$@" >/dev/null 2>"$work/spark-bench.log" || { cat "$work/spark-bench.log" >&2; exit 1; }
    echo "$(date +%s.%N) - $s" | bc; }
  # batch and spark alternate (R rounds, default 2), so a drift in the machine's speed falls on both alike
  rounds=${3:-2}; b=0; s1=0; pairs=""
  for r in $(seq 1 "$rounds"); do
    rm -rf "$work/out-batch" "$work/out-1"
    bi=$(t ./tilesr batch "$in" "$work/out-batch" "${opts[@]}")
    si=$(t ./tilesr spark "$in" "$work/out-1" --master "local[$(nproc)]" "${opts[@]}")
    pairs="$pairs $(printf '%.3f' "$(echo "$si / $bi" | bc -l)")"
    b=$(echo "$b + $bi / $rounds" | bc -l); s1=$(echo "$s1 + $si / $rounds" | bc -l)
  done
  rm -rf "$work/out-2"
  # 2 executors of 1 core each: a standalone master and worker started from Spark's Maven jars
  cp=$(cat spark/target/spark.classpath); home="$work/spark-home"; rm -rf "$home"; mkdir -p "$home/jars"
  for j in ${cp//:/ }; do ln -s "$j" "$home/jars/"; done
  opens=(@"$root/spark/jdk17-opens.args")
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.12
  java -Xmx512m "${opens[@]}" -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7188 --webui-port 0 >"$work/master.log" 2>&1 &
  mpid=$!
  sleep 6
  java -Xmx512m "${opens[@]}" -cp "$cp" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7188 --host 127.0.0.1 --cores 2 \
    --memory 4g --webui-port 0 --work-dir "$work/spark-work" >"$work/worker.log" 2>&1 &
  wpid=$!
  sleep 6
  s2=$(t java -Xmx1g "${opens[@]}" -cp "$cp" org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:7188 \
    --class org.tilesr.spark.SparkBatch --executor-cores 1 --executor-memory 1g --total-executor-cores 2 \
    --conf "spark.executor.extraJavaOptions=-DDJL_CACHE_DIR=$root/.cache/djl" spark/target/tilesr-spark.jar "$in" "$work/out-2" \
    --models "$root/models" "${opts[@]}")
  kill "$wpid" "$mpid" 2>/dev/null || true
  for d in out-1 out-2; do
    ok=$(grep -c ',ok,' "$work/$d/tilesr-report.csv" || true)
    [ "$ok" = "$n" ] || { echo "spark bench: $d has $ok of $n outputs" >&2; exit 1; }
  done
  printf 'spark bench: %d files (%s, 256x256 MR slices, esrgan-thick-x2, CPU, %d cores)\n' "$n" "$src" "$(nproc)"
  printf '  (batch and spark local alternated %d times; means below; spark/batch per round:%s)\n' "$rounds" "$pairs"
  printf '  tilesr batch                      %7.1f s  %.2f files/s\n' "$b" "$(echo "$n / $b" | bc -l)"
  printf '  spark, 1 executor (local[%d])      %7.1f s  %.2f files/s  %.3f x batch\n' "$(nproc)" "$s1" "$(echo "$n / $s1" | bc -l)" "$(echo "$s1 / $b" | bc -l)"
  printf '  spark, 2 executors x 1 core       %7.1f s  %.2f files/s  %.3f x batch\n' "$s2" "$(echo "$n / $s2" | bc -l)" "$(echo "$s2 / $b" | bc -l)"
fi
if [ "$what" = gpu ]; then
  # needs a CUDA build: mvn -Pcuda package (libtorch for CUDA 12.4) and a visible GPU
  for p in fp32 fp16; do
    for t in 128 256 512; do
      ./tilesr bench --model esrgan-thick-x4 --device gpu --tile "$t" --runs 5 --precision "$p" 2>/dev/null
    done
  done
fi
