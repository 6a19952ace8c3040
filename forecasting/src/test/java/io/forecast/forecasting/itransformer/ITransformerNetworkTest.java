package io.forecast.forecasting.itransformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.forecast.attention.registry.AttentionOperators;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The network alone: sizes, permutation equivariance over variates, gradients. */
class ITransformerNetworkTest {
  static final int T = 8;
  static final int TAU = 4;

  static ITransformerConfig config(int n, int dModel, int dFf, int layers, int heads, double dropout, String op,
      Map<String, Object> params) {
    return new ITransformerConfig(T, TAU, n, dModel, dFf, layers, heads, dropout, dropout, op,
        AttentionOperators.spec(op).params(params));
  }

  static float[] randomInput(int batch, int n, long seed) {
    Random rnd = new Random(seed);
    float[] x = new float[batch * T * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian() + (i % n); // a different level per variate
    }
    return x;
  }

  @Test
  void parameterCountAndOutputShapeFollowTheArchitecture() {
    // T=8, d=8, d_ff=16, 1 layer, τ=4, by hand:
    // embedding 8·8+8 = 72; attention 4·(8·8+8) = 288; feed-forward 8·16+16 + 16·8+8 = 280;
    // two LayerNorms 2·(8+8) = 32; final LayerNorm 16; projector 8·4+4 = 36. Total 724.
    ITransformerConfig c = config(3, 8, 16, 1, 2, 0.0, "softmax", Map.of());
    assertThat(c.parameterCount()).isEqualTo(724.0);
    try (ITransformerModel model = ITransformerModel.create(c, 1)) {
      assertThat(model.parameterCount()).isEqualTo(724L);
      float[] out = model.predict(randomInput(5, 3, 1), 5);
      assertThat(out).hasSize(5 * TAU * 3);
      try (NDManager m = model.manager().newSubManager()) {
        NDArray y = model.forward(m.create(randomInput(2, 3, 2), new Shape(2, T, 3)), false);
        assertThat(y.getShape()).isEqualTo(new Shape(2, TAU, 3));
      }
    }
  }

  @Test
  void permutingTheColumnsPermutesTheForecastWithSoftmax() {
    int n = 5;
    int[] perm = {3, 0, 4, 1, 2}; // new column j holds old column perm[j]
    try (ITransformerModel model = ITransformerModel.create(config(n, 16, 32, 2, 4, 0.1, "softmax", Map.of()), 3)) {
      float[] x = randomInput(2, n, 5);
      float[] px = permuteColumns(x, 2 * T, n, perm);
      float[] y = model.predict(x, 2);
      float[] py = model.predict(px, 2);
      assertThat(py).containsExactly(permuteColumns(y, 2 * TAU, n, perm), within(2e-5f));
      // not trivially so: the forecast of a column depends on the others
      float[] other = x.clone();
      other[1] += 3; // row 0, column 1
      float[] changed = model.predict(other, 2);
      assertThat(Math.abs(changed[0] - y[0])).as("column 0 reacts to column 1 through attention")
          .isGreaterThan(1e-6f);
    }
  }

  static float[] permuteColumns(float[] values, int rows, int n, int[] perm) {
    float[] out = new float[values.length];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < n; j++) {
        out[r * n + j] = values[r * n + perm[j]];
      }
    }
    return out;
  }

  /**
   * One backward pass reaches every parameter, except the key projection's bias under softmax: it adds
   * q_i·b_k to the whole row i of the scores, which a row softmax cancels, so its gradient is 0 up to
   * rounding (as in PyTorch).
   */
  @Test
  void everyParameterGetsAGradientButTheSoftmaxKeyBias() {
    Map<String, Float> largest = gradients(config(4, 8, 16, 2, 2, 0.0, "softmax", Map.of()));
    float overall = largest.values().stream().max(Float::compare).orElseThrow();
    largest.forEach((name, g) -> {
      if (name.contains("key_projection") && name.endsWith("bias")) {
        assertThat(g).as(name).isLessThan(1e-4f * overall);
      } else {
        assertThat(g).as(name).isGreaterThan(0f);
      }
    });
    assertThat(largest).hasSize(2 + 2 * 16 + 2 + 2);
  }

  @Test
  void qontotTrainableAnglesAreParametersThatLearn() {
    ITransformerConfig c = config(4, 8, 8, 1, 1, 0.0, "qontot", Map.of("mode", "trainable", "layers", 2));
    Map<String, Float> largest = gradients(c);
    // DJL prefixes each child's name with its position: "02encoder_0_01attention_theta"
    List<String> theta = largest.keySet().stream().filter(k -> k.endsWith("attention_theta")).toList();
    assertThat(theta).hasSize(1);
    assertThat(largest.get(theta.get(0))).isGreaterThan(0f);
    assertThat(largest).hasSize(2 + 17 + 2 + 2);
  }

  /** The largest absolute gradient of each parameter after one MSE backward pass. */
  static Map<String, Float> gradients(ITransformerConfig c) {
    Map<String, Float> out = new java.util.LinkedHashMap<>();
    try (ITransformerModel model = ITransformerModel.create(c, 11);
        NDManager batch = model.manager().newSubManager()) {
      int n = c.variates();
      NDArray x = batch.create(randomInput(3, n, 7), new Shape(3, T, n));
      NDArray y = batch.randomNormal(new Shape(3, TAU, n));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray loss = model.forward(x, true).sub(y).square().mean();
        collector.backward(loss);
      }
      List<Parameter> params = model.parameters();
      for (int i = 0; i < params.size(); i++) {
        out.put(model.parameterNames().get(i), params.get(i).getArray().getGradient().abs().max().getFloat());
      }
    }
    return out;
  }
}
