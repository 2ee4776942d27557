#!/usr/bin/env bash
# Peak resident memory of one CLI run with the native heap trimmed (NativeHeap: malloc_trim at most once a second
# between steps and epochs, and after every member; the default) and without it
# (MINLGAN_MALLOC_TRIM=0), side by side, alternating, REPS times each; prints each run, then medians and ratios.
# RSS is sampled from /proc every second as well (OUT/<variant>-<rep>.rss: seconds, KB) to show the curve.
# Usage: bench/rss_probe.sh [REPS] [OUT] [minlgan evaluate args...]
#   default args: --protocol cifar10-3 --detector minlgan --budget cpu --param epochs=2 --seeds 0
# Needs MINLGAN_DATA (or ../shared/data); MINLGAN_DLL picks a copy of the Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-1}; OUT=${2:-runs-rss}; shift $(( $# < 2 ? $# : 2 ))
ARGS=("$@"); [ ${#ARGS[@]} -gt 0 ] || ARGS=(--protocol cifar10-3 --detector minlgan --budget cpu --param epochs=2 --seeds 0)
M=(dotnet "${MINLGAN_DLL:-src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll}")
[ -f "${M[1]}" ] || dotnet build -c Release src/MinLGan.Cli >/dev/null
mkdir -p "$OUT"
run() { # variant rep trim
  local tag="$OUT/$1-$2"
  MINLGAN_MALLOC_TRIM=$3 /usr/bin/time -f "%e %M" -o "$tag.time" "${M[@]}" evaluate "${ARGS[@]}" --out "$tag.run" --force > "$tag.log" 2>&1 &
  local pid=$! t0; t0=$(date +%s); : > "$tag.rss"
  while kill -0 $pid 2>/dev/null; do
    for c in $(pgrep -P $pid || true); do awk -v t=$(( $(date +%s) - t0 )) '/VmRSS/{print t, $2}' /proc/$c/status 2>/dev/null >> "$tag.rss" || true; done
    sleep 1
  done
  wait $pid
  read -r wall peak < "$tag.time"
  printf '%-8s rep %d: wall %7.1f s, peak RSS %8d KB\n' "$1" "$2" "$wall" "$peak"
  echo "$1 $wall $peak" >> "$OUT/summary.txt"
}
: > "$OUT/summary.txt"
echo "args: ${ARGS[*]}"
for r in $(seq 1 "$REPS"); do run trim "$r" 1; run notrim "$r" 0; done
/usr/bin/python3 - "$OUT/summary.txt" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
med = {v: (st.median(float(r[1]) for r in rows if r[0] == v), st.median(int(r[2]) for r in rows if r[0] == v)) for v in ("trim", "notrim")}
for v, (w, m) in med.items(): print(f"median {v:7s}: wall {w:7.1f} s, peak RSS {m / 1024:7.0f} MB")
print(f"ratio trim/notrim: wall {med['trim'][0] / med['notrim'][0]:.2f}, peak RSS {med['trim'][1] / med['notrim'][1]:.2f}")
PY
