package io.forecast.forecasting.service;

import io.forecast.forecasting.backtest.BacktestResult;

/**
 * A backtest job and, once it succeeded, its result.
 *
 * @param job the job's status (kind {@value JobStatus#BACKTEST})
 * @param result the finished backtest, or {@code null} until the job has succeeded (and for one that
 *     failed or was cancelled)
 */
public record BacktestReport(JobStatus job, BacktestResult result) {}
