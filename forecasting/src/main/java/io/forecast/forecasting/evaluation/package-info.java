/**
 * Forecast evaluation in bounded memory: MSE and MAE over every window of a split on the z-scored
 * scale (the published convention, no dropped windows), with per-column MSE, MAE and R² and
 * per-horizon-step MSE and MAE.
 *
 * <p>The design is streaming. A {@link io.forecast.forecasting.evaluation.ScaledPredictor} is asked
 * for the predictions of at most {@link io.forecast.forecasting.evaluation.ForecastEvaluator#BATCH}
 * windows at a time, and a {@link io.forecast.forecasting.evaluation.MetricsAccumulator} folds each
 * batch into running sums in double precision (per column Σe², Σ|e|, Σy, Σy² of the shifted truth; per
 * step Σe², Σ|e|), so memory is {@code O(columns + predLen)} plus one batch, whatever the number of
 * windows. The per-column figures follow the definitions of Tribuo's regression evaluation
 * ({@code RegressionMetrics}), which the tests check against, but no Tribuo object is built per value.
 * An empty window set is an error ("no windows to evaluate"), never a NaN result.
 */
package io.forecast.forecasting.evaluation;
