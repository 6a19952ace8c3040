/**
 * Rolling-origin backtests of any model type.
 *
 * <p>{@link io.forecast.forecasting.backtest.FoldPlan} lays out the folds (expanding or sliding
 * training window, first origin, step, horizon, refit policy); {@link
 * io.forecast.forecasting.backtest.BacktestPlan} resolves a {@link
 * io.forecast.forecasting.backtest.BacktestSpec} against a file (defaults: the file's test split cut
 * into five folds); {@link io.forecast.forecasting.backtest.Backtest} runs it: refits through the one
 * training pipeline on each fold's own rows (scaler and OrthoTrans basis included, so no fold's model
 * has seen a row at or after its origin), scores each fold and pools all folds into one aggregate, and
 * returns an immutable {@link io.forecast.forecasting.backtest.BacktestResult}.
 */
package io.forecast.forecasting.backtest;
