package io.forecast.forecasting.service;

/**
 * Limits of a {@link ForecastService}.
 *
 * @param trainingQueueCapacity training jobs that may wait while one runs; more are rejected
 * @param maxHistoryRows the most history rows a forecast request may carry
 * @param retainedJobs finished jobs remembered for status queries (oldest forgotten first)
 * @param maxBatchSize the most concurrent forecasts on one model run as one batch (1: no batching)
 * @param forecastConcurrency batches that may run at once per model (the engine's parallelism)
 */
public record ForecastServiceSettings(int trainingQueueCapacity, int maxHistoryRows, int retainedJobs,
    int maxBatchSize, int forecastConcurrency) {
  public ForecastServiceSettings {
    if (trainingQueueCapacity < 1 || maxHistoryRows < 1 || retainedJobs < 1 || maxBatchSize < 1
        || forecastConcurrency < 1) {
      throw new IllegalArgumentException("training queue capacity, max history rows, retained jobs, max batch size "
          + "and forecast concurrency must be at least 1, got " + trainingQueueCapacity + ", " + maxHistoryRows + ", "
          + retainedJobs + ", " + maxBatchSize + ", " + forecastConcurrency);
    }
  }

  /** Queue 4, 10,000 history rows, 100 finished jobs remembered, batches of up to 64, one batch per core. */
  public static ForecastServiceSettings defaults() {
    return new ForecastServiceSettings(4, 10_000, 100, 64, Runtime.getRuntime().availableProcessors());
  }
}
