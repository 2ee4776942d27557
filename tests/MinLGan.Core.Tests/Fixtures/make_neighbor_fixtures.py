#!/usr/bin/python3
"""kNN and LOF reference fixtures for MinLGan.Core.Tests, made once with Debian's python3-sklearn.

    /usr/bin/python3 tests/MinLGan.Core.Tests/Fixtures/make_neighbor_fixtures.py

Writes neighbor_fixtures.json beside this script. For three small data sets (continuous, so no two distances tie)
and several k: NearestNeighbors distances of test rows to their k nearest training rows and of training rows to
their k nearest other training rows (kneighbors() without X), from which PyOD's KNN scores follow (largest, mean,
median); and LocalOutlierFactor(novelty=True): -score_samples(test) and -negative_outlier_factor_ (training rows).
Values are rounded to float32 first, because the C# detectors read float32 rows.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.neighbors import LocalOutlierFactor, NearestNeighbors

rng = np.random.RandomState(7)


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


datasets = {}
x = np.vstack([rng.randn(50, 2) * 0.5 + [1, 1], rng.randn(25, 2) * 0.3 - [1, 0.5]])
g = np.linspace(-2.5, 2.5, 6)
datasets["blobs2d"] = (f32(x), f32(np.array([[a, b] for a in g for b in g])))
a = rng.randn(140, 6) @ rng.randn(6, 6) * 0.7
a[:, 5] = rng.standard_t(3, 140)
datasets["corr6d"] = (f32(a[:110]), f32(a[110:]))
b = rng.randn(90, 64)
datasets["wide64d"] = (f32(b[:70]), f32(np.vstack([b[70:], rng.randn(10, 64) * 2])))

cases = []
for name, (train, test) in datasets.items():
    for k in (1, 5, 20):
        nn = NearestNeighbors(n_neighbors=k).fit(train)
        d_test, i_test = nn.kneighbors(test)
        d_train, i_train = nn.kneighbors()
        lof = LocalOutlierFactor(n_neighbors=k, novelty=True).fit(train)
        cases.append({
            "dataset": name, "k": k,
            "knn_test": d_test.tolist(), "knn_test_index": i_test.tolist(), "knn_train": d_train.tolist(),
            "lof_test": (-lof.score_samples(test)).tolist(),
            "lof_train": (-lof.negative_outlier_factor_).tolist(),
        })

out = {"sklearn_version": sklearn.__version__, "cases": cases,
       "datasets": {name: {"train": train.tolist(), "test": test.tolist()} for name, (train, test) in datasets.items()}}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "neighbor_fixtures.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=None)
print(f"wrote {len(cases)} cases to {path} (scikit-learn {sklearn.__version__})")
