#!/usr/bin/env python3
"""Writes a synthetic hourly series of benchmark size as CSV (for the scale runs; never commit the output).

Usage: bench/synthetic-series.py OUT.csv VARIATES ROWS SEED
  e.g. bench/synthetic-series.py /tmp/electricity.csv 321 26304 1   # ECL-sized
       bench/synthetic-series.py /tmp/traffic.csv 862 17544 2       # Traffic-sized
Name the file electricity.csv / traffic.csv so that the paper preset picks those datasets' settings and
split. Each column: a level in [100, 1000) + a Gaussian random walk + daily and weekly sines + noise;
a `date` column first, the last column named OT. Needs numpy and pandas (Debian: /usr/bin/python3).
"""
import sys, numpy as np, pandas as pd
name, n, rows, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(seed)
t = np.arange(rows)[:, None]
level = rng.uniform(100, 1000, n)
walk = np.cumsum(rng.normal(0, 1, (rows, n)) * rng.uniform(0.5, 2.5, n), axis=0)
daily = rng.uniform(5, 50, n) * np.sin(2 * np.pi * t / 24 + rng.uniform(0, 2 * np.pi, n))
weekly = rng.uniform(2, 20, n) * np.sin(2 * np.pi * t / 168 + rng.uniform(0, 2 * np.pi, n))
x = level + walk + daily + weekly + rng.normal(0, 1, (rows, n))
df = pd.DataFrame(x.astype(np.float32), columns=[f"v{j}" for j in range(n - 1)] + ["OT"])
df.insert(0, "date", pd.date_range("2016-07-01", periods=rows, freq="h").strftime("%Y-%m-%d %H:%M:%S"))
df.to_csv(name, index=False, float_format="%.4f")
