"""scikit-learn's greedy k-means++ (sklearn.cluster.kmeans_plusplus) and one Lloyd iteration on the
rows SeedingBenchmark.main writes: the peer of SeedingBenchmark (issue 25, item 4).

usage: /usr/bin/python3 benchmarks/seeding_peer.py rows.bin n k
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans, kmeans_plusplus

path, n, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
x = np.fromfile(path, dtype="<f8").reshape(n, 16)
t0 = time.perf_counter()
centres, _ = kmeans_plusplus(x, n_clusters=k, random_state=42)
t1 = time.perf_counter()
km = KMeans(n_clusters=k, init=centres, n_init=1, max_iter=1, algorithm="lloyd").fit(x)
t2 = time.perf_counter()

print(f"RESULT sklearn-seeding n={n} k={k} seeding_s={t1 - t0:.2f} one_iteration_s={t2 - t1:.2f}")
