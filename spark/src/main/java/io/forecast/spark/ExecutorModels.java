package io.forecast.spark;

import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.ForecasterTypes;
import io.forecast.forecasting.persist.AtomicDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;

/**
 * The models loaded in this JVM (an executor), shared by its tasks: a model is loaded once per
 * executor, not per row or per partition. A bounded LRU of unleased models (a leased one is never
 * closed under a task); loading goes through {@link ForecasterTypes#load}, as {@code forecast forecast}
 * loads a model directory. A model of a non-local store is copied to a local temporary directory,
 * loaded, and the copy deleted.
 */
final class ExecutorModels {
  /** Unleased models kept loaded per JVM (system property {@code forecast.spark.maxLoadedModels}). */
  static final int MAX_LOADED = Integer.getInteger("forecast.spark.maxLoadedModels", 32);

  private static final Map<String, Entry> LOADED = new LinkedHashMap<>(16, 0.75f, true);
  private static long loads;

  private ExecutorModels() {}

  private static final class Entry {
    final Forecaster model;
    int leases;
    boolean retired;

    Entry(Forecaster model) {
      this.model = model;
    }
  }

  /** A model held by a task; close it to release. */
  static final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean closed;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    Forecaster model() {
      return entry.model;
    }

    @Override
    public void close() {
      synchronized (LOADED) {
        if (!closed) {
          closed = true;
          entry.leases--;
          if (entry.retired && entry.leases == 0) {
            entry.model.close();
          }
          trim();
        }
      }
    }
  }

  /**
   * The model {@code id} of a store, loaded on first use in this JVM.
   *
   * @throws NoSuchFileException if the store has no such model
   * @throws IOException if it cannot be read or loaded
   */
  static Lease acquire(StorePaths store, String id) throws IOException {
    String key = store.root() + "\u0000" + id;
    synchronized (LOADED) {
      Entry e = LOADED.get(key);
      if (e == null) {
        e = new Entry(load(store, id));
        loads++;
        LOADED.put(key, e);
      }
      e.leases++;
      return new Lease(e);
    }
  }

  /** Models loaded by this JVM so far (tests: once per executor, not per series). */
  static long loads() {
    synchronized (LOADED) {
      return loads;
    }
  }

  /** Closes every unleased model and forgets all (tests; a new store version). */
  static void clear() {
    synchronized (LOADED) {
      for (Entry e : LOADED.values()) {
        e.retired = true;
        if (e.leases == 0) {
          e.model.close();
        }
      }
      LOADED.clear();
    }
  }

  private static void trim() {
    Iterator<Entry> it = LOADED.values().iterator();
    int size = LOADED.size();
    while (size > MAX_LOADED && it.hasNext()) {
      Entry e = it.next();
      if (e.leases == 0) {
        it.remove();
        e.model.close();
        size--;
      }
    }
  }

  private static Forecaster load(StorePaths store, String id) throws IOException {
    if (store.isLocal()) {
      Path dir = store.localRoot().resolve(id);
      if (!Files.isRegularFile(dir.resolve("model.json"))) {
        throw new NoSuchFileException(dir.toString(), null, "no model '" + id + "' in the store " + store.root());
      }
      return ForecasterTypes.load(dir);
    }
    FileSystem fs = store.fileSystem();
    org.apache.hadoop.fs.Path remote = store.model(id);
    if (!fs.exists(new org.apache.hadoop.fs.Path(remote, "model.json"))) {
      throw new NoSuchFileException(remote.toString(), null, "no model '" + id + "' in the store " + store.root());
    }
    Path local = Files.createTempDirectory("forecast-spark-model-");
    try {
      fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(local.resolve(id).toUri()), true);
      return ForecasterTypes.load(local.resolve(id));
    } finally {
      try {
        AtomicDirectory.deleteRecursively(local);
      } catch (IOException | UncheckedIOException ignored) {
        // a temporary copy; the JVM's temp folder is cleaned with the executor
      }
    }
  }
}
