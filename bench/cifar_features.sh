#!/usr/bin/env bash
# Table I on ResNet-18 features (issue 13): every detector with its defaults on the 512 features of each image
# (--features resnet18; tabular rows, standard scaler; the GAN family's tabular recipe, no --budget), JPEG-degraded
# CIFAR-10, seeds 0-2 by default. The first run on a machine builds the feature cache (60,000 images).
# Usage: bench/cifar_features.sh [OUT] [CLASSES] [DETECTORS] [SEEDS] [EXTRA evaluate ARGS]
#   e.g. bench/cifar_features.sh runs-feat "0 1 2 3 4 5 6 7 8 9" "knn lof iforest" 0,1,2
#        bench/cifar_features.sh runs-feat-l2 "0 1 2 3 4 5 6 7 8 9" "knn lof" 0,1,2 "--scaler l2"
# Then:  /usr/bin/python3 bench/cifar_features_table.py OUT [--markdown]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-runs-feat}; CLASSES=${2:-"0 1 2 3 4 5 6 7 8 9"}
DETECTORS=${3:-"knn lof iforest ocsvm ae vae gan minlgan eminlgan1 eminlgan2"}; SEEDS=${4:-0,1,2}
read -r -a EXTRA <<< "${5:-}"
# MINLGAN_DLL: a copy of the Release build to run (so the tree can be rebuilt while a long table runs).
M=(dotnet "${MINLGAN_DLL:-src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll}")
[ -f "${M[1]}" ] || dotnet build -c Release src/MinLGan.Cli >/dev/null
for k in $CLASSES; do
  for d in $DETECTORS; do
    dir="$OUT/cifar10-$k/$d"
    [ -f "$dir/results.json" ] && continue   # reruns finish what is missing
    mkdir -p "$dir"
    /usr/bin/time -f "wall %e s, peak RSS %M KB" "${M[@]}" evaluate --protocol "cifar10-$k" --detector "$d" --features resnet18 \
      --seeds "$SEEDS" --no-plots --out "$dir" --force "${EXTRA[@]}" > "$dir/log.txt" 2>&1 || echo "cifar10-$k $d failed: see $dir/log.txt"
  done
done
