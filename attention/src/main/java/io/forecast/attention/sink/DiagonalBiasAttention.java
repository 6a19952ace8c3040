package io.forecast.attention.sink;

import ai.djl.ndarray.NDArray;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;

/**
 * V3 DiagonalBias (spec §6.2): {@code A = softmax_row(S + β·I)}, {@code O = A·V}; rows sum to 1.
 * {@code β → ∞} gives {@code A → I} and {@code O → V} (a per-token layer). Self-attention only
 * ({@code M = N}). A masked diagonal entry stays masked.
 */
public final class DiagonalBiasAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "diagonal-bias";

  private final double bias;

  public DiagonalBiasAttention(double bias) {
    this.bias = bias;
  }

  public double bias() {
    return bias;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    return SinkOps.attend(NAME, q, k, v, keep, withWeights, null, 0, bias);
  }
}
