package io.forecast.forecasting.training;

import java.util.Locale;

/**
 * The learning-rate rules of the official scripts ({@code --lradj}); {@link #rate} gives the rate
 * used during 1-based epoch k.
 */
public enum LearningRateSchedule {
  /** {@code lr0 · 0.5^max(0, k−2)}: halves every epoch from epoch 3. */
  TYPE1,
  /** {@code lr0} for k ≤ 4, then {@code lr0 · 0.9^(k−4)}. */
  TYPE3,
  /** {@code 0.5 · lr0 · (1 + cos(π (k−1) / E))}, E = number of epochs. */
  COSINE;

  /**
   * The learning rate during epoch {@code epoch}.
   *
   * @param initial lr0, positive
   * @param epoch 1-based epoch k
   * @param totalEpochs E, at least 1 (used by {@link #COSINE})
   */
  public double rate(double initial, int epoch, int totalEpochs) {
    if (!(initial > 0) || Double.isInfinite(initial)) {
      throw new IllegalArgumentException("initial learning rate must be positive, got " + initial);
    }
    if (epoch < 1 || totalEpochs < 1) {
      throw new IllegalArgumentException(
          "epoch and totalEpochs must be at least 1, got " + epoch + " and " + totalEpochs);
    }
    return switch (this) {
      case TYPE1 -> initial * Math.pow(0.5, Math.max(0, epoch - 2));
      case TYPE3 -> epoch <= 4 ? initial : initial * Math.pow(0.9, epoch - 4);
      case COSINE -> 0.5 * initial * (1 + Math.cos(Math.PI * (epoch - 1) / totalEpochs));
    };
  }

  /** Parses the script name ({@code type1}, {@code type3}, {@code cosine}), case-insensitive. */
  public static LearningRateSchedule parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown learning-rate schedule '" + name + "', expected type1, type3 or cosine");
    }
  }

  /** The script name, e.g. {@code type1}. */
  public String scriptName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
