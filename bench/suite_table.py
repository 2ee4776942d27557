#!/usr/bin/python3
"""Summarise bench/suite.sh outputs: per set, each label's mean test AUC over seeds and its rank among the labels;
then per label the mean AUC over the sets every label has, the mean rank, the worst set and the count of sets below 0.5.

Usage: /usr/bin/python3 bench/suite_table.py OUT [LABEL ...] [--markdown] [--holdout | --check] [--pick NAME=L1,L2,...] [--seeds 0,1] [--fit]
                                             [--paired A,B] [--sets S1,S2,...]
  LABELs pick and order the columns (default: every label found). --holdout shows holdout AUC instead of test AUC;
  --check the check AUC of runs made with --check-fraction (holdout rows the selection never saw).
  --pick adds a column NAME that, per set and seed, takes the test AUC of whichever of L1, L2, ... has the best
  holdout AUC (ties: the first): what choosing among those recipes on the holdout would give (same seeds, same splits).
  --seeds reads only those seeds' rows (to compare a label run on fewer seeds with the others on the same seeds).
  A LABEL written NAME=L1+L2 joins the seeds of runs L1 and L2 (say seed 0 run as one label, seeds 1-2 as another)
  into one column NAME; a seed both have is read from L1.
  --paired A,B compares two labels set by set on the sets both have: per set the difference of their means over the
  seeds both ran (A − B), then the mean difference over sets with its standard error (sd / sqrt(sets)), the sets where
  A is ahead, behind or even, and the (set, seed) pairs where A is ahead: is a gap larger than the spread of sets?
  --sets reads only those sets (say --sets kdd-a with --paired to compare two labels over the seeds of one set).
  --fit adds, per label, the median fit_seconds over the (set, seed) runs of the sets every label has.
"""
import json
import os
import statistics
import sys

argv = sys.argv[1:]
picks = {}
while "--pick" in argv:
    i = argv.index("--pick")
    name, labels_ = argv[i + 1].split("=", 1)
    picks[name] = labels_.split(",")
    del argv[i:i + 2]
paired = None
if "--paired" in argv:
    i = argv.index("--paired")
    paired = argv[i + 1].split(",")
    if len(paired) != 2:
        sys.exit(f"--paired takes two labels, A,B (got {argv[i + 1]!r})")
    del argv[i:i + 2]
only_sets = None
if "--sets" in argv:
    i = argv.index("--sets")
    only_sets = set(argv[i + 1].split(","))
    del argv[i:i + 2]
seeds = None
if "--seeds" in argv:
    i = argv.index("--seeds")
    seeds = {int(x) for x in argv[i + 1].split(",")}
    del argv[i:i + 2]
args = [a for a in argv if not a.startswith("--")]
markdown = "--markdown" in sys.argv
key = "holdout_auc" if "--holdout" in sys.argv else "check_auc" if "--check" in sys.argv else "auc"
key_index = {"auc": 0, "holdout_auc": 1, "check_auc": 2}[key]  # position in by_seed's per-seed tuples
out, wanted = args[0], args[1:]
joins = {}  # NAME -> [L1, L2, ...]
for i, w in enumerate(wanted):
    if "=" in w:
        name, parts = w.split("=", 1)
        joins[name] = parts.split("+")
        wanted[i] = name
cells = {}  # (set, label) -> [auc per seed]
for s in sorted(os.listdir(out)):
    if not os.path.isdir(os.path.join(out, s)) or (only_sets is not None and s not in only_sets):
        continue
    for label in os.listdir(os.path.join(out, s)):
        path = os.path.join(out, s, label, "results.json")
        if os.path.isfile(path):
            vals = [r[key] for r in json.load(open(path)) if r.get(key) is not None and (seeds is None or r["seed"] in seeds)]
            if vals:
                cells[(s, label)] = vals
by_seed = {}  # (set, label) -> {seed: (test auc, holdout auc, check auc)}
for (s_, l) in list(cells):
    for r in json.load(open(os.path.join(out, s_, l, "results.json"))):
        if seeds is not None and r["seed"] not in seeds:
            continue
        by_seed.setdefault((s_, l), {})[r["seed"]] = (r["auc"], r.get("holdout_auc"), r.get("check_auc"))
for name, parts in joins.items():
    for s_ in {s_ for (s_, _) in by_seed}:
        rows = {}
        for p_ in reversed(parts):
            rows.update(by_seed.get((s_, p_), {}))
        if rows:
            by_seed[(s_, name)] = rows
            cells[(s_, name)] = [v[{"auc": 0, "holdout_auc": 1, "check_auc": 2}[key]] for _, v in sorted(rows.items())
                                 if v[{"auc": 0, "holdout_auc": 1, "check_auc": 2}[key]] is not None]
for name, members in picks.items():
    for s_ in {s_ for (s_, _) in cells}:
        if not all((s_, m) in by_seed for m in members):
            continue
        common = set.intersection(*(set(by_seed[(s_, m)]) for m in members))
        vals = []
        for seed in sorted(common):
            best = max(members, key=lambda m: (by_seed[(s_, m)][seed][1] if by_seed[(s_, m)][seed][1] is not None else -1, -members.index(m)))
            vals.append(by_seed[(s_, best)][seed][key_index])
        if vals:
            cells[(s_, name)] = vals
labels = wanted or sorted({l for (_, l) in cells})
sets = sorted({s for (s, _) in cells})
complete = [s for s in sets if all((s, l) in cells for l in labels)]


def mean(s, l):
    return statistics.fmean(cells[(s, l)])


