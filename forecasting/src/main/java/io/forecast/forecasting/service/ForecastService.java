package io.forecast.forecasting.service;

import io.forecast.data.CsvLoadOptions;
import io.forecast.data.DataException;
import io.forecast.data.DataInspection;
import io.forecast.data.MissingValuePolicy;
import io.forecast.data.SplitBoundaries;
import io.forecast.data.SplitRule;
import io.forecast.data.TimeSeriesCsvReader;
import io.forecast.data.TimeSeriesFrame;
import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecastingException;
import io.forecast.forecasting.ModelCard;
import io.forecast.forecasting.Settings;
import io.forecast.forecasting.TrainingContext;
import io.forecast.forecasting.nn.EngineThreads;
import io.forecast.forecasting.pipeline.Evaluation;
import io.forecast.forecasting.pipeline.ForecastPipeline;
import io.forecast.forecasting.pipeline.TrainingSpec;
import io.forecast.forecasting.provenance.FileDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Forecasting, training and evaluation over a {@link ModelStore}: the facade the command line and
 * the REST layer use. It checks histories with {@link HistoryCheck}, batches forecasts with {@link
 * ForecastBatcher} and hands training to {@link TrainingJobs}.
 *
 * <ul>
 *   <li>{@link #forecast}: any number of threads at once, also on the same model (the store's lease
 *       keeps it open meanwhile). Every part of the history is checked first: its row count
 *       ({@code maxHistoryRows}), its columns and values, and every timestamp (each parses in one
 *       layout, is strictly after the one before and one model step after it). Concurrent forecasts
 *       on one model are batched adaptively: alone a request runs at once; under load, waiting
 *       requests run together in one forward pass. Batched results equal one-by-one results up to
 *       float32 rounding.
 *   <li>{@link #train}: the request and the file are checked at once (bad input fails the call,
 *       not the job); the job then waits in a bounded queue for the single training thread. DJL
 *       allows one open gradient collector per process, so jobs run one at a time. A full queue
 *       rejects the job ({@link TrainingQueueFullException}).
 *   <li>{@link #backtest}: a rolling-origin backtest ({@link io.forecast.forecasting.backtest.Backtest}),
 *       checked at once like training, runs as a job of kind {@value JobStatus#BACKTEST} on the same
 *       queue and thread (never beside a training job); {@link #backtestReport} gives its result,
 *       kept in {@code STORE/.backtests/JOB-ID.json} while the job is remembered.
 *   <li>{@link #cancel}: a queued job is dropped; a running one stops before its next batch and
 *       saves nothing.
 *   <li><b>Job records survive a restart.</b> Every job's status is written to
 *       {@code STORE/.jobs/JOB-ID.json} (atomically and durably) when it is queued, starts, finishes
 *       an epoch and ends. A new service on the same store reads them back: a job that was still
 *       QUEUED or RUNNING (the process stopped or crashed) reads {@code FAILED} with the error
 *       {@value #INTERRUPTED}. The {@code retainedJobs} most recently finished jobs are
 *       remembered; the records of forgotten jobs are deleted.
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

  private final ModelStore store;
  private final ForecastServiceSettings settings;
  private final TrainingJobs trainingJobs;
  private final BacktestJobs backtestJobs;
  private final AttentionComparisonJobs attentionComparisonJobs;
  private final ConcurrentHashMap<String, ForecastBatcher> batchers = new ConcurrentHashMap<>();
  private final BiConsumer<String, Forecaster> unloadListener =
      (id, model) -> batchers.computeIfPresent(id, (k, b) -> b.forecaster() == model ? null : b);

  /**
   * A service over a store. Reads the job records of an earlier service on the same store (see the
   * class description).
   */
  public ForecastService(ModelStore store, ForecastServiceSettings settings, TrainingListener listener) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.trainingJobs = new TrainingJobs(store, settings, listener == null ? TrainingListener.NONE : listener);
    this.backtestJobs = new BacktestJobs(trainingJobs, settings);
    this.attentionComparisonJobs = new AttentionComparisonJobs(trainingJobs, settings);
    store.addUnloadListener(unloadListener);
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
   * @throws InvalidHistoryException for more than {@code maxHistoryRows} rows, missing or extra
   *     columns, unequal lengths, missing or non-finite values, or a timestamp that does not parse,
   *     is not after the one before or (when the model has a frequency) is not one step after it
   */
  public ForecastResult forecast(String modelId, History history) {
    return forecast(modelId, history, List.of());
  }

  /**
   * Forecasts as {@link #forecast(String, History)}, with split-conformal prediction intervals at
   * the given levels (see {@link io.forecast.forecasting.conformal}).
   *
   * @param levels levels in percent (e.g. 80, 95); empty for none
   * @throws io.forecast.forecasting.conformal.IntervalsUnavailableException (checked before the
   *     forecast) if the model has no calibration or a level was not calibrated, naming the available
   *     levels
   */
  public ForecastResult forecast(String modelId, History history, List<Double> levels) {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(levels, "levels");
    HistoryCheck.rowCount(history, settings.maxHistoryRows());
    try (ModelLease lease = store.acquire(modelId)) {
      return forecast(lease, history, true, levels);
    }
  }

  /**
   * Forecasts after the last rows of an uploaded CSV file (header, timestamp column first). The
   * file reader parses its timestamps; only the last one is checked again.
   *
   * @throws DataException if the file cannot be read (naming file, line and column)
   */
  public ForecastResult forecastCsv(String modelId, byte[] csv, String fileName) {
    return forecastCsv(modelId, csv, fileName, List.of());
  }

  /**
   * Forecasts as {@link #forecastCsv(String, byte[], String)}, with prediction intervals as
   * {@link #forecast(String, History, List)}.
   */
  public ForecastResult forecastCsv(String modelId, byte[] csv, String fileName, List<Double> levels) {
    Objects.requireNonNull(levels, "levels");
    long lines = TimeSeriesCsvReader.dataLines(csv);
    if (lines > settings.maxHistoryRows()) {
      // counted on the raw bytes, before anything is parsed: a huge upload costs no parse
      throw new InvalidHistoryException(fileName + " has " + lines + " data rows; at most "
          + settings.maxHistoryRows() + " are accepted per forecast");
    }
    try (ModelLease lease = store.acquire(modelId)) {
      TimeSeriesFrame frame = TimeSeriesCsvReader.read(fileName, csv, CsvLoadOptions.defaults());
      if (frame.rows() > settings.maxHistoryRows()) {
        throw new InvalidHistoryException(fileName + " has " + frame.rows() + " rows; at most "
            + settings.maxHistoryRows() + " are accepted per forecast");
      }
      return forecast(lease, History.ofFrame(frame, frame.rows()), false, levels);
    }
  }

  private ForecastResult forecast(ModelLease lease, History history, boolean everyTimestamp, List<Double> levels) {
    Forecaster f = lease.forecaster();
    ModelCard card = f.card();
    levels = io.forecast.forecasting.conformal.ConformalCalibration.checkLevels(levels);
    if (!levels.isEmpty()) {
      f.checkIntervals(levels);
    }
    double[] input = HistoryCheck.inputRows(lease.id(), card, history);
    List<String> timestamps = HistoryCheck.futureTimestamps(card, history, everyTimestamp);
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
    if (levels.isEmpty()) {
      return new ForecastResult(lease.id(), card.predLen(), timestamps, columns);
    }
    Map<String, ForecastResult.Interval> intervals = new LinkedHashMap<>();
    f.intervals(out, levels).bands().forEach((level, band) -> intervals.put(level,
        new ForecastResult.Interval(byColumn(card, band.lower()), byColumn(card, band.upper()))));
    return new ForecastResult(lease.id(), card.predLen(), timestamps, columns, intervals);
  }

  /** Row-major {@code predLen × columns} values as one array per column. */
  private static Map<String, double[]> byColumn(ModelCard card, double[] values) {
    int n = card.columns().size();
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      double[] v = new double[card.predLen()];
      for (int r = 0; r < v.length; r++) {
        v[r] = values[r * n + c];
      }
      out.put(card.columns().get(c), v);
    }
    return out;
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
    return evaluate(modelId, csv, fileName, split, null);
  }

  /**
   * Scores a stored model on the test split of a CSV file, scaled with the model's scaler (as
   * {@code forecast evaluate --season}).
   *
   * @param split split rule ({@code null} means auto)
   * @param season seasonal period of the MASE scale ({@code null}: inferred from the sampling step)
   * @throws io.forecast.forecasting.InvalidSettingsException if {@code season} is out of range
   * @throws DataException if the file cannot be read or is too short for the split
   * @throws InvalidHistoryException if the file's columns are not the model's
   */
  public EvaluationResult evaluate(String modelId, byte[] csv, String fileName, String split, Integer season) {
    SplitRule rule = parse(() -> split == null ? SplitRule.AUTO : SplitRule.parse(split));
    ForecastPipeline.checkSeason(season);
    try (ModelLease lease = store.acquire(modelId)) {
      Forecaster f = lease.forecaster();
      TimeSeriesFrame frame = TimeSeriesCsvReader.read(fileName, csv, CsvLoadOptions.defaults());
      if (settings.inferenceThreads() > 0) {
        EngineThreads.useOnCurrentThread(settings.inferenceThreads());
      }
      Evaluation e = ForecastPipeline.evaluate(f, frame, FileDigest.sha256(csv), rule, season);
      return new EvaluationResult(modelId, frame.source(), e.data().splitRule(), f.card().seqLen(), f.card().predLen(),
          e.metrics(), e);
    }
  }

  // ---------------------------------------------------------------- data

  /**
   * The inspection report of an uploaded file, the same as {@code forecast inspect} prints ({@link
   * DataInspection}): shape, frequency, quality (duplicates, gaps, invalid cells with their lines;
   * sentinel counts), split boundaries and window counts. The file's size is checked as for training.
   *
   * @throws InvalidTrainingRequestException for an unknown split rule or missing-value policy, or a file
   *     over {@code forecast.training.max-cells}
   * @throws io.forecast.forecasting.InvalidSettingsException for lengths out of range
   * @throws DataException if the file cannot be read or is too short for the split and lengths
   */
  public Map<String, Object> inspect(byte[] csv, String fileName, DataReportRequest request) {
    Objects.requireNonNull(request, "request");
    int seqLen = request.seqLen() == null ? DataReportRequest.DEFAULT_LENGTH : request.seqLen();
    int predLen = request.predLen() == null ? DataReportRequest.DEFAULT_LENGTH : request.predLen();
    ForecastPipeline.checkLengths(seqLen, predLen);
    SplitRule rule = parse(() -> request.split() == null ? SplitRule.AUTO : SplitRule.parse(request.split()));
    MissingValuePolicy policy = parse(() -> request.missing() == null ? MissingValuePolicy.REJECT
        : MissingValuePolicy.parse(request.missing()));
    TimeSeriesFrame frame = TrainingUploads.read(csv, fileName, request.target(), request.timestampColumn(), policy,
        settings);
    SplitBoundaries b = SplitBoundaries.of(rule, frame.source(), frame.rows());
    b.requireWindows(frame.source(), seqLen, predLen);
    return DataInspection.report(frame, b, seqLen, predLen);
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
    TrainingSpec spec = parse(() -> new TrainingSpec(request.modelType(), request.seqLen(), request.predLen(), rule,
        request.settings(), request.intervals()));
    parse(() -> ForecastPipeline.check(spec));
    TimeSeriesFrame frame = TrainingUploads.read(csv, fileName, request.target(), request.timestampColumn(), policy,
        settings);
    // the type's own checks (with the file's columns) and the split and lengths, now: a bad setting or
    // a too-short file fails the call, not the job
    Settings checked = ForecastPipeline.check(spec, frame);
    long seed = request.seed() == null ? TrainingContext.DEFAULT_SEED : request.seed();
    Integer epochs = checked.asMap().get("epochs") instanceof Integer e ? e : null;
    return trainingJobs.submit(modelId, epochs == null ? 0 : epochs,
        new TrainingJobs.Work(frame, FileDigest.sha256(csv), spec, seed, request.overwrite()));
  }

  /**
   * Checks a backtest request and its file (the settings, the file's length for the split and
   * lengths, and every fold's parameters and rows), then queues the job on the training thread,
   * behind any training jobs. On success its result is kept under {@code
   * STORE/.backtests/JOB-ID.json} until the job is forgotten.
   *
   * @return the queued job's status (kind {@value JobStatus#BACKTEST}, state QUEUED or RUNNING)
   * @throws InvalidTrainingRequestException for an unknown split rule, missing-value policy or window
   * @throws io.forecast.forecasting.InvalidSettingsException for unusable settings or fold parameters
   * @throws DataException if the file cannot be read or is too short for the split and lengths
   * @throws TrainingQueueFullException if the queue is full
   */
  public JobStatus backtest(byte[] csv, String fileName, BacktestRequest request) {
    return backtestJobs.submit(csv, fileName, request);
  }

  /**
   * A backtest job and, once it succeeded, its result.
   *
   * @throws JobNotFoundException for an unknown (or forgotten) job, or one that is not a backtest
   */
  public BacktestReport backtestReport(String jobId) {
    return backtestJobs.report(jobId);
  }

  /**
   * Checks an attention comparison ({@code forecast compare-attention}'s code path, {@link
   * io.forecast.forecasting.variants.AttentionComparison}) and its file, then queues it as a job on the
   * training thread. While the job is remembered its output folder is kept under {@code
   * STORE/.attention-comparisons/JOB-ID/}.
   *
   * @return the queued job's status (kind {@value JobStatus#ATTENTION_COMPARISON}, state QUEUED or RUNNING)
   * @throws InvalidTrainingRequestException for an unknown split rule or missing-value policy, or a file
   *     with too many cells
   * @throws io.forecast.forecasting.InvalidSettingsException for an unknown type or one without an attention
   *     slot, a bad variant list, protocol or seed count, unusable settings, or (protocol B) a type that cannot
   *     swap its operator
   * @throws DataException if the file cannot be read or is too short for the split and lengths
   * @throws TrainingQueueFullException if the queue is full
   */
  public JobStatus compareAttention(byte[] csv, String fileName, AttentionComparisonRequest request) {
    return attentionComparisonJobs.submit(csv, fileName, request);
  }

  /**
   * An attention-comparison job and, once it succeeded, its {@code results.json}.
   *
   * @throws JobNotFoundException for an unknown (or forgotten) job, or one of another kind
   */
  public AttentionComparisonReport attentionComparison(String jobId) {
    return attentionComparisonJobs.report(jobId);
  }

  /**
   * A file of a succeeded attention-comparison job: {@code results.json}, {@code results.md} or {@code
   * val-loss.svg}.
   *
   * @return the file's bytes, or {@code null} while the job has not succeeded (or when it failed)
   * @throws JobNotFoundException for an unknown (or forgotten) job, or one of another kind
   * @throws IllegalArgumentException for another file name
   */
  public byte[] attentionComparisonFile(String jobId, String file) {
    return attentionComparisonJobs.file(jobId, file);
  }

  private static <T> T parse(Supplier<T> step) {
    return TrainingUploads.parse(step);
  }

  /**
   * A job's status.
   *
   * @throws JobNotFoundException for an unknown (or forgotten) job
   */
  public JobStatus job(String jobId) {
    return trainingJobs.job(jobId);
  }

  /** Every remembered job, oldest first. */
  public List<JobStatus> jobs() {
    return trainingJobs.jobs();
  }

  /**
   * Cancels a job: a queued one at once; a running one before its next batch (its status turns
   * CANCELLED shortly after). A finished job is left as it is.
   *
   * @return the job's status after the request
   * @throws JobNotFoundException for an unknown job
   */
  public JobStatus cancel(String jobId) {
    return trainingJobs.cancel(jobId);
  }

  /**
   * Stops the training thread (waiting up to 30 s for a running job): queued and running jobs end
   * FAILED ({@value #INTERRUPTED}) unless a user already cancelled them; every record is
   * written a last time.
   */
  @Override
  public void close() {
    store.removeUnloadListener(unloadListener);
    trainingJobs.close();
  }
}
