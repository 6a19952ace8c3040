package io.forecast.forecasting.service;

/** A model with the given id exists and overwriting was not asked for. */
public final class ModelAlreadyExistsException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;

  public ModelAlreadyExistsException(String modelId) {
    super("a model '" + modelId + "' already exists; choose another id or allow overwriting");
  }
}
