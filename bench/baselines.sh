#!/usr/bin/env bash
# Baseline accuracy: every classic baseline and OLinear (fast preset) at 96→96 on ETTh1, ETTh2,
# ETTm1, ETTm2, weather, exchange_rate, and 36→24 on national_illness. Runs from a snapshot of the
# jar (bench-out/baselines/forecast.jar) so rebuilding meanwhile changes nothing; one JSON per run in
# bench-out/baselines/<data>_<seq>_<pred>_<type>.json, then a summary table (tab-separated) on stdout.
# Sequential. Usage: bench/baselines.sh [DATA_DIR (default ../shared/data)] [THREADS (default 2)] [TYPE ...]
# Environment: RUNS="NAME:SEQ:PRED ..." replaces the default runs; OUT_NAME (default baselines) names
# the bench-out folder (the horizon benchmark: bench/horizons.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/../shared/data}"
THREADS="${2:-2}"
shift $(( $# > 2 ? 2 : $# )) || true
TYPES=("$@")
[ ${#TYPES[@]} -gt 0 ] || TYPES=(naive seasonal-naive mean linear nlinear dlinear rlinear olinear)
OUT="$ROOT/bench-out/${OUT_NAME:-baselines}"
mkdir -p "$OUT"
"$ROOT/forecast" --version >/dev/null            # builds the jar if it is missing or stale
cp "$ROOT/api/cli/target/forecast.jar" "$OUT/forecast.jar"
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/target/djl-cache}"
if [ -n "${RUNS:-}" ]; then read -r -a RUNS <<< "$RUNS"; else
  RUNS=(ETTh1:96:96 ETTh2:96:96 ETTm1:96:96 ETTm2:96:96 weather:96:96 exchange_rate:96:96 national_illness:36:24)
fi
for run in "${RUNS[@]}"; do
  IFS=: read -r name seq pred <<< "$run"
  for type in "${TYPES[@]}"; do
    tag="${name}_${seq}_${pred}_${type}"
    [ -s "$OUT/$tag.json" ] && continue
    extra=()
    # seasonal-naive needs a whole season in the input: weekly ILI has 52, more than its 36 rows
    if [ "$type" = seasonal-naive ] && [ "$name" = national_illness ]; then extra=(--set period=36); fi
    # ILI is tiny (617 rows): the TSLib scripts use batch 32 and the same optimiser settings
    echo "$(date -u +%FT%TZ) start $tag" >&2
    java -Dai.djl.offline=true -jar "$OUT/forecast.jar" train --model-type "$type" --data "$DATA/$name.csv" \
      --seq-len "$seq" --pred-len "$pred" --threads "$THREADS" --no-progress --overwrite "${extra[@]}" \
      --out "$OUT/models/$tag" > "$OUT/$tag.json.part" 2> "$OUT/$tag.log" \
      && mv "$OUT/$tag.json.part" "$OUT/$tag.json" || echo "$tag failed, see $OUT/$tag.log" >&2
  done
done
printf 'data\tseq\tpred\ttype\tmse\tmae\tepochs\tbest\tseconds/epoch\n'
for f in "$OUT"/*.json; do
  python3 - "$f" <<'PY'
import json, sys, os
j = json.load(open(sys.argv[1]))
tag = os.path.basename(sys.argv[1])[:-5]
name, seq, pred, typ = tag.split('_')[0:-3] and ('_'.join(tag.split('_')[:-3]),) + tuple(tag.split('_')[-3:])
print(f"{name}\t{seq}\t{pred}\t{typ}\t{j['test']['mse']:.4f}\t{j['test']['mae']:.4f}\t{j['epochsRun']}\t{j['bestEpoch']}\t{j['secondsPerEpochMedian']}")
PY
done
