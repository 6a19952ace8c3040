package io.forecast.forecasting.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.forecast.forecasting.metrics.ForecastMetrics;
import io.forecast.forecasting.metrics.IntervalMetrics;
import io.forecast.forecasting.pipeline.Evaluation;
import io.forecast.forecasting.provenance.ModelProvenance;

/**
 * A model scored on the test split of a file, scaled with the model's own scaler.
 *
 * @param modelId the model
 * @param data the file's name
 * @param split the resolved split rule
 * @param seqLen input length
 * @param predLen horizon
 * @param test MSE and MAE over every test window on the z-scored scale, per column and per step
 * @param evaluation the full evaluation with its provenance (model's and data's)
 *
 * <p>Besides these, the JSON has {@code metrics} (MSE, MAE, RMSE, MAPE, sMAPE, MASE, R² on both
 * scales), {@code intervals} (coverage, width and score per level; absent for a model without
 * intervals), {@code notes} (why a metric is absent; absent when none is), {@code dataProvenance}
 * and {@code evaluatedAt}.
 */
public record EvaluationResult(String modelId, String data, String split, int seqLen, int predLen,
    ModelProvenance.Metrics test, @JsonIgnore Evaluation evaluation) {

  /** The evaluated file's provenance (name, SHA-256, rows, split boundaries). */
  @JsonProperty
  public ModelProvenance.DataProvenance dataProvenance() {
    return evaluation == null ? null : evaluation.data();
  }

  /** When the evaluation ran (ISO-8601). */
  @JsonProperty
  public String evaluatedAt() {
    return evaluation == null ? null : evaluation.evaluatedAt();
  }

  /** The full point metrics on both scales. */
  @JsonProperty
  public ForecastMetrics metrics() {
    return evaluation == null ? null : evaluation.forecastMetrics();
  }

  /** The interval metrics per level, {@code null} (absent in JSON) for a model without intervals. */
  @JsonProperty
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public IntervalMetrics intervals() {
    return evaluation == null ? null : evaluation.intervals();
  }

  /** Why a metric is absent ({@code mase}, {@code intervals}); {@code null} (absent in JSON) when none is. */
  @JsonProperty
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public java.util.Map<String, String> notes() {
    return evaluation == null || evaluation.notes().isEmpty() ? null : evaluation.notes();
  }
}
