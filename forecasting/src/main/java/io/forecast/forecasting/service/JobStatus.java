package io.forecast.forecasting.service;

import java.util.List;

/**
 * A snapshot of a job (training a model, a backtest, or an attention comparison: see {@link #kind}); also the content of the job's record on disk
 * ({@code STORE/.jobs/ID.json}), so its fields are its JSON format.
 *
 * @param id job id
 * @param modelId the id the model is saved under on success; {@code null} for a backtest or comparison
 * @param state the job's state
 * @param epoch completed epochs (of a backtest: of the current fold's training; of a comparison: of the
 *     current run's)
 * @param maxEpochs the configured maximum epochs (early stopping may end sooner)
 * @param epochs losses of every completed epoch (of a backtest: of the current fold's training)
 * @param etaSeconds mean epoch seconds × epochs remaining to the maximum (an upper bound), or
 *     {@code null} before the first epoch and once finished
 * @param error why the job failed ({@link ForecastService#INTERRUPTED} when the service stopped before
 *     the job finished), or {@code null}
 * @param submittedAt ISO-8601 instant the job was accepted
 * @param startedAt ISO-8601 instant training began, or {@code null}
 * @param finishedAt ISO-8601 instant the job ended, or {@code null}
 * @param kind {@value #TRAINING}, {@value #BACKTEST} or {@value #ATTENTION_COMPARISON}; a record written
 *     before jobs had kinds has none and reads {@value #TRAINING}
 * @param fold a backtest's folds finished so far, an attention comparison's grid runs finished so far
 *     (those resumed included) ({@code null} for training, and before the folds or runs are planned)
 * @param folds a backtest's planned folds, an attention comparison's planned runs ({@code null} for
 *     training, and before they are planned)
 */
public record JobStatus(String id, String modelId, JobState state, int epoch, int maxEpochs, List<EpochLoss> epochs,
    Double etaSeconds, String error, String submittedAt, String startedAt, String finishedAt, String kind,
    Integer fold, Integer folds) {
  /** The kind of a job training a model. */
  public static final String TRAINING = "training";
  /** The kind of a backtest job. */
  public static final String BACKTEST = "backtest";
  /** The kind of an attention-comparison job ({@code forecast compare-attention} as a job). */
  public static final String ATTENTION_COMPARISON = "attention-comparison";

  public JobStatus {
    epochs = List.copyOf(epochs);
    kind = kind == null ? TRAINING : kind;
  }

  /** A training job's snapshot. */
  public JobStatus(String id, String modelId, JobState state, int epoch, int maxEpochs, List<EpochLoss> epochs,
      Double etaSeconds, String error, String submittedAt, String startedAt, String finishedAt) {
    this(id, modelId, state, epoch, maxEpochs, epochs, etaSeconds, error, submittedAt, startedAt, finishedAt, TRAINING,
        null, null);
  }
}
