package io.forecast.forecasting.service;

/** Life cycle of a training job: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
public enum JobState {
  /** Waiting for the training worker. */
  QUEUED,
  /** Training. */
  RUNNING,
  /** Trained and saved to the store. */
  SUCCEEDED,
  /** Stopped by an error; nothing saved. */
  FAILED,
  /** Cancelled before or during training; nothing saved. */
  CANCELLED;

  /** Whether the job has ended. */
  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
