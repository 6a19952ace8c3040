/**
 * The forecasting product's service layer, plain Java (no framework): a {@link
 * io.forecast.forecasting.service.ModelStore} (a directory of model directories written with a
 * crash-safe protocol and recovered when opened, complete-only listing, validated ids and a bounded,
 * reference-counted LRU cache of loaded models that never evicts a leased model) and a {@link
 * io.forecast.forecasting.service.ForecastService} (concurrent forecasts from a history, training
 * jobs serialised on one thread behind a bounded queue with progress and cancel, job records
 * persisted in the store's {@code .jobs/} folder so a restart reports interrupted jobs as
 * {@code FAILED}, evaluation).
 *
 * <p>Every error a caller can cause is a subclass of {@link
 * io.forecast.forecasting.service.ForecastServiceException} (or a {@link io.forecast.data.DataException}
 * for unreadable files) with a one-line message naming the model, job, column or row.
 */
package io.forecast.forecasting.service;
