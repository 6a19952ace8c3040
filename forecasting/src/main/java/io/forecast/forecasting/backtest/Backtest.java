package io.forecast.forecasting.backtest;

import io.forecast.data.SplitBoundaries;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.conformal.ConformalCalibration;
import io.forecast.forecasting.metrics.IntervalLevelMetrics;
import io.forecast.forecasting.metrics.IntervalStats;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.provenance.LibraryVersions;
import io.forecast.forecasting.provenance.ModelProvenance.DataProvenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Runs a rolling-origin backtest of any model type: plans the folds ({@link BacktestPlan}), refits the
 * model where the policy says so through the one training path
 * ({@link ForecastPipeline#train(TimeSeriesFrame, String, io.forecast.forecasting.pipeline.TrainingSpec,
 * SplitBoundaries, TrainingContext)}), and scores every fold ({@link FoldScorer}).
 *
 * <p>No target leakage: a refitted fold's training call gets the rows {@code [trainStart, testEnd)} of
 * the file only, split row by row into training rows (the first ones: the scaler, OLinear's OrthoTrans
 * basis and the weights are fitted from them), validation rows (the last {@link
 * BacktestSpec#validationFraction} of the rows before the origin: early stopping and the conformal
 * calibration) and the fold's test rows {@code [origin, testEnd)}, which only its test evaluation
 * reads. A fold that is not refitted reuses the last fitted model, whose rows all precede its own
 * origin. Rows at or after a fold's end are never passed to its training.
 */
public final class Backtest {
  private Backtest() {}

  /**
   * Runs a backtest.
   *
   * @param frame the loaded file
   * @param sha256 the file's SHA-256, for provenance
   * @param spec what to backtest
   * @param context seed, threads, per-epoch progress and cancellation (polled during training and
   *     between folds)
   * @param progress fold progress
   * @return the folds and the pooled metrics
   * @throws io.forecast.forecasting.ForecastingException for an unknown type, bad settings or fold
   *     parameters, or an unfittable fold
   * @throws io.forecast.data.DataException if the file is too short for its split rule or a fold
   * @throws CancellationException if cancelled
   */
  public static BacktestResult run(TimeSeriesFrame frame, String sha256, BacktestSpec spec, TrainingContext context,
      BacktestProgress progress) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(context, "context");
    progress = progress == null ? BacktestProgress.NONE : progress;
    ForecastPipeline.check(spec.training());
    BacktestPlan plan = BacktestPlan.of(spec, frame);
    int seqLen = spec.training().seqLen();
    int predLen = spec.training().predLen();
    String started = Instant.now().toString();
    long t0 = System.nanoTime();
    FoldScorer scorer = new FoldScorer(frame, seqLen, predLen, spec.training().intervalLevels());
    List<BacktestFold> folds = new ArrayList<>();
    int total = plan.folds().size();
    progress.planned(total);
    FittedForecaster model = null;
    Map<String, Object> settings = null;
    int modelStart = 0;
    int modelEnd = 0;
    int refits = 0;
    double trainingSeconds = 0;
    try {
      for (FoldPlan.Fold f : plan.folds()) {
        checkCancelled(context);
        boolean refit = f.refit() || model == null;
        String skipped = null;
        if (refit && model != null && spec.budgetSeconds() != null && trainingSeconds >= spec.budgetSeconds()) {
          refit = false;
          skipped = String.format(java.util.Locale.ROOT, "retraining budget of %.1f s spent (%.1f s)",
              spec.budgetSeconds(), trainingSeconds);
        }
        progress.foldStarted(f.index(), total, refit);
        Integer epochs = null;
        Double seconds = null;
        if (refit) {
          long fit0 = System.nanoTime();
          FittedForecaster next = fit(frame, sha256, spec, f, context);
          checkCancelled(context, next);
          seconds = (System.nanoTime() - fit0) / 1e9;
          trainingSeconds += seconds;
          refits++;
          epochs = next.provenance().curve().isEmpty() ? null : next.provenance().curve().size();
          if (model != null) {
            model.close();
          }
          model = next;
          if (settings == null) {
            settings = next.settings();
          }
          modelStart = f.trainStart();
          modelEnd = f.origin();
        }
        FoldScorer.Scored s = scorer.score(model, modelStart, modelEnd, f.origin(), f.testEnd());
        BacktestFold fold = new BacktestFold(f.index(), f.trainStart(), f.origin(), f.testEnd(),
            frame.formatTimestamp(f.origin()), refit, skipped, modelStart, modelEnd, epochs, seconds, s.windows(),
            s.point().zScored().overall(), s.point().original().overall(), intervalsByLevel(s));
        folds.add(fold);
        progress.foldFinished(fold, total);
      }
    } finally {
      if (model != null) {
        model.close();
      }
    }
    SplitBoundaries split = plan.split();
    DataProvenance data = new DataProvenance(frame.source(), sha256, frame.rows(), frame.columnNames(),
        frame.target(), frame.quality().policy().label(), split.rule().label(), split.trainEnd(), split.valEnd(),
        split.testEnd());
    return new BacktestResult(spec.training().modelType(), seqLen, predLen, settings, context.seed(),
        spec.training().intervalLevels(), spec.validationFraction(), spec.budgetSeconds(),
        BacktestResult.PlanSummary.of(plan), data, folds, scorer.aggregate(), scorer.aggregateIntervals(), refits,
        trainingSeconds, (System.nanoTime() - t0) / 1e9, LibraryVersions.current(), started,
        Instant.now().toString());
  }

  /** Trains a fold's model on rows {@code [trainStart, testEnd)} split at the validation and test starts. */
  private static FittedForecaster fit(TimeSeriesFrame frame, String sha256, BacktestSpec spec, FoldPlan.Fold f,
      TrainingContext context) {
    BacktestPlan.FoldRows rows = BacktestPlan.FoldRows.of(f, spec.training().seqLen(), spec.training().predLen(),
        spec.validationFraction());
    int length = f.testEnd() - f.trainStart();
    SplitBoundaries boundaries = SplitBoundaries.explicit(rows.trainRows(), f.origin() - f.trainStart(), length,
        length);
    return ForecastPipeline.train(frame.slice(f.trainStart(), f.testEnd()), sha256, spec.training(), boundaries,
        context);
  }

  private static Map<String, IntervalStats> intervalsByLevel(FoldScorer.Scored s) {
    Map<String, IntervalStats> out = new LinkedHashMap<>();
    if (s.intervals() != null) {
      for (IntervalLevelMetrics level : s.intervals().original()) {
        out.put(ConformalCalibration.label(level.level() * 100), level.overall());
      }
    }
    return out;
  }

  private static void checkCancelled(TrainingContext context) {
    if (context.cancelled().getAsBoolean()) {
      throw new CancellationException("backtest cancelled");
    }
  }

  private static void checkCancelled(TrainingContext context, FittedForecaster trained) {
    if (context.cancelled().getAsBoolean()) {
      trained.close();
      throw new CancellationException("backtest cancelled");
    }
  }
}
