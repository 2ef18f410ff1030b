"""NumPy/SciPy peer of ClvBenchmark (issue 20): the same likelihoods, vectorised, on the same 1M
customers. Times one evaluation of each log-likelihood, a fit of each with scipy.optimize.minimize
(Nelder-Mead on the log-parameters, as lifetimes did before autograd), and scoring (P(alive) and
the conditional expectation over 52 weeks, BG/NBD). Usage: python3 clv_peer.py summary.csv"""
import sys
import time

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

s = pd.read_csv(sys.argv[1], dtype={"id": str})
x = s["x"].to_numpy(float)
tx = s["t_x"].to_numpy(float)
T = s["T"].to_numpy(float)
z = s["value"].to_numpy(float)
n = len(x)


def bgnbd_ll(p):
    r, alpha, a, b = p
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha) - betaln(a, b)
    stay = betaln(a, b + x) - (r + x) * np.log(alpha + T)
    drop = np.where(x > 0, betaln(a + 1, np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return np.sum(common + np.logaddexp(stay, drop))


def pareto_ll(p):
    r, alpha, s_, beta = p
    rsx = r + s_ + x
    if alpha >= beta:
        f = lambda y: hyp2f1(rsx, s_ + 1, rsx + 1, (alpha - beta) / (alpha + y)) / (alpha + y) ** rsx
    else:
        f = lambda y: hyp2f1(rsx, r + x, rsx + 1, (beta - alpha) / (beta + y)) / (beta + y) ** rsx
    a0 = f(tx) - f(T)
    front = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s_ * np.log(beta)
    return np.sum(front + np.log(1 / ((alpha + T) ** (r + x) * (beta + T) ** s_) + s_ / rsx * a0))


m = (x > 0) & (z > 0)
xm = x[m]
zm = z[m]


def gg_ll(p):
    pp, q, g = p
    px = pp * xm
    return np.sum(gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g)
                  + (px - 1) * np.log(zm) + px * np.log(xm) - (px + q) * np.log(g + xm * zm))


def timed(label, fn, repeat=3):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    print(f"RESULT numpy {label} n={n} seconds={best:.3f}")
    return out


def fit(ll, start):
    res = minimize(lambda q: -ll(np.exp(q)) / n, np.log(start), method="Nelder-Mead",
                   options={"xatol": 1e-7, "fatol": 1e-12, "maxfev": 5000})
    return np.exp(res.x), res.nfev, -res.fun * n


p_bg = np.array([0.25, 4.8, 0.7, 2.2])
timed("bgnbd_loglikelihood", lambda: bgnbd_ll(p_bg))
timed("pareto_loglikelihood", lambda: pareto_ll(np.array([0.6, 11.0, 0.5, 9.0])))
timed("gammagamma_loglikelihood", lambda: gg_ll(np.array([6.3, 3.6, 15.0])))
mt = T.mean()
est, evals, ll = timed("bgnbd_fit", lambda: fit(bgnbd_ll, [1, mt, 1, 1]), repeat=1)
print(f"  bgnbd {est} evaluations={evals} ll={ll:.4f}")
est, evals, ll = timed("pareto_fit", lambda: fit(pareto_ll, [1, mt, 1, mt]), repeat=1)
print(f"  pareto {est} evaluations={evals} ll={ll:.4f}")
est, evals, ll = timed("gammagamma_fit", lambda: fit(gg_ll, [1, 2, zm.mean()]), repeat=1)
print(f"  gammagamma {est} evaluations={evals} ll={ll:.4f}")


def score():
    r, alpha, a, b = p_bg
    t = 52.0
    alive = np.where(x > 0, 1 / (1 + a / np.maximum(b + x - 1, 1e-300) * ((alpha + T) / (alpha + tx)) ** (r + x)), 1.0)
    zz = t / (alpha + T + t)
    e = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, zz))
    return alive, e * alive


timed("score_palive_expected_52w", score)
