#!/usr/bin/python3
"""knn and lof: ours against scikit-learn on exactly the same rows, side by side in one run.

Runs bench/MinLGan.NeighborBench (Release), which draws 5,000 training and 10,000 test rows of 512 features, times
our knn (k=5, distance to the k-th neighbour) and lof (k=20) fit + score and writes the rows and scores; then times
scikit-learn on those rows: NearestNeighbors(n_neighbors=5).fit + kneighbors (training rows left out, as PyOD's
KNN does for its threshold, and the test rows) and LocalOutlierFactor(n_neighbors=20, novelty=True).fit +
score_samples, n_jobs=-1 (all cores). Prints medians, the ratio scikit-learn / ours (> 1: ours is faster) and the
largest score difference. Speed is printed, never asserted.

Usage: /usr/bin/python3 bench/neighbors_vs_sklearn.py [repetitions]     (default 3)
"""
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import sklearn
from sklearn.neighbors import LocalOutlierFactor, NearestNeighbors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.environ.get("BENCH_OUT", "/tmp/minlgan-bench-neighbors")
REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
N_TRAIN, N_TEST, D = 5000, 10000, 512

ours = subprocess.run(["dotnet", "run", "-c", "Release", "--project", os.path.join(ROOT, "bench", "MinLGan.NeighborBench"), "--",
                       OUT, str(REPS), str(N_TRAIN), str(N_TEST), str(D)], check=True, capture_output=True, text=True).stdout
print(ours.rstrip())
train = np.fromfile(os.path.join(OUT, "train.f32"), dtype=np.float32).reshape(N_TRAIN, D)
test = np.fromfile(os.path.join(OUT, "test.f32"), dtype=np.float32).reshape(N_TEST, D)
ours_total = {line.split()[1]: float(line.split("total ")[1].split()[0]) for line in ours.splitlines() if line.startswith("ours")}


def knn():
    nn = NearestNeighbors(n_neighbors=5, n_jobs=-1).fit(train)
    nn.kneighbors()                      # training rows, self left out (PyOD's decision_scores_)
    return nn.kneighbors(test)[0][:, -1]


def lof():
    m = LocalOutlierFactor(n_neighbors=20, novelty=True, n_jobs=-1).fit(train)
    return -m.score_samples(test)


print(f"scikit-learn {sklearn.__version__}, float32 rows as given")
for name, run in (("knn", knn), ("lof", lof)):
    times = []
    for _ in range(REPS):
        t = time.perf_counter()
        scores = run()
        times.append(time.perf_counter() - t)
    theirs = statistics.median(times)
    mine = np.loadtxt(os.path.join(OUT, f"{name}-scores.txt"))
    diff = np.max(np.abs(mine - scores) / np.maximum(1, np.abs(scores)))
    print(f"scikit-learn {name}: fit + score {theirs:.2f} s; ours {ours_total[name]:.2f} s; ratio scikit-learn / ours "
          f"{theirs / ours_total[name]:.2f}; largest relative score difference {diff:.2e}")
