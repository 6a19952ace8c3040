package io.forecast.attention.softmax;

import ai.djl.ndarray.NDArray;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionOps;
import io.forecast.attention.AttentionResult;

/**
 * Scaled dot-product softmax attention (spec §1), the baseline of every variant:
 * {@code A = softmax_row(Q·Kᵀ/√d + mask)}, {@code O = A·V}. Masks are exact (masked weights are 0);
 * a query with every key masked gets a zero output row and a zero gradient.
 */
public final class SoftmaxAttention implements AttentionOperator {
  /** The registry name. */
  public static final String NAME = "softmax";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    AttentionOps.checkShapes(q, k, v);
    NDArray a = AttentionOps.maskedSoftmax(AttentionOps.scaledScores(q, k), keep);
    return new AttentionResult(a.matMul(v), withWeights ? a : null);
  }
}
