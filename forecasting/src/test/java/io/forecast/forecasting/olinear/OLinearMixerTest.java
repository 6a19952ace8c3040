package io.forecast.forecasting.olinear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variate mixers in NormLin's slot: the matrix each forms, parameter counts, gradients, refusals. */
class OLinearMixerTest {
  private static final int T = 24;
  private static final int TAU = 8;
  private static final int N = 5;
  private static final int D_MODEL = 32;

  static OLinearMixer mixer(String name, Map<String, Object> parameters) {
    return OLinearPresets.fast().toBuilder().mixer(name).nHeads(null).mixerParameters(parameters).build()
        .variateMixer();
  }

  static OLinearConfig config(OLinearMixer mixer, int variates) {
    return new OLinearConfig(T, TAU, variates, 4, D_MODEL, D_MODEL, 1, 0.0, true, mixer);
  }

  private static OLinearModel model(OLinearConfig config, long seed) {
    return OLinearModel.create(config, OrthonormalBases.dct(T), OrthonormalBases.dct(TAU), seed);
  }

  /** Tokens {@code [B, N, d_model]} of a fixed seed. */
  private static NDArray tokens(NDManager manager, int batch, long seed) {
    return manager.create(OLinearNetworkTest.randomInput(batch, N, D_MODEL, seed), new Shape(batch, N, D_MODEL));
  }

