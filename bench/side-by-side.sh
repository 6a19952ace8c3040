#!/usr/bin/env bash
# Side by side with the official OLinear code: runs the shared harness ../shared/tools/perf/side_by_side.sh
# (see its README for the set-up: Debian's python3-torch and an export of jackyue1994/OLinear @ f168e01)
# against this project, from a copy of the harness with four adaptations (the shared tool is not modified):
#   1. its `genq` calls get the --olref/--stubs/--data-dir arguments official_bench.py requires (they failed);
#   2. the jar is api/cli/target/forecast.jar (or JAR_SRC), where this project builds it;
#   3. the Java side of the forward benchmark is the project's own `forecast bench forward --preset paper`
#      (the harness README asks for it once the project has one), read from its JSON rows;
#   4. the Java CLI gets the JVM options the ./forecast launcher adds for batch commands (JAVA_LAUNCHER_OPTS,
#      default "-XX:+UseSerialGC -Xmn16m"), as it already gets the launcher's MALLOC_* settings.
#
# Usage (from the project root, machine otherwise idle):
#   OLREF=/path/to/olinear-export bench/side-by-side.sh OUT_DIR
# Every knob of the shared script passes through (PARTS, OFFICIAL_CONFIGS, JAVA_THREADS, TRAIN_ROUNDS, ...);
# defaults here: OFFICIAL_CONFIGS="1:1 1:2" (the official code's fastest settings on this machine),
# JAVA_THREADS="1 2", 3 rounds of train and infer, 2 of ortho on weather L=720.
# Output: OUT_DIR/results.md (the harness's tables), OUT_DIR/results.jsonl (raw), OUT_DIR/logs/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:?usage: OLREF=DIR bench/side-by-side.sh OUT_DIR}"
SHARED="${SHARED_PERF:-$ROOT/../shared/tools/perf}"
[ -f "$SHARED/side_by_side.sh" ] || { echo "error: no harness at $SHARED (set SHARED_PERF)" >&2; exit 2; }
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
TOOLS="$OUT/tools"
rm -rf "$TOOLS" && cp -r "$SHARED" "$TOOLS" && chmod -R u+w "$TOOLS"
python3 - "$TOOLS" <<'EOF'
import sys
tools = sys.argv[1]
p = tools + '/side_by_side.sh'
s = open(p).read()
def rep(old, new):
    global s
    if old not in s:
        sys.exit('side-by-side.sh: the shared harness changed; cannot apply: ' + old.splitlines()[0])
    s = s.replace(old, new)
rep('official_bench.py" genq --csv', 'official_bench.py" genq --olref "$OLREF" --stubs "$STUBS" --data-dir "$DATA_DIR" --csv')
rep('"${PYB[@]}" genq --csv "$csv"', '"${PYB[@]}" genq "${PYCOMMON[@]}" --csv "$csv"')
rep('JAR_SRC="$JAVA_PROJECT/api/target/forecast.jar"', 'JAR_SRC="${JAR_SRC:-$JAVA_PROJECT/api/cli/target/forecast.jar}"')
rep('''        run_task infer java "$c" "$r" sbs "$JENV" -- "${JAVA_H[@]}" forward "$DATA_DIR/ETTh1.csv" "$c" \\
          "$INFER_WARMUP" "$INFER_N" 1,32''', '''        run_task infer java "$c" "$r" cli "$JENV" -- "${JAVA_CLI[@]}" bench forward --preset paper \\
          --data "$DATA_DIR/ETTh1.csv" --threads "$c" --warmup "$INFER_WARMUP" --calls "$INFER_N" --batch 1,32''')
rep('JAVA_CLI=(java -Dai.djl.offline=true -jar "$JAR")', 'JAVA_CLI=(java ${JAVA_LAUNCHER_OPTS:-} -Dai.djl.offline=true -jar "$JAR")')
open(p, 'w').write(s)
p = tools + '/sbs_report.py'
s = open(p).read()
rep("""    if part == 'infer':
        b = d.get('batches', {})""", """    if part == 'infer':
        if 'rows' in d:  # forecast bench forward
            return {f"b{r['batch']}_ms": r.get('medianMillis') for r in d['rows']}
        b = d.get('batches', {})""")
rep("""Java = external harness timing '
             '`OLinearModel.predict(float[], B)` (the project CLI has no forward benchmark). '""",
    """Java = `forecast bench forward '
             '--preset paper` (the project\\'s CLI: `OLinearModel.predict(float[], B)` on consecutive test windows). '""")
open(p, 'w').write(s)
EOF
export JAVA_PROJECT="$ROOT" DATA_DIR="${DATA_DIR:-$ROOT/../shared/data}" WORK="$OUT"
export JAVA_LAUNCHER_OPTS="${JAVA_LAUNCHER_OPTS:--XX:+UseSerialGC -Xmn16m}"
export OFFICIAL_CONFIGS="${OFFICIAL_CONFIGS:-1:1 1:2}" JAVA_THREADS="${JAVA_THREADS:-1 2}"
export TRAIN_ROUNDS="${TRAIN_ROUNDS:-3}" INFER_ROUNDS="${INFER_ROUNDS:-3}" ORTHO_ROUNDS="${ORTHO_ROUNDS:-2}"
export ORTHO_CASES="${ORTHO_CASES:-weather:720:0.7}"
exec "$TOOLS/side_by_side.sh" "$OUT/results.md"
