#!/usr/bin/env bash
# Runs the Spark benchmarks (JMH) on this machine: Spark in local mode against the local library
# and Spark MLlib's KMeans, in one run. Builds the module first if needed.
#   benchmarks-spark/run.sh                      # every benchmark, default parameters
#   benchmarks-spark/run.sh -p rows=100000        # any JMH option
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ ! -f "$here/target/classpath.txt" ]]; then
  (cd "$here/.." && mvn -B -q install -DskipTests -pl benchmarks-spark -am)
fi
exec java -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" org.openjdk.jmh.Main "$@"
