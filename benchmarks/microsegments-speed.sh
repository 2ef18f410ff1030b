#!/usr/bin/env bash
# Issue 25, item 3: K-means with 500 to 2,000 segments on 100k x 16 overlapping blobs, ours
# (Lloyd, Exponion, Yinyang, Elkan), ELKI (Exponion, Elkan) and scikit-learn (Lloyd, Elkan), from
# the same start for the same number of iterations, in one run. ITERATIONS (default 30), N (100000)
# and KS ("500,1000,2000") may be set, and IMPLS (our and ELKI's, as PeerKMeansBenchmark names them)
# and SKLEARN ("lloyd,elkan"). ITERATIONS=1000 runs every fit to convergence (tolerance 0). About
# twenty-five minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${JAR:-benchmarks/target/benchmarks.jar}"
iterations="${ITERATIONS:-30}"
n="${N:-100000}"
ks="${KS:-500,1000,2000}"
impls="${IMPLS:-OURS_LLOYD,OURS_EXPONION,OURS_YINYANG,OURS_ELKAN,ELKI_EXPONION,ELKI_ELKAN}"
sklearn="${SKLEARN:-lloyd,elkan}"
[[ -f "$jar" ]] || mvn -B -q package -pl benchmarks -am -DskipTests
java -jar "$jar" PeerKMeansBenchmark -p n="$n" -p d=16 -p k="$ks" -p maxIterations="$iterations" \
  -p impl="$impls" -wi 0 -i 1 \
  2>&1 | grep -E '^Benchmark|^PeerKMeansBenchmark|^RESULT'
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for k in ${ks//,/ }; do
  java -Xmx4g -cp "$jar" dev.segmentation.bench.PeerKMeansBenchmark "$n" 16 "$k" "$tmp/rows.bin" "$tmp/start.bin"
  /usr/bin/python3 benchmarks/microsegments_peer.py "$tmp/rows.bin" "$tmp/start.bin" "$n" 16 "$k" "$iterations" "$sklearn"
done
