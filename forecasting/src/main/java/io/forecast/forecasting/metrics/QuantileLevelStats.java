package io.forecast.forecasting.metrics;

/**
 * Overall figures of one quantile level on one scale.
 *
 * @param level the quantile level τ
 * @param meanPinball mean pinball loss {@code ρ_τ(y, q_τ)}
 * @param fractionBelow share of actuals {@code y ≤ q_τ} (τ for a calibrated forecast)
 */
public record QuantileLevelStats(double level, double meanPinball, double fractionBelow) {}
