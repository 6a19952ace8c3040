package io.forecast.forecasting.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The four forward passes against hand-derived values and invariances. */
class LinearNetworkTest {

  private static LinearConfig config(LinearVariant v, int t, int tau, int n, boolean individual) {
    return new LinearConfig(v, t, tau, n, individual, v == LinearVariant.DLINEAR ? 5 : 0,
        v == LinearVariant.RLINEAR ? 0.3 : 0.0);
  }

  /** Replaces the one parameter whose name ends with {@code suffix}. */
  private static void set(LinearModel model, float[][] values, String suffix, float[] replacement) {
    List<Integer> hits = new ArrayList<>();
    for (int i = 0; i < model.parameterNames().size(); i++) {
      if (model.parameterNames().get(i).endsWith(suffix)) {
        hits.add(i);
      }
    }
    assertThat(hits).as("parameters ending with " + suffix + " in " + model.parameterNames()).hasSize(1);
    assertThat(replacement).hasSameSizeAs(values[hits.get(0)]);
    values[hits.get(0)] = replacement;
  }

  /** {@code copies} stacked T×T identity matrices. */
  private static float[] identities(int t, int copies) {
    float[] eye = new float[copies * t * t];
    for (int c = 0; c < copies; c++) {
      for (int i = 0; i < t; i++) {
        eye[c * t * t + i * t + i] = 1;
      }
    }
    return eye;
  }

