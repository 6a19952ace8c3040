package io.forecast.attention.softmax;

import static io.forecast.attention.testing.OperatorChecks.gaussian;
import static io.forecast.attention.testing.OperatorChecks.maxAbsDiff;
import static io.forecast.attention.testing.OperatorChecks.toMatrix;
import static io.forecast.attention.testing.OperatorChecks.toNd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.attention.testing.Fixtures;
import io.forecast.attention.testing.OperatorChecks;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Softmax attention (spec §1): the property list, oracle parity, gradients and the official fixture. */
class SoftmaxAttentionTest {
  static final int N = 6;
  static final int D = 4;
  final SoftmaxAttention op = new SoftmaxAttention();
  final SoftmaxReference ref = new SoftmaxReference();
  final DMatrixRMaj q = gaussian(1, N, D);
  final DMatrixRMaj k = gaussian(2, N, D);
  final DMatrixRMaj v = gaussian(3, N, D);

  @Test
  void rowsSumToOneAndWeightsAreNonNegative() {
    DMatrixRMaj a = ref.apply(q, k, v, null).weights();
    for (int i = 0; i < N; i++) {
      double sum = 0;
      for (int j = 0; j < N; j++) {
        assertThat(a.get(i, j)).isGreaterThanOrEqualTo(0);
        sum += a.get(i, j);
      }
      assertThat(Math.abs(sum - 1)).isLessThan(1e-12);
    }
  }

