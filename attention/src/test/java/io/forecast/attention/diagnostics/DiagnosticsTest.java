package io.forecast.attention.diagnostics;

import static io.forecast.attention.testing.OperatorChecks.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.forecast.attention.softmax.SoftmaxReference;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Spec §6.4 (metrics) and hand-computed cases. */
class DiagnosticsTest {

  @Test
  void uniformAttentionWithoutResidualCollapsesTheTokensToRankOne() {
    DMatrixRMaj h = gaussian(5, 8, 4);
    var out = new SoftmaxReference().apply(new DMatrixRMaj(8, 4), new DMatrixRMaj(8, 4), h, null);
    TokenDiagnostics t = TokenDiagnostics.of(out.output());
    assertThat(t.rankOneDistance()).isLessThan(1e-12);
    assertThat(t.meanPairwiseCosine()).isCloseTo(1, within(1e-12));
    assertThat(t.dirichletEnergy()).isLessThan(1e-12);
  }

  @Test
  void theIdentityLeavesTheDistanceUnchangedAndScalingDoesNotMatter() {
    DMatrixRMaj h = gaussian(6, 8, 4);
    DMatrixRMaj same = new DMatrixRMaj(8, 4);
    CommonOps_DDRM.mult(CommonOps_DDRM.identity(8), h, same);
    assertThat(TokenDiagnostics.of(same).rankOneDistance()).isEqualTo(TokenDiagnostics.of(h).rankOneDistance());
    DMatrixRMaj scaled = h.copy();
    CommonOps_DDRM.scale(37.5, scaled);
    assertThat(TokenDiagnostics.of(scaled).rankOneDistance())
        .isCloseTo(TokenDiagnostics.of(h).rankOneDistance(), within(1e-12));
    assertThat(TokenDiagnostics.of(scaled).dirichletEnergy())
        .isCloseTo(TokenDiagnostics.of(h).dirichletEnergy(), within(1e-12));
  }

  @Test
  void handComputedTokenCase() {
    // tokens (1, 0) and (0, 1): mean (½, ½), ‖H − 1h̄ᵀ‖² = 1, ‖H‖² = 2; cosine 0; σ = (1, 1)
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
    TokenDiagnostics t = TokenDiagnostics.of(h);
    assertThat(t.rankOneDistance()).isCloseTo(Math.sqrt(0.5), within(1e-15));
    assertThat(t.meanPairwiseCosine()).isCloseTo(0, within(1e-15));
    // (1/4)·(2 + 2) / (2/2) = 1
    assertThat(t.dirichletEnergy()).isCloseTo(1, within(1e-15));
    assertThat(t.effectiveRank()).isCloseTo(2, within(1e-12));
  }

  @Test
  void handComputedMixingCase() {
    // row 0 sends everything to key 1; row 1 half/half; row 2 keeps only 0.05 (a null sink takes 0.95)
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{0, 1, 0}, {0.5, 0.5, 0}, {0, 0, 0.05}});
    MixingDiagnostics m = MixingDiagnostics.of(a);
    assertThat(m.maxRowError()).isCloseTo(0.95, within(1e-15));
    assertThat(m.sinkColumn()).isEqualTo(1);
    assertThat(m.sinkMass()).isCloseTo(1.5 / 3, within(1e-15));
    assertThat(m.switchOffMass()).isCloseTo(0.95 / 3, within(1e-15));
    assertThat(m.switchRate()).isCloseTo(1.0 / 3, within(1e-15));
    assertThat(m.diagonalMass()).isCloseTo((0 + 0.5 + 0.05) / 3, within(1e-15));
    assertThat(m.meanRowEntropy()).isCloseTo(Math.log(2) / 3, within(1e-15));
    // column sums 0.5, 1.5, 0.05 against 1
    assertThat(m.maxColumnError()).isCloseTo(0.95, within(1e-15));
  }

  @Test
  void softmaxIsRowStochasticButNotColumnStochastic() {
    DMatrixRMaj a = new SoftmaxReference().apply(gaussian(1, 8, 4), gaussian(2, 8, 4), gaussian(3, 8, 4), null)
        .weights();
    MixingDiagnostics m = MixingDiagnostics.of(a);
    assertThat(m.maxRowError()).isLessThan(1e-12);
    assertThat(m.maxColumnError()).isGreaterThan(0.01);
    assertThat(m.switchRate()).isZero();
  }

  @Test
  void identicalTokensHaveCosineOneZeroEnergyAndEffectiveRankOne() {
    DMatrixRMaj same = new DMatrixRMaj(5, 3);
    for (int i = 0; i < 5; i++) {
      same.set(i, 0, 1.5);
      same.set(i, 1, -2);
      same.set(i, 2, 0.25);
    }
    TokenDiagnostics t = TokenDiagnostics.of(same);
    assertThat(t.meanPairwiseCosine()).isCloseTo(1, within(1e-15));
    assertThat(t.dirichletEnergy()).isZero();
    assertThat(t.rankOneDistance()).isLessThan(1e-15);
    assertThat(t.effectiveRank()).isCloseTo(1, within(1e-12));
    // orthonormal tokens: equal singular values, effective rank N
    assertThat(TokenDiagnostics.of(CommonOps_DDRM.identity(4)).effectiveRank()).isCloseTo(4, within(1e-12));
  }

  @Test
  void aSwitchedOffNullSinkHasFullSwitchOffMassAndSwitchRate() {
    DMatrixRMaj q = gaussian(54, 6, 4);
    DMatrixRMaj k = gaussian(55, 6, 4);
    DMatrixRMaj v = gaussian(56, 6, 4);
    MixingDiagnostics off = MixingDiagnostics.of(
        new io.forecast.attention.sink.NullSinkReference(50).apply(q, k, v, null).weights());
    assertThat(off.switchOffMass()).isCloseTo(1, within(1e-15));
    assertThat(off.switchRate()).isEqualTo(1.0);
    MixingDiagnostics on = MixingDiagnostics.of(
        new io.forecast.attention.sink.NullSinkReference(-50).apply(q, k, v, null).weights());
    assertThat(on.switchOffMass()).isLessThan(1e-15);
    assertThat(on.switchRate()).isZero();
  }
}
