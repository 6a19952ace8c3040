#!/usr/bin/env bash
# REST load benchmark: `forecast serve` on 127.0.0.1 with an ETTh1 96->96 model, then
# `forecast bench http` at 1, 8 and 32 concurrent clients (10,000 requests each after a warm-up),
# p50/p90/p99, throughput, errors and the server's RSS before and after each level. The server is
# stopped when the script ends (also on error or Ctrl-C). Loopback only; bounded in requests and time.
# Output: bench-out/http.json (the bench's JSON), bench-out/serve.log (server log).
# Usage: bench/http.sh [PRESET (default fast)] [REQUESTS (default 10000)] [CLIENTS (default 1,8,32)]
# Env: PORT (default 18080), SERVE_THREADS (PyTorch threads per forecast, default 1),
#      FORECAST (the CLI to run, default ./forecast), SERVE (the CLI that trains and serves, default
#      FORECAST: e.g. an older jar's wrapper, to compare servers under the same load generator),
#      FORECAST_JAVA_OPTS (server JVM options).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRESET="${1:-fast}"
REQUESTS="${2:-10000}"
CLIENTS="${3:-1,8,32}"
PORT="${PORT:-18080}"
FORECAST="${FORECAST:-$ROOT/forecast}"
SERVE="${SERVE:-$FORECAST}"
OUT="$ROOT/bench-out"
STORE="$OUT/serve-models"
MODEL="etth1_96_96_$PRESET"
mkdir -p "$OUT" "$STORE"
if [ ! -f "$STORE/$MODEL/model.json" ]; then
  echo "$(date -u +%FT%TZ) training $MODEL (preset $PRESET)" >&2
  $SERVE train --data "$ROOT/data/demo/ETTh1.csv" --seq-len 96 --pred-len 96 --preset "$PRESET" --no-progress \
    --out "$STORE/$MODEL" > "$OUT/$MODEL.train.json"
fi
$SERVE serve --host 127.0.0.1 --port "$PORT" --store "$STORE" --threads "${SERVE_THREADS:-1}" > "$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fs -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; then break; fi
  kill -0 $SERVER 2>/dev/null || { echo "error: the server exited, see $OUT/serve.log" >&2; exit 1; }
  sleep 0.5
done
# The server JVM is a child of the launcher (exec): $SERVER is its pid.
echo "$(date -u +%FT%TZ) server $SERVER up; load test ($CLIENTS clients x $REQUESTS requests)" >&2
$FORECAST bench http --url "http://127.0.0.1:$PORT" --model "$MODEL" --data "$ROOT/data/demo/ETTh1.csv" \
  --clients "$CLIENTS" --requests "$REQUESTS" --warmup 1000 --pid "$SERVER" --max-seconds 600 > "$OUT/http.json"
cat "$OUT/http.json"
