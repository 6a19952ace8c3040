package io.forecast.forecasting.service;

/**
 * Life cycle of a training job: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. The state is
 * persisted with the job (see {@link ForecastService}); a job found QUEUED or RUNNING after a
 * restart is FAILED (interrupted).
 */
public enum JobState {
  /** Waiting for the training worker. */
  QUEUED,
  /** Training. */
  RUNNING,
  /** Trained and saved to the store. */
  SUCCEEDED,
  /**
   * Stopped by an error, or interrupted: the service stopped (or crashed) while the job was queued
   * or running, error {@code "interrupted (the service stopped before the job finished)"}. Nothing
   * saved.
   */
  FAILED,
  /** Cancelled before or during training; nothing saved. */
  CANCELLED;

  /** Whether the job has ended. */
  public boolean isFinished() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
