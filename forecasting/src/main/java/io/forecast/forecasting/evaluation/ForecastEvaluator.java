package io.forecast.forecasting.evaluation;

import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.provenance.ModelProvenance.Metrics;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores predictions against the targets of a set of windows, through a {@link MetricsAccumulator}
 * (running sums in double precision, see there for the definitions).
 *
 * <p>{@link #evaluate(ScaledPredictor, SlidingWindows, List)} asks the predictor for at most
 * {@link #BATCH} windows at a time, so evaluating a split holds one batch of predictions and the
 * accumulator's {@code O(columns + predLen)} sums, never all predictions.
 * {@link #evaluate(float[], SlidingWindows, List, boolean)} scores predictions already in memory and
 * gives the same figures.
 */
public final class ForecastEvaluator {
  /** The most windows one {@link ScaledPredictor#predict} call is asked for. */
  public static final int BATCH = 64;

  private ForecastEvaluator() {}

  /**
   * Scores predictions for every window, asking {@code predictor} for batches of at most
   * {@link #BATCH} windows in order.
   *
   * @param predictor gives the z-scored predictions of a batch of windows
   * @param windows the windows to score (their targets are the truth)
   * @param columns column names, in order
   * @return overall, per-column and per-step metrics
   * @throws IllegalArgumentException with "no windows to evaluate" if {@code windows} is empty, or on a
   *     shape mismatch (column names, or a batch of the wrong length)
   */
  public static Metrics evaluate(ScaledPredictor predictor, SlidingWindows windows, List<String> columns) {
    Objects.requireNonNull(predictor, "predictor");
    MetricsAccumulator acc = accumulator(windows, columns);
    int count = windows.count();
    for (int from = 0; from < count; from += BATCH) {
      int size = Math.min(BATCH, count - from);
      acc.add(predictor.predict(windows, from, size), windows, from, size);
    }
    return acc.result();
  }

  /**
   * Scores predictions already held in one array.
   *
   * @param predictions {@code count × predLen × columns}, row-major, as the model predicted them
   * @param windows the windows the predictions are for (their targets are the truth)
   * @param columns column names, in order
   * @param perColumn whether to include the per-column metrics (per-step ones are always included)
   * @throws IllegalArgumentException with "no windows to evaluate" if {@code windows} is empty, or on a
   *     length mismatch
   */
  public static Metrics evaluate(float[] predictions, SlidingWindows windows, List<String> columns, boolean perColumn) {
    MetricsAccumulator acc = accumulator(windows, columns);
    acc.add(predictions, windows, 0, windows.count());
    Metrics m = acc.result();
    return perColumn ? m : new Metrics(m.mse(), m.mae(), m.windows(), Map.of(), m.perStep());
  }

  private static MetricsAccumulator accumulator(SlidingWindows windows, List<String> columns) {
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(columns, "columns");
    if (columns.size() != windows.columns()) {
      throw new IllegalArgumentException(columns.size() + " column names for " + windows.columns() + " columns");
    }
    if (windows.count() == 0) {
      throw new IllegalArgumentException("no windows to evaluate");
    }
    return new MetricsAccumulator(columns, windows.predLen());
  }
}
