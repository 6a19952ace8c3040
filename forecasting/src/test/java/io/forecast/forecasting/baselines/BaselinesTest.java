package io.forecast.forecasting.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistical baselines against hand computations. */
public class BaselinesTest {
  /** A tiny series: in-window values 1, 2, 4, 7, 11 and so on (column b = 10·a). */
  private static final float[] HISTORY = {1, 10, 2, 20, 4, 40, 7, 70, 11, 110};

  @Test
  void naiveRepeatsTheLastValue() {
    BaselineModel m = new BaselineModel(BaselineRule.NAIVE, 5, 3, 2, 1);
    assertThat(m.predict(HISTORY, 1)).containsExactly(11, 110, 11, 110, 11, 110);
  }

  @Test
  void seasonalNaiveRepeatsTheLastSeason() {
    // period 2: the last season is rows 3 and 4 (values 7, 11), repeated: 7, 11, 7, 11
    BaselineModel m = new BaselineModel(BaselineRule.SEASONAL_NAIVE, 5, 4, 2, 2);
    assertThat(m.predict(HISTORY, 1)).containsExactly(7, 70, 11, 110, 7, 70, 11, 110);
    // period = seq_len: the whole window again
    BaselineModel whole = new BaselineModel(BaselineRule.SEASONAL_NAIVE, 5, 6, 2, 5);
    assertThat(whole.predict(HISTORY, 1)).containsExactly(1, 10, 2, 20, 4, 40, 7, 70, 11, 110, 1, 10);
  }

  @Test
  void meanIsTheWindowMean() {
    BaselineModel m = new BaselineModel(BaselineRule.MEAN, 5, 2, 2, 1);
    // (1 + 2 + 4 + 7 + 11) / 5 = 5, and 50 for column b
    assertThat(m.predict(HISTORY, 1)).containsExactly(5, 50, 5, 50);
  }

  @Test
  void batchesAreIndependent() {
    float[] two = new float[20];
    System.arraycopy(HISTORY, 0, two, 0, 10);
    for (int i = 0; i < 10; i++) {
      two[10 + i] = -HISTORY[i];
    }
    assertThat(new BaselineModel(BaselineRule.NAIVE, 5, 1, 2, 1).predict(two, 2)).containsExactly(11, 110, -11, -110);
  }

  @Test
  void periodFollowsTheFrequency() {
    assertThat(io.forecast.forecasting.metrics.Seasons.inferPeriod(3600)).isEqualTo(24);
    assertThat(io.forecast.forecasting.metrics.Seasons.inferPeriod(900)).isEqualTo(96);
    assertThat(io.forecast.forecasting.metrics.Seasons.inferPeriod(600)).isEqualTo(144);
    assertThat(io.forecast.forecasting.metrics.Seasons.inferPeriod(86_400)).isEqualTo(7);
    assertThat(io.forecast.forecasting.metrics.Seasons.inferPeriod(7 * 86_400)).isEqualTo(52);
    assertThat(io.forecast.forecasting.metrics.Seasons.inferPeriod(7 * 3600)).as("does not divide a day").isZero();
    assertThat(io.forecast.forecasting.metrics.Seasons.inferPeriod(0)).isZero();
  }

  @Test
  void endToEndOnTheOriginalScale(@TempDir Path dir) throws IOException {
    TimeSeriesFrame frame = hourly(300);
    double[] history = frame.values(100, 148); // 48 rows × 2 columns
    for (String type : new String[] {"naive", "seasonal-naive", "mean"}) {
      try (FittedForecaster f = ForecastPipeline.train(frame, "sha", new TrainingSpec(type, 48, 30, SplitRule.AUTO,
          Map.of()), TrainingContext.defaults())) {
        double[] out = f.forecast(history, 48);
        for (int h = 0; h < 30; h++) {
          for (int c = 0; c < 2; c++) {
            double expected = switch (type) {
              case "naive" -> history[47 * 2 + c];
              case "seasonal-naive" -> history[(48 - 24 + h % 24) * 2 + c];
              default -> {
                double s = 0;
                for (int t = 0; t < 48; t++) {
                  s += history[t * 2 + c];
                }
                yield s / 48;
              }
            };
            assertThat(out[h * 2 + c]).as(type + " step " + h + " column " + c)
                .isCloseTo(expected, within(1e-5 * Math.max(1, Math.abs(expected))));
          }
        }
        assertThat(f.provenance().testMetrics().mse()).isPositive();
        assertThat(f.provenance().stopReason()).isEqualTo("NOT_TRAINED");
        Path saved = dir.resolve(type);
        AtomicDirectory.write(saved, false, f::save);
        try (FittedForecaster loaded = ForecasterTypes.load(saved)) {
          assertThat(loaded.forecast(history, 48)).containsExactly(out);
          assertThat(loaded.settings()).isEqualTo(f.settings());
        }
      }
    }
  }

  @Test
  void aPeriodLongerThanTheInputIsRefused() {
    TimeSeriesFrame frame = hourly(300);
    assertThatThrownBy(() -> ForecastPipeline.train(frame, "sha", new TrainingSpec("seasonal-naive", 12, 6,
        SplitRule.AUTO, Map.of()), TrainingContext.defaults()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("setting 'period' of model type 'seasonal-naive' is 24 (inferred from the frequency) but seq_len is "
            + "12; use a seq_len of at least 24 or a shorter period");
    assertThatThrownBy(() -> ForecastPipeline.train(frame, "sha", new TrainingSpec("seasonal-naive", 12, 6,
        SplitRule.AUTO, Map.of("period", "0")), TrainingContext.defaults()))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("setting 'period' of model type 'seasonal-naive' must be between 1 and 100000, got '0'");
  }

  public static TimeSeriesFrame hourly(int rows) {
    StringBuilder csv = new StringBuilder("date,a,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    for (int i = 0; i < rows; i++) {
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,")
          .append(50 + 5 * Math.sin(2 * Math.PI * i / 24.0) + 0.01 * i).append(',')
          .append(3 + Math.cos(2 * Math.PI * i / 24.0) + (i % 7) * 0.1).append('\n');
    }
    return TimeSeriesCsvReader.read("hourly.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
  }
}
