package io.forecast.forecasting.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import io.forecast.forecasting.nn.Layers;

/**
 * PyTorch's {@code nn.Linear(T, τ)} applied along time: {@code x [B, T, N]} is permuted to
 * {@code [B, N, T]}, mapped to {@code [B, N, τ]} and permuted back to {@code [B, τ, N]}.
 *
 * <p>Shared: weight {@code [τ, T]}, bias {@code [τ]} ({@code torch.nn.functional.linear}).
 * Individual: weight {@code [N, τ, T]}, bias {@code [N, τ]}, row {@code n} being variate n's own
 * Linear (the {@code nn.ModuleList} of the reference code, computed as one batched matmul). The
 * bias, and the weight unless another initializer is given, start as PyTorch's default,
 * U(±1/√T).
 */
final class TimeLinear extends AbstractBlock {
  private final int predLen;
  private final int variates;
  private final boolean individual;
  private final Parameter weight;
  private final Parameter bias;

  /**
   * @param weightInit the weight's initializer, or {@code null} for PyTorch's U(±1/√T)
   */
  TimeLinear(int seqLen, int predLen, int variates, boolean individual, Initializer weightInit) {
    this.predLen = predLen;
    this.variates = variates;
    this.individual = individual;
    Initializer uniform = new UniformInitializer((float) (1.0 / Math.sqrt(seqLen)));
    this.weight = addParameter(Parameter.builder()
        .setName("weight")
        .setType(Parameter.Type.WEIGHT)
        .optShape(individual ? new Shape(variates, predLen, seqLen) : new Shape(predLen, seqLen))
        .optInitializer(weightInit == null ? uniform : weightInit)
        .build());
    this.bias = addParameter(Parameter.builder()
        .setName("bias")
        .setType(Parameter.Type.BIAS)
        .optShape(individual ? new Shape(variates, predLen) : new Shape(predLen))
        .optInitializer(uniform)
        .build());
  }

  /** {@code [B, T, N] → [B, τ, N]}; the result lives in {@code x}'s manager. */
  NDArray apply(ParameterStore store, NDArray x, boolean training) {
    NDArray w = store.getValue(weight, x.getDevice(), training);
    NDArray b = store.getValue(bias, x.getDevice(), training);
    NDArray channels = x.transpose(0, 2, 1); // [B, N, T]
    NDArray out;
    if (individual) {
      NDManager manager = x.getManager();
      NDArray wt = Layers.local(w.transpose(0, 2, 1), manager); // [N, T, τ]
      out = channels.expandDims(2).matMul(wt).squeeze(2).add(b); // [B, N, 1, T] x [N, T, τ]
    } else {
      out = Linear.linear(channels, w, b).singletonOrThrow();
    }
    return out.transpose(0, 2, 1);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(apply(store, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), predLen, variates)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    // no children; the parameters have fixed shapes
  }
}
