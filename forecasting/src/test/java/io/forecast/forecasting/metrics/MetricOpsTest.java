package io.forecast.forecasting.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricOpsTest {
  @Test
  void percentageErrors() {
    // |3 − 4|/4 = 0.25; 2·1/(3 + 4) = 2/7
    assertThat(PointMetricOps.absolutePercentageError(3, 4)).isEqualTo(0.25);
    assertThat(PointMetricOps.absolutePercentageError(3, -4)).isEqualTo(1.75);
    assertThat(PointMetricOps.symmetricAbsolutePercentageError(3, 4)).isCloseTo(2.0 / 7.0, within(1e-15));
    // 0/0 := 0; a zero forecast of a non-zero actual (or the reverse) is the maximum 2
    assertThat(PointMetricOps.symmetricAbsolutePercentageError(0, 0)).isEqualTo(0.0);
    assertThat(PointMetricOps.symmetricAbsolutePercentageError(0, 5)).isEqualTo(2.0);
    assertThat(PointMetricOps.symmetricAbsolutePercentageError(-5, 0)).isEqualTo(2.0);
    assertThat(PointMetricOps.mapeExcludes(0)).isTrue();
    assertThat(PointMetricOps.mapeExcludes(1e-13)).isTrue();
    assertThat(PointMetricOps.mapeExcludes(1e-12)).isFalse();
    assertThatThrownBy(() -> PointMetricOps.absolutePercentageError(1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("excluded from MAPE");
  }

  @Test
  void rSquaredAndTotalSumOfSquares() {
    // y = 1, 2, 4, −2 shifted by K = 1: d = 0, 1, 3, −3; Σd = 1, Σd² = 19; SST = 19 − 1/4 = 18.75
    assertThat(PointMetricOps.totalSumOfSquares(1, 19, 4)).isEqualTo(18.75);
    assertThat(PointMetricOps.rSquared(6, 18.75)).isCloseTo(0.68, within(1e-15));
    assertThat(PointMetricOps.rSquared(1, 0)).isNull();
    assertThat(PointMetricOps.rSquared(0, 0)).isNull();
  }

  /**
   * α = 0.1 (2/α = 20), [2, 6]: y 4 → 4; y 1 → 4 + 20·1 = 24; y 7.5 → 4 + 20·1.5 = 34; y 2 (on the
   * bound) → covered, 4.
   */
  @Test
  void intervalScoreAndCoverage() {
    assertThat(IntervalMetricOps.intervalScore(2, 6, 4, 0.1)).isCloseTo(4.0, within(1e-12));
    assertThat(IntervalMetricOps.intervalScore(2, 6, 1, 0.1)).isCloseTo(24.0, within(1e-12));
    assertThat(IntervalMetricOps.intervalScore(2, 6, 7.5, 0.1)).isCloseTo(34.0, within(1e-12));
    assertThat(IntervalMetricOps.intervalScore(2, 6, 2, 0.1)).isCloseTo(4.0, within(1e-12));
    assertThat(IntervalMetricOps.covers(2, 6, 2)).isTrue();
    assertThat(IntervalMetricOps.covers(2, 6, 6)).isTrue();
    assertThat(IntervalMetricOps.covers(2, 6, 6.0001)).isFalse();
    assertThatThrownBy(() -> IntervalMetricOps.intervalScore(6, 2, 4, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("above its upper bound");
    assertThatThrownBy(() -> IntervalMetricOps.intervalScore(2, 6, 4, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
  }

  /** ρ.9(3, 1) = .9·2 = 1.8; ρ.9(1, 3) = .1·2 = 0.2; ρ.5 = |y − q|/2. */
  @Test
  void pinball() {
    assertThat(IntervalMetricOps.pinball(3, 1, 0.9)).isCloseTo(1.8, within(1e-15));
    assertThat(IntervalMetricOps.pinball(1, 3, 0.9)).isCloseTo(0.2, within(1e-15));
    assertThat(IntervalMetricOps.pinball(1, 3, 0.5)).isEqualTo(1.0);
  }

  /**
   * Predictive U(0, 1), y = 0.5: CRPS = ∫(F(x) − 1{x ≥ y})² dx = y³/3 + (1 − y)³/3 = 1/24 + 1/24 =
   * 1/12. Its τ-quantile is τ; with K = 999 levels k/1000 the approximation is within 1e-3.
   */
  @Test
  void crpsFromManyQuantilesApproachesTheExactCrps() {
    int k = 999;
    double[] taus = new double[k];
    for (int i = 0; i < k; i++) {
      taus[i] = (i + 1) / 1000.0;
    }
    assertThat(IntervalMetricOps.crpsFromQuantiles(0.5, taus.clone(), taus)).isCloseTo(1.0 / 12.0, within(1e-3));
    // K = 3, levels .25, .5, .75, quantiles 1, 2, 3, y = 2.5: (2/3)(.375 + .25 + .125) = 0.5
    assertThat(IntervalMetricOps.crpsFromQuantiles(2.5, new double[] {1, 2, 3}, new double[] {.25, .5, .75}))
        .isCloseTo(0.5, within(1e-15));
    assertThatThrownBy(() -> IntervalMetricOps.crpsFromQuantiles(1, new double[] {1}, new double[] {.2, .8}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 quantiles for 2 levels");
  }
}
