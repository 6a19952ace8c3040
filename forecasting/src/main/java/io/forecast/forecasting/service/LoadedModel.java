package io.forecast.forecasting.service;

import io.forecast.forecasting.Forecaster;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A store cache entry: the model of one directory, loaded once on first use, with a count of open
 * leases. Once retired (deleted or replaced) it accepts no new leases and closes the model when the
 * last lease is released.
 */
final class LoadedModel {
  private final Path directory;
  private final ModelLoader loader;
  private volatile Forecaster forecaster;
  private int leases;
  private boolean retired;
  private boolean closed;

  LoadedModel(Path directory, ModelLoader loader) {
    this.directory = directory;
    this.loader = loader;
  }

  /** Takes a lease; false once retired. */
  synchronized boolean tryAcquire() {
    if (retired) {
      return false;
    }
    leases++;
    return true;
  }

  /**
   * Loads the model if this is the first use. Holding the entry's lock while loading means
   * concurrent first users wait for one load instead of loading twice.
   */
  synchronized void ensureLoaded() throws IOException {
    if (forecaster == null) {
      forecaster = loader.load(directory);
    }
  }

  Forecaster forecaster() {
    return forecaster;
  }

  synchronized void release() {
    leases--;
    closeIfUnused();
  }

  /** Accepts no new leases; closes the model now or when the last lease is released. */
  synchronized void retire() {
    retired = true;
    closeIfUnused();
  }

  synchronized boolean isRetired() {
    return retired;
  }

  private void closeIfUnused() {
    if (retired && leases == 0 && !closed) {
      closed = true;
      if (forecaster != null) {
        forecaster.close();
      }
    }
  }
}
