#!/usr/bin/python3
"""Summarise bench/uci_table.sh outputs: mean ± population std of test AUC over seeds, per protocol and detector.

Usage: /usr/bin/python3 bench/uci_table.py OUT [--markdown]
"""
import glob
import json
import os
import statistics
import sys

PAPER = {  # Table III of the paper
    ("kdd-a", "eminlgan1"): 0.993, ("kdd-a", "minlgan"): 0.993, ("kdd-a", "gan"): 0.993,
    ("cov-b", "eminlgan1"): 0.975, ("cov-b", "minlgan"): 0.945, ("cov-b", "gan"): 0.931,
    ("shu-a", "eminlgan1"): 0.988, ("shu-a", "minlgan"): 0.986, ("shu-a", "gan"): 0.979,
    ("kdd-a", "iforest"): 0.991, ("cov-b", "iforest"): 0.991, ("shu-a", "iforest"): 0.988,
    ("kdd-a", "ocsvm"): 0.982, ("cov-b", "ocsvm"): 0.997, ("shu-a", "ocsvm"): 0.947,
    ("kdd-a", "vae"): 0.995, ("cov-b", "vae"): 0.956, ("shu-a", "vae"): 0.802,
    ("kdd-a", "ae"): 0.937, ("cov-b", "ae"): 0.998, ("shu-a", "ae"): 0.978,
}


def chosen(r):
    """What the holdout chose for one seed: (a, lr) for the GAN family with the background kind kept (single networks)
    or the members used of those trained (ensembles), lr and epoch for ae/vae, nu/gamma for ocsvm."""
    o = r["options"]
    if "a" in o:
        m = r.get("model") or {}
        extra = ""
        if int(m.get("members_trained", "1")) > 1:  # an ensemble: how many members the score used
            extra = f", {m['members_used']}/{m['members_trained']} members"
        elif len(m.get("background_kind", "").split()) == 1:  # background_kind=auto: what the holdout chose
            extra = f", {m['background_kind']}"
        return f"({o['a']}, {o['lr']}{extra})"
    if "lr" in o:
        return f"lr {o['lr']}, {r['selection'].split(': ', 1)[-1].split(' (')[0]}"
    if "nu" in o:
        return f"nu {o['nu']}, gamma {o['gamma']}, {r['n_train']} rows"
    return "-"


args = [a for a in sys.argv[1:] if a != "--markdown"]
markdown = "--markdown" in sys.argv
out = args[0] if args else "runs"
rows = {}
for path in glob.glob(os.path.join(out, "**", "results.json"), recursive=True):
    for r in json.load(open(path)):
        rows.setdefault((r["protocol"], r["detector"]), {})[r["seed"]] = r
if markdown:
    print("| protocol | detector | test AUC, seeds 0-2 | paper (Table III) | holdout AUC | median fit s | chosen per seed |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
else:
    print(f"{'protocol':8} {'detector':10} {'seeds':6} {'test AUC':>17} {'holdout AUC':>12} {'fit s':>8} {'paper':>6}  chosen per seed")
for (p, d) in sorted(rows):
    rs = [rows[(p, d)][s] for s in sorted(rows[(p, d)])]
    aucs = [r["auc"] for r in rs]
    m, sd = statistics.fmean(aucs), statistics.pstdev(aucs)
    h = statistics.fmean(r["holdout_auc"] for r in rs if r["holdout_auc"] is not None)
    fit = statistics.median(r["fit_seconds"] for r in rs)
    paper = PAPER.get((p, d), PAPER.get((p, "eminlgan1")) if d == "eminlgan2" else None)
    picks = "; ".join(chosen(r) for r in rs)
    if markdown:
        paper_text = "-" if not paper else (f"{paper} (EMinLGAN-1)" if d == "eminlgan2" else str(paper))
        seeds = ",".join(str(r["seed"]) for r in rs)
        auc_text = f"{m:.4f} ± {sd:.4f}" + ("" if seeds == "0,1,2" else f" (seed{'s' if ',' in seeds else ''} {seeds} only)")
        print(f"| `{p}` | `{d}` | {auc_text} | {paper_text} | {h:.4f} | {fit:.0f} | {picks} |")
    else:
        print(f"{p:8} {d:10} {','.join(str(r['seed']) for r in rs):6} {m:8.4f} ± {sd:.4f} {h:12.4f} {fit:8.1f} {paper if paper else '-':>6}  {picks}")
print("paper: Table III (for eminlgan2 the paper reports no UCI figure; its EMinLGAN-1 figure is shown)")
