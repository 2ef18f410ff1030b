"""scikit-learn's Lloyd per iteration on the rows LloydIterationBenchmark.main writes: the peer of
LloydIterationBenchmark (issue 25, item 2). KMeans(algorithm="lloyd", tol=0) from the same start,
1 and 11 iterations, best of five; one iteration costs (t11 - t1) / 10.

usage: /usr/bin/python3 benchmarks/lloyd_peer.py rows.bin start.bin n k threads
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

rows, start, n, k, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
x = np.fromfile(rows, dtype="<f8").reshape(n, 8)
c = np.fromfile(start, dtype="<f8").reshape(k, 8)


def fit(iterations):
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        km = KMeans(n_clusters=k, init=c, n_init=1, max_iter=iterations, tol=0, algorithm="lloyd").fit(x)
        best = min(best, time.perf_counter() - t0)
    return best, km


with threadpool_limits(limits=threads):
    t1, _ = fit(1)
    t11, km = fit(11)
per = (t11 - t1) / 10
print(f"RESULT sklearn-lloyd n={n} k={k} threads={threads} iterations={km.n_iter_} "
      f"one_s={t1:.3f} eleven_s={t11:.3f} per_iteration_ms={per * 1000:.1f} objective={km.inertia_:.10g}")
