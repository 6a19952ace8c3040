package io.forecast.forecasting.service;

/** No training job with the given id is known (never submitted, or forgotten after completion). */
public final class JobNotFoundException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;

  public JobNotFoundException(String jobId) {
    super("no training job '" + jobId + "'");
  }
}
