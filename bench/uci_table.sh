#!/usr/bin/env bash
# The README's GAN-family table on one UCI protocol, seeds 0-2, hyper-parameters chosen on the holdout only:
#   gan      : per seed, lr in {3e-4, 1e-3} by holdout AUC
#   minlgan  : per seed, a in {0.001, 0.01, 0.1, 1} x lr in {3e-4, 1e-3} by holdout AUC
#   eminlgan1/eminlgan2 (N = 10): per seed, the a and lr that minlgan's holdout grid chose for that seed
# Every member keeps its best epoch on the holdout (the paper's termination rule).
# Usage: bench/uci_table.sh PROTOCOL EPOCHS [OUT] [SCALER]   e.g. bench/uci_table.sh shu-a 20 runs
#        SCALER is standard (default), minmax or none
# Then:  /usr/bin/python3 bench/uci_table.py OUT
set -euo pipefail
cd "$(dirname "$0")/.."
P=$1; E=$2; OUT=${3:-runs}; S=${4:-standard}
mkdir -p "$OUT"   # the logs below are written there before any run makes it
M=(dotnet src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll)
[ -f "${M[1]}" ] || dotnet build -c Release src/MinLGan.Cli >/dev/null
"${M[@]}" evaluate --protocol "$P" --scaler "$S" --detector gan --seeds 0,1,2 --param epochs="$E" --grid lr=0.0003,0.001 --out "$OUT/$P-gan" --force 2>"$OUT/$P-gan.log"
"${M[@]}" evaluate --protocol "$P" --scaler "$S" --detector minlgan --seeds 0,1,2 --param epochs="$E" --grid a=0.001,0.01,0.1,1 --grid lr=0.0003,0.001 --out "$OUT/$P-minlgan" --force 2>"$OUT/$P-minlgan.log"
for s in 0 1 2; do
  read -r a lr < <(/usr/bin/python3 -c "import json,sys; r=[x for x in json.load(open('$OUT/$P-minlgan/results.json')) if x['seed']==$s][0]; print(r['options']['a'], r['options']['lr'])")
  for d in eminlgan1 eminlgan2; do
    "${M[@]}" evaluate --protocol "$P" --scaler "$S" --detector "$d" --seeds "$s" --param epochs="$E" --param a="$a" --param lr="$lr" --out "$OUT/$P-$d/seed-$s" --force 2>"$OUT/$P-$d-$s.log"
  done
done
