package io.forecast.forecasting.service;

import io.forecast.forecasting.provenance.ModelProvenance;

/**
 * A model scored on the test split of a file, scaled with the model's own scaler.
 *
 * @param modelId the model
 * @param data the file's name
 * @param split the resolved split rule
 * @param seqLen input length
 * @param predLen horizon
 * @param test MSE and MAE over every test window on the z-scored scale, and per column
 */
public record EvaluationResult(String modelId, String data, String split, int seqLen, int predLen,
    ModelProvenance.Metrics test) {}
