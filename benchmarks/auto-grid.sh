#!/usr/bin/env bash
# Issue 25: the table AUTO's rules come from (KMeans.resolve). For each dimension, k and variant,
# one JVM fits the same overlapping blobs (DistanceCounts' data, spread 20) three times from the
# same start to convergence (tolerance 0) and prints the first fit (cold: JIT included) and the
# third (warm), in ms, then the iterations. N (default 100000), DS ("4 8 16 32"), KS ("8 16 32 64
# 256") and VS ("LLOYD HAMERLY YINYANG") may be set. About twelve minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${JAR:-benchmarks/target/benchmarks.jar}"
[[ -f "$jar" ]] || mvn -B -q package -pl benchmarks -am -DskipTests
n="${N:-100000}"
for d in ${DS:-4 8 16 32}; do
  for k in ${KS:-8 16 32 64 256}; do
    line="n=$n d=$d k=$k"
    iterations=""
    for v in ${VS:-LLOYD HAMERLY YINYANG}; do
      out="$(java -Xmx8g -cp "$jar" dev.segmentation.bench.DistanceCounts "$n" "$k" 20 "$d" "$v,$v,$v" 1000 0 | grep "^$v ")"
      cold="$(echo "$out" | head -1 | awk '{print $5}')"
      warm="$(echo "$out" | tail -1 | awk '{print $5}')"
      iterations="$(echo "$out" | tail -1 | awk '{print $2}')"
      line="$line | $v $cold / $warm"
    done
    echo "$line | $iterations iterations"
  done
done
