package io.forecast.attention.sinkhorn;

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
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.attention.softmax.SoftmaxAttention;
import io.forecast.attention.softmax.SoftmaxReference;
import io.forecast.attention.testing.Fixtures;
import io.forecast.attention.testing.OperatorChecks;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Sinkformer attention (spec §2.8 and the issue): softmax at one step, exact rows, column convergence,
 * temperature, equivariance, shift invariance and symmetry of the limit, masks on the valid block, oracle
 * parity, gradients against finite differences, the official fixtures, the registry.
 */
class SinkhornAttentionTest {
  static final int N = 6;
  static final int D = 4;
  /** Enough half-steps for the limit on the moderate scores used here (column error below 1e-14). */
  static final int LIMIT = 201;

  final DMatrixRMaj q = gaussian(1, N, D);
  final DMatrixRMaj k = gaussian(2, N, D);
  final DMatrixRMaj v = gaussian(3, N, D);

  static SinkhornReference ref(int iterations) {
    return new SinkhornReference(iterations, 1, false);
  }

  static SinkhornAttention op(int iterations) {
    return new SinkhornAttention(iterations, 1, false);
  }

  /** The DJL mixing matrix of one head. */
  static DMatrixRMaj djlWeights(AttentionOperator op, DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v,
      boolean[][] keep, DataType type) {
    try (NDManager m = NDManager.newBaseManager()) {
      return toMatrix(op.apply(toNd(m, q, type), toNd(m, k, type), toNd(m, v, type),
          keep == null ? null : OperatorChecks.mask(m, keep), true).weights());
    }
  }