  @Test
  void aRowShiftOfTheScoresChangesNothingAndLargeScoresDoNotOverflow() {
    // adding c·(1, .., 1) to K's features shifts row i of S by c·Σ q_i / √d
    DMatrixRMaj shifted = k.copy();
    CommonOps_DDRM.add(shifted, 1000, shifted);
    DMatrixRMaj a = ref.apply(q, k, v, null).weights();
    DMatrixRMaj b = ref.apply(q, shifted, v, null).weights();
    assertThat(maxAbsDiff(a, b)).isLessThan(1e-9);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = op.apply(toNd(m, q, DataType.FLOAT32), toNd(m, shifted, DataType.FLOAT32),
          toNd(m, v, DataType.FLOAT32), null, true).weights();
      assertThat(w.isNaN().any().getBoolean()).isFalse();
      assertThat(maxAbsDiff(toMatrix(w), a)).isLessThan(1e-3);
    }
  }

  @Test
  void zeroQueriesGiveTheMeanOfV() {
    DMatrixRMaj o = ref.apply(new DMatrixRMaj(N, D), k, v, null).output();
    for (int c = 0; c < D; c++) {
      double mean = 0;
      for (int j = 0; j < N; j++) {
        mean += v.get(j, c) / N;
      }
      for (int i = 0; i < N; i++) {
        assertThat(o.get(i, c)).isCloseTo(mean, org.assertj.core.api.Assertions.within(1e-12));
      }
    }
  }

  @Test
  void permutingTheTokensPermutesTheOutput() {
    int[] perm = {3, 0, 5, 1, 4, 2};
    DMatrixRMaj pq = permuteRows(q, perm);
    DMatrixRMaj pk = permuteRows(k, perm);
    DMatrixRMaj pv = permuteRows(v, perm);
    DMatrixRMaj o = ref.apply(q, k, v, null).output();
    DMatrixRMaj po = ref.apply(pq, pk, pv, null).output();
    assertThat(maxAbsDiff(po, permuteRows(o, perm))).isLessThan(1e-12);
  }

  @Test
  void maskedKeysGetExactlyZeroAndAFullyMaskedRowIsZeroWithAFiniteGradient() {
    boolean[][] keep = new boolean[N][N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j <= i; j++) {
        keep[i][j] = i != 2; // causal, and query 2 sees nothing
      }
    }
    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray nq = toNd(m, q, type);
        NDArray nk = toNd(m, k, type);
        NDArray nv = toNd(m, v, type);
        for (NDArray x : new NDArray[] {nq, nk, nv}) {
          x.setRequiresGradient(true);
        }
        DMatrixRMaj a;
        DMatrixRMaj o;
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
          var result = op.apply(nq, nk, nv, OperatorChecks.mask(m, keep), true);
          a = toMatrix(result.weights());
          o = toMatrix(result.output());
          gc.backward(result.output().sum());
        }
        for (int i = 0; i < N; i++) {
          for (int j = 0; j < N; j++) {
            if (!keep[i][j]) {
              assertThat(a.get(i, j)).as("A[%d][%d]", i, j).isZero();
            }
          }
        }
        for (int c = 0; c < D; c++) {
          assertThat(o.get(2, c)).isZero();
        }
        for (NDArray x : new NDArray[] {nq, nk, nv}) {
          assertThat(x.getGradient().isNaN().any().getBoolean()).as("gradient has NaN, " + type).isFalse();
        }
        // the fully masked query receives no gradient
        assertThat(toMatrix(nq.getGradient()).get(2, 0)).isZero();
      }
    }
  }

  @Test
  void djlForwardEqualsTheOracle() {
    boolean[][] keep = new boolean[N][N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        keep[i][j] = (i + j) % 3 != 0 || i == j;
      }
    }
    OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, null, DataType.FLOAT64, 1e-12);
    OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, keep, DataType.FLOAT64, 1e-12);
    OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, keep, DataType.FLOAT32, 1e-5);
  }

  @Test
  void autogradEqualsFiniteDifferencesOfTheOracle() {
    OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, null, DataType.FLOAT64, 1e-6, 1e-8);
    OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, null, DataType.FLOAT32, 1e-6, 1e-4);
  }

  @Test
  void matchesTheOfficialFixture() {
    DMatrixRMaj fq = Fixtures.matrix("inputs/N16_Q.csv");
    DMatrixRMaj fk = Fixtures.matrix("inputs/N16_K.csv");
    DMatrixRMaj fv = Fixtures.matrix("inputs/N16_V.csv");
    var oracle = ref.apply(fq, fk, fv, null);
    assertThat(maxAbsDiff(oracle.weights(), Fixtures.matrix("softmax/softmax_N16_A.csv"))).isLessThan(1e-14);
    assertThat(maxAbsDiff(oracle.output(), Fixtures.matrix("softmax/softmax_N16_O.csv"))).isLessThan(1e-14);
    OperatorChecks.assertForwardMatchesReference(op, ref, fq, fk, fv, null, DataType.FLOAT64, 1e-14);
  }

  @Test
  void theRegistryCreatesItByNameAndRefusesParameters() {
    assertThat(AttentionOperators.create("softmax", Map.of()).name()).isEqualTo("softmax");
    assertThatThrownBy(() -> AttentionOperators.create("softmax", Map.of("iterations", 3)))
        .hasMessage("attention operator 'softmax' has no parameter 'iterations' (it takes none)");
    assertThatThrownBy(() -> AttentionOperators.create("softmx", Map.of()))
        .hasMessageStartingWith("unknown attention operator 'softmx'; known: softmax");
  }

  @Test
  void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() {
    // DJL 0.36 passes a Number operand (div(2.0)) as a Java buffer that autograd keeps past its release
    for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
      DMatrixRMaj[] plain = OperatorChecks.gradientsOfSum(op, q, k, v, type, false);
      DMatrixRMaj[] collected = OperatorChecks.gradientsOfSum(op, q, k, v, type, true);
      for (int w = 0; w < 3; w++) {
        assertThat(maxAbsDiff(collected[w], plain[w])).as("gradient %d, %s", w, type).isZero();
      }
    }
  }

  @Test
  void aMaskThatOnlyBroadcastsIsAccepted() {
    boolean[][] keep = new boolean[N][N];
    boolean[] flat = new boolean[N * N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j <= i; j++) {
        keep[i][j] = true;
        flat[i * N + j] = true;
      }
    }
    DMatrixRMaj expected = ref.apply(q, k, v, keep).output();
    try (NDManager m = NDManager.newBaseManager()) {
      // [2, 3, N, d] inputs (every slice the same) against an [N, N] mask
      NDArray q4 = toNd(m, q, DataType.FLOAT64).broadcast(new ai.djl.ndarray.types.Shape(2, 3, N, D));
      NDArray k4 = toNd(m, k, DataType.FLOAT64).broadcast(new ai.djl.ndarray.types.Shape(2, 3, N, D));
      NDArray v4 = toNd(m, v, DataType.FLOAT64).broadcast(new ai.djl.ndarray.types.Shape(2, 3, N, D));
      NDArray out = op.output(q4, k4, v4, m.create(flat, new ai.djl.ndarray.types.Shape(N, N)));
      assertThat(out.getShape()).isEqualTo(new ai.djl.ndarray.types.Shape(2, 3, N, D));
      assertThat(maxAbsDiff(toMatrix(out.get(1, 2)), expected)).isLessThan(1e-12);
    }
  }

  @Test
  void temporariesLiveInTheManagerOfQNotInThoseOfKOrTheMask() {
    boolean[][] keep = new boolean[N][N];
    for (int i = 0; i < N; i++) {
      keep[i][i] = true;
    }
    try (NDManager lasting = NDManager.newBaseManager()) {
      NDArray nk = toNd(lasting, k, DataType.FLOAT32);
      NDArray nv = toNd(lasting, v, DataType.FLOAT32);
      NDArray mask = OperatorChecks.mask(lasting, keep);
      int before = lasting.getManagedArrays().size();
      try (NDManager call = NDManager.newBaseManager()) {
        op.apply(toNd(call, q, DataType.FLOAT32), nk, nv, mask, true);
      }
      assertThat(lasting.getManagedArrays()).hasSize(before);
    }
  }

  @Test
  void badShapesAreRefusedNamingThem() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> op.apply(toNd(m, q, DataType.FLOAT32), toNd(m, gaussian(4, N, D + 1),
          DataType.FLOAT32), toNd(m, v, DataType.FLOAT32), null, false))
          .hasMessage("Q and K must have the same feature size, got Q (1, 1, 6, 4) and K (1, 1, 6, 5)");
    }
  }

  static DMatrixRMaj permuteRows(DMatrixRMaj m, int[] perm) {
    DMatrixRMaj out = new DMatrixRMaj(m.numRows, m.numCols);
    for (int i = 0; i < perm.length; i++) {
      for (int c = 0; c < m.numCols; c++) {
        out.set(i, c, m.get(perm[i], c));
      }
    }
    return out;
  }
}
