package io.forecast.forecasting.service;

import io.forecast.data.DataException;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecastingException;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingProgress;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ForecastService}'s jobs, training models and backtests ({@link JobWork}): a bounded queue
 * in front of a single training thread (DJL allows one open gradient collector per process, so a
 * backtest never trains beside a training job), job lookup and cancel, one model id trained
 * by at most one active job, and the jobs' records ({@link JobRecords}): every status change is
 * written to {@code STORE/.jobs/JOB-ID.json}; the records of an earlier service on the same store
 * are read back at construction (unfinished jobs turn {@code FAILED}, {@link TrainingJob#INTERRUPTED});
 * only the {@code retainedJobs} most recently finished jobs are remembered, the records of the
 * others deleted (with a backtest's result, {@link BacktestResults}, or a comparison's folder,
 * {@link AttentionComparisonFiles}). A record that cannot be
 * written is logged and does not stop the job.
 *
 * <p>Thread-safe.
 */
final class TrainingJobs implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(TrainingJobs.class.getName());

  /**
   * What a job does on the training thread. It returns normally when its result is kept (then the
   * job SUCCEEDED), throws {@link CancellationException} when it stopped because {@link
   * TrainingJob#isCancelRequested()} turned true (CANCELLED), or a service, data or forecasting
   * exception (FAILED, with its message).
   */
  @FunctionalInterface
  interface JobWork {
    /**
     * @param job the job (its id; progress setters)
     * @param context seed, threads, epoch progress (recorded on the job) and cancellation
     * @param changed call after changing the job's progress, to write its record
     */
    void run(TrainingJob job, TrainingContext context, Runnable changed);
  }

  /**
   * What a training job trains and saves, checked before it is queued.
   *
   * @param frame the training file, loaded
   * @param sha256 the file's digest (provenance)
   * @param spec model type, lengths, split and settings
   * @param seed the training seed
   * @param overwrite whether the job may replace an existing model
   */
  record Work(TimeSeriesFrame frame, String sha256, TrainingSpec spec, long seed, boolean overwrite) {}

  private final ModelStore store;
  private final ForecastServiceSettings settings;
  private final TrainingListener listener;
  private final JobRecords records;
  private final BacktestResults backtestResults;
  private final AttentionComparisonFiles attentionComparisons;
  private final ThreadPoolExecutor trainer;
  private final ConcurrentHashMap<String, TrainingJob> jobs = new ConcurrentHashMap<>();
  private final Deque<String> finishedJobs = new ArrayDeque<>();

  /** Reads the records of an earlier service on this store, then starts the (idle) training thread. */
  TrainingJobs(ModelStore store, ForecastServiceSettings settings, TrainingListener listener) {
    this.store = store;
    this.settings = settings;
    this.listener = listener;
    this.records = new JobRecords(store.root());
    this.backtestResults = new BacktestResults(store.root());
    this.attentionComparisons = new AttentionComparisonFiles(store.root());
    restore();
    this.trainer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(settings.trainingQueueCapacity()), runnable -> {
          Thread t = new Thread(runnable, "forecast-training");
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Queues a job training {@code modelId}.
   *
   * @param maxEpochs the epoch budget as far as known now (0: not yet)
   * @return the job's status (QUEUED, or RUNNING if the thread already took it)
   * @throws ModelAlreadyExistsException if another active job trains the same id
   * @throws TrainingQueueFullException if the queue is full
   */
  JobStatus submit(String modelId, int maxEpochs, Work work) {
    TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), modelId, maxEpochs);
    synchronized (jobs) {
      for (TrainingJob other : jobs.values()) {
        if (modelId.equals(other.modelId()) && !other.state().isFinished()) {
          throw ModelAlreadyExistsException.beingTrained(modelId, other.id());
        }
      }
      jobs.put(job.id(), job);
    }
    return queue(job, work.seed(), (j, context, changed) -> {
      try (FittedForecaster model = ForecastPipeline.train(work.frame(), work.sha256(), work.spec(), context)) {
        if (j.isCancelRequested()) {
          throw new CancellationException("training cancelled");
        }
        store.save(j.modelId(), model, work.overwrite());
      }
    });
  }

  /**
   * Queues a job of any kind on the training thread (it shares the queue with training jobs).
   *
   * @param job a new job, not yet known to this
   * @param seed the training seed of its context
   * @return the job's status (QUEUED, or RUNNING if the thread already took it)
   * @throws TrainingQueueFullException if the queue is full
   */
  JobStatus submit(TrainingJob job, long seed, JobWork work) {
    jobs.put(job.id(), job);
    return queue(job, seed, work);
  }

  private JobStatus queue(TrainingJob job, long seed, JobWork work) {
    Runnable task = () -> run(job, seed, work);
    job.task(task);
    try {
      trainer.execute(task);
    } catch (RejectedExecutionException e) {
      jobs.remove(job.id());
      throw new TrainingQueueFullException(settings.trainingQueueCapacity());
    }
    persist(job);
    return job.snapshot();
  }

  private void run(TrainingJob job, long seed, JobWork work) {
    if (!job.start()) {
      return;
    }
    persist(job);
    long t0 = System.nanoTime();
    try {
      TrainingProgress progress = new TrainingProgress() {
        @Override
        public void trainingStarted(int maxEpochs) {
          job.maxEpochs(maxEpochs);
          persist(job);
        }

        @Override
        public void epochFinished(int epoch, double trainLoss, double valLoss, double lr, double seconds) {
          job.epochFinished(epoch, trainLoss, valLoss, seconds);
          persist(job);
        }
      };
      TrainingContext context = new TrainingContext(seed, settings.trainingThreads(), progress,
          job::isCancelRequested);
      work.run(job, context, () -> persist(job));
      job.finish(JobState.SUCCEEDED, null);
    } catch (CancellationException e) {
      job.finish(JobState.CANCELLED, null);
    } catch (ForecastServiceException | DataException | ForecastingException e) {
      job.finish(JobState.FAILED, e.getMessage());
    } catch (RuntimeException | Error e) {
      job.finish(JobState.FAILED, "internal error: " + e);
      if (e instanceof VirtualMachineError) {
        throw e;
      }
    } finally {
      finished(job, Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  private void finished(TrainingJob job, Duration runTime) {
    persist(job);
    try {
      listener.jobFinished(job.snapshot(), runTime);
    } catch (RuntimeException ignored) {
      // a metrics listener must not break the service
    }
    remember(job);
  }

  /** Adds a finished job to the remembered ones, forgetting (and deleting the records of) the oldest. */
  private void remember(TrainingJob job) {
    List<TrainingJob> forgotten = new ArrayList<>();
    synchronized (finishedJobs) {
      finishedJobs.addLast(job.id());
      while (finishedJobs.size() > settings.retainedJobs()) {
        TrainingJob old = jobs.remove(finishedJobs.removeFirst());
        if (old != null) {
          forgotten.add(old);
        }
      }
    }
    forgotten.forEach(this::forget);
  }

  /** Writes a job's current status to its record (the latest snapshot always lands last). */
  private void persist(TrainingJob job) {
    synchronized (job.recordLock) {
      if (job.forgotten) {
        return;
      }
      try {
        JobStatus snapshot = job.snapshot();
        records.write(snapshot);
        job.recordedState = snapshot.state();
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot write the record of training job " + job.id() + " to "
            + records.directory() + ": " + e.getMessage());
      }
    }
  }

  private void forget(TrainingJob job) {
    synchronized (job.recordLock) {
      job.forgotten = true;
      try {
        records.delete(job.id());
        if (JobStatus.BACKTEST.equals(job.kind())) {
          backtestResults.delete(job.id());
        } else if (JobStatus.ATTENTION_COMPARISON.equals(job.kind())) {
          attentionComparisons.delete(job.id());
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot delete the record of forgotten " + job.kind() + " job "
            + job.id() + ": " + e.getMessage());
      }
    }
  }

  /**
   * Reads the records of an earlier service on this store: unfinished jobs become FAILED
   * (interrupted) and are written back; only the {@code retainedJobs} most recently finished are kept.
   */
  private void restore() {
    List<JobStatus> saved;
    try {
      saved = records.load();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot read the training job records in " + records.directory() + ": "
          + e.getMessage());
      return;
    }
    List<TrainingJob> restored = new ArrayList<>();
    for (JobStatus s : saved) {
      TrainingJob job = TrainingJob.restore(s);
      if (s.state() != job.state()) {
        persist(job);
      } else {
        synchronized (job.recordLock) {
          job.recordedState = s.state();
        }
      }
      restored.add(job);
    }
    restored.sort(Comparator.comparing((TrainingJob j) -> instant(j.snapshot().finishedAt()))
        .thenComparing(j -> instant(j.snapshot().submittedAt())));
    for (TrainingJob job : restored) {
      jobs.put(job.id(), job);
      remember(job);
    }
  }

  private static Instant instant(String iso) {
    try {
      return iso == null ? Instant.EPOCH : Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** The finished backtests' results (deleted here when their jobs are forgotten). */
  BacktestResults backtestResults() {
    return backtestResults;
  }

  /** The attention comparisons' output folders (deleted here when their jobs are forgotten). */
  AttentionComparisonFiles attentionComparisons() {
    return attentionComparisons;
  }

  /** See {@link ForecastService#job}. */
  JobStatus job(String jobId) {
    return find(jobId).snapshot();
  }

  /** See {@link ForecastService#jobs}. */
  List<JobStatus> jobs() {
    List<JobStatus> out = new ArrayList<>();
    jobs.values().forEach(j -> out.add(j.snapshot()));
    out.sort(Comparator.comparing(JobStatus::submittedAt));
    return out;
  }

  /** See {@link ForecastService#cancel}. */
  JobStatus cancel(String jobId) {
    TrainingJob job = find(jobId);
    Runnable task = job.task();
    if (job.cancel()) {
      if (task != null) {
        trainer.remove(task);
      }
      finished(job, Duration.ZERO);
    }
    return job.snapshot();
  }

  private TrainingJob find(String jobId) {
    TrainingJob job = jobId == null ? null : jobs.get(jobId);
    if (job == null) {
      throw new JobNotFoundException(jobId);
    }
    return job;
  }

  /** See {@link ForecastService#close}. */
  @Override
  public void close() {
    for (TrainingJob job : jobs.values()) {
      if (job.interrupt()) {
        persist(job);
      }
    }
    trainer.shutdownNow();
    try {
      trainer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // a job may have ended without its record written yet (or the write failed): write from here
    for (TrainingJob job : jobs.values()) {
      boolean stale;
      synchronized (job.recordLock) {
        stale = !job.forgotten && job.recordedState != job.state();
      }
      if (stale) {
        persist(job);
      }
    }
  }
}
