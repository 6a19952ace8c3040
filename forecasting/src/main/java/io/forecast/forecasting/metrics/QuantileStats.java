package io.forecast.forecasting.metrics;

/**
 * The CRPS of one set of values (everything, one column or one step) on one scale.
 *
 * @param count number of values
 * @param crps mean CRPS approximated from the quantiles, see {@link IntervalMetricOps}
 */
public record QuantileStats(long count, double crps) {}
