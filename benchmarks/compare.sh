#!/usr/bin/env bash
# Ours against the peers (Smile, ELKI, Commons Math, Tribuo), speed and quality, in one run.
#
#   benchmarks/compare.sh quick [sipu folder]   # under 10 minutes on 2 cores
#   benchmarks/compare.sh full  [sipu folder]   # about an hour on 2 cores
#
# Builds the benchmark jar if missing, runs the Peer*Benchmark JMH classes (every implementation
# of a table in the same run, on the same data), then the quality harness on the UEF sets when
# the folder exists (default ../shared/data/sipu). Writes everything to benchmarks/results/<mode>-<time>/:
# JMH logs (with the RESULT lines: iterations, objective, identical-to-ours), JSON, tables.md.
set -euo pipefail
mode="${1:-quick}"
sipu="${2:-../shared/data/sipu}"
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
if [[ ! -f "$jar" ]]; then
  mvn -B -q package -pl benchmarks -am -DskipTests
fi
out="benchmarks/results/${mode}-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
step=0

jmh() { # name, then JMH arguments
  local name="$1"
  shift
  step=$((step + 1))
  echo "== $step $name: java -jar $jar $*"
  java -jar "$jar" "$@" -rf json -rff "$out/$step-$name.json" 2>&1 | tee "$out/$step-$name.log" |
    grep --line-buffered -E '^RESULT|^Peer|^Hierarchical|^Benchmark|Exception' || true
}

same_start=OURS,OURS_LLOYD,ELKI_LLOYD,ELKI_HAMERLY,ELKI_ELKAN,ELKI_EXPONION
self_seeded=OURS_PP,SMILE_LLOYD,COMMONS_MATH,TRIBUO
case "$mode" in
  quick)
    jmh kmeans-same-start PeerKMeansBenchmark -p n=100000 -p k=8,64 -p impl=$same_start -wi 1 -i 2
    jmh kmeans-same-start-1m PeerKMeansBenchmark -p n=1000000 -p k=8 -p impl=$same_start -wi 1 -i 2
    jmh kmeans-self-seeded PeerKMeansBenchmark -p n=100000 -p k=8 -p impl=$self_seeded -wi 1 -i 2
    jmh dbscan PeerDbscanBenchmark -p impl=OURS,ELKI,ELKI_WITH_INDEX,SMILE -wi 1 -i 1
    jmh hierarchical PeerHierarchicalBenchmark -p n=10000 -wi 0 -i 1
    jmh som-ours PeerSomBenchmark -p side=10 -p impl=OURS_BATCH,OURS_ONLINE -p epochs=1,11 -wi 1 -i 2
    jmh som-peers PeerSomBenchmark -p side=10 -p impl=SMILE,COMMONS_MATH -p epochs=1,3 -wi 0 -i 1
    ;;
  full)
    jmh kmeans-same-start PeerKMeansBenchmark -p impl=$same_start -wi 1 -i 2
    jmh kmeans-self-seeded PeerKMeansBenchmark -p n=100000 -p impl=$self_seeded -wi 0 -i 2
    jmh kmeans-self-seeded-1m PeerKMeansBenchmark -p n=1000000 -p k=8 -p impl=$self_seeded -wi 0 -i 2
    # 20 iterations exactly (no fit converges that early here): the cost of an iteration for
    # every library, the self-seeded ones included, at the sizes where fits to convergence of the
    # slow peers would take hours.
    jmh kmeans-20-iterations PeerKMeansBenchmark -p n=1000000 -p k=64 -p maxIterations=20 -wi 1 -i 1
    jmh dbscan PeerDbscanBenchmark -p impl=OURS,ELKI,ELKI_WITH_INDEX,SMILE -wi 1 -i 3
    jmh dbscan-commons-math PeerDbscanBenchmark -p impl=OURS,COMMONS_MATH -wi 0 -i 1
    jmh hierarchical PeerHierarchicalBenchmark -wi 1 -i 2
    jmh hierarchical-100k PeerHierarchicalBenchmark -p n=100000 -p method=OURS_WARD,ELKI_ANDERBERG_WARD,SMILE_WARD -wi 0 -i 1
    # Ours over 10 more epochs, the online peers over 2 more: one epoch is the difference.
    jmh som-ours PeerSomBenchmark -p impl=OURS_BATCH,OURS_ONLINE -p epochs=1,11 -wi 1 -i 3
    jmh som-peers PeerSomBenchmark -p impl=SMILE,COMMONS_MATH -p epochs=1,3 -wi 1 -i 2
    ;;
  *)
    echo "usage: benchmarks/compare.sh quick|full [sipu folder]" >&2
    exit 2
    ;;
esac

java -cp "$jar" dev.segmentation.bench.PeerTables "$out"/*.json | tee "$out/tables.md"
if [[ -d "$sipu" ]]; then
  echo "== quality: java -cp $jar dev.segmentation.bench.QualityHarness $sipu"
  if [[ "$mode" == full ]]; then
    java -Xmx8g -cp "$jar" dev.segmentation.bench.QualityHarness "$sipu" 1000 | tee "$out/quality.txt"
    java -Xmx8g -cp "$jar" dev.segmentation.bench.QualityHarness "$sipu" 5000 ours | tee "$out/quality-swap5000.txt"
  else
    java -Xmx8g -cp "$jar" dev.segmentation.bench.QualityHarness "$sipu" 1000 small | tee "$out/quality.txt"
  fi
else
  echo "no $sipu: quality harness skipped (pass the folder of the UEF sets as second argument)"
fi
echo "results in $out"
