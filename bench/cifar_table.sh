#!/usr/bin/env bash
# Table I on JPEG-degraded CIFAR-10: one seed (0) per class and detector; pixels (x - 127.5)/128, no scaler.
#   iforest, ocsvm : defaults, flattened pixels, all 5,000 training images of the class
#   gan, minlgan, eminlgan2 : --budget cpu (dcgan-small, 10 epochs, batch 64, z 100; eminlgan2 with 3 members)
# Usage: bench/cifar_table.sh [OUT] [CLASSES] [DETECTORS]   e.g. bench/cifar_table.sh runs-cifar "0 1 2" "iforest ocsvm"
# Then:  /usr/bin/python3 bench/cifar_table.py OUT
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-runs-cifar}; CLASSES=${2:-"0 1 2 3 4 5 6 7 8 9"}; DETECTORS=${3:-"iforest ocsvm gan minlgan eminlgan2"}
# MINLGAN_DLL: a copy of the Release build to run (so the tree can be rebuilt while a long table runs).
M=(dotnet "${MINLGAN_DLL:-src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll}")
[ -f "${M[1]}" ] || dotnet build -c Release src/MinLGan.Cli >/dev/null
mkdir -p "$OUT"
for k in $CLASSES; do
  for d in $DETECTORS; do
    budget=(); case $d in gan|minlgan|eminlgan1|eminlgan2) budget=(--budget cpu);; esac
    /usr/bin/time -f "wall %e s, peak RSS %M KB" "${M[@]}" evaluate --protocol "cifar10-$k" --detector "$d" "${budget[@]}" --seeds 0 \
      --out "$OUT/cifar10-$k-$d" --force > "$OUT/cifar10-$k-$d.log" 2>&1
  done
done
