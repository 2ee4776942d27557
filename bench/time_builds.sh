#!/usr/bin/env bash
# How long does one evaluate command take with two builds? Runs it REPS times with each build, alternating (before,
# after, before, ...; never side by side), and prints each run's fit seconds (from results.json) and wall seconds,
# then the medians and the ratio after/before, and whether every run's scores-SEED.csv are byte-identical to the
# first before-run's. Asserts nothing.
# Usage: bench/time_builds.sh BEFORE.dll AFTER.dll REPS OUT evaluate-args...
#   e.g. bench/time_builds.sh /work/suitebin/v24/minlgan.dll src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll 3 /tmp/tb \
#          --protocol csv --input ../shared/data/adbench/breastw.csv.gz --label-column is_anomaly --normal-label 0 \
#          --detector minlgan --seeds 0
# Needs MINLGAN_DATA (or ../shared/data) for the protocols that read data.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=$1; AFTER=$2; REPS=$3; OUT=$4; shift 4
mkdir -p "$OUT"
: > "$OUT/summary.txt"
for r in $(seq 1 "$REPS"); do
  for side in before after; do
    dll=$BEFORE; [ $side = after ] && dll=$AFTER
    run="$OUT/$side-$r"
    /usr/bin/time -f "%e" -o "$run.time" dotnet "$dll" evaluate "$@" --no-plots --out "$run" --force >"$run.log" 2>&1
    fit=$(/usr/bin/python3 -c "import json,sys; print(sum(r['fit_seconds'] for r in json.load(open(sys.argv[1]))))" "$run/results.json")
    same=yes
    for f in "$OUT/before-1"/scores-*.csv; do cmp -s "$f" "$run/$(basename "$f")" || same=no; done
    printf '%-6s rep %d: fit %8.1f s, wall %8.1f s, scores equal to before-1: %s\n' "$side" "$r" "$fit" "$(cat "$run.time")" "$same"
    echo "$side $fit $(cat "$run.time") $same" >> "$OUT/summary.txt"
  done
done
/usr/bin/python3 - "$OUT/summary.txt" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
med = {s: (st.median(float(r[1]) for r in rows if r[0] == s), st.median(float(r[2]) for r in rows if r[0] == s)) for s in ("before", "after")}
for s, (f, w) in med.items(): print(f"median {s:6s}: fit {f:8.1f} s, wall {w:8.1f} s")
print(f"ratio after/before: fit {med['after'][0] / med['before'][0]:.2f}, wall {med['after'][1] / med['before'][1]:.2f}; "
      f"scores identical in {sum(r[3] == 'yes' for r in rows)} of {len(rows)} runs")
PY
