/**
 * The forecasting product's service layer, plain Java (no framework).
 *
 * <ul>
 *   <li>{@link io.forecast.forecasting.service.ModelStore}: a directory of model directories written
 *       with a crash-safe protocol and recovered when opened, complete-only listing and validated
 *       ids; {@code ModelDirectories} reads a model directory's description without loading it, and
 *       {@code ModelCache} is its bounded, reference-counted LRU cache of loaded models that never
 *       evicts a leased model (handed out as {@link io.forecast.forecasting.service.ModelLease}s).
 *   <li>{@link io.forecast.forecasting.service.ForecastService}: the facade — concurrent forecasts
 *       from a history (checked by {@code HistoryCheck}: row limit, columns, values, every
 *       timestamp; batched by {@code ForecastBatcher}), evaluation, and training jobs.
 *   <li>{@code TrainingJobs}: training jobs serialised on one thread behind a bounded queue with
 *       progress and cancel, job records persisted in the store's {@code .jobs/} folder
 *       ({@code JobRecords}) so a restart reports interrupted jobs as {@code FAILED}.
 * </ul>
 *
 * <p>Every error a caller can cause is a subclass of {@link
 * io.forecast.forecasting.service.ForecastServiceException} (or a {@link io.forecast.data.DataException}
 * for unreadable files) with a one-line message naming the model, job, column, row or timestamp.
 */
package io.forecast.forecasting.service;
