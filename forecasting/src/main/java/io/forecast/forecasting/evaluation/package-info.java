/**
 * Forecast evaluation: MSE and MAE over every window of a split on the z-scored scale (the published
 * convention, no dropped windows), with per-column MSE, MAE and R² computed by Tribuo's regression
 * evaluation.
 */
package io.forecast.forecasting.evaluation;
