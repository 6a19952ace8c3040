package io.forecast.data;

/** A row has a different number of fields than the header. */
public class MalformedRowException extends DataException {
  private static final long serialVersionUID = 1L;

  public MalformedRowException(String source, int line, String problem) {
    super(source, line, null, problem);
  }
}
