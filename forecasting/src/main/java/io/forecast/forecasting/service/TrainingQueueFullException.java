package io.forecast.forecasting.service;

/** The training queue holds its maximum of waiting jobs; the request was not accepted. */
public final class TrainingQueueFullException extends ForecastServiceException {
  private static final long serialVersionUID = 1L;

  public TrainingQueueFullException(int capacity) {
    super("the training queue is full (" + capacity + " waiting jobs, one running); retry when a job has finished");
  }
}
