package io.forecast.attention.sink;

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
import io.forecast.attention.AttentionOperator;
import io.forecast.attention.AttentionResult;
import io.forecast.attention.InvalidOperatorParameterException;
import io.forecast.attention.reference.ReferenceOperator;
import io.forecast.attention.registry.AttentionOperators;
import io.forecast.attention.softmax.SoftmaxReference;
import io.forecast.attention.testing.OperatorChecks;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

/** V1–V4 (spec §6.2, §6.4): limits, identities, augmented row sums, oracle parity, gradients, registry. */
class SinkVariantsTest {
  static final int N = 7;
  static final int D = 4;
  final DMatrixRMaj q = gaussian(31, N, D);
  final DMatrixRMaj k = gaussian(32, N, D);
  final DMatrixRMaj v = gaussian(33, N, D);

  record Pair(AttentionOperator op, ReferenceOperator ref) {}

  static List<Pair> pairs() {
    return List.of(new Pair(new SinkTokenAttention(0.7, -1.3), new SinkTokenReference(0.7, -1.3)),
        new Pair(new NullSinkAttention(0.4), new NullSinkReference(0.4)),
        new Pair(new DiagonalBiasAttention(1.5), new DiagonalBiasReference(1.5)),
        new Pair(new SwitchAttention(0.4, 1.5), new SwitchReference(0.4, 1.5)));
  }

