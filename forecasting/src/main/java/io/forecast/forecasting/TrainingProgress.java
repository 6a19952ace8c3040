package io.forecast.forecasting;

/** Receives a summary after every completed training epoch (a progress bar, a job's status). */
@FunctionalInterface
public interface TrainingProgress {
  /** Ignores everything. */
  TrainingProgress NONE = (epoch, trainLoss, validationLoss, learningRate, seconds) -> { };

  /** Called once before the first epoch with the run's epoch budget (types without training never call it). */
  default void trainingStarted(int maxEpochs) {
  }

  /**
   * Called once per completed epoch, on the training thread.
   *
   * @param epoch 1-based epoch
   * @param trainLoss mean of the epoch's per-batch training losses
   * @param validationLoss mean of the per-batch validation losses (NaN without validation windows)
   * @param learningRate rate used during the epoch
   * @param seconds wall time of the epoch, validation included
   */
  void epochFinished(int epoch, double trainLoss, double validationLoss, double learningRate, double seconds);

  /**
   * Called once after a phase that follows the epochs (e.g. {@code "test evaluation, 2785 windows"}),
   * on the training thread.
   *
   * @param phase what was done, in words
   * @param seconds its wall time
   */
  default void phaseFinished(String phase, double seconds) {
  }
}
