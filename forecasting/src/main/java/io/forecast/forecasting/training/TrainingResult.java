package io.forecast.forecasting.training;

import java.util.List;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param epochs completed epochs, in order
 * @param bestEpoch 1-based epoch whose weights the model holds now, 0 if no epoch completed
 * @param bestLoss the early-stopping loss of {@code bestEpoch} (NaN if none)
 * @param stopReason why the run ended
 */
public record TrainingResult(
    List<EpochSummary> epochs, int bestEpoch, double bestLoss, StopReason stopReason) {

  /** Copies the epoch list. */
  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** The training losses, one per completed epoch. */
  public double[] trainLosses() {
    return epochs.stream().mapToDouble(EpochSummary::trainLoss).toArray();
  }

  /** The validation losses, one per completed epoch. */
  public double[] validationLosses() {
    return epochs.stream().mapToDouble(EpochSummary::validationLoss).toArray();
  }

  /** The provenance part of this result, with a type's own details. */
  public io.forecast.forecasting.TrainingReport report(java.util.Map<String, Object> details) {
    List<io.forecast.forecasting.provenance.ModelProvenance.Epoch> curve = new java.util.ArrayList<>();
    for (EpochSummary e : epochs) {
      curve.add(new io.forecast.forecasting.provenance.ModelProvenance.Epoch(e.epoch(), e.trainLoss(),
          e.validationLoss(), e.learningRate(), e.seconds()));
    }
    return new io.forecast.forecasting.TrainingReport(curve, bestEpoch, stopReason.name(), details);
  }
}
