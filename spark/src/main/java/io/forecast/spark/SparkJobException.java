package io.forecast.spark;

/** A job that cannot start as asked (a missing column, a bad option): one line for the user, exit 2. */
public final class SparkJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SparkJobException(String message) {
    super(message);
  }
}
