#!/usr/bin/env bash
# Issue 21: training and scoring a propensity on 1M x 20, ours (JMH PropensityBenchmark) and
# scikit-learn on the same matrix, in one run (BENCHMARKS.md section 17). About three minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${JAR:-benchmarks/target/benchmarks.jar}"
[[ -f "$jar" ]] || mvn -B -q package -pl benchmarks -am -DskipTests
java -jar "$jar" PropensityBenchmark 2>&1 | grep -E '^Benchmark|^PropensityBenchmark'
/usr/bin/python3 benchmarks/propensity_peer.py
