#!/usr/bin/env bash
# The README's baseline rows (ocsvm, ae, vae) on shu-a, kdd-a and cov-b, seeds 0-2, z-scored features:
#   ocsvm : scikit-learn/LIBSVM defaults (rbf, nu 0.5, gamma scale, tol 1e-3) on a seeded 20,000 of the training rows
#           (--max-train 20000; the solver's work grows with rows squared, as the paper's LIBSVM runs did)
#   ae/vae: default network (hidden 128-64, latent 16, 20 epochs, batch 256); per seed lr in {3e-4, 1e-3} by holdout
#           AUC (the GAN family's grid), and the epoch with the best holdout AUC kept (the paper's termination)
# Usage: bench/baselines_table.sh [OUT] [SCALER] [PROTOCOL ...]   e.g. bench/baselines_table.sh runs-base
# Then:  /usr/bin/python3 bench/uci_table.py OUT
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-runs-base}; S=${2:-standard}; shift $(( $# > 2 ? 2 : $# ))
PROTOCOLS=("$@"); [ ${#PROTOCOLS[@]} -gt 0 ] || PROTOCOLS=(shu-a kdd-a cov-b)
M=(dotnet src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll)
[ -f "${M[1]}" ] || dotnet build -c Release src/MinLGan.Cli >/dev/null
mkdir -p "$OUT"
for P in "${PROTOCOLS[@]}"; do
  "${M[@]}" evaluate --protocol "$P" --scaler "$S" --detector ocsvm --seeds 0,1,2 --max-train 20000 --out "$OUT/$P-ocsvm" --force 2>"$OUT/$P-ocsvm.log"
  for d in ae vae; do
    "${M[@]}" evaluate --protocol "$P" --scaler "$S" --detector "$d" --seeds 0,1,2 --grid lr=0.0003,0.001 --out "$OUT/$P-$d" --force 2>"$OUT/$P-$d.log"
  done
done
