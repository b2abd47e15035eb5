#!/usr/bin/env bash
# Whole-process benchmark of PaperGraph on synthetic corpora.
#
#   scripts/bench.sh [SIZE...]          default sizes: 1000 10000 100000 1000000
#
# For each size: generates the corpus and its planted facts once (cached in bench/cache/, git-ignored), then
#   1. the dictionary-scan baseline: LC_ALL=C grep -o -F -f VOCAB corpus | wc -l, VOCAB = every surface form of
#      seeds/vocab/*.json;
#   2. `papergraph build` on one core (taskset + DOTNET_PROCESSOR_COUNT=1), sizes up to ONE_CORE_MAX (100000);
#   3. `papergraph build` on every core, under /usr/bin/time -v: wall time, papers/s, MB/s, peak RSS;
#   4. planted-fact recall: `papergraph eval --gold truth.jsonl corpus.jsonl`;
#   5. query latency on the built graph (`PaperGraph.Bench queries out/graph.json`): lineage, exact and typo
#      search, shortest path, each over 500 models spread through the graph (p50 / p99 in ms, no HTTP).
# A markdown table is printed and saved to bench/cache/results.md.
#
# Environment: SEED (42), ONE_CORE_MAX (100000), EVAL_MAX (1000000), QUERY_MAX (1000000),
# SKIP_BUILD_CLI=1 to reuse the published CLI and bench.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/bench/cache
BIN=$CACHE/bin
SEED=${SEED:-42}
BUILD_TIMEOUT=${BUILD_TIMEOUT:-0}   # seconds; 0 = none. A build that times out is reported as such.
ONE_CORE_MAX=${ONE_CORE_MAX:-100000}
EVAL_MAX=${EVAL_MAX:-1000000}
QUERY_MAX=${QUERY_MAX:-1000000}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000 1000000)
mkdir -p "$CACHE"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt-get install -y time)"
  apt-get install -y time >/dev/null
fi

if [ "${SKIP_BUILD_CLI:-0}" != 1 ] || [ ! -x "$BIN/papergraph" ]; then
  # ReadyToRun halves start-up CPU (seed build: 0.83 -> 0.48 CPU-s), which matters for the small sizes; the CLI project
  # leaves PaperGraph.Core out of it (jitted fully optimised instead, faster on large builds: docs/performance.md).
  echo "publishing the CLI (Release, ReadyToRun) to $BIN"
  dotnet publish src/PaperGraph.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$BIN" --nologo -v quiet >/dev/null
  dotnet build bench/PaperGraph.Bench -c Release --nologo -v quiet >/dev/null
fi
PG="$BIN/papergraph"
BENCH="$ROOT/bench/PaperGraph.Bench/bin/Release/net10.0/PaperGraph.Bench.dll"

# Every surface form of the vocabularies, one per line: the strings under name/aliases/acronym-like keys.
VOCAB=$CACHE/vocab-surface-forms.txt
python3 - "$ROOT/seeds/vocab" "$VOCAB" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
keys = {"name", "canonical", "aliases", "alias", "acronym", "acronyms", "surface", "surfaces", "forms", "terms", "stems", "stem"}
forms = set()
def walk(node, take=False):
    if isinstance(node, str):
        if take and len(node.strip()) >= 2:
            forms.add(node.strip())
    elif isinstance(node, list):
        for x in node:
            walk(x, take)
    elif isinstance(node, dict):
        for k, v in node.items():
            walk(v, k.lower() in keys)
if os.path.isdir(src):
    for f in sorted(os.listdir(src)):
        if f.endswith(".json"):
            with open(os.path.join(src, f), encoding="utf-8") as fh:
                walk(json.load(fh))
with open(out, "w", encoding="utf-8") as fh:
    fh.write("\n".join(sorted(forms)) + "\n")
print(f"vocabulary surface forms: {len(forms)} from {src}")
PY

# seconds and peak RSS (MB) from a /usr/bin/time -v log
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
cpu() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$1"; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "-" }'; }

