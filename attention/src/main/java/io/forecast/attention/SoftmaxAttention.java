package io.forecast.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * Scaled dot-product softmax attention, the baseline of every variant:
 * {@code A = softmax_row(Q·Kᵀ / √d + mask)}, {@code O = A·V}.
 *
 * <p>Stateless; differentiable through DJL's autograd. Leading (batch, head) axes broadcast.
 * A row whose keys are all masked out gets all-zero weights (and a zero output row) instead of NaN.
 */
public final class SoftmaxAttention {
  private SoftmaxAttention() {}

  /**
   * The attention weights {@code A}.
   *
   * @param q queries {@code [..., N, d]}
   * @param k keys {@code [..., M, d]}
   * @param keep boolean mask broadcastable to {@code [..., N, M]} (true = attend), or {@code null}
   * @return {@code [..., N, M]}, rows summing to 1 (0 for fully masked rows)
   * @throws IllegalArgumentException if the feature sizes of q and k differ
   */
  public static NDArray weights(NDArray q, NDArray k, NDArray keep) {
    long d = q.getShape().getLastDimension();
    if (k.getShape().getLastDimension() != d) {
      throw new IllegalArgumentException("query and key feature sizes differ: " + q.getShape() + " vs " + k.getShape());
    }
    NDArray scores = q.matMul(k.swapAxes(-1, -2)).div(Math.sqrt(d));
    if (keep == null) {
      return scores.softmax(-1);
    }
    NDArray masked = NDArrays.where(keep, scores, scores.getManager().full(
        new ai.djl.ndarray.types.Shape(), Float.NEGATIVE_INFINITY, scores.getDataType()));
    NDArray a = masked.softmax(-1);
    return NDArrays.where(keep, a, a.zerosLike());
  }

  /**
   * The attention output {@code O = A·V}.
   *
   * @param v values {@code [..., M, dv]}
   * @return {@code [..., N, dv]}
   */
  public static NDArray apply(NDArray q, NDArray k, NDArray v, NDArray keep) {
    return weights(q, k, keep).matMul(v);
  }
}