  /** A mask with some keys removed, the diagonal of query 1 removed, and query 4 seeing nothing. */
  static boolean[][] mask() {
    boolean[][] keep = new boolean[N][N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        keep[i][j] = (i * 3 + j * 5) % 4 != 0 && i != 4;
      }
    }
    keep[1][1] = false;
    return keep;
  }

  static AttentionResult djl(NDManager m, AttentionOperator op, DMatrixRMaj q, DMatrixRMaj k, DMatrixRMaj v,
      DataType type) {
    return op.apply(toNd(m, q, type), toNd(m, k, type), toNd(m, v, type), null, true);
  }

  @Test
  void nullSinkWithALargeLogitSwitchesOffAndWithAVeryNegativeOneIsSoftmax() {
    double normV = NormOps_DDRM.normF(v);
    DMatrixRMaj off = new NullSinkReference(50).apply(q, k, v, null).output();
    assertThat(NormOps_DDRM.normF(off)).isLessThan(1e-12 * normV);
    DMatrixRMaj softmax = new SoftmaxReference().apply(q, k, v, null).output();
    assertThat(maxAbsDiff(new NullSinkReference(-50).apply(q, k, v, null).output(), softmax)).isLessThan(1e-15);
    assertThat(maxAbsDiff(new NullSinkReference(0).apply(q, k, v, null).output(), softmax)).isGreaterThan(1e-3);
    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      try (NDManager m = NDManager.newBaseManager()) {
        assertThat(NormOps_DDRM.normF(toMatrix(djl(m, new NullSinkAttention(50), q, k, v, type).output())))
            .as(type.toString()).isLessThan(1e-12 * normV);
        assertThat(maxAbsDiff(toMatrix(djl(m, new NullSinkAttention(-50), q, k, v, type).output()), softmax))
            .as(type.toString()).isLessThan(type == DataType.FLOAT64 ? 1e-15 : 1e-6);
      }
    }
  }

  @Test
  void diagonalBiasWithALargeBiasGivesTheValues() {
    double normV = NormOps_DDRM.normF(v);
    assertThat(maxAbsDiff(new DiagonalBiasReference(50).apply(q, k, v, null).output(), v)).isLessThan(1e-12 * normV);
    assertThat(maxAbsDiff(new DiagonalBiasReference(0).apply(q, k, v, null).output(),
        new SoftmaxReference().apply(q, k, v, null).output())).isLessThan(1e-15);
    assertThat(maxAbsDiff(new DiagonalBiasReference(0).apply(q, k, v, null).output(), v)).isGreaterThan(0.1);
    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      try (NDManager m = NDManager.newBaseManager()) {
        AttentionResult r = djl(m, new DiagonalBiasAttention(50), q, k, v, type);
        assertThat(maxAbsDiff(toMatrix(r.output()), v)).as(type.toString())
            .isLessThan(type == DataType.FLOAT64 ? 1e-12 * normV : 1e-6 * normV);
      }
    }
  }

  @Test
  void aSinkTokenWithAZeroValueIsTheNullSink() {
    for (double b : new double[] {-2, 0, 0.9, 3}) {
      var v1 = new SinkTokenReference(b, 0).apply(q, k, v, null);
      var v2 = new NullSinkReference(b).apply(q, k, v, null);
      assertThat(maxAbsDiff(v1.output(), v2.output())).as("b = " + b).isLessThan(1e-15);
      assertThat(maxAbsDiff(v1.weights(), v2.weights())).as("b = " + b).isLessThan(1e-15);
      try (NDManager m = NDManager.newBaseManager()) {
        DMatrixRMaj o1 = toMatrix(djl(m, new SinkTokenAttention(b, 0), q, k, v, DataType.FLOAT64).output());
        assertThat(maxAbsDiff(o1, v2.output())).as("DJL, b = " + b).isLessThan(1e-15);
      }
    }
  }

  @Test
  void aSinkTokensValueAddsItsMassTimesTheValue() {
    double b = 0.3;
    double c = -1.7;
    DMatrixRMaj o = new SinkTokenReference(b, c).apply(q, k, v, null).output();
    DMatrixRMaj null0 = new NullSinkReference(b).apply(q, k, v, null).output();
    DMatrixRMaj aug = new NullSinkReference(b).augmented(q, k, v, null);
    for (int i = 0; i < N; i++) {
      assertThat(aug.get(i, N)).isBetween(0.01, 0.99);
      for (int col = 0; col < D; col++) {
        assertThat(Math.abs(o.get(i, col) - (null0.get(i, col) + aug.get(i, N) * c))).isLessThan(1e-15);
      }
    }
  }

  @Test
  void augmentedRowsSumToOneAndVisibleRowsToAtMostOne() {
    boolean[][] keep = mask();
    for (boolean[][] mask : new boolean[][][] {null, keep}) {
      List<DMatrixRMaj> augs = List.of(new SinkTokenReference(0.7, -1.3).augmented(q, k, v, mask),
          new NullSinkReference(0.4).augmented(q, k, v, mask), new SwitchReference(0.4, 1.5).augmented(q, k, v, mask));
      List<ReferenceOperator> refs = List.of(new SinkTokenReference(0.7, -1.3), new NullSinkReference(0.4),
          new SwitchReference(0.4, 1.5));
      for (int r = 0; r < augs.size(); r++) {
        DMatrixRMaj aug = augs.get(r);
        DMatrixRMaj visible = refs.get(r).apply(q, k, v, mask).weights();
        for (int i = 0; i < N; i++) {
          double augSum = 0;
          double visSum = 0;
          for (int j = 0; j <= N; j++) {
            assertThat(aug.get(i, j)).isGreaterThanOrEqualTo(0);
            augSum += aug.get(i, j);
            if (j < N) {
              assertThat(visible.get(i, j)).isEqualTo(aug.get(i, j));
              visSum += visible.get(i, j);
            }
          }
          assertThat(Math.abs(augSum - 1)).as("variant %d row %d", r, i).isLessThan(1e-12);
          assertThat(visSum).isLessThan(1 - 1e-3); // the sink takes a visible share at these logits
        }
      }
    }
    // diagonal-bias has no extra column: its rows sum to 1
    DMatrixRMaj a = new DiagonalBiasReference(1.5).apply(q, k, v, null).weights();
    for (int i = 0; i < N; i++) {
      double sum = 0;
      for (int j = 0; j < N; j++) {
        sum += a.get(i, j);
      }
      assertThat(Math.abs(sum - 1)).isLessThan(1e-12);
    }
  }

  @Test
  void theSwitchGeneralisesTheNullSinkAndTheDiagonalBiasAndMixesOffAndSelf() {
    assertThat(maxAbsDiff(new SwitchReference(0.4, 0).apply(q, k, v, null).output(),
        new NullSinkReference(0.4).apply(q, k, v, null).output())).isLessThan(1e-15);
    assertThat(maxAbsDiff(new SwitchReference(-50, 1.5).apply(q, k, v, null).output(),
        new DiagonalBiasReference(1.5).apply(q, k, v, null).output())).isLessThan(1e-15);
    assertThat(NormOps_DDRM.normF(new SwitchReference(50, 0).apply(q, k, v, null).output()))
        .isLessThan(1e-12 * NormOps_DDRM.normF(v));
    // b = β = 50: the mass splits between the null column and the token itself, O_i = σ(S_ii)·v_i
    DMatrixRMaj mix = new SwitchReference(50, 50).apply(q, k, v, null).output();
    for (int i = 0; i < N; i++) {
      double sii = 0;
      for (int c = 0; c < D; c++) {
        sii += q.get(i, c) * k.get(i, c) / Math.sqrt(D);
      }
      double self = 1 / (1 + Math.exp(-sii));
      for (int c = 0; c < D; c++) {
        assertThat(Math.abs(mix.get(i, c) - self * v.get(i, c))).isLessThan(1e-12);
      }
    }
  }

  @Test
  void djlForwardEqualsTheOracle() {
    boolean[][] keep = mask();
    for (Pair p : pairs()) {
      assertThat(p.op().hasWeights()).isTrue();
      OperatorChecks.assertForwardMatchesReference(p.op(), p.ref(), q, k, v, null, DataType.FLOAT64, 1e-12);
      OperatorChecks.assertForwardMatchesReference(p.op(), p.ref(), q, k, v, keep, DataType.FLOAT64, 1e-12);
      OperatorChecks.assertForwardMatchesReference(p.op(), p.ref(), q, k, v, null, DataType.FLOAT32, 1e-5);
      OperatorChecks.assertForwardMatchesReference(p.op(), p.ref(), q, k, v, keep, DataType.FLOAT32, 1e-5);
    }
    // the sink variants without a diagonal take cross-attention (M ≠ N)
    DMatrixRMaj k9 = gaussian(41, 9, D);
    DMatrixRMaj v9 = gaussian(42, 9, 3);
    OperatorChecks.assertForwardMatchesReference(new NullSinkAttention(0.4), new NullSinkReference(0.4), q, k9, v9,
        null, DataType.FLOAT64, 1e-12);
    OperatorChecks.assertForwardMatchesReference(new SinkTokenAttention(0.7, 2), new SinkTokenReference(0.7, 2), q, k9,
        v9, null, DataType.FLOAT64, 1e-12);
  }

  @Test
  void autogradEqualsFiniteDifferencesOfTheOracle() {
    boolean[][] keep = mask();
    for (Pair p : pairs()) {
      OperatorChecks.assertGradientsMatchFiniteDifferences(p.op(), p.ref(), q, k, v, null, DataType.FLOAT64, 1e-6, 1e-8);
      OperatorChecks.assertGradientsMatchFiniteDifferences(p.op(), p.ref(), q, k, v, keep, DataType.FLOAT64, 1e-6, 1e-8);
      OperatorChecks.assertGradientsMatchFiniteDifferences(p.op(), p.ref(), q, k, v, null, DataType.FLOAT32, 1e-6, 1e-4);
    }
  }

  @Test
  void aQueryWithEveryKeyMaskedGetsAZeroRowOrTheSinksValueAndAFiniteGradient() {
    boolean[][] keep = mask(); // query 4 sees nothing but the sink
    for (Pair p : pairs()) {
      // the sink token (value −1.3) takes all the mass; the null column and plain softmax rows give 0
      double expected = p.op() instanceof SinkTokenAttention ? -1.3 : 0;
      DMatrixRMaj o = p.ref().apply(q, k, v, keep).output();
      for (int col = 0; col < D; col++) {
        assertThat(o.get(4, col)).as(p.op().name()).isEqualTo(expected);
      }
      for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
        try (NDManager m = NDManager.newBaseManager()) {
          NDArray[] in = {toNd(m, q, type), toNd(m, k, type), toNd(m, v, type)};
          for (NDArray x : in) {
            x.setRequiresGradient(true);
          }
          DMatrixRMaj out;
          try (GradientCollector gc = m.getEngine().newGradientCollector()) {
            NDArray r = p.op().output(in[0], in[1], in[2], OperatorChecks.mask(m, keep));
            out = toMatrix(r);
            gc.backward(r.sum());
          }
          for (int col = 0; col < D; col++) {
            assertThat(out.get(4, col)).as(p.op().name() + ", " + type)
                .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-6));
          }
          for (NDArray x : in) {
            assertThat(x.getGradient().isNaN().any().getBoolean()).as(p.op().name() + " NaN gradient, " + type)
                .isFalse();
          }
          assertThat(toMatrix(in[0].getGradient()).get(4, 0)).isZero();
        }
      }
    }
  }

  @Test
  void theRegistryCreatesThemByNameAndRefusesOutOfRangeParameters() {
    assertThat(AttentionOperators.create("sink-token", Map.of("logit", "1.5", "value", 2)))
        .isInstanceOfSatisfying(SinkTokenAttention.class, o -> {
          assertThat(o.logit()).isEqualTo(1.5);
          assertThat(o.value()).isEqualTo(2.0);
        });
    assertThat(((NullSinkAttention) AttentionOperators.create("null-sink", Map.of())).bias()).isZero();
    assertThat(((DiagonalBiasAttention) AttentionOperators.create("diagonal-bias", Map.of("bias", 2))).bias())
        .isEqualTo(2.0);
    SwitchAttention sw = (SwitchAttention) AttentionOperators.create("switch", Map.of("diagonal", -3));
    assertThat(sw.bias()).isZero();
    assertThat(sw.diagonal()).isEqualTo(-3.0);
    assertThat(maxAbsDiff(AttentionOperators.reference("null-sink", Map.of("bias", 50)).apply(q, k, v, null).output(),
        new DMatrixRMaj(N, D))).isLessThan(1e-12);
    assertThatThrownBy(() -> AttentionOperators.create("null-sink", Map.of("bias", 5000)))
        .isInstanceOf(InvalidOperatorParameterException.class)
        .hasMessage("attention operator 'null-sink': parameter 'bias' must be a number from -1000 to 1000, got '5000'");
    assertThatThrownBy(() -> AttentionOperators.create("switch", Map.of("diagonal", "inf")))
        .hasMessage("attention operator 'switch': parameter 'diagonal' must be a number from -1000 to 1000, got 'inf'");
    assertThatThrownBy(() -> AttentionOperators.create("sink-token", Map.of("value", 1e7)))
        .hasMessage("attention operator 'sink-token': parameter 'value' must be a number from -1000000 to 1000000, "
            + "got '1.0E7'");
    assertThatThrownBy(() -> AttentionOperators.create("diagonal-bias", Map.of("beta", 1)))
        .hasMessage("attention operator 'diagonal-bias' has no parameter 'beta'; its parameters: bias");
  }

  @Test
  void diagonalVariantsRefuseCrossAttentionNamingTheSizes() {
    try (NDManager m = NDManager.newBaseManager()) {
      DMatrixRMaj k9 = gaussian(41, 9, D);
      assertThatThrownBy(() -> djl(m, new SwitchAttention(0, 1), q, k9, gaussian(42, 9, D), DataType.FLOAT32))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("attention operator 'switch' biases the diagonal, so it needs as many keys as queries "
              + "(self-attention), got 7 queries (Q (1, 1, 7, 4)) and 9 keys (K (1, 1, 9, 4))");
      assertThatThrownBy(() -> new DiagonalBiasReference(1).apply(q, k9, gaussian(42, 9, D), null))
          .hasMessage("attention operator 'diagonal-bias' biases the diagonal, so it needs as many keys as queries, "
              + "got 7 queries and 9 keys");
    }
  }
}
