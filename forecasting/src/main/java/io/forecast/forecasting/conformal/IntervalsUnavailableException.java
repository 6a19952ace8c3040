package io.forecast.forecasting.conformal;

import io.forecast.forecasting.ForecastingException;

/**
 * Prediction intervals that cannot be given: the model has no conformal calibration, a level is not
 * in (0, 100), or a level was not calibrated (or was refused for too few validation windows). The
 * message names the level and the available ones. The CLI exits with status 2, REST answers 400.
 */
public final class IntervalsUnavailableException extends ForecastingException {
  private static final long serialVersionUID = 1L;

  public IntervalsUnavailableException(String message) {
    super(message);
  }
}
