package io.forecast.forecasting.olinear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.forecast.forecasting.nn.NativeEngine;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The folds of {@link InferenceFolds} against their definitions written out index by index in float64
 * (sums over the step-by-step pass's indices, no matrix product of the library): sizes chosen so that
 * no two axes have the same length, and so a transposed or mis-ordered index cannot pass.
 */
class InferenceFoldsTest {
  private static final int D = 2;
  private static final int TAU = 3;
  private static final int D_MODEL = 4;
  private static final int D_FF = 5;
  private static final int N = 6;
  private static final int T = 7;

  private static double[] random(Random r, int size) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      x[i] = r.nextGaussian();
    }
    return x;
  }

  private static NDArray array(NDManager m, double[] values, long... shape) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return m.create(f, new Shape(shape));
  }

  /** float32-rounded copies, so the oracle sees exactly the values the fold sees */
  private static double[] rounded(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  @Test
  void headFoldIsOutputLinearThenQoutThenShiftThenFlattenThenFcUp() {
    Random r = new Random(1);
    double[] wOut = rounded(random(r, TAU * D * D_MODEL)); // [τ·D, d_model], row d·τ + s
    double[] bOut = rounded(random(r, TAU * D));
    double[] q = rounded(random(r, TAU * TAU)); // y = u·Q
    double[] delta2 = rounded(random(r, N * TAU));
    double[] wUp = rounded(random(r, D_FF * TAU * D)); // [d_ff, τ·D], column t·D + d
    double[] bUp = rounded(random(r, D_FF));
    double[] h = rounded(random(r, N * D_MODEL)); // one window's tokens
    // the step-by-step pass in float64, for the tokens h: hidden[n, f] before GELU
    double[][] expected = new double[N][D_FF];
    for (int n = 0; n < N; n++) {
      double[] u = new double[TAU * D];
      for (int row = 0; row < TAU * D; row++) {
        u[row] = bOut[row];
        for (int k = 0; k < D_MODEL; k++) {
          u[row] += wOut[row * D_MODEL + k] * h[n * D_MODEL + k];
        }
      }
      double[] flat = new double[TAU * D];
      for (int d = 0; d < D; d++) {
        for (int t = 0; t < TAU; t++) {
          double y = delta2[n * TAU + t];
          for (int s = 0; s < TAU; s++) {
            y += u[d * TAU + s] * q[s * TAU + t];
          }
          flat[t * D + d] = y;
        }
      }
      for (int f = 0; f < D_FF; f++) {
        expected[n][f] = bUp[f];
        for (int c = 0; c < TAU * D; c++) {
          expected[n][f] += wUp[f * TAU * D + c] * flat[c];
        }
      }
    }
    try (NDManager m = NativeEngine.get().newBaseManager()) {
      NDArray[] fold = InferenceFolds.head(m, array(m, wOut, TAU * D, D_MODEL), array(m, bOut, TAU * D),
          array(m, q, TAU, TAU), array(m, delta2, N, TAU), array(m, wUp, D_FF, TAU * D), array(m, bUp, D_FF), D);
      assertThat(fold[0].getShape()).isEqualTo(new Shape(D_FF, D_MODEL));
      assertThat(fold[1].getShape()).isEqualTo(new Shape(N, D_FF));
      float[] k = fold[0].toFloatArray();
      float[] b = fold[1].toFloatArray();
      for (int n = 0; n < N; n++) {
        for (int f = 0; f < D_FF; f++) {
          double folded = b[n * D_FF + f];
          for (int c = 0; c < D_MODEL; c++) {
            folded += (double) k[f * D_MODEL + c] * h[n * D_MODEL + c];
          }
          assertThat(folded).as("n=%d f=%d", n, f).isCloseTo(expected[n][f], within(1e-5));
        }
      }
    }
  }

  @Test
  void mixingFoldIsValueProjectionThenMixingThenOutputProjection() {
    Random r = new Random(2);
    double[] a = rounded(random(r, N * N)); // not row-stochastic: the fold must not rely on it
    double[] wv = rounded(random(r, D_MODEL * D_MODEL));
    double[] bv = rounded(random(r, D_MODEL));
    double[] wo = rounded(random(r, D_MODEL * D_MODEL));
    double[] bo = rounded(random(r, D_MODEL));
    double[] h = rounded(random(r, N * D_MODEL));
    double[] v = new double[N * D_MODEL];
    for (int n = 0; n < N; n++) {
      for (int o = 0; o < D_MODEL; o++) {
        v[n * D_MODEL + o] = bv[o];
        for (int i = 0; i < D_MODEL; i++) {
          v[n * D_MODEL + o] += wv[o * D_MODEL + i] * h[n * D_MODEL + i];
        }
      }
    }
    try (NDManager m = NativeEngine.get().newBaseManager()) {
      NDArray[] fold = InferenceFolds.mixing(m, array(m, a, N, N), array(m, wv, D_MODEL, D_MODEL),
          array(m, bv, D_MODEL), array(m, wo, D_MODEL, D_MODEL), array(m, bo, D_MODEL));
      float[] w = fold[0].toFloatArray();
      float[] c = fold[1].toFloatArray();
      for (int n = 0; n < N; n++) {
        for (int o = 0; o < D_MODEL; o++) {
          double expected = bo[o];
          double folded = c[n * D_MODEL + o];
          for (int i = 0; i < D_MODEL; i++) {
            double mixedV = 0; // (A·V)[n, i]
            double mixedH = 0; // (A·h)[n, i]
            for (int j = 0; j < N; j++) {
              mixedV += a[n * N + j] * v[j * D_MODEL + i];
              mixedH += a[n * N + j] * h[j * D_MODEL + i];
            }
            expected += wo[o * D_MODEL + i] * mixedV;
            folded += (double) w[o * D_MODEL + i] * mixedH;
          }
          assertThat(folded).as("n=%d o=%d", n, o).isCloseTo(expected, within(1e-4));
        }
      }
    }
  }

  @Test
  void inputFoldIsOrthoTransThenTheShortcutWeight() {
    Random r = new Random(3);
    double[] e = rounded(random(r, D_MODEL * T)); // [d_model, T]
    double[] qT = rounded(random(r, T * T)); // Q_inᵀ: coefficients = x·Q_inᵀ
    double[] x = rounded(random(r, T));
    try (NDManager m = NativeEngine.get().newBaseManager()) {
      float[] w = InferenceFolds.input(m, array(m, e, D_MODEL, T), array(m, qT, T, T)).toFloatArray();
      for (int o = 0; o < D_MODEL; o++) {
        double expected = 0;
        double folded = 0;
        for (int t = 0; t < T; t++) {
          double coefficient = 0;
          for (int s = 0; s < T; s++) {
            coefficient += x[s] * qT[s * T + t];
          }
          expected += e[o * T + t] * coefficient;
          folded += (double) w[o * T + t] * x[t];
        }
        assertThat(folded).as("o=%d", o).isCloseTo(expected, within(1e-5));
      }
    }
  }

  @Test
  void foldsLeaveNothingInTheWeightsManager() {
    try (NDManager weights = NativeEngine.get().newBaseManager();
        NDManager scratch = NativeEngine.get().newBaseManager()) {
      Random r = new Random(4);
      NDArray wv = array(weights, random(r, D_MODEL * D_MODEL), D_MODEL, D_MODEL);
      NDArray bv = array(weights, random(r, D_MODEL), D_MODEL);
      NDArray a = array(weights, random(r, N * N), N, N);
      int before = weights.getManagedArrays().size();
      NDArray[] fold = InferenceFolds.mixing(scratch, a, wv, bv, wv, bv);
      assertThat(weights.getManagedArrays()).hasSize(before);
      assertThat(fold[0].getManager()).isSameAs(scratch);
    }
  }
}
