package io.forecast.forecasting.metrics;

import java.util.List;

/**
 * The point metrics of a set of forecast windows on both scales.
 *
 * @param windows number of windows evaluated
 * @param predLen horizon length
 * @param columns column names, in order
 * @param masePeriod the seasonal period of the MASE scale, {@code null} when MASE was not computed
 * @param zScored metrics on the z-scored scale (the published convention)
 * @param original metrics on the original scale ({@code y = z·std + mean} per column)
 */
public record ForecastMetrics(
    long windows, int predLen, List<String> columns, Integer masePeriod, PointScaleMetrics zScored,
    PointScaleMetrics original) {
  public ForecastMetrics {
    columns = List.copyOf(columns);
  }
}
