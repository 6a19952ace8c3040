package io.forecast.forecasting.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forecast.data.CsvLoadOptions;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.metrics.IntervalLevelMetrics;
import io.forecast.forecasting.metrics.PointMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation report through the pipeline, on a tiny synthetic file and the {@code naive} baseline
 * (its forecast is the last input value at every step, so every error is known by hand).
 *
 * <p>100 hourly rows, split ratio: train [0, 70), validation [70, 80), test [80, 100); seq_len 4 and
 * pred_len 3 give 18 test windows, window i reading rows [76 + i, 80 + i) and forecasting rows
 * 80 + i .. 82 + i with the value of row 79 + i.
 */
class EvaluationReportTest {
  private static final int ROWS = 100;
  private static final int TRAIN_END = 70;
  private static final int VAL_END = 80;
  private static final int SEQ = 4;
  private static final int PRED = 3;
  private static final int WINDOWS = 18;

  @TempDir Path dir;

  static double a(int i) {
    return 10 + 3 * Math.sin(2 * Math.PI * i / 24.0) + 0.05 * i + (i % 5) * 0.3;
  }

  static double ot(int i) {
    return 2 + (i % 7) - 0.01 * i + 0.5 * Math.cos(0.37 * i);
  }

  /** The synthetic file's bytes: rows {@code stepHours} hours apart. */
  static byte[] csv(int stepHours) {
    StringBuilder csv = new StringBuilder("date,a,OT\n");
    LocalDateTime t = LocalDateTime.of(2021, 1, 1, 0, 0);
    for (int i = 0; i < ROWS; i++) {
      csv.append(t.plusHours((long) stepHours * i).toString().replace('T', ' ')).append(":00,").append(a(i))
          .append(',').append(ot(i)).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  static TimeSeriesFrame frame(int stepHours) {
    return TimeSeriesCsvReader.read("synthetic.csv", csv(stepHours), CsvLoadOptions.defaults());
  }

  static FittedForecaster naive(TimeSeriesFrame frame, List<Double> levels) {
    return ForecastPipeline.train(frame, "sha", new TrainingSpec("naive", SEQ, PRED, SplitRule.RATIO, Map.of(),
        levels), TrainingContext.defaults());
  }

  private static double value(int row, int column) {
    return column == 0 ? a(row) : ot(row);
  }

  /** Mean of |y_t − y_{t−m}| over the training rows t = m .. 69. */
  private static double seasonalNaiveScale(int column, int m) {
    double sum = 0;
    for (int t = m; t < TRAIN_END; t++) {
      sum += Math.abs(value(t, column) - value(t - m, column));
    }
    return sum / (TRAIN_END - m);
  }

  /** The naive forecast's error on the original scale: window i, step h (1-based). */
  private static double error(int column, int window, int step) {
    return value(VAL_END - 1 + window, column) - value(VAL_END - 1 + window + step, column);
  }

  private static double handMae(int column) {
    double sum = 0;
    for (int w = 0; w < WINDOWS; w++) {
      for (int h = 1; h <= PRED; h++) {
        sum += Math.abs(error(column, w, h));
      }
    }
    return sum / (WINDOWS * PRED);
  }

  private static double handMse(int column) {
    double sum = 0;
    for (int w = 0; w < WINDOWS; w++) {
      for (int h = 1; h <= PRED; h++) {
        sum += error(column, w, h) * error(column, w, h);
      }
    }
    return sum / (WINDOWS * PRED);
  }

  /** Population standard deviation of the training rows (the scaler's statistics). */
  private static double handStd(int column) {
    double mean = 0;
    for (int t = 0; t < TRAIN_END; t++) {
      mean += value(t, column);
    }
    mean /= TRAIN_END;
    double var = 0;
    for (int t = 0; t < TRAIN_END; t++) {
      var += (value(t, column) - mean) * (value(t, column) - mean);
    }
    return Math.sqrt(var / TRAIN_END);
  }

  @Test
  void pointMetricsOnBothScalesAndMaseMatchHandComputations() {
    TimeSeriesFrame frame = frame(1);
    try (FittedForecaster model = naive(frame, List.of())) {
      Evaluation e = ForecastPipeline.evaluate(model, frame, "sha", SplitRule.RATIO);
      // the saved-format metrics are those of training, bit for bit
      assertThat(e.metrics()).isEqualTo(model.provenance().testMetrics());
      assertThat(e.forecastMetrics().windows()).isEqualTo(WINDOWS);
      assertThat(e.data().trainEnd()).isEqualTo(TRAIN_END);
      assertThat(e.data().valEnd()).isEqualTo(VAL_END);
      assertThat(e.data().testEnd()).isEqualTo(ROWS);
      // hourly data: period 24 inferred
      assertThat(e.seasonalPeriod()).isEqualTo(24);
      assertThat(e.forecastMetrics().masePeriod()).isEqualTo(24);
      double maseSum = 0;
      for (int c = 0; c < 2; c++) {
        String column = List.of("a", "OT").get(c);
        PointMetrics z = e.forecastMetrics().zScored().byColumn().get(column);
        PointMetrics o = e.forecastMetrics().original().byColumn().get(column);
        double std = handStd(c);
        assertThat(model.scaler().std()[c]).isCloseTo(std, within(1e-9 * std));
        // original MSE = z-scored MSE × σ², and both equal the hand figure (predictions are float32)
        assertThat(o.mse()).isCloseTo(z.mse() * std * std, within(1e-9 * o.mse()));
        assertThat(o.mse()).isCloseTo(handMse(c), within(1e-5 * handMse(c)));
        assertThat(o.mae()).isCloseTo(handMae(c), within(1e-5 * handMae(c)));
        assertThat(o.rmse()).isCloseTo(Math.sqrt(handMse(c)), within(1e-5 * Math.sqrt(handMse(c))));
        double mase = handMae(c) / seasonalNaiveScale(c, 24);
        assertThat(o.mase()).isCloseTo(mase, within(1e-5 * mase));
        assertThat(z.mase()).isCloseTo(mase, within(1e-5 * mase));
        maseSum += mase;
      }
      // overall MASE = mean over the variates
      assertThat(e.forecastMetrics().original().overall().mase()).isCloseTo(maseSum / 2, within(1e-5 * maseSum));
      assertThat(e.intervals()).isNull();
      assertThat(e.notes()).containsOnlyKeys("intervals");
      assertThat(e.definitions()).containsKeys("mse", "mae", "rmse", "mape", "smape", "mase", "r2", "coverage");
      assertThat(e.definitions().get("mase")).contains("m = 24").contains("Hyndman & Koehler 2006");
      assertThat(e.libraries()).containsKey("java");
    }
  }

  @Test
  void anExplicitSeasonIsUsedAndWithoutOneOnAnIrregularStepMaseIsAbsentWithTheReason() {
    // 7-hour steps: no period divides a day
    TimeSeriesFrame frame = frame(7);
    try (FittedForecaster model = naive(frame, List.of())) {
      Evaluation none = ForecastPipeline.evaluate(model, frame, "sha", SplitRule.RATIO);
      assertThat(none.seasonalPeriod()).isNull();
      assertThat(none.forecastMetrics().original().overall().mase()).isNull();
      assertThat(none.forecastMetrics().zScored().byColumn().get("a").mase()).isNull();
      assertThat(none.notes().get("mase")).contains("no seasonal period").contains("25200 s");
      assertThat(none.forecastMetrics().original().overall().mse()).isPositive();

      Evaluation five = ForecastPipeline.evaluate(model, frame, "sha", SplitRule.RATIO, 5);
      assertThat(five.seasonalPeriod()).isEqualTo(5);
      assertThat(five.notes()).doesNotContainKey("mase");
      double mase = handMae(1) / seasonalNaiveScale(1, 5);
      assertThat(five.forecastMetrics().original().byColumn().get("OT").mase()).isCloseTo(mase, within(1e-5 * mase));
      // the saved-format metrics do not depend on the season
      assertThat(five.metrics()).isEqualTo(none.metrics());

      // a period as long as the training split: no MASE, the reason says so
      Evaluation tooLong = ForecastPipeline.evaluate(model, frame, "sha", SplitRule.RATIO, TRAIN_END);
      assertThat(tooLong.seasonalPeriod()).isNull();
      assertThat(tooLong.notes().get("mase")).contains("period 70").contains("training rows");

      assertThatThrownBy(() -> ForecastPipeline.evaluate(model, frame, "sha", SplitRule.RATIO, 0))
          .isInstanceOf(InvalidSettingsException.class)
          .hasMessage("the seasonal period (season) must be between 1 and 100000, got 0");
    }
  }

  @Test
  void intervalMetricsAtTheModelsLevelsReproduceTheCoverageMeasuredAtTraining() {
    TimeSeriesFrame frame = frame(1);
    try (FittedForecaster model = naive(frame, List.of(50.0, 80.0))) {
      var calibration = model.conformal().orElseThrow();
      Evaluation e = ForecastPipeline.evaluate(model, frame, "sha", SplitRule.RATIO);
      assertThat(e.intervals()).isNotNull();
      assertThat(e.intervals().zScored()).extracting(IntervalLevelMetrics::level).containsExactly(0.5, 0.8);
      for (int k = 0; k < 2; k++) {
        double level = List.of(50.0, 80.0).get(k);
        IntervalLevelMetrics z = e.intervals().zScored().get(k);
        IntervalLevelMetrics o = e.intervals().original().get(k);
        // training counted |ŷ − y| ≤ q over the same windows
        assertThat(z.overall().coverage() * 100).isCloseTo(
            calibration.testCoverage().get(ConformalLabel.of(level)), within(1e-9));
        assertThat(o.overall().coverage()).isEqualTo(z.overall().coverage());
        // every window has the same half-widths: mean width = mean over steps and columns of 2q
        double width = 0;
        double widthOriginalA = 0;
        for (int t = 0; t < PRED; t++) {
          for (int c = 0; c < 2; c++) {
            width += 2 * calibration.halfWidth(level, t, c);
          }
          widthOriginalA += 2 * calibration.halfWidth(level, t, 0) * handStd(0);
        }
        assertThat(z.overall().meanWidth()).isCloseTo(width / (PRED * 2), within(1e-12));
        assertThat(o.byColumn().get("a").meanWidth()).isCloseTo(widthOriginalA / PRED, within(1e-9));
        assertThat(z.byStep()).hasSize(PRED);
      }
      assertThat(e.notes()).doesNotContainKey("intervals");
    }
  }

  @Test
  void theReportIsJsonWithProvenanceAndMarkdownWithTheTables() throws IOException {
    TimeSeriesFrame frame = frame(1);
    try (FittedForecaster model = naive(frame, List.of(80.0))) {
      Evaluation e = ForecastPipeline.evaluate(model, frame, "0123abcd", SplitRule.RATIO);
      List<Path> written = EvaluationReports.write(e, dir.resolve("report/nested"));
      assertThat(written).containsExactly(dir.resolve("report/nested/evaluation.json"),
          dir.resolve("report/nested/evaluation.md"));
      JsonNode json = new ObjectMapper().readTree(Files.readString(written.get(0)));
      assertThat(json.at("/data/sha256").asText()).isEqualTo("0123abcd");
      assertThat(json.at("/data/splitRule").asText()).isEqualTo("ratio");
      assertThat(json.at("/data/trainEnd").asInt()).isEqualTo(TRAIN_END);
      assertThat(json.at("/data/valEnd").asInt()).isEqualTo(VAL_END);
      assertThat(json.at("/data/testEnd").asInt()).isEqualTo(ROWS);
      assertThat(json.at("/model/modelType").asText()).isEqualTo("naive");
      assertThat(json.at("/seasonalPeriod").asInt()).isEqualTo(24);
      assertThat(json.at("/libraries/java").asText()).isEqualTo(System.getProperty("java.version"));
      assertThat(json.at("/definitions/mape").asText()).contains("excluded");
      assertThat(json.at("/test/mse").asDouble()).isEqualTo(e.metrics().mse());
      assertThat(json.at("/metrics/original/overall/mse").asDouble())
          .isEqualTo(e.forecastMetrics().original().overall().mse());
      assertThat(json.at("/metrics/zScored/byStep")).hasSize(PRED);
      assertThat(json.at("/intervals/zScored/0/level").asDouble()).isEqualTo(0.8);
      assertThat(json.has("forecastMetrics")).isFalse();
      assertThat(json.at("/evaluatedAt").asText()).isNotEmpty();

      String md = Files.readString(written.get(1));
      assertThat(md).startsWith("# Evaluation of a naive model on synthetic.csv")
          .contains("SHA-256 0123abcd")
          .contains("train rows [0, 70), validation [70, 80), test [80, 100)")
          .contains("| seasonal period (MASE) | 24 |")
          .contains("## Overall\n\n| metric | z-scored | original |")
          .contains("| MSE | ", "| MASE | ", "| R² | ")
          .contains("## Per column", "| a | ", "| OT | ")
          .contains("## Per horizon step", "Every step.", "| 3 | ")
          .contains("## Prediction intervals", "| 80.0 % | ")
          .contains("## Definitions", "- **mase**: ");
      // replaced, not refused, when written again
      EvaluationReports.write(e, dir.resolve("report/nested"));
      assertThat(Files.readString(written.get(1))).isEqualTo(md);
    }
  }

  @Test
  void longHorizonsShowTheFirstTheLastAndEvenlySpacedSteps() {
    assertThat(EvaluationReports.shownSteps(3)).containsExactly(1, 2, 3);
    assertThat(EvaluationReports.shownSteps(12)).hasSize(12);
    // 1 + i·95/9 rounded, i = 1..8
    assertThat(EvaluationReports.shownSteps(96)).containsExactly(1, 12, 22, 33, 43, 54, 64, 75, 85, 96);
  }

  /** The level labels of a calibration ({@code 80.0} → {@code "80"}). */
  private static final class ConformalLabel {
    static String of(double level) {
      return io.forecast.forecasting.conformal.ConformalCalibration.label(level);
    }
  }
}
