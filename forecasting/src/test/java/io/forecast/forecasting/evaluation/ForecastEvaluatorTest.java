package io.forecast.forecasting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.forecast.data.SlidingWindows;
import io.forecast.forecasting.provenance.ModelProvenance.Metrics;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastEvaluatorTest {

  @Test
  void handExample() {
    // 4 rows, 1 column, seq 1, pred 2 -> windows: [1]->[2,3], [2]->[3,4], [3]->... no: rows 4 => 2 windows
    double[] data = {0, 1, 2, 3};
    SlidingWindows w = SlidingWindows.over(data, 1, 0, 4, 1, 2);
    assertThat(w.count()).isEqualTo(2);
    float[] pred = {1, 4, 2, 2}; // errors: 0, +2 | 0, -1
    Metrics m = ForecastEvaluator.evaluate(pred, w, List.of("x"), true);
    assertThat(m.mse()).isCloseTo((0 + 4 + 0 + 1) / 4.0, within(1e-12));
    assertThat(m.mae()).isCloseTo((0 + 2 + 0 + 1) / 4.0, within(1e-12));
    assertThat(m.perColumn().get("x").mse()).isCloseTo(m.mse(), within(1e-12));
    assertThat(m.perColumn().get("x").mae()).isCloseTo(m.mae(), within(1e-12));
    // R² = 1 - SSE / SST, truth {1,2,2,3}: mean 2, SST 2, SSE 5
    assertThat(m.perColumn().get("x").r2()).isCloseTo(1 - 5 / 2.0, within(1e-12));
  }

  @Test
  void overallEqualsTheMeanOfTribuosPerColumnFigures() {
    Random rnd = new Random(5);
    int rows = 60;
    int n = 3;
    double[] data = new double[rows * n];
    for (int i = 0; i < data.length; i++) {
      data[i] = rnd.nextGaussian();
    }
    SlidingWindows w = SlidingWindows.over(data, n, 0, rows, 8, 4);
    float[] pred = new float[w.count() * 4 * n];
    for (int i = 0; i < pred.length; i++) {
      pred[i] = (float) rnd.nextGaussian();
    }
    Metrics m = ForecastEvaluator.evaluate(pred, w, List.of("a", "b", "c"), true);
    double mse = m.perColumn().values().stream().mapToDouble(c -> c.mse()).average().orElseThrow();
    double mae = m.perColumn().values().stream().mapToDouble(c -> c.mae()).average().orElseThrow();
    assertThat(m.mse()).isCloseTo(mse, within(1e-9));
    assertThat(m.mae()).isCloseTo(mae, within(1e-9));
    assertThat(m.perColumn()).containsOnlyKeys("a", "b", "c");
  }
}
