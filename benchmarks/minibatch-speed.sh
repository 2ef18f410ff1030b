#!/usr/bin/env bash
# Issue 24: mini-batch K-means beside the full fit, ours (JMH MiniBatchBenchmark) and
# scikit-learn's MiniBatchKMeans and KMeans on the same rows, in one run. About ten minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${JAR:-benchmarks/target/benchmarks.jar}"
[[ -f "$jar" ]] || mvn -B -q package -pl benchmarks -am -DskipTests
java -jar "$jar" MiniBatchBenchmark 2>&1 | grep -E '^Benchmark|^MiniBatchBenchmark|^RESULT'
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for n in 1000000 10000000; do
  java -Xmx4g -cp "$jar" dev.segmentation.bench.MiniBatchBenchmark "$n" "$tmp/rows.bin"
  /usr/bin/python3 benchmarks/minibatch_peer.py "$tmp/rows.bin" "$n"
done
