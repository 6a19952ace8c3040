package io.forecast.forecasting.service;

import java.util.List;

/**
 * A snapshot of a training job; also the content of the job's record on disk
 * ({@code STORE/.jobs/ID.json}), so its fields are its JSON format.
 *
 * @param id job id
 * @param modelId the id the model is saved under on success
 * @param state the job's state
 * @param epoch completed epochs
 * @param maxEpochs the configured maximum epochs (early stopping may end sooner)
 * @param epochs losses of every completed epoch
 * @param etaSeconds mean epoch seconds × epochs remaining to the maximum (an upper bound), or
 *     {@code null} before the first epoch and once finished
 * @param error why the job failed ({@link ForecastService#INTERRUPTED} when the service stopped before
 *     the job finished), or {@code null}
 * @param submittedAt ISO-8601 instant the job was accepted
 * @param startedAt ISO-8601 instant training began, or {@code null}
 * @param finishedAt ISO-8601 instant the job ended, or {@code null}
 */
public record JobStatus(String id, String modelId, JobState state, int epoch, int maxEpochs, List<EpochLoss> epochs,
    Double etaSeconds, String error, String submittedAt, String startedAt, String finishedAt) {
  public JobStatus {
    epochs = List.copyOf(epochs);
  }
}
