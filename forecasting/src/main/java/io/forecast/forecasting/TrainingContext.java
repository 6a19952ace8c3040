package io.forecast.forecasting;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What a training run gets besides data and settings.
 *
 * @param seed the only source of the run's randomness (initial weights, dropout, shuffling)
 * @param threads PyTorch intra-op threads for the training thread (0 keeps the current setting);
 *     set on that thread only, so forecasts served meanwhile keep their own count
 * @param progress called after every epoch
 * @param cancelled polled between batches; when it turns true the run stops and keeps the best
 *     weights so far
 */
public record TrainingContext(long seed, int threads, TrainingProgress progress, BooleanSupplier cancelled) {
  /** The seed of the official OLinear and Time-Series-Library scripts ({@code fix_seed = 2023}). */
  public static final long DEFAULT_SEED = 2023;

  public TrainingContext {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    progress = progress == null ? TrainingProgress.NONE : progress;
    cancelled = cancelled == null ? () -> false : cancelled;
  }

  /** Seed 2023, the current thread count, no listener, never cancelled. */
  public static TrainingContext defaults() {
    return new TrainingContext(DEFAULT_SEED, 0, null, null);
  }

  /** The same context with another seed. */
  public TrainingContext withSeed(long newSeed) {
    return new TrainingContext(newSeed, threads, progress, cancelled);
  }

  /** The same context with another listener. */
  public TrainingContext withProgress(TrainingProgress listener) {
    return new TrainingContext(seed, threads, Objects.requireNonNull(listener, "listener"), cancelled);
  }
}
