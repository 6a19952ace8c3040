package io.forecast.forecasting.metrics;

import java.util.List;

/**
 * Interval metrics of a set of forecast windows, per nominal level, on both scales.
 *
 * @param windows number of windows evaluated
 * @param predLen horizon length
 * @param columns column names, in order
 * @param zScored one entry per level, in the order given, on the z-scored scale
 * @param original the same on the original scale (coverage equal; width and score × std per column)
 */
public record IntervalMetrics(
    long windows, int predLen, List<String> columns, List<IntervalLevelMetrics> zScored,
    List<IntervalLevelMetrics> original) {
  public IntervalMetrics {
    columns = List.copyOf(columns);
    zScored = List.copyOf(zScored);
    original = List.copyOf(original);
  }
}
