package io.forecast.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;

/** Stateless DJL building blocks shared by the operators: shape checks, scaled scores, masked softmax. */
public final class AttentionOps {
  private AttentionOps() {}

  /**
   * Checks {@code q [.., N, d]}, {@code k [.., M, d]}, {@code v [.., M, dv]} (same leading axes).
   *
   * @throws IllegalArgumentException naming the shapes that do not fit
   */
  public static void checkShapes(NDArray q, NDArray k, NDArray v) {
    Shape qs = q.getShape();
    Shape ks = k.getShape();
    Shape vs = v.getShape();
    if (qs.dimension() < 2 || ks.dimension() != qs.dimension() || vs.dimension() != qs.dimension()) {
      throw new IllegalArgumentException("Q, K and V must have the same number of axes (at least 2: tokens, "
          + "features), got Q " + qs + ", K " + ks + ", V " + vs);
    }
    if (qs.getLastDimension() != ks.getLastDimension()) {
      throw new IllegalArgumentException("Q and K must have the same feature size, got Q " + qs + " and K " + ks);
    }
    int tokens = ks.dimension() - 2;
    if (ks.get(tokens) != vs.get(tokens)) {
      throw new IllegalArgumentException("K and V must have one row per key, got K " + ks + " and V " + vs);
    }
  }

  /** {@code Q·Kᵀ / √d}, shape {@code [.., N, M]}. */
  public static NDArray scaledScores(NDArray q, NDArray k) {
    NDArray scores = q.matMul(owned(q, k.swapAxes(-1, -2)));
    return scores.div(scalar(scores, Math.sqrt(q.getShape().getLastDimension())));
  }

  /**
   * A 0-d array holding {@code value}, computed by libtorch in {@code like}'s manager and type. Use it
   * instead of {@code mul(Number)} / {@code div(Number)} on arrays autograd tracks: DJL 0.36 passes a
   * Number as an array over a Java buffer that it releases right after the op, while autograd keeps
   * it for the backward pass; a garbage collection in between corrupts the gradients.
   */
  public static NDArray scalar(NDArray like, double value) {
    return scalar(like.getManager(), like.getDataType(), value);
  }

  /** {@link #scalar(NDArray, double)} in a given manager and type. */
  public static NDArray scalar(ai.djl.ndarray.NDManager manager, ai.djl.ndarray.types.DataType type, double value) {
    return manager.zeros(new Shape(), type).add(value);
  }

  /**
   * {@code x} attached to {@code owner}'s manager: an op's result belongs to its first operand's
   * manager, so a temporary made from K or a mask would otherwise live (and leak) as long as theirs.
   */
  public static NDArray owned(NDArray owner, NDArray x) {
    if (x.getManager() != owner.getManager()) {
      x.attach(owner.getManager());
    }
    return x;
  }

  /**
   * Row-wise softmax of {@code scores} over the keys {@code keep} allows ({@code null}: all); masked
   * entries are exactly 0, and a row with no allowed key is all zeros with a zero (not NaN) gradient.
   */
  public static NDArray maskedSoftmax(NDArray scores, NDArray keep) {
    if (keep == null) {
      return scores.softmax(-1);
    }
    // PyTorch's where() does not broadcast the condition: give the mask the scores' full shape
    if (!keep.getShape().equals(scores.getShape())) {
      keep = owned(scores, keep.broadcast(scores.getShape()));
    }
    NDArray keepInt = owned(scores, keep.toType(ai.djl.ndarray.types.DataType.INT32, false));
    NDArray any = keepInt.max(new int[] {-1}, true).gt(0);
    // a fully masked row keeps its raw scores (a finite softmax whose result is then zeroed), so that
    // neither the forward nor the backward pass sees exp(-inf - (-inf))
    NDArray filler = scores.getManager().full(new Shape(), Float.NEGATIVE_INFINITY, scores.getDataType());
    NDArray masked = NDArrays.where(owned(scores, keep.logicalOr(any.logicalNot())), scores, filler);
    NDArray a = masked.softmax(-1);
    return NDArrays.where(keep, a, a.zerosLike());
  }

  /**
   * Refuses a mask for an operator whose weights cannot be forced to 0 (the exactly doubly stochastic
   * ones), naming the operator, the mask's shape and what to use instead.
   */
  public static void requireNoMask(String operator, String why, NDArray keep) {
    if (keep != null) {
      throw new IllegalArgumentException(operator + " attention takes no mask (" + why + ", so no weight can be "
          + "forced to 0), got a mask of shape " + keep.getShape() + "; pass null, or use softmax or sinkhorn for "
          + "masked attention");
    }
  }
}
