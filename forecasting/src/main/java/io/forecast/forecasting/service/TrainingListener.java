package io.forecast.forecasting.service;

import java.time.Duration;

/** Told when a training job ends (for metrics). Called on the training thread; must not throw. */
@FunctionalInterface
public interface TrainingListener {
  /** Ignores everything. */
  TrainingListener NONE = (status, runTime) -> {};

  /**
   * @param status the final snapshot (SUCCEEDED, FAILED or CANCELLED)
   * @param runTime time from the start of training to the end ({@link Duration#ZERO} for a job
   *     cancelled while queued)
   */
  void jobFinished(JobStatus status, Duration runTime);
}
