package io.forecast.forecasting.service;

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
 */
public record ForecastResult(String modelId, int predLen, List<String> timestamps, Map<String, double[]> columns) {}
