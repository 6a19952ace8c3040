/**
 * The REST API under {@code /api/v1} (Spring MVC): {@link io.forecast.api.web.ForecastController}
 * (forecasts from a JSON history or a CSV upload), {@link io.forecast.api.web.ModelController}
 * (list, describe, delete, train, evaluate), {@link io.forecast.api.web.JobController} (training and
 * backtest job status and cancel), {@link io.forecast.api.web.BacktestController} (backtest jobs and
 * their results), {@link io.forecast.api.web.DataReportController} (the quality report of an uploaded
 * file), {@link io.forecast.api.web.AttentionComparisonController} ({@code forecast compare-attention} as a
 * job, its results, table and chart), {@link io.forecast.api.web.ForecastProblemHandler} (every error an RFC 7807
 * problem document) and {@link io.forecast.api.web.JsonBodySizeFilter} (JSON body limit). Registered
 * by {@link io.forecast.api.autoconfigure.ForecastAutoConfiguration}, not by component scanning.
 */
package io.forecast.api.web;
