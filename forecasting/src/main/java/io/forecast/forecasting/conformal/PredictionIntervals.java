package io.forecast.forecasting.conformal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prediction intervals on the original scale for one or more forecasts, keyed by level label
 * ({@link ConformalCalibration#label}, e.g. {@code "80"}, {@code "97.5"}), in the order asked.
 *
 * @param bands per level, the lower and upper bounds, laid out as the point forecast
 *     ({@code [window ×] predLen × columns}, row-major)
 */
public record PredictionIntervals(Map<String, Band> bands) {

  /** Lower and upper bounds, row-major like the point forecast. */
  public record Band(double[] lower, double[] upper) {}

  public PredictionIntervals {
    bands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bands));
  }

  /** The level labels, in order. */
  public List<String> levels() {
    return List.copyOf(bands.keySet());
  }
}
