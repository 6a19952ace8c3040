package io.forecast.forecasting.service;

/** A training request whose settings cannot be used (unknown preset, out-of-range value). */
public final class InvalidTrainingRequestException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;

  public InvalidTrainingRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
