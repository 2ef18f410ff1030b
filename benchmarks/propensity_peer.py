"""scikit-learn peer of PropensityBenchmark: the same 1M x 20 matrix from the same formula,
LogisticRegression(C=1, lbfgs) on the standardised matrix, and predict_proba on all rows."""
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

N, D = 1_000_000, 20
i = np.arange(N, dtype=float)[:, None]
j = np.arange(D, dtype=float)[None, :]
X = np.sin(0.001 * i * (j + 1) + j) * (1 + (np.arange(D) % 3))[None, :]
w = np.array([(1.0 if k % 2 == 0 else -1.0) / (k + 1) for k in range(D)])
logit = -1 + X @ w
u = (np.arange(N) * 0.6180339887498949) % 1.0
y = (u < 1 / (1 + np.exp(-logit))).astype(int)
mean, sd = X.mean(axis=0), X.std(axis=0)


def fit():
    Z = (X - mean) / sd
    return LogisticRegression(C=1.0, solver="lbfgs", tol=1e-6, max_iter=1000).fit(Z, y)


for label, fn, repeat in [("train", fit, 3)]:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        m = fn()
        best = min(best, time.perf_counter() - t0)
    print(f"RESULT sklearn {label} seconds={best:.3f} iterations={m.n_iter_[0]}")
best = float("inf")
for _ in range(5):
    t0 = time.perf_counter()
    p = m.predict_proba((X - mean) / sd)[:, 1]
    best = min(best, time.perf_counter() - t0)
print(f"RESULT sklearn score seconds={best:.3f}")
print("coef[:3]", m.coef_[0][:3], "intercept", m.intercept_[0])
