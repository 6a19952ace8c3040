package io.forecast.forecasting.studies.sinks;

import io.forecast.attention.AttentionOperator;
import io.forecast.attention.OperatorParams;
import io.forecast.attention.registry.AttentionOperators;
import java.util.Locale;
import java.util.Map;

/**
 * The attention operators the study compares: softmax, the variants V1–V4 of spec §6.2 (registry
 * operators {@code sink-token}, {@code null-sink}, {@code diagonal-bias}, {@code switch}) and softmax
 * restricted to a band of neighbouring tokens (sparse window attention, {@link WindowAttention}).
 */
public enum SinkVariant {
  /** Dense softmax attention. */
  SOFTMAX("softmax", "softmax"),
  /** V1: a sink token with a fixed logit and value vector value·1. */
  SINK_TOKEN("v1-sink-token", "sink-token"),
  /** V2: off-by-one softmax with a zero-value null column of logit b. */
  NULL_SINK("v2-null-sink", "null-sink"),
  /** V3: softmax of S + β·I. */
  DIAGONAL_BIAS("v3-diagonal-bias", "diagonal-bias"),
  /** V4: softmax over [S + β·I ‖ b] with a zero-value null column. */
  SWITCH("v4-switch", "switch"),
  /** Softmax over the keys within the window's distance of the query only (sparse). */
  WINDOW("window", "softmax");

  private final String label;
  private final String registryName;

  SinkVariant(String label, String registryName) {
    this.label = label;
    this.registryName = registryName;
  }

  /** The name used in options, files and reports. */
  public String label() {
    return label;
  }

  /** The registry operator the variant is built on. */
  public String registryName() {
    return registryName;
  }

  /**
   * The registry parameters of the variant.
   *
   * @param logit the sink / null logit b (V1, V2, V4)
   * @param diagonal the diagonal bias β (V3, V4)
   * @param sinkValue every entry of V1's sink value vector
   */
  public OperatorParams params(double logit, double diagonal, double sinkValue) {
    Map<String, ?> p = switch (this) {
      case SINK_TOKEN -> Map.of("logit", logit, "value", sinkValue);
      case NULL_SINK -> Map.of("bias", logit);
      case DIAGONAL_BIAS -> Map.of("bias", diagonal);
      case SWITCH -> Map.of("bias", logit, "diagonal", diagonal);
      case SOFTMAX, WINDOW -> Map.of();
    };
    return AttentionOperators.spec(registryName).params(p);
  }

  /** Whether the variant has a sink / null logit b (V1, V2, V4). */
  public boolean hasLogit() {
    return this == SINK_TOKEN || this == NULL_SINK || this == SWITCH;
  }

  /** Whether the variant has a diagonal bias β (V3, V4). */
  public boolean hasDiagonal() {
    return this == DIAGONAL_BIAS || this == SWITCH;
  }

  /** The operator to run in place of the registry one, or {@code null} (only the window variant has one). */
  public AttentionOperator swap(int window) {
    return this == WINDOW ? new WindowAttention(AttentionOperators.create("softmax", Map.of()), window) : null;
  }

  /**
   * The variant named {@code text}: its label, its registry name, or {@code v1}..{@code v4}.
   *
   * @throws IllegalArgumentException naming the known names
   */
  public static SinkVariant parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (SinkVariant v : values()) {
      if (v.label.equals(t) || (v != WINDOW && v.registryName.equals(t)) || v.label.startsWith(t + "-")) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown variant '" + text + "'; known: softmax, v1 (sink-token), v2 "
        + "(null-sink), v3 (diagonal-bias), v4 (switch), window");
  }
}
