package io.forecast.forecasting.pipeline;

import io.forecast.data.SlidingWindows;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.evaluation.ScaledPredictor;
import io.forecast.forecasting.metrics.ForecastMetrics;
import io.forecast.forecasting.metrics.IntervalMetrics;
import io.forecast.forecasting.metrics.IntervalMetricsAccumulator;
import io.forecast.forecasting.metrics.PointMetricsAccumulator;
import io.forecast.forecasting.metrics.SeasonalNaiveScale;
import io.forecast.forecasting.metrics.Seasons;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full metrics of {@link ForecastPipeline#evaluate}, taken in the same streaming pass as its
 * saved-format metrics: a {@link ScaledPredictor} that hands the model's predictions on unchanged and
 * feeds each batch to a {@link PointMetricsAccumulator} (with the MASE scale of the file's training
 * rows) and, when the model has split-conformal intervals, to an {@link IntervalMetricsAccumulator}
 * at its levels (bounds {@code ŷ ± q} on the z-scored scale). Holds one batch at a time. Not
 * thread-safe.
 */
final class FullMetricsPass implements ScaledPredictor {
  private final ScaledPredictor model;
  private final int per;
  private final PointMetricsAccumulator point;
  private final IntervalMetricsAccumulator intervals;
  /** Per level: z-scored half-widths, {@code predLen × columns} row-major. */
  private final double[][] halfWidths;
  private final Integer period;
  private final Map<String, String> notes = new LinkedHashMap<>();
  private boolean nonFinite;

  FullMetricsPass(Forecaster forecaster, TimeSeriesFrame frame, int trainEnd, Integer season) {
    this.model = forecaster::predictScaled;
    List<String> columns = forecaster.card().columns();
    int predLen = forecaster.card().predLen();
    this.per = predLen * columns.size();
    SeasonalNaiveScale scale = maseScale(frame, trainEnd, season);
    this.period = scale == null ? null : scale.period();
    this.point = new PointMetricsAccumulator(columns, predLen, forecaster.scaler(), scale);
    ConformalCalibration calibration = forecaster.conformal().orElse(null);
    List<String> labels = calibration == null ? List.of() : calibration.levels();
    if (calibration == null) {
      notes.put("intervals", "the model has no split-conformal calibration (trained with --intervals none, "
          + "without validation windows, or saved before intervals existed)");
    } else if (labels.isEmpty()) {
      notes.put("intervals", "every interval level was refused at calibration: " + calibration.refused());
    } else if (!calibration.refused().isEmpty()) {
      notes.put("intervals", "levels refused at calibration: " + calibration.refused());
    }
    if (labels.isEmpty()) {
      this.intervals = null;
      this.halfWidths = null;
    } else {
      double[] levels = new double[labels.size()];
      this.halfWidths = new double[labels.size()][per];
      for (int k = 0; k < levels.length; k++) {
        double percent = Double.parseDouble(labels.get(k));
        levels[k] = percent / 100;
        for (int t = 0; t < predLen; t++) {
          for (int c = 0; c < columns.size(); c++) {
            halfWidths[k][t * columns.size() + c] = calibration.halfWidth(percent, t, c);
          }
        }
      }
      this.intervals = new IntervalMetricsAccumulator(columns, predLen, forecaster.scaler(), levels);
    }
  }

  /** The training split's seasonal-naive scale, or {@code null} (with the reason noted). */
  private SeasonalNaiveScale maseScale(TimeSeriesFrame frame, int trainEnd, Integer season) {
    long step = frame.quality().frequencySeconds();
    int m = season != null ? season : Seasons.inferPeriod(step);
    if (m < 1) {
      notes.put("mase", "no seasonal period: none given and none can be inferred from the sampling step ("
          + (step > 0 ? step + " s" : "unknown") + "); give one (--season N) for MASE");
      return null;
    }
    try {
      return SeasonalNaiveScale.of(frame, 0, trainEnd, m);
    } catch (IllegalArgumentException e) {
      notes.put("mase", "no MASE with period " + m + (season == null ? " (inferred from the sampling step)" : "")
          + ": " + e.getMessage());
      return null;
    }
  }

  @Override
  public float[] predict(SlidingWindows windows, int from, int count) {
    float[] predictions = model.predict(windows, from, count);
    if (nonFinite) {
      return predictions;
    }
    double[] p = new double[predictions.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = predictions[i];
      if (!Double.isFinite(p[i])) {
        // the pipeline refuses the model once the pass is over; nothing more is accumulated
        nonFinite = true;
        return predictions;
      }
    }
    double[] actual = new double[p.length];
    double[] data = windows.data();
    for (int w = 0; w < count; w++) {
      System.arraycopy(data, windows.targetOffset(from + w), actual, w * per, per);
    }
    point.add(p, actual);
    if (intervals != null) {
      double[][] lower = new double[halfWidths.length][p.length];
      double[][] upper = new double[halfWidths.length][p.length];
      for (int k = 0; k < halfWidths.length; k++) {
        for (int i = 0; i < p.length; i++) {
          double q = halfWidths[k][i % per];
          lower[k][i] = p[i] - q;
          upper[k][i] = p[i] + q;
        }
      }
      intervals.add(lower, upper, actual);
    }
    return predictions;
  }

  /** The seasonal period of the MASE scale, {@code null} when there is none. */
  Integer period() {
    return period;
  }

  ForecastMetrics pointMetrics() {
    return point.result();
  }

  /** The interval metrics, {@code null} when the model has no calibrated level. */
  IntervalMetrics intervalMetrics() {
    return intervals == null ? null : intervals.result();
  }

  /** Why a metric is absent, by metric name. */
  Map<String, String> notes() {
    return new LinkedHashMap<>(notes);
  }
}
