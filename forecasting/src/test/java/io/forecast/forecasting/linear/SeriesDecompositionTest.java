package io.forecast.forecasting.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DLinear's moving-average decomposition against hand-computed values. */
class SeriesDecompositionTest {
  static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** {@code [1, T, 1]} from one series. */
  private static NDArray series(float... values) {
    return manager.create(values, new Shape(1, values.length, 1));
  }

  @Test
  void kernelThreeRepeatsEachEdgeOnce() {
    // padded [1, 1, 2, 4, 7, 11, 11]
    float[] trend = SeriesDecomposition.trend(series(1, 2, 4, 7, 11), 3).toFloatArray();
    assertThat(trend).containsExactly(new float[] {4f / 3, 7f / 3, 13f / 3, 22f / 3, 29f / 3}, within(1e-6f));
    NDArray x = series(1, 2, 4, 7, 11);
    float[] seasonal = SeriesDecomposition.seasonal(x, SeriesDecomposition.trend(x, 3)).toFloatArray();
    assertThat(seasonal).containsExactly(
        new float[] {1 - 4f / 3, 2 - 7f / 3, 4 - 13f / 3, 7 - 22f / 3, 11 - 29f / 3}, within(1e-6f));
  }

  @Test
  void kernelFiveRepeatsEachEdgeTwice() {
    // padded [1, 1, 1, 2, 4, 7, 11, 11, 11]
    float[] trend = SeriesDecomposition.trend(series(1, 2, 4, 7, 11), 5).toFloatArray();
    assertThat(trend).containsExactly(new float[] {9f / 5, 15f / 5, 25f / 5, 35f / 5, 44f / 5}, within(1e-6f));
  }

  @Test
  void kernelLongerThanTheSeriesAveragesThePadding() {
    // kernel 7 on T = 3: padded [5, 5, 5, 5, 6, 9, 9, 9, 9]
    float[] trend = SeriesDecomposition.trend(series(5, 6, 9), 7).toFloatArray();
    assertThat(trend).containsExactly(new float[] {44f / 7, 48f / 7, 52f / 7}, within(1e-6f));
  }

  @Test
  void kernelOneIsTheIdentity() {
    assertThat(SeriesDecomposition.trend(series(3, -1, 2), 1).toFloatArray()).containsExactly(3, -1, 2);
  }

  @Test
  void everyVariateAndSampleIsAveragedOnItsOwn() {
    // [B = 2, T = 4, N = 2]; row-major over (b, t, n)
    float[] values = {
      1, 10, 2, 20, 3, 30, 4, 40,
      0, 0, 0, 8, 0, 0, 4, 0
    };
    float[] trend = SeriesDecomposition.trend(manager.create(values, new Shape(2, 4, 2)), 3).toFloatArray();
    float[] expected = {
      4f / 3, 40f / 3, 2, 20, 3, 30, 11f / 3, 110f / 3,
      0, 8f / 3, 0, 8f / 3, 4f / 3, 8f / 3, 4f / 3 * 2, 0
    };
    assertThat(trend).containsExactly(expected, within(1e-5f));
  }

  @Test
  void trendPlusSeasonalIsTheInputAndMatchesAPlainLoop() {
    Random random = new Random(3);
    int b = 3;
    int t = 17;
    int n = 4;
    int kernel = 9;
    float[] values = new float[b * t * n];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    NDArray x = manager.create(values, new Shape(b, t, n));
    NDArray trend = SeriesDecomposition.trend(x, kernel);
    assertThat(trend.getShape()).isEqualTo(new Shape(b, t, n));
    float[] sum = trend.add(SeriesDecomposition.seasonal(x, trend)).toFloatArray();
    assertThat(sum).containsExactly(values, within(1e-6f));
    float[] got = trend.toFloatArray();
    int p = (kernel - 1) / 2;
    for (int s = 0; s < b; s++) {
      for (int c = 0; c < n; c++) {
        for (int i = 0; i < t; i++) {
          double total = 0;
          for (int k = i - p; k <= i + p; k++) {
            int clamped = Math.max(0, Math.min(t - 1, k));
            total += values[(s * t + clamped) * n + c];
          }
          assertThat((double) got[(s * t + i) * n + c]).isCloseTo(total / kernel, within(1e-5));
        }
      }
    }
  }

  @Test
  void evenKernelsAreRefused() {
    assertThatThrownBy(() -> SeriesDecomposition.trend(series(1, 2, 3), 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd");
  }
}
