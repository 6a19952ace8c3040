package io.forecast.forecasting.studies.sinks;

import java.util.Locale;

/** How the attention layers of a study encoder are stacked. */
public enum Architecture {
  /** {@code H ← Attention(H)}: no residual, no normalisation, no MLP (the collapse of the theory). */
  ATTENTION_ONLY("attention-only"),
  /** {@code H ← H + Attention(H)}: a residual connection, no normalisation, no MLP. */
  RESIDUAL("residual"),
  /** The shared post-LN encoder layer: residual, LayerNorm and a GELU MLP after the attention. */
  FULL("residual-mlp");

  private final String label;

  Architecture(String label) {
    this.label = label;
  }

  /** The name used in options, files and reports. */
  public String label() {
    return label;
  }

  /**
   * The architecture named {@code text} (its label, case-insensitive).
   *
   * @throws IllegalArgumentException naming the known labels
   */
  public static Architecture parse(String text) {
    for (Architecture a : values()) {
      if (a.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown architecture '" + text + "'; known: attention-only, residual, "
        + "residual-mlp");
  }
}
