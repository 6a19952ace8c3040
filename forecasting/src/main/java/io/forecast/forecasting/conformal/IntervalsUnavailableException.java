package io.forecast.forecasting.conformal;

/**
 * Prediction intervals that cannot be given: the model has no conformal calibration, a level is not
 * in (0, 100), or a level was not calibrated (or was refused for too few validation windows). The
 * message names the level and the available ones. A user error: the CLI exits with status 2, REST
 * answers 400.
 *
 * <p>It extends {@link IllegalArgumentException}, not {@code io.forecast.forecasting.ForecastingException},
 * so that this package does not depend on the root package that depends on it (no package cycles).
 */
public final class IntervalsUnavailableException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public IntervalsUnavailableException(String message) {
    super(message);
  }
}
