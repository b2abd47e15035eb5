#!/usr/bin/env bash
# Interleaved rounds of the one-core bar: extraction + build (the build's graph phase, exports left out) against
# the grep -o -F baseline, both on core 0, in the same round, so a slow or fast moment of a shared machine hits
# both sides alike.
#
#   scripts/grep-ratio.sh [ROUNDS] [SIZE]     defaults: 5 rounds, 100000 papers
#
# Needs what scripts/bench.sh leaves in bench/cache/ (the published CLI, the corpus, the vocabulary's surface
# forms): run `scripts/bench.sh SIZE` once first. Each round runs `papergraph build` on one core, reads the graph
# phase's time from its progress line ("in the graph after ...", printed before the exports; on one pinned core its
# wall time bounds its CPU time from above, as in scripts/bench.sh), then runs grep; it prints both and the ratio.
# The build runs to its end with nothing else on the machine, as grep does: an earlier version stopped it at that line
# by polling its log every 20 ms, and the poller slowed the build by ~10%, even pinned to the other vCPU (which the
# VM's host may schedule on the same physical core; docs/performance.md, tenth pass).
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
  DOTNET_PROCESSOR_COUNT=1 DOTNET_GCHeapCount=1 taskset -c 0 "$PG" build "$CORPUS" --out "$OUT/graph" 2> "$OUT/err" > /dev/null \
    || { echo "round $r: the build failed (see its errors below)" >&2; cat "$OUT/err" >&2; exit 1; }
  LINE=$(grep -m1 "in the graph after" "$OUT/err") \
    || { echo "round $r: the build printed no graph line (its input is below the progress log's 4 MB?)" >&2; exit 1; }
  BUILD=$(seconds <<< "$LINE")
  GREP=$( { /usr/bin/time -f "%U %S" env LC_ALL=C taskset -c 0 grep -o -F -f "$VOCAB" "$CORPUS" > "$OUT/grep.out"; } 2>&1 \
    | awk '{ printf "%.2f", $1 + $2 }')
  awk -v r="$r" -v b="$BUILD" -v g="$GREP" 'BEGIN {
    printf "round %d: extraction + build %.2f s, grep %.2f CPU-s, ratio %.1fx\n", r, b, g, b / g }'
done
