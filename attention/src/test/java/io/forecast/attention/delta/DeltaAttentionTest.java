package io.forecast.attention.delta;

import static io.forecast.attention.testing.OperatorChecks.gaussian;
import static io.forecast.attention.testing.OperatorChecks.maxAbsDiff;
import static io.forecast.attention.testing.OperatorChecks.toMatrix;
import static io.forecast.attention.testing.OperatorChecks.toNd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.delta.DeltaAttention.Mode;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.attention.softmax.SoftmaxReference;
import io.forecast.attention.testing.OperatorChecks;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Delta attention (spec §4): the §4.5 properties, oracle parity, gradients, registry and shape checks. */
class DeltaAttentionTest {
  static final int N = 13;
  static final int D = 4;
  final DMatrixRMaj q = gaussian(11, N, D);
  final DMatrixRMaj k = gaussian(12, N, D);
  final DMatrixRMaj v = gaussian(13, N, D);

  static DeltaConfig cfg(Mode mode, int window, int sinks, int gamma, int tail, boolean causal) {
    return new DeltaConfig(mode, window, sinks, gamma, tail, causal);
  }

  /** Full softmax attention (the independent softmax oracle), causal or not. */
  static DMatrixRMaj full(DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean causal) {
    return new SoftmaxReference().apply(q, k, v, causal ? causalMask(q.numRows) : null).output();
  }

