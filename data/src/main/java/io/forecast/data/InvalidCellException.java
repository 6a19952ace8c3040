package io.forecast.data;

/** A value cell is empty, non-numeric, NaN or infinite (rejected under the {@code reject} policy). */
public class InvalidCellException extends DataException {
  private static final long serialVersionUID = 1L;

  public InvalidCellException(String source, int line, String column, String problem) {
    super(source, line, column, problem);
  }
}
