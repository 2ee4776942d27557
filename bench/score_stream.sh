#!/usr/bin/env bash
# Streaming scoring (issue 16 item 3), printed (never asserted): `minlgan score` on a CSV of ROWS rows (default
# 5,000,000; 10 features and a label), for each detector: wall time, rows/s and peak RSS, in batches (the default) and,
# side by side, as one batch (--batch-rows ROWS: the whole file in memory, as scoring worked before batches).
# The models are trained on the first 20,000 rows' normal ones, seed 0, with each detector's defaults. The two modes
# alternate REPS times (default 3); each run is printed, then medians and the ratios whole/batches.
# Usage: bench/score_stream.sh [ROWS] [OUT] [DETECTORS] [REPS]   e.g. bench/score_stream.sh 5000000 /tmp/stream "iforest eminlgan2" 3
# The input is made by a seeded numpy generator (about 560 MB); OUT keeps it between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-5000000}; OUT=${2:-/tmp/minlgan-score-stream}; DETECTORS=${3:-"iforest eminlgan2"}; REPS=${4:-3}
M=(dotnet "${MINLGAN_DLL:-src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll}")
[ -f "${M[1]}" ] || dotnet build -c Release src/MinLGan.Cli >/dev/null
mkdir -p "$OUT"
BIG="$OUT/rows-$ROWS.csv"; TRAIN="$OUT/train.csv"
if [ ! -f "$BIG" ]; then
  /usr/bin/python3 - "$BIG" "$ROWS" <<'PY'
import sys, numpy as np
path, rows = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(0)
# Normal rows: a correlated Gaussian; anomalies (1%): shifted in two features and wider.
mix = rng.normal(size=(10, 10)) / 3 + np.eye(10)
with open(path + ".part", "w") as f:
    f.write(",".join(f"x{j}" for j in range(10)) + ",kind\n")
    for start in range(0, rows, 250_000):
        n = min(250_000, rows - start)
        bad = rng.random(n) < 0.01
        x = rng.normal(size=(n, 10)) @ mix
        x[bad, :2] += 4
        x[bad] *= 1.5
        lines = [",".join(f"{v:.5g}" for v in row) + (",bad" if b else ",ok") for row, b in zip(x, bad)]
        f.write("\n".join(lines) + "\n")
import os; os.replace(path + ".part", path)
PY
fi
head -n 20001 "$BIG" > "$TRAIN"
printf 'input: %s, %d rows, %s\n' "$BIG" "$ROWS" "$(du -h "$BIG" | cut -f1)"
: > "$OUT/summary.txt"
for d in $DETECTORS; do
  model="$OUT/$d.minlgan"
  [ -f "$model" ] || "${M[@]}" train --input "$TRAIN" --label-column kind --normal-label ok --detector "$d" --seed 0 --model "$model" > "$OUT/$d-train.log" 2>&1
  for rep in $(seq 1 "$REPS"); do
    for mode in batches whole; do
      extra=(); [ "$mode" = whole ] && extra=(--batch-rows "$ROWS")
      /usr/bin/time -f "%e %M" -o "$OUT/$d-$mode.time" "${M[@]}" score --model "$model" --input "$BIG" --output "$OUT/$d-$mode.csv" --force "${extra[@]}" \
        > "$OUT/$d-$mode.log" 2>&1 || { echo "$d $mode failed: see $OUT/$d-$mode.log"; continue; }
      read -r wall peak < "$OUT/$d-$mode.time"
      printf '%-10s %-8s rep %d: wall %7.1f s, %9.0f rows/s, peak RSS %6.0f MB\n' "$d" "$mode" "$rep" "$wall" "$(echo "$ROWS / $wall" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
      echo "$d $mode $wall $peak" >> "$OUT/summary.txt"
    done
    cmp -s "$OUT/$d-batches.csv" "$OUT/$d-whole.csv" && echo "$d: batched and whole outputs are byte-identical" || echo "$d: OUTPUTS DIFFER"
    rm -f "$OUT/$d-whole.csv"
  done
done
/usr/bin/python3 - "$OUT/summary.txt" "$ROWS" <<'PY'
import sys, statistics as st
rows, n = [l.split() for l in open(sys.argv[1])], int(sys.argv[2])
for d in dict.fromkeys(r[0] for r in rows):
    med = {m: (st.median(float(r[2]) for r in rows if r[:2] == [d, m]), st.median(int(r[3]) for r in rows if r[:2] == [d, m])) for m in ("batches", "whole")}
    for m, (w, kb) in med.items():
        print(f"median {d:10s} {m:8s}: wall {w:7.1f} s, {n / w:9.0f} rows/s, peak RSS {kb / 1024:6.0f} MB")
    print(f"ratio  {d:10s} whole/batches: wall {med['whole'][0] / med['batches'][0]:.2f}, peak RSS {med['whole'][1] / med['batches'][1]:.2f}")
PY
