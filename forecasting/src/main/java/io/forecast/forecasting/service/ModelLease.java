package io.forecast.forecasting.service;

import io.forecast.forecasting.Forecaster;

/**
 * A loaded model held for one use. While any lease on a model is open the store never closes the
 * model, even if it is deleted or replaced meanwhile; close the lease when done (try-with-resources).
 * Closing twice is harmless.
 */
public final class ModelLease implements AutoCloseable {
  private final String id;
  private final LoadedModel model;
  private boolean closed;

  ModelLease(String id, LoadedModel model) {
    this.id = id;
    this.model = model;
  }

  /** The model id. */
  public String id() {
    return id;
  }

  /** The loaded model; valid until this lease is closed. */
  public Forecaster forecaster() {
    return model.forecaster();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      model.release();
    }
  }
}
