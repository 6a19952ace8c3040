package io.forecast.forecasting.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.InvalidSettingsException;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingProgress;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rolling-origin backtests: planned folds, refit policy and budget, pooling, and no target leakage. */
class BacktestTest {
  static final int SEQ = 24;
  static final int PRED = 8;

  /** Two columns, hourly, a daily sine plus noise; {@code spikeFrom ≥ 0}: +1000 from that row on. */
  static TimeSeriesFrame series(int rows, long seed, int spikeFrom) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("date,a,OT\n");
    LocalDateTime t = LocalDateTime.of(2020, 1, 1, 0, 0);
    for (int i = 0; i < rows; i++) {
      double season = Math.sin(2 * Math.PI * i / 24);
      double a = 10 + 3 * season + 0.3 * random.nextGaussian();
      double b = -5 + season + random.nextGaussian() + (spikeFrom >= 0 && i >= spikeFrom ? 1000 : 0);
      csv.append(t.plusHours(i).toString().replace('T', ' ')).append(":00,").append(a).append(',').append(b)
          .append('\n');
    }
    return TimeSeriesCsvReader.read("synthetic.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
        CsvLoadOptions.defaults());
  }

  static TrainingSpec spec(String type, Map<String, ?> settings, List<Double> levels) {
    return new TrainingSpec(type, SEQ, PRED, SplitRule.RATIO, settings, levels);
  }

  static BacktestSpec backtest(TrainingSpec training, Integer step, Integer horizon, Integer folds, int refitEvery,
      Double budget) {
    return new BacktestSpec(training, FoldPlan.Window.EXPANDING, null, null, step, horizon, folds, refitEvery, budget,
        BacktestSpec.DEFAULT_VALIDATION_FRACTION);
  }

  @Test
  void defaultPlanCutsTheTestSplitIntoFiveAdjacentFolds() {
    // ratio split of 1000 rows: train 700, validation 100, test [800, 1000): 5 folds of 40 rows
    BacktestResult r = Backtest.run(series(1000, 1, -1), "sha", BacktestSpec.of(spec("naive", Map.of(), List.of())),
        TrainingContext.defaults(), null);
    assertThat(r.folds()).extracting(BacktestFold::origin).containsExactly(800, 840, 880, 920, 960);
    assertThat(r.folds()).extracting(BacktestFold::testEnd).containsExactly(840, 880, 920, 960, 1000);
    assertThat(r.folds()).allSatisfy(f -> {
      assertThat(f.trainStart()).isZero();
      assertThat(f.refitted()).isTrue();
      assertThat(f.modelTrainEnd()).isEqualTo(f.origin());
      assertThat(f.windows()).isEqualTo(40 - PRED + 1);
    });
    assertThat(r.plan().horizon()).isEqualTo(40);
    assertThat(r.aggregate().windows()).isEqualTo(5 * 33);
    assertThat(r.folds().get(0).originTime()).isEqualTo("2020-02-03 08:00:00"); // row 800 = 33 days + 8 h
    assertThat(r.data().sha256()).isEqualTo("sha");
  }

  @Test
  void slidingWindowKeepsTheTrainingLength() {
    BacktestSpec s = new BacktestSpec(spec("naive", Map.of(), List.of()), FoldPlan.Window.SLIDING, 300, 500, 100,
        null, null, 1, null, BacktestSpec.DEFAULT_VALIDATION_FRACTION);
    BacktestResult r = Backtest.run(series(1000, 1, -1), "sha", s, TrainingContext.defaults(), null);
    // range end = the ratio split's test end = 1000; origins 500, 600, ..., 900
    assertThat(r.folds()).extracting(BacktestFold::origin).containsExactly(500, 600, 700, 800, 900);
    assertThat(r.folds()).extracting(BacktestFold::trainStart).containsExactly(200, 300, 400, 500, 600);
    assertThat(r.folds()).allSatisfy(f -> assertThat(f.windows()).isEqualTo(100 - PRED + 1));
  }

  @Test
  void pooledOriginalScaleErrorsAreTheWindowWeightedMeansOfTheFolds() {
    BacktestResult r = Backtest.run(series(1000, 2, -1), "sha",
        backtest(spec("dlinear", Map.of("epochs", 1), List.of()), 50, 60, null, 1, null),
        TrainingContext.defaults(), null);
    double se = 0;
    double ae = 0;
    long windows = 0;
    for (BacktestFold f : r.folds()) {
      se += f.original().mse() * f.windows();
      ae += f.original().mae() * f.windows();
      windows += f.windows();
    }
    assertThat(r.folds()).hasSize(3); // origins 800, 850, 900 (+60 = 960 ≤ 1000); 950 would end at 1010
    assertThat(r.aggregate().windows()).isEqualTo(windows);
    assertThat(r.aggregate().original().overall().mse()).isCloseTo(se / windows, within(1e-9 * se / windows));
    assertThat(r.aggregate().original().overall().mae()).isCloseTo(ae / windows, within(1e-9 * ae / windows));
    // hourly data: MASE with the daily season (24), the same on both scales
    assertThat(r.aggregate().masePeriod()).isEqualTo(24);
    assertThat(r.folds()).allSatisfy(f -> assertThat(f.zScored().mase())
        .isCloseTo(f.original().mase(), within(1e-9 * f.original().mase())));
  }

  @Test
  void refitEveryZeroFitsOnceAndLaterFoldsReuseThatModel() {
    BacktestResult r = Backtest.run(series(1000, 3, -1), "sha",
        backtest(spec("dlinear", Map.of("epochs", 1), List.of()), null, null, 4, 0, null),
        TrainingContext.defaults(), null);
    assertThat(r.refits()).isEqualTo(1);
    assertThat(r.folds()).extracting(BacktestFold::refitted).containsExactly(true, false, false, false);
    assertThat(r.folds()).allSatisfy(f -> assertThat(f.modelTrainEnd()).isEqualTo(800));
  }

  @Test
  void aSpentBudgetSkipsLaterRefitsAndSaysWhy() {
    BacktestResult r = Backtest.run(series(1000, 3, -1), "sha",
        backtest(spec("dlinear", Map.of("epochs", 1), List.of()), null, null, 3, 1, 1e-9),
        TrainingContext.defaults(), null);
    assertThat(r.refits()).isEqualTo(1);
    assertThat(r.folds().get(1).refitted()).isFalse();
    assertThat(r.folds().get(1).refitSkipped()).startsWith("retraining budget of 0.0 s spent");
  }

  /**
   * Two series equal up to row 960 and 1000 higher from there on: every fold ending at or before
   * row 960 scores the same, and every fold's training (losses epoch by epoch) is the same, also for
   * the fold whose test rows hold the spike. A scaler, OrthoTrans basis or weights fitted on any row
   * at or after a fold's origin would change its losses.
   */
  @ParameterizedTest
  @ValueSource(strings = {"dlinear", "olinear"})
  void noFoldsModelSeesARowAtOrAfterItsOrigin(String type) {
    Map<String, Object> settings = type.equals("olinear")
        ? Map.of("dModel", 16, "dFf", 16, "embedSize", 4, "epochs", 2, "batchSize", 16)
        : Map.of("epochs", 2);
    BacktestSpec s = backtest(spec(type, settings, List.of()), null, null, 5, 1, null);
    List<double[]> cleanLosses = new ArrayList<>();
    List<double[]> spikedLosses = new ArrayList<>();
    BacktestResult clean = Backtest.run(series(1000, 4, -1), "sha", s, context(cleanLosses), null);
    BacktestResult spiked = Backtest.run(series(1000, 4, 960), "sha", s, context(spikedLosses), null);
    assertThat(clean.folds().get(4).origin()).isEqualTo(960);
    assertThat(spikedLosses).hasSameSizeAs(cleanLosses).isNotEmpty();
    for (int i = 0; i < cleanLosses.size(); i++) {
      assertThat(spikedLosses.get(i)).as("epoch losses %d", i).containsExactly(cleanLosses.get(i));
    }
    for (int f = 0; f < 4; f++) {
      assertThat(spiked.folds().get(f).original()).isEqualTo(clean.folds().get(f).original());
    }
    // the spike is in the last fold's test rows: its scores must differ, or this test could not fail
    assertThat(spiked.folds().get(4).original().mse()).isGreaterThan(100 * clean.folds().get(4).original().mse());
  }

  private static TrainingContext context(List<double[]> losses) {
    TrainingProgress record = (epoch, train, val, lr, seconds) -> losses.add(new double[] {train, val});
    return new TrainingContext(TrainingContext.DEFAULT_SEED, 1, record, null);
  }

  @Test
  void foldsWithEnoughValidationWindowsCarryIntervalCoverage() {
    BacktestResult r = Backtest.run(series(3000, 5, -1), "sha",
        backtest(spec("naive", Map.of(), List.of(80.0, 95.0)), null, null, 2, 1, null),
        TrainingContext.defaults(), null);
    assertThat(r.folds()).allSatisfy(f -> {
      assertThat(f.intervals()).containsOnlyKeys("80", "95");
      assertThat(f.intervals().get("80").coverage()).isBetween(0.0, 1.0);
      assertThat(f.intervals().get("95").coverage()).isGreaterThanOrEqualTo(f.intervals().get("80").coverage());
    });
    assertThat(r.aggregateIntervals()).isNotNull();
    assertThat(r.aggregateIntervals().windows()).isEqualTo(r.aggregate().windows());
  }

  @Test
  void cancellationStopsBetweenFolds() {
    int[] folds = {0};
    BacktestProgress progress = new BacktestProgress() {
      @Override
      public void foldFinished(BacktestFold fold, int total) {
        folds[0]++;
      }
    };
    TrainingContext context = new TrainingContext(1, 0, null, () -> folds[0] >= 2);
    assertThatThrownBy(() -> Backtest.run(series(1000, 1, -1), "sha",
        BacktestSpec.of(spec("naive", Map.of(), List.of())), context, progress))
        .isInstanceOf(CancellationException.class);
    assertThat(folds[0]).isEqualTo(2);
  }

  @Test
  void aHorizonShorterThanPredLenIsRefused() {
    assertThatThrownBy(() -> Backtest.run(series(1000, 1, -1), "sha",
        backtest(spec("naive", Map.of(), List.of()), 10, 5, null, 1, null), TrainingContext.defaults(), null))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("the horizon (5 rows per fold) must be at least pred_len (8)");
  }

  @Test
  void aFoldWithTooFewTrainingRowsIsRefusedBeforeTraining() {
    BacktestSpec s = new BacktestSpec(spec("naive", Map.of(), List.of()), FoldPlan.Window.SLIDING, 30, 500, 100,
        null, null, 1, null, BacktestSpec.DEFAULT_VALIDATION_FRACTION);
    assertThatThrownBy(() -> Backtest.run(series(1000, 1, -1), "sha", s, TrainingContext.defaults(), null))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessage("fold 0 (origin row 500) has 30 training rows; after 8 validation rows, 22 are left, fewer than "
            + "seq_len + pred_len = 32; use a later first origin or a longer sliding window");
  }

  @Test
  void tooManyFoldsAreRefused() {
    assertThatThrownBy(() -> Backtest.run(series(1000, 1, -1), "sha",
        backtest(spec("naive", Map.of(), List.of()), null, null, 30, 1, null), TrainingContext.defaults(), null))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageStartingWith("the backtest range rows [800, 1000) cut into 30 folds leaves 6 rows per fold, fewer "
            + "than pred_len 8");
  }
}
