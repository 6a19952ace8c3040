package io.forecast.forecasting.metrics;

/**
 * The point metrics of one set of values (everything, one column or one horizon step) on one scale.
 * Absent metrics are {@code null}, never NaN. See {@link PointMetricOps} for the conventions.
 *
 * @param count number of values (windows × steps × columns in the set)
 * @param mse mean squared error
 * @param mae mean absolute error
 * @param rmse {@code √mse}
 * @param mape mean absolute percentage error (a fraction) over the values whose actual is not
 *     excluded; {@code null} when every actual was excluded
 * @param mapeExcluded number of values excluded from MAPE because {@code |y| < }{@link
 *     PointMetricOps#EPSILON}
 * @param smape symmetric MAPE (a fraction in [0, 2]), {@code 0/0 := 0}
 * @param mase mean absolute scaled error; {@code null} when no {@link SeasonalNaiveScale} was given
 *     or every variate in the set has a zero scale
 * @param r2 coefficient of determination; {@code null} when undefined (constant actuals)
 */
public record PointMetrics(
    long count, double mse, double mae, double rmse, Double mape, long mapeExcluded, double smape, Double mase,
    Double r2) {}
