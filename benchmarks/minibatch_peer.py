"""scikit-learn's MiniBatchKMeans and KMeans on the rows MiniBatchBenchmark writes (issue 24).

Usage: python3 benchmarks/minibatch_peer.py rows.bin n
Prints the best of three fits' times and the objective per row of each.
"""
import sys
import time

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans

path, n = sys.argv[1], int(sys.argv[2])
x = np.fromfile(path, dtype="<f8").reshape(n, 8)
for name, make in (
    ("MiniBatchKMeans", lambda: MiniBatchKMeans(n_clusters=8, batch_size=1024, n_init=3,
                                                random_state=42)),
    ("KMeans", lambda: KMeans(n_clusters=8, n_init=1, algorithm="lloyd", random_state=42)),
):
    times = []
    for _ in range(3):
        m = make()
        t = time.perf_counter()
        m.fit(x)
        times.append(time.perf_counter() - t)
    print(f"PEER {name} n={n} best={min(times) * 1000:.0f} ms "
          f"objective-per-row={m.inertia_ / n:.6f} steps={m.n_iter_} "
          f"(sklearn {__import__('sklearn').__version__})")
