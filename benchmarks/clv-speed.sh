#!/usr/bin/env bash
# Issue 20 speed, ours (JMH ClvBenchmark) and NumPy/SciPy on the same 1M customers, in one run
# (BENCHMARKS.md section 16). About five minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${JAR:-benchmarks/target/benchmarks.jar}"
[[ -f "$jar" ]] || mvn -B -q package -pl benchmarks -am -DskipTests
csv="${TMPDIR:-/tmp}/clv-summary-1m.csv"
java -Xmx6g -cp "$jar" dev.segmentation.bench.ClvBenchmark "$csv"
java -jar "$jar" ClvBenchmark 2>&1 | grep -E '^Benchmark|^ClvBenchmark'
/usr/bin/python3 benchmarks/clv_peer.py "$csv"
