package io.forecast.forecasting.studies.sinks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;

/**
 * Sparse window attention: an operator (softmax in the study) whose queries see only the keys within
 * {@code window} positions, {@code |i − j| ≤ window}; the other keys are masked (weight exactly 0). Each
 * row keeps at least its own key, so no row is fully masked.
 */
public final class WindowAttention implements AttentionOperator {
  private final AttentionOperator inner;
  private final int window;

  /**
   * @param inner the operator restricted to the band
   * @param window the largest distance |i − j| a query sees, at least 0
   * @throws IllegalArgumentException for a negative window
   */
  public WindowAttention(AttentionOperator inner, int window) {
    if (window < 0) {
      throw new IllegalArgumentException("the window must be at least 0, got " + window);
    }
    this.inner = inner;
    this.window = window;
  }

  /** The largest distance |i − j| a query sees. */
  public int window() {
    return window;
  }

  @Override
  public String name() {
    return "window";
  }

  @Override
  public AttentionResult apply(NDArray q, NDArray k, NDArray v, NDArray keep, boolean withWeights) {
    int n = (int) q.getShape().get(q.getShape().dimension() - 2);
    int m = (int) k.getShape().get(k.getShape().dimension() - 2);
    boolean[] band = new boolean[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        band[i * m + j] = Math.abs(i - j) <= window;
      }
    }
    NDArray mask = q.getManager().create(band, new Shape(n, m));
    NDArray combined = keep == null ? mask : keep.toType(DataType.BOOLEAN, false).logicalAnd(mask);
    return inner.apply(q, k, v, combined, withWeights);
  }
}
