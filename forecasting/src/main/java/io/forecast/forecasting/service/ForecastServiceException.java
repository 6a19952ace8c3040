package io.forecast.forecasting.service;

/**
 * Base of the errors the model store and the forecast service report to their callers. Each
 * subclass stands for one kind of problem (a REST layer maps it to one status code) and its message
 * is one line naming the model, job, field, column or row concerned.
 */
public abstract class ForecastServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected ForecastServiceException(String message) {
    super(message);
  }

  protected ForecastServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
