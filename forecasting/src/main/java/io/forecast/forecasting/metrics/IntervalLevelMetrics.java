package io.forecast.forecasting.metrics;

import java.util.List;
import java.util.Map;

/**
 * Interval metrics of one nominal level on one scale.
 *
 * @param level nominal coverage, e.g. 0.8 (α = 1 − level)
 * @param overall over every window, step and column
 * @param byColumn per column, by name, in column order
 * @param byStep per horizon step; element i is step i + 1
 */
public record IntervalLevelMetrics(
    double level, IntervalStats overall, Map<String, IntervalStats> byColumn, List<IntervalStats> byStep) {
  public IntervalLevelMetrics {
    byColumn = Records.orderedMap(byColumn);
    byStep = List.copyOf(byStep);
  }
}
