#!/usr/bin/env bash
# GAN-family speed and memory, printed (never asserted). Run on an otherwise idle machine.
#   1. the MinLGAN step against a bare TorchSharp loop (samples/s, loop overhead, RSS per epoch)
#   2. end-to-end wall time of `evaluate --protocol shu-a --detector eminlgan2` (N = 10, 20 epochs, seed 0)
#   3. peak RSS of `evaluate --protocol kdd-a --detector minlgan` (10 epochs, seed 0)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/MinLGan.Cli >/dev/null
M=(dotnet src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll)
OUT=${BENCH_OUT:-/tmp/minlgan-gan-bench}
echo "== 1. step: shu-a width (9 features) and kdd-a width (75 features)"
dotnet run -c Release --project bench/MinLGan.TorchBench -- 9 5
dotnet run -c Release --project bench/MinLGan.TorchBench -- 75 3
echo "== 2. shu-a eminlgan2, N = 10, 20 epochs, seed 0 (goal: under 5 minutes on 2 cores)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "${M[@]}" evaluate --protocol shu-a --detector eminlgan2 --seeds 0 \
  --param epochs=20 --param lr=0.001 --out "$OUT/shu-a-eminlgan2" --force 2>&1 | grep -vE "^seed 0 member" | tail -4
echo "== 3. kdd-a minlgan, 10 epochs, seed 0 (goal: peak RSS under 1.5 GB)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "${M[@]}" evaluate --protocol kdd-a --detector minlgan --seeds 0 \
  --param epochs=10 --param lr=0.001 --out "$OUT/kdd-a-minlgan" --force 2>&1 | grep -vE "^seed 0 member|^note" | tail -4
