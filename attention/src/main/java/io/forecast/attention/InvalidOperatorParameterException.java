package io.forecast.attention;

/**
 * An unknown attention operator, an unknown parameter, or a parameter value of the wrong kind or out
 * of range; the message names the operator and the parameter and says what is allowed.
 */
public final class InvalidOperatorParameterException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidOperatorParameterException(String message) {
    super(message);
  }
}
