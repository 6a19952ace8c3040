package io.forecast.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Properties of softmax attention (spec attention.md §1), checked in float64 against EJML. */
class SoftmaxAttentionTest {
  private static final int N = 5;
  private static final int D = 3;

  private static double[] random(Random rnd, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
    }
    return x;
  }

  /** Independent reference: softmax(QKᵀ/√d)V in EJML, float64. */
  private static DMatrixRMaj reference(double[] q, double[] k, double[] v) {
    DMatrixRMaj s = new DMatrixRMaj(N, N);
    CommonOps_DDRM.multTransB(new DMatrixRMaj(N, D, true, q), new DMatrixRMaj(N, D, true, k), s);
    for (int i = 0; i < N; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < N; j++) {
        max = Math.max(max, s.get(i, j) / Math.sqrt(D));
      }
      double sum = 0;
      for (int j = 0; j < N; j++) {
        double e = Math.exp(s.get(i, j) / Math.sqrt(D) - max);
        s.set(i, j, e);
        sum += e;
      }
      for (int j = 0; j < N; j++) {
        s.set(i, j, s.get(i, j) / sum);
      }
    }
    DMatrixRMaj o = new DMatrixRMaj(N, D);
    CommonOps_DDRM.mult(s, new DMatrixRMaj(N, D, true, v), o);
    return o;
  }

  @Test
  void rowsSumToOneAndMatchTheReference() {
    Random rnd = new Random(7);
    double[] q = random(rnd, N * D);
    double[] k = random(rnd, N * D);
    double[] v = random(rnd, N * D);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = SoftmaxAttention.weights(m.create(q, new Shape(N, D)), m.create(k, new Shape(N, D)), null);
      double[] rowSums = a.sum(new int[] {1}).toDoubleArray();
      for (double s : rowSums) {
        assertThat(s).isCloseTo(1.0, within(1e-12));
      }
      assertThat(a.min().getDouble()).isGreaterThanOrEqualTo(0.0);
      double[] o = SoftmaxAttention.apply(m.create(q, new Shape(N, D)), m.create(k, new Shape(N, D)),
          m.create(v, new Shape(N, D)), null).toDoubleArray();
      assertThat(o).containsExactly(reference(q, k, v).data, within(1e-12));
    }
  }

  @Test
  void shiftInvariantZeroQueryUniformAndMaskedKeysGetZero() {
    Random rnd = new Random(3);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray k = m.create(random(rnd, N * D), new Shape(N, D));
      NDArray v = m.create(random(rnd, N * D), new Shape(N, D));
      NDArray q = m.create(random(rnd, N * D), new Shape(N, D));
      // large scores do not overflow
      NDArray big = SoftmaxAttention.weights(q.mul(1000), k, null);
      assertThat(big.isNaN().any().getBoolean()).isFalse();
      // Q = 0: uniform weights, every output row is the mean of V
      NDArray o = SoftmaxAttention.apply(q.zerosLike(), k, v, null);
      assertThat(o.toDoubleArray()).containsExactly(v.mean(new int[] {0}).tile(new long[] {N, 1}).toDoubleArray(), within(1e-12));
      // masked keys get exactly 0; a fully masked row gets zeros, not NaN
      boolean[] keep = new boolean[N * N];
      for (int i = 0; i < N - 1; i++) {
        for (int j = 0; j <= i; j++) {
          keep[i * N + j] = true;
        }
      }
      NDArray a = SoftmaxAttention.weights(q, k, m.create(keep, new Shape(N, N)));
      double[] w = a.toDoubleArray();
      for (int i = 0; i < N * N; i++) {
        if (!keep[i]) {
          assertThat(w[i]).isEqualTo(0.0);
        }
      }
      assertThat(a.get(N - 1).sum().getDouble()).isEqualTo(0.0);
      assertThat(a.get(0).sum().getDouble()).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void autogradMatchesFiniteDifferencesOfTheReference() {
    Engine.getInstance().setRandomSeed(1);
    Random rnd = new Random(11);
    double[] q = random(rnd, N * D);
    double[] k = random(rnd, N * D);
    double[] v = random(rnd, N * D);
    double[] r = random(rnd, N * D); // loss = Σ O ∘ R
    double[][] grads = new double[3][];
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] in = {m.create(q, new Shape(N, D)), m.create(k, new Shape(N, D)), m.create(v, new Shape(N, D))};
      for (NDArray x : in) {
        x.setRequiresGradient(true);
      }
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = SoftmaxAttention.apply(in[0], in[1], in[2], null).mul(m.create(r, new Shape(N, D))).sum();
        gc.backward(loss);
      }
      for (int t = 0; t < 3; t++) {
        assertThat(in[t].getGradient().getDataType()).isEqualTo(DataType.FLOAT64);
        grads[t] = in[t].getGradient().toDoubleArray();
      }
    }
    double h = 1e-6;
    double[][] inputs = {q, k, v};
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < N * D; i++) {
        double keepValue = inputs[t][i];
        inputs[t][i] = keepValue + h;
        double up = dot(reference(q, k, v).data, r);
        inputs[t][i] = keepValue - h;
        double down = dot(reference(q, k, v).data, r);
        inputs[t][i] = keepValue;
        double fd = (up - down) / (2 * h);
        assertThat(grads[t][i]).as("input %d element %d", t, i).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
