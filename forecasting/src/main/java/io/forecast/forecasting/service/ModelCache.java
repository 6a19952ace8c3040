package io.forecast.forecasting.service;

import io.forecast.forecasting.Forecaster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The {@link ModelStore}'s bounded, reference-counted LRU cache of loaded models: one {@link
 * LoadedModel} entry per id, created once however many threads ask at the same time. It holds at
 * most {@code maxLoadedModels} entries (least recently used evicted first) but never evicts a leased
 * one: while every entry is leased it may hold more, and trims itself as leases end. An entry that
 * leaves the cache (evicted, replaced, deleted, or the cache closed) is retired: its model is closed
 * when its last lease is released, and then the unload listeners are told.
 *
 * <p>Thread-safe; the cache's monitor is held only briefly (never while a model loads or closes).
 */
final class ModelCache {
  private final ModelLoader loader;
  private final int maxLoadedModels;
  /** Access-ordered: the eldest entry is the least recently used. Guarded by itself. */
  private final LinkedHashMap<String, LoadedModel> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final List<BiConsumer<String, Forecaster>> unloadListeners = new CopyOnWriteArrayList<>();

  /**
   * @param loader how an entry loads its model directory
   * @param maxLoadedModels the most unleased models kept (at least 1)
   */
  ModelCache(ModelLoader loader, int maxLoadedModels) {
    if (maxLoadedModels < 1) {
      throw new IllegalArgumentException("maxLoadedModels must be at least 1, got " + maxLoadedModels);
    }
    this.loader = loader;
    this.maxLoadedModels = maxLoadedModels;
  }

  int maxLoadedModels() {
    return maxLoadedModels;
  }

  /**
   * Leases the cached entry of an id, if there is a live one (a retired entry found is dropped).
   *
   * @return the leased entry (possibly not loaded yet), or {@code null}
   */
  LoadedModel leaseCached(String id) {
    synchronized (entries) {
      LoadedModel entry = entries.get(id);
      if (entry != null && !entry.tryAcquire()) {
        entries.remove(id);
        return null;
      }
      return entry;
    }
  }

  /**
   * Leases the entry of an id, creating it (unloaded) for {@code directory} if there is none, and
   * evicts least recently used unleased entries past the bound. Call it while the directory is known
   * to be complete and cannot be swapped (the store's read lock).
   */
  LoadedModel lease(String id, Path directory) {
    LoadedModel entry;
    List<LoadedModel> evicted;
    synchronized (entries) {
      entry = entries.get(id);
      if (entry == null || !entry.tryAcquire()) {
        entry = new LoadedModel(id, directory, loader, this::unloaded);
        entry.tryAcquire();
        entries.put(id, entry);
      }
      evicted = evictLocked();
    }
    evicted.forEach(LoadedModel::retire);
    return entry;
  }

  /** Drops an entry whose model failed to load: removes it (if still cached), retires it, ends the lease. */
  void discard(String id, LoadedModel entry) {
    synchronized (entries) {
      entries.remove(id, entry);
    }
    entry.retire();
    entry.release();
  }

  /** Retires the entry of an id (the model was replaced or deleted); it closes when unused. */
  void retire(String id) {
    LoadedModel entry;
    synchronized (entries) {
      entry = entries.remove(id);
    }
    if (entry != null) {
      entry.retire();
    }
  }

  /** A lease ended: trims the cache if it grew past its bound while every entry was leased. */
  void trim() {
    List<LoadedModel> evicted;
    synchronized (entries) {
      evicted = evictLocked();
    }
    evicted.forEach(LoadedModel::retire);
  }

  /** Removes least recently used unleased entries while the cache is over its bound (hold its lock). */
  private List<LoadedModel> evictLocked() {
    if (entries.size() <= maxLoadedModels) {
      return List.of();
    }
    List<LoadedModel> evicted = new ArrayList<>();
    Iterator<LoadedModel> it = entries.values().iterator();
    while (entries.size() > maxLoadedModels && it.hasNext()) {
      LoadedModel e = it.next();
      if (e.leases() == 0) {
        it.remove();
        evicted.add(e);
      }
    }
    return evicted;
  }

  /** Number of entries (loaded or loading). */
  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Retires every entry (each closes when its last lease is released). */
  void retireAll() {
    List<LoadedModel> all;
    synchronized (entries) {
      all = new ArrayList<>(entries.values());
      entries.clear();
    }
    all.forEach(LoadedModel::retire);
  }

  /** See {@link ModelStore#addUnloadListener}. */
  void addUnloadListener(BiConsumer<String, Forecaster> listener) {
    unloadListeners.add(listener);
  }

  void removeUnloadListener(BiConsumer<String, Forecaster> listener) {
    unloadListeners.remove(listener);
  }

  private void unloaded(String id, Forecaster model) {
    for (BiConsumer<String, Forecaster> l : unloadListeners) {
      l.accept(id, model);
    }
  }
}