def ranks(s):
    # rank 1 = best; ties share the mean rank
    vals = {l: mean(s, l) for l in labels}
    order = sorted(labels, key=lambda l: -vals[l])
    r = {}
    for l in labels:
        better = sum(1 for o in labels if vals[o] > vals[l])
        same = sum(1 for o in labels if vals[o] == vals[l])
        r[l] = better + (same + 1) / 2
    return r


width = max(17, *(len(l) + 2 for l in labels))
if markdown:
    print("| set | " + " | ".join(f"`{l}`" for l in labels) + " |")
    print("| --- |" + " --- |" * len(labels))
else:
    print(f"{'set':14}" + "".join(f"{l:>{width}}" for l in labels))
for s in sets:
    r = ranks(s) if s in complete else {}
    parts = []
    for l in labels:
        if (s, l) not in cells:
            parts.append("-")
            continue
        v = cells[(s, l)]
        txt = f"{statistics.fmean(v):.3f}"
        if len(v) > 1:
            txt += f"±{statistics.pstdev(v):.2f}"
        if l in r:
            txt += f" ({r[l]:g})"
        parts.append(txt)
    if markdown:
        print(f"| {s} | " + " | ".join(parts) + " |")
    else:
        print(f"{s:14}" + "".join(f"{p:>{width}}" for p in parts))

PAPER_AND_TOYS = {"shu-a", "kdd-a", "cov-b", "circles", "moons"}


def summarise(title, group):
    print()
    print(f"{title}: {len(group)} sets every label has ({key}, mean over sets of the mean over seeds)")
    rows = []
    for l in labels:
        ms = [mean(s, l) for s in group]
        if not ms:
            continue
        worst = min(group, key=lambda s: mean(s, l))
        rk = statistics.fmean(ranks(s)[l] for s in group)
        rows.append((l, statistics.fmean(ms), statistics.median(ms), rk, sum(1 for m in ms if m < 0.5), worst, mean(worst, l)))
    if markdown:
        print()
        print("| label | mean AUC | median AUC | mean rank | sets < 0.5 | worst set |")
        print("| --- | --- | --- | --- | --- | --- |")
        for l, m, med, rk, below, worst, wv in rows:
            print(f"| `{l}` | {m:.3f} | {med:.3f} | {rk:.2f} | {below} | {worst} {wv:.3f} |")
    else:
        print(f"{'label':{width}} {'mean':>6} {'median':>7} {'rank':>5} {'<0.5':>5}  worst")
        for l, m, med, rk, below, worst, wv in rows:
            print(f"{l:{width}} {m:6.3f} {med:7.3f} {rk:5.2f} {below:5d}  {worst} {wv:.3f}")


summarise("ADBench", [s for s in complete if s not in PAPER_AND_TOYS])
summarise("all", complete)

if "--fit" in sys.argv:
    print()
    print(f"fit seconds per run, over the {len(complete)} sets every label has:")
    for l in labels:
        if l in picks:
            continue
        fits = []
        for s_ in complete:
            taken = set()
            for part in joins.get(l, [l]):
                path = os.path.join(out, s_, part, "results.json")
                for r in json.load(open(path)) if os.path.isfile(path) else []:
                    if r["seed"] not in taken and (seeds is None or r["seed"] in seeds) and r.get("fit_seconds") is not None:
                        taken.add(r["seed"])
                        fits.append(r["fit_seconds"])
        if fits:
            print(f"  {l}: median {statistics.median(fits):.0f} s over {len(fits)} runs (min {min(fits):.0f}, max {max(fits):.0f})")


if paired is not None:
    a_, b_ = paired
    for title, group in (("ADBench", lambda s_: s_ not in PAPER_AND_TOYS), ("all", lambda s_: True)):
        per_set = {}  # set -> A − B per common seed
        for s_ in sorted({s_ for (s_, _) in by_seed}):
            if not group(s_) or (s_, a_) not in by_seed or (s_, b_) not in by_seed:
                continue
            ra, rb = by_seed[(s_, a_)], by_seed[(s_, b_)]
            d = [ra[sd][key_index] - rb[sd][key_index] for sd in sorted(set(ra) & set(rb))
                 if ra[sd][key_index] is not None and rb[sd][key_index] is not None]
            if d:
                per_set[s_] = d
        pairs = sum(len(d) for d in per_set.values())
        ahead_pairs = sum(1 for d in per_set.values() for x in d if x > 0)
        print()
        if not per_set:
            print(f"paired {a_} − {b_} ({title}): no set both have")
            continue
        # Several sets: a set's mean difference is a sample. One set: its seeds are the samples.
        one = len(per_set) == 1
        samples = next(iter(per_set.values())) if one else [statistics.fmean(d) for d in per_set.values()]
        if len(samples) < 2:
            print(f"paired {a_} − {b_} ({title}): one set and one seed both have, nothing to compare the gap with")
            continue
        mdiff, se = statistics.fmean(samples), statistics.stdev(samples) / len(samples) ** 0.5
        head = f"one set ({next(iter(per_set))}), {pairs} seeds" if one else f"{len(samples)} sets, {pairs} (set, seed) pairs"
        counts = (f"{a_} ahead on {ahead_pairs} of {pairs} seeds" if one else
                  f"{a_} ahead on {sum(1 for v in samples if v > 0)} sets, behind on {sum(1 for v in samples if v < 0)}, "
                  f"even on {sum(1 for v in samples if v == 0)}; ahead on {ahead_pairs} of {pairs} pairs")
        print(f"paired {a_} − {b_} ({title}, {key}): {head}; mean difference {mdiff:+.4f}, standard error {se:.4f}"
              f"{' over seeds' if one else ''} (about {mdiff - 2 * se:+.4f} to {mdiff + 2 * se:+.4f}); {counts}")
