#!/usr/bin/python3
"""Reference fixtures for MinLGan.Core.Tests, made once with Debian's python3-sklearn.

    /usr/bin/python3 tests/MinLGan.Core.Tests/Fixtures/make_fixtures.py

Writes sklearn_fixtures.json beside this script. The tests read it; they never run Python.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_circles, make_moons
from sklearn.ensemble import IsolationForest
from sklearn.ensemble._iforest import _average_path_length
from sklearn.metrics import roc_auc_score, roc_curve
from sklearn.preprocessing import Normalizer, StandardScaler

rng = np.random.RandomState(42)
out = {"sklearn_version": sklearn.__version__}

# ROC AUC and curve, with ties (scores rounded to one decimal).
auc_cases = []
for n in (7, 20, 101):
    y = rng.randint(0, 2, n)
    y[0], y[1] = 0, 1
    s = np.round(rng.randn(n), 1)
    fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    auc_cases.append({"labels": y.tolist(), "scores": s.tolist(), "auc": roc_auc_score(y, s),
                      "fpr": fpr.tolist(), "tpr": tpr.tolist(), "thresholds": thr[1:].tolist()})
out["auc"] = auc_cases

# Toy generators without noise and without shuffling: the exact point layout.
x, y = make_moons(n_samples=9, noise=0.0, shuffle=False)
out["moons"] = {"n": 9, "x": x.tolist(), "y": y.tolist()}
x, y = make_circles(n_samples=9, noise=0.0, factor=0.5, shuffle=False)
out["circles"] = {"n": 9, "factor": 0.5, "x": x.tolist(), "y": y.tolist()}

# StandardScaler with a constant column.
x = np.column_stack([rng.randn(50) * 3 + 1, np.full(50, 7.0), rng.rand(50)]).astype(np.float32)
sc = StandardScaler().fit(x)
out["scaler"] = {"x": x.astype(float).tolist(), "mean": sc.mean_.tolist(), "scale": sc.scale_.tolist()}

# c(n), the average path length.
ns = [0, 1, 2, 3, 5, 10, 256, 1000]
out["average_path_length"] = {"n": ns, "c": _average_path_length(np.array(ns)).tolist()}

# Isolation Forest expectation: with many trees, the score converges to the same function whatever the seed,
# so a large forest of ours must match a large forest of scikit-learn's closely.
train = np.vstack([rng.randn(300, 2), rng.randn(20, 2) * 0.3 + [4, 4]]).astype(np.float32)
query = np.vstack([rng.randn(40, 2) * 2, [[6, 6], [-5, 0], [0, 0], [4, 4]]]).astype(np.float32)
forest = IsolationForest(n_estimators=5000, random_state=0).fit(train)
score = -forest.score_samples(query)
# How far two such forests of scikit-learn's own, with different seeds, lie apart: the yardstick for the test's bound.
other = -IsolationForest(n_estimators=5000, random_state=1).fit(train).score_samples(query)
out["iforest"] = {"train": train.astype(float).tolist(), "query": query.astype(float).tolist(), "trees": 5000,
                  "score": score.tolist(), "sklearn_seed_max_diff": float(np.abs(score - other).max())}
# Normalizer (row-wise l2), with a zero row, which stays zero, and a row of large values.
x = np.vstack([rng.randn(6, 5) * 4, np.zeros((1, 5)), rng.rand(1, 5) * 1e4]).astype(np.float32)
out["normalizer"] = {"x": x.astype(float).tolist(), "out": Normalizer(norm="l2").fit(x).transform(x).astype(float).tolist()}
print("two scikit-learn 5000-tree forests (random_state 0 and 1) differ by up to", out["iforest"]["sklearn_seed_max_diff"])

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_fixtures.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote sklearn_fixtures.json with scikit-learn", sklearn.__version__)
