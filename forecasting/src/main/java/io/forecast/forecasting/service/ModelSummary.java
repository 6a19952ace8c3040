package io.forecast.forecasting.service;

import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.provenance.ModelProvenance;

/**
 * One entry of the store's listing, read from the model's JSON files without loading its weights.
 *
 * @param id the model id (its directory name)
 * @param card what the model expects and produces
 * @param trainedAt ISO-8601 instant training finished, or {@code null} if unknown
 * @param testMetrics test-split metrics recorded at training, or {@code null} if unknown
 */
public record ModelSummary(String id, ModelCard card, String trainedAt, ModelProvenance.Metrics testMetrics) {}
