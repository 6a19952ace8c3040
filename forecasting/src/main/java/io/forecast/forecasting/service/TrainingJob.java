package io.forecast.forecasting.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable record of one job on the training thread (training a model, or a backtest: its
 * {@link JobStatus#kind() kind}), shared by the training thread and status readers. The
 * service persists a {@link #snapshot()} on every change (see {@link TrainingJobs}); a job read
 * back after a restart is {@link #restore restored} finished.
 */
final class TrainingJob {
  /** The error of a job the service stopped (or lost in a crash) before it finished. */
  static final String INTERRUPTED = "interrupted (the service stopped before the job finished)";

  private final String id;
  private final String modelId;
  private final String kind;
  private Integer fold;
  private Integer folds;
  private volatile int maxEpochs;
  private final String submittedAt;
  private final List<EpochLoss> epochs = new ArrayList<>();
  private volatile boolean cancelRequested;
  private boolean interrupted;
  private JobState state = JobState.QUEUED;
  private String startedAt;
  private String finishedAt;
  private String error;
  private Runnable task;
  /** Serialises writing this job's record (see TrainingJobs#persist). */
  final Object recordLock = new Object();
  /** Set (under recordLock) once the record is deleted: the job is forgotten and never written again. */
  boolean forgotten;
  /** The state last written to the record (under recordLock), or null before the first write. */
  JobState recordedState;

  TrainingJob(String id, String modelId, int maxEpochs) {
    this(id, JobStatus.TRAINING, modelId, maxEpochs, Instant.now().toString());
  }

  /** A job of a kind ({@link JobStatus#TRAINING} or {@link JobStatus#BACKTEST}); modelId null for a backtest. */
  TrainingJob(String id, String kind, String modelId, int maxEpochs) {
    this(id, kind, modelId, maxEpochs, Instant.now().toString());
  }

  private TrainingJob(String id, String kind, String modelId, int maxEpochs, String submittedAt) {
    this.id = id;
    this.kind = kind;
    this.modelId = modelId;
    this.maxEpochs = maxEpochs;
    this.submittedAt = submittedAt;
  }

  /**
   * A job read back from its record. One that was still QUEUED or RUNNING when its service stopped
   * comes back FAILED with {@link #INTERRUPTED} (finished now); a finished one as it was.
   */
  static TrainingJob restore(JobStatus s) {
    TrainingJob job = new TrainingJob(s.id(), s.kind(), s.modelId(), s.maxEpochs(),
        s.submittedAt() == null ? Instant.EPOCH.toString() : s.submittedAt());
    job.epochs.addAll(s.epochs());
    job.fold = s.fold();
    job.folds = s.folds();
    job.startedAt = s.startedAt();
    if (s.state() == null || !s.state().isFinished()) {
      job.state = JobState.FAILED;
      job.error = INTERRUPTED;
      job.finishedAt = Instant.now().toString();
    } else {
      job.state = s.state();
      job.error = s.error();
      job.finishedAt = s.finishedAt();
    }
    return job;
  }

  /** The run's epoch budget, once the type has resolved it (0 until then: no ETA). */
  void maxEpochs(int epochs) {
    this.maxEpochs = epochs;
  }

  String id() {
    return id;
  }

  String modelId() {
    return modelId;
  }

  String kind() {
    return kind;
  }

  synchronized void task(Runnable task) {
    this.task = task;
  }

  synchronized Runnable task() {
    return task;
  }

  /** Polled by the trainer between batches. */
  boolean isCancelRequested() {
    return cancelRequested;
  }

  /** QUEUED → RUNNING; false if the job was cancelled while queued. */
  synchronized boolean start() {
    if (state != JobState.QUEUED) {
      return false;
    }
    state = JobState.RUNNING;
    startedAt = Instant.now().toString();
    return true;
  }

  /** A backtest planned its folds: none finished yet. */
  synchronized void foldsPlanned(int total) {
    folds = total;
    fold = 0;
  }

  /** A backtest's fold starts: the epochs reported from now on are its training's. */
  synchronized void foldStarted() {
    epochs.clear();
  }

  /** A backtest's fold is scored. */
  synchronized void foldFinished(int finished) {
    fold = finished;
  }

  synchronized void epochFinished(int epoch, double trainLoss, double valLoss, double seconds) {
    epochs.add(new EpochLoss(epoch, trainLoss, valLoss, seconds));
  }

  /** Requests cancellation; a queued job is cancelled at once. Returns whether it was still queued. */
  synchronized boolean cancel() {
    if (state.isFinished()) {
      return false;
    }
    cancelRequested = true;
    if (state == JobState.QUEUED) {
      finish(JobState.CANCELLED, null);
      return true;
    }
    return false;
  }

  /**
   * The service is stopping: a queued job fails at once with {@link #INTERRUPTED}; a running one is
   * asked to stop and will end FAILED with {@link #INTERRUPTED} unless it succeeds first. A job whose
   * cancellation a user already asked for still ends CANCELLED.
   *
   * @return whether the job changed state at once (it was queued)
   */
  synchronized boolean interrupt() {
    if (state.isFinished() || cancelRequested) {
      return false;
    }
    interrupted = true;
    cancelRequested = true;
    if (state == JobState.QUEUED) {
      finish(JobState.FAILED, INTERRUPTED);
      return true;
    }
    return false;
  }

  synchronized void finish(JobState end, String message) {
    if (state.isFinished()) {
      return;
    }
    if (interrupted && end != JobState.SUCCEEDED) {
      end = JobState.FAILED;
      message = INTERRUPTED;
    }
    state = end;
    error = message;
    finishedAt = Instant.now().toString();
    task = null;
  }

  synchronized JobState state() {
    return state;
  }

  synchronized JobStatus snapshot() {
    Double eta = null;
    if (state == JobState.RUNNING && !epochs.isEmpty()) {
      double mean = epochs.stream().mapToDouble(EpochLoss::seconds).average().orElse(0);
      eta = mean * Math.max(0, maxEpochs - epochs.size());
    }
    return new JobStatus(id, modelId, state, epochs.size(), maxEpochs, epochs, eta, error, submittedAt, startedAt,
        finishedAt, kind, fold, folds);
  }
}
