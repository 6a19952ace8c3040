package io.forecast.forecasting.metrics;

/**
 * Interval metrics of one set of values (everything, one column or one step), one level, one scale.
 *
 * @param count number of intervals
 * @param coverage share of actuals inside their interval, ends inclusive
 * @param meanWidth mean of {@code upper − lower}
 * @param intervalScore mean interval (Winkler) score {@code IS_α}, see {@link IntervalMetricOps}
 */
public record IntervalStats(long count, double coverage, double meanWidth, double intervalScore) {}
