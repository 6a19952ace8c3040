package io.forecast.forecasting.metrics;

import java.util.List;
import java.util.Map;

/**
 * Point metrics on one scale (z-scored or original).
 *
 * @param overall over every window, step and column
 * @param byColumn per column, by name, in column order
 * @param byStep per horizon step; element i is step i + 1
 */
public record PointScaleMetrics(PointMetrics overall, Map<String, PointMetrics> byColumn, List<PointMetrics> byStep) {
  public PointScaleMetrics {
    byColumn = Records.orderedMap(byColumn);
    byStep = List.copyOf(byStep);
  }
}
