#!/usr/bin/env bash
# Heap per transaction line and time to read a 7M-line log: ours at several heap limits, and
# pandas reading the same file in the same run (issue 19, item 9; BENCHMARKS.md section 15).
#
#   benchmarks/read-memory.sh [lines]      # default 7000000; the file is about 420 MB
set -euo pipefail
lines="${1:-7000000}"
cd "$(dirname "$0")/.."
jar="${JAR:-benchmarks/target/benchmarks.jar}"
[[ -f "$jar" ]] || mvn -B -q package -pl benchmarks -am -DskipTests
file="${TMPDIR:-/tmp}/transactions-$lines.csv"
[[ -f "$file" ]] || java -cp "$jar" dev.segmentation.bench.TransactionReadHarness generate "$file" "$lines"
ls -l "$file"
for heap in 4g 1g 900m 800m 700m; do
  echo "== ours -Xmx$heap"
  java -Xmx$heap -cp "$jar" dev.segmentation.bench.TransactionReadHarness read "$file" 2>&1 |
    grep -E 'RESULT|OutOfMemoryError|holds about' | head -2 || true
done
echo "== pandas"
/usr/bin/python3 - "$file" <<'PY'
import resource, sys, time
import pandas as pd
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype={"customer_id": "string", "order_id": "string"},
                 parse_dates=["date"])
secs = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - base
n = len(df)
deep = df.memory_usage(deep=True).sum()
cat = df.astype({"customer_id": "category", "order_id": "category", "category": "category"})
print(f"RESULT pandas {pd.__version__} lines={n} seconds={secs:.2f} "
      f"frame_bytes_per_line={deep / n:.1f} peak_rss_bytes_per_line={peak / n:.1f} "
      f"categorical_frame_bytes_per_line={cat.memory_usage(deep=True).sum() / n:.1f}")
PY
