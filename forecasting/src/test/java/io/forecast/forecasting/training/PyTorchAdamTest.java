package io.forecast.forecasting.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.Initializer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyTorchAdamTest {
  /** torch.optim.Adam's arithmetic for one scalar, in double. */
  private static final class Reference {
    double m;
    double v;
    int t;

    double step(double p, double g, double lr) {
      t++;
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      double bc1 = 1 - Math.pow(0.9, t);
      double bc2 = 1 - Math.pow(0.999, t);
      return p - lr / bc1 * m / (Math.sqrt(v) / Math.sqrt(bc2) + 1e-8);
    }
  }

  private static Parameter parameter(NDManager manager, float... values) {
    Parameter p =
        Parameter.builder()
            .setName("p")
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(values.length))
            .optInitializer(Initializer.ZEROS)
            .build();
    p.initialize(manager, DataType.FLOAT32);
    p.getArray().set(values);
    return p;
  }

  /** Loss 0.5·Σ p² + Σ c·p, so the gradient is p + c. */
  private static void backward(Parameter p, float[] c) {
    NDArray w = p.getArray();
    try (NDManager scope = w.getManager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray cs = scope.create(c);
      NDArray loss = cs.mul(w).sum().add(w.square().sum().mul(0.5f));
      loss.attach(scope);
      collector.backward(loss);
    }
  }

  @Test
  void twoStepsMatchTorchAdamArithmetic() {
    float[] start = {1.0f, -2.0f, 0.25f};
    float[] c = {0.5f, -3.0f, 1e-3f};
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter p = parameter(manager, start);
      Reference[] refs = {new Reference(), new Reference(), new Reference()};
      double[] expected = {start[0], start[1], start[2]};
      try (PyTorchAdam adam = new PyTorchAdam(manager, List.of(p))) {
        double[] rates = {0.1, 0.05};
        for (double lr : rates) {
          backward(p, c);
          for (int i = 0; i < 3; i++) {
            expected[i] = refs[i].step(expected[i], expected[i] + c[i], lr);
          }
          adam.step(lr);
          float[] actual = p.getArray().toFloatArray();
          for (int i = 0; i < 3; i++) {
            assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-6));
          }
        }
        assertThat(adam.steps()).isEqualTo(2);
        // step 1 moves every coordinate by lr·sign(g) (up to eps)
        assertThat(refs[0].t).isEqualTo(2);
      }
      p.close();
    }
  }

  @Test
  void epsilonIsAddedToTheBiasCorrectedRoot() {
    // gradients of order eps tell PyTorch's rule (eps on √v̂) from DJL's (eps on √v)
    float[] c = {1e-8f, 3e-9f};
    try (NDManager manager = NDManager.newBaseManager()) {
      Parameter p = parameter(manager, 0f, 0f);
      try (PyTorchAdam adam = new PyTorchAdam(manager, List.of(p))) {
        // loss = Σ c·p + 0.5 Σ p², p = 0 → g = c
        backward(p, c);
        adam.step(0.1);
        float[] actual = p.getArray().toFloatArray();
        assertThat((double) actual[0]).isCloseTo(-0.1 * 1e-8 / (1e-8 + 1e-8), within(1e-6));
        assertThat((double) actual[1]).isCloseTo(-0.1 * 3e-9 / (3e-9 + 1e-8), within(1e-6));
      }
      p.close();
    }
  }
}
