#!/usr/bin/python3
"""One-class SVM: ours (minlgan CLI) against scikit-learn's OneClassSVM (LIBSVM) on exactly the same rows.

For each seed it runs
    minlgan evaluate --protocol kdd-a --detector ocsvm --seeds S --max-train 20000 --out OUT --export-split OUT/split --force
which fits on 20,000 training rows (a seeded subset) and scores the whole test set (about 395,000 rows), and then
    sklearn.svm.OneClassSVM()  (nu=0.5, gamma='scale', rbf, tol=1e-3, cache 200 MB: the same defaults)
on the exported (scaled) training rows. It prints
  * fit seconds, ours (in-process, includes scoring the training rows for the threshold) and scikit-learn's, with
    the ratio ours / scikit-learn (target <= 1.0), as medians over seeds;
  * our scoring speed over the whole test set in rows/s, and scikit-learn's on the first N test rows;
  * parity: support-vector counts and offsets (ours from results.json "model"), and max |ours - sklearn| decision value on those N rows relative to the
    largest |decision value|.

Usage: /usr/bin/python3 bench/ocsvm_vs_sklearn.py [--seeds 0-2] [--protocol kdd-a] [--max-train 20000] [--check-rows 5000]
Needs python3-sklearn, the CLI built in Release (dotnet build -c Release src/MinLGan.Cli) and the data.
Speed is printed, never asserted.
"""
import argparse
import json
import os
import statistics
import subprocess
import time

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.svm import OneClassSVM

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "src", "MinLGan.Cli", "bin", "Release", "net10.0", "minlgan.dll")
OUT = os.environ.get("BENCH_OUT", "/tmp/minlgan-bench-ocsvm")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="0-2")
    ap.add_argument("--protocol", default="kdd-a")
    ap.add_argument("--max-train", type=int, default=20000)
    ap.add_argument("--check-rows", type=int, default=5000)
    a = ap.parse_args()
    lo, _, hi = a.seeds.partition("-")
    seeds = list(range(int(lo), int(hi or lo) + 1))
    if not os.path.exists(CLI):
        raise SystemExit(f"build the CLI first: dotnet build -c Release src/MinLGan.Cli  ({CLI} missing)")
    rows = []
    for seed in seeds:
        out = os.path.join(OUT, a.protocol, f"seed-{seed}")
        cmd = ["dotnet", CLI, "evaluate", "--protocol", a.protocol, "--detector", "ocsvm", "--seeds", str(seed),
               "--max-train", str(a.max_train), "--out", out, "--export-split", os.path.join(out, "split"), "--force"]
        print("$", " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(out, "results.json")) as f:
            ours = json.load(f)[0]
        split = os.path.join(out, "split", f"seed-{seed}")
        train = np.loadtxt(os.path.join(split, "train.csv"), delimiter=",", skiprows=1)[:, :-1]
        test = np.loadtxt(os.path.join(split, "test.csv"), delimiter=",", skiprows=1, max_rows=a.check_rows)
        scores = np.loadtxt(os.path.join(out, f"scores-{seed}.csv"), delimiter=",", skiprows=1, max_rows=a.check_rows)
        t0 = time.perf_counter()
        model = OneClassSVM().fit(train)
        sk_fit = time.perf_counter() - t0
        t0 = time.perf_counter()
        dec = model.decision_function(test[:, :-1])
        sk_score = time.perf_counter() - t0
        rel = np.max(np.abs(-scores[:, 1] - dec)) / np.max(np.abs(dec))
        r = {"seed": seed, "n_train": train.shape[0], "features": train.shape[1], "ours_fit": ours["fit_seconds"], "sk_fit": sk_fit,
             "ours_rows_s": ours["n_test"] / ours["score_seconds"], "sk_rows_s": len(dec) / sk_score,
             "rel": rel, "sk_nsv": int(model.n_support_[0]), "ours_nsv": ours.get("model", {}).get("support_vectors", "?"),
             "ours_rho": float(ours.get("model", {}).get("rho", "nan")), "sk_offset": float(model.offset_[0]), "ours_auc": ours["auc"],
             "sk_auc_sub": roc_auc_score(test[:, -1].astype(int), -dec), "ours_auc_sub": roc_auc_score(test[:, -1].astype(int), scores[:, 1])}
        rows.append(r)
        print(f"  seed {seed}: {r['n_train']} rows x {r['features']} features | fit ours {r['ours_fit']:.2f} s, sklearn {sk_fit:.2f} s "
              f"(ratio {r['ours_fit'] / sk_fit:.2f}) | score ours {r['ours_rows_s']:,.0f} rows/s over {ours['n_test']:,} rows, "
              f"sklearn {r['sk_rows_s']:,.0f} rows/s over {len(dec):,} | nSV ours {r['ours_nsv']} sklearn {r['sk_nsv']} | "
              f"rho ours {r['ours_rho']:.6f} sklearn {r['sk_offset']:.6f} | "
              f"max |diff| / max |decision| on {len(dec)} test rows {rel:.1e} | AUC there ours {r['ours_auc_sub']:.6f} sklearn {r['sk_auc_sub']:.6f}",
              flush=True)
    med = lambda k: statistics.median(r[k] for r in rows)
    print()
    print(f"{a.protocol}, seeds {seeds[0]}-{seeds[-1]}, {rows[0]['n_train']} training rows, {rows[0]['features']} features, cores {os.cpu_count()}")
    print(f"fit (median): ours {med('ours_fit'):.2f} s, scikit-learn {med('sk_fit'):.2f} s, ratio ours/sklearn {med('ours_fit') / med('sk_fit'):.2f} (target <= 1.0)")
    print(f"score (median): ours {med('ours_rows_s'):,.0f} rows/s (all test rows), scikit-learn {med('sk_rows_s'):,.0f} rows/s "
          f"({a.check_rows} rows), ratio {med('ours_rows_s') / med('sk_rows_s'):.1f}x")
    print(f"parity: worst max |ours - sklearn| / max |decision| = {max(r['rel'] for r in rows):.1e}; ours AUC (all test rows) "
          f"{statistics.fmean(r['ours_auc'] for r in rows):.4f}")


if __name__ == "__main__":
    main()
