package io.forecast.forecasting.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An attention-comparison job and, once it succeeded, its result.
 *
 * @param job the job's status (kind {@value JobStatus#ATTENTION_COMPARISON}: {@code fold} and
 *     {@code folds} count the grid's runs finished and planned, the epochs are the current run's)
 * @param result the comparison's {@code results.json} (the tables of {@code results.md} as data, and the
 *     grid's own results), or {@code null} until the job has succeeded (and for one that failed or was
 *     cancelled)
 */
public record AttentionComparisonReport(JobStatus job, JsonNode result) {}
