package io.forecast.forecasting.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The mutable record of one training job, shared by the training thread and status readers. */
final class TrainingJob {
  private final String id;
  private final String modelId;
  private volatile int maxEpochs;
  private final String submittedAt = Instant.now().toString();
  private final List<EpochLoss> epochs = new ArrayList<>();
  private volatile boolean cancelRequested;
  private JobState state = JobState.QUEUED;
  private String startedAt;
  private String finishedAt;
  private String error;
  private Runnable task;

  /** The run's epoch budget, once the type has resolved it (0 until then: no ETA). */
  void maxEpochs(int epochs) {
    this.maxEpochs = epochs;
  }

  TrainingJob(String id, String modelId, int maxEpochs) {
    this.id = id;
    this.modelId = modelId;
    this.maxEpochs = maxEpochs;
  }

  String id() {
    return id;
  }

  String modelId() {
    return modelId;
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

  synchronized void finish(JobState end, String message) {
    if (state.isFinished()) {
      return;
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
        finishedAt);
  }
}
