package io.forecast.forecasting.service;

import io.forecast.data.MissingValuePolicy;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingProgress;
import io.forecast.forecasting.compare.CompareProgress;
import io.forecast.forecasting.compare.CompareSpec;
import io.forecast.forecasting.compare.RunResult;
import io.forecast.forecasting.compare.RunSpec;
import io.forecast.forecasting.persist.ModelFiles;
import io.forecast.forecasting.provenance.FileDigest;
import io.forecast.forecasting.variants.AttentionComparison;
import io.forecast.forecasting.variants.AttentionResults;
import io.forecast.forecasting.variants.Protocol;
import io.forecast.forecasting.variants.Variant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ForecastService}'s attention-comparison jobs: the code path of {@code forecast
 * compare-attention} ({@link AttentionComparison}) as a job of kind {@value
 * JobStatus#ATTENTION_COMPARISON} on the one training thread of {@link TrainingJobs}. A request is
 * checked in full before it is queued ({@link AttentionComparison#of}, then {@link
 * AttentionComparison#check} on the file); the job reports the grid's runs as its folds and the current
 * run's epochs, can be cancelled between training batches (the run in progress is dropped), and writes
 * its output folder ({@link AttentionComparisonFiles}).
 */
final class AttentionComparisonJobs {
  private final TrainingJobs jobs;
  private final ForecastServiceSettings settings;

  AttentionComparisonJobs(TrainingJobs jobs, ForecastServiceSettings settings) {
    this.jobs = jobs;
    this.settings = settings;
  }

  /** See {@link ForecastService#compareAttention}. */
  JobStatus submit(byte[] csv, String fileName, AttentionComparisonRequest request) {
    SplitRule rule = TrainingUploads.parse(() -> request.split() == null ? SplitRule.AUTO
        : SplitRule.parse(request.split()));
    MissingValuePolicy policy = TrainingUploads.parse(() -> request.missing() == null ? MissingValuePolicy.REJECT
        : MissingValuePolicy.parse(request.missing()));
    List<Variant> variants = new ArrayList<>();
    for (String v : request.variants()) {
      if (v != null && !v.isBlank()) {
        variants.add(Variant.parse(v));
      }
    }
    Protocol protocol = request.protocol() == null || request.protocol().isBlank() ? Protocol.A
        : Protocol.parse(request.protocol());
    List<Long> seeds = CompareSpec.seeds(request.seeds() == null ? AttentionComparisonRequest.DEFAULT_SEEDS
        : request.seeds());
    String sha256 = FileDigest.sha256(csv);
    AttentionComparison comparison = AttentionComparison.of(new AttentionComparison.Request(fileName, sha256, rule,
        request.model(), variants, request.seqLen() == null ? AttentionComparisonRequest.DEFAULT_SEQ_LEN
        : request.seqLen(), request.predLen(), seeds, request.settings(), protocol,
        request.diagnosticWindows() == null ? AttentionComparison.DEFAULT_DIAGNOSTIC_WINDOWS
            : request.diagnosticWindows()));
    TimeSeriesFrame frame = TrainingUploads.read(csv, fileName, request.target(), request.timestampColumn(), policy,
        settings);
    comparison.check(frame);
    TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), JobStatus.ATTENTION_COMPARISON, null, 0);
    return jobs.submit(job, seeds.get(0), (j, context, changed) -> {
      try {
        comparison.run(frame, jobs.attentionComparisons().folder(j.id()), context.threads(),
            progress(j, context, changed));
      } catch (IOException e) {
        throw new ModelStoreException("cannot write the output of attention-comparison job " + j.id() + ": "
            + e.getMessage(), e);
      }
    });
  }

  /** See {@link ForecastService#attentionComparison}. */
  AttentionComparisonReport report(String jobId) {
    JobStatus status = status(jobId);
    if (status.state() != JobState.SUCCEEDED) {
      return new AttentionComparisonReport(status, null);
    }
    byte[] json = file(jobId, AttentionResults.RESULTS_JSON);
    try {
      return new AttentionComparisonReport(status, ModelFiles.JSON.readTree(json));
    } catch (IOException e) {
      throw new ModelStoreException("cannot read the result of attention-comparison job " + jobId + ": "
          + e.getMessage(), e);
    }
  }

  /** See {@link ForecastService#attentionComparisonFile}. */
  byte[] file(String jobId, String name) {
    JobStatus status = status(jobId);
    if (!List.of(AttentionResults.RESULTS_JSON, AttentionResults.RESULTS_MD, AttentionResults.VAL_LOSS_SVG)
        .contains(name)) {
      throw new IllegalArgumentException("not a file of an attention comparison: " + name);
    }
    if (status.state() != JobState.SUCCEEDED) {
      return null;
    }
    try {
      byte[] bytes = jobs.attentionComparisons().read(jobId, name);
      if (bytes == null) {
        throw new ModelStoreException("the " + name + " of attention-comparison job " + jobId + " is missing from "
            + "the store", null);
      }
      return bytes;
    } catch (IOException e) {
      throw new ModelStoreException("cannot read the " + name + " of attention-comparison job " + jobId + ": "
          + e.getMessage(), e);
    }
  }

  private JobStatus status(String jobId) {
    JobStatus status;
    try {
      status = jobs.job(jobId);
    } catch (JobNotFoundException e) {
      throw JobNotFoundException.notOfKind(jobId, null, JobStatus.ATTENTION_COMPARISON);
    }
    if (!JobStatus.ATTENTION_COMPARISON.equals(status.kind())) {
      throw JobNotFoundException.notOfKind(jobId, status.kind(), JobStatus.ATTENTION_COMPARISON);
    }
    return status;
  }

  /**
   * The grid's runs as the job's folds (resumed ones count as finished), each run's epochs as the
   * job's, and the job's cancellation as the grid's.
   */
  private static CompareProgress progress(TrainingJob job, TrainingContext context, Runnable changed) {
    AtomicInteger finished = new AtomicInteger();
    return new CompareProgress() {
      @Override
      public void gridStarted(int runs, int resumed) {
        job.foldsPlanned(runs);
        changed.run();
      }

      @Override
      public TrainingProgress runStarted(RunSpec run) {
        job.foldStarted();
        changed.run();
        return context.progress();
      }

      @Override
      public void runFinished(RunResult result, boolean resumed) {
        job.foldFinished(finished.incrementAndGet());
        changed.run();
      }

      @Override
      public boolean cancelRequested() {
        return job.isCancelRequested();
      }
    };
  }
}
