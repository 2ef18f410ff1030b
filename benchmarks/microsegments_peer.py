"""scikit-learn's Lloyd and Elkan K-means at micro-segment scale on the rows and start
PeerKMeansBenchmark.main writes: the peer of PeerKMeansBenchmark with d = 16 and k = 500 to 2,000
(issue 25, item 3). Same start, tol=0, a fixed number of iterations (so every exact algorithm ends
at the same SSE), one fit each, two threads.

usage: /usr/bin/python3 benchmarks/microsegments_peer.py rows.bin start.bin n d k iterations [algorithms]

algorithms: comma-separated, default "lloyd,elkan" (Elkan keeps n x k doubles: 16 GB at 1M x 2,000).
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits

rows, start = sys.argv[1], sys.argv[2]
n, d, k, iterations = (int(v) for v in sys.argv[3:7])
algorithms = sys.argv[7].split(",") if len(sys.argv) > 7 else ["lloyd", "elkan"]
x = np.fromfile(rows, dtype="<f8").reshape(n, d)
c = np.fromfile(start, dtype="<f8").reshape(k, d)

with threadpool_limits(limits=2):
    for algorithm in algorithms:
        t0 = time.perf_counter()
        km = KMeans(n_clusters=k, init=c, n_init=1, max_iter=iterations, tol=0, algorithm=algorithm).fit(x)
        seconds = time.perf_counter() - t0
        print(f"RESULT sklearn-{algorithm} n={n} d={d} k={k} iterations={km.n_iter_} "
              f"seconds={seconds:.2f} sse={km.inertia_:.6e}")