  static boolean[][] causalMask(int n) {
    boolean[][] keep = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        keep[i][j] = true;
      }
    }
    return keep;
  }

  static double rowDiff(DMatrixRMaj a, DMatrixRMaj b, int row) {
    double max = 0;
    for (int c = 0; c < a.numCols; c++) {
      max = Math.max(max, Math.abs(a.get(row, c) - b.get(row, c)));
    }
    return max;
  }

  static DMatrixRMaj djl(DeltaConfig config, DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, DataType type) {
    try (NDManager m = NDManager.newBaseManager()) {
      return toMatrix(new DeltaAttention(config).output(toNd(m, q, type), toNd(m, k, type), toNd(m, v, type), null));
    }
  }

  @Test
  void gammaOneIsFullAttention() {
    for (boolean causal : new boolean[] {false, true}) {
      DeltaConfig c = cfg(Mode.DELTA, 2, 0, 1, 0, causal);
      DMatrixRMaj expected = full(q, k, v, causal);
      assertThat(maxAbsDiff(new DeltaReference(c).apply(q, k, v, null).output(), expected))
          .as("oracle, causal " + causal).isLessThanOrEqualTo(1e-15);
      assertThat(maxAbsDiff(djl(c, q, k, v, DataType.FLOAT64), expected))
          .as("DJL, causal " + causal).isLessThanOrEqualTo(1e-15);
      // the sparse part alone is far from it, so the equality is the correction's doing
      DMatrixRMaj sparseOnly = new DeltaReference(cfg(Mode.SPARSE_ONLY, 2, 0, 1, 0, causal)).apply(q, k, v, null)
          .output();
      assertThat(maxAbsDiff(sparseOnly, expected)).isGreaterThan(0.05);
    }
  }

  @Test
  void anchorsAndTheTailAreFullAttentionAndTheOtherRowsAreSparsePlusTheAnchorsDelta() {
    int n = 16;
    DMatrixRMaj q16 = gaussian(21, n, D);
    DMatrixRMaj k16 = gaussian(22, n, D);
    DMatrixRMaj v16 = gaussian(23, n, D);
    for (boolean causal : new boolean[] {false, true}) {
      DeltaConfig c = cfg(Mode.DELTA, 2, 1, 4, 0, causal);
      DMatrixRMaj full = full(q16, k16, v16, causal);
      DMatrixRMaj sparse = new DeltaReference(cfg(Mode.SPARSE_ONLY, 2, 1, 4, 0, causal)).apply(q16, k16, v16, null)
          .output();
      // γ = 4, N = 16, tail minimum 0: tail = 0 + max(0, 4) = 4 queries (12..15), anchors 0, 4, 8
      for (DMatrixRMaj o : List.of(new DeltaReference(c).apply(q16, k16, v16, null).output(),
          djl(c, q16, k16, v16, DataType.FLOAT64))) {
        for (int i = 0; i < n; i++) {
          if (i >= 12 || i % 4 == 0) {
            assertThat(rowDiff(o, full, i)).as("dense row %d, causal %s", i, causal).isLessThanOrEqualTo(1e-15);
          } else {
            if (!causal || i >= 3) { // causal rows 0..2 see every earlier key through window 2 and sink 1
              assertThat(rowDiff(o, full, i)).as("corrected row %d differs from full", i).isGreaterThan(1e-4);
            }
            int a = i - i % 4;
            for (int col = 0; col < D; col++) {
              double expected = sparse.get(i, col) + full.get(a, col) - sparse.get(a, col);
              assertThat(Math.abs(o.get(i, col) - expected)).as("row %d, causal %s", i, causal)
                  .isLessThanOrEqualTo(1e-14);
            }
          }
        }
      }
    }
  }

  @Test
  void theTailMinimumIsRoundedUpToWholeGroupsAndAddsTheRemainder() {
    // N = 13, γ = 4, tail minimum 5 → max(5, 4) = 5 rounded up to 8, plus 13 mod 4 = 1: dense from query 4 on
    DeltaConfig c = cfg(Mode.DELTA, 1, 0, 4, 5, false);
    DMatrixRMaj o = new DeltaReference(c).apply(q, k, v, null).output();
    DMatrixRMaj f = full(q, k, v, false);
    DMatrixRMaj d = djl(c, q, k, v, DataType.FLOAT64);
    for (int i = 0; i < N; i++) {
      boolean dense = i == 0 || i >= 4;
      assertThat(rowDiff(o, f, i) <= 1e-15).as("oracle row %d dense", i).isEqualTo(dense);
      assertThat(rowDiff(d, f, i) <= 1e-15).as("DJL row %d dense", i).isEqualTo(dense);
    }
    assertThat(c.sparseQueries(13)).isEqualTo(4);
    assertThat(cfg(Mode.DELTA, 1, 0, 64, 128, false).sparseQueries(1000)).isEqualTo(1000 - (1000 % 64) - 128);
    assertThat(cfg(Mode.DELTA, 1, 0, 8, 0, false).sparseQueries(42)).isEqualTo(32);
    assertThat(cfg(Mode.DELTA, 1, 0, 8, 0, false).sparseQueries(10)).isZero();
  }

  @Test
  void aCoveringWindowMakesTheSparsePartFullAndDeltaZero() {
    for (boolean causal : new boolean[] {false, true}) {
      DMatrixRMaj expected = full(q, k, v, causal);
      for (DeltaConfig c : List.of(cfg(Mode.SPARSE_ONLY, N, 0, 4, 0, causal), cfg(Mode.DELTA, N, 0, 4, 0, causal),
          cfg(Mode.DELTA, 1, N, 4, 0, causal), cfg(Mode.SPARSE_ONLY, 50, 3, 2, 0, causal))) {
        assertThat(maxAbsDiff(new DeltaReference(c).apply(q, k, v, null).output(), expected)).as("oracle " + c)
            .isLessThanOrEqualTo(1e-15);
        assertThat(maxAbsDiff(djl(c, q, k, v, DataType.FLOAT64), expected)).as("DJL " + c).isLessThanOrEqualTo(1e-15);
      }
      // one key short of covering (bidirectional w = N−1 misses the two far corners) is not full
      DMatrixRMaj almost = new DeltaReference(cfg(Mode.SPARSE_ONLY, N - 1, 0, 4, 0, false)).apply(q, k, v, null)
          .output();
      assertThat(maxAbsDiff(almost, full(q, k, v, false))).isGreaterThan(1e-6);
    }
  }

  @Test
  void onSmoothTokensTheErrorGrowsWithGammaAndStaysBelowSparseOnly() {
    // spec §4.5.4: AR(1) latent with ρ = 0.98, N = 512, w = 32, s = 4; tokens X·W with random projections
    int n = 512;
    int width = 16;
    int d = 8;
    Random rnd = new Random(2025);
    DMatrixRMaj x = new DMatrixRMaj(n, width);
    double rho = 0.98;
    for (int t = 0; t < n; t++) {
      for (int c = 0; c < width; c++) {
        double prev = t == 0 ? rnd.nextGaussian() : x.get(t - 1, c);
        x.set(t, c, t == 0 ? prev : rho * prev + Math.sqrt(1 - rho * rho) * rnd.nextGaussian());
      }
    }
    DMatrixRMaj[] qkv = new DMatrixRMaj[3];
    for (int p = 0; p < 3; p++) {
      DMatrixRMaj w = gaussian(300 + p, width, d);
      CommonOps_DDRM.scale(1 / Math.sqrt(width) * (p < 2 ? 2.0 : 1.0), w);
      qkv[p] = new DMatrixRMaj(n, d);
      CommonOps_DDRM.mult(x, w, qkv[p]);
    }
    for (boolean causal : new boolean[] {false, true}) {
      DMatrixRMaj f = full(qkv[0], qkv[1], qkv[2], causal);
      double sparseOnly = relError(new DeltaReference(cfg(Mode.SPARSE_ONLY, 32, 4, 1, 0, causal))
          .apply(qkv[0], qkv[1], qkv[2], null).output(), f);
      double previous = 0;
      StringBuilder seen = new StringBuilder("sparse-only " + sparseOnly);
      for (int gamma : new int[] {2, 8, 32, 64}) {
        double e = relError(new DeltaReference(cfg(Mode.DELTA, 32, 4, gamma, 0, causal))
            .apply(qkv[0], qkv[1], qkv[2], null).output(), f);
        seen.append(", γ=").append(gamma).append(' ').append(e);
        assertThat(e).as("γ = %d, causal %s: %s", gamma, causal, seen).isLessThan(sparseOnly).isGreaterThan(previous);
        previous = e;
      }
      assertThat(sparseOnly).as("the sparse part alone is a poor approximation here").isGreaterThan(0.1);
    }
  }

  static double relError(DMatrixRMaj got, DMatrixRMaj expected) {
    DMatrixRMaj diff = new DMatrixRMaj(got.numRows, got.numCols);
    CommonOps_DDRM.subtract(got, expected, diff);
    return org.ejml.dense.row.NormOps_DDRM.normF(diff) / org.ejml.dense.row.NormOps_DDRM.normF(expected);
  }

  static boolean[][] someMask(int n, long seed) {
    Random rnd = new Random(seed);
    boolean[][] keep = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        keep[i][j] = rnd.nextDouble() < 0.8 && i != 5; // query 5 sees nothing
      }
    }
    return keep;
  }

  static List<DeltaConfig> configs() {
    return List.of(cfg(Mode.DELTA, 3, 1, 4, 0, false), cfg(Mode.DELTA, 3, 1, 4, 0, true),
        cfg(Mode.DELTA, 2, 0, 3, 5, false), cfg(Mode.DELTA, 4, 6, 2, 0, true), cfg(Mode.SPARSE_ONLY, 3, 2, 4, 0, false),
        cfg(Mode.SPARSE_ONLY, 2, 1, 4, 0, true), cfg(Mode.DELTA, 8, 1, 8, 0, false));
  }

  @Test
  void djlForwardEqualsTheOracle() {
    boolean[][] keep = someMask(N, 7);
    for (DeltaConfig c : configs()) {
      DeltaAttention op = new DeltaAttention(c);
      DeltaReference ref = new DeltaReference(c);
      OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, null, DataType.FLOAT64, 1e-12);
      OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, keep, DataType.FLOAT64, 1e-12);
      OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, null, DataType.FLOAT32, 1e-5);
      OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, keep, DataType.FLOAT32, 1e-5);
    }
  }

  @Test
  void batchedHeadsAndABroadcastMaskMatchTheOraclePerHead() {
    int b = 2;
    int h = 3;
    boolean[][] keep = someMask(N, 8);
    DeltaConfig c = cfg(Mode.DELTA, 3, 1, 4, 0, true);
    DeltaReference ref = new DeltaReference(c);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] in = new NDArray[3];
      DMatrixRMaj[][] heads = new DMatrixRMaj[b * h][3];
      for (int p = 0; p < 3; p++) {
        double[] flat = new double[b * h * N * D];
        for (int s = 0; s < b * h; s++) {
          heads[s][p] = gaussian(1000 + 10 * s + p, N, D);
          System.arraycopy(heads[s][p].data, 0, flat, s * N * D, N * D);
        }
        in[p] = m.create(flat, new Shape(b, h, N, D));
      }
      boolean[] flatMask = new boolean[N * N];
      for (int i = 0; i < N; i++) {
        System.arraycopy(keep[i], 0, flatMask, i * N, N);
      }
      AttentionResult r = new DeltaAttention(c).apply(in[0], in[1], in[2], m.create(flatMask, new Shape(N, N)), true);
      assertThat(r.weights()).isNull();
      assertThat(r.output().getShape()).isEqualTo(new Shape(b, h, N, D));
      double[] got = r.output().toDoubleArray();
      for (int s = 0; s < b * h; s++) {
        DMatrixRMaj expected = ref.apply(heads[s][0], heads[s][1], heads[s][2], keep).output();
        DMatrixRMaj head = new DMatrixRMaj(N, D);
        System.arraycopy(got, s * N * D, head.data, 0, N * D);
        assertThat(maxAbsDiff(head, expected)).as("head %d", s).isLessThanOrEqualTo(1e-12);
      }
    }
  }

  @Test
  void autogradEqualsFiniteDifferencesOfTheOracle() {
    boolean[][] keep = someMask(N, 9);
    for (DeltaConfig c : List.of(configs().get(0), configs().get(1), configs().get(2), configs().get(4))) {
      DeltaAttention op = new DeltaAttention(c);
      DeltaReference ref = new DeltaReference(c);
      OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, null, DataType.FLOAT64, 1e-6, 1e-8);
      OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, keep, DataType.FLOAT64, 1e-6, 1e-8);
      OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, null, DataType.FLOAT32, 1e-6, 1e-4);
    }
  }

  @Test
  void aQueryWithNoAllowedKeyHasAFiniteGradientAndTakesItsGroupsDelta() {
    boolean[][] keep = someMask(N, 10); // query 5: nothing allowed; γ = 4 → its anchor is 4
    DeltaConfig c = cfg(Mode.DELTA, 3, 1, 4, 0, false);
    DMatrixRMaj o = new DeltaReference(c).apply(q, k, v, keep).output();
    DMatrixRMaj sparse = new DeltaReference(cfg(Mode.SPARSE_ONLY, 3, 1, 4, 0, false)).apply(q, k, v, keep).output();
    DMatrixRMaj f = new SoftmaxReference().apply(q, k, v, keep).output();
    for (int col = 0; col < D; col++) {
      assertThat(sparse.get(5, col)).isZero();
      assertThat(o.get(5, col)).isCloseTo(f.get(4, col) - sparse.get(4, col),
          org.assertj.core.api.Assertions.within(1e-15));
    }
    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray[] in = {toNd(m, q, type), toNd(m, k, type), toNd(m, v, type)};
        for (NDArray x : in) {
          x.setRequiresGradient(true);
        }
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
          gc.backward(new DeltaAttention(c).output(in[0], in[1], in[2], OperatorChecks.mask(m, keep)).sum());
        }
        for (NDArray x : in) {
          assertThat(x.getGradient().isNaN().any().getBoolean()).as("NaN gradient, " + type).isFalse();
        }
        assertThat(toMatrix(in[0].getGradient()).get(5, 0)).isZero();
      }
    }
  }

  @Test
  void theRegistryCreatesItByNameWithDefaultsAndRefusesBadParameters() {
    AttentionOperator op = AttentionOperators.create("delta", Map.of());
    assertThat(op.name()).isEqualTo("delta");
    assertThat(op.hasWeights()).isFalse();
    assertThat(((DeltaAttention) op).config()).isEqualTo(cfg(Mode.DELTA, 8, 1, 8, 0, false));
    DeltaAttention custom = (DeltaAttention) AttentionOperators.create("delta",
        Map.of("mode", "sparse-only", "window", "4", "sinks", 2, "gamma", 16, "tail", 3, "causal", "true"));
    assertThat(custom.config()).isEqualTo(cfg(Mode.SPARSE_ONLY, 4, 2, 16, 3, true));
    ReferenceOperator ref = AttentionOperators.reference("delta", Map.of("gamma", 1));
    assertThat(maxAbsDiff(ref.apply(q, k, v, null).output(), full(q, k, v, false))).isLessThanOrEqualTo(1e-15);
    assertThatThrownBy(() -> AttentionOperators.create("delta", Map.of("gamma", 0)))
        .isInstanceOf(InvalidOperatorParameterException.class)
        .hasMessage("attention operator 'delta': parameter 'gamma' must be an integer from 1 to 1000000, got '0'");
    assertThatThrownBy(() -> AttentionOperators.create("delta", Map.of("window", 0)))
        .hasMessage("attention operator 'delta': parameter 'window' must be an integer from 1 to 1000000, got '0'");
    assertThatThrownBy(() -> AttentionOperators.create("delta", Map.of("mode", "recompute")))
        .hasMessage("attention operator 'delta': parameter 'mode' must be one of delta, sparse-only, got 'recompute'");
    assertThatThrownBy(() -> AttentionOperators.create("delta", Map.of("lambda", 64)))
        .hasMessage("attention operator 'delta' has no parameter 'lambda'; its parameters: mode, window, sinks, gamma, "
            + "tail, causal");
  }

  @Test
  void crossAttentionAndBadShapesAreRefusedNamingThem() {
    DeltaAttention op = new DeltaAttention(cfg(Mode.DELTA, 3, 1, 4, 0, false));
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> op.apply(toNd(m, q, DataType.FLOAT32), toNd(m, gaussian(4, N + 2, D), DataType.FLOAT32),
          toNd(m, gaussian(5, N + 2, D), DataType.FLOAT32), null, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("delta attention is self-attention: it needs as many keys as queries (windows are token "
              + "positions), got 13 queries (Q (1, 1, 13, 4)) and 15 keys (K (1, 1, 15, 4))");
      assertThatThrownBy(() -> op.apply(toNd(m, q, DataType.FLOAT32), toNd(m, gaussian(4, N, D + 1),
          DataType.FLOAT32), toNd(m, v, DataType.FLOAT32), null, false))
          .hasMessage("Q and K must have the same feature size, got Q (1, 1, 13, 4) and K (1, 1, 13, 5)");
    }
    assertThatThrownBy(() -> new DeltaReference(cfg(Mode.DELTA, 3, 1, 4, 0, false)).apply(q, gaussian(4, N + 2, D),
        gaussian(5, N + 2, D), null))
        .hasMessage("delta attention is self-attention: it needs as many keys as queries, got 13 queries and 15 keys");
  }
}
