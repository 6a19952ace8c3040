package io.forecast.forecasting.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to train: the model id, type, window lengths and the type's settings (checked against the
 * type, see {@code GET /api/v1/model-types}).
 *
 * @param modelId id to save the model under
 * @param modelType a registered type name; {@code null} means {@code olinear}
 * @param seqLen input length
 * @param predLen horizon
 * @param settings the type's settings by name, as text or JSON scalars ({@code null}: all defaults)
 * @param seed random seed ({@code null}: 2023)
 * @param split split rule ({@code auto}, {@code ett-hour}, {@code ett-minute}, {@code ratio}); {@code null} means auto
 * @param target target column, or {@code null} for the default
 * @param timestampColumn timestamp column, or {@code null} for the first
 * @param missing missing-value policy ({@code reject}, {@code keep}, {@code ffill}); {@code null} means reject
 * @param overwrite whether an existing model with the id may be replaced
 * @param intervals levels in percent of the prediction intervals to calibrate ({@code null}: 80 and 95;
 *     empty: none)
 */
public record TrainingRequest(String modelId, String modelType, int seqLen, int predLen, Map<String, Object> settings,
    Long seed, String split, String target, String timestampColumn, String missing, boolean overwrite,
    java.util.List<Double> intervals) {

  /** A request calibrating the default interval levels. */
  public TrainingRequest(String modelId, String modelType, int seqLen, int predLen, Map<String, Object> settings,
      Long seed, String split, String target, String timestampColumn, String missing, boolean overwrite) {
    this(modelId, modelType, seqLen, predLen, settings, seed, split, target, timestampColumn, missing, overwrite, null);
  }

  /** The type trained when a request names none. */
  public static final String DEFAULT_TYPE = "olinear";

  public TrainingRequest {
    modelType = modelType == null || modelType.isBlank() ? DEFAULT_TYPE : modelType.trim();
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings == null ? Map.of() : settings));
  }

  /** A request with the type's default settings, the default split and columns. */
  public static TrainingRequest of(String modelId, String modelType, int seqLen, int predLen,
      Map<String, Object> settings) {
    return new TrainingRequest(modelId, modelType, seqLen, predLen, settings, null, null, null, null, null, false);
  }
}
