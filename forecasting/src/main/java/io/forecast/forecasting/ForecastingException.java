package io.forecast.forecasting;

/**
 * Base of the errors caused by what a user asked for (an unknown model type, a bad setting, a
 * series no model can be fitted to). The CLI reports them with exit status 2 and the REST service
 * with a 4xx problem document; anything else that escapes is an internal error. Each message is one
 * line naming the type, setting or column concerned.
 */
public abstract class ForecastingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected ForecastingException(String message) {
    super(message);
  }

  protected ForecastingException(String message, Throwable cause) {
    super(message, cause);
  }
}
