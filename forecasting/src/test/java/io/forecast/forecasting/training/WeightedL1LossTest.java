package io.forecast.forecasting.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class WeightedL1LossTest {
  @Test
  void weightsEachHorizonStepByInverseSquareRootWithoutRenormalising() {
    try (NDManager manager = NDManager.newBaseManager();
        WeightedL1Loss loss = new WeightedL1Loss(manager, 2)) {
      // B = 2, τ = 2, N = 2
      float[] prediction = {1, 2, 3, 4, 0, 0, -1, 1};
      float[] target = {0, 0, 0, 0, 0.5f, -0.5f, 1, 1};
      // |diff|: b0 t0 {1,2}, b0 t1 {3,4}, b1 t0 {0.5,0.5}, b1 t1 {2,0}
      double expected = ((1 + 2 + 0.5 + 0.5) * 1.0 + (3 + 4 + 2 + 0) / Math.sqrt(2)) / 8;
      double value =
          loss.compute(
                  manager.create(prediction, new Shape(2, 2, 2)),
                  manager.create(target, new Shape(2, 2, 2)))
              .getFloat();
      assertThat(value).isCloseTo(expected, within(1e-6));
      assertThat(WeightedL1Loss.weight(3)).isEqualTo(0.5);
    }
  }

  @Test
  void rejectsMismatchedShapes() {
    try (NDManager manager = NDManager.newBaseManager();
        WeightedL1Loss loss = new WeightedL1Loss(manager, 2)) {
      assertThatThrownBy(
              () -> loss.compute(manager.zeros(new Shape(1, 3, 2)), manager.zeros(new Shape(1, 3, 2))))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
