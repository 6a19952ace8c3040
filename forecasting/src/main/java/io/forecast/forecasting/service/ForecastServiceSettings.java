package io.forecast.forecasting.service;

/**
 * Limits of a {@link ForecastService}. (How many models stay loaded is the store's bound: see {@link
 * ModelStore#ModelStore(java.nio.file.Path, ModelLoader, int)}.)
 *
 * @param trainingQueueCapacity training jobs that may wait while one runs; more are rejected
 * @param maxHistoryRows the most history rows a forecast request may carry
 * @param retainedJobs finished jobs remembered for status queries, also across restarts (oldest
 *     forgotten first, and their records deleted from the store's {@code .jobs/} folder)
 * @param maxBatchSize the most concurrent forecasts on one model run as one batch (1: no batching)
 * @param forecastConcurrency batches that may run at once per model (the engine's parallelism)
 * @param inferenceThreads PyTorch intra-op threads on each thread running a forecast (0: leave as is)
 * @param trainingThreads PyTorch intra-op threads on the training thread (0: leave as is); separate from
 *     the forecasts' count, so serving and training do not throttle each other
 * @param maxTrainingCells the most rows × value columns a training file may have, counted on the raw
 *     bytes before it is parsed
 */
public record ForecastServiceSettings(int trainingQueueCapacity, int maxHistoryRows, int retainedJobs,
    int maxBatchSize, int forecastConcurrency, int inferenceThreads, int trainingThreads, long maxTrainingCells) {
  /** Default most rows × value columns of a training file (traffic, the largest benchmark: 15.1 M). */
  public static final long DEFAULT_MAX_TRAINING_CELLS = 20_000_000L;

  public ForecastServiceSettings {
    if (maxTrainingCells < 1) {
      throw new IllegalArgumentException("max training cells must be at least 1, got " + maxTrainingCells);
    }
    if (inferenceThreads < 0 || trainingThreads < 0) {
      throw new IllegalArgumentException("inference and training threads must be >= 0 (0: leave as is), got "
          + inferenceThreads + " and " + trainingThreads);
    }
    if (trainingQueueCapacity < 1 || maxHistoryRows < 1 || retainedJobs < 1 || maxBatchSize < 1
        || forecastConcurrency < 1) {
      throw new IllegalArgumentException("training queue capacity, max history rows, retained jobs, max batch size "
          + "and forecast concurrency must be at least 1, got " + trainingQueueCapacity + ", " + maxHistoryRows + ", "
          + retainedJobs + ", " + maxBatchSize + ", " + forecastConcurrency);
    }
  }

  /** Thread counts left as the engine has them (0). */
  public ForecastServiceSettings(int trainingQueueCapacity, int maxHistoryRows, int retainedJobs, int maxBatchSize,
      int forecastConcurrency) {
    this(trainingQueueCapacity, maxHistoryRows, retainedJobs, maxBatchSize, forecastConcurrency, 0, 0);
  }

  /** The default training-size limit. */
  public ForecastServiceSettings(int trainingQueueCapacity, int maxHistoryRows, int retainedJobs, int maxBatchSize,
      int forecastConcurrency, int inferenceThreads, int trainingThreads) {
    this(trainingQueueCapacity, maxHistoryRows, retainedJobs, maxBatchSize, forecastConcurrency, inferenceThreads,
        trainingThreads, DEFAULT_MAX_TRAINING_CELLS);
  }

  /**
   * Queue 4, 10,000 history rows, 100 finished jobs remembered, batches of up to 64, one batch per
   * core; one PyTorch thread per forecast, every core for the training thread.
   */
  public static ForecastServiceSettings defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ForecastServiceSettings(4, 10_000, 100, 64, cores, 1, cores, DEFAULT_MAX_TRAINING_CELLS);
  }
}
