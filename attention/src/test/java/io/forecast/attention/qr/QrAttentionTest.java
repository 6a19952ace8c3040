package io.forecast.attention.qr;

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
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.attention.testing.OperatorChecks;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** QR attention (spec §3b): the property list, oracle parity, noise rules, gradients, registry. */
class QrAttentionTest {
  static final int N = 6;
  static final int D = 8; // d >= N: M = QKᵀ has full rank, no noise
  final QrAttention op = new QrAttention();
  final QrReference ref = new QrReference();
  final DMatrixRMaj q = gaussian(11, N, D);
  final DMatrixRMaj k = gaussian(12, N, D);
  final DMatrixRMaj v = gaussian(13, N, 3);

  static double maxDsError(DMatrixRMaj a) {
    double err = 0;
    for (int i = 0; i < a.numRows; i++) {
      double row = 0;
      double col = 0;
      for (int j = 0; j < a.numCols; j++) {
        assertThat(a.get(i, j)).isGreaterThanOrEqualTo(0);
        row += a.get(i, j);
        col += a.get(j, i);
      }
      err = Math.max(err, Math.max(Math.abs(row - 1), Math.abs(col - 1)));
    }
    return err;
  }

  static DMatrixRMaj djlWeights(AttentionOperator op, DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, DataType type) {
    try (NDManager m = NDManager.newBaseManager()) {
      return toMatrix(op.apply(toNd(m, q, type), toNd(m, k, type), toNd(m, v, type), null, true).weights());
    }
  }

