#!/usr/bin/python3
"""OneClassSVM reference fixtures for MinLGan.Core.Tests, made once with Debian's python3-sklearn.

    /usr/bin/python3 tests/MinLGan.Core.Tests/Fixtures/make_ocsvm_fixtures.py

Writes ocsvm_fixtures.json beside this script: three small data sets x kernels rbf/linear/poly x nu {0.05, 0.5}
x gamma scale/auto, each with decision_function on held-out rows, score_samples, offset (rho), the support-vector
count and indices; plus the OneClassSVM docstring example. Values are rounded to float32 first, because the C#
detector reads float32 rows.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.svm import OneClassSVM

rng = np.random.RandomState(2024)


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


datasets = {}
# Two Gaussian blobs in 2-D (60 rows), test rows on a grid that reaches outside them.
x = np.vstack([rng.randn(40, 2) * 0.5 + [1, 1], rng.randn(20, 2) * 0.3 - [1, 0.5]])
g = np.linspace(-2.5, 2.5, 5)
datasets["blobs2d"] = (f32(x), f32(np.array([[a, b] for a in g for b in g])))
# Correlated 5-D Gaussian with one heavy-tailed column (120 rows).
a = rng.randn(120, 5) @ rng.randn(5, 5) * 0.7
a[:, 4] = rng.standard_t(3, 120)
datasets["corr5d"] = (f32(a[:100]), f32(a[100:]))
# 8-D with a constant column and integer-valued columns, like one-hot data (150 rows).
b = np.column_stack([rng.randint(0, 2, (150, 3)), rng.randn(150, 4), np.full(150, 3.0)])
datasets["mixed8d"] = (f32(b[:120]), f32(b[120:]))

cases = []
for name, (train, test) in datasets.items():
    for kernel in ("rbf", "linear", "poly"):
        for nu in (0.05, 0.5):
            for gamma in ("scale", "auto"):
                if kernel == "linear" and gamma == "auto":
                    continue  # linear ignores gamma
                m = OneClassSVM(kernel=kernel, nu=nu, gamma=gamma, degree=3, coef0=0.0, tol=1e-3).fit(train)
                cases.append({
                    "dataset": name, "kernel": kernel, "nu": nu, "gamma": gamma, "gamma_value": float(m._gamma),
                    "train": train.tolist(), "test": test.tolist(),
                    "decision_test": m.decision_function(test).tolist(),
                    "decision_train": m.decision_function(train).tolist(),
                    "score_samples_test": m.score_samples(test).tolist(),
                    "offset": float(m.offset_[0]),
                    "n_support": int(m.n_support_[0]),
                    "support": m.support_.tolist(),
                    "dual_coef": m.dual_coef_[0].tolist(),
                })

doc_x = np.array([[0], [0.44], [0.45], [0.46], [1]])
doc = OneClassSVM(gamma="auto").fit(doc_x)
out = {
    "sklearn_version": sklearn.__version__,
    "cases": cases,
    "docstring": {"x": doc_x.tolist(), "score_samples": doc.score_samples(doc_x).tolist(),
                  "n_support": int(doc.n_support_[0])},
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ocsvm_fixtures.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=None)
print(f"wrote {len(cases)} cases to {path} (scikit-learn {sklearn.__version__})")
for c in cases:
    print(f"  {c['dataset']:8} {c['kernel']:6} nu={c['nu']:<4} gamma={c['gamma']:5} nSV={c['n_support']:3} offset={c['offset']:.6g}")
