package io.forecast.forecasting.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.data.StandardScaler;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class IntervalMetricsAccumulatorTest {
  private static final Offset<Double> EPS = within(1e-12);
  private static final StandardScaler IDENTITY = StandardScaler.of(new double[] {0}, new double[] {1});

  // One column, predLen 2, two windows; level 0.8 (α = 0.2, 2/α = 10) and 0.5 (α = 0.5, 2/α = 4).
  private static final double[] Y = {0, 5, 1, -1};
  private static final double[] L = {-1, 1, 2, -2};
  private static final double[] U = {1, 3, 4, 1};

  /**
   * <pre>
   * w0 s1: y 0  in [−1, 1]  covered, width 2, IS 2                  (0.5: 2)
   * w0 s2: y 5  > u 3       width 2, IS 2 + 10·(5 − 3) = 22          (0.5: 2 + 4·2 = 10)
   * w1 s1: y 1  < l 2       width 2, IS 2 + 10·(2 − 1) = 12          (0.5: 2 + 4·1 = 6)
   * w1 s2: y −1 in [−2, 1]  covered, width 3, IS 3                  (0.5: 3)
   * overall 0.8: coverage 2/4 = 0.5, width 9/4 = 2.25, IS (2 + 22 + 12 + 3)/4 = 39/4 = 9.75
   * overall 0.5: IS (2 + 10 + 6 + 3)/4 = 21/4 = 5.25
   * step 1 (0.8): coverage 1/2, width 2, IS (2 + 12)/2 = 7
   * step 2 (0.8): coverage 1/2, width 2.5, IS (22 + 3)/2 = 12.5
   * </pre>
   */
  @Test
  void coverageWidthAndIntervalScoreByHand() {
    IntervalMetricsAccumulator acc = new IntervalMetricsAccumulator(List.of("y"), 2, IDENTITY, 0.8, 0.5);
    acc.add(new double[][] {L, L}, new double[][] {U, U}, Y);
    IntervalMetrics m = acc.result();
    IntervalLevelMetrics l80 = m.zScored().get(0);
    assertThat(l80.level()).isEqualTo(0.8);
    assertThat(l80.overall().count()).isEqualTo(4);
    assertThat(l80.overall().coverage()).isCloseTo(0.5, EPS);
    assertThat(l80.overall().meanWidth()).isCloseTo(2.25, EPS);
    assertThat(l80.overall().intervalScore()).isCloseTo(9.75, EPS);
    assertThat(l80.byColumn().get("y")).isEqualTo(l80.overall());
    // α = 1 − 0.8 is 0.19999999999999996 in binary, hence tolerances rather than equality
    assertThat(l80.byStep().get(0).count()).isEqualTo(2);
    assertThat(l80.byStep().get(0).coverage()).isCloseTo(0.5, EPS);
    assertThat(l80.byStep().get(0).meanWidth()).isCloseTo(2.0, EPS);
    assertThat(l80.byStep().get(0).intervalScore()).isCloseTo(7.0, EPS);
    assertThat(l80.byStep().get(1).coverage()).isCloseTo(0.5, EPS);
    assertThat(l80.byStep().get(1).meanWidth()).isCloseTo(2.5, EPS);
    assertThat(l80.byStep().get(1).intervalScore()).isCloseTo(12.5, EPS);
    IntervalLevelMetrics l50 = m.zScored().get(1);
    assertThat(l50.level()).isEqualTo(0.5);
    assertThat(l50.overall().intervalScore()).isCloseTo(5.25, EPS);
    assertThat(l50.overall().coverage()).isCloseTo(0.5, EPS);
  }

  /** Scaler mean 10, std 2: coverage unchanged, width 2.25·2 = 4.5, IS 9.75·2 = 19.5. */
  @Test
  void originalScaleWidthAndScoreAreZScoredTimesStd() {
    IntervalMetricsAccumulator acc = new IntervalMetricsAccumulator(
        List.of("y"), 2, StandardScaler.of(new double[] {10}, new double[] {2}), 0.8);
    acc.add(new double[][] {L}, new double[][] {U}, Y);
    IntervalStats o = acc.result().original().get(0).overall();
    assertThat(o.coverage()).isCloseTo(0.5, EPS);
    assertThat(o.meanWidth()).isCloseTo(4.5, EPS);
    assertThat(o.intervalScore()).isCloseTo(19.5, EPS);
  }

  @Test
  void streamingInSeveralBatchesEqualsOneBatch() throws Exception {
    Random rnd = new Random(3);
    int per = 2 * 3;
    int windows = 9;
    double[] y = new double[windows * per];
    double[] lo = new double[y.length];
    double[] hi = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = rnd.nextGaussian();
      double centre = y[i] + rnd.nextGaussian();
      lo[i] = centre - 1.3;
      hi[i] = centre + 1.3;
    }
    StandardScaler scaler = StandardScaler.of(new double[] {1, 2, 3}, new double[] {0.5, 2, 9});
    IntervalMetricsAccumulator once = new IntervalMetricsAccumulator(List.of("a", "b", "c"), 2, scaler, 0.9);
    once.add(new double[][] {lo}, new double[][] {hi}, y);
    IntervalMetricsAccumulator batched = new IntervalMetricsAccumulator(List.of("a", "b", "c"), 2, scaler, 0.9);
    long before = batched.retainedDoubles();
    // 8·levels·(1 + columns + predLen) + levels + 2·columns = 8·1·6 + 1 + 6
    assertThat(before).isEqualTo(55);
    int from = 0;
    for (int count : new int[] {4, 0, 1, 4}) {
      int a = from * per;
      int b = (from + count) * per;
      batched.add(new double[][] {Arrays.copyOfRange(lo, a, b)}, new double[][] {Arrays.copyOfRange(hi, a, b)},
          Arrays.copyOfRange(y, a, b));
      from += count;
    }
    assertThat(batched.result()).isEqualTo(once.result());
    assertThat(batched.retainedDoubles()).isEqualTo(before);
    ObjectMapper mapper = new ObjectMapper();
    assertThat(mapper.readValue(mapper.writeValueAsString(once.result()), IntervalMetrics.class))
        .isEqualTo(once.result());
  }

  @Test
  void argumentErrorsNameTheProblem() {
    IntervalMetricsAccumulator acc = new IntervalMetricsAccumulator(List.of("y"), 2, IDENTITY, 0.8);
    assertThatThrownBy(() -> acc.add(new double[][] {L}, new double[][] {new double[2]}, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("upper bounds of level 0.8 has 2 values, actual has 4");
    assertThatThrownBy(() -> acc.add(new double[][] {U}, new double[][] {L}, Y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above upper bound").hasMessageContaining("window 0, step 1, column 0");
    assertThatThrownBy(() -> acc.add(new double[][] {L, L}, new double[][] {U, U}, Y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("for 1 levels");
    assertThat(acc.windows()).isZero();
    assertThatThrownBy(acc::result).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new IntervalMetricsAccumulator(List.of("y"), 2, IDENTITY, 95))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
    assertThatThrownBy(() -> new IntervalMetricsAccumulator(List.of("y"), 2, IDENTITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no interval levels");
  }
}
