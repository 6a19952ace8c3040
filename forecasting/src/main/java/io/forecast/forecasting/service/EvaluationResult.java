package io.forecast.forecasting.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
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
}
