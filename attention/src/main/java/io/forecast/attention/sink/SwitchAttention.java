package io.forecast.attention.sink;

import ai.djl.ndarray.NDArray;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;

/**
 * V4 GeneralisedSwitch (spec §6.2): softmax over the logits {@code [S + β·I ‖ b]}, the extra column with
 * a zero value: {@code A_ij = e^{S_ij + β·δ_ij} / (e^b + Σ_k e^{S_ik + β·δ_ik})}, {@code O = A·V}. Large b
 * switches the head off, large β makes it diagonal (O → V), both large mixes off and self. Self-attention
 * only ({@code M = N}).
 */
public final class SwitchAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "switch";

  private final double bias;
  private final double diagonal;

  public SwitchAttention(double bias, double diagonal) {
    this.bias = bias;
    this.diagonal = diagonal;
  }

  public double bias() {
    return bias;
  }

  public double diagonal() {
    return diagonal;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    return SinkOps.attend(NAME, q, k, v, keep, withWeights, bias, 0, diagonal);
  }
}
