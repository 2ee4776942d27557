#!/usr/bin/python3
"""Isolation Forest: ours (minlgan CLI) against scikit-learn on exactly the same rows, side by side.

For each protocol it runs
    minlgan evaluate --protocol P --detector iforest --seeds 0,1,2 --out OUT/P --export-split OUT/P/split --force
then, for each seed, reads the exported (scaled) train/test CSVs and runs
    sklearn.ensemble.IsolationForest(random_state=seed)          (n_jobs=None, scikit-learn's default)
    sklearn.ensemble.IsolationForest(random_state=seed, n_jobs=-1)
timing fit + score_samples the way the CLI times Fit + Score. It prints
  * the AUC of each (mean ± population std over seeds) and the difference of the means;
  * a check that the AUC the CLI printed equals roc_auc_score on its own scores-SEED.csv (to 1e-9);
  * median fit+score seconds and the ratio sklearn / ours (> 1 means ours is faster).

Usage: /usr/bin/python3 bench/iforest_vs_sklearn.py [--seeds 0-9] [PROTOCOL ...]   (default: seeds 0-2; shu-a kdd-a cov-b)
Needs Debian's python3-sklearn, the CLI built in Release (dotnet build -c Release src/MinLGan.Cli) and the data
(MINLGAN_DATA or ../shared/data). Speed is printed, never asserted.
"""
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "src", "MinLGan.Cli", "bin", "Release", "net10.0", "minlgan.dll")
OUT = os.environ.get("BENCH_OUT", "/tmp/minlgan-bench-iforest")
SEEDS = [0, 1, 2]


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    return data[:, :-1], data[:, -1].astype(int)


def mean_std(xs):
    return statistics.fmean(xs), statistics.pstdev(xs)


def run(protocol):
    out = os.path.join(OUT, protocol)
    cmd = ["dotnet", CLI, "evaluate", "--protocol", protocol, "--detector", "iforest", "--seeds", ",".join(map(str, SEEDS)),
           "--out", out, "--export-split", os.path.join(out, "split"), "--force"]
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "results.json")) as f:
        ours = {r["seed"]: r for r in json.load(f)}

    rows = []
    for seed in SEEDS:
        split = os.path.join(out, "split", f"seed-{seed}")
        xtr, _ = load(os.path.join(split, "train.csv"))
        xte, yte = load(os.path.join(split, "test.csv"))
        # The CLI's AUC must equal scikit-learn's on the CLI's own scores file.
        sc = np.loadtxt(os.path.join(out, f"scores-{seed}.csv"), delimiter=",", skiprows=1)
        auc_check = abs(roc_auc_score(sc[:, 0].astype(int), sc[:, 1]) - ours[seed]["auc"])
        assert np.array_equal(sc[:, 0].astype(int), yte), "scores file and exported test rows disagree on labels"
        res = {"seed": seed, "ours_auc": ours[seed]["auc"], "ours_s": ours[seed]["fit_seconds"] + ours[seed]["score_seconds"],
               "auc_check": auc_check}
        for name, jobs in (("sk", None), ("sk2", -1)):
            t0 = time.perf_counter()
            model = IsolationForest(random_state=seed, n_jobs=jobs).fit(xtr)
            s = -model.score_samples(xte)
            res[name + "_s"] = time.perf_counter() - t0
            res[name + "_auc"] = roc_auc_score(yte, s)
        rows.append(res)
        print(f"  seed {seed}: ours AUC {res['ours_auc']:.4f} in {res['ours_s']:.3f} s | sklearn AUC {res['sk_auc']:.4f} "
              f"in {res['sk_s']:.3f} s (n_jobs=-1: {res['sk2_s']:.3f} s) | |AUC(cli) - roc_auc_score(scores.csv)| = {auc_check:.1e}",
              flush=True)
    return rows


def main():
    global SEEDS
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "--seeds":
        lo, _, hi = args[1].partition("-")
        SEEDS = list(range(int(lo), int(hi or lo) + 1))
        args = args[2:]
    protocols = args or ["shu-a", "kdd-a", "cov-b"]
    if not os.path.exists(CLI):
        sys.exit(f"build the CLI first: dotnet build -c Release src/MinLGan.Cli  ({CLI} missing)")
    summary = []
    for p in protocols:
        rows = run(p)
        om, osd = mean_std([r["ours_auc"] for r in rows])
        sm, ssd = mean_std([r["sk_auc"] for r in rows])
        t_ours = statistics.median(r["ours_s"] for r in rows)
        t_sk = statistics.median(r["sk_s"] for r in rows)
        t_sk2 = statistics.median(r["sk2_s"] for r in rows)
        worst = max(r["auc_check"] for r in rows)
        summary.append((p, om, osd, sm, ssd, om - sm, worst, t_ours, t_sk, t_sk2))
    print()
    print(f"{'protocol':8} {'ours AUC':>16} {'sklearn AUC':>16} {'diff':>8} {'auc check':>9} {'ours s':>8} {'sk s':>8} {'sk(-1) s':>8} {'ratio':>6} {'ratio(-1)':>9}")
    for p, om, osd, sm, ssd, d, worst, t_ours, t_sk, t_sk2 in summary:
        print(f"{p:8} {om:9.4f} ± {osd:.4f} {sm:9.4f} ± {ssd:.4f} {d:+8.4f} {worst:9.1e} {t_ours:8.3f} {t_sk:8.3f} {t_sk2:8.3f} "
              f"{t_sk / t_ours:6.1f} {t_sk2 / t_ours:9.1f}")
    print(f"seeds: {SEEDS[0]}-{SEEDS[-1]}")
    print("times: median over seeds of fit + score seconds on the test rows; ratio = sklearn / ours (ours uses all cores)")
    print(f"cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
