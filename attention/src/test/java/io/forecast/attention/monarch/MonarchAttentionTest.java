package io.forecast.attention.monarch;

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
import io.forecast.attention.OperatorSpec;
import io.forecast.attention.reference.DenseOps;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.attention.testing.Fixtures;
import io.forecast.attention.testing.OperatorChecks;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * MonarchAttention (spec §5): the property list of §5.6, the variational objective, padding and masks,
 * DJL against the float64 oracle, autograd against finite differences, and the official fixtures.
 */
class MonarchAttentionTest {
  static final int D = 4;

  /** One DJL run on a single head: output and (always requested) mixing matrix. */
  record Run(DMatrixRMaj output, DMatrixRMaj weights) {}

  static Run djl(AttentionOperator op, DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v, boolean[] keepKeys,
      DataType type) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray mask = keepKeys == null ? null : m.create(keepKeys, new Shape(1, 1, 1, keepKeys.length));
      AttentionResult r = op.apply(toNd(m, q, type), toNd(m, k, type), toNd(m, v, type), mask, true);
      return new Run(toMatrix(r.output()), toMatrix(r.weights()));
    }
  }

  static DMatrixRMaj scores(DMatrixRMaj q, DMatrixRMaj k) {
    return DenseOps.scores(q, k, 1 / Math.sqrt(q.numCols));
  }

  static DMatrixRMaj softmax(DMatrixRMaj q, DMatrixRMaj k) {
    return DenseOps.softmaxRows(scores(q, k), null);
  }

  /** {@code f(A) = <A, S> + H(A)}, H(A) = −Σ A log A (0 log 0 = 0). */
  static double objective(DMatrixRMaj a, DMatrixRMaj s) {
    double f = 0;
    for (int e = 0; e < a.data.length; e++) {
      double p = a.data[e];
      if (p > 0) {
        f += p * (s.data[e] - Math.log(p));
      }
    }
    return f;
  }

  /** {@code f(softmax) = Σ_rows logsumexp(S_row)}, the maximum of f over row-stochastic matrices. */
  static double softmaxObjective(DMatrixRMaj s) {
    double f = 0;
    for (int i = 0; i < s.numRows; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < s.numCols; j++) {
        max = Math.max(max, s.get(i, j));
      }
      double sum = 0;
      for (int j = 0; j < s.numCols; j++) {
        sum += Math.exp(s.get(i, j) - max);
      }
      f += max + Math.log(sum);
    }
    return f;
  }

  static boolean[][] rows(boolean[] keepKeys) {
    boolean[][] keep = new boolean[keepKeys.length][];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = keepKeys.clone();
    }
    return keep;
  }

  static double frobenius(DMatrixRMaj a, DMatrixRMaj b) {
    double sum = 0;
    for (int e = 0; e < a.data.length; e++) {
      sum += (a.data[e] - b.data[e]) * (a.data[e] - b.data[e]);
    }
    return Math.sqrt(sum);
  }

  // ---------------------------------------------------------------- §5.6 1–2: limits that are softmax

  @Test
  void blockSizeNAndBlockSizeOneGiveSoftmax() {
    int n = 12;
    DMatrixRMaj q = gaussian(11, n, D);
    DMatrixRMaj k = gaussian(12, n, D);
    DMatrixRMaj v = gaussian(13, n, D);
    DMatrixRMaj expected = softmax(q, k);
    // block size N (one block), larger than N (clamped to N), and 1 (N blocks of one key)
    for (int b : new int[] {n, 100, 1}) {
      for (int t : new int[] {1, 2, 3}) {
        for (String pad : new String[] {Monarch.PRE, Monarch.POST}) {
          DMatrixRMaj a = new MonarchReference(b, t, pad).apply(q, k, v, null).weights();
          // the official 1e-12 eps terms move A by ~1e-12 (without them: 2e-16, spec §5.6)
          assertThat(maxAbsDiff(a, expected)).as("oracle, b=%d T=%d", b, t).isLessThan(1e-11);
          Run run = djl(new MonarchAttention(b, t, pad), q, k, v, null, DataType.FLOAT64);
          assertThat(maxAbsDiff(run.weights(), expected)).as("DJL, b=%d T=%d", b, t).isLessThan(1e-11);
          assertThat(maxAbsDiff(run.output(), DenseOps.times(expected, v))).isLessThan(1e-11);
        }
      }
    }
  }

  // ---------------------------------------------------------------- §5.6 3: row-stochastic

  @Test
  void rowsSumToOneAndWeightsAreNonNegative() {
    int n = 19; // b = 4: one padding token
    DMatrixRMaj q = gaussian(21, n, D);
    DMatrixRMaj k = gaussian(22, n, D);
    DMatrixRMaj v = gaussian(23, n, D);
    for (String pad : new String[] {Monarch.PRE, Monarch.POST}) {
      for (int t = 1; t <= 3; t++) {
        DMatrixRMaj oracle = new MonarchReference(4, t, pad).apply(q, k, v, null).weights();
        DMatrixRMaj viaDjl = djl(new MonarchAttention(4, t, pad), q, k, v, null, DataType.FLOAT64).weights();
        for (DMatrixRMaj a : new DMatrixRMaj[] {oracle, viaDjl}) {
          for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
              assertThat(a.get(i, j)).isGreaterThan(0);
              sum += a.get(i, j);
            }
            assertThat(Math.abs(sum - 1)).as("row %d, %s, T=%d", i, pad, t).isLessThan(1e-11);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- §5.6 4–5: the variational objective

  @Test
  void objectiveIsNonDecreasingInStepsAndBoundedBySoftmax() {
    for (int[] c : new int[][] {{16, 4}, {19, 4}, {15, 0}}) {
      int n = c[0];
      DMatrixRMaj q = gaussian(31 + n, n, D);
      DMatrixRMaj k = gaussian(32 + n, n, D);
      // sharper scores than N(0, 1) features give, so that the steps matter
      CommonOps_DDRM.scale(2, q);
      DMatrixRMaj v = gaussian(33, n, D);
      DMatrixRMaj s = scores(q, k);
      double bound = softmaxObjective(s);
      double previous = Double.NEGATIVE_INFINITY;
      double first = 0;
      for (int t = 1; t <= 8; t++) {
        DMatrixRMaj a = new MonarchReference(c[1], t, Monarch.PRE).apply(q, k, v, null).weights();
        double f = objective(a, s);
        assertThat(f).as("f(T=%d), N=%d", t, n).isGreaterThanOrEqualTo(previous - 1e-10).isLessThan(bound);
        if (t == 1) {
          first = f;
        }
        previous = f;
        DMatrixRMaj viaDjl = djl(new MonarchAttention(c[1], t, Monarch.PRE), q, k, v, null, DataType.FLOAT64)
            .weights();
        assertThat(Math.abs(objective(viaDjl, s) - f)).isLessThan(1e-10);
      }
      // the steps do climb (not a constant sequence), and the KL gap Σ lse − f stays positive
      assertThat(previous - first).as("f(T=8) − f(T=1), N=%d", n).isGreaterThan(0.1);
      assertThat(bound - previous).isGreaterThan(0);
    }
  }

  @Test
  void frobeniusErrorToSoftmaxIsSmallerAfterThreeStepsThanAfterOne() {
    int n = 16;
    DMatrixRMaj q = gaussian(41, n, D);
    DMatrixRMaj k = gaussian(42, n, D);
    CommonOps_DDRM.scale(2, q);
    DMatrixRMaj v = gaussian(43, n, D);
    DMatrixRMaj expected = softmax(q, k);
    double e1 = frobenius(new MonarchReference(4, 1, Monarch.PRE).apply(q, k, v, null).weights(), expected);
    double e3 = frobenius(new MonarchReference(4, 3, Monarch.PRE).apply(q, k, v, null).weights(), expected);
    assertThat(e3).isLessThan(e1);
    assertThat(e3).isGreaterThan(1e-3); // still an approximation
  }

  // ---------------------------------------------------------------- §5.6 6: factored = materialised

  @Test
  void theFactoredOutputEqualsTheMaterialisedMatrixTimesV() {
    for (int[] c : new int[][] {{16, 4, 3}, {19, 4, 2}, {10, 3, 1}}) {
      int n = c[0];
      DMatrixRMaj q = gaussian(51, n, D);
      DMatrixRMaj k = gaussian(52, n, D);
      DMatrixRMaj v = gaussian(53, n, 3);
      for (String pad : new String[] {Monarch.PRE, Monarch.POST}) {
        Run run = djl(new MonarchAttention(c[1], c[2], pad), q, k, v, null, DataType.FLOAT64);
        assertThat(maxAbsDiff(run.output(), DenseOps.times(run.weights(), v))).as("N=%d %s", n, pad)
            .isLessThan(1e-14);
        // without the weights the same output comes back (and no weights)
        try (NDManager m = NDManager.newBaseManager()) {
          AttentionResult r = new MonarchAttention(c[1], c[2], pad).apply(toNd(m, q, DataType.FLOAT64),
              toNd(m, k, DataType.FLOAT64), toNd(m, v, DataType.FLOAT64), null, false);
          assertThat(r.weights()).isNull();
          assertThat(maxAbsDiff(toMatrix(r.output()), run.output())).isZero();
        }
      }
    }
  }

  // ---------------------------------------------------------------- §5.6 7: first R-step is local softmax

  @Test
  void theFirstRStepFromIdentityIsBlockDiagonalSoftmax() {
    int n = 12;
    int b = 4;
    DMatrixRMaj q = gaussian(61, n, D);
    DMatrixRMaj k = gaussian(62, n, D);
    DMatrixRMaj v = gaussian(63, n, D);
    DMatrixRMaj s = scores(q, k);
    DMatrixRMaj oracle = new MonarchReference(b, 1, Monarch.PRE).apply(q, k, v, null).weights();
    DMatrixRMaj viaDjl = djl(new MonarchAttention(b, 1, Monarch.PRE), q, k, v, null, DataType.FLOAT64).weights();
    for (DMatrixRMaj a : new DMatrixRMaj[] {oracle, viaDjl}) {
      // A[(l,j),(k,i)] = L[j,k,l]·R[k,j,i]: normalising a row's block k gives R[k,j,:], which after one
      // step from L = I is the softmax of query (k,j) over the keys of its own block k
      for (int row = 0; row < n; row++) {
        int j = row % b;
        for (int kb = 0; kb < n / b; kb++) {
          int query = kb * b + j;
          double blockSum = 0;
          double max = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < b; i++) {
            blockSum += a.get(row, kb * b + i);
            max = Math.max(max, s.get(query, kb * b + i));
          }
          double z = 0;
          for (int i = 0; i < b; i++) {
            z += Math.exp(s.get(query, kb * b + i) - max);
          }
          for (int i = 0; i < b; i++) {
            double local = Math.exp(s.get(query, kb * b + i) - max) / z;
            assertThat(Math.abs(a.get(row, kb * b + i) / blockSum - local)).isLessThan(1e-11);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- §5.6 8: padding

  @Test
  void paddingEqualsManualZeroTokensMaskedOutAndPreDiffersFromPost() {
    int n = 19;
    DMatrixRMaj q = gaussian(71, n, D);
    DMatrixRMaj k = gaussian(72, n, D);
    DMatrixRMaj v = gaussian(73, n, D);
    DMatrixRMaj[] outputs = new DMatrixRMaj[2];
    String[] pads = {Monarch.PRE, Monarch.POST};
    for (int p = 0; p < 2; p++) {
      boolean pre = p == 0;
      int offset = pre ? 1 : 0;
      DMatrixRMaj mq = new DMatrixRMaj(n + 1, D);
      DMatrixRMaj mk = new DMatrixRMaj(n + 1, D);
      DMatrixRMaj mv = new DMatrixRMaj(n + 1, D);
      CommonOps_DDRM.insert(q, mq, offset, 0);
      CommonOps_DDRM.insert(k, mk, offset, 0);
      CommonOps_DDRM.insert(v, mv, offset, 0);
      boolean[] keepKeys = new boolean[n + 1];
      java.util.Arrays.fill(keepKeys, true);
      keepKeys[pre ? 0 : n] = false;
      for (int t = 1; t <= 3; t++) {
        Run padded = djl(new MonarchAttention(4, t, pads[p]), q, k, v, null, DataType.FLOAT64);
        Run manual = djl(new MonarchAttention(4, t, pads[p]), mq, mk, mv, keepKeys, DataType.FLOAT64);
        DMatrixRMaj manualRows = CommonOps_DDRM.extract(manual.output(), offset, offset + n, 0, D);
        assertThat(maxAbsDiff(padded.output(), manualRows)).as("%s T=%d", pads[p], t).isLessThan(1e-14);
        DMatrixRMaj manualA = CommonOps_DDRM.extract(manual.weights(), offset, offset + n, offset, offset + n);
        assertThat(maxAbsDiff(padded.weights(), manualA)).isLessThan(1e-14);
        var oracle = new MonarchReference(4, t, pads[p]);
        DMatrixRMaj manualOracle = oracle.apply(mq, mk, mv, rows(keepKeys)).output();
        assertThat(maxAbsDiff(oracle.apply(q, k, v, null).output(),
            CommonOps_DDRM.extract(manualOracle, offset, offset + n, 0, D))).isLessThan(1e-14);
        if (t == 2) {
          outputs[p] = padded.output();
        }
      }
    }
    assertThat(maxAbsDiff(outputs[0], outputs[1])).as("pre vs post").isGreaterThan(1e-2);
  }

  // ---------------------------------------------------------------- masks

  @Test
  void maskedKeysGetZeroWeightAndDoNotChangeTheOtherOutputs() {
    int n = 12;
    DMatrixRMaj q = gaussian(81, n, D);
    DMatrixRMaj k = gaussian(82, n, D);
    DMatrixRMaj v = gaussian(83, n, D);
    boolean[] keepKeys = new boolean[n];
    java.util.Arrays.fill(keepKeys, true);
    keepKeys[2] = false;
    keepKeys[7] = false;
    // the key and value vectors of the masked tokens are changed; their queries are not (the first
    // R-step from L = I uses every query, as the official code)
    DMatrixRMaj k2 = k.copy();
    DMatrixRMaj v2 = v.copy();
    for (int masked : new int[] {2, 7}) {
      for (int c = 0; c < D; c++) {
        k2.set(masked, c, 5 + c);
        v2.set(masked, c, -7 * c);
      }
    }
    for (int t = 1; t <= 3; t++) {
      MonarchAttention op = new MonarchAttention(4, t, Monarch.PRE);
      Run a = djl(op, q, k, v, keepKeys, DataType.FLOAT64);
      Run b = djl(op, q, k2, v2, keepKeys, DataType.FLOAT64);
      for (int i = 0; i < n; i++) {
        assertThat(a.weights().get(i, 2)).isZero();
        assertThat(a.weights().get(i, 7)).isZero();
      }
      for (int i = 0; i < n; i++) {
        if (keepKeys[i]) {
          for (int c = 0; c < D; c++) {
            assertThat(b.output().get(i, c)).isEqualTo(a.output().get(i, c));
          }
        }
      }
      OperatorChecks.assertForwardMatchesReference(op, new MonarchReference(4, t, Monarch.PRE), q, k, v,
          rows(keepKeys), DataType.FLOAT64, 1e-12);
    }
  }

  @Test
  void aFullyMaskedKeyBlockGetsNoWeightAndAFullyMaskedSampleGivesZeros() {
    int n = 12;
    DMatrixRMaj q = gaussian(91, n, D);
    DMatrixRMaj k = gaussian(92, n, D);
    DMatrixRMaj v = gaussian(93, n, D);
    boolean[] keepKeys = new boolean[n];
    java.util.Arrays.fill(keepKeys, true);
    for (int i = 4; i < 8; i++) {
      keepKeys[i] = false; // the whole second block of b = 4
    }
    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      Run run = djl(new MonarchAttention(4, 2, Monarch.PRE), q, k, v, keepKeys, type);
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          if (!keepKeys[j]) {
            assertThat(run.weights().get(i, j)).isZero();
          }
          sum += run.weights().get(i, j);
        }
        assertThat(Math.abs(sum - 1)).as("row %d, %s", i, type).isLessThan(type == DataType.FLOAT64 ? 1e-11 : 1e-6);
      }
    }
    OperatorChecks.assertForwardMatchesReference(new MonarchAttention(4, 2, Monarch.PRE),
        new MonarchReference(4, 2, Monarch.PRE), q, k, v, rows(keepKeys), DataType.FLOAT64, 1e-12);
    OperatorChecks.assertGradientsMatchFiniteDifferences(new MonarchAttention(4, 2, Monarch.PRE),
        new MonarchReference(4, 2, Monarch.PRE), q, k, v, rows(keepKeys), DataType.FLOAT64, 1e-6, 1e-8);

    boolean[] none = new boolean[n];
    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      try (NDManager m = NDManager.newBaseManager()) {
        NDArray[] in = {toNd(m, q, type), toNd(m, k, type), toNd(m, v, type)};
        for (NDArray x : in) {
          x.setRequiresGradient(true);
        }
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
          AttentionResult r = new MonarchAttention(4, 2, Monarch.POST).apply(in[0], in[1], in[2],
              m.create(none, new Shape(1, 1, 1, n)), true);
          assertThat(toMatrix(r.output()).data).containsOnly(0.0);
          assertThat(toMatrix(r.weights()).data).containsOnly(0.0);
          gc.backward(r.output().sum());
        }
        for (NDArray x : in) {
          assertThat(x.getGradient().isNaN().any().getBoolean()).as("NaN gradient, " + type).isFalse();
        }
      }
    }
    assertThat(new MonarchReference(4, 2, Monarch.POST).apply(q, k, v, rows(none)).output().data).containsOnly(0.0);
  }

  @Test
  void perQueryMasksAreRefused() {
    int n = 6;
    boolean[][] causal = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        causal[i][j] = true;
      }
    }
    DMatrixRMaj q = gaussian(1, n, D);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = toNd(m, q, DataType.FLOAT32);
      assertThatThrownBy(() -> new MonarchAttention(0, 1, Monarch.PRE).apply(x, x, x, OperatorChecks.mask(m, causal),
          false)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("monarch attention takes only key-padding masks, the same for every query (e.g. [B, 1, 1, N]); "
              + "a per-query mask (causal, ...) cannot be expressed by a Monarch matrix, got a mask (1, 1, 6, 6) "
              + "whose rows differ");
      assertThatThrownBy(() -> new MonarchAttention(0, 1, Monarch.PRE).apply(x, x, x,
          m.create(new boolean[5], new Shape(1, 5)), false))
          .hasMessage("monarch attention: a mask (1, 5) does not broadcast to (1, 1, 6, 6) (Q (1, 1, 6, 4))");
      assertThatThrownBy(() -> new MonarchAttention(0, 1, Monarch.PRE).apply(x, x, x,
          m.ones(new Shape(1, 1, 1, n)), false))
          .hasMessage("monarch attention: the mask must be boolean (true = keep), got float32");
    }
    assertThatThrownBy(() -> new MonarchReference(0, 1, Monarch.PRE).apply(q, q, q, causal))
        .hasMessageStartingWith("monarch attention takes only key-padding masks");
  }

  // ---------------------------------------------------------------- batches and heads

  @Test
  void batchesAndHeadsAreIndependentHeadsWithTheirOwnKeyMask() {
    int n = 7;
    int batch = 2;
    int heads = 3;
    MonarchAttention op = new MonarchAttention(3, 2, Monarch.POST);
    MonarchReference ref = new MonarchReference(3, 2, Monarch.POST);
    DMatrixRMaj[][][] in = new DMatrixRMaj[3][batch][heads];
    double[][] flat = new double[3][batch * heads * n * D];
    for (int w = 0; w < 3; w++) {
      for (int b = 0; b < batch; b++) {
        for (int h = 0; h < heads; h++) {
          in[w][b][h] = gaussian(100 + 10 * w + 3 * b + h, n, D);
          System.arraycopy(in[w][b][h].data, 0, flat[w], ((b * heads) + h) * n * D, n * D);
        }
      }
    }
    boolean[] keep = new boolean[batch * n];
    java.util.Arrays.fill(keep, true);
    keep[3] = false; // sample 0 masks token 3; sample 1 masks nothing
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray[] nd = new NDArray[3];
      for (int w = 0; w < 3; w++) {
        nd[w] = m.create(flat[w], new Shape(batch, heads, n, D));
      }
      AttentionResult r = op.apply(nd[0], nd[1], nd[2], m.create(keep, new Shape(batch, 1, 1, n)), true);
      assertThat(r.output().getShape()).isEqualTo(new Shape(batch, heads, n, D));
      assertThat(r.weights().getShape()).isEqualTo(new Shape(batch, heads, n, n));
      assertThat(r.output().getManager()).isSameAs(m);
      for (int b = 0; b < batch; b++) {
        boolean[] keys = java.util.Arrays.copyOfRange(keep, b * n, b * n + n);
        for (int h = 0; h < heads; h++) {
          var expected = ref.apply(in[0][b][h], in[1][b][h], in[2][b][h], rows(keys));
          assertThat(maxAbsDiff(toMatrix(r.output().get(b, h)), expected.output())).isLessThan(1e-12);
          assertThat(maxAbsDiff(toMatrix(r.weights().get(b, h)), expected.weights())).isLessThan(1e-12);
        }
      }
      // plain [N, d] inputs (no leading axes) work too
      NDArray q2 = m.create(in[0][0][0].data, new Shape(n, D));
      NDArray k2 = m.create(in[1][0][0].data, new Shape(n, D));
      NDArray v2 = m.create(in[2][0][0].data, new Shape(n, D));
      NDArray o2 = op.output(q2, k2, v2, null);
      assertThat(o2.getShape()).isEqualTo(new Shape(n, D));
      assertThat(maxAbsDiff(toMatrix(o2), ref.apply(in[0][0][0], in[1][0][0], in[2][0][0], null).output()))
          .isLessThan(1e-12);
    }
  }

  // ---------------------------------------------------------------- DJL vs oracle, gradients

  @Test
  void djlForwardEqualsTheOracle() {
    for (int[] c : new int[][] {{7, 3, 1}, {7, 3, 3}, {16, 0, 2}, {13, 5, 4}, {9, 2, 2}}) {
      int n = c[0];
      DMatrixRMaj q = gaussian(200 + n, n, D);
      DMatrixRMaj k = gaussian(300 + n, n, D);
      DMatrixRMaj v = gaussian(400 + n, n, 5);
      for (String pad : new String[] {Monarch.PRE, Monarch.POST}) {
        MonarchAttention op = new MonarchAttention(c[1], c[2], pad);
        MonarchReference ref = new MonarchReference(c[1], c[2], pad);
        OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, null, DataType.FLOAT64, 1e-12);
        OperatorChecks.assertForwardMatchesReference(op, ref, q, k, v, null, DataType.FLOAT32, 1e-5);
      }
    }
  }

  @Test
  void autogradEqualsFiniteDifferencesOfTheOracle() {
    for (int[] c : new int[][] {{7, 3, 2}, {8, 0, 3}, {5, 2, 1}}) {
      int n = c[0];
      DMatrixRMaj q = gaussian(500 + n, n, D);
      DMatrixRMaj k = gaussian(600 + n, n, D);
      DMatrixRMaj v = gaussian(700 + n, n, 3);
      for (String pad : new String[] {Monarch.PRE, Monarch.POST}) {
        MonarchAttention op = new MonarchAttention(c[1], c[2], pad);
        MonarchReference ref = new MonarchReference(c[1], c[2], pad);
        OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, null, DataType.FLOAT64, 1e-6, 1e-8);
        OperatorChecks.assertGradientsMatchFiniteDifferences(op, ref, q, k, v, null, DataType.FLOAT32, 1e-6, 1e-4);
      }
    }
    // with a key-padding mask ([1, 1, N, N], identical rows)
    int n = 9;
    boolean[] keepKeys = {true, true, false, true, true, true, true, false, true};
    DMatrixRMaj q = gaussian(801, n, D);
    DMatrixRMaj k = gaussian(802, n, D);
    DMatrixRMaj v = gaussian(803, n, 3);
    OperatorChecks.assertGradientsMatchFiniteDifferences(new MonarchAttention(4, 2, Monarch.PRE),
        new MonarchReference(4, 2, Monarch.PRE), q, k, v, rows(keepKeys), DataType.FLOAT64, 1e-6, 1e-8);
  }

  @Test
  void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() {
    // DJL's Number operands (mul(2.0), div(2.0)) are Java buffers that autograd keeps past their release;
    // the operator must not depend on them (a GC here turned dQ and dK into garbage before)
    int n = 7;
    DMatrixRMaj q = gaussian(901, n, D);
    DMatrixRMaj k = gaussian(902, n, D);
    DMatrixRMaj v = gaussian(903, n, D);
    for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
      DMatrixRMaj[] plain = OperatorChecks.gradientsOfSum(new MonarchAttention(3, 2, Monarch.PRE), q, k, v, type, false);
      DMatrixRMaj[] collected = OperatorChecks.gradientsOfSum(new MonarchAttention(3, 2, Monarch.PRE), q, k, v, type, true);
      for (int w = 0; w < 3; w++) {
        assertThat(maxAbsDiff(collected[w], plain[w])).as("gradient %d, %s", w, type).isZero();
      }
    }
  }

  @Test
  void veryNegativeScoresStillGiveRowStochasticFactors() {
    // every score of a query's own block far below 0: the official max(rowmax, 1e-12) shift would
    // underflow there (R ≈ 4e-6 instead of 1/4); the true row maximum keeps R a probability vector
    int n = 8;
    DMatrixRMaj q = new DMatrixRMaj(n, D);
    DMatrixRMaj k = new DMatrixRMaj(n, D);
    for (int t = 0; t < n; t++) {
      for (int c = 0; c < D; c++) {
        q.set(t, c, 10);
        k.set(t, c, -2 - 0.01 * t);
      }
    }
    DMatrixRMaj v = gaussian(95, n, D);
    DMatrixRMaj expected = softmax(q, k);
    for (int t = 1; t <= 2; t++) {
      Run run = djl(new MonarchAttention(4, t, Monarch.PRE), q, k, v, null, DataType.FLOAT64);
      DMatrixRMaj oracle = new MonarchReference(4, t, Monarch.PRE).apply(q, k, v, null).weights();
      for (DMatrixRMaj a : new DMatrixRMaj[] {run.weights(), oracle}) {
        for (int i = 0; i < n; i++) {
          double sum = 0;
          for (int j = 0; j < n; j++) {
            sum += a.get(i, j);
          }
          assertThat(Math.abs(sum - 1)).as("row %d, T=%d", i, t).isLessThan(1e-11);
        }
      }
      // the scores are −40.0 − 0.2·key: all queries equal, so the Monarch optimum is softmax itself
      assertThat(maxAbsDiff(run.weights(), expected)).isLessThan(1e-9);
    }
  }

  // ---------------------------------------------------------------- official fixtures

  @Test
  void matchesTheOfficialFloat64Fixtures() {
    DMatrixRMaj fq = Fixtures.matrix("inputs/N16_Q.csv");
    DMatrixRMaj fk = Fixtures.matrix("inputs/N16_K.csv");
    DMatrixRMaj fv = Fixtures.matrix("inputs/N16_V.csv");
    for (int t = 1; t <= 3; t++) {
      String base = "monarch_f64/monarch_N16_b4_T" + t + "_pre_f64_";
      DMatrixRMaj a = Fixtures.matrix(base + "A.csv");
      DMatrixRMaj o = Fixtures.matrix(base + "O.csv");
      var oracle = new MonarchReference(4, t, Monarch.PRE).apply(fq, fk, fv, null);
      Run run = djl(new MonarchAttention(4, t, Monarch.PRE), fq, fk, fv, null, DataType.FLOAT64);
      double[] diffs = {maxAbsDiff(oracle.weights(), a), maxAbsDiff(oracle.output(), o),
          maxAbsDiff(run.weights(), a), maxAbsDiff(run.output(), o)};
      System.out.printf("monarch_f64 T=%d: oracle |dA| %.2e |dO| %.2e, DJL |dA| %.2e |dO| %.2e%n", t, diffs[0],
          diffs[1], diffs[2], diffs[3]);
      for (double diff : diffs) {
        assertThat(diff).as("T=%d", t).isLessThan(1e-14);
      }
    }
  }

  @Test
  void matchesTheOfficialFloat32InternalsFixtures() {
    DMatrixRMaj fq = Fixtures.matrix("inputs/N16_Q.csv");
    DMatrixRMaj fk = Fixtures.matrix("inputs/N16_K.csv");
    DMatrixRMaj fv = Fixtures.matrix("inputs/N16_V.csv");
    for (int t = 1; t <= 3; t++) {
      String base = "monarch/monarch_N16_b4_T" + t + "_pre_";
      DMatrixRMaj a = Fixtures.matrix(base + "A.csv");
      DMatrixRMaj o = Fixtures.matrix(base + "O.csv");
      Run f32 = djl(new MonarchAttention(4, t, Monarch.PRE), fq, fk, fv, null, DataType.FLOAT32);
      Run f64 = djl(new MonarchAttention(4, t, Monarch.PRE), fq, fk, fv, null, DataType.FLOAT64);
      System.out.printf("monarch (float32 internals) T=%d: DJL f32 |dA| %.2e |dO| %.2e, DJL f64 |dA| %.2e |dO| %.2e%n",
          t, maxAbsDiff(f32.weights(), a), maxAbsDiff(f32.output(), o), maxAbsDiff(f64.weights(), a),
          maxAbsDiff(f64.output(), o));
      assertThat(maxAbsDiff(f32.weights(), a)).isLessThan(1e-6);
      assertThat(maxAbsDiff(f32.output(), o)).isLessThan(1e-6);
      assertThat(maxAbsDiff(f64.weights(), a)).isLessThan(1e-6);
      assertThat(maxAbsDiff(f64.output(), o)).isLessThan(1e-6);
    }
  }

  // ---------------------------------------------------------------- registry, defaults, shapes

  @Test
  void theRegistryCreatesItByNameWithTypedParameters() {
    OperatorSpec spec = AttentionOperators.spec("monarch");
    assertThat(spec.params(Map.of()).asMap())
        .containsExactly(Map.entry("block-size", 0), Map.entry("steps", 2), Map.entry("pad", "pre"));
    AttentionOperator op = AttentionOperators.create("monarch", Map.of("block-size", "3", "steps", 2, "pad", "post"));
    assertThat(op.name()).isEqualTo("monarch");
    assertThat(op.hasWeights()).isTrue();
    DMatrixRMaj q = gaussian(1, 7, D);
    DMatrixRMaj k = gaussian(2, 7, D);
    DMatrixRMaj v = gaussian(3, 7, D);
    OperatorChecks.assertForwardMatchesReference(op, new MonarchReference(3, 2, Monarch.POST), q, k, v, null,
        DataType.FLOAT64, 1e-12);
    var ref = AttentionOperators.reference("monarch", Map.of("block-size", 3, "pad", "post"));
    assertThat(maxAbsDiff(ref.apply(q, k, v, null).output(),
        new MonarchReference(3, 2, Monarch.POST).apply(q, k, v, null).output())).isZero();

    assertThatThrownBy(() -> AttentionOperators.create("monarch", Map.of("steps", 0)))
        .isInstanceOf(InvalidOperatorParameterException.class)
        .hasMessage("attention operator 'monarch': parameter 'steps' must be an integer from 1 to 64, got '0'");
    assertThatThrownBy(() -> AttentionOperators.create("monarch", Map.of("block-size", -1)))
        .hasMessage("attention operator 'monarch': parameter 'block-size' must be an integer from 0 to 65536, got '-1'");
    assertThatThrownBy(() -> AttentionOperators.create("monarch", Map.of("pad", "middle")))
        .hasMessage("attention operator 'monarch': parameter 'pad' must be one of pre, post, got 'middle'");
    assertThatThrownBy(() -> AttentionOperators.create("monarch", Map.of("blocks", 4)))
        .hasMessage("attention operator 'monarch' has no parameter 'blocks'; its parameters: block-size, steps, pad");
    assertThatThrownBy(() -> new MonarchAttention(4, 0, Monarch.PRE))
        .hasMessage("monarch attention: steps must be from 1 to 64, got 0");
  }

  @Test
  void blockSizeZeroIsRoundedSquareRootOfN() {
    assertThat(Monarch.effectiveBlockSize(0, 197)).isEqualTo(14); // the official ViT setting
    assertThat(Monarch.effectiveBlockSize(0, 16)).isEqualTo(4);
    assertThat(Monarch.effectiveBlockSize(0, 7)).isEqualTo(3);
    assertThat(Monarch.effectiveBlockSize(0, 1)).isEqualTo(1);
    assertThat(Monarch.effectiveBlockSize(20, 7)).isEqualTo(7);
    DMatrixRMaj q = gaussian(1, 7, D);
    DMatrixRMaj k = gaussian(2, 7, D);
    DMatrixRMaj v = gaussian(3, 7, D);
    Run auto = djl(new MonarchAttention(0, 2, Monarch.PRE), q, k, v, null, DataType.FLOAT64);
    Run three = djl(new MonarchAttention(3, 2, Monarch.PRE), q, k, v, null, DataType.FLOAT64);
    Run two = djl(new MonarchAttention(2, 2, Monarch.PRE), q, k, v, null, DataType.FLOAT64);
    assertThat(maxAbsDiff(auto.output(), three.output())).isZero();
    assertThat(maxAbsDiff(auto.output(), two.output())).isGreaterThan(1e-3);
    // a single token attends to itself (weight 1/(1 + 1e-12): the official eps in the R denominator)
    DMatrixRMaj one = gaussian(4, 1, D);
    Run single = djl(new MonarchAttention(0, 3, Monarch.POST), gaussian(5, 1, D), gaussian(6, 1, D), one, null,
        DataType.FLOAT64);
    assertThat(maxAbsDiff(single.output(), one)).isLessThan(1e-11);
    assertThat(single.weights().get(0, 0)).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-11));
  }

  @Test
  void badShapesAreRefusedNamingThem() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray q = toNd(m, gaussian(1, 6, D), DataType.FLOAT32);
      NDArray k = toNd(m, gaussian(2, 5, D), DataType.FLOAT32);
      assertThatThrownBy(() -> new MonarchAttention(0, 2, Monarch.PRE).apply(q, k, k, null, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("monarch attention is self-attention: it needs as many keys as queries, got Q (1, 1, 6, 4) "
              + "and K (1, 1, 5, 4)");
      NDArray k3 = m.create(new float[2 * 6 * D], new Shape(2, 1, 6, D));
      NDArray q3 = m.create(new float[3 * 6 * D], new Shape(3, 1, 6, D));
      assertThatThrownBy(() -> new MonarchAttention(0, 2, Monarch.PRE).apply(q3, k3, k3, null, false))
          .hasMessage("monarch attention: the leading axes of K (2, 1, 6, 4) must equal those of Q (3, 1) or be 1");
    }
    assertThatThrownBy(() -> new MonarchReference(0, 2, Monarch.PRE).apply(gaussian(1, 6, D), gaussian(2, 5, D),
        gaussian(3, 5, D), null))
        .hasMessage("monarch attention is self-attention: it needs as many keys as queries, got 6 queries and 5 keys");
  }
}
