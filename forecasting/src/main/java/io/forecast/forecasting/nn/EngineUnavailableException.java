package io.forecast.forecasting.nn;

/**
 * The PyTorch native library could not be loaded: an installation problem, not bad input. The
 * message names the dependency to add for this platform (see {@link NativeEngine}).
 */
public final class EngineUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
