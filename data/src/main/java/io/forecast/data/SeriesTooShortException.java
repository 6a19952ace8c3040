package io.forecast.data;

/** A series or one of its splits is too short for the requested window lengths. */
public class SeriesTooShortException extends DataException {
  private static final long serialVersionUID = 1L;

  public SeriesTooShortException(String source, String problem) {
    super(source, -1, null, problem);
  }
}
