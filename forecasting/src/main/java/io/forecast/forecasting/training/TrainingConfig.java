package io.forecast.forecasting.training;

import java.util.Objects;

/**
 * Optimisation settings of one training run.
 *
 * @param epochs maximum number of epochs, at least 1
 * @param batchSize windows per batch, at least 1 (the last batch of an epoch may be smaller)
 * @param learningRate initial learning rate lr0, positive and finite
 * @param schedule learning-rate rule
 * @param patience early-stopping patience, at least 1
 * @param seed seeds the engine generator (dropout) and the shuffling
 * @param loss the training criterion (also the validation criterion for early stopping)
 * @param optimizer Adam or AdamW
 * @param weightDecay AdamW's decoupled weight decay (0 for Adam)
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    double learningRate,
    LearningRateSchedule schedule,
    int patience,
    long seed,
    Loss.Kind loss,
    Optimizer.Kind optimizer,
    double weightDecay) {

  /** The seed of the official scripts ({@code fix_seed} → 2023). */
  public static final long OFFICIAL_SEED = 2023;

  /** Validates every field. */
  public TrainingConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be positive and finite, got " + learningRate);
    }
    Objects.requireNonNull(schedule, "schedule");
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(optimizer, "optimizer");
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + weightDecay);
    }
    if (optimizer == Optimizer.Kind.ADAM && weightDecay != 0) {
      throw new IllegalArgumentException("weightDecay needs the adamw optimizer");
    }
  }

  /** OLinear's criterion and optimiser: weighted L1, Adam, no weight decay. */
  public TrainingConfig(int epochs, int batchSize, double learningRate, LearningRateSchedule schedule, int patience,
      long seed) {
    this(epochs, batchSize, learningRate, schedule, patience, seed, Loss.Kind.WEIGHTED_L1, Optimizer.Kind.ADAM, 0);
  }

  /** The learning rate during 1-based epoch {@code epoch}. */
  public double learningRateAt(int epoch) {
    return schedule.rate(learningRate, epoch, epochs);
  }
}
