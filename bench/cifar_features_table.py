#!/usr/bin/python3
"""Summarise bench/cifar_features.sh outputs: test AUC per CIFAR-10 class and detector on ResNet-18 features, mean ±
std over seeds; per detector the mean over classes (of the per-class means), the worst class, and the paper's Table I
mean on pixels beside it (the paper has no feature table).

Usage: /usr/bin/python3 bench/cifar_features_table.py OUT [OUT ...] [--markdown] [--holdout]
  Several OUT folders are read together: a class and detector's seeds are gathered from all of them (a seed found
  twice is an error), so runs made in parts (seed 0 first, then seeds 1-2) make one table.
  --holdout: the holdout AUC instead of the test AUC (the rows a choice such as the scaler is made on).
  --seeds=0,1: only these seeds (to compare runs that have different seeds).
The footer names the ResNet-18 input resolution(s) the results record.
"""
import json
import os
import re
import statistics
import sys

COLUMNS = ["knn", "lof", "iforest", "ocsvm", "ae", "vae", "gan", "minlgan", "eminlgan1", "eminlgan2"]
PAPER_MEAN = {"eminlgan2": 0.687, "minlgan": 0.657, "gan": 0.647, "iforest": 0.641, "ocsvm": 0.613, "vae": 0.617, "ae": 0.615}

args = [a for a in sys.argv[1:] if not a.startswith("--")]
outs = args or ["runs-feat"]
markdown = "--markdown" in sys.argv
metric = "holdout_auc" if "--holdout" in sys.argv else "auc"
only = next((set(int(x) for x in a.split("=", 1)[1].split(",")) for a in sys.argv if a.startswith("--seeds=")), None)
resolutions = set()
res = {}  # (class, detector) -> [auc per seed]
fit = {}
seeds_seen = set()
for k in range(10):
    for d in COLUMNS:
        rows = []
        for out in outs:
            path = os.path.join(out, f"cifar10-{k}", d, "results.json")
            if os.path.isfile(path):
                rows += [r for r in json.load(open(path)) if only is None or r["seed"] in only]
        if not rows:
            continue
        seeds = [r["seed"] for r in rows]
        if len(set(seeds)) != len(seeds):
            sys.exit(f"cifar10-{k} {d}: seed found twice in {outs}: {sorted(seeds)}")
        rows.sort(key=lambda r: r["seed"])
        for r in rows:
            resolutions |= {m.group(1) for n in r.get("notes", []) for m in [re.search(r"resolution=(\d+)", n)] if m}
        res[(k, d)] = [r[metric] for r in rows]
        fit[(k, d)] = statistics.fmean(r["fit_seconds"] + r["score_seconds"] for r in rows)
        seeds_seen |= set(seeds)
classes = sorted({k for k, _ in res})
dets = [d for d in COLUMNS if any((k, d) in res for k in classes)]


def cell(k, d):
    v = res.get((k, d))
    if v is None:
        return "-"
    txt = f"{statistics.fmean(v):.3f}"
    if len(v) > 1:
        txt += f" ± {statistics.pstdev(v):.3f}"
    return txt


head = ["class"] + dets
if markdown:
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
else:
    print("  ".join(f"{h:>15}" for h in head))
for k in classes:
    row = [str(k)] + [cell(k, d) for d in dets]
    print(("| " + " | ".join(row) + " |") if markdown else "  ".join(f"{c:>15}" for c in row))
print()
summary = []
for d in dets:
    ks = [k for k in classes if (k, d) in res]
    means = {k: statistics.fmean(res[(k, d)]) for k in ks}
    worst = min(ks, key=lambda k: means[k])
    per_seed = {}
    for k in ks:
        for i, a in enumerate(res[(k, d)]):
            per_seed.setdefault(i, []).append(a)
    seed_means = [statistics.fmean(v) for v in per_seed.values() if len(v) == len(ks)]
    spread = f" ± {statistics.pstdev(seed_means):.3f}" if len(seed_means) > 1 else ""
    summary.append((d, len(ks), statistics.fmean(means.values()), spread, worst, means[worst],
                    statistics.median(fit[(k, d)] for k in ks), PAPER_MEAN.get(d)))
if markdown:
    print("| detector | classes | mean AUC (± std over seeds of the class mean) | worst class | median s per seed (fit + score) | paper, pixels |")
    print("| --- | --- | --- | --- | --- | --- |")
    for d, n, m, spread, w, wv, s, p in summary:
        print(f"| `{d}` | {n} | {m:.3f}{spread} | {w} ({wv:.3f}) | {s:.1f} | {p if p is not None else '-'} |")
else:
    for d, n, m, spread, w, wv, s, p in summary:
        print(f"{d:10} {n:2} classes  mean {m:.3f}{spread}  worst {w} ({wv:.3f})  median {s:.1f} s  paper (pixels) {p}")
res_text = ", ".join(f"{x} x {x}" for x in sorted(resolutions, key=int)) or "resolution not recorded"
print(f"\n{'holdout' if metric != 'auc' else 'test'} AUC; seeds {sorted(seeds_seen)}; features: resnet18 ({res_text}, ONNX Runtime); data: JPEG-degraded CIFAR-10")
