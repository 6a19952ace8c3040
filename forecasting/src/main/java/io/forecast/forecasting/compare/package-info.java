/**
 * Comparison grids: every (model type, horizon, seed) of a {@link io.forecast.forecasting.compare.CompareSpec}
 * trained through the one pipeline by {@link io.forecast.forecasting.compare.CompareRunner}, each
 * finished run kept in its own file so an interrupted grid resumes, and the runs aggregated into mean
 * ± standard deviation per model and horizon ({@link io.forecast.forecasting.compare.CompareResults}).
 */
package io.forecast.forecasting.compare;