  static DMatrixRMaj scaleRows(DMatrixRMaj m, double[] s) {
    DMatrixRMaj out = m.copy();
    for (int i = 0; i < m.numRows; i++) {
      for (int c = 0; c < m.numCols; c++) {
        out.set(i, c, m.get(i, c) * s[i]);
      }
    }
    return out;
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

  @Test
  void doublyStochasticTo1e12AtFullRankAndWhenRankDeficient() {
    DMatrixRMaj lowQ = gaussian(21, 8, 3);
    DMatrixRMaj lowK = gaussian(22, 8, 3);
    DMatrixRMaj lowV = gaussian(23, 8, 2);
    assertThat(maxDsError(ref.apply(q, k, v, null).weights())).isLessThan(1e-12);
    assertThat(maxDsError(ref.apply(lowQ, lowK, lowV, null).weights())).isLessThan(1e-12);
    assertThat(maxDsError(djlWeights(op, q, k, v, DataType.FLOAT64))).isLessThan(1e-12);
    assertThat(maxDsError(djlWeights(op, lowQ, lowK, lowV, DataType.FLOAT64))).isLessThan(1e-12);
    assertThat(maxDsError(djlWeights(op, q, k, v, DataType.FLOAT32))).isLessThan(1e-5);
    assertThat(maxDsError(djlWeights(op, lowQ, lowK, lowV, DataType.FLOAT32))).isLessThan(1e-5);
  }

  @Test
  void invariantToScalingM() {
    DMatrixRMaj a = ref.apply(q, k, v, null).weights();
    for (double c : new double[] {-3, 0.1, 7}) {
      DMatrixRMaj cq = q.copy();
      for (int i = 0; i < cq.data.length; i++) {
        cq.data[i] *= c;
      }
      assertThat(maxAbsDiff(ref.apply(cq, k, v, null).weights(), a)).as("c = %s", c).isLessThan(1e-12);
      assertThat(maxAbsDiff(djlWeights(op, cq, k, v, DataType.FLOAT64), a)).as("DJL, c = %s", c)
          .isLessThan(1e-12);
    }
  }

  @Test
  void invariantToColumnScalingOfM() {
    // M·D = Q·(D·K)ᵀ: scaling row j of K scales column j of M; entries nonzero, either sign (spec §3b.2)
    double[] diag = {2.5, -0.3, 1.7, -4.0, 0.05, 1.1};
    DMatrixRMaj a = ref.apply(q, k, v, null).weights();
    DMatrixRMaj dk = scaleRows(k, diag);
    assertThat(maxAbsDiff(ref.apply(q, dk, v, null).weights(), a)).isLessThan(1e-12);
    assertThat(maxAbsDiff(djlWeights(op, q, dk, v, DataType.FLOAT64), a)).isLessThan(1e-12);
  }

  @Test
  void firstColumnIsTheNormalisedSquaredFirstColumnOfM() {
    // spec §3b.4: A[:,0] = M[:,0]² / ‖M[:,0]‖², M[:,0]_i = q_i · k_0
    double[] col = new double[N];
    double norm = 0;
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < D; c++) {
        col[i] += q.get(i, c) * k.get(0, c);
      }
      norm += col[i] * col[i];
    }
    DMatrixRMaj oracle = ref.apply(q, k, v, null).weights();
    DMatrixRMaj djl = djlWeights(op, q, k, v, DataType.FLOAT64);
    for (int i = 0; i < N; i++) {
      assertThat(Math.abs(oracle.get(i, 0) - col[i] * col[i] / norm)).isLessThan(1e-14);
      assertThat(Math.abs(djl.get(i, 0) - col[i] * col[i] / norm)).isLessThan(1e-14);
    }
  }

  @Test
  void equivariantUnderAQueryPermutationButNotUnderAKeyPermutation() {
    int[] perm = {3, 0, 5, 1, 4, 2};
    DMatrixRMaj a = ref.apply(q, k, v, null).weights();
    DMatrixRMaj pa = ref.apply(permuteRows(q, perm), k, v, null).weights();
    assertThat(maxAbsDiff(pa, permuteRows(a, perm))).isLessThan(1e-12);
    // spec §3b.6: permuting the keys (columns of M) does not just permute the columns of A
    DMatrixRMaj ka = ref.apply(q, permuteRows(k, perm), permuteRows(v, perm), null).weights();
    DMatrixRMaj expectedIfEquivariant = new DMatrixRMaj(N, N);
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        expectedIfEquivariant.set(i, j, a.get(i, perm[j]));
      }
    }
    assertThat(maxAbsDiff(ka, expectedIfEquivariant)).isGreaterThan(1e-2);
  }

  @Test
  void noiseOnlyWhenRankDeficientAndThenOnlyTheColumnsBeyondTheRankDependOnIt() {
    QrReference otherSeed = new QrReference(1e-7, 12345L);
    // full rank: the seed changes nothing, bit for bit
    assertThat(maxAbsDiff(ref.apply(q, k, v, null).weights(), otherSeed.apply(q, k, v, null).weights())).isZero();
    assertThat(maxAbsDiff(djlWeights(op, q, k, v, DataType.FLOAT64),
        djlWeights(new QrAttention(1e-7, 12345L), q, k, v, DataType.FLOAT64))).isZero();
    // rank 3 < N = 8: the first 3 columns barely move with the seed, the rest is the noise's
    DMatrixRMaj lowQ = gaussian(21, 8, 3);
    DMatrixRMaj lowK = gaussian(22, 8, 3);
    DMatrixRMaj lowV = gaussian(23, 8, 2);
    DMatrixRMaj a = ref.apply(lowQ, lowK, lowV, null).weights();
    DMatrixRMaj b = otherSeed.apply(lowQ, lowK, lowV, null).weights();
    double lead = 0;
    double rest = 0;
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        double diff = Math.abs(a.get(i, j) - b.get(i, j));
        if (j < 3) {
          lead = Math.max(lead, diff);
        } else {
          rest = Math.max(rest, diff);
        }
      }
    }
    assertThat(lead).isLessThan(1e-5);
    assertThat(rest).isGreaterThan(1e-2);
  }

  @Test
  void aNumericallyRankDeficientHeadGetsTheNoiseAndItsNeighboursDoNot() {
    // d >= N but two pairs of equal queries: M has rank N-2, found by the |R_ii| test; the last two
    // columns of U then span the complement of M's columns in a direction only the noise decides
    DMatrixRMaj twin = q.copy();
    for (int c = 0; c < D; c++) {
      twin.set(4, c, twin.get(1, c));
      twin.set(5, c, twin.get(2, c));
    }
    DMatrixRMaj full = ref.apply(q, k, v, null).weights();
    DMatrixRMaj noisy = ref.apply(twin, k, v, null).weights();
    DMatrixRMaj noisyOtherSeed = new QrReference(1e-7, 7L).apply(twin, k, v, null).weights();
    assertThat(maxDsError(noisy)).isLessThan(1e-12);
    assertThat(maxAbsDiff(noisy, noisyOtherSeed)).as("the seed matters for the deficient head").isGreaterThan(1e-3);
    // batched: heads [full, twin, full]; each equals the oracle of its own head
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray qs = NDArrayStack.of(m, q, twin, q);
      NDArray ks = NDArrayStack.of(m, k, k, k);
      NDArray vs = NDArrayStack.of(m, v, v, v);
      NDArray w = op.apply(qs, ks, vs, null, true).weights();
      assertThat(w.getShape()).isEqualTo(new Shape(1, 3, N, N));
      assertThat(maxAbsDiff(toMatrix(w.get("0, 0")), full)).isLessThan(1e-12);
      assertThat(maxAbsDiff(toMatrix(w.get("0, 1")), noisy)).isLessThan(1e-7);
      assertThat(maxAbsDiff(toMatrix(w.get("0, 2")), full)).isLessThan(1e-12);
    }
  }

  @Test
  void djlForwardEqualsTheOracle() {
    OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, null, DataType.FLOAT64, 1e-12);
    OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, null, DataType.FLOAT32, 1e-5);
    // rank-deficient: the columns beyond the rank are set by the 1e-7 noise, so rounding of order
    // 1e-16·‖M‖ moves them by ~1e-16·‖M‖/1e-7
    DMatrixRMaj lowQ = gaussian(21, 8, 3);
    DMatrixRMaj lowK = gaussian(22, 8, 3);
    DMatrixRMaj lowV = gaussian(23, 8, 2);
    OperatorChecks.assertForwardMatchesReference(op, ref, lowQ, lowK, lowV, null, DataType.FLOAT64, 1e-7);
  }

  @Test
  void autogradEqualsFiniteDifferencesOfTheOracle() {
    DMatrixRMaj sq = gaussian(31, 5, 6);
    DMatrixRMaj sk = gaussian(32, 5, 6);
    DMatrixRMaj sv = gaussian(33, 5, 3);
    OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, sq, sk, sv, null, DataType.FLOAT64, 1e-6, 1e-8);
    OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, sq, sk, sv, null, DataType.FLOAT32, 1e-6, 1e-4);
  }

  @Test
  void resultsLiveInTheManagerOfQ() {
    try (NDManager m = NDManager.newBaseManager(); NDManager other = NDManager.newBaseManager()) {
      AttentionResult r = op.apply(toNd(m, q, DataType.FLOAT32), toNd(other, k, DataType.FLOAT32),
          toNd(other, v, DataType.FLOAT32), null, true);
      assertThat(r.output().getManager()).isSameAs(m);
      assertThat(r.weights().getManager()).isSameAs(m);
    }
  }

  @Test
  void refusesRectangularScoresAndMasksNamingTheSizes() {
    DMatrixRMaj k5 = gaussian(41, 5, D);
    DMatrixRMaj v5 = gaussian(42, 5, 3);
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> op.apply(toNd(m, q, DataType.FLOAT32), toNd(m, k5, DataType.FLOAT32),
          toNd(m, v5, DataType.FLOAT32), null, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("qr attention needs as many keys as queries (the QR of Q·Kᵀ must be square), got N = 6 "
              + "queries and M = 5 keys (Q (1, 1, 6, 8), K (1, 1, 5, 8))");
      boolean[][] keep = new boolean[N][N];
      assertThatThrownBy(() -> op.apply(toNd(m, q, DataType.FLOAT32), toNd(m, k, DataType.FLOAT32),
          toNd(m, v, DataType.FLOAT32), OperatorChecks.mask(m, keep), false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("qr attention takes no mask")
          .hasMessageContaining("(1, 1, 6, 6)");
    }
    assertThatThrownBy(() -> ref.apply(q, k5, v5, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("qr attention needs as many keys as queries (the QR of Q·Kᵀ must be square), got N = 6 "
            + "queries and M = 5 keys");
    assertThatThrownBy(() -> ref.apply(q, k, v, new boolean[N][N])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("qr attention takes no mask");
  }

  @Test
  void theRegistryCreatesItByNameWithParametersAndRefusesOutOfRangeValues() {
    AttentionOperator byName = AttentionOperators.create("qr", Map.of("noise", "1e-6", "seed", 42));
    assertThat(byName.name()).isEqualTo("qr");
    ReferenceOperator oracle = AttentionOperators.reference("qr", Map.of("seed", 42L));
    DMatrixRMaj lowQ = gaussian(21, 8, 3);
    DMatrixRMaj lowK = gaussian(22, 8, 3);
    DMatrixRMaj lowV = gaussian(23, 8, 2);
    // the parameters reach the operator: same seed and noise as the oracle built directly
    assertThat(maxAbsDiff(oracle.apply(lowQ, lowK, lowV, null).weights(),
        new QrReference(1e-7, 42L).apply(lowQ, lowK, lowV, null).weights())).isZero();
    assertThat(maxAbsDiff(djlWeights(byName, lowQ, lowK, lowV, DataType.FLOAT64),
        new QrReference(1e-6, 42L).apply(lowQ, lowK, lowV, null).weights())).isLessThan(1e-8);
    assertThatThrownBy(() -> AttentionOperators.create("qr", Map.of("noise", -1e-7)))
        .isInstanceOf(InvalidOperatorParameterException.class)
        .hasMessage("attention operator 'qr': parameter 'noise' must be a number from 0 to 1, got '-1.0E-7'");
    assertThatThrownBy(() -> AttentionOperators.create("qr", Map.of("seed", -3)))
        .isInstanceOf(InvalidOperatorParameterException.class)
        .hasMessage("attention operator 'qr': parameter 'seed' must be an integer from 0 to 9223372036854775807, "
            + "got '-3'");
  }

  /** Stacks one-head matrices into {@code [1, H, N, d]} float64. */
  static final class NDArrayStack {
    static NDArray of(NDManager m, DMatrixRMaj... heads) {
      NDArray[] parts = new NDArray[heads.length];
      for (int h = 0; h < heads.length; h++) {
        parts[h] = toNd(m, heads[h], DataType.FLOAT64);
      }
      return ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts), 1);
    }
  }
}
