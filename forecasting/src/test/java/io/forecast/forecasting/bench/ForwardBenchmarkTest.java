package io.forecast.forecasting.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forecast.data.SlidingWindows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardBenchmarkTest {
  @Test
  void percentileIsNearestRankAndMedianAveragesTheMiddlePair() {
    double[] sorted = new double[200];
    for (int i = 0; i < 200; i++) {
      sorted[i] = i + 1; // 1..200
    }
    assertThat(ForwardBenchmark.percentile(sorted, 0.99)).isEqualTo(198.0); // rank ceil(198) = 198
    assertThat(ForwardBenchmark.median(sorted)).isEqualTo(100.5);
    assertThat(ForwardBenchmark.percentile(new double[] {3, 4, 9}, 0.99)).isEqualTo(9.0);
    assertThat(ForwardBenchmark.median(new double[] {3, 4, 9})).isEqualTo(4.0);
  }

  @Test
  void feedsConsecutiveWindowsCyclingAndCountsCalls() {
    // one column, values 0..9; windows of 2 → 1: inputs start at rows 0..7 (8 windows)
    double[] data = new double[10];
    for (int i = 0; i < 10; i++) {
      data[i] = i;
    }
    SlidingWindows windows = SlidingWindows.over(data, 1, 0, 10, 2, 1);
    List<Float> firsts = new ArrayList<>();
    ForwardBenchmark.BatchForward echo = (input, batch) -> {
      for (int k = 0; k < batch; k++) {
        firsts.add(input[k * 2]);
      }
      return new float[batch];
    };
    var rows = ForwardBenchmark.run(echo, windows, new ForwardBenchmark.Options(List.of(3, 1), 1, 2));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).calls()).isEqualTo(2);
    assertThat(rows.get(0).batch()).isEqualTo(3);
    assertThat(rows.get(1).calls()).isEqualTo(2);
    // 3 calls of 3 windows (0..7 then 0), then 3 calls of 1 window (1, 2, 3)
    assertThat(firsts).containsExactly(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 0f, 1f, 2f, 3f);
  }

  @Test
  void refusesAModelReturningTheWrongSizeAndBadOptions() {
    SlidingWindows windows = SlidingWindows.over(new double[] {1, 2, 3, 4}, 1, 0, 4, 2, 1);
    assertThatThrownBy(() -> ForwardBenchmark.run((in, b) -> new float[b + 1], windows,
        new ForwardBenchmark.Options(List.of(1), 0, 1))).hasMessageContaining("returned 2 values for a batch of 1");
    assertThatThrownBy(() -> new ForwardBenchmark.Options(List.of(0), 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ForwardBenchmark.Options(List.of(1), 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
