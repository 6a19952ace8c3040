package io.forecast.forecasting.io;

import java.io.IOException;

/**
 * A matrix file is malformed or uses a variant this library does not read. The message names the
 * source (file or stream) and the problem.
 */
public class MatrixFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;

  /**
   * @param source the file or stream name, or {@code null}
   * @param problem what is wrong
   */
  public MatrixFormatException(String source, String problem) {
    super(source == null ? problem : source + ": " + problem);
    this.source = source;
  }

  /** The file or stream name, or {@code null}. */
  public String source() {
    return source;
  }
}