  private static float[] gaussian(int size, long seed, double mean, double std) {
    Random random = new Random(seed);
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) (mean + std * random.nextGaussian());
    }
    return x;
  }

  @ParameterizedTest(name = "individual={0}")
  @ValueSource(booleans = {false, true})
  void linearIsAMatrixProductAlongTime(boolean individual) {
    int b = 2;
    int t = 3;
    int tau = 2;
    int n = 2;
    try (LinearModel model = LinearModel.create(config(LinearVariant.LINEAR, t, tau, n, individual), 1)) {
      float[] w = individual
          ? new float[] {1, 2, 3, -1, 0, 1, /* variate 1: */ 0.5f, 0, 0, 0, 0, 2}
          : new float[] {1, 2, 3, -1, 0, 1};
      float[] bias = individual ? new float[] {10, 20, -1, -2} : new float[] {10, 20};
      float[][] p = model.snapshot();
      set(model, p, "linear_weight", w);
      set(model, p, "linear_bias", bias);
      model.restore(p);
      float[] x = {1, 4, 2, 5, 3, 6, /* sample 1: */ -1, 0, 0, 1, 2, -2}; // [b][t][n]
      float[] got = model.predict(x, b);
      float[] expected = new float[b * tau * n];
      for (int s = 0; s < b; s++) {
        for (int k = 0; k < tau; k++) {
          for (int c = 0; c < n; c++) {
            int off = individual ? c * tau * t : 0;
            double sum = bias[(individual ? c * tau : 0) + k];
            for (int i = 0; i < t; i++) {
              sum += w[off + k * t + i] * x[(s * t + i) * n + c];
            }
            expected[(s * tau + k) * n + c] = (float) sum;
          }
        }
      }
      assertThat(got).containsExactly(expected, within(1e-5f));
      // sample 0, step 0, variate 0: 1·1 + 2·2 + 3·3 + 10 = 24 either way; variate 1: shared
      // 1·4 + 2·5 + 3·6 + 10 = 42, individual 0.5·4 − 1 = 1
      assertThat(got[0]).isEqualTo(24f);
      assertThat(got[1]).isEqualTo(individual ? 1f : 42f);
    }
  }

  @ParameterizedTest(name = "individual={0}")
  @ValueSource(booleans = {false, true})
  void dlinearWithAverageWeightsForecastsTheMean(boolean individual) {
    int b = 2;
    int t = 8;
    int tau = 3;
    int n = 3;
    try (LinearModel model = LinearModel.create(config(LinearVariant.DLINEAR, t, tau, n, individual), 5)) {
      float[][] p = model.snapshot();
      float average = (float) (1.0 / t);
      int copies = individual ? n : 1;
      float[] expectedWeight = new float[copies * tau * t];
      Arrays.fill(expectedWeight, average);
      float bound = (float) (1 / Math.sqrt(t));
      for (int i = 0; i < p.length; i++) {
        String name = model.parameterNames().get(i);
        if (name.endsWith("_weight")) {
          assertThat(p[i]).as(name).containsExactly(expectedWeight);
        } else {
          assertThat(p[i]).as(name).hasSize(copies * tau);
          for (float v : p[i]) {
            assertThat(Math.abs(v)).as(name).isLessThanOrEqualTo(bound);
          }
          assertThat(p[i]).as(name + " is random, not zero").isNotEqualTo(new float[copies * tau]);
        }
      }
      set(model, p, "seasonal_bias", new float[copies * tau]);
      set(model, p, "trend_bias", new float[copies * tau]);
      model.restore(p);
      float[] x = gaussian(b * t * n, 11, 0.5, 2);
      float[] got = model.predict(x, b);
      for (int s = 0; s < b; s++) {
        for (int c = 0; c < n; c++) {
          double mean = 0;
          for (int i = 0; i < t; i++) {
            mean += x[(s * t + i) * n + c];
          }
          mean /= t;
          for (int k = 0; k < tau; k++) {
            assertThat((double) got[(s * tau + k) * n + c]).isCloseTo(mean, within(1e-5));
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "individual={0}")
  @ValueSource(booleans = {false, true})
  void nlinearWithTheIdentityReturnsItsInputExactly(boolean individual) {
    int t = 6;
    int n = 2;
    try (LinearModel model = LinearModel.create(config(LinearVariant.NLINEAR, t, t, n, individual), 2)) {
      float[][] p = model.snapshot();
      set(model, p, "linear_weight", identities(t, individual ? n : 1));
      set(model, p, "linear_bias", new float[(individual ? n : 1) * t]);
      model.restore(p);
      float[] x = new float[3 * t * n];
      Random random = new Random(4);
      for (int i = 0; i < x.length; i++) {
        x[i] = (random.nextInt(4096) - 2048) / 256f; // dyadic: x − last + last is exact
      }
      assertThat(model.predict(x, 3)).containsExactly(x);
    }
  }

  @ParameterizedTest(name = "individual={0}")
  @ValueSource(booleans = {false, true})
  void nlinearIsTranslationEquivariant(boolean individual) {
    int t = 12;
    int tau = 5;
    int n = 3;
    try (LinearModel model = LinearModel.create(config(LinearVariant.NLINEAR, t, tau, n, individual), 3)) {
      float[] x = gaussian(2 * t * n, 5, 0, 1);
      float c = 3.75f;
      float[] shifted = x.clone();
      for (int i = 0; i < shifted.length; i++) {
        shifted[i] += c;
      }
      float[] base = model.predict(x, 2);
      float[] moved = model.predict(shifted, 2);
      for (int i = 0; i < base.length; i++) {
        assertThat(moved[i]).isCloseTo(base[i] + c, within(1e-5f));
      }
    }
  }

  @ParameterizedTest(name = "individual={0}")
  @ValueSource(booleans = {false, true})
  void rlinearWithTheIdentityReturnsItsInput(boolean individual) {
    int t = 10;
    int n = 3;
    try (LinearModel model = LinearModel.create(config(LinearVariant.RLINEAR, t, t, n, individual), 4)) {
      float[][] p = model.snapshot();
      set(model, p, "revin_affine_weight", new float[] {1, 1, 1});
      set(model, p, "revin_affine_bias", new float[n]);
      set(model, p, "linear_weight", identities(t, individual ? n : 1));
      set(model, p, "linear_bias", new float[(individual ? n : 1) * t]);
      model.restore(p);
      float[] x = gaussian(2 * t * n, 6, 1.5, 3);
      assertThat(model.predict(x, 2)).containsExactly(x, within(1e-5f));
    }
  }

  @ParameterizedTest(name = "individual={0}")
  @ValueSource(booleans = {false, true})
  void rlinearIsScaleAndShiftEquivariant(boolean individual) {
    int t = 16;
    int tau = 7;
    int n = 3;
    try (LinearModel model = LinearModel.create(config(LinearVariant.RLINEAR, t, tau, n, individual), 5)) {
      float[][] p = model.snapshot();
      set(model, p, "revin_affine_weight", new float[] {0.7f, 1.3f, 1.1f});
      set(model, p, "revin_affine_bias", new float[] {0.2f, -0.4f, 0.1f});
      model.restore(p);
      float[] x = gaussian(2 * t * n, 7, 0, 1);
      float a = 2.5f;
      float c = -4f;
      float[] transformed = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        transformed[i] = a * x[i] + c;
      }
      float[] base = model.predict(x, 2);
      float[] moved = model.predict(transformed, 2);
      for (int i = 0; i < base.length; i++) {
        assertThat(moved[i]).isCloseTo(a * base[i] + c, within(1e-4f));
      }
    }
  }

  @Test
  void parameterCountsFollowTheArchitecture() {
    int t = 24;
    int tau = 12;
    int n = 5;
    long shared = (long) tau * t + tau;
    long[][] expected = {
      {shared, n * shared}, // linear
      {shared, n * shared}, // nlinear
      {2 * shared, 2 * n * shared}, // dlinear
      {shared + 2 * n, n * shared + 2 * n} // rlinear
    };
    for (LinearVariant v : LinearVariant.values()) {
      for (int k = 0; k < 2; k++) {
        try (LinearModel model = LinearModel.create(config(v, t, tau, n, k == 1), 1)) {
          assertThat(model.parameterCount()).as(v + " individual=" + (k == 1)).isEqualTo(expected[v.ordinal()][k]);
        }
      }
    }
  }

  @Test
  void dropoutActsOnlyWhileTraining() {
    try (LinearModel model = LinearModel.create(config(LinearVariant.RLINEAR, 8, 4, 2, false), 6);
        ai.djl.ndarray.NDManager scope = model.manager().newSubManager()) {
      float[] x = gaussian(4 * 8 * 2, 8, 0, 1);
      ai.djl.ndarray.NDArray input = scope.create(x, new ai.djl.ndarray.types.Shape(4, 8, 2));
      float[] eval = model.forward(input, false).toFloatArray();
      assertThat(eval).containsExactly(model.predict(x, 4));
      assertThat(model.forward(input, true).toFloatArray()).isNotEqualTo(eval);
    }
  }
}
