package io.forecast.forecasting.training;

/** Receives a summary after every completed epoch (e.g. to draw a progress bar). */
@FunctionalInterface
public interface EpochListener {
  /** A listener that ignores everything. */
  EpochListener NONE = (epoch, trainLoss, validationLoss, learningRate, seconds) -> {};

  /**
   * Called once per completed epoch, on the training thread.
   *
   * @param epoch 1-based epoch
   * @param trainLoss mean of the epoch's per-batch training losses
   * @param validationLoss mean of the per-batch validation losses (NaN without validation windows)
   * @param learningRate rate used during the epoch
   * @param seconds wall time of the epoch, validation included
   */
  void epochFinished(
      int epoch, double trainLoss, double validationLoss, double learningRate, double seconds);
}
