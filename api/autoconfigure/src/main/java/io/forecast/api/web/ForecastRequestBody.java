package io.forecast.api.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/forecasts} (JSON).
 *
 * @param modelId the stored model to forecast with
 * @param timestamps one timestamp per history row (optional; without them the answer has no
 *     timestamps)
 * @param columns the history, one array per model column (names must be the model's columns; at
 *     least {@code seqLen} rows; {@code null} or {@code "NaN"} cells are rejected naming column and row)
 * @param intervals optional levels in percent (e.g. {@code [80, 95]}) of split-conformal prediction
 *     intervals to add to the answer; each must have been calibrated for the model (400 otherwise)
 */
public record ForecastRequestBody(
    @NotBlank String modelId,
    List<String> timestamps,
    @NotEmpty Map<String, List<Double>> columns,
    List<Double> intervals) {}
