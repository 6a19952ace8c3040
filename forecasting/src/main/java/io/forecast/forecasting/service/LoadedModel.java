package io.forecast.forecasting.service;

import io.forecast.forecasting.Forecaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * A store cache entry: the model of one directory, loaded once on first use, with a count of open
 * leases. Once retired (deleted, replaced, or evicted from the cache) it accepts no new leases and
 * closes the model when the last lease is released; the store then tells its unload listener.
 *
 * <p>Two locks: the entry's monitor guards the lease count and retirement (held only briefly, so the
 * store's cache can look at lease counts while a model loads), {@code loadLock} serialises loading.
 */
final class LoadedModel {
  private final String id;
  private final Path directory;
  private final ModelLoader loader;
  private final BiConsumer<String, Forecaster> onClose;
  private final Object loadLock = new Object();
  private volatile Forecaster forecaster;
  private int leases;
  private boolean retired;
  private boolean closed;

  LoadedModel(String id, Path directory, ModelLoader loader, BiConsumer<String, Forecaster> onClose) {
    this.id = id;
    this.directory = directory;
    this.loader = loader;
    this.onClose = onClose;
  }

  /** Takes a lease; false once retired. */
  synchronized boolean tryAcquire() {
    if (retired) {
      return false;
    }
    leases++;
    return true;
  }

  /** Open leases. */
  synchronized int leases() {
    return leases;
  }

  /** Whether the model has been loaded. */
  boolean isLoaded() {
    return forecaster != null;
  }

  /**
   * Loads the model if this is the first use (call while holding a lease). Concurrent first users
   * wait for one load instead of loading twice.
   */
  void ensureLoaded() throws IOException {
    synchronized (loadLock) {
      if (forecaster == null) {
        forecaster = loader.load(directory);
      }
    }
  }

  Forecaster forecaster() {
    return forecaster;
  }

  void release() {
    Forecaster closedModel;
    synchronized (this) {
      leases--;
      closedModel = closeIfUnused();
    }
    notifyClosed(closedModel);
  }

  /** Accepts no new leases; closes the model now or when the last lease is released. */
  void retire() {
    Forecaster closedModel;
    synchronized (this) {
      retired = true;
      closedModel = closeIfUnused();
    }
    notifyClosed(closedModel);
  }

  synchronized boolean isRetired() {
    return retired;
  }

  /** Closes the model if retired and unused; returns the closed model (or null). */
  private Forecaster closeIfUnused() {
    if (retired && leases == 0 && !closed) {
      closed = true;
      Forecaster f = forecaster;
      if (f != null) {
        f.close();
      }
      return f;
    }
    return null;
  }

  private void notifyClosed(Forecaster closedModel) {
    if (closedModel != null && onClose != null) {
      try {
        onClose.accept(id, closedModel);
      } catch (RuntimeException ignored) {
        // a listener must not break releasing a lease
      }
    }
  }
}
