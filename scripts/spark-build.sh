#!/usr/bin/env bash
# Builds the Spark runner (spark/, its own Maven project: Spark is "provided" and pom-scijava's version management
# stays out of it). Puts the root jar into the local Maven repository, then runs the module's build up to the goal
# given (default verify: local[2] tests, the shaded target/tilesr-spark.jar, the standalone-cluster test).
# Usage: scripts/spark-build.sh [GOAL] [maven options]   (the root build's verify phase runs it; ./tilesr spark runs
# "package -DskipTests" when the jar is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
goal=${1:-verify}
[ $# -gt 0 ] && shift
jar=$(ls target/TileSR_-*.jar 2>/dev/null | grep -vE -- '-(sources|tests|javadoc)\.jar$' | head -n 1 || true)
if [ -z "$jar" ]; then
  echo "spark-build: target/TileSR_-*.jar is missing: build the root project first (mvn package)" >&2
  exit 2
fi
mvn -B -ntp -q install:install-file -Dfile="$jar" -DpomFile=pom.xml
exec mvn -B -ntp -f spark/pom.xml "$goal" "$@"
