package io.forecast.data;

/** A requested column (timestamp or target) is not in the header. */
public class UnknownColumnException extends DataException {
  private static final long serialVersionUID = 1L;

  public UnknownColumnException(String source, String column, String problem) {
    super(source, -1, column, problem);
  }
}
