package io.forecast.forecasting.metrics;

import java.util.List;

/**
 * Quantile-forecast metrics of a set of forecast windows on both scales.
 *
 * @param windows number of windows evaluated
 * @param predLen horizon length
 * @param columns column names, in order
 * @param levels the quantile levels, increasing
 * @param zScored on the z-scored scale
 * @param original on the original scale (CRPS and pinball × std per column)
 */
public record QuantileMetrics(
    long windows, int predLen, List<String> columns, List<Double> levels, QuantileScaleMetrics zScored,
    QuantileScaleMetrics original) {
  public QuantileMetrics {
    columns = List.copyOf(columns);
    levels = List.copyOf(levels);
  }
}
