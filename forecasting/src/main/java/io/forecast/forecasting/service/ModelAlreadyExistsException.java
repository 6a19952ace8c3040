package io.forecast.forecasting.service;

/**
 * A model id that cannot be written now: a model with the id exists and overwriting was not asked
 * for, or an active (queued or running) training job already trains the id.
 */
public final class ModelAlreadyExistsException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;

  /** A model with this id exists: "a model 'ID' already exists; choose another id or allow overwriting". */
  public ModelAlreadyExistsException(String modelId) {
    this(modelId, null);
  }

  private ModelAlreadyExistsException(String modelId, String jobId) {
    super(jobId == null
        ? "a model '" + modelId + "' already exists; choose another id or allow overwriting"
        : "model '" + modelId + "' is being trained by job " + jobId);
  }

  /** An active job trains this id: "model 'ID' is being trained by job JOB". */
  public static ModelAlreadyExistsException beingTrained(String modelId, String jobId) {
    return new ModelAlreadyExistsException(modelId, jobId);
  }
}
