package io.forecast.forecasting.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The official OLinear training criterion: {@code mean_{b,t,n} |ŷ − y| · (t+1)^-0.5} over
 * predictions and targets {@code [B, τ, N]}, t = 0..τ−1. The weights are not renormalised.
 *
 * <p>Holds its weight vector in a sub-manager of the given manager; close it when done.
 */
public final class WeightedL1Loss implements Loss {
  /** The exponent α of the horizon weights {@code (t+1)^-α}. */
  public static final double ALPHA = 0.5;

  private final int predLen;
  private final NDManager manager;
  private final NDArray weights;

  /** Creates the loss for horizon {@code predLen}, keeping its weights under {@code parent}. */
  public WeightedL1Loss(NDManager parent, int predLen) {
    if (predLen < 1) {
      throw new IllegalArgumentException("predLen must be at least 1, got " + predLen);
    }
    this.predLen = predLen;
    this.manager = parent.newSubManager();
    float[] w = new float[predLen];
    for (int t = 0; t < predLen; t++) {
      w[t] = (float) weight(t);
    }
    this.weights = manager.create(w, new Shape(predLen, 1));
  }

  /** The weight of horizon step {@code t} (0-based): {@code (t+1)^-0.5}. */
  public static double weight(int t) {
    return Math.pow(t + 1, -ALPHA);
  }

  /** The scalar loss, in {@code prediction}'s manager. */
  @Override
  public NDArray compute(NDArray prediction, NDArray target) {
    Shape shape = prediction.getShape();
    if (shape.dimension() != 3 || shape.get(1) != predLen || !shape.equals(target.getShape())) {
      throw new IllegalArgumentException(
          "expected prediction and target [B, " + predLen + ", N], got " + shape + " and "
              + target.getShape());
    }
    return prediction.sub(target).abs().mul(weights).mean();
  }

  @Override
  public void close() {
    manager.close();
  }
}
