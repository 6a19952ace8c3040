package io.forecast.forecasting.service;

/** A history with fewer rows than the model's input length {@code seqLen}. */
public final class HistoryTooShortException extends InvalidHistoryException {
  private static final long serialVersionUID = 1L;
  private final int requiredRows;
  private final int givenRows;

  public HistoryTooShortException(String modelId, int requiredRows, int givenRows) {
    super("history has " + givenRows + " rows but model '" + modelId + "' needs at least seqLen = "
        + requiredRows + " rows");
    this.requiredRows = requiredRows;
    this.givenRows = givenRows;
  }

  /** The model's input length. */
  public int requiredRows() {
    return requiredRows;
  }

  /** The rows the history had. */
  public int givenRows() {
    return givenRows;
  }
}
