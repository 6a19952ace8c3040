package io.forecast.forecasting.service;

import io.forecast.forecasting.Forecaster;

/**
 * A loaded model held for one use. While any lease on a model is open the store never closes the
 * model, even if it is deleted, replaced or evicted from the cache meanwhile; close the lease when
 * done (try-with-resources). Closing twice is harmless.
 */
public final class ModelLease implements AutoCloseable {
  private final ModelStore store;
  private final String id;
  private final LoadedModel model;
  private boolean closed;

  ModelLease(ModelStore store, String id, LoadedModel model) {
    this.store = store;
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
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    model.release();
    store.released();
  }
}
