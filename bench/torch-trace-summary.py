#!/usr/bin/env python3
"""Summarise a libtorch profiler Chrome trace written by `forecast bench train-step --torch-trace FILE`.

Usage: bench/torch-trace-summary.py TRACE.json ITERATIONS [TOP]

Prints (Markdown): per iteration, the number of top-level ops outside autograd (each one native call
from Java, i.e. one JNI crossing of an op; nested ops and the backward pass's nodes are libtorch's
own), all ops, autograd records, the wall time covered by
top-level ops, and the ops with the most self time (duration minus the time of ops nested inside it on
the same thread), with their counts per iteration.
"""
import json
import sys
from collections import defaultdict


def main():
    path, iterations = sys.argv[1], int(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    data = json.load(open(path))
    events = data["traceEvents"] if isinstance(data, dict) else data
    events = [e for e in events if e.get("ph") == "X"]
    by_thread = defaultdict(list)
    for e in events:
        by_thread[e.get("tid")].append(e)
    self_time = defaultdict(float)
    count = defaultdict(int)
    top_level = 0
    top_level_us = 0.0
    backward_nodes = 0
    alloc_bytes = 0
    for tid, evs in by_thread.items():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []  # (end, event)
        for e in evs:
            end = e["ts"] + e["dur"]
            while stack and stack[-1][0] <= e["ts"] + 1e-9:
                stack.pop()
            if stack:
                self_time[id(stack[-1][1])] -= e["dur"]
            else:
                top_level_us += e["dur"]
                if not (e["name"].startswith("autograd::") or "Backward" in e["name"]):
                    top_level += 1  # a call from Java; autograd's own nodes run inside one backward call
            self_time[id(e)] += e["dur"]
            stack.append((end, e))
            name = e["name"]
            count[name] += 1
            if "Backward" in name and ("evaluate_function" in name or name.endswith("Backward0")
                                       or name.endswith("Backward1")):
                backward_nodes += 1
            mem = str(e.get("cpu mem", "0 b")).split()
            if len(mem) == 2 and mem[0].lstrip("-").replace(".", "").isdigit():
                unit = {"b": 1, "kb": 1024, "mb": 1024 ** 2, "gb": 1024 ** 3}.get(mem[1].lower(), 1)
                value = float(mem[0]) * unit
                if value > 0 and not stack[:-1]:
                    alloc_bytes += value
    by_name = defaultdict(float)
    for e in events:
        by_name[e["name"]] += self_time[id(e)]
    total_self = sum(by_name.values())
    print(f"trace: {path}, {iterations} iterations, threads {sorted(map(str, by_thread))}")
    print()
    print("| per iteration | value |")
    print("|---|---|")
    print(f"| top-level ops outside autograd (native op calls from Java) | {top_level / iterations:.0f} |")
    print(f"| all recorded ops | {len(events) / iterations:.0f} |")
    print(f"| autograd records (backward nodes) | {backward_nodes / iterations:.0f} |")
    print(f"| time inside top-level ops | {top_level_us / iterations / 1000:.1f} ms |")
    print(f"| self time of all ops | {total_self / iterations / 1000:.1f} ms |")
    print(f"| bytes allocated by top-level ops | {alloc_bytes / iterations / 2**20:.1f} MiB |")
    print()
    print("| op | self ms / iteration | share | calls / iteration |")
    print("|---|---|---|---|")
    for name, us in sorted(by_name.items(), key=lambda kv: -kv[1])[:top]:
        print(f"| {name} | {us / iterations / 1000:.2f} | {100 * us / total_self:.1f} % | "
              f"{count[name] / iterations:.1f} |")


if __name__ == "__main__":
    main()
