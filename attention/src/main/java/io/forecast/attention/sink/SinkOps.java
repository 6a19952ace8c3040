package io.forecast.attention.sink;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOps;
import io.forecast.attention.AttentionResult;

/**
 * The DJL computation shared by the four variants: softmax over the augmented logits
 * {@code [S + β·I ‖ b]} where the extra (sink) column has value vector {@code c·1}; either part optional.
 */
final class SinkOps {
  private SinkOps() {}

  /**
   * @param name the operator's name, for messages
   * @param sinkLogit the sink column's logit b, or {@code null} for no sink column (plain softmax rows)
   * @param sinkValue every entry of the sink's value vector (0: a zero-value "null" sink)
   * @param diagonal the diagonal bias β, or {@code null} for none (then any M is accepted)
   */
  static AttentionResult attend(String name, NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights,
      Double sinkLogit, double sinkValue, Double diagonal) {
    return attend(name, q, k, v, keep, withWeights,
        sinkLogit == null ? null : AttentionOps.scalar(q, sinkLogit), sinkValue,
        diagonal == null ? null : AttentionOps.scalar(q, diagonal));
  }

  /**
   * As {@link #attend(String, NDArray, NDArray, NDArray, NDArray, boolean, Double, double, Double)} with the
   * logit and the diagonal bias as arrays (on autograd's tape when trained) broadcastable against the
   * scores' leading axes with two trailing unit axes: a scalar, or {@code [H, 1, 1]} for one per head.
   */
  static AttentionResult attend(String name, NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights,
      NDArray sinkLogit, double sinkValue, NDArray diagonal) {
    AttentionOps.checkShapes(q, k, v);
    NDArray scores = AttentionOps.scaledScores(q, k);
    Shape shape = scores.getShape();
    int axis = shape.dimension() - 1;
    int n = (int) shape.get(axis - 1);
    int m = (int) shape.get(axis);
    DataType type = scores.getDataType();
    if (diagonal != null) {
      if (n != m) {
        throw new IllegalArgumentException("attention operator '" + name + "' biases the diagonal, so it needs as "
            + "many keys as queries (self-attention), got " + n + " queries (Q " + q.getShape() + ") and " + m
            + " keys (K " + k.getShape() + ")");
      }
      scores = scores.add(q.getManager().eye(n, m, 0, type).mul(diagonal.toType(type, false)));
    }
    NDArray keepFull = keep == null ? null : keep.broadcast(shape); // DJL's where needs the exact shape
    if (sinkLogit == null) {
      NDArray a = AttentionOps.maskedSoftmax(scores, keepFull);
      return new AttentionResult(a.matMul(v), withWeights ? a : null);
    }
    Shape column = shape.slice(0, axis).add(1);
    NDArray logit = sinkLogit.toType(type, false).broadcast(column);
    NDArray augmented = NDArrays.concat(new NDList(scores, logit), axis);
    NDArray augmentedKeep = keepFull == null ? null
        : NDArrays.concat(new NDList(keepFull, q.getManager().ones(column, DataType.BOOLEAN)), axis);
    // the sink column is always allowed, so no row is fully masked
    NDArray a = AttentionOps.maskedSoftmax(augmented, augmentedKeep);
    NDList parts = a.split(new long[] {m}, axis);
    NDArray visible = parts.get(0);
    NDArray out = visible.matMul(v);
    if (sinkValue != 0) {
      NDArray c = q.getManager().create(sinkValue).toType(type, false);
      out = out.add(parts.get(1).mul(c));
    }
    return new AttentionResult(out, withWeights ? visible : null);
  }
}
