package io.forecast.attention.sink;

import static io.forecast.attention.testing.OperatorChecks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.forecast.attention.softmax.SoftmaxReference;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The §6.3 metrics, with the §6.4 item 5 checks and hand-computed values. */
class SinkMetricsTest {
  final DMatrixRMaj h = gaussian(51, 6, 4);

  @Test
  void uniformAttentionWithoutResidualCollapsesToRankOne() {
    DMatrixRMaj zeros = new DMatrixRMaj(6, 4);
    DMatrixRMaj h1 = new SoftmaxReference().apply(zeros, zeros, h, null).output();
    assertThat(SinkMetrics.rankOneDistance(h1)).isLessThan(1e-12);
    assertThat(SinkMetrics.rankOneDistance(h)).isGreaterThan(0.5);
  }

  @Test
  void theIdentityAttentionLeavesTheDistanceUnchanged() {
    // diagonal-bias with β = 1000 is A = I exactly in float64
    var r = new DiagonalBiasReference(1000).apply(gaussian(52, 6, 3), gaussian(53, 6, 3), h, null);
    assertThat(CommonOps_DDRM.identity(6).data).containsExactly(r.weights().data);
    assertThat(SinkMetrics.rankOneDistance(r.output())).isCloseTo(SinkMetrics.rankOneDistance(h), within(1e-15));
  }

  @Test
  void theDistanceIsScaleInvariant() {
    DMatrixRMaj scaled = h.copy();
    CommonOps_DDRM.scale(-37.5, scaled);
    assertThat(SinkMetrics.rankOneDistance(scaled)).isCloseTo(SinkMetrics.rankOneDistance(h), within(1e-14));
  }

  @Test
  void identicalTokensHaveCosineOneAndZeroEnergyAndEffectiveRankOne() {
    DMatrixRMaj same = new DMatrixRMaj(5, 3);
    for (int i = 0; i < 5; i++) {
      same.set(i, 0, 1.5);
      same.set(i, 1, -2);
      same.set(i, 2, 0.25);
    }
    assertThat(SinkMetrics.meanPairwiseCosine(same)).isCloseTo(1, within(1e-15));
    assertThat(SinkMetrics.dirichletEnergy(same)).isZero();
    assertThat(SinkMetrics.rankOneDistance(same)).isLessThan(1e-15);
    assertThat(SinkMetrics.effectiveRank(same)).isCloseTo(1, within(1e-12));
  }

  @Test
  void handComputedValues() {
    // tokens (1, 0) and (−1, 0): Σ_ij ‖h_i − h_j‖² = 2·4 = 8, /N² = 2, ‖H‖²/N = 1 → energy 2; cosine −1
    DMatrixRMaj opposite = new DMatrixRMaj(new double[][] {{1, 0}, {-1, 0}});
    assertThat(SinkMetrics.dirichletEnergy(opposite)).isCloseTo(2, within(1e-15));
    assertThat(SinkMetrics.meanPairwiseCosine(opposite)).isCloseTo(-1, within(1e-15));
    assertThat(SinkMetrics.rankOneDistance(opposite)).isCloseTo(1, within(1e-15));
    // orthonormal tokens: equal singular values → effective rank N
    assertThat(SinkMetrics.effectiveRank(CommonOps_DDRM.identity(4))).isCloseTo(4, within(1e-12));
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0.5, 0.5, 0}, {0.25, 0.25, 0.5}});
    assertThat(SinkMetrics.meanRowEntropy(a)).isCloseTo((Math.log(2) + 1.5 * Math.log(2)) / 2, within(1e-15));
    assertThat(SinkMetrics.diagonalMass(a)).isCloseTo(0.375, within(1e-15));
    assertThat(SinkMetrics.sinkMass(a)).isCloseTo(0.25, within(1e-15));
    assertThat(SinkMetrics.switchRate(a, 0.4)).isEqualTo(0.5);
  }

  @Test
  void aSwitchedOffNullSinkHasFullSinkMassAndSwitchRate() {
    DMatrixRMaj q = gaussian(54, 6, 4);
    DMatrixRMaj k = gaussian(55, 6, 4);
    DMatrixRMaj off = new NullSinkReference(50).augmented(q, k, h, null);
    assertThat(SinkMetrics.sinkMass(off)).isCloseTo(1, within(1e-15));
    assertThat(SinkMetrics.switchRate(off, 0.9)).isEqualTo(1.0);
    DMatrixRMaj on = new NullSinkReference(-50).augmented(q, k, h, null);
    assertThat(SinkMetrics.sinkMass(on)).isLessThan(1e-15);
    assertThat(SinkMetrics.switchRate(on, 0.9)).isZero();
  }
}
