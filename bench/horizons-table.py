#!/usr/bin/env python3
"""Markdown tables of the horizon benchmark (bench/horizons.sh): test MSE / MAE per data set, horizon and
model type next to the published DLinear values and OLinear's published four-horizon averages
(../shared/specs/olinear.md section 4), and the split-conformal 80 / 95 % interval coverage on each test
split. Usage: bench/horizons-table.py [bench-out/horizons]"""
import json
import os
import statistics
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'bench-out', 'horizons')
TYPES = ['olinear', 'dlinear', 'rlinear', 'seasonal-naive']
DATA = ['ETTh1', 'ETTh2', 'ETTm1', 'ETTm2', 'weather', 'exchange_rate', 'national_illness']
# olinear.md 4.2 (iTransformer paper tables): DLinear, look-back 96
DLINEAR = {
    'ETTh1': {96: (0.386, 0.400), 192: (0.437, 0.432), 336: (0.481, 0.459), 720: (0.519, 0.516)},
    'ETTh2': {96: (0.333, 0.387), 192: (0.477, 0.476), 336: (0.594, 0.541), 720: (0.831, 0.657)},
    'ETTm1': {96: (0.345, 0.372), 192: (0.380, 0.389), 336: (0.413, 0.413), 720: (0.474, 0.453)},
    'ETTm2': {96: (0.193, 0.292), 192: (0.284, 0.362), 336: (0.369, 0.427), 720: (0.554, 0.522)},
    'weather': {96: (0.196, 0.255), 192: (0.237, 0.296), 336: (0.283, 0.335), 720: (0.345, 0.381)},
    'exchange_rate': {96: (0.088, 0.218), 192: (0.176, 0.315), 336: (0.313, 0.427), 720: (0.839, 0.695)},
}
# olinear.md 4.1: OLinear four-horizon averages (README figure = paper Table 1; ETTm1 from figures/var_temp.png)
OLINEAR_AVG = {'ETTm1': (0.374, 0.377), 'weather': (0.237, 0.260), 'exchange_rate': (0.355, 0.399)}


def load():
    runs = {}
    for f in sorted(os.listdir(OUT)):
        if not f.endswith('.json'):
            continue
        tag = f[:-5]
        parts = tag.split('_')
        typ, pred, seq = parts[-1], int(parts[-2]), int(parts[-3])
        name = '_'.join(parts[:-3])
        runs[(name, pred, typ)] = json.load(open(os.path.join(OUT, f)))
    return runs


def cell(run):
    if run is None:
        return 'not run'
    t = run['test']
    return f"{t['mse']:.3f} / {t['mae']:.3f}"


def coverage(run):
    if run is None or not run.get('conformal'):
        return '—'
    c = run['conformal'].get('testCoverage') or {}
    if '80' not in c or '95' not in c:
        return 'refused'
    return f"{c['80']:.1f} / {c['95']:.1f}"


def main():
    runs = load()
    print('| data | horizon | ' + ' | '.join(TYPES) + ' | DLinear published | OLinear published (avg of 4) |')
    print('|---|---|' + '---|' * (len(TYPES) + 2))
    for name in DATA:
        preds = sorted({p for (n, p, _) in runs if n == name})
        if not preds:
            continue
        for p in preds:
            pub = DLINEAR.get(name, {}).get(p)
            print(f"| {name} | {p} | " + ' | '.join(cell(runs.get((name, p, t))) for t in TYPES)
                  + f" | {'%.3f / %.3f' % pub if pub else 'n/a'} | |")
        means = []
        for t in TYPES:
            vals = [runs[(name, p, t)]['test'] for p in preds if (name, p, t) in runs]
            means.append(f"{statistics.mean(v['mse'] for v in vals):.3f} / {statistics.mean(v['mae'] for v in vals):.3f}"
                         if len(vals) == len(preds) == 4 else '—')
        pub = DLINEAR.get(name)
        dl = (f"{statistics.mean(v[0] for v in pub.values()):.3f} / {statistics.mean(v[1] for v in pub.values()):.3f}"
              if pub and len(preds) == 4 else '—')
        ol = OLINEAR_AVG.get(name)
        print(f"| {name} | **avg** | " + ' | '.join(means) + f" | {dl} | {'%.3f / %.3f' % ol if ol else 'n/a'} |")
    print()
    print('Split-conformal interval coverage on the test split, % (nominal 80 / 95):')
    print()
    print('| data | horizon | ' + ' | '.join(TYPES) + ' |')
    print('|---|---|' + '---|' * len(TYPES))
    for name in DATA:
        for p in sorted({p for (n, p, _) in runs if n == name}):
            print(f"| {name} | {p} | " + ' | '.join(coverage(runs.get((name, p, t))) for t in TYPES) + ' |')


if __name__ == '__main__':
    main()