RESULTS=$CACHE/results.md
{
  echo "# PaperGraph whole-process benchmark ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "Machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(dotnet --version) SDK; seed $SEED"
  echo
  echo "Wall times depend on what else runs on the machine; CPU times (user+sys) are printed beside them."
  echo
  echo "| papers | corpus MB | grep -o -F s (CPU s) | build 1 core s (CPU s) | papers/CPU-s 1 core | ratio 1 core/grep (CPU) | extraction + build 1 core s | ratio to grep | build $(nproc) cores s (CPU s) | papers/s | MB/s | peak RSS MB | recall (lenient) | recall (strict) | lineage p50/p99 ms | search typo p50/p99 ms | path p50/p99 ms |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$RESULTS"

for N in "${SIZES[@]}"; do
  CORPUS=$CACHE/synth-$N-s$SEED.jsonl
  TRUTH=$CACHE/synth-$N-s$SEED.truth.jsonl
  if [ ! -s "$CORPUS" ] || [ ! -s "$TRUTH" ]; then
    "$PG" synth --papers "$N" --seed "$SEED" --out "$CORPUS" --truth "$TRUTH"
  fi
  BYTES=$(stat -L -c %s "$CORPUS")   # -L: a cached corpus may be a link to a shared copy
  echo "== $N papers, $(mbps "$BYTES" 1) MB"

  LOG=$CACHE/time-grep-$N.log
  /usr/bin/time -v -o "$LOG" env LC_ALL=C grep -o -F -f "$VOCAB" "$CORPUS" > "$CACHE/grep-$N.out" || true
  GREP_S=$(wall "$LOG"); GREP_CPU=$(cpu "$LOG"); GREP_HITS=$(wc -l < "$CACHE/grep-$N.out"); rm -f "$CACHE/grep-$N.out"
  echo "   grep -o -F: ${GREP_S}s (CPU ${GREP_CPU}s), $GREP_HITS matches"

  ONE_S="-"; ONE_CPU="-"; ONE_RATE="-"; RATIO="-"; GRAPH_S="-"; GRAPH_RATIO="-"
  if [ "$N" -le "$ONE_CORE_MAX" ]; then
    LOG=$CACHE/time-build1-$N.log
    /usr/bin/time -v -o "$LOG" env DOTNET_PROCESSOR_COUNT=1 DOTNET_GCHeapCount=1 taskset -c 0 \
      "$PG" build "$CORPUS" --out "$CACHE/out-$N" > "$CACHE/build1-$N.txt" 2>&1
    ONE_S=$(wall "$LOG"); ONE_CPU=$(cpu "$LOG"); ONE_RATE=$(rate "$N" "$ONE_CPU")
    RATIO=$(awk -v a="$ONE_CPU" -v b="$GREP_CPU" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
    echo "   build, 1 core: ${ONE_S}s wall, ${ONE_CPU}s CPU ($ONE_RATE papers per CPU-second), $RATIO grep's CPU time"
    # The bar's "extraction + build" without the exports: the build's graph phase (read, extract, merge) from
    # report.json. On one pinned core its wall time bounds its CPU time from above.
    GRAPH_S=$(sed -n 's/.*"elapsedSeconds": *\([0-9.]*\).*/\1/p' "$CACHE/out-$N/report.json" | head -1)
    GRAPH_RATIO=$(awk -v a="$GRAPH_S" -v b="$GREP_CPU" 'BEGIN { if (a != "" && b > 0) printf "%.1fx", a / b; else print "-" }')
    echo "   extraction + build (graph phase, no exports), 1 core: ${GRAPH_S:--}s, $GRAPH_RATIO grep's CPU time"
  fi

  LOG=$CACHE/time-build-$N.log
  TO=(); [ "$BUILD_TIMEOUT" != 0 ] && TO=(timeout "$BUILD_TIMEOUT")
  /usr/bin/time -v -o "$LOG" "${TO[@]}" "$PG" build "$CORPUS" --out "$CACHE/out-$N" > "$CACHE/build-$N.txt" 2>&1 || echo "   build failed or timed out (exit $?): see $CACHE/build-$N.txt"
  ALL_S=$(wall "$LOG"); ALL_RATE=$(rate "$N" "$ALL_S"); ALL_MBPS=$(mbps "$BYTES" "$ALL_S"); RSS=$(rss "$LOG")
  echo "   build, $(nproc) cores: ${ALL_S}s ($ALL_RATE papers/s, $ALL_MBPS MB/s), peak RSS ${RSS} MB, cpu $(cpu "$LOG")s"

  LENIENT="-"; STRICT="-"
  if [ "$N" -le "$EVAL_MAX" ]; then
    "$PG" eval --gold "$TRUTH" "$CORPUS" > "$CACHE/eval-$N.txt" 2>&1 || true
    read -r LENIENT STRICT < <(python3 "$ROOT/scripts/eval-recall.py" "$CACHE/eval-$N.txt")
    echo "   planted-fact recall: lenient $LENIENT, strict $STRICT (eval output: $CACHE/eval-$N.txt)"
  fi

  LIN="-"; TYPO="-"; PATHQ="-"
  if [ "$N" -le "$QUERY_MAX" ] && [ -s "$CACHE/out-$N/graph.json" ]; then
    dotnet "$BENCH" queries "$CACHE/out-$N/graph.json" 500 > "$CACHE/queries-$N.txt" 2>&1 || true
    pq() { sed -n "s/^$1[^:]*: p50 \([0-9.]*\) ms, p90 [0-9.]* ms, p99 \([0-9.]*\) ms.*/\1 \/ \2/p" "$CACHE/queries-$N.txt"; }
    LIN=$(pq lineage); TYPO=$(pq "search (one typo"); PATHQ=$(pq shortest)
    echo "   queries: lineage $LIN ms, typo search $TYPO ms, shortest path $PATHQ ms (p50 / p99; $CACHE/queries-$N.txt)"
  fi

  echo "| $N | $(mbps "$BYTES" 1) | $GREP_S ($GREP_CPU) | $ONE_S ($ONE_CPU) | $ONE_RATE | $RATIO | ${GRAPH_S:--} | $GRAPH_RATIO | $ALL_S ($(cpu "$LOG")) | $ALL_RATE | $ALL_MBPS | $RSS | $LENIENT | $STRICT | ${LIN:--} | ${TYPO:--} | ${PATHQ:--} |" >> "$RESULTS"
  rm -rf "$CACHE/out-$N"
done

echo
cat "$RESULTS"
