package io.forecast.forecasting.compare;

import io.forecast.forecasting.ForecastingException;

/**
 * A run file in the output directory records another run than the grid's run of that name (the
 * data, lengths, seed or settings changed); it is never overwritten.
 */
public final class GridMismatchException extends ForecastingException {
  private static final long serialVersionUID = 1L;

  public GridMismatchException(String message) {
    super(message);
  }
}
