package io.forecast.forecasting.backtest;

import io.forecast.data.SlidingWindows;
import io.forecast.data.StandardScaler;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.UnfittableSeriesException;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.conformal.IntervalsUnavailableException;
import io.forecast.forecasting.evaluation.ForecastEvaluator;
import io.forecast.forecasting.metrics.ForecastMetrics;
import io.forecast.forecasting.metrics.IntervalMetrics;
import io.forecast.forecasting.metrics.IntervalMetricsAccumulator;
import io.forecast.forecasting.metrics.PointMetricsAccumulator;
import io.forecast.forecasting.metrics.SeasonalNaiveScale;
import io.forecast.forecasting.metrics.Seasons;
import java.util.List;

/**
 * Scores the folds of one backtest: each fold's windows with the fold's model, on the fold model's
 * z-scored scale and the original scale, and every fold's windows pooled into one aggregate.
 *
 * <p>A fold forecasts the windows whose targets lie in {@code [origin, testEnd)}; their inputs reach
 * {@code seqLen} rows back from each target (observed history, before the origin for the first
 * window). The aggregate is z-scored with one scaler for all folds, the first fold's model's (fitted on
 * rows before every origin), so its figures are the pooled means over all windows on one scale; each
 * fold's own figures use its model's scaler, as a deployed model would report them. Intervals are
 * scored for a fold whose model has every requested level calibrated; the aggregate interval metrics
 * pool those folds only. MASE uses the season inferred from the sampling step ({@link Seasons}) and
 * the seasonal-naive scale of the fold model's training rows (the aggregate: of the first model's);
 * it is absent when no season can be inferred. Not thread-safe.
 */
final class FoldScorer {
  private final TimeSeriesFrame frame;
  private final List<String> columns;
  private final int n;
  private final int seqLen;
  private final int predLen;
  private final List<Double> levels;
  private StandardScaler common;
  private double[] commonMean;
  private double[] commonStd;
  private PointMetricsAccumulator pooled;
  private IntervalMetricsAccumulator pooledIntervals;

  FoldScorer(TimeSeriesFrame frame, int seqLen, int predLen, List<Double> levels) {
    this.frame = frame;
    this.columns = frame.columnNames();
    this.n = columns.size();
    this.seqLen = seqLen;
    this.predLen = predLen;
    this.levels = List.copyOf(levels);
  }

  /** One fold's metrics. */
  record Scored(long windows, ForecastMetrics point, IntervalMetrics intervals) {}

  /**
   * Scores the windows with targets in {@code [origin, testEnd)} and adds them to the aggregate.
   *
   * @throws UnfittableSeriesException if the model forecasts a non-finite value
   */
  Scored score(Forecaster model, int modelStart, int modelEnd, int origin, int testEnd) {
    StandardScaler scaler = model.scaler();
    SeasonalNaiveScale maseScale = maseScale(modelStart, modelEnd);
    if (common == null) {
      common = scaler;
      commonMean = scaler.mean();
      commonStd = scaler.std();
      pooled = new PointMetricsAccumulator(columns, predLen, common, maseScale);
    }
    double[] mean = scaler.mean();
    double[] std = scaler.std();
    double[] raw = frame.values(origin - seqLen, testEnd);
    double[] z = raw.clone();
    scaler.transformInPlace(z);
    SlidingWindows windows = SlidingWindows.over(z, n, 0, testEnd - origin + seqLen, seqLen, predLen);
    PointMetricsAccumulator point = new PointMetricsAccumulator(columns, predLen, scaler, maseScale);
    ConformalCalibration calibration = calibrated(model);
    double[] fractions = levels.stream().mapToDouble(l -> l / 100).toArray();
    IntervalMetricsAccumulator intervals = calibration == null ? null
        : new IntervalMetricsAccumulator(columns, predLen, scaler, fractions);
    if (calibration != null && pooledIntervals == null) {
      pooledIntervals = new IntervalMetricsAccumulator(columns, predLen, common, fractions);
    }
    int per = predLen * n;
    for (int from = 0; from < windows.count(); from += ForecastEvaluator.BATCH) {
      int count = Math.min(ForecastEvaluator.BATCH, windows.count() - from);
      float[] predicted = model.predictScaled(windows, from, count);
      for (float p : predicted) {
        if (!Float.isFinite(p)) {
          throw new UnfittableSeriesException("the " + model.card().type() + " model forecasts non-finite values "
              + "for the fold at row " + origin + "; try a lower learning rate or other settings");
        }
      }
      point.add(predicted, windows, from, count);
      double[] actual = new double[count * per];
      double[] predictedCommon = new double[count * per];
      double[] actualCommon = new double[count * per];
      for (int w = 0; w < count; w++) {
        int t0 = windows.targetOffset(from + w);
        int rawT0 = (from + w + seqLen) * n;
        for (int i = 0; i < per; i++) {
          int c = i % n;
          actual[w * per + i] = z[t0 + i];
          actualCommon[w * per + i] = toCommon(raw[rawT0 + i], c);
          predictedCommon[w * per + i] = toCommon(predicted[w * per + i] * std[c] + mean[c], c);
        }
      }
      pooled.add(predictedCommon, actualCommon);
      if (intervals != null) {
        addIntervals(intervals, calibration, predicted, actual, count, null, null);
        addIntervals(pooledIntervals, calibration, predicted, actualCommon, count, mean, std);
      }
    }
    return new Scored(windows.count(), point.result(), intervals == null ? null : intervals.result());
  }

