package io.forecast.forecasting.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.forecast.forecasting.conformal.PredictionIntervals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout shared by {@code forecast forecast} and the Spark job: origins, columns, rows. */
class BatchForecastTest {
  @Test
  void originsStepBackFromTheEndWhileAHistoryFits() {
    assertThat(BatchForecast.origins(100, 24, 30)).containsExactly(40, 70, 100);
    assertThat(BatchForecast.origins(100, 24, 0)).containsExactly(100);
    assertThat(BatchForecast.origins(24, 24, 5)).containsExactly(24);
  }

  @Test
  void intervalColumnsFollowThePointColumnsLevelByLevel() {
    assertThat(BatchForecast.valueColumns(List.of("a", "b"), List.of(80.0, 97.5))).containsExactly("a", "b",
        "a_lo80", "a_hi80", "b_lo80", "b_hi80", "a_lo97.5", "a_hi97.5", "b_lo97.5", "b_hi97.5");
  }

  @Test
  void aRowIsTheStepsPointValuesThenEachLevelsBoundsPerColumn() {
    // 2 steps × 2 columns, row-major: step 1 = (1, 2), step 2 = (3, 4)
    Map<String, PredictionIntervals.Band> bands = new LinkedHashMap<>();
    bands.put("80", new PredictionIntervals.Band(new double[] {0.5, 1.5, 2.5, 3.5}, new double[] {1.5, 2.5, 3.5, 4.5}));
    bands.put("95", new PredictionIntervals.Band(new double[] {0, 1, 2, 3}, new double[] {2, 3, 4, 5}));
    BatchForecast.AtOrigin at = new BatchForecast.AtOrigin(10, "t9", List.of("t10", "t11"),
        new double[] {1, 2, 3, 4}, new PredictionIntervals(bands));
    assertThat(BatchForecast.row(at, 1, 2)).containsExactly(3, 4, 2.5, 3.5, 3.5, 4.5, 2, 4, 3, 5);
    BatchForecast.AtOrigin point = new BatchForecast.AtOrigin(10, "t9", List.of("t10", "t11"),
        new double[] {1, 2, 3, 4}, null);
    assertThat(BatchForecast.row(point, 0, 2)).containsExactly(1, 2);
  }
}
