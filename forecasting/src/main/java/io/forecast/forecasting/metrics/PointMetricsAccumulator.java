package io.forecast.forecasting.metrics;

import io.forecast.data.SlidingWindows;
import io.forecast.data.StandardScaler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streaming point metrics (MSE, MAE, RMSE, MAPE, sMAPE, MASE, R²) overall, per column and per
 * horizon step, on the z-scored and on the original scale.
 *
 * <p>Batches of windows go in through {@code add}: predictions and actuals z-scored, row-major
 * {@code [windows, predLen, columns]}. The original-scale values are {@code y = z·std + mean} with
 * the scaler's per-column statistics. Running sums are kept in double precision; no window is
 * stored. Memory is {@code 3·columns·predLen + 16·(1 + columns + predLen) + 7·columns} doubles
 * ({@link #retainedDoubles()}), whatever the number of windows.
 *
 * <p>Aggregation:
 *
 * <ul>
 *   <li>MSE, MAE, MAPE and sMAPE of a set are the means over its values (overall: every window, step
 *       and column; MAPE over the values not excluded). RMSE = √MSE of the same set.
 *   <li><b>MASE</b> of a column = its MAE / its {@link SeasonalNaiveScale} scale. The
 *       <b>overall MASE is the mean over variates of the per-variate MASE</b> (equivalently the mean of
 *       {@code |e|/scale_c} over every value), and a step's MASE the mean over variates of that step's
 *       per-variate MASE. A variate with a zero scale has no MASE and is left out of these means.
 *       MASE is invariant under the per-column affine rescaling, so both scales report the same value
 *       (the scale on the z-scored side is {@code scale/std}).
 *   <li><b>R²</b> of a column = {@code 1 − SSE/SST} over its values. The overall R² is the mean over
 *       variates of the per-variate R² (scikit-learn's {@code uniform_average}); a step's R² is the
 *       mean over variates of {@code 1 − SSE/SST} of that step and variate. Variates with constant
 *       actuals (no R²) are left out; none left: {@code null}. R² is invariant under the per-column
 *       rescaling and is computed once (on the z-scored values) for both scales.
 * </ul>
 *
 * <p>Non-finite inputs are refused; a batch is checked whole before anything is added, so a refused
 * batch leaves the accumulator unchanged. Not thread-safe.
 */
public final class PointMetricsAccumulator {
  private final List<String> columns;
  private final int n;
  private final int predLen;
  private final double[] mean;
  private final double[] std;
  private final Integer masePeriod;
  /** MASE scale per column on the original scale; 0 = no MASE for that column. */
  private final double[] maseScaleOriginal;
  private final double[] maseScaleZ;

  private final Sums zAll = new Sums();
  private final Sums oAll = new Sums();
  private final Sums[] zCol;
  private final Sums[] oCol;
  private final Sums[] zStep;
  private final Sums[] oStep;
  /** Per column: the shift K (first actual) and Σd, Σd² of d = y − K, z-scored. */
  private final double[] shift;
  private final double[] colSum;
  private final double[] colSumSq;
  /** Per (step, column), index {@code t·columns + c}: SSE, Σd, Σd², z-scored. */
  private final double[] cellSse;
  private final double[] cellSum;
  private final double[] cellSumSq;
  private long windows;

  /**
   * An accumulator without MASE ({@code mase} is {@code null} in the results).
   *
   * @param columns column names, in order
   * @param predLen horizon length, at least 1
   * @param scaler the scaler the values were z-scored with, one statistic per column
   */
  public PointMetricsAccumulator(List<String> columns, int predLen, StandardScaler scaler) {
    this(columns, predLen, scaler, null);
  }

  /**
   * @param columns column names, in order
   * @param predLen horizon length, at least 1
   * @param scaler the scaler the values were z-scored with, one statistic per column
   * @param maseScale the seasonal-naive scale of the training rows in original units, one per
   *     column; {@code null} for no MASE
   * @throws IllegalArgumentException on no or duplicate columns, a non-positive predLen, or a scaler or
   *     scale whose column count differs
   */
  public PointMetricsAccumulator(
      List<String> columns, int predLen, StandardScaler scaler, SeasonalNaiveScale maseScale) {
    this.columns = Shapes.columns(columns);
    this.n = this.columns.size();
    this.predLen = Shapes.predLen(predLen);
    Shapes.scaler(scaler, n);
    this.mean = scaler.mean();
    this.std = scaler.std();
    this.maseScaleOriginal = new double[n];
    this.maseScaleZ = new double[n];
    if (maseScale != null) {
      if (maseScale.columns() != n) {
        throw new IllegalArgumentException("MASE scale has " + maseScale.columns() + " columns, expected " + n);
      }
      this.masePeriod = maseScale.period();
      for (int c = 0; c < n; c++) {
        maseScaleOriginal[c] = maseScale.scale(c);
        maseScaleZ[c] = maseScale.scale(c) / std[c];
      }
    } else {
      this.masePeriod = null;
    }
    zCol = Sums.array(n);
    oCol = Sums.array(n);
    zStep = Sums.array(predLen);
    oStep = Sums.array(predLen);
    shift = new double[n];
    colSum = new double[n];
    colSumSq = new double[n];
    cellSse = new double[Math.multiplyExact(n, predLen)];
    cellSum = new double[cellSse.length];
    cellSumSq = new double[cellSse.length];
  }

  /**
   * Adds a batch of windows.
   *
   * @param predicted z-scored predictions, row-major {@code [windows, predLen, columns]}
   * @param actual z-scored actuals, the same shape
   * @throws IllegalArgumentException on a shape mismatch (naming both sizes) or a non-finite value
   *     (naming window, step and column)
   */
  public void add(double[] predicted, double[] actual) {
    Objects.requireNonNull(predicted, "predicted");
    Objects.requireNonNull(actual, "actual");
    Shapes.sameLength("predicted", predicted.length, "actual", actual.length);
    int count = Shapes.windows("predicted", predicted.length, predLen, n);
    Shapes.finite("predicted", predicted, predLen, n);
    Shapes.finite("actual", actual, predLen, n);
    if (count == 0) {
      return;
    }
    if (windows == 0) {
      System.arraycopy(actual, 0, shift, 0, n);
    }
    int per = predLen * n;
    for (int w = 0; w < count; w++) {
      for (int t = 0; t < predLen; t++) {
        for (int c = 0; c < n; c++) {
          int i = w * per + t * n + c;
          double yz = actual[i];
          double pz = predicted[i];
          double yo = yz * std[c] + mean[c];
          double po = pz * std[c] + mean[c];
          zAll.add(pz, yz, maseScaleZ[c]);
          zCol[c].add(pz, yz, maseScaleZ[c]);
          zStep[t].add(pz, yz, maseScaleZ[c]);
          oAll.add(po, yo, maseScaleOriginal[c]);
          oCol[c].add(po, yo, maseScaleOriginal[c]);
          oStep[t].add(po, yo, maseScaleOriginal[c]);
          double e = pz - yz;
          double d = yz - shift[c];
          int cell = t * n + c;
          cellSse[cell] += e * e;
          cellSum[cell] += d;
          cellSumSq[cell] += d * d;
          colSum[c] += d;
          colSumSq[c] += d * d;
        }
      }
    }
    windows += count;
  }

  /** {@link #add(double[], double[])} for float predictions (a model's output). */
  public void add(float[] predicted, double[] actual) {
    Objects.requireNonNull(predicted, "predicted");
    double[] p = new double[predicted.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = predicted[i];
    }
    add(p, actual);
  }

  /**
   * Adds the predictions for windows {@code from .. from + count − 1} of a split; the actuals are
   * their targets.
   *
   * @param predicted {@code count × predLen × columns} z-scored predictions, row-major
   * @throws IllegalArgumentException on a column count, predLen or window range that does not fit
   */
  public void add(float[] predicted, SlidingWindows windows, int from, int count) {
    Objects.requireNonNull(windows, "windows");
    if (windows.columns() != n) {
      throw new IllegalArgumentException("windows have " + windows.columns() + " columns, expected " + n);
    }
    if (windows.predLen() != predLen) {
      throw new IllegalArgumentException("windows have predLen " + windows.predLen() + ", expected " + predLen);
    }
    if (count < 0 || from < 0 || from > windows.count() - count) {
      throw new IllegalArgumentException(
          "windows [" + from + ", " + ((long) from + count) + ") outside the " + windows.count() + " windows");
    }
    int per = predLen * n;
    double[] actual = new double[Math.multiplyExact(count, per)];
    double[] data = windows.data();
    for (int w = 0; w < count; w++) {
      System.arraycopy(data, windows.targetOffset(from + w), actual, w * per, per);
    }
    add(predicted, actual);
  }

  /** Number of windows added so far. */
  public long windows() {
    return windows;
  }

  /** Number of doubles held in this accumulator's state; independent of the number of windows. */
  public long retainedDoubles() {
    long sums = (long) Sums.DOUBLES * (2 + 2L * n + 2L * predLen);
    return sums + mean.length + std.length + maseScaleOriginal.length + maseScaleZ.length + shift.length
        + colSum.length + colSumSq.length + cellSse.length + cellSum.length + cellSumSq.length;
  }

  /**
   * The metrics of everything added so far.
   *
   * @throws IllegalStateException if nothing was added ("no windows to evaluate")
   */
  public ForecastMetrics result() {
    if (windows == 0) {
      throw new IllegalStateException("no windows to evaluate");
    }
    double perCell = windows;
    double perColumn = (double) windows * predLen;
    Double[] colR2 = new Double[n];
    for (int c = 0; c < n; c++) {
      double sst = PointMetricOps.totalSumOfSquares(colSum[c], colSumSq[c], perColumn);
      colR2[c] = PointMetricOps.rSquared(zCol[c].sse, sst);
    }
    Double[] stepR2 = new Double[predLen];
    Double[] cells = new Double[n];
    for (int t = 0; t < predLen; t++) {
      for (int c = 0; c < n; c++) {
        int cell = t * n + c;
        double sst = PointMetricOps.totalSumOfSquares(cellSum[cell], cellSumSq[cell], perCell);
        cells[c] = PointMetricOps.rSquared(cellSse[cell], sst);
      }
      stepR2[t] = PointMetricOps.meanOfPresent(cells);
    }
    Double overallR2 = PointMetricOps.meanOfPresent(colR2);
    return new ForecastMetrics(windows, predLen, columns, masePeriod,
        scale(zAll, zCol, zStep, overallR2, colR2, stepR2),
        scale(oAll, oCol, oStep, overallR2, colR2, stepR2));
  }

  private PointScaleMetrics scale(Sums all, Sums[] col, Sums[] step, Double overallR2, Double[] colR2, Double[] stepR2) {
    Map<String, PointMetrics> byColumn = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      byColumn.put(columns.get(c), col[c].metrics(colR2[c]));
    }
    List<PointMetrics> bySteps = new ArrayList<>(predLen);
    for (int t = 0; t < predLen; t++) {
      bySteps.add(step[t].metrics(stepR2[t]));
    }
    return new PointScaleMetrics(all.metrics(overallR2), byColumn, bySteps);
  }

  /** Running sums of one set of values on one scale. */
  private static final class Sums {
    static final int DOUBLES = 8;
    long count;
    double sse;
    double sae;
    double sumApe;
    long apeCount;
    double sumSape;
    double sumScaled;
    long scaledCount;

    static Sums[] array(int size) {
      Sums[] out = new Sums[size];
      for (int i = 0; i < size; i++) {
        out[i] = new Sums();
      }
      return out;
    }

    /** @param maseScale the column's MASE scale, 0 when it has none */
    void add(double predicted, double actual, double maseScale) {
      double e = predicted - actual;
      double a = Math.abs(e);
      count++;
      sse += e * e;
      sae += a;
      if (!PointMetricOps.mapeExcludes(actual)) {
        sumApe += a / Math.abs(actual);
        apeCount++;
      }
      sumSape += PointMetricOps.symmetricAbsolutePercentageError(predicted, actual);
      if (maseScale > 0) {
        sumScaled += a / maseScale;
        scaledCount++;
      }
    }

    PointMetrics metrics(Double r2) {
      double mse = sse / count;
      return new PointMetrics(count, mse, sae / count, Math.sqrt(mse), apeCount > 0 ? sumApe / apeCount : null,
          count - apeCount, sumSape / count, scaledCount > 0 ? sumScaled / scaledCount : null, r2);
    }
  }
}
