package io.forecast.data;

/**
 * Base of every input-data error. The message names the source (file), and where known the line
 * and the column, so a user can find the problem without a stack trace.
 */
public class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String column;

  /**
   * @param source the file or stream name, or {@code null}
   * @param line 1-based line number in the file (the header is line 1), or -1 when not applicable
   * @param column the column name, or {@code null}
   * @param problem what is wrong
   */
  public DataException(String source, int line, String column, String problem) {
    super(format(source, line, column, problem));
    this.source = source;
    this.line = line;
    this.column = column;
  }

  private static String format(String source, int line, String column, String problem) {
    StringBuilder sb = new StringBuilder();
    if (source != null) {
      sb.append(source);
    }
    if (line > 0) {
      sb.append(sb.length() > 0 ? ", " : "").append("line ").append(line);
    }
    if (column != null) {
      sb.append(sb.length() > 0 ? ", " : "").append("column '").append(column).append('\'');
    }
    return sb.length() > 0 ? sb.append(": ").append(problem).toString() : problem;
  }

  /** The file or stream name, or {@code null}. */
  public String source() {
    return source;
  }

  /** 1-based line in the file, or -1. */
  public int line() {
    return line;
  }

  /** Column name, or {@code null}. */
  public String column() {
    return column;
  }
}
