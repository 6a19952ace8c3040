/**
 * Rolling-origin backtests: {@link io.forecast.forecasting.backtest.FoldPlan} lays out the folds
 * (expanding or sliding training window, first origin, step, horizon, refit policy) so that a model
 * never sees rows at or after the origin it forecasts from. Running the folds is still to come.
 */
package io.forecast.forecasting.backtest;
