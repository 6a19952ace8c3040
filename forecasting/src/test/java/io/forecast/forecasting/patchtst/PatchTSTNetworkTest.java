package io.forecast.forecasting.patchtst;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.forecasting.nn.GradMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The network alone: patching, sizes, channel independence, BatchNorm state, gradients. */
class PatchTSTNetworkTest {
  static final int T = 24;
  static final int TAU = 8;

  /** T = 24, patch 8, stride 4: N = (24 − 8)/4 + 2 = 6 patches. */
  static PatchTSTConfig config(int channels, double dropout, String op, Map<String, Object> params) {
    return new PatchTSTConfig(T, TAU, channels, 8, 4, 8, 16, 1, 2, dropout, dropout, op,
        AttentionOperators.spec(op).params(params));
  }

  static float[] randomInput(int batch, int n, long seed) {
    Random rnd = new Random(seed);
    float[] x = new float[batch * T * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian() + (i % n); // a different level per channel
    }
    return x;
  }

  @Test
  void patchCountIsTslibsFormula() {
    // (seq_len − patch_len)/stride + 2, by hand
    assertThat(PatchTSTConfig.patchCount(96, 16, 8)).isEqualTo(12);
    assertThat(PatchTSTConfig.patchCount(336, 16, 8)).isEqualTo(42);
    assertThat(PatchTSTConfig.patchCount(128, 16, 16)).isEqualTo(9);
    assertThat(PatchTSTConfig.patchCount(112, 16, 16)).isEqualTo(8);
    assertThat(PatchTSTConfig.patchCount(127, 16, 16)).isEqualTo(8);
    assertThat(PatchTSTConfig.patchCount(16, 16, 8)).isEqualTo(2);
    // shorter than a patch: padded to 8 + 8 = 16 values, one patch
    assertThat(PatchTSTConfig.patchCount(8, 16, 8)).isEqualTo(1);
  }

