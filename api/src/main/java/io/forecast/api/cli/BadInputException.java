package io.forecast.api.cli;

/** A user error detected by a command (exit status 2, one-line message). */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
