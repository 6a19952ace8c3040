#!/usr/bin/env python3
"""Markdown table of bench/scale.sh results: bench/scale-table.py OUT_DIR"""
import glob
import json
import os
import re
import sys

out = sys.argv[1]
rows = []
for path in glob.glob(os.path.join(out, "*.json")):
    name = os.path.basename(path)[:-5]
    try:
        d = json.load(open(path))
    except ValueError:
        continue
    err = open(path[:-5] + ".err").read() if os.path.exists(path[:-5] + ".err") else ""
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    cpu = d["iterationCpuMillisMedian"] / 1000
    wall = d["secondsPerIterationShortcutMedian"]
    per_epoch = d["iterationsPerEpoch"]
    phases = d["phaseCpuMillisMedian"]
    rows.append((name.split("-")[0], int(name.split("-")[1]), d["parameters"], d["iterationsTimedPerPath"], cpu,
                 phases["FORWARD"] / 1000, phases["BACKWARD"] / 1000, phases["OPTIMIZER"] / 1000, per_epoch,
                 cpu * per_epoch, wall, int(rss.group(1)) / 1024 / 1024 if rss else float("nan"), d.get("loadAverage")))
order = {"etth1": 7, "weather": 21, "electricity": 321, "traffic": 862}
rows.sort(key=lambda r: (order.get(r[0], 0), r[1]))
print("| data (N) | horizon | parameters | timed iterations | CPU s / iteration (calling thread) | forward / backward / Adam | "
      "iterations / epoch | CPU s / epoch (extrapolated) | wall s / iteration (load) | wall s / epoch (extrapolated) | peak RSS |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} ({order.get(r[0], '?')}) | {r[1]} | {r[2]:,} | {r[3]} | {r[4]:.3f} | {r[5]:.2f} / {r[6]:.2f} / {r[7]:.3f} | "
          f"{r[8]:,} | {r[9]:,.0f} | {r[10]:.2f} ({r[12]}) | {r[10] * r[8]:,.0f} | {r[11]:.2f} GiB |")