  static double[] rowSums(DMatrixRMaj a) {
    double[] s = new double[a.numRows];
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        s[i] += a.get(i, j);
      }
    }
    return s;
  }

  static double[] colSums(DMatrixRMaj a) {
    double[] s = new double[a.numCols];
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        s[j] += a.get(i, j);
      }
    }
    return s;
  }

  static double maxDeviation(double[] sums, double target) {
    double max = 0;
    for (double s : sums) {
      max = Math.max(max, Math.abs(s - target));
    }
    return max;
  }

  static DMatrixRMaj scaled(DMatrixRMaj m, double c) {
    DMatrixRMaj out = m.copy();
    CommonOps_DDRM.scale(c, out);
    return out;
  }

  /** Rows {@code perm[0], perm[1], ..} of {@code m} (a permutation or a selection). */
  static DMatrixRMaj permuteRows(DMatrixRMaj m, int[] perm) {
    DMatrixRMaj out = new DMatrixRMaj(perm.length, m.numCols);
    for (int i = 0; i < perm.length; i++) {
      for (int c = 0; c < m.numCols; c++) {
        out.set(i, c, m.get(perm[i], c));
      }
    }
    return out;
  }

  /** {@code P·A·Pᵀ}: entry (i, j) is A[perm[i]][perm[j]]. */
  static DMatrixRMaj permuteBoth(DMatrixRMaj a, int[] perm) {
    DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
    for (int i = 0; i < perm.length; i++) {
      for (int j = 0; j < perm.length; j++) {
        out.set(i, j, a.get(perm[i], perm[j]));
      }
    }
    return out;
  }

  /** A mask with holes, a query (2) that sees nothing and a key (4) that nobody sees. */
  static boolean[][] holes() {
    boolean[][] keep = new boolean[N][N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        keep[i][j] = i != 2 && j != 4 && ((i + 2 * j) % 5 != 0 || i == j);
      }
    }
    return keep;
  }

  // ---- spec §2.8 (1): one step is softmax

  @Test
  void oneIterationIsSoftmax() {
    for (boolean[][] keep : new boolean[][][] {null, holes()}) {
      DMatrixRMaj softmax = new SoftmaxReference().apply(q, k, v, keep).weights();
      assertThat(maxAbsDiff(ref(1).apply(q, k, v, keep).weights(), softmax)).isLessThan(1e-15);
      assertThat(maxAbsDiff(djlWeights(op(1), q, k, v, keep, DataType.FLOAT64),
          djlWeights(new SoftmaxAttention(), q, k, v, keep, DataType.FLOAT64))).isLessThan(1e-15);
    }
    // and three steps are not
    assertThat(maxAbsDiff(ref(3).apply(q, k, v, null).weights(),
        new SoftmaxReference().apply(q, k, v, null).weights())).isGreaterThan(1e-3);
  }

  // ---- spec §2.8 (2): rows exact after a row step, columns exact after a column step

  @Test
  void oddIterationsGiveRowsSummingToOneEvenIterationsColumns() {
    for (int it : new int[] {1, 2, 3, 4, 5, 21}) {
      for (DMatrixRMaj a : new DMatrixRMaj[] {ref(it).apply(q, k, v, null).weights(),
          djlWeights(op(it), q, k, v, null, DataType.FLOAT64)}) {
        for (double x : a.data) {
          assertThat(x).isGreaterThan(0);
        }
        double exact = maxDeviation(it % 2 == 1 ? rowSums(a) : colSums(a), 1);
        double approximate = maxDeviation(it % 2 == 1 ? colSums(a) : rowSums(a), 1);
        assertThat(exact).as("it = %d", it).isLessThan(1e-12);
        if (it < 21) {
          assertThat(approximate).as("it = %d", it).isGreaterThan(1e-4);
        }
      }
    }
  }

  // ---- spec §2.8 (3) and the issue: the column error falls, < 1e-6 at 101

  @Test
  void columnErrorFallsWithIterationsAndIsBelowOneInAMillionAt101() {
    int n = 8;
    DMatrixRMaj bq = gaussian(11, n, D);
    DMatrixRMaj bk = gaussian(12, n, D);
    DMatrixRMaj bv = gaussian(13, n, D);
    int[] its = {1, 3, 5, 9, 21, 51, 101};
    double[] oracle = new double[its.length];
    double[] djl = new double[its.length];
    for (int i = 0; i < its.length; i++) {
      oracle[i] = maxDeviation(colSums(ref(its[i]).apply(bq, bk, bv, null).weights()), 1);
      djl[i] = maxDeviation(colSums(djlWeights(op(its[i]), bq, bk, bv, null, DataType.FLOAT64)), 1);
    }
    for (int i = 1; i < its.length; i++) {
      assertThat(oracle[i]).as("oracle column error at %d < at %d", its[i], its[i - 1]).isLessThan(oracle[i - 1]);
      assertThat(djl[i]).as("DJL column error at %d < at %d", its[i], its[i - 1]).isLessThan(djl[i - 1]);
    }
    assertThat(oracle[0]).isGreaterThan(0.1);
    assertThat(oracle[its.length - 1]).isLessThan(1e-6);
    assertThat(djl[its.length - 1]).isLessThan(1e-6);
  }

  // ---- spec §2.8 (4): Sinkhorn(S, ε) = Sinkhorn(S/ε, 1)

  @Test
  void temperatureDividesTheScores() {
    for (double eps : new double[] {0.25, 0.7, 3}) {
      for (int it : new int[] {1, 4, 5}) {
        DMatrixRMaj qe = scaled(q, 1 / eps); // (Q/ε)·Kᵀ·d^-0.5 = S/ε
        DMatrixRMaj expected = ref(it).apply(qe, k, v, null).weights();
        assertThat(maxAbsDiff(new SinkhornReference(it, eps, false).apply(q, k, v, null).weights(), expected))
            .as("oracle ε = %s, it = %d", eps, it).isLessThan(1e-13);
        assertThat(maxAbsDiff(djlWeights(new SinkhornAttention(it, eps, false), q, k, v, null, DataType.FLOAT64),
            djlWeights(op(it), qe, k, v, null, DataType.FLOAT64))).as("DJL ε = %s, it = %d", eps, it)
            .isLessThan(1e-13);
      }
    }
  }

  // ---- spec §2.8 (5): A(P·S·Pᵀ) = P·A(S)·Pᵀ

  @Test
  void jointPermutationOfQueriesAndKeysPermutesTheWeights() {
    int[] perm = {3, 0, 5, 1, 4, 2};
    DMatrixRMaj pq = permuteRows(q, perm);
    DMatrixRMaj pk = permuteRows(k, perm);
    DMatrixRMaj pv = permuteRows(v, perm);
    for (int it : new int[] {3, 4}) {
      DMatrixRMaj expected = permuteBoth(ref(it).apply(q, k, v, null).weights(), perm);
      assertThat(maxAbsDiff(ref(it).apply(pq, pk, pv, null).weights(), expected)).isLessThan(1e-14);
      assertThat(maxAbsDiff(djlWeights(op(it), pq, pk, pv, null, DataType.FLOAT64), expected)).isLessThan(1e-14);
      DMatrixRMaj o = ref(it).apply(q, k, v, null).output();
      assertThat(maxAbsDiff(ref(it).apply(pq, pk, pv, null).output(), permuteRows(o, perm))).isLessThan(1e-14);
    }
  }

  // ---- spec §2.8 (6) and the issue: the limit is invariant to S + a·1ᵀ + 1·bᵀ

  /**
   * Q and K with two extra features each so that the scores become {@code S + a·1ᵀ + 1·bᵀ}: the original
   * features are scaled to keep {@code S} at the new {@code (d+2)^-0.5}, then {@code q' = (c·q, α_i, 1)},
   * {@code k' = (c·k, 1, β_j)} with {@code c = ((d+2)/d)^¼}, {@code a = α·(d+2)^-0.5}, {@code b = β·(d+2)^-0.5}.
   */
  static DMatrixRMaj[] shifted(DMatrixRMaj q, DMatrixRMaj k, double[] alpha, double[] beta) {
    int d = q.numCols;
    double c = Math.pow((d + 2.0) / d, 0.25);
    DMatrixRMaj q2 = new DMatrixRMaj(q.numRows, d + 2);
    DMatrixRMaj k2 = new DMatrixRMaj(k.numRows, d + 2);
    for (int i = 0; i < q.numRows; i++) {
      for (int f = 0; f < d; f++) {
        q2.set(i, f, c * q.get(i, f));
      }
      q2.set(i, d, alpha[i]);
      q2.set(i, d + 1, 1);
    }
    for (int j = 0; j < k.numRows; j++) {
      for (int f = 0; f < d; f++) {
        k2.set(j, f, c * k.get(j, f));
      }
      k2.set(j, d, 1);
      k2.set(j, d + 1, beta[j]);
    }
    return new DMatrixRMaj[] {q2, k2};
  }

  @Test
  void rowShiftsNeverMatterAndColumnShiftsVanishInTheLimit() {
    double[] zero = new double[N];
    double[] alpha = {5, -3, 0.5, 9, -7, 2};
    double[] beta = {-4, 6, 1.5, -2, 8, 0.25};
    DMatrixRMaj[] base = shifted(q, k, zero, zero);
    DMatrixRMaj[] rows = shifted(q, k, alpha, zero);
    DMatrixRMaj[] both = shifted(q, k, alpha, beta);
    // base is S itself
    assertThat(maxAbsDiff(ref(3).apply(base[0], base[1], v, null).weights(), ref(3).apply(q, k, v, null).weights()))
        .isLessThan(1e-14);
    for (int it : new int[] {1, 3, 4}) {
      DMatrixRMaj a = ref(it).apply(base[0], base[1], v, null).weights();
      assertThat(maxAbsDiff(ref(it).apply(rows[0], rows[1], v, null).weights(), a)).isLessThan(1e-13);
      assertThat(maxAbsDiff(djlWeights(op(it), rows[0], rows[1], v, null, DataType.FLOAT64), a)).isLessThan(1e-13);
    }
    // a column shift changes A after a few steps ...
    assertThat(maxAbsDiff(ref(3).apply(both[0], both[1], v, null).weights(),
        ref(3).apply(base[0], base[1], v, null).weights())).isGreaterThan(1e-2);
    // ... but not the limit
    DMatrixRMaj limit = ref(LIMIT).apply(base[0], base[1], v, null).weights();
    assertThat(maxDeviation(colSums(limit), 1)).isLessThan(1e-14);
    assertThat(maxAbsDiff(ref(LIMIT).apply(both[0], both[1], v, null).weights(), limit)).isLessThan(1e-12);
    assertThat(maxAbsDiff(djlWeights(op(LIMIT), both[0], both[1], v, null, DataType.FLOAT64), limit))
        .isLessThan(1e-12);
  }

  // ---- spec §2.8 (7): a symmetric S has a symmetric limit

  @Test
  void symmetricScoresHaveASymmetricLimit() {
    // S = Q·Qᵀ·d^-0.5 is symmetric
    DMatrixRMaj limit = ref(LIMIT).apply(q, q, v, null).weights();
    DMatrixRMaj transposed = CommonOps_DDRM.transpose(limit, null);
    assertThat(maxAbsDiff(limit, transposed)).isLessThan(1e-13);
    DMatrixRMaj djl = djlWeights(op(LIMIT), q, q, v, null, DataType.FLOAT64);
    assertThat(maxAbsDiff(djl, CommonOps_DDRM.transpose(djl, null))).isLessThan(1e-13);
    // only the limit: after three steps it is not
    DMatrixRMaj three = ref(3).apply(q, q, v, null).weights();
    assertThat(maxAbsDiff(three, CommonOps_DDRM.transpose(three, null))).isGreaterThan(1e-3);
  }

  // ---- log domain: large scores do not overflow

  @Test
  void largeScoresStayFinite() {
    DMatrixRMaj big = scaled(q, 300); // scores in the hundreds: exp overflows float32 and float64
    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      DMatrixRMaj a = djlWeights(op(5), big, k, v, null, type);
      for (double x : a.data) {
        assertThat(x).as(type.toString()).isFinite().isGreaterThanOrEqualTo(0);
      }
      assertThat(maxDeviation(rowSums(a), 1)).as(type.toString()).isLessThan(type == DataType.FLOAT32 ? 1e-5 : 1e-12);
    }
    assertThat(maxAbsDiff(djlWeights(op(5), big, k, v, null, DataType.FLOAT64),
        ref(5).apply(big, k, v, null).weights())).isLessThan(1e-12);
  }

  // ---- masks (spec §2.7)

  @Test
  void maskedEntriesAreExactlyZeroAndAQueryWithoutKeysHasZeroOutputAndGradient() {
    boolean[][] keep = holes();
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
          AttentionResult result = op(4).apply(nq, nk, nv, OperatorChecks.mask(m, keep), true);
          a = toMatrix(result.weights());
          o = toMatrix(result.output());
          gc.backward(result.output().mul(toNd(m, gaussian(7, N, D), type)).sum());
        }
        for (int i = 0; i < N; i++) {
          for (int j = 0; j < N; j++) {
            if (!keep[i][j]) {
              assertThat(a.get(i, j)).as("A[%d][%d], %s", i, j, type).isZero();
            } else {
              assertThat(a.get(i, j)).as("A[%d][%d], %s", i, j, type).isPositive();
            }
          }
        }
        for (int c = 0; c < D; c++) {
          assertThat(o.get(2, c)).isZero();
        }
        for (NDArray x : new NDArray[] {nq, nk, nv}) {
          for (double g : toMatrix(x.getGradient()).data) {
            assertThat(g).as("gradient, " + type).isFinite();
          }
        }
        DMatrixRMaj dq = toMatrix(nq.getGradient());
        DMatrixRMaj dk = toMatrix(nk.getGradient());
        DMatrixRMaj dv = toMatrix(nv.getGradient());
        for (int c = 0; c < D; c++) {
          assertThat(dq.get(2, c)).as("the query without keys gets no gradient").isZero();
          assertThat(dk.get(4, c)).as("the key nobody sees gets no gradient").isZero();
          assertThat(dv.get(4, c)).isZero();
        }
        assertThat(CommonOps_DDRM.elementMaxAbs(dq)).isPositive();
      }
    }
  }

  @Test
  void paddedTokensAreLeftOutOfTheMarginals() {
    // tokens 1 and 4 are padding: the valid block is Sinkhorn of the four valid tokens alone
    int[] valid = {0, 2, 3, 5};
    boolean[][] keep = new boolean[N][N];
    for (int i : valid) {
      for (int j : valid) {
        keep[i][j] = true;
      }
    }
    DMatrixRMaj vq = permuteRows(q, valid);
    DMatrixRMaj vk = permuteRows(k, valid);
    DMatrixRMaj vv = permuteRows(v, valid);
    for (int it : new int[] {3, 4, LIMIT}) {
      DMatrixRMaj block = ref(it).apply(vq, vk, vv, null).weights();
      for (DMatrixRMaj a : new DMatrixRMaj[] {ref(it).apply(q, k, v, keep).weights(),
          djlWeights(op(it), q, k, v, keep, DataType.FLOAT64)}) {
        DMatrixRMaj expected = new DMatrixRMaj(N, N);
        for (int x = 0; x < valid.length; x++) {
          for (int y = 0; y < valid.length; y++) {
            expected.set(valid[x], valid[y], block.get(x, y));
          }
        }
        assertThat(maxAbsDiff(a, expected)).as("it = %d", it).isLessThan(1e-14);
      }
    }
    // in the limit the valid block is doubly stochastic; padded rows and columns sum to 0
    double[] cols = colSums(ref(LIMIT).apply(q, k, v, keep).weights());
    for (int j = 0; j < N; j++) {
      assertThat(cols[j]).isCloseTo(j == 1 || j == 4 ? 0 : 1, org.assertj.core.api.Assertions.within(1e-12));
    }
  }

  @Test
  void keyPaddingLeavesPaddedKeysUnattendedAndColumnsSumToQueriesOverKeys() {
    // a [1, 1, 1, M] key mask broadcast over the queries: 6 valid queries, 4 valid keys
    boolean[] keys = {true, false, true, true, false, true};
    boolean[][] full = new boolean[N][N];
    for (int i = 0; i < N; i++) {
      full[i] = keys.clone();
    }
    DMatrixRMaj expected = ref(LIMIT).apply(q, k, v, full).weights();
    double[] cols = colSums(expected);
    for (int j = 0; j < N; j++) {
      assertThat(cols[j]).isCloseTo(keys[j] ? N / 4.0 : 0, org.assertj.core.api.Assertions.within(1e-12));
    }
    assertThat(maxDeviation(rowSums(expected), 1)).isLessThan(1e-12);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray keep = m.create(keys, new Shape(1, 1, 1, N));
      for (int it : new int[] {3, LIMIT}) {
        DMatrixRMaj a = toMatrix(op(it).apply(toNd(m, q, DataType.FLOAT64), toNd(m, k, DataType.FLOAT64),
            toNd(m, v, DataType.FLOAT64), keep, true).weights());
        assertThat(maxAbsDiff(a, ref(it).apply(q, k, v, full).weights())).as("it = %d", it).isLessThan(1e-12);
      }
    }
  }

  // ---- shapes: rectangular scores, batches and heads

  @Test
  void rectangularScoresHaveRowsSummingToOneAndColumnsToQueriesOverKeys() {
    DMatrixRMaj rk = gaussian(21, 7, D);
    DMatrixRMaj rv = gaussian(22, 7, 3);
    DMatrixRMaj rq = gaussian(23, 5, D);
    for (int it : new int[] {3, 4, LIMIT}) {
      DMatrixRMaj a = ref(it).apply(rq, rk, rv, null).weights();
      if (it % 2 == 1) {
        assertThat(maxDeviation(rowSums(a), 1)).isLessThan(1e-12);
      } else {
        assertThat(maxDeviation(colSums(a), 5 / 7.0)).isLessThan(1e-12);
      }
      OperatorChecks.assertForwardMatchesReference(op(it), ref(it), rq, rk, rv, null, DataType.FLOAT64, 1e-13);
    }
    DMatrixRMaj limit = ref(LIMIT).apply(rq, rk, rv, null).weights();
    assertThat(maxDeviation(colSums(limit), 5 / 7.0)).isLessThan(1e-12);
  }

  @Test
  void everyBatchAndHeadIsNormalisedOnItsOwnWithItsOwnMask() {
    int b = 2;
    int h = 3;
    int n = 5;
    DMatrixRMaj[][][] in = new DMatrixRMaj[b][h][];
    boolean[][] keys = {{true, true, false, true, true}, {true, false, true, true, false}};
    double[] qs = new double[b * h * n * D];
    double[] ks = new double[qs.length];
    double[] vs = new double[qs.length];
    boolean[] mask = new boolean[b * n];
    for (int s = 0; s < b; s++) {
      System.arraycopy(keys[s], 0, mask, s * n, n);
      for (int t = 0; t < h; t++) {
        int slice = s * h + t;
        in[s][t] = new DMatrixRMaj[] {gaussian(100 + slice, n, D), gaussian(200 + slice, n, D),
            gaussian(300 + slice, n, D)};
        System.arraycopy(in[s][t][0].data, 0, qs, slice * n * D, n * D);
        System.arraycopy(in[s][t][1].data, 0, ks, slice * n * D, n * D);
        System.arraycopy(in[s][t][2].data, 0, vs, slice * n * D, n * D);
      }
    }
    try (NDManager m = NDManager.newBaseManager()) {
      Shape shape = new Shape(b, h, n, D);
      AttentionResult r = new SinkhornAttention(5, 0.8, false).apply(m.create(qs, shape), m.create(ks, shape),
          m.create(vs, shape), m.create(mask, new Shape(b, 1, 1, n)), true);
      assertThat(r.output().getShape()).isEqualTo(shape);
      assertThat(r.weights().getShape()).isEqualTo(new Shape(b, h, n, n));
      for (int s = 0; s < b; s++) {
        boolean[][] keep = new boolean[n][];
        for (int i = 0; i < n; i++) {
          keep[i] = keys[s].clone();
        }
        for (int t = 0; t < h; t++) {
          var expected = new SinkhornReference(5, 0.8, false).apply(in[s][t][0], in[s][t][1], in[s][t][2], keep);
          assertThat(maxAbsDiff(toMatrix(r.weights().get(s, t)), expected.weights())).isLessThan(1e-13);
          assertThat(maxAbsDiff(toMatrix(r.output().get(s, t)), expected.output())).isLessThan(1e-13);
        }
      }
    }
  }

  @Test
  void resultsAndTemporariesBelongToTheManagerOfQ() {
    try (NDManager mq = NDManager.newBaseManager(); NDManager other = NDManager.newBaseManager()) {
      NDArray nq = toNd(mq, q, DataType.FLOAT32);
      NDArray nk = toNd(other, k, DataType.FLOAT32);
      NDArray nv = toNd(other, v, DataType.FLOAT32);
      NDArray keep = OperatorChecks.mask(other, holes());
      int before = other.getManagedArrays().size();
      for (NDArray mask : new NDArray[] {null, keep}) {
        AttentionResult r = op(3).apply(nq, nk, nv, mask, true);
        assertThat(r.output().getManager()).isSameAs(mq);
        assertThat(r.weights().getManager()).isSameAs(mq);
      }
      assertThat(other.getManagedArrays()).as("arrays left in the manager of K, V and the mask").hasSize(before);
    }
  }

  // ---- oracle parity and gradients (issue)

  @Test
  void djlForwardEqualsTheOracle() {
    for (int it : new int[] {1, 2, 3, 6, 21}) {
      for (boolean f32 : new boolean[] {false, true}) {
        SinkhornAttention op = new SinkhornAttention(it, 0.6, f32);
        SinkhornReference ref = new SinkhornReference(it, 0.6, f32);
        OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, null, DataType.FLOAT64, 1e-13);
        OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, holes(), DataType.FLOAT64, 1e-13);
        OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, null, DataType.FLOAT32, 1e-5);
        OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, holes(), DataType.FLOAT32, 1e-5);
      }
    }
  }

  /** Float64 with step 1e-5 (relative errors below 1e-9; at 1e-6 the oracle's rounding shows, ~6e-9). */
  @Test
  void autogradEqualsFiniteDifferencesOfTheOracle() {
    for (int it : new int[] {1, 2, 3, 5}) {
      SinkhornAttention op = new SinkhornAttention(it, 0.7, false);
      SinkhornReference ref = new SinkhornReference(it, 0.7, false);
      for (boolean[][] keep : new boolean[][][] {null, holes()}) {
        OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, keep, DataType.FLOAT64, 1e-5, 1e-8);
        OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, keep, DataType.FLOAT32, 1e-6, 1e-4);
      }
    }
    // many steps, default temperature
    OperatorChecks.assertGradientsMatchFiniteDifferences(op(21), ref(21), q, k, v, null, DataType.FLOAT64, 1e-5, 1e-8);
  }

  // ---- official fixtures (N = 16, d = 8)

  @Test
  void matchesTheOfficialFixtures() {
    DMatrixRMaj fq = Fixtures.matrix("inputs/N16_Q.csv");
    DMatrixRMaj fk = Fixtures.matrix("inputs/N16_K.csv");
    DMatrixRMaj fv = Fixtures.matrix("inputs/N16_V.csv");
    Map<String, Double> worst = new LinkedHashMap<>();
    for (int it : new int[] {1, 3, 5, 21}) {
      String f64 = "sinkhorn_f64marg/sinkhorn_N16_it" + it + "_f64marg_";
      String official = "sinkhorn/sinkhorn_N16_it" + it + "_";
      DMatrixRMaj f64A = Fixtures.matrix(f64 + "A.csv");
      DMatrixRMaj f64O = Fixtures.matrix(f64 + "O.csv");
      DMatrixRMaj offA = Fixtures.matrix(official + "A.csv");
      DMatrixRMaj offO = Fixtures.matrix(official + "O.csv");
      for (boolean f32 : new boolean[] {false, true}) {
        DMatrixRMaj wantA = f32 ? offA : f64A;
        DMatrixRMaj wantO = f32 ? offO : f64O;
        var oracle = new SinkhornReference(it, 1, f32).apply(fq, fk, fv, null);
        AttentionResult djl;
        try (NDManager m = NDManager.newBaseManager()) {
          djl = new SinkhornAttention(it, 1, f32).apply(toNd(m, fq, DataType.FLOAT64), toNd(m, fk, DataType.FLOAT64),
              toNd(m, fv, DataType.FLOAT64), null, true);
          double[] diffs = {maxAbsDiff(oracle.weights(), wantA), maxAbsDiff(oracle.output(), wantO),
              maxAbsDiff(toMatrix(djl.weights()), wantA), maxAbsDiff(toMatrix(djl.output()), wantO)};
          for (double diff : diffs) {
            assertThat(diff).as("it = %d, float32 marginals %s", it, f32).isLessThan(1e-14);
            worst.merge(f32 ? "official" : "f64marg", diff, Math::max);
          }
        }
      }
      // the option matters: float64 marginals differ from the official files by 1e-9 .. 1e-8
      double offVsF64 = maxAbsDiff(ref(it).apply(fq, fk, fv, null).weights(), offA);
      assertThat(offVsF64).isBetween(1e-9, 1e-8);
    }
    System.out.println("sinkhorn fixtures, max abs difference (A and O, oracle and DJL float64): " + worst);
  }

  // ---- registry and argument checks

  @Test
  void theRegistryCreatesItByNameWithParametersAndDefaults() {
    assertThat(AttentionOperators.names()).contains("sinkhorn");
    assertThat(AttentionOperators.spec("sinkhorn").params(Map.of()).asMap())
        .containsExactly(Map.entry("iterations", 3), Map.entry("eps", 1.0), Map.entry("float32-marginals", false));
    AttentionOperator created = AttentionOperators.create("sinkhorn",
        Map.of("iterations", "21", "eps", 0.5, "float32-marginals", "true"));
    assertThat(created).isInstanceOf(SinkhornAttention.class);
    SinkhornAttention s = (SinkhornAttention) created;
    assertThat(s.iterations()).isEqualTo(21);
    assertThat(s.eps()).isEqualTo(0.5);
    assertThat(s.float32Marginals()).isTrue();
    assertThat(s.name()).isEqualTo("sinkhorn");
    var reference = AttentionOperators.reference("sinkhorn", Map.of("iterations", 21, "eps", 0.5,
        "float32-marginals", true));
    assertThat(maxAbsDiff(reference.apply(q, k, v, null).weights(),
        new SinkhornReference(21, 0.5, true).apply(q, k, v, null).weights())).isZero();
    OperatorChecks.assertForwardMatchesReference(created, reference, q, k, v, null, DataType.FLOAT64, 1e-13);
    SinkhornAttention defaults = (SinkhornAttention) AttentionOperators.create("sinkhorn", Map.of());
    assertThat(defaults.iterations()).isEqualTo(3);
    assertThat(defaults.eps()).isEqualTo(1.0);
    assertThat(defaults.float32Marginals()).isFalse();
  }

  @Test
  void theRegistryRefusesOutOfRangeParametersNamingWhatIsAllowed() {
    assertThatThrownBy(() -> AttentionOperators.create("sinkhorn", Map.of("iterations", 0)))
        .isInstanceOf(InvalidOperatorParameterException.class)
        .hasMessage("attention operator 'sinkhorn': parameter 'iterations' must be an integer from 1 to 1001, got '0'");
    assertThatThrownBy(() -> AttentionOperators.create("sinkhorn", Map.of("iterations", 2.5)))
        .hasMessage("attention operator 'sinkhorn': parameter 'iterations' must be an integer from 1 to 1001, "
            + "got '2.5'");
    assertThatThrownBy(() -> AttentionOperators.create("sinkhorn", Map.of("eps", "0")))
        .hasMessage("attention operator 'sinkhorn': parameter 'eps' must be a number from 1.0E-6 to 1000000, got '0'");
    assertThatThrownBy(() -> AttentionOperators.create("sinkhorn", Map.of("float32-marginals", "yes")))
        .hasMessage("attention operator 'sinkhorn': parameter 'float32-marginals' must be true or false, got 'yes'");
    assertThatThrownBy(() -> AttentionOperators.create("sinkhorn", Map.of("n_it", 3)))
        .hasMessage("attention operator 'sinkhorn' has no parameter 'n_it'; its parameters: iterations, eps, "
            + "float32-marginals");
    assertThatThrownBy(() -> new SinkhornAttention(0, 1, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Sinkhorn iterations must be from 1 to 1001, got 0");
    assertThatThrownBy(() -> new SinkhornReference(3, Double.NaN, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Sinkhorn eps must be a number from 1.0E-6 to 1000000.0, got NaN");
  }

  @Test
  void badShapesAndMasksAreRefusedNamingThem() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray nq = toNd(m, q, DataType.FLOAT32);
      NDArray nk = toNd(m, k, DataType.FLOAT32);
      NDArray nv = toNd(m, v, DataType.FLOAT32);
      assertThatThrownBy(() -> op(3).apply(nq, toNd(m, gaussian(4, N, D + 1), DataType.FLOAT32), nv, null, false))
          .hasMessage("Q and K must have the same feature size, got Q (1, 1, 6, 4) and K (1, 1, 6, 5)");
      assertThatThrownBy(() -> op(3).apply(nq, nk, nv, m.ones(new Shape(1, 1, N, N)), false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the keep mask must be boolean (true = attend), got float32 of shape (1, 1, 6, 6)");
      assertThatThrownBy(() -> op(3).apply(nq, nk, nv, m.ones(new Shape(1, 1, N, N - 1), DataType.BOOLEAN), false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the keep mask of shape (1, 1, 6, 5) does not broadcast to the scores' shape (1, 1, 6, 6) "
              + "[.., queries, keys]; each of its axes must be 1 or the scores' size");
    }
    boolean[][] wrong = new boolean[N - 1][N];
    assertThatThrownBy(() -> ref(3).apply(q, k, v, wrong)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the mask has 5 rows, expected 6");
  }
}
