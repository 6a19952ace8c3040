package io.forecast.forecasting.olinear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Initialises a square {@code [n, n]} matrix as {@code I + N(0, 1)}, the official NormLin weight
 * initialisation ({@code torch.eye(n) + torch.randn(n, n)}).
 */
public final class IdentityPlusNormalInitializer implements Initializer {
  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (shape.dimension() != 2 || shape.get(0) != shape.get(1)) {
      throw new IllegalArgumentException("expected a square matrix shape, got " + shape);
    }
    int n = Math.toIntExact(shape.get(0));
    NDArray noise = manager.randomNormal(0f, 1f, shape, dataType, manager.getDevice());
    try (NDArray eye = manager.eye(n, n, 0, dataType)) {
      return noise.addi(eye);
    }
  }
}
