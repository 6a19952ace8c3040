package io.forecast.data;

/** A timestamp cannot be parsed, or timestamps go backwards. */
public class TimestampException extends DataException {
  private static final long serialVersionUID = 1L;

  public TimestampException(String source, int line, String column, String problem) {
    super(source, line, column, problem);
  }
}
