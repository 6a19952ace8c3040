package io.forecast.forecasting.conformal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformal intervals end to end through the training pipeline: coverage on Gaussian noise, widening
 * on a random walk, save and load.
 */
class ConformalCoverageTest {
  static final int SEQ = 16;
  static final int PRED = 8;

  /** Two columns, hourly; {@code walk}: cumulative sums of the noise (a random walk). */
  static TimeSeriesFrame series(int rows, long seed, boolean walk) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("date,a,OT\n");
    LocalDateTime t = LocalDateTime.of(2020, 1, 1, 0, 0);
    double a = 0;
    double b = 0;
    for (int i = 0; i < rows; i++) {
      double na = random.nextGaussian();
      double nb = 3 * random.nextGaussian();
      a = walk ? a + na : 10 + na;
      b = walk ? b + nb : -5 + nb;
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,").append(a).append(',').append(b)
          .append('\n');
    }
    return TimeSeriesCsvReader.read("synthetic.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
  }

  static FittedForecaster train(TimeSeriesFrame frame, String type) {
    return ForecastPipeline.train(frame, "sha", new TrainingSpec(type, SEQ, PRED, SplitRule.RATIO, Map.of()),
        TrainingContext.defaults());
  }

  /**
   * Empirical coverage on the test windows (every origin of the test split, every step and column),
   * on the original scale, through {@code forecast} and {@code intervals}.
   */
  static double[] testCoverage(FittedForecaster f, TimeSeriesFrame frame, List<Double> levels) {
    int valEnd = f.provenance().data().valEnd();
    int testEnd = f.provenance().data().testEnd();
    int n = frame.columnCount();
    long[] inside = new long[levels.size()];
    long total = 0;
    for (int o = valEnd; o + PRED <= testEnd; o++) {
      double[] y = f.forecast(frame.values(o - SEQ, o), SEQ);
      PredictionIntervals p = f.intervals(y, levels);
      double[] truth = frame.values(o, o + PRED);
      for (int l = 0; l < levels.size(); l++) {
        PredictionIntervals.Band band = p.bands().get(ConformalCalibration.label(levels.get(l)));
        for (int k = 0; k < PRED * n; k++) {
          if (band.lower()[k] <= truth[k] && truth[k] <= band.upper()[k]) {
            inside[l]++;
          }
        }
      }
      total += PRED * n;
    }
    double[] out = new double[levels.size()];
    for (int l = 0; l < out.length; l++) {
      out[l] = 100.0 * inside[l] / total;
    }
    return out;
  }

  @Test
  void coverageOnGaussianNoiseIsWithinThreePointsOfNominal() {
    // 20,000 rows, ratio split 70/10/20: about 2,000 validation and 4,000 test origins
    TimeSeriesFrame frame = series(20_000, 7, false);
    for (String type : List.of("mean", "naive")) {
      try (FittedForecaster f = train(frame, type)) {
        ConformalCalibration c = f.conformal().orElseThrow();
        assertThat(c.levels()).containsExactly("80", "95");
        assertThat(c.windows()).isGreaterThan(1_900);
        double[] coverage = testCoverage(f, frame, List.of(80.0, 95.0));
        System.out.printf("conformal coverage, %s on N(0,1) noise: 80%% → %.2f%%, 95%% → %.2f%%%n", type,
            coverage[0], coverage[1]);
        assertThat(coverage[0]).as(type + " at 80 %").isCloseTo(80.0, within(3.0));
        assertThat(coverage[1]).as(type + " at 95 %").isCloseTo(95.0, within(3.0));
        // the pipeline's own count (z-scored, in the test evaluation pass) agrees with this one
        assertThat(c.testCoverage().get("80")).isCloseTo(coverage[0], within(0.05));
        assertThat(c.testCoverage().get("95")).isCloseTo(coverage[1], within(0.05));
      }
    }
  }

  @Test
  void intervalsWidenWithTheHorizonOnARandomWalk() {
    // naive on a random walk: the step-h error is a sum of h increments, sd ∝ √h
    TimeSeriesFrame frame = series(20_000, 11, true);
    try (FittedForecaster f = train(frame, "naive")) {
      ConformalCalibration c = f.conformal().orElseThrow();
      for (int col = 0; col < 2; col++) {
        for (double level : List.of(80.0, 95.0)) {
          double first = c.halfWidth(level, 0, col);
          for (int h = 1; h < PRED; h++) {
            assertThat(c.halfWidth(level, h, col)).as("step %d, column %d, %s", h + 1, col, level)
                .isGreaterThan(c.halfWidth(level, h - 1, col));
          }
          double ratio = c.halfWidth(level, PRED - 1, col) / first;
          System.out.printf("random walk, column %d, %s%%: width step %d / step 1 = %.3f (√%d = %.3f)%n", col,
              level, PRED, ratio, PRED, Math.sqrt(PRED));
          assertThat(ratio).isCloseTo(Math.sqrt(PRED), within(0.2 * Math.sqrt(PRED)));
        }
      }
    }
  }

