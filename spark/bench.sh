#!/usr/bin/env bash
# Benchmark of the Spark jobs on this machine (spark/RESULTS.md): forecast throughput (series/s) and
# training throughput (models/min; dlinear and olinear's fast preset) at local[1] and local[2] on the
# many-series example derived from the benchmark files. Usage: spark/bench.sh [WORKDIR] (needs the
# built jar: mvn -B -pl spark -am package -DskipTests). Every figure is printed with the load average.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
data="${FORECAST_SHARED_DIR:-$repo/../shared}/data"
work="${1:-$repo/target/spark-bench}"
mkdir -p "$work"
# a private copy of the launcher's jar and class path, so that a rebuild during the run changes nothing
mkdir -p "$work/bin/target"
cp "$repo/spark/target/forecast-spark.jar" "$repo/spark/target/classpath.txt" "$work/bin/target/"
cp "$repo/spark/run-local" "$work/bin/"
run() { nice -n 10 "$work/bin/run-local" "$@" 2>>"$work/stderr.log"; }
load() { uptime | sed 's/.*load average: /load /'; }
files="$data/ETTh1.csv,$data/ETTh2.csv,$data/ETTm1.csv,$data/ETTm2.csv,$data/weather.csv"
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(load)"
run convert --data "$files" --last 2000 --out "$work/series.csv"
run convert --data "$files" --chunk 2000 --out "$work/chunks.csv"
for master in "local[1]" "local[2]"; do
  tag="${master//[^0-9]/}"
  for type in dlinear olinear; do
    echo "## train $type $master, $(load)"
    /usr/bin/time -f "wall %e s" -o "$work/time.txt" \
      nice -n 10 "$work/bin/run-local" train --master "$master" --input "$work/series.csv" --store "$work/models-$type-$tag" \
      --summary "$work/summary-$type-$tag.csv" --model-type "$type" --split ratio --partitions 8 \
      2>>"$work/stderr.log" || echo "train failed"
    cat "$work/time.txt"; echo "after: $(load)"
  done
  echo "## forecast, one model per series (49 models), $master, $(load)"
  /usr/bin/time -f "wall %e s" -o "$work/time.txt" nice -n 10 "$work/bin/run-local" forecast --master "$master" --input "$work/series.csv" \
    --store "$work/models-dlinear-$tag" --out "$work/forecast-per-series-$tag.parquet" --intervals 80,95 2>>"$work/stderr.log"
  cat "$work/time.txt"; echo "after: $(load)"
  mkdir -p "$work/global"; rm -rf "$work/global/dlinear"; cp -r "$work/models-dlinear-$tag/ETTh1.OT" "$work/global/dlinear"
  echo "## forecast, one global model, 1134 series, $master, $(load)"
  /usr/bin/time -f "wall %e s" -o "$work/time.txt" nice -n 10 "$work/bin/run-local" forecast --master "$master" --input "$work/chunks.csv" \
    --store "$work/global" --model dlinear --out "$work/forecast-global-$tag.parquet" --intervals 80,95 2>>"$work/stderr.log"
  cat "$work/time.txt"; echo "after: $(load)"
done
echo "# done $(date -u +%FT%TZ), $(load)"
