package io.forecast.api.autoconfigure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Configuration of the forecasting library and its REST API, under the prefix {@code forecast}. */
@ConfigurationProperties(prefix = "forecast")
@Validated
public class ForecastProperties {
  @Valid private final Store store = new Store();
  @Valid private final Training training = new Training();
  @Valid private final Api api = new Api();
  @Valid private final Batching batching = new Batching();
  @Valid private final Engine engine = new Engine();
  @Valid private final Ui ui = new Ui();

  /** Most history rows one forecast request may carry (JSON rows or CSV data rows). */
  @Min(1) private int maxHistoryRows = 10_000;

  public Store getStore() {
    return store;
  }

  public Training getTraining() {
    return training;
  }

  public Api getApi() {
    return api;
  }

  public Batching getBatching() {
    return batching;
  }

  public Engine getEngine() {
    return engine;
  }

  public Ui getUi() {
    return ui;
  }

  public int getMaxHistoryRows() {
    return maxHistoryRows;
  }

  public void setMaxHistoryRows(int maxHistoryRows) {
    this.maxHistoryRows = maxHistoryRows;
  }

  /** Where trained models live. */
  public static class Store {
    /** Directory of model directories (one sub-directory per model id); created on first write. */
    @NotNull private Path path = Path.of("models");

    /** Models kept loaded at once (least recently used unloaded first; a model in use is never unloaded). */
    @Min(1) private int maxLoadedModels = io.forecast.forecasting.service.ModelStore.DEFAULT_MAX_LOADED_MODELS;

    public int getMaxLoadedModels() {
      return maxLoadedModels;
    }

    public void setMaxLoadedModels(int maxLoadedModels) {
      this.maxLoadedModels = maxLoadedModels;
    }

    public Path getPath() {
      return path;
    }

    public void setPath(Path path) {
      this.path = path;
    }
  }

  /** The training queue (one job trains at a time). */
  public static class Training {
    /** Training jobs that may wait while one runs; further submissions are rejected (HTTP 429). */
    @Min(1) private int queueCapacity = 4;

    /** Finished training jobs remembered for status queries; the oldest are forgotten first. */
    @Min(1) private int retainedJobs = 100;

    /** Most rows × value columns of a training file, counted before it is parsed. */
    @Min(1) private long maxCells = io.forecast.forecasting.service.ForecastServiceSettings.DEFAULT_MAX_TRAINING_CELLS;

    public long getMaxCells() {
      return maxCells;
    }

    public void setMaxCells(long maxCells) {
      this.maxCells = maxCells;
    }

    public int getQueueCapacity() {
      return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
    }

    public int getRetainedJobs() {
      return retainedJobs;
    }

    public void setRetainedJobs(int retainedJobs) {
      this.retainedJobs = retainedJobs;
    }
  }

  /** The REST API under {@code /api/v1}. */
  public static class Api {
    /** Whether to register the REST controllers (only ever in a servlet web application). */
    private boolean enabled = true;

    /**
     * Largest JSON request body accepted under {@code /api/v1}; larger bodies get a 413 problem
     * document. Multipart uploads are limited by {@code spring.servlet.multipart.*} instead.
     */
    private DataSize maxJsonBodySize = DataSize.ofMegabytes(8);

    /** Multipart uploads processed at once; more are answered 503 with Retry-After before being read. */
    @Min(1) private int maxConcurrentUploads = 4;

    public int getMaxConcurrentUploads() {
      return maxConcurrentUploads;
    }

    public void setMaxConcurrentUploads(int maxConcurrentUploads) {
      this.maxConcurrentUploads = maxConcurrentUploads;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public DataSize getMaxJsonBodySize() {
      return maxJsonBodySize;
    }

    public void setMaxJsonBodySize(DataSize maxJsonBodySize) {
      this.maxJsonBodySize = maxJsonBodySize;
    }
  }

  /** Adaptive batching of concurrent forecasts on one model (no added delay; see ForecastBatcher). */
  public static class Batching {
    /** Most concurrent forecasts on one model run as one forward pass; 1 turns batching off. */
    @Min(1) private int maxSize = 64;

    /** Batches that may run at once per model; 0 means the number of available processors. */
    @Min(0) private int concurrency = 0;

    public int getMaxSize() {
      return maxSize;
    }

    public void setMaxSize(int maxSize) {
      this.maxSize = maxSize;
    }

    public int getConcurrency() {
      return concurrency;
    }

    public void setConcurrency(int concurrency) {
      this.concurrency = concurrency;
    }

    /** The concurrency with 0 resolved to the number of available processors. */
    public int effectiveConcurrency() {
      return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }
  }

  /**
   * PyTorch's intra-op thread counts. libtorch keeps the count per thread, so the training thread and
   * the threads serving forecasts each keep their own and do not throttle each other.
   */
  public static class Engine {
    /** Intra-op threads on each thread running a forecast or an evaluation (0: leave the engine's). */
    @Min(0) private int inferenceThreads = 1;

    /** Intra-op threads of the training thread (0: every core of the machine). */
    @Min(0) private int trainingThreads = 0;

    public int getInferenceThreads() {
      return inferenceThreads;
    }

    public void setInferenceThreads(int inferenceThreads) {
      this.inferenceThreads = inferenceThreads;
    }

    public int getTrainingThreads() {
      return trainingThreads;
    }

    public void setTrainingThreads(int trainingThreads) {
      this.trainingThreads = trainingThreads;
    }

    /** The training thread count, 0 meaning every core. */
    public int effectiveTrainingThreads() {
      return trainingThreads > 0 ? trainingThreads : Runtime.getRuntime().availableProcessors();
    }
  }

  /** The browser dashboard (io.forecast.api.ui). */
  public static class Ui {
    /**
     * Serve the dashboard at {@code /} (assets under {@code /ui/}). Off unless set: an application
     * embedding the library opts in; {@code forecast serve} turns it on.
     */
    private boolean enabled;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}
