package io.forecast.forecasting.metrics;

import io.forecast.data.StandardScaler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streaming interval metrics (coverage, mean width, interval score) of central prediction intervals
 * at one or more nominal levels, overall, per column and per horizon step, on the z-scored and the
 * original scale.
 *
 * <p>Per level k, {@code add} takes the lower and upper bounds z-scored, row-major
 * {@code [windows, predLen, columns]} like the actuals; on the original scale every bound and actual
 * is {@code z·std + mean}. The score of level {@code L} uses {@code α = 1 − L} (see
 * {@link IntervalMetricOps}). Every figure is a mean over its set of values. Memory is
 * {@code 8·levels·(1 + columns + predLen) + levels + 2·columns} doubles
 * ({@link #retainedDoubles()}); no window is stored. A batch is checked whole (shapes, finiteness, {@code lower ≤ upper}) before anything is
 * added. Not thread-safe.
 */
public final class IntervalMetricsAccumulator {
  private static final int STATS = 4;
  private final List<String> columns;
  private final int n;
  private final int predLen;
  private final double[] levels;
  private final double[] mean;
  private final double[] std;
  private final int buckets;
  /** {@code [scale (0 z, 1 original)][level][bucket (0 all, 1.. columns, then steps)][count, covered, width, score]}. */
  private final double[] sums;
  private long windows;

  /**
   * @param columns column names, in order
   * @param predLen horizon length, at least 1
   * @param scaler the scaler the values were z-scored with
   * @param levels nominal coverages in (0, 1), distinct, e.g. {@code 0.8, 0.95}
   * @throws IllegalArgumentException on no or duplicate columns or levels, a level outside (0, 1), a
   *     non-positive predLen or a scaler of another column count
   */
  public IntervalMetricsAccumulator(List<String> columns, int predLen, StandardScaler scaler, double... levels) {
    this.columns = Shapes.columns(columns);
    this.n = this.columns.size();
    this.predLen = Shapes.predLen(predLen);
    Shapes.scaler(scaler, n);
    this.mean = scaler.mean();
    this.std = scaler.std();
    this.levels = Shapes.levels("interval", levels, false);
    this.buckets = 1 + n + predLen;
    this.sums = new double[Math.multiplyExact(2 * levels.length * STATS, buckets)];
  }

  /**
   * Adds a batch of windows.
   *
   * @param lower per level (in the constructor's order), the z-scored lower bounds, row-major
   *     {@code [windows, predLen, columns]}
   * @param upper per level, the z-scored upper bounds, the same shape
   * @param actual the z-scored actuals, the same shape
   * @throws IllegalArgumentException on a shape mismatch (naming the sizes), a non-finite value or a
   *     lower bound above its upper bound (naming level, window, step and column)
   */
  public void add(double[][] lower, double[][] upper, double[] actual) {
    Objects.requireNonNull(lower, "lower");
    Objects.requireNonNull(upper, "upper");
    Objects.requireNonNull(actual, "actual");
    int count = Shapes.windows("actual", actual.length, predLen, n);
    if (lower.length != levels.length || upper.length != levels.length) {
      throw new IllegalArgumentException(lower.length + " lower and " + upper.length + " upper bound arrays for "
          + levels.length + " levels");
    }
    Shapes.finite("actual", actual, predLen, n);
    for (int k = 0; k < levels.length; k++) {
      Objects.requireNonNull(lower[k], "lower bounds of level " + levels[k]);
      Objects.requireNonNull(upper[k], "upper bounds of level " + levels[k]);
      Shapes.sameLength("lower bounds of level " + levels[k], lower[k].length, "actual", actual.length);
      Shapes.sameLength("upper bounds of level " + levels[k], upper[k].length, "actual", actual.length);
      Shapes.finite("lower bound of level " + levels[k], lower[k], predLen, n);
      Shapes.finite("upper bound of level " + levels[k], upper[k], predLen, n);
      for (int i = 0; i < actual.length; i++) {
        if (lower[k][i] > upper[k][i]) {
          throw new IllegalArgumentException("lower bound " + lower[k][i] + " above upper bound " + upper[k][i]
              + " for level " + levels[k] + " at " + Shapes.where(i, predLen, n));
        }
      }
    }
    int per = predLen * n;
    for (int k = 0; k < levels.length; k++) {
      double alpha = 1 - levels[k];
      for (int i = 0; i < actual.length; i++) {
        int t = i % per / n;
        int c = i % n;
        double yz = actual[i];
        double lz = lower[k][i];
        double uz = upper[k][i];
        accumulate(0, k, c, t, lz, uz, yz, alpha);
        accumulate(1, k, c, t, lz * std[c] + mean[c], uz * std[c] + mean[c], yz * std[c] + mean[c], alpha);
      }
    }
    windows += count;
  }

  private void accumulate(int scale, int level, int c, int t, double l, double u, double y, double alpha) {
    double covered = IntervalMetricOps.covers(l, u, y) ? 1 : 0;
    // an original-scale rounding could in theory put l a hair above u; the width is then taken as 0
    double lo = Math.min(l, u);
    double width = u - lo;
    double score = IntervalMetricOps.intervalScore(lo, u, y, alpha);
    for (int bucket : new int[] {0, 1 + c, 1 + n + t}) {
      int o = offset(scale, level, bucket);
      sums[o] += 1;
      sums[o + 1] += covered;
      sums[o + 2] += width;
      sums[o + 3] += score;
    }
  }

  private int offset(int scale, int level, int bucket) {
    return ((scale * levels.length + level) * buckets + bucket) * STATS;
  }

  /** Number of windows added so far. */
  public long windows() {
    return windows;
  }

  /** Number of doubles held in this accumulator's state; independent of the number of windows. */
  public long retainedDoubles() {
    return (long) sums.length + levels.length + mean.length + std.length;
  }

  /**
   * The metrics of everything added so far.
   *
   * @throws IllegalStateException if nothing was added ("no windows to evaluate")
   */
  public IntervalMetrics result() {
    if (windows == 0) {
      throw new IllegalStateException("no windows to evaluate");
    }
    return new IntervalMetrics(windows, predLen, columns, scale(0), scale(1));
  }

  private List<IntervalLevelMetrics> scale(int scale) {
    List<IntervalLevelMetrics> out = new ArrayList<>(levels.length);
    for (int k = 0; k < levels.length; k++) {
      Map<String, IntervalStats> byColumn = new LinkedHashMap<>();
      for (int c = 0; c < n; c++) {
        byColumn.put(columns.get(c), stats(scale, k, 1 + c));
      }
      List<IntervalStats> byStep = new ArrayList<>(predLen);
      for (int t = 0; t < predLen; t++) {
        byStep.add(stats(scale, k, 1 + n + t));
      }
      out.add(new IntervalLevelMetrics(levels[k], stats(scale, k, 0), byColumn, byStep));
    }
    return out;
  }

  private IntervalStats stats(int scale, int level, int bucket) {
    int o = offset(scale, level, bucket);
    double count = sums[o];
    return new IntervalStats((long) count, sums[o + 1] / count, sums[o + 2] / count, sums[o + 3] / count);
  }
}
