#!/usr/bin/env python3
"""Reads the table `papergraph eval` prints (cells may wrap over several lines) and prints the planted-fact
recall over every entity and relation: "LENIENT STRICT" (tp / (tp + fn), summed over the 'all' rows)."""
import re
import sys

rows, current = [], None
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.startswith("│"):
        continue
    cells = [c.strip() for c in line.strip().strip("│").split("│")]
    if len(cells) < 9:
        continue
    if re.match(r"^\d+\.\d+$", cells[1]):  # a row's first line carries the precision
        if current is not None:
            rows.append(current)
        current = cells
    elif current is not None:  # a wrapped continuation of the row above
        current = [a + b for a, b in zip(current, cells)]
if current is not None:
    rows.append(current)

def counts(cell):
    m = re.match(r"(\d+)/(\d+)/(\d+)", cell)
    return tuple(int(x) for x in m.groups()) if m else (0, 0, 0)

tot = {"lenient": [0, 0], "strict": [0, 0]}
for r in rows:
    if len(r) >= 9 and r[0].replace(" ", "") in ("Entities(all)", "Relations(all)"):
        for name, cell in (("lenient", r[4]), ("strict", r[8])):
            tp, fp, fn = counts(cell)
            tot[name][0] += tp
            tot[name][1] += tp + fn
out = []
for name in ("lenient", "strict"):
    tp, total = tot[name]
    out.append(f"{tp / total:.3f}" if total else "-")
print(" ".join(out))
