#!/usr/bin/env bash
# Builds GDAL's Java JNI library (libgdalalljni.so) against Debian's libgdal, into .cache/gdal-jni/.
# Maven Central has only GDAL's Java classes (org.gdal:gdal:3.6.0); the natives come from Debian's GDAL
# source: SWIG-generate the JNI wrappers for gdalconst, gdal, ogr, osr and gnm, compile, link with -lgdal.
# Needs root (or sudo) for apt. Idempotent: does nothing when the library is already built.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.cache/gdal-jni"
[ -f "$out/libgdalalljni.so" ] && { echo "build-gdal-jni: $out/libgdalalljni.so is there"; exit 0; }

SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
src_list=/etc/apt/sources.list.d/tilesr-deb-src.sources
if ! grep -rqs "^Types:.*deb-src" /etc/apt/sources.list.d/ && ! grep -qs "^deb-src" /etc/apt/sources.list; then
  # Same mirror and suites as the binary packages, as source packages.
  $SUDO sh -c "sed -n '1,/^\$/p' /etc/apt/sources.list.d/debian.sources | sed 's/^Types: deb\$/Types: deb-src/' > $src_list"
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends --no-upgrade swig libgdal-dev gdal-bin g++ xz-utils dpkg-dev >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
version=$(dpkg-query -W -f='${source:Version}' libgdal-dev)
apt-get source -qq --download-only "gdal=$version" > /dev/null 2> >(grep -v "unsandboxed" >&2)
upstream=${version#*:}; upstream=${upstream%%+*}; upstream=${upstream%%-*}
tar -xf gdal_*.orig.tar.* "gdal-$upstream/swig" "gdal-$upstream/ogr/ogr_srs_api.h"
sw="$work/gdal-$upstream/swig"
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
mkdir -p gen obj
for t in gdalconst gdal ogr osr gnm; do
  mkdir -p "gen/$t"
  if [ "$t" = gdalconst ]; then cxx=""; ext=c; else cxx="-c++"; ext=cpp; fi
  swig -I"$sw/include" -I"$sw/include/java" -I/usr/include/gdal $cxx -java -package "org.gdal.$t" \
    -outdir "gen/$t" -o "gen/${t}_wrap.$ext" "$sw/include/$t.i" 2>swig.log || { cat swig.log >&2; exit 1; }
done
flags="-O2 -w -fPIC -I/usr/include/gdal -I$work/gdal-$upstream/ogr -I$java_home/include -I$java_home/include/linux"
gcc $flags -c gen/gdalconst_wrap.c -o obj/gdalconst_wrap.o
for t in gdal ogr osr gnm; do g++ $flags -c "gen/${t}_wrap.cpp" -o "obj/${t}_wrap.o" & done
wait
mkdir -p "$out"
g++ -shared -Wl,--no-undefined -o "$out/libgdalalljni.so.tmp" obj/*.o -lgdal
mv "$out/libgdalalljni.so.tmp" "$out/libgdalalljni.so"
echo "build-gdal-jni: built $out/libgdalalljni.so against libgdal $version"
