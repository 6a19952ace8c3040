package io.forecast.forecasting.service;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.DataException;
import io.forecast.data.MissingValuePolicy;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.data.TimestampFormat;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.FittedForecaster;
import io.forecast.forecasting.ForecastingException;
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.TrainingProgress;
import io.forecast.forecasting.nn.EngineThreads;
import io.forecast.forecasting.pipeline.Evaluation;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.provenance.FileDigest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Forecasting, training and evaluation over a {@link ModelStore}.
 *
 * <ul>
 *   <li>{@link #forecast}: any number of threads at once, also on the same model (the store's lease
 *       keeps it open meanwhile). Concurrent forecasts on one model are batched adaptively (see
 *       {@link ForecastBatcher}): alone a request runs at once; under load, waiting requests run
 *       together in one forward pass. Batched results equal one-by-one results up to float32 rounding.
 *   <li>{@link #train}: the request and the file are checked at once (bad input fails the call,
 *       not the job); the job then waits in a bounded queue for the single training thread. DJL
 *       allows one open gradient collector per process, so jobs run one at a time. A full queue
 *       rejects the job ({@link TrainingQueueFullException}).
 *   <li>{@link #cancel}: a queued job is dropped; a running one stops before its next batch and
 *       saves nothing.
 *   <li><b>Job records survive a restart.</b> Every job's status is written to
 *       {@code STORE/.jobs/JOB-ID.json} (atomically and durably) when it is queued, starts, finishes
 *       an epoch and ends. A new service on the same store reads them back: a job that was still
 *       QUEUED or RUNNING (the process stopped or crashed) reads {@code FAILED} with the error
 *       {@value #INTERRUPTED}. The {@code retainedJobs} most recently finished jobs are
 *       remembered; the records of forgotten jobs are deleted. A record that cannot be written is
 *       reported on the {@code System.Logger} and does not stop the job.
 *   <li>Per-model forecast batchers are dropped when the store closes the model (evicted from its
 *       bounded cache, replaced or deleted).
 * </ul>
 *
 * <p>Thread-safe. Close it to stop the training thread: a queued or running job ends {@code FAILED}
 * ({@value #INTERRUPTED}), as it would read after a crash.
 */
public final class ForecastService implements AutoCloseable {
  /** The error of a job the service stopped, or lost in a crash, before it finished. */
  public static final String INTERRUPTED = TrainingJob.INTERRUPTED;

  private static final System.Logger LOG = System.getLogger(ForecastService.class.getName());

  private final ModelStore store;
  private final ForecastServiceSettings settings;
  private final TrainingListener listener;
  private final ThreadPoolExecutor trainer;
  private final ConcurrentHashMap<String, TrainingJob> jobs = new ConcurrentHashMap<>();
  private final Deque<String> finishedJobs = new ArrayDeque<>();
  private final ConcurrentHashMap<String, ForecastBatcher> batchers = new ConcurrentHashMap<>();
  private final JobRecords records;
  private final BiConsumer<String, Forecaster> unloadListener =
      (id, model) -> batchers.computeIfPresent(id, (k, b) -> b.forecaster() == model ? null : b);

  /**
   * A service over a store. Reads the job records of an earlier service on the same store (see the
   * class description).
   */
  public ForecastService(ModelStore store, ForecastServiceSettings settings, TrainingListener listener) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = listener == null ? TrainingListener.NONE : listener;
    this.records = new JobRecords(store.root());
    restoreJobs();
    store.addUnloadListener(unloadListener);
    this.trainer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(settings.trainingQueueCapacity()), runnable -> {
          Thread t = new Thread(runnable, "forecast-training");
          t.setDaemon(true);
          return t;
        });
  }

  /** The store this service reads and writes. */
  public ModelStore store() {
    return store;
  }

  /** The limits this service enforces. */
  public ForecastServiceSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- forecasting

  /**
   * Forecasts the {@code predLen} rows after a history with a stored model.
   *
   * @throws ModelNotFoundException for an unknown model
   * @throws HistoryTooShortException if the history has fewer than {@code seqLen} rows
   * @throws InvalidHistoryException for missing or extra columns, unequal lengths, missing or
   *     non-finite values, bad timestamps, or more than {@code maxHistoryRows} rows
   */
  public ForecastResult forecast(String modelId, History history) {
    Objects.requireNonNull(history, "history");
    try (ModelLease lease = store.acquire(modelId)) {
      return forecast(lease, history);
    }
  }

  /**
   * Forecasts after the last rows of an uploaded CSV file (header, timestamp column first).
   *
   * @throws DataException if the file cannot be read (naming file, line and column)
   */
  public ForecastResult forecastCsv(String modelId, byte[] csv, String fileName) {
    try (ModelLease lease = store.acquire(modelId)) {
      TimeSeriesFrame frame = TimeSeriesCsvReader.read(fileName, csv, CsvLoadOptions.defaults());
      if (frame.rows() > settings.maxHistoryRows()) {
        throw new InvalidHistoryException(fileName + " has " + frame.rows() + " rows; at most "
            + settings.maxHistoryRows() + " are accepted per forecast");
      }
      return forecast(lease, History.ofFrame(frame, frame.rows()));
    }
  }

  private ForecastResult forecast(ModelLease lease, History history) {
    Forecaster f = lease.forecaster();
    ModelCard card = f.card();
    double[] input = inputRows(lease.id(), card, history);
    if (settings.inferenceThreads() > 0) {
      EngineThreads.useOnCurrentThread(settings.inferenceThreads());
    }
    double[] out = settings.maxBatchSize() > 1 ? batcher(lease.id(), f).forecast(input)
        : f.forecast(input, card.seqLen());
    int n = card.columns().size();
    Map<String, double[]> columns = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      double[] v = new double[card.predLen()];
      for (int r = 0; r < v.length; r++) {
        v[r] = out[r * n + c];
      }
      columns.put(card.columns().get(c), v);
    }
    return new ForecastResult(lease.id(), card.predLen(), futureTimestamps(card, history), columns);
  }

  /** The batcher of a loaded model (a new one when the model was reloaded or replaced). */
  private ForecastBatcher batcher(String modelId, Forecaster f) {
    ForecastBatcher b = batchers.get(modelId);
    if (b != null && b.forecaster() == f) {
      return b;
    }
    return batchers.compute(modelId, (id, old) -> old != null && old.forecaster() == f ? old
        : new ForecastBatcher(f, settings.maxBatchSize(), settings.forecastConcurrency()));
  }

  /** Number of per-model batchers held (tests). */
  int batcherCount() {
    return batchers.size();
  }

  /** Checks a history against a card and returns its last {@code seqLen} rows, row-major. */
  static double[] inputRows(String modelId, ModelCard card, History history) {
    Set<String> missing = new TreeSet<>(card.columns());
    missing.removeAll(history.columns().keySet());
    Set<String> extra = new TreeSet<>(history.columns().keySet());
    card.columns().forEach(extra::remove);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      StringBuilder sb = new StringBuilder("history columns do not match model '" + modelId + "' (expects "
          + card.columns() + ")");
      if (!missing.isEmpty()) {
        sb.append("; missing ").append(missing);
      }
      if (!extra.isEmpty()) {
        sb.append("; unexpected ").append(extra);
      }
      throw new InvalidHistoryException(sb.toString());
    }
    String first = card.columns().get(0);
    int rows = history.columns().get(first).length;
    for (String name : card.columns()) {
      int len = history.columns().get(name).length;
      if (len != rows) {
        throw new InvalidHistoryException("columns have unequal lengths: '" + first + "' has " + rows
            + " values, '" + name + "' has " + len);
      }
    }
    if (history.timestamps() != null && history.timestamps().size() != rows) {
      throw new InvalidHistoryException("timestamps has " + history.timestamps().size() + " entries but the columns have "
          + rows + " rows");
    }
    if (rows < card.seqLen()) {
      throw new HistoryTooShortException(modelId, card.seqLen(), rows);
    }
    int n = card.columns().size();
    for (int c = 0; c < n; c++) {
      double[] v = history.columns().get(card.columns().get(c));
      for (int r = 0; r < rows; r++) {
        if (!Double.isFinite(v[r])) {
          throw new InvalidHistoryException("column '" + card.columns().get(c) + "', row " + r + " (0-based): "
              + (Double.isNaN(v[r]) ? "missing value (null or NaN)" : "value " + v[r] + " is not finite"));
        }
      }
    }
    int t = card.seqLen();
    double[] input = new double[t * n];
    for (int c = 0; c < n; c++) {
      double[] v = history.columns().get(card.columns().get(c));
      for (int r = 0; r < t; r++) {
        input[r * n + c] = v[rows - t + r];
      }
    }
    return input;
  }

  /** The forecast rows' timestamps: last history timestamp + k · frequency, in the model's layout. */
  static List<String> futureTimestamps(ModelCard card, History history) {
    List<String> ts = history.timestamps();
    if (ts == null || ts.isEmpty()) {
      return null;
    }
    TimestampFormat format = modelFormat(card);
    int last = ts.size() - 1;
    String text = ts.get(last) == null ? "" : ts.get(last).trim();
    long epoch = format == null ? Long.MIN_VALUE : format.tryParse(text);
    if (epoch == Long.MIN_VALUE) {
      TimestampFormat detected = TimestampFormat.detect(text);
      if (detected == null) {
        throw new InvalidHistoryException("timestamps[" + last + "] '" + text + "' is not a timestamp; expected the "
            + "model's layout " + (format == null ? "yyyy-MM-dd HH:mm:ss" : format.description()));
      }
      epoch = detected.tryParse(text);
      if (format == null) {
        format = detected;
      }
    }
    if (card.frequencySeconds() <= 0) {
      return null;
    }
    List<String> out = new ArrayList<>(card.predLen());
    for (int k = 1; k <= card.predLen(); k++) {
      out.add(format.format(epoch + k * card.frequencySeconds()));
    }
    return out;
  }

  private static TimestampFormat modelFormat(ModelCard card) {
    try {
      return card.timestampFormat() == null ? null : TimestampFormat.valueOf(card.timestampFormat());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- evaluation

  /**
   * Scores a stored model on the test split of a CSV file, scaled with the model's scaler (as
   * {@code forecast evaluate}).
   *
   * @param split split rule ({@code null} means auto)
   * @throws DataException if the file cannot be read or is too short for the split
   * @throws InvalidHistoryException if the file's columns are not the model's
   */
  public EvaluationResult evaluate(String modelId, byte[] csv, String fileName, String split) {
    SplitRule rule = parse(() -> split == null ? SplitRule.AUTO : SplitRule.parse(split));
    try (ModelLease lease = store.acquire(modelId)) {
      Forecaster f = lease.forecaster();
      TimeSeriesFrame frame = TimeSeriesCsvReader.read(fileName, csv, CsvLoadOptions.defaults());
      if (settings.inferenceThreads() > 0) {
        EngineThreads.useOnCurrentThread(settings.inferenceThreads());
      }
      Evaluation e = ForecastPipeline.evaluate(f, frame, FileDigest.sha256(csv), rule);
      return new EvaluationResult(modelId, frame.source(), e.data().splitRule(), f.card().seqLen(), f.card().predLen(),
          e.metrics(), e);
    }
  }

  // ---------------------------------------------------------------- training

  /**
   * Checks a training request and its file, then queues the job.
   *
   * @return the queued job's status (state QUEUED, or RUNNING if the worker already took it)
   * @throws InvalidModelIdException for an invalid model id
   * @throws ModelAlreadyExistsException if the id exists (and overwrite is off) or another active
   *     job trains it
   * @throws InvalidTrainingRequestException for unusable settings
   * @throws DataException if the file cannot be read or is too short for the split and lengths
   * @throws TrainingQueueFullException if the queue is full
   */
  public JobStatus train(byte[] csv, String fileName, TrainingRequest request) {
    Objects.requireNonNull(request, "request");
    String modelId = ModelId.check(request.modelId());
    if (!request.overwrite() && store.contains(modelId)) {
      throw new ModelAlreadyExistsException(modelId);
    }
    SplitRule rule = parse(() -> request.split() == null ? SplitRule.AUTO : SplitRule.parse(request.split()));
    MissingValuePolicy policy = parse(() -> request.missing() == null ? MissingValuePolicy.REJECT
        : MissingValuePolicy.parse(request.missing()));
    TrainingSpec spec = new TrainingSpec(request.modelType(), request.seqLen(), request.predLen(), rule,
        request.settings());
    Settings checked = parse(() -> ForecastPipeline.check(spec));
    TimeSeriesFrame frame = TimeSeriesCsvReader.read(fileName, csv, CsvLoadOptions.defaults()
        .withTargetColumn(request.target())
        .withTimestampColumn(request.timestampColumn())
        .withMissingValues(policy));
    // the split and lengths are checked now, so a too-short file fails the call, not the job
    io.forecast.data.PreparedSeries.prepare(frame, rule, request.seqLen(), request.predLen());
    String sha = FileDigest.sha256(csv);
    long seed = request.seed() == null ? TrainingContext.DEFAULT_SEED : request.seed();
    Integer epochs = checked.asMap().get("epochs") instanceof Integer e ? e : null;

    TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), modelId, epochs == null ? 0 : epochs);
    synchronized (jobs) {
      for (TrainingJob other : jobs.values()) {
        if (other.modelId().equals(modelId) && !other.state().isFinished()) {
          throw new ModelAlreadyExistsException(modelId + "' (job " + other.id() + " is training it");
        }
      }
      jobs.put(job.id(), job);
    }
    Runnable task = () -> run(job, frame, sha, spec, seed, request.overwrite());
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

  private void run(TrainingJob job, TimeSeriesFrame frame, String sha, TrainingSpec spec, long seed,
      boolean overwrite) {
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
      try (FittedForecaster model = ForecastPipeline.train(frame, sha, spec, context)) {
        if (job.isCancelRequested()) {
          job.finish(JobState.CANCELLED, null);
        } else {
          store.save(job.modelId(), model, overwrite);
          job.finish(JobState.SUCCEEDED, null);
        }
      }
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

  private static Instant instant(String iso) {
    try {
      return iso == null ? Instant.EPOCH : Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private void forget(TrainingJob job) {
    synchronized (job.recordLock) {
      job.forgotten = true;
      try {
        records.delete(job.id());
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot delete the record of forgotten training job " + job.id()
            + ": " + e.getMessage());
      }
    }
  }

  /**
   * Reads the records of an earlier service on this store: unfinished jobs become FAILED
   * (interrupted) and are written back; only the {@code retainedJobs} most recently finished are kept.
   */
  private void restoreJobs() {
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

  private static <T> T parse(java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (DataException | ForecastingException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // the data layer's parsers (split rule, missing policy) report unknown names this way
      throw new InvalidTrainingRequestException(e.getMessage(), e);
    }
  }

  /**
   * A job's status.
   *
   * @throws JobNotFoundException for an unknown (or forgotten) job
   */
  public JobStatus job(String jobId) {
    TrainingJob job = jobId == null ? null : jobs.get(jobId);
    if (job == null) {
      throw new JobNotFoundException(jobId);
    }
    return job.snapshot();
  }

  /** Every remembered job, oldest first. */
  public List<JobStatus> jobs() {
    List<JobStatus> out = new ArrayList<>();
    jobs.values().forEach(j -> out.add(j.snapshot()));
    out.sort(Comparator.comparing(JobStatus::submittedAt));
    return out;
  }

  /**
   * Cancels a job: a queued one at once; a running one before its next batch (its status turns
   * CANCELLED shortly after). A finished job is left as it is.
   *
   * @return the job's status after the request
   * @throws JobNotFoundException for an unknown job
   */
  public JobStatus cancel(String jobId) {
    TrainingJob job = jobId == null ? null : jobs.get(jobId);
    if (job == null) {
      throw new JobNotFoundException(jobId);
    }
    Runnable task = job.task();
    if (job.cancel()) {
      if (task != null) {
        trainer.remove(task);
      }
      finished(job, Duration.ZERO);
    }
    return job.snapshot();
  }

  /**
   * Stops the training thread (waiting up to 30 s for a running job): queued and running jobs end
   * FAILED ({@value #INTERRUPTED}) unless a user already cancelled them; every record is
   * written a last time.
   */
  @Override
  public void close() {
    store.removeUnloadListener(unloadListener);
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
