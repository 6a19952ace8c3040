package io.forecast.forecasting.service;

/**
 * A forecast history that does not fit the model: missing or unexpected columns, columns of unequal
 * length, a missing or non-finite value, an unparsable timestamp, or too many rows. The message
 * names the column and row.
 */
public class InvalidHistoryException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;

  public InvalidHistoryException(String message) {
    super(message);
  }
}
