package io.forecast.forecasting.pipeline;

import io.forecast.forecasting.provenance.ModelProvenance;
import io.forecast.forecasting.provenance.ModelProvenance.DataProvenance;
import io.forecast.forecasting.provenance.ModelProvenance.Metrics;
import java.util.Objects;

/**
 * The errors of a model on the test split of a file, with their provenance (Tribuo-style: the
 * model's provenance and the evaluated data's, embedded). Immutable.
 *
 * @param metrics MSE, MAE, per column (with R²) and per horizon step, on the z-scored scale
 * @param predictSeconds wall time of the predictions
 * @param model the evaluated model's provenance
 * @param data the evaluated file and how it was cut
 * @param evaluatedAt ISO-8601 instant
 */
public record Evaluation(Metrics metrics, double predictSeconds, ModelProvenance model, DataProvenance data,
    String evaluatedAt) {
  public Evaluation {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(data, "data");
  }
}
