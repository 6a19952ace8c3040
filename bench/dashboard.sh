#!/usr/bin/env bash
# The dashboard benchmark: first load (bytes, time to the first page drawn) in a fresh headless
# Chromium, and click-on-Forecast → charts drawn for a DLinear 96→96 model, against a real
# `forecast serve` (io.forecast.api.ui.DashboardBenchmark). Needs chromium + chromium-driver.
# Usage: bench/dashboard.sh [OUT.md]    (LOADS=5 FORECASTS=10 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-bench-out/dashboard.md}")"
mkdir -p "$(dirname "$out")"
mvn -o -q -pl api/cli -am test -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Djacoco.skip=true -Dforecast.bench.dashboard="$out" -Dforecast.bench.loads="${LOADS:-5}" \
  -Dforecast.bench.forecasts="${FORECASTS:-10}"
cat "$out"