  /** The pooled metrics of every scored window (on the first fold model's z-scored scale and the original). */
  ForecastMetrics aggregate() {
    return pooled.result();
  }

  /** The pooled interval metrics of the folds whose models have every level, or {@code null}. */
  IntervalMetrics aggregateIntervals() {
    return pooledIntervals == null || pooledIntervals.windows() == 0 ? null : pooledIntervals.result();
  }

  /**
   * The MASE scale of a model's training rows: the in-sample seasonal-naive MAE with the season
   * inferred from the sampling step; {@code null} (no MASE) when none can be inferred or the rows are
   * too few.
   */
  private SeasonalNaiveScale maseScale(int fromRow, int toRow) {
    int period = Seasons.inferPeriod(frame.quality().frequencySeconds());
    if (period < 1) {
      return null;
    }
    try {
      return SeasonalNaiveScale.of(frame, fromRow, toRow, period);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private ConformalCalibration calibrated(Forecaster model) {
    if (levels.isEmpty()) {
      return null;
    }
    ConformalCalibration c = model.conformal().orElse(null);
    if (c == null) {
      return null;
    }
    try {
      c.require(levels);
      return c;
    } catch (IntervalsUnavailableException e) {
      return null;
    }
  }

  /**
   * Adds ŷ ± q bounds per level, on the model's z-scored scale, or (given the model scaler's mean and
   * std) converted to the common one.
   */
  private void addIntervals(IntervalMetricsAccumulator acc, ConformalCalibration calibration, float[] predicted,
      double[] actual, int count, double[] mean, double[] std) {
    int per = predLen * n;
    double[][] lower = new double[levels.size()][count * per];
    double[][] upper = new double[levels.size()][count * per];
    double[] q = new double[per];
    for (int k = 0; k < levels.size(); k++) {
      for (int cell = 0; cell < per; cell++) {
        q[cell] = calibration.halfWidth(levels.get(k), cell / n, cell % n);
      }
      for (int i = 0; i < count * per; i++) {
        int cell = i % per;
        int c = cell % n;
        double lo = predicted[i] - q[cell];
        double hi = predicted[i] + q[cell];
        lower[k][i] = mean == null ? lo : toCommon(lo * std[c] + mean[c], c);
        upper[k][i] = mean == null ? hi : toCommon(hi * std[c] + mean[c], c);
      }
    }
    acc.add(lower, upper, actual);
  }

  private double toCommon(double value, int c) {
    return (value - commonMean[c]) / commonStd[c];
  }
}