  @Test
  void patchesAreStrideApartWithTheLastValueRepeated() {
    // T = 24, P = 8, S = 4, one series 0..23: padded 0..23, 23, 23, 23, 23; patch i = [4i, 4i + 8)
    try (PatchTSTModel model = PatchTSTModel.create(config(1, 0, "softmax", Map.of()), 1);
        NDManager m = model.manager().newSubManager()) {
      float[] ramp = new float[T];
      for (int t = 0; t < T; t++) {
        ramp[t] = t;
      }
      PatchTSTNetwork network = (PatchTSTNetwork) model.block();
      NDArray patches = network.patch(m.create(ramp, new Shape(1, 1, T)));
      assertThat(patches.getShape()).isEqualTo(new Shape(1, 6, 8));
      float[] p = patches.toFloatArray();
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 8; j++) {
          assertThat(p[i * 8 + j]).as("patch %d, value %d", i, j).isEqualTo(Math.min(4 * i + j, 23));
        }
      }
    }
  }

  @Test
  void parameterCountAndOutputShapeFollowTheArchitecture() {
    // N = 6, d = 8, d_ff = 16, 1 layer, τ = 8, P = 8, by hand: patch embedding 8·8 = 64 (no bias);
    // attention 4·(8·8 + 8) = 288; feed-forward 8·16 + 16 + 16·8 + 8 = 280; two LayerNorms 32;
    // BatchNorm γ, β 16; head 8·6·8 + 8 = 392. Total 1072, plus the running mean and variance (2·8).
    PatchTSTConfig c = config(3, 0.0, "softmax", Map.of());
    assertThat(c.patches()).isEqualTo(6);
    assertThat(c.parameterCount()).isEqualTo(1072.0);
    try (PatchTSTModel model = PatchTSTModel.create(c, 1)) {
      assertThat(model.parameterCount()).isEqualTo(1072L);
      assertThat(model.allParameters()).hasSize(model.parameters().size() + 2);
      assertThat(model.parameterNames().stream().filter(n -> n.contains("running"))).hasSize(2);
      float[] out = model.predict(randomInput(5, 3, 1), 5);
      assertThat(out).hasSize(5 * TAU * 3);
      try (NDManager m = model.manager().newSubManager()) {
        NDArray y = model.forward(m.create(randomInput(2, 3, 2), new Shape(2, T, 3)), false);
        assertThat(y.getShape()).isEqualTo(new Shape(2, TAU, 3));
      }
    }
  }

  @Test
  void changingOneChannelChangesOnlyThatChannelsForecast() {
    int n = 3;
    try (PatchTSTModel model = PatchTSTModel.create(config(n, 0.1, "softmax", Map.of()), 3)) {
      float[] x = randomInput(2, n, 5);
      float[] y = model.predict(x, 2);
      float[] other = x.clone();
      for (int t = 0; t < 2 * T; t++) {
        other[t * n + 1] += (float) Math.sin(t); // channel 1 of both samples
      }
      float[] changed = model.predict(other, 2);
      for (int r = 0; r < 2 * TAU; r++) {
        assertThat(changed[r * n]).as("channel 0, row %d", r).isEqualTo(y[r * n]);
        assertThat(changed[r * n + 2]).as("channel 2, row %d", r).isEqualTo(y[r * n + 2]);
        assertThat(changed[r * n + 1]).as("channel 1, row %d", r).isNotEqualTo(y[r * n + 1]);
      }
    }
  }

  /**
   * A training forward pass moves the BatchNorm's running statistics, an inference pass leaves them,
   * and they travel in snapshots and the parameter file: a model loaded from the file forecasts
   * identically, one with the statistics reset does not.
   */
  @Test
  void batchNormRunningStatisticsAreStateThatIsSavedAndLoaded() throws IOException {
    PatchTSTConfig c = config(3, 0.0, "softmax", Map.of());
    try (PatchTSTModel model = PatchTSTModel.create(c, 4)) {
      int mean = runningIndex(model, "runningMean");
      int var = runningIndex(model, "runningVar");
      float[][] initial = model.snapshot();
      assertThat(initial[mean]).containsOnly(0f);
      assertThat(initial[var]).containsOnly(1f);
      float[] x = randomInput(4, 3, 8);
      model.predict(x, 4);
      assertThat(model.snapshot()[mean]).as("inference keeps the statistics").containsOnly(0f);
      try (GradMode off = GradMode.disabled();
          NDManager m = model.manager().newSubManager()) {
        model.forward(m.create(x, new Shape(4, T, 3)), true);
      }
      float[][] trained = model.snapshot();
      assertThat(trained[mean]).as("training updates the running mean").isNotEqualTo(initial[mean]);
      assertThat(trained[var]).as("training updates the running variance").isNotEqualTo(initial[var]);
      float[] y = model.predict(x, 4);

      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      model.saveParameters(new DataOutputStream(bytes));
      try (PatchTSTModel loaded = PatchTSTModel.forLoading(c)) {
        loaded.loadParameters(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(loaded.snapshot()[mean]).containsExactly(trained[mean]);
        assertThat(loaded.predict(x, 4)).containsExactly(y);
        float[][] reset = loaded.snapshot();
        reset[mean] = initial[mean];
        reset[var] = initial[var];
        loaded.restore(reset);
        assertThat(loaded.predict(x, 4)).as("the statistics matter").isNotEqualTo(y);
      }
    }
  }

  private static int runningIndex(PatchTSTModel model, String suffix) {
    List<String> names = model.parameterNames();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).endsWith(suffix)) {
        return i;
      }
    }
    throw new AssertionError("no parameter ending in " + suffix + " among " + names);
  }

  /**
   * One backward pass reaches every trainable parameter, except the key projection's bias under
   * softmax (it adds the same q_i·b_k to a whole row of scores, which a row softmax cancels); the
   * BatchNorm's running statistics are not trainable.
   */
  @Test
  void everyTrainableParameterGetsAGradient() {
    PatchTSTConfig c = config(3, 0.0, "softmax", Map.of());
    Map<String, Float> largest = new LinkedHashMap<>();
    try (PatchTSTModel model = PatchTSTModel.create(c, 11);
        NDManager batch = model.manager().newSubManager()) {
      NDArray x = batch.create(randomInput(3, 3, 7), new Shape(3, T, 3));
      NDArray y = batch.randomNormal(new Shape(3, TAU, 3));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(model.forward(x, true).sub(y).square().mean());
      }
      List<Parameter> all = model.allParameters();
      for (int i = 0; i < all.size(); i++) {
        Parameter p = all.get(i);
        String name = model.parameterNames().get(i);
        assertThat(p.requiresGradient()).as(name).isEqualTo(!name.contains("running"));
        assertThat(model.parameters().contains(p)).as(name).isEqualTo(p.requiresGradient());
        if (p.requiresGradient()) {
          largest.put(name, p.getArray().getGradient().abs().max().getFloat());
        }
      }
    }
    // embedding 1 + layer 16 (4 projections, 2 LayerNorms, 2 feed-forward, 2 arrays each) + BatchNorm 2 + head 2
    assertThat(largest).hasSize(1 + 16 + 2 + 2);
    float overall = largest.values().stream().max(Float::compare).orElseThrow();
    largest.forEach((name, g) -> {
      if (name.contains("key_projection") && name.endsWith("bias")) {
        assertThat(g).as(name).isLessThan(1e-4f * overall);
      } else {
        assertThat(g).as(name).isGreaterThan(0f);
      }
    });
  }
}
