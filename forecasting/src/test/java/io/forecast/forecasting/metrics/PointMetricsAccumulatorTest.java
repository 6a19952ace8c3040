package io.forecast.forecasting.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.data.SlidingWindows;
import io.forecast.data.StandardScaler;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PointMetricsAccumulatorTest {
  private static final Offset<Double> EPS = within(1e-12);

  private static StandardScaler identity(int columns) {
    double[] mean = new double[columns];
    double[] std = new double[columns];
    java.util.Arrays.fill(std, 1.0);
    return StandardScaler.of(mean, std);
  }

  /**
   * One column, predLen 2, two windows, identity scaler.
   *
   * <pre>
   * actual    w0: 1,  2    w1: 4, -2
   * predicted w0: 2,  2    w1: 3,  0
   * e = p − y     1,  0        -1,  2
   * e²            1,  0         1,  4   SSE 6 → MSE 6/4 = 1.5, RMSE √1.5
   * |e|           1,  0         1,  2   → MAE 4/4 = 1
   * |e|/|y|       1,  0       0.25, 1   → MAPE 2.25/4 = 0.5625
   * 2|e|/(|p|+|y|) 2/3, 0     2/7,  2   → sMAPE (2/3 + 2/7 + 2)/4 = (62/21)/4 = 31/42
   * R²: ȳ = 5/4; SST = 0.0625 + 0.5625 + 7.5625 + 10.5625 = 18.75; 1 − 6/18.75 = 0.68
   * step 1: y 1, 4; e 1, −1 → MSE 1, MAE 1, MAPE (1 + 0.25)/2 = 0.625, sMAPE (2/3 + 2/7)/2 = 10/21,
   *         R²: ȳ 2.5, SST 4.5, SSE 2 → 1 − 2/4.5 = 5/9
   * step 2: y 2, −2; e 0, 2 → MSE 2, MAE 1, MAPE (0 + 1)/2 = 0.5, sMAPE (0 + 2)/2 = 1,
   *         R²: ȳ 0, SST 8, SSE 4 → 0.5
   * MASE, period 2, training 1, 3, 2, 6, 4: |2−1| + |6−3| + |4−2| = 6 over T − m = 3 → scale 2;
   *         MASE = MAE / 2 = 0.5 (each step: 1/2 = 0.5)
   * </pre>
   */
  @Test
  void everyPointMetricAgainstAHandComputation() {
    SeasonalNaiveScale scale = SeasonalNaiveScale.of(new double[][] {{1, 3, 2, 6, 4}}, 2);
    assertThat(scale.scale(0)).isEqualTo(2.0);
    PointMetricsAccumulator acc = new PointMetricsAccumulator(List.of("y"), 2, identity(1), scale);
    acc.add(new double[] {2, 2, 3, 0}, new double[] {1, 2, 4, -2});
    ForecastMetrics m = acc.result();

    assertThat(m.windows()).isEqualTo(2);
    assertThat(m.masePeriod()).isEqualTo(2);
    PointMetrics all = m.zScored().overall();
    assertThat(all.count()).isEqualTo(4);
    assertThat(all.mse()).isCloseTo(1.5, EPS);
    assertThat(all.rmse()).isCloseTo(1.224744871391589, EPS);
    assertThat(all.mae()).isCloseTo(1.0, EPS);
    assertThat(all.mape()).isCloseTo(0.5625, EPS);
    assertThat(all.mapeExcluded()).isZero();
    assertThat(all.smape()).isCloseTo(31.0 / 42.0, EPS);
    assertThat(all.r2()).isCloseTo(0.68, EPS);
    assertThat(all.mase()).isCloseTo(0.5, EPS);
    assertThat(m.zScored().byColumn()).containsOnlyKeys("y");
    assertThat(m.zScored().byColumn().get("y")).isEqualTo(all);

    PointMetrics s1 = m.zScored().byStep().get(0);
    assertThat(s1.count()).isEqualTo(2);
    assertThat(s1.mse()).isCloseTo(1.0, EPS);
    assertThat(s1.mae()).isCloseTo(1.0, EPS);
    assertThat(s1.mape()).isCloseTo(0.625, EPS);
    assertThat(s1.smape()).isCloseTo(10.0 / 21.0, EPS);
    assertThat(s1.r2()).isCloseTo(5.0 / 9.0, EPS);
    assertThat(s1.mase()).isCloseTo(0.5, EPS);
    PointMetrics s2 = m.zScored().byStep().get(1);
    assertThat(s2.mse()).isCloseTo(2.0, EPS);
    assertThat(s2.rmse()).isCloseTo(Math.sqrt(2.0), EPS);
    assertThat(s2.mae()).isCloseTo(1.0, EPS);
    assertThat(s2.mape()).isCloseTo(0.5, EPS);
    assertThat(s2.smape()).isCloseTo(1.0, EPS);
    assertThat(s2.r2()).isCloseTo(0.5, EPS);
    assertThat(s2.mase()).isCloseTo(0.5, EPS);
    // identity scaler: the original scale is the same
    assertThat(m.original().overall().mse()).isCloseTo(1.5, EPS);
  }

  /**
   * Two columns, one window, predLen 1; MASE scales from period-1 training rows {0, 2} and {0, 4}:
   * |2 − 0|/1 = 2 and |4 − 0|/1 = 4. Errors 1 and 1: MASE a = 1/2 = 0.5, b = 1/4 = 0.25; overall =
   * mean over variates = 0.375. R²: one value per column, SST 0 → absent.
   */
  @Test
  void overallMaseIsTheMeanOverVariates() {
    SeasonalNaiveScale scale = SeasonalNaiveScale.of(new double[][] {{0, 2}, {0, 4}}, 1);
    PointMetricsAccumulator acc = new PointMetricsAccumulator(List.of("a", "b"), 1, identity(2), scale);
    acc.add(new double[] {1, 3}, new double[] {0, 2});
    ForecastMetrics m = acc.result();
    assertThat(m.zScored().byColumn().get("a").mase()).isCloseTo(0.5, EPS);
    assertThat(m.zScored().byColumn().get("b").mase()).isCloseTo(0.25, EPS);
    assertThat(m.zScored().overall().mase()).isCloseTo(0.375, EPS);
    assertThat(m.zScored().byStep().get(0).mase()).isCloseTo(0.375, EPS);
    assertThat(m.zScored().overall().r2()).isNull();
  }

  /** Column b's training series is constant: scale 0, so b has no MASE and the overall is a's 0.5. */
  @Test
  void aZeroMaseScaleLeavesThatVariateOut() {
    SeasonalNaiveScale scale = SeasonalNaiveScale.of(new double[][] {{0, 2}, {7, 7}}, 1);
    PointMetricsAccumulator acc = new PointMetricsAccumulator(List.of("a", "b"), 1, identity(2), scale);
    acc.add(new double[] {1, 3}, new double[] {0, 2});
    ForecastMetrics m = acc.result();
    assertThat(m.zScored().byColumn().get("b").mase()).isNull();
    assertThat(m.zScored().overall().mase()).isCloseTo(0.5, EPS);
  }

  @Test
  void withoutAScaleThereIsNoMase() {
    PointMetricsAccumulator acc = new PointMetricsAccumulator(List.of("a"), 1, identity(1));
    acc.add(new double[] {1}, new double[] {2});
    ForecastMetrics m = acc.result();
    assertThat(m.masePeriod()).isNull();
    assertThat(m.zScored().overall().mase()).isNull();
    assertThat(m.original().overall().mase()).isNull();
  }

  /**
   * actual 0, 2; predicted 1, 1. MAPE excludes the zero actual: |1 − 2|/2 = 0.5, one excluded.
   * sMAPE: 2·1/(1 + 0) = 2 and 2·1/(1 + 2) = 2/3 → (8/3)/2 = 4/3.
   */
  @Test
  void mapeExcludesZeroActualsAndCountsThem() {
    PointMetricsAccumulator acc = new PointMetricsAccumulator(List.of("a"), 2, identity(1));
    acc.add(new double[] {1, 1}, new double[] {0, 2});
    PointMetrics all = acc.result().zScored().overall();
    assertThat(all.mape()).isCloseTo(0.5, EPS);
    assertThat(all.mapeExcluded()).isEqualTo(1);
    assertThat(all.smape()).isCloseTo(4.0 / 3.0, EPS);
    PointMetrics step1 = acc.result().zScored().byStep().get(0);
    assertThat(step1.mape()).isNull();
    assertThat(step1.mapeExcluded()).isEqualTo(1);
    assertThat(step1.smape()).isCloseTo(2.0, EPS);
  }

  /**
   * Every actual zero: actual 0, 0; predicted 0, 1. MAPE absent (null, not NaN), 2 excluded. sMAPE:
   * 0/0 := 0 and 2·1/(1 + 0) = 2 → 1. R²: constant actuals → absent. Serialised as JSON nulls.
   */
  @Test
  void allZeroActualsGiveAbsentMapeAndSmapeZeroOverZeroIsZero() throws Exception {
    PointMetricsAccumulator acc = new PointMetricsAccumulator(List.of("a"), 2, identity(1));
    acc.add(new double[] {0, 1}, new double[] {0, 0});
    ForecastMetrics m = acc.result();
    PointMetrics all = m.zScored().overall();
    assertThat(all.mape()).isNull();
    assertThat(all.mapeExcluded()).isEqualTo(2);
    assertThat(all.smape()).isCloseTo(1.0, EPS);
    assertThat(all.r2()).isNull();
    assertThat(m.zScored().byStep().get(0).smape()).isEqualTo(0.0);
    String json = new ObjectMapper().writeValueAsString(m);
    assertThat(json).contains("\"mape\":null").doesNotContain("NaN").doesNotContain("Infinity");
  }

  /**
   * One value, scaler mean 10, std 2: z predicted 1, actual 0 → original 12 and 10. z-scored: MSE 1,
   * MAE 1, MAPE absent (actual 0 excluded); original: MSE 4 = 1·2², MAE 2 = 1·2, MAPE 2/10 = 0.2,
   * sMAPE 2·2/(12 + 10) = 2/11.
   */
  @Test
  void originalScaleHandExample() {
    PointMetricsAccumulator acc =
        new PointMetricsAccumulator(List.of("a"), 1, StandardScaler.of(new double[] {10}, new double[] {2}));
    acc.add(new double[] {1}, new double[] {0});
    ForecastMetrics m = acc.result();
    assertThat(m.zScored().overall().mse()).isCloseTo(1.0, EPS);
    assertThat(m.zScored().overall().mape()).isNull();
    assertThat(m.original().overall().mse()).isCloseTo(4.0, EPS);
    assertThat(m.original().overall().mae()).isCloseTo(2.0, EPS);
    assertThat(m.original().overall().mape()).isCloseTo(0.2, EPS);
    assertThat(m.original().overall().mapeExcluded()).isZero();
    assertThat(m.original().overall().smape()).isCloseTo(2.0 / 11.0, EPS);
  }

  @Test
  void originalScaleMseIsZScoredTimesVarianceAndMaeTimesStd() {
    double[] mean = {10, -5, 1000};
    double[] std = {2, 0.5, 30};
    List<String> cols = List.of("a", "b", "c");
    SeasonalNaiveScale scale = SeasonalNaiveScale.of(new double[][] {{0, 3, 1}, {1, 1.5, 2}, {10, 70, 40}}, 1);
    PointMetricsAccumulator acc = new PointMetricsAccumulator(cols, 4, StandardScaler.of(mean, std), scale);
    Random rnd = new Random(7);
    int windows = 25;
    double[] p = new double[windows * 4 * 3];
    double[] y = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      y[i] = rnd.nextGaussian();
      p[i] = y[i] + 0.3 * rnd.nextGaussian();
    }
    acc.add(p, y);
    ForecastMetrics m = acc.result();
    double overall = 0;
    for (int c = 0; c < 3; c++) {
      PointMetrics z = m.zScored().byColumn().get(cols.get(c));
      PointMetrics o = m.original().byColumn().get(cols.get(c));
      assertThat(o.mse()).isCloseTo(z.mse() * std[c] * std[c], within(1e-9 * o.mse()));
      assertThat(o.mae()).isCloseTo(z.mae() * std[c], within(1e-9 * o.mae()));
      assertThat(o.rmse()).isCloseTo(z.rmse() * std[c], within(1e-9 * o.rmse()));
      assertThat(o.mase()).isCloseTo(z.mase(), within(1e-9));
      assertThat(o.r2()).isEqualTo(z.r2());
      overall += z.mse() * std[c] * std[c] / 3;
    }
    assertThat(m.original().overall().mse()).isCloseTo(overall, within(1e-9 * overall));
    assertThat(m.original().overall().mase()).isCloseTo(m.zScored().overall().mase(), within(1e-9));
  }

  @Test
  void streamingInSeveralBatchesEqualsOneBatch() {
    Random rnd = new Random(11);
    int n = 3;
    int predLen = 4;
    int per = n * predLen;
    int windows = 10;
    double[] p = new double[windows * per];
    double[] y = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      y[i] = rnd.nextGaussian();
      p[i] = y[i] + 0.5 * rnd.nextGaussian();
    }
    StandardScaler scaler = StandardScaler.of(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    SeasonalNaiveScale scale = SeasonalNaiveScale.of(new double[][] {{0, 1, 3}, {2, 2, 5}, {1, 0, 1}}, 1);
    PointMetricsAccumulator once = new PointMetricsAccumulator(List.of("a", "b", "c"), predLen, scaler, scale);
    once.add(p, y);
    PointMetricsAccumulator batched = new PointMetricsAccumulator(List.of("a", "b", "c"), predLen, scaler, scale);
    long before = batched.retainedDoubles();
    // 3·columns·predLen + 16·(1 + columns + predLen) + 7·columns = 36 + 128 + 21
    assertThat(before).isEqualTo(185);
    int from = 0;
    for (int count : new int[] {3, 0, 5, 2}) {
      batched.add(java.util.Arrays.copyOfRange(p, from * per, (from + count) * per),
          java.util.Arrays.copyOfRange(y, from * per, (from + count) * per));
      from += count;
    }
    assertThat(batched.windows()).isEqualTo(10);
    assertThat(batched.result()).isEqualTo(once.result());
    assertThat(batched.retainedDoubles()).isEqualTo(before);
  }

  /**
   * Series 0..5, seqLen 2, predLen 2: window i targets rows i + 2, i + 3. Windows 1 and 2: actuals 3, 4
   * and 4, 5; float predictions 3, 3 and 4, 4 → errors 0, −1, 0, −1: MSE 0.5, MAE 0.5.
   */
  @Test
  void addsTheTargetsOfSlidingWindows() {
    SlidingWindows windows = SlidingWindows.over(new double[] {0, 1, 2, 3, 4, 5}, 1, 0, 6, 2, 2);
    PointMetricsAccumulator acc = new PointMetricsAccumulator(List.of("a"), 2, identity(1));
    acc.add(new float[] {3, 3, 4, 4}, windows, 1, 2);
    assertThat(acc.windows()).isEqualTo(2);
    assertThat(acc.result().zScored().overall().mse()).isCloseTo(0.5, EPS);
    assertThat(acc.result().zScored().overall().mae()).isCloseTo(0.5, EPS);
    assertThatThrownBy(() -> acc.add(new float[4], windows, 2, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windows [2, 4) outside the 3 windows");
  }

  @Test
  void resultsRoundTripThroughJackson() throws Exception {
    PointMetricsAccumulator acc = new PointMetricsAccumulator(List.of("x", "y"), 2, identity(2),
        SeasonalNaiveScale.of(new double[][] {{0, 1, 3}, {2, 2, 2}}, 1));
    acc.add(new double[] {1, 0, 2, 1}, new double[] {0, 0, 1, 1});
    ForecastMetrics m = acc.result();
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(m);
    assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(mapper.readValue(json, ForecastMetrics.class)).isEqualTo(m);
    assertThat(List.copyOf(mapper.readValue(json, ForecastMetrics.class).zScored().byColumn().keySet()))
        .containsExactly("x", "y");
  }

  @Test
  void argumentErrorsNameTheProblem() {
    PointMetricsAccumulator acc = new PointMetricsAccumulator(List.of("a", "b"), 2, identity(2));
    assertThatThrownBy(() -> acc.add(new double[4], new double[8]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4").hasMessageContaining("8");
    assertThatThrownBy(() -> acc.add(new double[6], new double[6]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predLen 2 × 2 columns");
    double[] bad = new double[8];
    bad[7] = Double.NaN;
    assertThatThrownBy(() -> acc.add(new double[8], bad))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window 1, step 2, column 1");
    assertThat(acc.windows()).isZero();
    assertThatThrownBy(acc::result).isInstanceOf(IllegalStateException.class).hasMessageContaining("no windows");
    assertThatThrownBy(() -> new PointMetricsAccumulator(List.of("a"), 2, identity(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scaler has 2 columns, expected 1");
    assertThatThrownBy(() -> new PointMetricsAccumulator(List.of("a", "b"), 0, identity(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predLen");
    assertThatThrownBy(() -> new PointMetricsAccumulator(List.of("a", "b"), 1, identity(2),
        SeasonalNaiveScale.of(new double[][] {{0, 1}}, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MASE scale has 1 columns, expected 2");
  }
}
