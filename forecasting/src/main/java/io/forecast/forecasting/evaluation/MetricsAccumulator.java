package io.forecast.forecasting.evaluation;

import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.provenance.ModelProvenance.ColumnMetrics;
import io.forecast.forecasting.provenance.ModelProvenance.Metrics;
import io.forecast.forecasting.provenance.ModelProvenance.StepMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streaming forecast metrics: batches of predictions go in through {@link #add}, running sums in
 * double precision are kept, and {@link #result()} turns them into {@link Metrics}.
 *
 * <p>Memory is {@code O(columns + predLen)} doubles ({@link #retainedDoubles()}), whatever the number
 * of windows. Per column it keeps Σe², Σ|e| (e = prediction − truth), and Σd, Σd² of the truth
 * shifted by the column's first truth value K (d = y − K); per horizon step it keeps Σe² and Σ|e|
 * over all columns.
 *
 * <p>The definitions are Tribuo's ({@code RegressionMetrics}), unweighted: MSE = SSE/n, MAE =
 * Σ|e|/n and R² = 1 − SSE/SST with SST = Σ(y − ȳ)². SST is computed in one pass as
 * Σd² − n·d̄², which is Σy² − n·ȳ² on the shifted truth; the shift changes nothing mathematically but
 * avoids cancellation when ȳ is large against the spread, and makes SST exactly 0 for a column whose
 * truth is constant. For such a column R² follows IEEE arithmetic exactly as Tribuo's
 * {@code 1 − SSE/SST} does: {@code -Infinity} when the predictions have any error and
 * {@link Double#NaN} (0/0) when they are all exact. A rounding-negative SST is taken as 0.
 *
 * <p>The overall MSE and MAE are the means over {@code [windows, predLen, columns]}; since every column
 * and step has the same number of values, they equal the means of the per-column and of the per-step
 * figures. Not thread-safe.
 */
public final class MetricsAccumulator {
  private final List<String> columns;
  private final int predLen;
  private final int n;

  private final double[] colSe;
  private final double[] colAe;
  private final double[] colShift;
  private final double[] colSum;
  private final double[] colSumSq;
  private final double[] stepSe;
  private final double[] stepAe;
  private long windows;

  /**
   * @param columns column names, in order (the column count of the windows to come)
   * @param predLen horizon length of the windows to come, at least 1
   * @throws IllegalArgumentException if there are no columns or predLen is not positive
   */
  public MetricsAccumulator(List<String> columns, int predLen) {
    this.columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    if (this.columns.isEmpty()) {
      throw new IllegalArgumentException("no columns");
    }
    if (predLen < 1) {
      throw new IllegalArgumentException("predLen must be positive, got " + predLen);
    }
    this.predLen = predLen;
    this.n = this.columns.size();
    colSe = new double[n];
    colAe = new double[n];
    colShift = new double[n];
    colSum = new double[n];
    colSumSq = new double[n];
    stepSe = new double[predLen];
    stepAe = new double[predLen];
  }

  /**
   * Adds the predictions for windows {@code from .. from + count - 1}; their targets are the truth.
   *
   * @param predictions {@code count × predLen × columns} z-scored predictions, row-major
   * @param windows the windows (same column count and predLen as this accumulator)
   * @param from first window the predictions are for
   * @param count number of windows (0 adds nothing)
   * @throws IllegalArgumentException on a shape mismatch or a window range outside {@code windows}
   */
  public void add(float[] predictions, SlidingWindows windows, int from, int count) {
    Objects.requireNonNull(predictions, "predictions");
    Objects.requireNonNull(windows, "windows");
    if (windows.columns() != n) {
      throw new IllegalArgumentException(n + " column names for " + windows.columns() + " columns");
    }
    if (windows.predLen() != predLen) {
      throw new IllegalArgumentException("windows have predLen " + windows.predLen() + ", expected " + predLen);
    }
    if (count < 0 || from < 0 || from > windows.count() - count) {
      throw new IllegalArgumentException(
          "windows [" + from + ", " + ((long) from + count) + ") outside the " + windows.count() + " windows");
    }
    int per = predLen * n;
    if (predictions.length != (long) count * per) {
      throw new IllegalArgumentException("expected " + (long) count * per + " predictions, got " + predictions.length);
    }
    if (count == 0) {
      return;
    }
    double[] data = windows.data();
    if (this.windows == 0) {
      int t0 = windows.targetOffset(from);
      for (int c = 0; c < n; c++) {
        colShift[c] = data[t0 + c];
      }
    }
    for (int w = 0; w < count; w++) {
      int t0 = windows.targetOffset(from + w);
      int p0 = w * per;
      for (int t = 0; t < predLen; t++) {
        int row = t * n;
        double se = 0;
        double ae = 0;
        for (int c = 0; c < n; c++) {
          double y = data[t0 + row + c];
          double e = predictions[p0 + row + c] - y;
          double e2 = e * e;
          double a = Math.abs(e);
          colSe[c] += e2;
          colAe[c] += a;
          double d = y - colShift[c];
          colSum[c] += d;
          colSumSq[c] += d * d;
          se += e2;
          ae += a;
        }
        stepSe[t] += se;
        stepAe[t] += ae;
      }
    }
    this.windows += count;
  }

  /** Number of windows added so far. */
  public long windows() {
    return windows;
  }

  /**
   * The metrics of everything added so far, per column and per step included.
   *
   * @throws IllegalArgumentException with "no windows to evaluate" if nothing was added
   * @throws ArithmeticException if more than {@link Integer#MAX_VALUE} windows were added
   */
  public Metrics result() {
    if (windows == 0) {
      throw new IllegalArgumentException("no windows to evaluate");
    }
    double perColumnCount = (double) windows * predLen;
    double perStepCount = (double) windows * n;
    double se = 0;
    double ae = 0;
    Map<String, ColumnMetrics> byColumn = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      se += colSe[c];
      ae += colAe[c];
      double mean = colSum[c] / perColumnCount;
      double sst = Math.max(0, colSumSq[c] - perColumnCount * mean * mean);
      double r2 = 1 - colSe[c] / sst;
      byColumn.put(columns.get(c), new ColumnMetrics(colSe[c] / perColumnCount, colAe[c] / perColumnCount, r2));
    }
    List<StepMetrics> bySteps = new ArrayList<>(predLen);
    for (int t = 0; t < predLen; t++) {
      bySteps.add(new StepMetrics(t + 1, stepSe[t] / perStepCount, stepAe[t] / perStepCount));
    }
    double total = perColumnCount * n;
    return new Metrics(se / total, ae / total, Math.toIntExact(windows), byColumn, bySteps);
  }

  /** Number of doubles this accumulator holds in its arrays; independent of the number of windows. */
  public long retainedDoubles() {
    return (long) colSe.length + colAe.length + colShift.length + colSum.length + colSumSq.length
        + stepSe.length + stepAe.length;
  }
}
