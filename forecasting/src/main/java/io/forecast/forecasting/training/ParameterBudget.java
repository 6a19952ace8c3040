package io.forecast.forecasting.training;

import io.forecast.forecasting.InvalidSettingsException;
import java.util.Locale;

/**
 * The largest network a training request may ask for, checked before anything is allocated: a
 * setting such as {@code dModel=2147483647} must be refused with its memory estimate, not attempted.
 */
public final class ParameterBudget {
  /** Most trainable parameters accepted (the paper's largest OLinear, ETTh1 96→720, has 15 M). */
  public static final long MAX_PARAMETERS = 100_000_000L;
  /** Bytes per parameter while training: float32 weight, gradient, and Adam's two moments. */
  public static final int TRAINING_BYTES_PER_PARAMETER = 16;

  private ParameterBudget() {}

  /**
   * @param type the model type, for the message
   * @param parameters the network's parameter count (may be computed in {@code double} or saturate:
   *     anything above the limit is refused)
   * @param hint which settings make the network smaller
   * @throws InvalidSettingsException when the count exceeds {@link #MAX_PARAMETERS}
   */
  public static void check(String type, double parameters, String hint) {
    if (parameters > MAX_PARAMETERS || Double.isNaN(parameters)) {
      throw new InvalidSettingsException(String.format(Locale.ROOT, "model type '%s' with these settings would have "
          + "%,.0f parameters (about %.1f GB for weights, gradients and Adam state while training); at most %,d are "
          + "accepted: %s", type, parameters, parameters * TRAINING_BYTES_PER_PARAMETER / 1e9, MAX_PARAMETERS, hint));
    }
  }
}
