package io.forecast.attention;

import ai.djl.ndarray.NDArray;

/**
 * One attention mechanism over batched multi-head tensors, differentiable through DJL's autograd in
 * float32 and float64.
 *
 * <p>Shapes: {@code q [B, H, N, d]}, {@code k [B, H, M, d]}, {@code v [B, H, M, dv]} (any number of
 * leading axes, the same for all three), {@code keep} a boolean mask broadcastable to
 * {@code [B, H, N, M]} (true = the query may attend to the key) or {@code null}. The output is
 * {@code [B, H, N, dv]}. Results are created in the manager of {@code q}.
 *
 * <p>Implementations are immutable and stateless between calls (trainable parameters, where an
 * operator has them, are DJL parameters of the block that owns the operator, not of the operator).
 */
public interface AttentionOperator {
  /** The registry name, e.g. {@code softmax}, {@code sinkhorn}. */
  String name();

  /**
   * Applies the operator.
   *
   * @param withWeights also return the mixing matrix {@code A [B, H, N, M]}, for operators that have
   *     one ({@link #hasWeights()}); operators that never form it (Monarch, Delta) ignore the flag
   *     unless they can materialise it on request
   * @throws IllegalArgumentException for shapes the operator cannot take, naming them
   */
  AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights);

  /** The output only: {@code apply(q, k, v, keep, false).output()}. */
  default NDArray output(NDArray q, NDArray k, NDArray v, NDArray keep) {
    return apply(q, k, v, keep, false).output();
  }

  /** Whether {@link #apply} can return a single mixing matrix with the output {@code O = A·V}. */
  default boolean hasWeights() {
    return true;
  }
}
