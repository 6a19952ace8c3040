package io.forecast.forecasting.service;

import io.forecast.data.MissingValuePolicy;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.backtest.Backtest;
import io.forecast.forecasting.backtest.BacktestFold;
import io.forecast.forecasting.backtest.BacktestPlan;
import io.forecast.forecasting.backtest.BacktestProgress;
import io.forecast.forecasting.backtest.BacktestResult;
import io.forecast.forecasting.backtest.BacktestSpec;
import io.forecast.forecasting.backtest.FoldPlan;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.provenance.FileDigest;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * The {@link ForecastService}'s backtest jobs: a request is checked in full before it is queued (the
 * settings, the file, and every fold through {@link BacktestPlan#of}), then runs as a job of kind
 * {@value JobStatus#BACKTEST} on the one training thread of {@link TrainingJobs}, reporting its folds
 * and each refit's epochs on the job. Its result is written to {@link BacktestResults}.
 */
final class BacktestJobs {
  private final TrainingJobs jobs;
  private final ForecastServiceSettings settings;

  BacktestJobs(TrainingJobs jobs, ForecastServiceSettings settings) {
    this.jobs = jobs;
    this.settings = settings;
  }

  /** See {@link ForecastService#backtest}. */
  JobStatus submit(byte[] csv, String fileName, BacktestRequest request) {
    SplitRule rule = TrainingUploads.parse(() -> request.split() == null ? SplitRule.AUTO
        : SplitRule.parse(request.split()));
    MissingValuePolicy policy = TrainingUploads.parse(() -> request.missing() == null ? MissingValuePolicy.REJECT
        : MissingValuePolicy.parse(request.missing()));
    TrainingSpec training = TrainingUploads.parse(() -> new TrainingSpec(request.modelType(), request.seqLen(),
        request.predLen(), rule, request.settings(), request.intervals()));
    TrainingUploads.parse(() -> ForecastPipeline.check(training));
    BacktestSpec spec = new BacktestSpec(training, window(request.window()), request.windowRows(),
        request.firstOrigin(), request.step(), request.horizon(), request.folds(),
        request.refitEvery() == null ? 1 : request.refitEvery(), request.budgetSeconds(),
        request.validationFraction() == null ? BacktestSpec.DEFAULT_VALIDATION_FRACTION
            : request.validationFraction());
    TimeSeriesFrame frame = TrainingUploads.read(csv, fileName, request.target(), request.timestampColumn(), policy,
        settings);
    // the type's own checks with the file's columns, the split and lengths, and every fold: a bad value
    // or a too-short file fails the call, not the job
    Settings checked = ForecastPipeline.check(training, frame);
    BacktestPlan.of(spec, frame);
    long seed = request.seed() == null ? TrainingContext.DEFAULT_SEED : request.seed();
    Integer epochs = checked.asMap().get("epochs") instanceof Integer e ? e : null;
    String sha256 = FileDigest.sha256(csv);
    TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), JobStatus.BACKTEST, null,
        epochs == null ? 0 : epochs);
    return jobs.submit(job, seed, (j, context, changed) -> {
      BacktestResult result = Backtest.run(frame, sha256, spec, context, progress(j, changed));
      if (j.isCancelRequested()) {
        throw new CancellationException("backtest cancelled");
      }
      try {
        jobs.backtestResults().write(j.id(), result);
      } catch (IOException e) {
        throw new ModelStoreException("cannot write the result of backtest job " + j.id() + ": " + e.getMessage(),
            e);
      }
    });
  }

  /** See {@link ForecastService#backtestReport}. */
  BacktestReport report(String jobId) {
    JobStatus status;
    try {
      status = jobs.job(jobId);
    } catch (JobNotFoundException e) {
      throw JobNotFoundException.notABacktest(jobId, null);
    }
    if (!JobStatus.BACKTEST.equals(status.kind())) {
      throw JobNotFoundException.notABacktest(jobId, status.kind());
    }
    if (status.state() != JobState.SUCCEEDED) {
      return new BacktestReport(status, null);
    }
    try {
      return new BacktestReport(status, jobs.backtestResults().read(jobId));
    } catch (IOException | RuntimeException e) {
      throw new ModelStoreException("cannot read the result of backtest job " + jobId + ": " + e.getMessage(), e);
    }
  }

  private static FoldPlan.Window window(String name) {
    if (name == null || name.isBlank()) {
      return FoldPlan.Window.EXPANDING;
    }
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "expanding" -> FoldPlan.Window.EXPANDING;
      case "sliding" -> FoldPlan.Window.SLIDING;
      default -> throw new InvalidTrainingRequestException("window must be expanding or sliding, got '" + name + "'",
          null);
    };
  }

  /** Records the folds on the job; each fold's refit reports its epochs afresh. */
  private static BacktestProgress progress(TrainingJob job, Runnable changed) {
    return new BacktestProgress() {
      @Override
      public void planned(int folds) {
        job.foldsPlanned(folds);
        changed.run();
      }

      @Override
      public void foldStarted(int index, int folds, boolean refit) {
        job.foldStarted();
        changed.run();
      }

      @Override
      public void foldFinished(BacktestFold fold, int folds) {
        job.foldFinished(fold.index() + 1);
        changed.run();
      }
    };
  }
}
