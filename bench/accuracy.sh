#!/usr/bin/env bash
# Paper-preset accuracy runs (OLinear, seq_len 96): ETTh1 at 96/192/336/720, ETTm1 and weather at 96.
# Runs from a snapshot of the jar (bench-out/forecast.jar) so that rebuilding the project while it
# runs changes nothing. Each run: `forecast train --preset paper`, JSON to bench-out/<run>.json,
# stderr and /usr/bin/time -v (peak RSS) to bench-out/<run>.log. Sequential; hours on 2 cores.
# Usage: bench/accuracy.sh [DATA_DIR (default ../shared/data)] [THREADS (default 2)] [NAME:HORIZON ...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/data}"
THREADS="${2:-2}"
shift $(( $# > 2 ? 2 : $# )) || true
RUNS=("$@")
[ ${#RUNS[@]} -gt 0 ] || RUNS=(ETTh1:96 ETTh1:192 ETTh1:336 ETTh1:720 ETTm1:96 weather:96)
OUT="$ROOT/bench-out"
mkdir -p "$OUT"
"$ROOT/forecast" --version >/dev/null            # builds the jar if it is missing or stale
cp "$ROOT/api/cli/target/forecast.jar" "$OUT/forecast.jar"
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/target/djl-cache}"
for run in "${RUNS[@]}"; do
  name="${run%%:*}"; h="${run##*:}"
  tag="${name}_96_${h}"
  echo "$(date -u +%FT%TZ) start $tag" >&2
  /usr/bin/time -v java -Dai.djl.offline=true -jar "$OUT/forecast.jar" train --data "$DATA/$name.csv" \
    --seq-len 96 --pred-len "$h" --preset paper --threads "$THREADS" --no-progress --overwrite \
    --out "$OUT/models/$tag" > "$OUT/$tag.json" 2> "$OUT/$tag.log" || echo "$tag failed, see $OUT/$tag.log" >&2
  echo "$(date -u +%FT%TZ) done $tag" >&2
done
