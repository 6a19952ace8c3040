#!/usr/bin/env bash
# Two jars' training iterations, alternating: `forecast bench train-step --phases` of OLD then NEW, ROUNDS
# times (ETTh1 96->96, paper preset, shortcut path, 10 warm-up + ITERATIONS timed iterations per process), with
# the launcher's JVM and allocator settings. Prints per process the median s/iteration and the wall ms of the
# forward, backward and optimiser phases (CPU ms of the calling thread with CPU=1, meaningful at THREADS=1).
#   bench/ab-train-step.sh OLD.jar NEW.jar [ROUNDS=5] [THREADS=2]      (env: DATA, ITERATIONS, CPU)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OLD="${1:?usage: bench/ab-train-step.sh OLD.jar NEW.jar [ROUNDS] [THREADS]}"
NEW="${2:?usage: bench/ab-train-step.sh OLD.jar NEW.jar [ROUNDS] [THREADS]}"
ROUNDS="${3:-5}"
THREADS="${4:-2}"
DATA="${DATA:-$ROOT/../shared/data/ETTh1.csv}"
KEY=phaseMillisMedian
[ "${CPU:-0}" = 1 ] && KEY=phaseCpuMillisMedian
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/target/djl-cache}" ENGINE_CACHE_DIR="${ENGINE_CACHE_DIR:-$ROOT/target/djl-cache}"
for r in $(seq 1 "$ROUNDS"); do
  for side in old new; do
    jar="$OLD"; [ "$side" = new ] && jar="$NEW"
    printf 'round %s %s load %s ' "$r" "$side" "$(cut -d' ' -f1 /proc/loadavg)"
    java -XX:+UseSerialGC -Xmn16m -Dai.djl.offline=true -jar "$jar" bench train-step --data "$DATA" \
        --threads "$THREADS" --shortcut-only --phases --rounds 1 --warmup 10 --iterations "${ITERATIONS:-60}" 2>/dev/null \
      | python3 -c "import json,sys; d=json.load(sys.stdin); p=d['$KEY']; print('s/it %.4f  $KEY: forward %.1f backward %.1f optimiser %.1f' % (d['secondsPerIterationShortcutMedian'], p['FORWARD'], p['BACKWARD'], p['OPTIMIZER']))"
  done
done
