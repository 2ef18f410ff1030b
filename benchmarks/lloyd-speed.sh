#!/usr/bin/env bash
# Issue 25, item 2: Lloyd per iteration, ours (JMH LloydIterationBenchmark) and scikit-learn's,
# 1M x 8, k = 8 and 64, one and two threads, in one run. About four minutes. Ours prints the
# median, the mean and the best fit's mean iteration; scikit-learn's is its best fits' (t11 - t1) / 10.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${JAR:-benchmarks/target/benchmarks.jar}"
[[ -f "$jar" ]] || mvn -B -q package -pl benchmarks -am -DskipTests
java -jar "$jar" LloydIterationBenchmark 2>&1 | grep -E '^Benchmark|^LloydIterationBenchmark|^RESULT'
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for k in 8 64; do
  java -Xmx4g -cp "$jar" dev.segmentation.bench.LloydIterationBenchmark 1000000 "$k" "$tmp/rows.bin" "$tmp/start.bin"
  for t in 1 2; do
    /usr/bin/python3 benchmarks/lloyd_peer.py "$tmp/rows.bin" "$tmp/start.bin" 1000000 "$k" "$t"
  done
done
