package io.forecast.forecasting;

import java.util.List;

/** A model type name that no registered {@link ForecasterType} has. */
public final class UnknownModelTypeException extends ForecastingException {
  private static final long serialVersionUID = 1L;

  public UnknownModelTypeException(String name, List<String> known) {
    super("unknown model type '" + name + "'; known types: " + String.join(", ", known));
  }
}
