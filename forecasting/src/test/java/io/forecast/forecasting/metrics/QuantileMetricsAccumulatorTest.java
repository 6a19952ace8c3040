package io.forecast.forecasting.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.data.StandardScaler;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class QuantileMetricsAccumulatorTest {
  private static final Offset<Double> EPS = within(1e-12);
  private static final StandardScaler IDENTITY = StandardScaler.of(new double[] {0}, new double[] {1});

  /**
   * Levels 0.25, 0.5, 0.75 (K = 3, k/(K+1)); quantiles 1, 2, 3 at both steps; actuals 2.5 and 0.
   *
   * <pre>
   * y = 2.5: ρ.25(2.5, 1) = .25·1.5 = .375; ρ.5(2.5, 2) = .5·.5 = .25; ρ.75(2.5, 3) = .25·.5 = .125
   *          sum .75 → CRPS ≈ (2/3)·.75 = 0.5
   * y = 0:   ρ.25(0, 1) = .75·1 = .75;      ρ.5(0, 2) = .5·2 = 1;      ρ.75(0, 3) = .25·3 = .75
   *          sum 2.5 → CRPS ≈ (2/3)·2.5 = 5/3
   * overall CRPS (0.5 + 5/3)/2 = 13/12; step 1: 0.5, step 2: 5/3
   * mean pinball: τ .25: (.375 + .75)/2 = .5625; τ .5: (.25 + 1)/2 = .625; τ .75: (.125 + .75)/2 = .4375
   * y ≤ q: τ .25: no, yes → .5; τ .5: no, yes → .5; τ .75: yes, yes → 1
   * </pre>
   */
  @Test
  void crpsFromQuantilesByHand() {
    QuantileMetricsAccumulator acc = new QuantileMetricsAccumulator(List.of("y"), 2, IDENTITY, 0.25, 0.5, 0.75);
    acc.add(new double[][] {{1, 1}, {2, 2}, {3, 3}}, new double[] {2.5, 0});
    QuantileMetrics m = acc.result();
    assertThat(m.levels()).containsExactly(0.25, 0.5, 0.75);
    QuantileScaleMetrics z = m.zScored();
    assertThat(z.overall().count()).isEqualTo(2);
    assertThat(z.overall().crps()).isCloseTo(13.0 / 12.0, EPS);
    assertThat(z.byColumn().get("y").crps()).isCloseTo(13.0 / 12.0, EPS);
    assertThat(z.byStep().get(0).crps()).isCloseTo(0.5, EPS);
    assertThat(z.byStep().get(1).crps()).isCloseTo(5.0 / 3.0, EPS);
    assertThat(z.byLevel().get(0).meanPinball()).isCloseTo(0.5625, EPS);
    assertThat(z.byLevel().get(1).meanPinball()).isCloseTo(0.625, EPS);
    assertThat(z.byLevel().get(2).meanPinball()).isCloseTo(0.4375, EPS);
    assertThat(z.byLevel()).extracting(QuantileLevelStats::fractionBelow).containsExactly(0.5, 0.5, 1.0);
  }

  /** Scaler mean −3, std 4: the CRPS and pinball losses are × 4; the fractions below unchanged. */
  @Test
  void originalScaleIsZScoredTimesStd() throws Exception {
    QuantileMetricsAccumulator acc = new QuantileMetricsAccumulator(
        List.of("y"), 2, StandardScaler.of(new double[] {-3}, new double[] {4}), 0.25, 0.5, 0.75);
    acc.add(new double[][] {{1, 1}, {2, 2}, {3, 3}}, new double[] {2.5, 0});
    QuantileMetrics m = acc.result();
    assertThat(m.original().overall().crps()).isCloseTo(4 * 13.0 / 12.0, EPS);
    assertThat(m.original().byLevel().get(0).meanPinball()).isCloseTo(4 * 0.5625, EPS);
    assertThat(m.original().byLevel()).extracting(QuantileLevelStats::fractionBelow).containsExactly(0.5, 0.5, 1.0);
    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.readValue(mapper.writeValueAsString(m), QuantileMetrics.class)).isEqualTo(m);
  }

  @Test
  void streamingInSeveralBatchesEqualsOneBatch() {
    QuantileMetricsAccumulator once = new QuantileMetricsAccumulator(List.of("y"), 1, IDENTITY, 0.1, 0.9);
    once.add(new double[][] {{-1, 0, 2}, {1, 3, 4}}, new double[] {0.5, -2, 5});
    QuantileMetricsAccumulator batched = new QuantileMetricsAccumulator(List.of("y"), 1, IDENTITY, 0.1, 0.9);
    batched.add(new double[][] {{-1}, {1}}, new double[] {0.5});
    batched.add(new double[][] {{}, {}}, new double[] {});
    batched.add(new double[][] {{0, 2}, {3, 4}}, new double[] {-2, 5});
    assertThat(batched.result()).isEqualTo(once.result());
    assertThat(batched.windows()).isEqualTo(3);
    // 4·(1 + columns + predLen) + 5·levels + 2·columns = 12 + 10 + 2, whatever the number of windows
    assertThat(batched.retainedDoubles()).isEqualTo(24);
  }

  @Test
  void argumentErrorsNameTheProblem() {
    assertThatThrownBy(() -> new QuantileMetricsAccumulator(List.of("y"), 1, IDENTITY, 0.5, 0.25))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
    QuantileMetricsAccumulator acc = new QuantileMetricsAccumulator(List.of("y"), 1, IDENTITY, 0.5);
    assertThatThrownBy(() -> acc.add(new double[][] {{1, 2}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quantiles of level 0.5 has 2 values, actual has 1");
    assertThatThrownBy(() -> acc.add(new double[][] {{1}, {2}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 quantile arrays for 1 levels");
    assertThatThrownBy(() -> acc.add(new double[][] {{Double.POSITIVE_INFINITY}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
  }
}
