#!/usr/bin/env bash
# Runs every test of PaperGraph: installs the Cypher linter (npm) if needed, runs `dotnet test` over the
# solution, and prints the summed counts as a final line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

if [ -f tools/cypher-lint/package.json ] && [ ! -d tools/cypher-lint/node_modules ]; then
  echo "Installing the Cypher linter (npm ci in tools/cypher-lint)..."
  (cd tools/cypher-lint && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; exit 1; }
fi

if [ -z "${NEO4J_URI:-}" ] || [ -z "${NEO4J_USER:-}" ] || [ -z "${NEO4J_PASSWORD:-}" ]; then
  echo "Note: the real-server Neo4j suite (RealServerTests) will be SKIPPED: set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to run it against a Neo4j 5 server."
fi

log=$(mktemp)
dotnet test PaperGraph.sln --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# Sum the per-assembly summary lines ("Passed!  - Failed: 0, Passed: 12, Skipped: 1, Total: 13, ...").
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
rm -f "$log"
if [ -z "${NEO4J_URI:-}" ]; then
  echo "Skipped: the real-server Neo4j suite (no NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD in the environment)."
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "no test ran"; exit 1; fi
exit 0
