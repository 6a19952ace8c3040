package io.forecast.forecasting.service;

/** A model id that is not a safe directory name (see {@link ModelId}). */
public final class InvalidModelIdException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;

  public InvalidModelIdException(String message) {
    super(message);
  }
}
