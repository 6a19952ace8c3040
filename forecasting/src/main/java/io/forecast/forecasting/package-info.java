/**
 * The forecasting core every model type plugs into.
 *
 * <ul>
 *   <li>{@link io.forecast.forecasting.ForecasterType}: a kind of model (name, typed {@link
 *       io.forecast.forecasting.SettingsSchema settings} with defaults, ranges and docs, {@code fit}
 *       on the z-scored series returning a {@link io.forecast.forecasting.ScaledModel}, {@code
 *       load}), found with {@link java.util.ServiceLoader} by {@link
 *       io.forecast.forecasting.ForecasterTypes}.
 *   <li>{@link io.forecast.forecasting.Forecaster}: a fitted model; {@link
 *       io.forecast.forecasting.FittedForecaster} wraps any type's scaled model with the training
 *       scaler, card and provenance, checks and scales histories, and writes the common files.
 *   <li>{@link io.forecast.forecasting.TrainingContext}: seed (the run's only randomness), thread
 *       count of the training thread, progress, cancellation.
 *   <li>{@link io.forecast.forecasting.ForecastingException}: the typed user errors (unknown type,
 *       invalid setting, unfittable series, incompatible data); anything else is a bug.
 * </ul>
 *
 * <p>This package depends on no model type; the types depend on it (see the ArchUnit test).
 */
package io.forecast.forecasting;
