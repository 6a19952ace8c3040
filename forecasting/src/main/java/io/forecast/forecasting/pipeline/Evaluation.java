package io.forecast.forecasting.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.forecast.forecasting.metrics.ForecastMetrics;
import io.forecast.forecasting.metrics.IntervalMetrics;
import io.forecast.forecasting.provenance.ModelProvenance;
import io.forecast.forecasting.provenance.ModelProvenance.DataProvenance;
import io.forecast.forecasting.provenance.ModelProvenance.Metrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluation report of a model on the test split of a file, with its provenance (Tribuo-style:
 * the model's provenance and the evaluated data's, embedded). Immutable; Jackson writes it as it is
 * (the JSON of {@code forecast evaluate --report}), {@link EvaluationReports#markdown} as Markdown.
 *
 * @param metrics MSE, MAE, per column (with R²) and per horizon step, on the z-scored scale: the
 *     figures saved with a model (on the training file they equal its saved test metrics bit for
 *     bit); written as {@code test} in JSON
 * @param predictSeconds wall time of the predictions
 * @param model the evaluated model's provenance
 * @param data the evaluated file, its SHA-256, rows, split rule and boundaries
 * @param evaluatedAt ISO-8601 instant
 * @param seasonalPeriod the seasonal period m of the MASE scale, {@code null} when MASE was not
 *     computed (the reason is in {@code notes})
 * @param forecastMetrics MSE, MAE, RMSE, MAPE, sMAPE, MASE and R², overall, per column and per step,
 *     on the z-scored and the original scale; written as {@code metrics} in JSON
 * @param intervals coverage, width and interval score of the model's split-conformal intervals per
 *     level, {@code null} when the model has none (the reason is in {@code notes})
 * @param definitions metric name → one-line definition
 * @param libraries Java and library versions of the evaluation
 * @param notes why a metric is absent ({@code mase}, {@code intervals}), empty when none is
 */
public record Evaluation(
    @JsonProperty("test") Metrics metrics,
    double predictSeconds,
    ModelProvenance model,
    DataProvenance data,
    String evaluatedAt,
    Integer seasonalPeriod,
    @JsonProperty("metrics") ForecastMetrics forecastMetrics,
    IntervalMetrics intervals,
    Map<String, String> definitions,
    Map<String, String> libraries,
    Map<String, String> notes) {
  public Evaluation {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(forecastMetrics, "forecastMetrics");
    definitions = frozen(definitions);
    libraries = frozen(libraries);
    notes = frozen(notes);
  }

  private static Map<String, String> frozen(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map == null ? Map.of() : map));
  }
}
