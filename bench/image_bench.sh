#!/usr/bin/env bash
# Image (CIFAR-10) speed and memory, printed (never asserted). Run on an otherwise idle machine.
#   1. the MinLGAN step of dcgan-small and improved-gan against a bare TorchSharp loop (training images/s, scoring images/s)
#   2. wall time and peak RSS of one class under the cpu budget:
#      minlgan evaluate --protocol cifar10-3 --detector eminlgan2 --budget cpu --seeds 0   (goal: RSS under 2 GB)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/MinLGan.Cli >/dev/null
M=(dotnet src/MinLGan.Cli/bin/Release/net10.0/minlgan.dll)
OUT=${BENCH_OUT:-/tmp/minlgan-image-bench}
echo "== 1. the MinLGAN step of both presets"
dotnet run -c Release --project bench/MinLGan.TorchBench -- images 3 dcgan-small
dotnet run -c Release --project bench/MinLGan.TorchBench -- images 1 improved-gan
echo "== 2. cifar10-3 eminlgan2 --budget cpu, seed 0"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "${M[@]}" evaluate --protocol cifar10-3 --detector eminlgan2 --budget cpu --seeds 0 \
  --out "$OUT/cifar10-3-eminlgan2" --force 2>&1 | grep -vE "^seed 0 member" | tail -4
