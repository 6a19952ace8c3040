package io.forecast.forecasting;

/** A model setting (or a training option such as the window lengths) that cannot be used. */
public final class InvalidSettingsException extends ForecastingException {
  private static final long serialVersionUID = 1L;

  public InvalidSettingsException(String message) {
    super(message);
  }

  public InvalidSettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
