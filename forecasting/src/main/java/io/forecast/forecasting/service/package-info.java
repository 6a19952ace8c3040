/**
 * The forecasting product's service layer, plain Java (no framework): a {@link
 * io.forecast.forecasting.service.ModelStore} (a directory of model directories with atomic writes,
 * complete-only listing, validated ids and a reference-counted cache of loaded models) and a {@link
 * io.forecast.forecasting.service.ForecastService} (concurrent forecasts from a history, training
 * jobs serialised on one thread behind a bounded queue with progress and cancel, evaluation).
 *
 * <p>Every error a caller can cause is a subclass of {@link
 * io.forecast.forecasting.service.ForecastServiceException} (or a {@link io.forecast.data.DataException}
 * for unreadable files) with a one-line message naming the model, job, column or row.
 */
package io.forecast.forecasting.service;
