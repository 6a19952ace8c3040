package io.forecast.forecasting.service;

/**
 * The store could not read or write a model's files, or could not recover an interrupted write when
 * opened (an I/O failure, not bad input). A failed save keeps the previous model.
 */
public final class ModelStoreException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;

  public ModelStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
