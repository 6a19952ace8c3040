package io.forecast.forecasting.service;

/** No complete model with the given id is in the store. */
public final class ModelNotFoundException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;
  private final String modelId;

  public ModelNotFoundException(String modelId) {
    super("no model '" + modelId + "' in the store");
    this.modelId = modelId;
  }

  /** The id that was asked for. */
  public String modelId() {
    return modelId;
  }
}
