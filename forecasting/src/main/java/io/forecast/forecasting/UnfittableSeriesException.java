package io.forecast.forecasting;

/**
 * The training series cannot be fitted by the chosen model type (for example every column is
 * constant, so OLinear has no lag correlation to build its basis from). The message says why and
 * what to change.
 */
public final class UnfittableSeriesException extends ForecastingException {
  private static final long serialVersionUID = 1L;

  public UnfittableSeriesException(String message) {
    super(message);
  }
}
