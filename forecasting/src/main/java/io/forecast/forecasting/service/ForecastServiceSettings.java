package io.forecast.forecasting.service;

/**
 * Limits of a {@link ForecastService}.
 *
 * @param trainingQueueCapacity training jobs that may wait while one runs; more are rejected
 * @param maxHistoryRows the most history rows a forecast request may carry
 * @param retainedJobs finished jobs remembered for status queries (oldest forgotten first)
 */
public record ForecastServiceSettings(int trainingQueueCapacity, int maxHistoryRows, int retainedJobs) {
  public ForecastServiceSettings {
    if (trainingQueueCapacity < 1 || maxHistoryRows < 1 || retainedJobs < 1) {
      throw new IllegalArgumentException("training queue capacity, max history rows and retained jobs must be "
          + "at least 1, got " + trainingQueueCapacity + ", " + maxHistoryRows + ", " + retainedJobs);
    }
  }

  /** Queue 4, 10,000 history rows, 100 finished jobs remembered. */
  public static ForecastServiceSettings defaults() {
    return new ForecastServiceSettings(4, 10_000, 100);
  }
}
