package io.forecast.forecasting.metrics;

import io.forecast.data.StandardScaler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streaming metrics of quantile forecasts: the CRPS approximated from K quantiles,
 * {@code (2/K) Σ_k ρ_τk(y, q_k)} (see {@link IntervalMetricOps} for the approximation: use equally
 * spaced levels such as {@code k/(K+1)}), overall, per column and per horizon step, and per level the
 * mean pinball loss and the share of actuals at or below the quantile; on the z-scored and the
 * original scale ({@code q = z·std + mean}).
 *
 * <p>Quantiles are taken as given: crossing quantiles are not sorted (the pinball loss is defined for
 * any value). Memory is {@code 4·(1 + columns + predLen) + 5·levels + 2·columns} doubles
 * ({@link #retainedDoubles()}); no window is stored. A batch is checked whole before anything is
 * added. Not thread-safe.
 */
public final class QuantileMetricsAccumulator {
  private final List<String> columns;
  private final int n;
  private final int predLen;
  private final double[] levels;
  private final double[] mean;
  private final double[] std;
  private final int buckets;
  /** {@code [scale][bucket (0 all, 1.. columns, then steps)][count, crps sum]}. */
  private final double[] crps;
  /** {@code [scale][level][pinball sum, below count]}. */
  private final double[] byLevel;
  private long windows;

  /**
   * @param columns column names, in order
   * @param predLen horizon length, at least 1
   * @param scaler the scaler the values were z-scored with
   * @param levels quantile levels, strictly increasing, in (0, 1)
   * @throws IllegalArgumentException on no or duplicate columns, no levels, levels not strictly
   *     increasing in (0, 1), a non-positive predLen or a scaler of another column count
   */
  public QuantileMetricsAccumulator(List<String> columns, int predLen, StandardScaler scaler, double... levels) {
    this.columns = Shapes.columns(columns);
    this.n = this.columns.size();
    this.predLen = Shapes.predLen(predLen);
    Shapes.scaler(scaler, n);
    this.mean = scaler.mean();
    this.std = scaler.std();
    this.levels = Shapes.levels("quantile", levels, true);
    this.buckets = 1 + n + predLen;
    this.crps = new double[Math.multiplyExact(2 * 2, buckets)];
    this.byLevel = new double[2 * levels.length * 2];
  }

  /**
   * Adds a batch of windows.
   *
   * @param quantiles per level (in the constructor's order), the z-scored quantiles, row-major
   *     {@code [windows, predLen, columns]}
   * @param actual the z-scored actuals, the same shape
   * @throws IllegalArgumentException on a shape mismatch (naming the sizes) or a non-finite value
   */
  public void add(double[][] quantiles, double[] actual) {
    Objects.requireNonNull(quantiles, "quantiles");
    Objects.requireNonNull(actual, "actual");
    int count = Shapes.windows("actual", actual.length, predLen, n);
    if (quantiles.length != levels.length) {
      throw new IllegalArgumentException(quantiles.length + " quantile arrays for " + levels.length + " levels");
    }
    Shapes.finite("actual", actual, predLen, n);
    for (int k = 0; k < levels.length; k++) {
      Objects.requireNonNull(quantiles[k], "quantiles of level " + levels[k]);
      Shapes.sameLength("quantiles of level " + levels[k], quantiles[k].length, "actual", actual.length);
      Shapes.finite("quantile of level " + levels[k], quantiles[k], predLen, n);
    }
    int per = predLen * n;
    int kk = levels.length;
    for (int i = 0; i < actual.length; i++) {
      int t = i % per / n;
      int c = i % n;
      for (int scale = 0; scale < 2; scale++) {
        double y = scale == 0 ? actual[i] : actual[i] * std[c] + mean[c];
        double sum = 0;
        for (int k = 0; k < kk; k++) {
          double q = scale == 0 ? quantiles[k][i] : quantiles[k][i] * std[c] + mean[c];
          double loss = IntervalMetricOps.pinball(y, q, levels[k]);
          sum += loss;
          int lo = (scale * kk + k) * 2;
          byLevel[lo] += loss;
          byLevel[lo + 1] += y <= q ? 1 : 0;
        }
        double value = 2 * sum / kk;
        for (int bucket : new int[] {0, 1 + c, 1 + n + t}) {
          int o = (scale * buckets + bucket) * 2;
          crps[o] += 1;
          crps[o + 1] += value;
        }
      }
    }
    windows += count;
  }

  /** Number of windows added so far. */
  public long windows() {
    return windows;
  }

  /** Number of doubles held in this accumulator's state; independent of the number of windows. */
  public long retainedDoubles() {
    return (long) crps.length + byLevel.length + levels.length + mean.length + std.length;
  }

  /**
   * The metrics of everything added so far.
   *
   * @throws IllegalStateException if nothing was added ("no windows to evaluate")
   */
  public QuantileMetrics result() {
    if (windows == 0) {
      throw new IllegalStateException("no windows to evaluate");
    }
    List<Double> levelList = new ArrayList<>(levels.length);
    for (double l : levels) {
      levelList.add(l);
    }
    return new QuantileMetrics(windows, predLen, columns, levelList, scale(0), scale(1));
  }

  private QuantileScaleMetrics scale(int scale) {
    Map<String, QuantileStats> byColumn = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      byColumn.put(columns.get(c), stats(scale, 1 + c));
    }
    List<QuantileStats> byStep = new ArrayList<>(predLen);
    for (int t = 0; t < predLen; t++) {
      byStep.add(stats(scale, 1 + n + t));
    }
    double total = (double) windows * predLen * n;
    List<QuantileLevelStats> perLevel = new ArrayList<>(levels.length);
    for (int k = 0; k < levels.length; k++) {
      int lo = (scale * levels.length + k) * 2;
      perLevel.add(new QuantileLevelStats(levels[k], byLevel[lo] / total, byLevel[lo + 1] / total));
    }
    return new QuantileScaleMetrics(stats(scale, 0), byColumn, byStep, perLevel);
  }

  private QuantileStats stats(int scale, int bucket) {
    int o = (scale * buckets + bucket) * 2;
    return new QuantileStats((long) crps[o], crps[o + 1] / crps[o]);
  }
}
