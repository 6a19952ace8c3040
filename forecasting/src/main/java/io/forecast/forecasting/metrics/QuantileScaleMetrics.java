package io.forecast.forecasting.metrics;

import java.util.List;
import java.util.Map;

/**
 * Quantile-forecast metrics on one scale.
 *
 * @param overall CRPS over every window, step and column
 * @param byColumn CRPS per column, by name, in column order
 * @param byStep CRPS per horizon step; element i is step i + 1
 * @param byLevel per quantile level, overall
 */
public record QuantileScaleMetrics(
    QuantileStats overall, Map<String, QuantileStats> byColumn, List<QuantileStats> byStep,
    List<QuantileLevelStats> byLevel) {
  public QuantileScaleMetrics {
    byColumn = Records.orderedMap(byColumn);
    byStep = List.copyOf(byStep);
    byLevel = List.copyOf(byLevel);
  }
}
