package io.forecast.attention.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.reference.ReferenceResult;
import java.util.Random;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;

/**
 * Shared checks of an attention operator against its float64 oracle: forward parity and autograd
 * gradients against central finite differences of the oracle. One head, one sample ({@code [1, 1, N, d]}).
 */
public final class OperatorChecks {
  private OperatorChecks() {}

  /** A seeded standard-normal matrix. */
  public static DMatrixRMaj gaussian(long seed, int rows, int cols) {
    Random rnd = new Random(seed);
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = rnd.nextGaussian();
    }
    return m;
  }

  /** {@code m} as a {@code [1, 1, rows, cols]} array of {@code type}. */
  public static NDArray toNd(NDManager manager, DMatrixRMaj m, DataType type) {
    return manager.create(m.data, new Shape(1, 1, m.numRows, m.numCols)).toType(type, false);
  }

  /** A {@code [.., rows, cols]} array with one leading element as a float64 matrix. */
  public static DMatrixRMaj toMatrix(NDArray a) {
    Shape s = a.getShape();
    int rows = (int) s.get(s.dimension() - 2);
    int cols = (int) s.getLastDimension();
    return new DMatrixRMaj(rows, cols, true, a.toType(DataType.FLOAT64, false).toDoubleArray());
  }

  /** A {@code [1, 1, N, M]} boolean mask. */
  public static NDArray mask(NDManager manager, boolean[][] keep) {
    int n = keep.length;
    int m = keep[0].length;
    boolean[] flat = new boolean[n * m];
    for (int i = 0; i < n; i++) {
      System.arraycopy(keep[i], 0, flat, i * m, m);
    }
    return manager.create(flat, new Shape(1, 1, n, m));
  }

  /** Largest absolute entry-wise difference. */
  public static double maxAbsDiff(DMatrixRMaj a, DMatrixRMaj b) {
    assertThat(a.numRows).isEqualTo(b.numRows);
    assertThat(a.numCols).isEqualTo(b.numCols);
    double max = 0;
    for (int i = 0; i < a.data.length; i++) {
      max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
    }
    return max;
  }

  /**
   * The DJL forward (output and, when the operator has one, the mixing matrix) equals the oracle within
   * {@code tolerance} (absolute, entry-wise).
   */
  public static void assertForwardMatchesReference(AttentionOperator op, ReferenceOperator ref, DMatrixRMaj q,
      DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep, DataType type, double tolerance) {
    ReferenceResult expected = ref.apply(q, k, v, keep);
    try (NDManager m = NDManager.newBaseManager()) {
      AttentionResult got = op.apply(toNd(m, q, type), toNd(m, k, type), toNd(m, v, type),
          keep == null ? null : mask(m, keep), true);
      assertThat(maxAbsDiff(toMatrix(got.output()), expected.output())).as(op.name() + " output, " + type)
          .isLessThanOrEqualTo(tolerance);
      if (op.hasWeights() && expected.weights() != null) {
        assertThat(got.weights()).as(op.name() + " weights returned").isNotNull();
        assertThat(maxAbsDiff(toMatrix(got.weights()), expected.weights())).as(op.name() + " weights, " + type)
            .isLessThanOrEqualTo(tolerance);
      }
    }
  }

  /**
   * DJL autograd gradients of {@code L = Σ O ∘ G} (G a fixed random matrix) with respect to Q, K and V
   * equal central finite differences of the oracle's L (step {@code h}); the relative error
   * {@code ‖g_djl − g_fd‖ / ‖g_fd‖} of each is below {@code tolerance}.
   */
  public static void assertGradientsMatchFiniteDifferences(AttentionOperator op, ReferenceOperator ref,
      DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[][] keep, DataType type, double h, double tolerance) {
    DMatrixRMaj g = gaussian(99, q.numRows, v.numCols);
    Function<DMatrixRMaj[], Double> loss = in -> {
      DMatrixRMaj o = ref.apply(in[0], in[1], in[2], keep).output();
      double s = 0;
      for (int i = 0; i < o.data.length; i++) {
        s += o.data[i] * g.data[i];
      }
      return s;
    };
    DMatrixRMaj[] inputs = {q.copy(), k.copy(), v.copy()};
    String[] names = {"Q", "K", "V"};
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] nd = new NDArray[3];
      for (int i = 0; i < 3; i++) {
        nd[i] = toNd(m, inputs[i], type);
        nd[i].setRequiresGradient(true);
      }
      try (GradientCollector collector = m.getEngine().newGradientCollector()) {
        NDArray out = op.output(nd[0], nd[1], nd[2], keep == null ? null : mask(m, keep));
        NDArray l = out.mul(toNd(m, g, type)).sum();
        collector.backward(l);
      }
      for (int which = 0; which < 3; which++) {
        DMatrixRMaj autograd = toMatrix(nd[which].getGradient());
        DMatrixRMaj fd = new DMatrixRMaj(inputs[which].numRows, inputs[which].numCols);
        for (int e = 0; e < fd.data.length; e++) {
          double x = inputs[which].data[e];
          inputs[which].data[e] = x + h;
          double plus = loss.apply(inputs);
          inputs[which].data[e] = x - h;
          double minus = loss.apply(inputs);
          inputs[which].data[e] = x;
          fd.data[e] = (plus - minus) / (2 * h);
        }
        double num = 0;
        double den = 0;
        for (int e = 0; e < fd.data.length; e++) {
          num += Math.pow(autograd.data[e] - fd.data[e], 2);
          den += fd.data[e] * fd.data[e];
        }
        double rel = Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
        assertThat(rel).as(op.name() + " d" + names[which] + " relative error, " + type)
            .isLessThan(tolerance);
      }
    }
  }

  /**
   * Gradients of {@code Σ O} with respect to Q, K and V; with {@code collectGarbage}, the JVM collects
   * garbage between the forward and the backward pass (DJL 0.36 keeps Java buffers of Number operands
   * referenced from the autograd graph: a collection then corrupts the gradients).
   */
  public static DMatrixRMaj[] gradientsOfSum(AttentionOperator op, DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, DataType type,
      boolean collectGarbage) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] in = {toNd(m, q, type), toNd(m, k, type), toNd(m, v, type)};
      for (NDArray x : in) {
        x.setRequiresGradient(true);
      }
      try (GradientCollector gc = m.getEngine().newGradientCollector()) {
        NDArray out = op.output(in[0], in[1], in[2], null);
        if (collectGarbage) {
          for (int i = 0; i < 3; i++) {
            System.gc();
          }
        }
        gc.backward(out.sum());
      }
      DMatrixRMaj[] g = new DMatrixRMaj[3];
      for (int w = 0; w < 3; w++) {
        g[w] = toMatrix(in[w].getGradient());
      }
      return g;
    }
  }

}
