#!/usr/bin/env bash
# Training cost against the number of variates and the horizon: `forecast bench train-step` (paper preset,
# one PyTorch thread, rank-1 shortcut only, per-phase wall and CPU times) under /usr/bin/time -v for the
# peak RSS, on ETTh1 (N = 7), weather (N = 21) and synthetic ECL-sized (321 × 26,304) and Traffic-sized
# (862 × 17,544) series at horizons 96 and 720. Results: one JSON and one time(1) report per run in OUT;
# bench/scale-table.py OUT prints the table. Finished runs are skipped (resumable).
#
# Usage: bench/scale.sh [JAR] [DATA_DIR] [OUT] [SYNTH_DIR]
#   JAR defaults to api/cli/target/forecast.jar; DATA_DIR to ../shared/data; OUT to bench-out/scale;
#   SYNTH_DIR (default /tmp/forecast-synthetic) receives the generated electricity.csv and traffic.csv.
# Env: THREADS (PyTorch threads, default 1), JAVA_OPTS (default -Xmx4g), ONLY ("name-horizon ..." to run a subset).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${1:-$ROOT/api/cli/target/forecast.jar}"
DATA="${2:-$ROOT/../shared/data}"
OUT="${3:-$ROOT/bench-out/scale}"
SYNTH="${4:-/tmp/forecast-synthetic}"
mkdir -p "$OUT" "$SYNTH"
[ -f "$SYNTH/electricity.csv" ] || /usr/bin/python3 "$ROOT/bench/synthetic-series.py" "$SYNTH/electricity.csv" 321 26304 1
[ -f "$SYNTH/traffic.csv" ] || /usr/bin/python3 "$ROOT/bench/synthetic-series.py" "$SYNTH/traffic.csv" 862 17544 2
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/target/djl-cache}" ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$ROOT/target/djl-cache}"
run() { # name file horizon warmup iterations
  [ -s "$OUT/$1-$3.json" ] && return
  [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1-$3 "* ]] || return 0
  echo "$(date -u +%H:%M:%S) start $1 $3 load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/log"
  # shellcheck disable=SC2086
  /usr/bin/time -v nice java ${JAVA_OPTS:--Xmx4g} -Dai.djl.offline=true -jar "$JAR" bench train-step --data "$2" --pred-len "$3" \
    --threads "${THREADS:-1}" --shortcut-only --phases --rounds 1 --warmup "$4" --iterations "$5" > "$OUT/$1-$3.json" 2> "$OUT/$1-$3.err" \
    || echo "run $1 $3 failed, see $OUT/$1-$3.err" >&2
  echo "$(date -u +%H:%M:%S) end $1 $3 load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/log"
}
for h in 96 720; do
  run etth1 "$DATA/ETTh1.csv" $h 3 10
  run weather "$DATA/weather.csv" $h 2 6
done
run electricity "$SYNTH/electricity.csv" 96 1 2
run traffic "$SYNTH/traffic.csv" 96 1 1
run electricity "$SYNTH/electricity.csv" 720 1 2
run traffic "$SYNTH/traffic.csv" 720 1 1
