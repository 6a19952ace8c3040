package io.forecast.forecasting.olinear;

import io.forecast.forecasting.nn.Layers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * NormLin: cross-variate mixing {@code M = A·V} with a learned row-stochastic {@code A =
 * rowNormL1(softplus(W))}, {@code W ∈ R^{N×N}} initialised to {@code I + N(0,1)}; dropout is
 * applied to {@code A} itself during training.
 *
 * <p>Input and output {@code [B, N, d]}.
 */
public final class NormLin extends AbstractBlock {
  private final int variates;
  private final float dropout;
  private final Parameter weight;

  /** Creates the mixer for {@code variates} tokens with dropout {@code dropout} on A. */
  public NormLin(int variates, float dropout) {
    if (variates < 1) {
      throw new IllegalArgumentException("variates must be at least 1, got " + variates);
    }
    this.variates = variates;
    this.dropout = dropout;
    this.weight =
        addParameter(
            Parameter.builder()
                .setName("weight_mat")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(variates, variates))
                .optInitializer(new IdentityPlusNormalInitializer())
                .build());
  }

  /**
   * The mixing matrix {@code A} ({@code [N, N]}, rows sum to 1), created in {@code manager};
   * with dropout applied when {@code training}.
   */
  public NDArray mixingMatrix(
      ParameterStore store, NDManager manager, Device device, boolean training) {
    NDArray w = store.getValue(weight, device, training);
    NDArray positive = Layers.local(Activation.softPlus(w), manager);
    NDArray rows = positive.normalize(1, -1, 1e-12);
    return Layers.dropout(rows, dropout, training);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray v = inputs.singletonOrThrow();
    NDArray a = mixingMatrix(store, v.getManager(), v.getDevice(), training);
    return new NDList(a.matMul(v));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** Number of mixed tokens N. */
  public int variates() {
    return variates;
  }
}
