package io.forecast.attention.sink;

import ai.djl.ndarray.NDArray;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;

/**
 * V2 NullSink / off-by-one softmax (spec §6.2): {@code A_ij = e^{S_ij} / (e^b + Σ_k e^{S_ik})},
 * {@code O = A·V}; the switch-off mass {@code π_i = e^b / (e^b + Σ_k e^{S_ik})} goes to a zero value.
 * {@code b → +∞} switches the head off ({@code O → 0}), {@code b → −∞} gives softmax. A query whose keys
 * are all masked puts all its mass on the null column: zero output.
 */
public final class NullSinkAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "null-sink";

  private final double bias;

  public NullSinkAttention(double bias) {
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
    return SinkOps.attend(NAME, q, k, v, keep, withWeights, bias, 0, null);
  }
}
