#!/usr/bin/python3
"""Summarise bench/cifar_table.sh outputs as Table I: test AUC per CIFAR-10 class and detector (seed 0), the paper's
figure beside each, the class means over the classes run, and wall seconds (fit + score) per class.

Usage: /usr/bin/python3 bench/cifar_table.py OUT [--markdown]
"""
import glob
import json
import os
import statistics
import sys

# Table I of the paper, columns in this order.
COLUMNS = ["gan", "minlgan", "eminlgan2", "iforest", "ocsvm", "vae", "ae"]
PAPER = {
    "eminlgan2": [0.821, 0.642, 0.664, 0.585, 0.701, 0.672, 0.721, 0.62, 0.788, 0.652],
    "minlgan": [0.786, 0.61, 0.643, 0.567, 0.676, 0.621, 0.697, 0.599, 0.755, 0.616],
    "gan": [0.76, 0.627, 0.635, 0.589, 0.664, 0.6, 0.706, 0.565, 0.715, 0.604],
    "iforest": [0.615, 0.688, 0.476, 0.538, 0.661, 0.607, 0.757, 0.659, 0.7, 0.711],
    "ocsvm": [0.689, 0.464, 0.679, 0.513, 0.767, 0.529, 0.765, 0.53, 0.706, 0.481],
    "vae": [0.645, 0.519, 0.638, 0.539, 0.771, 0.505, 0.715, 0.506, 0.73, 0.605],
    "ae": [0.739, 0.358, 0.692, 0.575, 0.774, 0.59, 0.699, 0.515, 0.792, 0.42],
}
PAPER_MEAN = {"eminlgan2": 0.687, "minlgan": 0.657, "gan": 0.647, "iforest": 0.641, "ocsvm": 0.613, "vae": 0.617,
              "ae": 0.615}

args = [a for a in sys.argv[1:] if a != "--markdown"]
out = args[0] if args else "runs-cifar"
markdown = "--markdown" in sys.argv
res = {}
for path in glob.glob(os.path.join(out, "cifar10-*", "results.json")):
    for r in json.load(open(path)):
        k = int(r["protocol"].split("-")[1])
        res[(k, r["detector"])] = r
classes = sorted({k for k, _ in res})
dets = [d for d in COLUMNS if any((k, d) in res for k in classes)]

def cell(k, d):
    r = res.get((k, d))
    if r is None:
        return f"- ({PAPER[d][k]})"
    return f"{r['auc']:.3f} ({PAPER[d][k]}; {r['fit_seconds'] + r['score_seconds']:.1f} s)"

head = ["class"] + dets
if markdown:
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
for k in classes:
    row = [str(k)] + [cell(k, d) for d in dets]
    print(("| " + " | ".join(row) + " |") if markdown else "  ".join(row))
means = []
for d in dets:
    ks = [k for k in classes if (k, d) in res]
    m = statistics.fmean(res[(k, d)]["auc"] for k in ks)
    pm = statistics.fmean(PAPER[d][k] for k in ks)
    means.append(f"{m:.3f} over {len(ks)} class(es) (paper {pm:.3f} on the same; all ten {PAPER_MEAN[d]})")
row = ["mean"] + means
print(("| " + " | ".join(row) + " |") if markdown else "  ".join(row))
budgets = sorted({str(r.get('budget')) for r in res.values()})
notes = sorted({n for r in res.values() for n in r["notes"] if "JPEG" in n})
print(f"budgets: {', '.join(budgets)}; seed 0; cells: AUC (paper; wall s of fit + score)")
for n in notes:
    print(f"data: {n}")
# Peak RSS from the /usr/bin/time line that bench/cifar_table.sh appends to each log.
peaks = {}
for k, d in res:
    log = os.path.join(out, f"cifar10-{k}-{d}.log")
    if os.path.exists(log):
        last = open(log).read().strip().splitlines()[-1]
        if "peak RSS" in last:
            peaks.setdefault(d, []).append((int(last.split("peak RSS")[1].split()[0]) / 1e6, k))
for d in dets:
    if d in peaks:
        per_class = " ".join(f"{k}:{gb:.2f}" for gb, k in sorted(peaks[d], key=lambda p: p[1]))
        print(f"peak RSS {d}, class:GB (10^6 KB): {per_class}")
