package io.forecast.forecasting.training;

/**
 * Point-forecast errors over all windows of a split, on the z-scored scale.
 *
 * @param mse mean of (ŷ − y)² over [windows, τ, N]
 * @param mae mean of |ŷ − y| over [windows, τ, N]
 * @param windows number of windows evaluated
 */
public record ForecastMetrics(double mse, double mae, int windows) {}
