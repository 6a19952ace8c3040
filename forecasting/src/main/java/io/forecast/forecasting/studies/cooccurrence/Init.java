package io.forecast.forecasting.studies.cooccurrence;

import java.util.Locale;

/** The initialisations of the study (spec §7.2, §7.5); every weight is a seeded zero-mean Gaussian. */
public enum Init {
  /** Kaiming-like: standard deviation 1/√fan_in (1/√d for W_Q, W_K, W_V; 1/√m for W), the paper's setting. */
  KAIMING,
  /** σ₀ = σ₁ = 0.01: the regime of the paper's Fig. 1b, where the single-target losses first rise. */
  SMALL,
  /** The theory's scale: σ₀ = 1/√(L·m) for W_Q, W_K, W_V and σ₁ = 1/√m1 for W. */
  THEORY;

  /** The CLI name, e.g. {@code kaiming}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The initialisation called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known ones
   */
  public static Init parse(String name) {
    for (Init i : values()) {
      if (i.label().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown initialisation '" + name + "'; known: kaiming, small, theory");
  }

  /** The standard deviation of W_Q, W_K and W_V (each m×d). */
  double attentionStd(int length, int dim, int m) {
    return switch (this) {
      case KAIMING -> 1 / Math.sqrt(dim);
      case SMALL -> 0.01;
      case THEORY -> 1 / Math.sqrt((double) length * m);
    };
  }

  /** The standard deviation of W (m1×m). */
  double readoutStd(int m, int m1) {
    return switch (this) {
      case KAIMING -> 1 / Math.sqrt(m);
      case SMALL -> 0.01;
      case THEORY -> 1 / Math.sqrt(m1);
    };
  }
}
