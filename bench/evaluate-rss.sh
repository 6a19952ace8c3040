#!/usr/bin/env bash
# Peak RSS and wall time of `forecast evaluate`, two jars interleaved on the same model and file
# (e.g. before/after a change). Prints one tab-separated line per run: jar, run, peak RSS (KiB), wall s,
# test MSE. Build the "before" jar from a commit with:
#   git worktree add /tmp/before COMMIT && (cd /tmp/before && mvn -B -q -DskipTests package)
# Usage: bench/evaluate-rss.sh BEFORE_JAR AFTER_JAR MODEL_DIR DATA_CSV [REPEAT (default 3)] [THREADS (default 2)]
set -euo pipefail
BEFORE="$1"; AFTER="$2"; MODEL="$3"; DATA="$4"; REPEAT="${5:-3}"; THREADS="${6:-2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$ROOT/target/djl-cache}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
printf 'jar\trun\tpeak_rss_kib\twall_s\ttest_mse\n'
for r in $(seq 1 "$REPEAT"); do
  for side in before after; do
    jar="$BEFORE"; [ "$side" = after ] && jar="$AFTER"
    /usr/bin/time -f '%M %e' -o "$TMP/time" java -Dai.djl.offline=true -jar "$jar" evaluate --model "$MODEL" \
      --data "$DATA" --threads "$THREADS" > "$TMP/out.json" 2> "$TMP/err.log"
    read -r rss wall < "$TMP/time"
    mse="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['test']['mse'])" "$TMP/out.json")"
    printf '%s\t%s\t%s\t%s\t%s\n' "$side" "$r" "$rss" "$wall" "$mse"
  done
done
