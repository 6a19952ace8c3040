package io.forecast.forecasting.backtest;

import io.forecast.forecasting.metrics.IntervalStats;
import io.forecast.forecasting.metrics.PointMetrics;
import java.util.Map;

/**
 * One scored fold of a backtest. Row numbers are 0-based data rows of the file.
 *
 * @param index 0-based, in origin order
 * @param trainStart first training row of the fold (inclusive)
 * @param origin first forecast row; the fold's training rows end here (exclusive)
 * @param testEnd end of the forecast rows (exclusive)
 * @param originTime the origin row's timestamp, as the file writes it
 * @param refitted whether the model was fitted at this fold
 * @param refitSkipped why a planned refit did not happen (the retraining budget was spent), or
 *     {@code null}
 * @param modelTrainStart first row of the used model's training rows
 * @param modelTrainEnd end (exclusive) of the used model's training rows (its validation rows
 *     included), never after {@code origin}
 * @param epochsRun epochs of this fold's training ({@code null} when not refitted or not trained by
 *     epochs)
 * @param trainingSeconds wall time of this fold's training, calibration included ({@code null} when not
 *     refitted)
 * @param windows windows scored: {@code testEnd − origin − predLen + 1}
 * @param zScored point metrics on the z-scored scale of the fold's model
 * @param original point metrics on the original scale
 * @param intervals per interval level (label, e.g. {@code "80"}), coverage and, on the original scale,
 *     mean width and interval score, in the requested order; empty when the model has no intervals at every requested level
 */
public record BacktestFold(int index, int trainStart, int origin, int testEnd, String originTime, boolean refitted,
    String refitSkipped, int modelTrainStart, int modelTrainEnd, Integer epochsRun, Double trainingSeconds,
    long windows, PointMetrics zScored, PointMetrics original, Map<String, IntervalStats> intervals) {
  public BacktestFold {
    intervals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(intervals));
  }
}
