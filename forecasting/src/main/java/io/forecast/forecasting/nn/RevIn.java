package io.forecast.forecasting.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Reversible instance normalisation ({@code layers/RevIN.py}, affine, eps 1e-5) over inputs
 * {@code [B, T, N]}.
 *
 * <p>Statistics are per sample and variate over the time axis and detached: μ = mean, σ =
 * sqrt(biased variance + 1e-5). Normalise: {@code (x − μ)/σ · w + b}; denormalise:
 * {@code (y − b)/(w + 1e-10) · σ + μ}. {@code w} starts at 1 and {@code b} at 0.
 */
public final class RevIn extends AbstractBlock {
  public static final float EPS = 1e-5f;
  public static final float AFFINE_EPS = 1e-10f;

  private final int variates;
  private final Parameter weight;
  private final Parameter bias;

  /** Detached per-sample, per-variate statistics, each {@code [B, 1, N]}. */
  public record Statistics(NDArray mean, NDArray std) {}

  /** Creates the layer for {@code variates} series. */
  public RevIn(int variates) {
    if (variates < 1) {
      throw new IllegalArgumentException("variates must be at least 1, got " + variates);
    }
    this.variates = variates;
    this.weight =
        addParameter(
            Parameter.builder()
                .setName("affine_weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(variates))
                .optInitializer(Initializer.ONES)
                .build());
    this.bias =
        addParameter(
            Parameter.builder()
                .setName("affine_bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(variates))
                .optInitializer(Initializer.ZEROS)
                .build());
  }

  /** The detached mean and standard deviation of {@code x} over axis 1. */
  public Statistics statistics(NDArray x) {
    NDArray mean = x.mean(new int[] {1}, true).stopGradient();
    NDArray variance = x.sub(mean).square().mean(new int[] {1}, true);
    NDArray std = variance.add(EPS).sqrt().stopGradient();
    return new Statistics(mean, std);
  }

  /** {@code (x − μ)/σ · w + b}. */
  public NDArray normalize(ParameterStore store, NDArray x, Statistics stats, boolean training) {
    NDArray w = store.getValue(weight, x.getDevice(), training);
    NDArray b = store.getValue(bias, x.getDevice(), training);
    return x.sub(stats.mean()).div(stats.std()).mul(w).add(b);
  }

  /** {@code (y − b)/(w + 1e-10) · σ + μ}. */
  public NDArray denormalize(ParameterStore store, NDArray y, Statistics stats, boolean training) {
    NDManager manager = y.getManager();
    NDArray w = store.getValue(weight, y.getDevice(), training);
    NDArray b = store.getValue(bias, y.getDevice(), training);
    NDArray scale = Layers.local(w.add(AFFINE_EPS), manager);
    return y.sub(b).div(scale).mul(stats.std()).add(stats.mean());
  }

  /** Normalises the single input {@code [B, T, N]} (statistics are not returned). */
  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    return new NDList(normalize(store, x, statistics(x), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** Number of variates this layer normalises. */
  public int variates() {
    return variates;
  }
}
