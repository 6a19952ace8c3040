package io.forecast.data;

/** The file is missing, unreadable, empty, has no header or no data rows. */
public class DataFileException extends DataException {
  private static final long serialVersionUID = 1L;

  public DataFileException(String source, String problem) {
    super(source, -1, null, problem);
  }
}
