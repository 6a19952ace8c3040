/**
 * Forecast metrics in bounded memory: point metrics (MSE, MAE, RMSE, MAPE, sMAPE, MASE, R²) and
 * interval metrics (coverage, mean width, interval score, CRPS from quantiles), overall, per variate
 * (column) and per horizon step, on the z-scored scale (the published convention) and on the original
 * scale ({@code y = z·std + mean} with the {@link io.forecast.data.StandardScaler}'s statistics).
 *
 * <p>Design: stateless formulas in {@link io.forecast.forecasting.metrics.PointMetricOps} and
 * {@link io.forecast.forecasting.metrics.IntervalMetricOps}; stateful streaming accumulators
 * ({@link io.forecast.forecasting.metrics.PointMetricsAccumulator},
 * {@link io.forecast.forecasting.metrics.IntervalMetricsAccumulator},
 * {@link io.forecast.forecasting.metrics.QuantileMetricsAccumulator}) that fold batches of windows
 * into running sums and never store a window, so memory is at most {@code O(columns × predLen)}
 * doubles; the MASE scale from the training rows, streamed too, in
 * {@link io.forecast.forecasting.metrics.SeasonalNaiveScale}. Results are immutable records that
 * Jackson serialises as they are.
 *
 * <p>Conventions (details in the classes):
 *
 * <ul>
 *   <li>MAPE excludes actuals with {@code |y| < 1e-12} and reports how many it excluded; with every
 *       actual excluded it is absent ({@code null}). MAPE and sMAPE are fractions, not percentages.
 *   <li>sMAPE = mean of {@code 2|ŷ − y|/(|ŷ| + |y|)}, with {@code 0/0 := 0}.
 *   <li>MASE (Hyndman &amp; Koehler 2006) per variate = MAE / the training split's seasonal-naive
 *       in-sample MAE with period m; overall = the mean over variates of the per-variate MASE.
 *   <li>R² overall and per step = the mean over variates; absent when the actuals are constant.
 *   <li>No metric is ever NaN or infinite: undefined ones are {@code null}, non-finite inputs are
 *       refused with an {@link java.lang.IllegalArgumentException}.
 * </ul>
 *
 * <p>Wiring: {@link io.forecast.forecasting.pipeline.ForecastPipeline#evaluate} feeds a
 * {@code PointMetricsAccumulator} (with the MASE scale of the evaluated file's training rows, period
 * given or {@link io.forecast.forecasting.metrics.Seasons#inferPeriod inferred} from the sampling
 * step) and, for a model with split-conformal intervals, an {@code IntervalMetricsAccumulator} at its
 * levels, in the same streaming pass over the test windows as the saved-format metrics of
 * {@code io.forecast.forecasting.evaluation.MetricsAccumulator} (which stay what models store); the
 * results reach {@code forecast evaluate} (and its {@code --report}) and the REST evaluation. The
 * quantile metrics are not wired: no model type forecasts quantiles yet.
 * {@link io.forecast.forecasting.metrics.MetricDefinitions} gives the one-line definitions a report
 * carries. This package depends on nothing of the forecasting library but {@code io.forecast.data}.
 */
package io.forecast.forecasting.metrics;