  @Test
  void theCalibrationIsSavedAndLoaded(@TempDir Path dir) throws IOException {
    TimeSeriesFrame frame = series(3_000, 3, false);
    double[] history = frame.values(100, 100 + SEQ);
    try (FittedForecaster f = train(frame, "mean")) {
      double[] y = f.forecast(history, SEQ);
      PredictionIntervals before = f.intervals(y, List.of(95.0, 80.0));
      assertThat(before.levels()).containsExactly("95", "80");
      Path saved = dir.resolve("m");
      AtomicDirectory.write(saved, false, f::save);
      assertThat(saved.resolve(ConformalCalibration.FILE)).exists();
      try (FittedForecaster loaded = ForecasterTypes.load(saved)) {
        assertThat(loaded.conformal().orElseThrow().describe()).isEqualTo(f.conformal().orElseThrow().describe());
        PredictionIntervals after = loaded.intervals(loaded.forecast(history, SEQ), List.of(95.0, 80.0));
        for (String level : List.of("80", "95")) {
          assertThat(after.bands().get(level).lower()).containsExactly(before.bands().get(level).lower());
          assertThat(after.bands().get(level).upper()).containsExactly(before.bands().get(level).upper());
        }
      }
      // a model directory from before intervals existed: loads, forecasts, no intervals
      Files.delete(saved.resolve(ConformalCalibration.FILE));
      try (FittedForecaster old = ForecasterTypes.load(saved)) {
        assertThat(old.forecast(history, SEQ)).containsExactly(y);
        assertThat(old.conformal()).isEmpty();
        assertThatThrownBy(() -> old.checkIntervals(List.of(80.0)))
            .isInstanceOf(IntervalsUnavailableException.class)
            .hasMessage("the mean model has no conformal calibration (conformal.json; models saved before "
                + "prediction intervals existed, or trained without validation windows, have none): retrain it "
                + "to get intervals");
      }
    }
  }

  @Test
  void anyLevelsCanBeCalibratedOrNone() {
    TimeSeriesFrame frame = series(5_000, 9, false);
    try (FittedForecaster f = ForecastPipeline.train(frame, "sha", new TrainingSpec("mean", SEQ, PRED,
        SplitRule.RATIO, Map.of(), List.of(50.0, 99.0)), TrainingContext.defaults())) {
      ConformalCalibration c = f.conformal().orElseThrow();
      assertThat(c.levels()).containsExactly("50", "99");
      assertThat(c.testCoverage().get("50")).isCloseTo(50.0, within(5.0));
      assertThat(c.testCoverage().get("99")).isCloseTo(99.0, within(2.0));
      assertThatThrownBy(() -> f.checkIntervals(List.of(80.0)))
          .hasMessage("the 80% interval was not calibrated for this model; available levels: 50, 99");
    }
    try (FittedForecaster f = ForecastPipeline.train(frame, "sha", new TrainingSpec("mean", SEQ, PRED,
        SplitRule.RATIO, Map.of(), List.of()), TrainingContext.defaults())) {
      assertThat(f.conformal()).isEmpty();
    }
  }

  @Test
  void aShortValidationSplitRefuses95() {
    // 200 rows, ratio split: validation rows [140 - 16, 160) = 36 rows → 36 - 16 - 8 + 1 = 13 windows < 19
    TimeSeriesFrame frame = series(200, 5, false);
    try (FittedForecaster f = train(frame, "mean")) {
      ConformalCalibration c = f.conformal().orElseThrow();
      assertThat(c.windows()).isEqualTo(13);
      assertThat(c.levels()).containsExactly("80");
      assertThatThrownBy(() -> f.checkIntervals(List.of(80.0, 95.0)))
          .isInstanceOf(IntervalsUnavailableException.class)
          .hasMessage("the 95% interval needs at least 19 validation windows (rank ⌈(n+1)·95/100⌉ = 14 > n); this "
              + "model was calibrated on n = 13; available levels: 80");
    }
  }
}
