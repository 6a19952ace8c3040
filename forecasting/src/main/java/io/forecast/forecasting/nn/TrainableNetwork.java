package io.forecast.forecasting.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * What the generic trainer needs of a DJL network mapping {@code [B, seqLen, variates]} to
 * {@code [B, predLen, variates]}: its parameters, a forward pass, and snapshots of its weights for
 * early stopping. {@link NetworkModel} implements it for any DJL block.
 */
public interface TrainableNetwork {
  /** Input length T. */
  int seqLen();

  /** Horizon τ. */
  int predLen();

  /** Number of variates N. */
  int variates();

  /** The manager owning the parameters; per-batch sub-managers are opened from it. */
  NDManager manager();

  /** Every trainable parameter (the optimiser's), in a fixed order. */
  List<Parameter> parameters();

  /**
   * The forecast {@code [B, τ, N]} for {@code input} {@code [B, T, N]}; results live in the input's
   * manager. With {@code training}, dropout is active.
   */
  NDArray forward(NDArray input, boolean training);

  /**
   * A copy of the values of every parameter and state array (such as BatchNorm running statistics),
   * in a fixed order.
   */
  float[][] snapshot();

  /** Overwrites every parameter with a {@link #snapshot()}. */
  void restore(float[][] values);
}
