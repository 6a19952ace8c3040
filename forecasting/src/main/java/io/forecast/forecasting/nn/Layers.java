package io.forecast.forecasting.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.initializer.UniformInitializer;

/** Factories and NDArray helpers shared by the DJL networks of every model type. */
public final class Layers {
  private Layers() {}

  /**
   * A Linear layer initialised like PyTorch's {@code nn.Linear}: weight and bias uniform in
   * ±1/√fanIn.
   */
  public static Linear pytorchLinear(long units, long fanIn) {
    Linear linear = Linear.builder().setUnits(units).optBias(true).build();
    UniformInitializer init = new UniformInitializer((float) (1.0 / Math.sqrt(fanIn)));
    linear.setInitializer(init, Parameter.Type.WEIGHT);
    linear.setInitializer(init, Parameter.Type.BIAS);
    return linear;
  }

  /** A LayerNorm over the last axis of a rank-{@code rank} input (eps 1e-5, γ = 1, β = 0). */
  public static LayerNorm lastAxisLayerNorm(int rank) {
    return LayerNorm.builder().axis(rank - 1).build();
  }

  /**
   * Inverted dropout during training ({@link DropoutMasks}: masks from the calling thread's seeded
   * stream), identity otherwise or when {@code rate} is 0.
   */
  public static NDArray dropout(NDArray x, float rate, boolean training) {
    if (!training) {
      return x;
    }
    return DropoutMasks.apply(x, rate);
  }

  /**
   * Moves an array computed from parameters alone (which lands in the parameters' manager) to
   * {@code manager}, so it is freed with the batch.
   */
  public static NDArray local(NDArray array, NDManager manager) {
    if (array.getManager() != manager) {
      array.attach(manager);
    }
    return array;
  }
}
