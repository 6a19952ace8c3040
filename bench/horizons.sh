#!/usr/bin/env bash
# The horizon benchmark of the evaluation issue: OLinear (fast preset), DLinear, RLinear and seasonal
# naive at the four published horizons (96, 192, 336, 720; ILI with look-back 36 at 24, 36, 48, 60) on
# ETTh1, ETTh2, ETTm1, ETTm2, weather and exchange_rate, with the split-conformal 80/95 % intervals
# (calibrated on validation, coverage measured on test; both in each run's JSON under "conformal").
# One `forecast train` per run through bench/baselines.sh; results in bench-out/horizons/, then
# bench/horizons-table.py builds the Markdown table next to the published values.
# Usage: bench/horizons.sh [DATA_DIR] [THREADS (default 1)]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=""
for name in ETTh1 ETTh2 exchange_rate; do
  for h in 96 192 336 720; do runs+="$name:96:$h "; done
done
for h in 24 36 48 60; do runs+="national_illness:36:$h "; done
for name in ETTm2 ETTm1 weather; do
  for h in 96 192 336 720; do runs+="$name:96:$h "; done
done
RUNS="$runs" OUT_NAME=horizons exec "$ROOT/bench/baselines.sh" "${1:-$ROOT/../shared/data}" "${2:-1}" \
  seasonal-naive dlinear rlinear olinear
