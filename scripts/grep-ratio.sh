#!/usr/bin/env bash
# Interleaved rounds of the one-core bar: extraction + build (the build's graph phase, exports left out) against
# the grep -o -F baseline, both on core 0, in the same round, so a slow or fast moment of a shared machine hits
# both sides alike.
#
#   scripts/grep-ratio.sh [ROUNDS] [SIZE]     defaults: 5 rounds, 100000 papers
#
# Needs what scripts/bench.sh leaves in bench/cache/ (the published CLI, the corpus, the vocabulary's surface
# forms): run `scripts/bench.sh SIZE` once first. Each round runs `papergraph build` on one core until its progress
# line says the graph is complete (the exports are not waited for), then grep; it prints the graph phase's time
# (on one pinned core its wall time bounds its CPU time from above, as in scripts/bench.sh), the process's CPU time
# at that moment (start-up and vocabulary loading included), grep's CPU time and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}; N=${2:-100000}; SEED=${SEED:-42}
CACHE=$PWD/bench/cache; PG=$CACHE/bin/papergraph
CORPUS=$CACHE/synth-$N-s$SEED.jsonl; VOCAB=$CACHE/vocab-surface-forms.txt
for f in "$PG" "$CORPUS" "$VOCAB"; do
  [ -e "$f" ] || { echo "missing $f: run scripts/bench.sh $N first" >&2; exit 1; }
done

# Seconds from the progress line's humanised duration ("9 seconds, 470 milliseconds", "1 minute, 2 seconds").
seconds() {
  sed -E 's/.*in the graph after ([^;]*);.*/\1/' | tr ',' '\n' | awk '
    { n = $1; u = $2 }
    u ~ /^millisecond/ { t += n / 1000 } u ~ /^second/ { t += n } u ~ /^minute/ { t += 60 * n } u ~ /^hour/ { t += 3600 * n }
    END { printf "%.3f", t }'
}

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for r in $(seq "$ROUNDS"); do
  rm -rf "$OUT/graph"; : > "$OUT/err"
  DOTNET_PROCESSOR_COUNT=1 DOTNET_GCHeapCount=1 taskset -c 0 "$PG" build "$CORPUS" --out "$OUT/graph" 2> "$OUT/err" > /dev/null &
  PID=$!; LINE=""; CPU=""
  # Stopped once its progress line says the graph is complete: the exports are not part of the bar.
  while kill -0 "$PID" 2> /dev/null; do
    if LINE=$(grep -m1 "in the graph after" "$OUT/err"); then
      CPU=$(awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$PID/stat")   # utime + stime in clock ticks
      kill "$PID"; break
    fi
    sleep 0.02
  done
  wait "$PID" 2> /dev/null || true
  [ -n "$LINE" ] || { echo "round $r: the build printed no graph line (see its errors below)" >&2; cat "$OUT/err" >&2; exit 1; }
  BUILD=$(seconds <<< "$LINE")
  GREP=$( { /usr/bin/time -f "%U %S" env LC_ALL=C taskset -c 0 grep -o -F -f "$VOCAB" "$CORPUS" > "$OUT/grep.out"; } 2>&1 \
    | awk '{ printf "%.2f", $1 + $2 }')
  awk -v r="$r" -v b="$BUILD" -v c="$CPU" -v g="$GREP" 'BEGIN {
    printf "round %d: extraction + build %.2f s (process CPU so far, start-up included: %.2f s), grep %.2f CPU-s, ratio %.1fx\n", r, b, c, g, b / g }'
done
