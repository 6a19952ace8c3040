package io.forecast.forecasting.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A forecast on the original scale.
 *
 * @param modelId the model that made it
 * @param predLen rows forecast
 * @param timestamps the forecast rows' timestamps, continuing the history at the model's frequency
 *     in the model's timestamp layout; {@code null} when the history had no timestamps
 * @param columns {@code predLen} values per column, in the model's column order
 * @param intervals split-conformal prediction intervals by level label ({@code "80"}, {@code "95"}) in
 *     the order asked; {@code null} (left out of JSON) when none were asked for
 */
public record ForecastResult(String modelId, int predLen, List<String> timestamps, Map<String, double[]> columns,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Interval> intervals) {

  /** A forecast without intervals. */
  public ForecastResult(String modelId, int predLen, List<String> timestamps, Map<String, double[]> columns) {
    this(modelId, predLen, timestamps, columns, null);
  }

  /**
   * One level's bounds on the original scale.
   *
   * @param lower {@code predLen} lower bounds per column
   * @param upper {@code predLen} upper bounds per column
   */
  public record Interval(Map<String, double[]> lower, Map<String, double[]> upper) {}
}