  private static double[][] matrix(NDArray a, int n) {
    float[] flat = a.toFloatArray();
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = flat[i * n + j];
      }
    }
    return m;
  }

  private static double[][] weight(OLinearModel model) {
    int index = -1;
    for (int i = 0; i < model.parameterNames().size(); i++) {
      if (model.parameterNames().get(i).contains("norm_lin")) {
        index = i;
      }
    }
    assertThat(index).isNotNegative();
    return matrix(model.parameters().get(index).getArray(), N);
  }

  private static void assertDoublyStochastic(double[][] a, double tolerance) {
    for (int i = 0; i < a.length; i++) {
      double row = 0;
      double column = 0;
      for (int j = 0; j < a.length; j++) {
        assertThat(a[i][j]).isGreaterThanOrEqualTo(0);
        row += a[i][j];
        column += a[j][i];
      }
      assertThat(row).as("row %d", i).isCloseTo(1, within(tolerance));
      assertThat(column).as("column %d", i).isCloseTo(1, within(tolerance));
    }
  }

  @Test
  void normlinSinkhornIsDoublyStochasticAndIsSinkhornOfLogSoftplusW() {
    try (OLinearModel model = model(config(mixer("normlin-sinkhorn", Map.of("iterations", 101)), N), 3);
        NDManager batch = model.manager().newSubManager()) {
      double[][] a = matrix(model.mixingMatrix(0, tokens(batch, 2, 1), false), N);
      assertDoublyStochastic(a, 1e-5);
      // by hand, in double: X = log softplus(W), then 101 alternating row / column log-normalisations
      double[][] x = weight(model);
      for (double[] row : x) {
        for (int j = 0; j < N; j++) {
          row[j] = Math.log(Math.log1p(Math.exp(row[j])));
        }
      }
      for (int t = 0; t < 101; t++) {
        for (int i = 0; i < N; i++) {
          double sum = 0;
          for (int j = 0; j < N; j++) {
            sum += t % 2 == 0 ? Math.exp(x[i][j]) : Math.exp(x[j][i]);
          }
          for (int j = 0; j < N; j++) {
            if (t % 2 == 0) {
              x[i][j] -= Math.log(sum);
            } else {
              x[j][i] -= Math.log(sum);
            }
          }
        }
      }
      for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
          assertThat(a[i][j]).as("A[%d][%d]", i, j).isCloseTo(Math.exp(x[i][j]), within(1e-5));
        }
      }
    }
  }

  @Test
  void normlinSinkhornDefaultsToThreeIterations() {
    assertThat(mixer("normlin-sinkhorn", Map.of()).parameterValues()).containsEntry("iterations", 3);
  }

  @Test
  void normlinQrIsOrthostochasticWithTheFirstColumnOfTheSpec() {
    try (OLinearModel model = model(config(mixer("normlin-qr", Map.of()), N), 4);
        NDManager batch = model.manager().newSubManager()) {
      double[][] a = matrix(model.mixingMatrix(0, tokens(batch, 2, 1), false), N);
      assertDoublyStochastic(a, 1e-5);
      // attention.md §3b property 4: A[:, 0] = M[:, 0]² / ‖M[:, 0]‖² with M = W
      double[][] w = weight(model);
      double norm = 0;
      for (int i = 0; i < N; i++) {
        norm += w[i][0] * w[i][0];
      }
      for (int i = 0; i < N; i++) {
        assertThat(a[i][0]).isCloseTo(w[i][0] * w[i][0] / norm, within(1e-5));
      }
    }
  }

  @Test
  void softmaxMixerIsRowStochasticAndInputDependentWhileNormlinIsNot() {
    try (OLinearModel model = model(config(mixer("softmax", Map.of()), N), 5);
        NDManager batch = model.manager().newSubManager()) {
      NDArray a1 = model.mixingMatrix(0, tokens(batch, 2, 1), false);
      NDArray a2 = model.mixingMatrix(0, tokens(batch, 2, 2), false);
      assertThat(a1.getShape()).isEqualTo(new Shape(2, OLinearMixer.DEFAULT_HEADS, N, N));
      float[] rows = a1.sum(new int[] {-1}).toFloatArray();
      for (float r : rows) {
        assertThat(r).isCloseTo(1f, within(1e-5f));
      }
      assertThat(a1.sub(a2).abs().max().getFloat()).isGreaterThan(1e-3f);
    }
    try (OLinearModel model = model(config(OLinearMixer.DEFAULT, N), 5);
        NDManager batch = model.manager().newSubManager()) {
      NDArray a1 = model.mixingMatrix(0, tokens(batch, 2, 1), false);
      NDArray a2 = model.mixingMatrix(0, tokens(batch, 2, 2), false);
      assertThat(a1.getShape()).isEqualTo(new Shape(N, N));
      assertThat(a1.toFloatArray()).containsExactly(a2.toFloatArray());
    }
  }

  @Test
  void parameterCountsAreNormlinsWithTheMixersOwnParameters() {
    long normlin = config(OLinearMixer.DEFAULT, 4).parameterCount();
    // per layer (1 here): an attention mixer drops W (N² = 16) and adds q/k projections 2·(32² + 32) = 2112
    long attention = normlin - 16 + 2112;
    Map<String, Long> expected = new java.util.LinkedHashMap<>();
    expected.put("normlin", normlin);
    expected.put("normlin-sinkhorn", normlin);
    expected.put("normlin-qr", normlin);
    expected.put("softmax", attention);
    expected.put("sinkhorn", attention);
    expected.put("qr", attention);
    expected.put("qontot", attention); // fixed angles by default
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      OLinearConfig c = config(e.getKey().equals("normlin") ? OLinearMixer.DEFAULT : mixer(e.getKey(), Map.of()), 4);
      assertThat(c.parameterCount()).as(e.getKey()).isEqualTo(e.getValue());
      try (OLinearModel model = model(c, 1)) {
        assertThat(model.parameterCount()).as(e.getKey()).isEqualTo(e.getValue());
      }
    }
    OLinearConfig trainable = config(mixer("qontot", Map.of("mode", "trainable")), 4);
    try (OLinearModel model = model(trainable, 1)) {
      assertThat(trainable.parameterCount()).isGreaterThan(attention);
      assertThat(model.parameterCount()).isEqualTo(trainable.parameterCount());
    }
  }

  @Test
  void gradientsReachWAndTheQueryKeyProjections() {
    for (String name : List.of("normlin-sinkhorn", "normlin-qr")) {
      Map<String, Float> g = gradients(mixer(name, Map.of()));
      assertThat(g.entrySet().stream().filter(e -> e.getKey().contains("norm_lin")).toList())
          .as(name).hasSize(1).allSatisfy(e -> assertThat(e.getValue()).isGreaterThan(0f));
    }
    for (String name : List.of("softmax", "sinkhorn", "qr")) {
      Map<String, Float> g = gradients(mixer(name, Map.of()));
      assertThat(g.entrySet().stream()
          .filter(e -> (e.getKey().contains("query_projection") || e.getKey().contains("key_projection"))
              && e.getKey().endsWith("weight")).toList())
          .as(name).hasSize(2).allSatisfy(e -> assertThat(e.getValue()).isGreaterThan(0f));
    }
  }

  /** The largest absolute gradient of each parameter after one backward pass. */
  private static Map<String, Float> gradients(OLinearMixer mixer) {
    Map<String, Float> out = new java.util.LinkedHashMap<>();
    try (OLinearModel model = model(config(mixer, N), 11);
        NDManager batch = model.manager().newSubManager()) {
      NDArray x = batch.create(OLinearNetworkTest.randomInput(3, T, N, 7), new Shape(3, T, N));
      NDArray y = batch.randomNormal(new Shape(3, TAU, N));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(model.forward(x, true).sub(y).square().mean());
      }
      for (int i = 0; i < model.parameters().size(); i++) {
        out.put(model.parameterNames().get(i),
            model.parameters().get(i).getArray().getGradient().abs().max().getFloat());
      }
    }
    return out;
  }

  private static Settings settings(Map<String, Object> given) {
    return new OLinearType().settings().resolve(given);
  }

  @Test
  void unsuitableMixersAreRefusedWithTheSizesThatWork() {
    OLinearType type = new OLinearType();
    assertThatThrownBy(() -> type.checkSettings(settings(Map.of("mixer", "qontot")), "x.csv", T, TAU, 7))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("mixer 'qontot' of model type 'olinear' works only with 4, 8 or 16 variates (one token per "
            + "column): these data have 7 columns");
    type.checkSettings(settings(Map.of("mixer", "qontot")), "x.csv", T, TAU, 8);
    assertThatThrownBy(() -> type.checkSettings(settings(Map.of("iterations", 5)), "x.csv", T, TAU, 7))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("setting 'iterations'").hasMessageContaining("mixer 'normlin' has no operator");
    assertThatThrownBy(() -> type.checkSettings(settings(Map.of("mixer", "normlin-qr", "iterations", 5)), "x.csv", T,
        TAU, 7))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("'qr' has no parameter 'iterations'");
    assertThatThrownBy(() -> type.checkSettings(settings(Map.of("mixer", "softmax", "nHeads", 3)), "x.csv", T, TAU,
        7))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("'nHeads'").hasMessageContaining("must divide dModel 128");
    assertThatThrownBy(() -> type.checkSettings(settings(Map.of("mixer", "normlin-qr", "nHeads", 2)), "x.csv", T,
        TAU, 7))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("applies only to an attention mixer");
  }

  @Test
  void settingsPickTheMixerAndItsOperatorParameters() {
    OLinearSettings s = OLinearType.resolve(settings(Map.of("mixer", "normlin-sinkhorn", "iterations", 21)), "x.csv",
        TAU, 1);
    assertThat(s.mixer()).isEqualTo("normlin-sinkhorn");
    assertThat(s.nHeads()).isNull();
    assertThat(s.mixerParameters()).containsEntry("iterations", 21).containsKeys("eps");
    OLinearSettings plain = OLinearType.resolve(settings(Map.of()), "x.csv", TAU, 1);
    assertThat(plain.mixer()).isEqualTo("normlin");
    assertThat(plain.mixerParameters()).isEmpty();
    assertThat(plain.modelConfig(T, TAU, 3)).isEqualTo(
        OLinearPresets.fast().modelConfig(T, TAU, 3));
    OLinearSettings attention = OLinearType.resolve(settings(Map.of("mixer", "sinkhorn")), "x.csv", TAU, 1);
    assertThat(attention.nHeads()).isEqualTo(OLinearMixer.DEFAULT_HEADS);
    assertThat(attention.variateMixer().dataDependent()).isTrue();
  }
}
