#!/usr/bin/env bash
# The development suite (issue 12): one detector recipe on the 22 ADBench sets in $MINLGAN_DATA/adbench (or
# ../shared/data/adbench), plus shu-a, kdd-a, cov-b, circles and moons; seeds 0-2 unless SEEDS is set.
# Each (set, label) goes to OUT/SET/LABEL/results.json; a cell whose results.json exists is reused, not rerun.
#
# Usage: bench/suite.sh OUT LABEL DETECTOR [more evaluate arguments...]
#   e.g. bench/suite.sh runs-suite iforest iforest
#        bench/suite.sh runs-suite minlgan-sum minlgan --param reduction=sum
# Environment: SETS="breastw wbc shu-a" limits the sets; SEEDS=0,1,2; MINLGAN="dotnet path/to/minlgan.dll" picks a build.
# Then: /usr/bin/python3 bench/suite_table.py OUT [LABEL...]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$1; LABEL=$2; DET=$3; shift 3
DATA=${MINLGAN_DATA:-$(cd .. && pwd)/shared/data}
SEEDS=${SEEDS:-0,1,2}
if [ -n "${MINLGAN:-}" ]; then read -r -a M <<<"$MINLGAN"; else
  M=(dotnet src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll)
  [ -f "${M[1]}" ] || dotnet build -c Release src/MinLGan.Cli >/dev/null
fi
ADBENCH=(breastw fault glass hepatitis ionosphere letter lymphography pageblocks pima spambase stamps vertebral vowels
  waveform wbc wdbc wilt wine wpbc yeast magic.gamma campaign)
ALL=("${ADBENCH[@]}" shu-a kdd-a cov-b circles moons)
read -r -a SETLIST <<<"${SETS:-${ALL[*]}}"
for s in "${SETLIST[@]}"; do
  dir="$OUT/$s/$LABEL"
  [ -f "$dir/results.json" ] && continue
  rm -rf "$dir.part"; mkdir -p "$dir.part"
  case "$s" in
    shu-a|kdd-a|cov-b|circles|moons) src=(--protocol "$s") ;;
    *) src=(--protocol csv --input "$DATA/adbench/$s.csv.gz" --label-column is_anomaly --normal-label 0) ;;
  esac
  start=$(date +%s)
  if MINLGAN_DATA="$DATA" "${M[@]}" evaluate "${src[@]}" --detector "$DET" --seeds "$SEEDS" --no-plots --out "$dir.part" --force "$@" \
      >"$dir.part/stdout.txt" 2>"$dir.part/stderr.txt"; then
    rm -rf "$dir"; mv "$dir.part" "$dir"   # a cell counts as done only when every seed finished
    echo "$s $LABEL: $(grep -m1 'mean ± std' "$dir/stdout.txt") [$(( $(date +%s) - start )) s]"
  else
    echo "$s $LABEL: FAILED (see $dir.part/stderr.txt)"
  fi
done
