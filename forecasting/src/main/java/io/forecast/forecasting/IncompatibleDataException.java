package io.forecast.forecasting;

/** Data that do not fit a saved model (other columns than it was trained on). */
public final class IncompatibleDataException extends ForecastingException {
  private static final long serialVersionUID = 1L;

  public IncompatibleDataException(String message) {
    super(message);
  }
}
