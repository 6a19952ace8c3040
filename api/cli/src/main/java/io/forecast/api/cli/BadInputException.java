package io.forecast.api.cli;

/** A user error detected by a command (exit status 2, one-line message). */
public class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  /**
   * Refuses to replace an existing output path unless {@code --overwrite} was given, so that nothing
   * a user stored is lost.
   *
   * @throws BadInputException if {@code out} exists and {@code overwrite} is false
   */
  static void refuseExisting(java.nio.file.Path out, boolean overwrite) {
    if (java.nio.file.Files.exists(out) && !overwrite) {
      throw new BadInputException(out + " already exists; choose another --out or pass --overwrite");
    }
  }
}
