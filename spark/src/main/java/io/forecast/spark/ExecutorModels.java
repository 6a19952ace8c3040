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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    final CompletableFuture<Forecaster> model = new CompletableFuture<>();
    int leases;

    /** Closes the model if it loaded. */
    void close() {
      if (model.isDone() && !model.isCompletedExceptionally()) {
        model.join().close();
      }
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
      return entry.model.join();
    }

    @Override
    public void close() {
      synchronized (LOADED) {
        if (!closed) {
          closed = true;
          release(entry);
        }
      }
    }
  }

  /**
   * The model {@code id} of a store, loaded on first use in this JVM (by the first task asking; the
   * others wait for it, while tasks using other models go on).
   *
   * @throws NoSuchFileException if the store has no such model
   * @throws IOException if it cannot be read or loaded
   */
  static Lease acquire(StorePaths store, String id) throws IOException {
    String key = store.root() + "\u0000" + id;
    Entry e;
    boolean loader = false;
    synchronized (LOADED) {
      e = LOADED.get(key);
      if (e == null) {
        e = new Entry();
        LOADED.put(key, e);
        loader = true;
        loads++;
      }
      e.leases++;
    }
    if (loader) {
      try {
        e.model.complete(load(store, id));
      } catch (IOException | RuntimeException | Error t) {
        e.model.completeExceptionally(t);
      }
    }
    try {
      e.model.join();
    } catch (CompletionException failed) {
      synchronized (LOADED) {
        LOADED.remove(key, e); // the next task tries again
        release(e);
      }
      Throwable cause = failed.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) cause;
    }
    return new Lease(e);
  }

  /** Models loaded by this JVM so far (tests: once per executor, not per series). */
  static long loads() {
    synchronized (LOADED) {
      return loads;
    }
  }

  private static void release(Entry e) {
    e.leases--;
    Iterator<Entry> it = LOADED.values().iterator();
    int size = LOADED.size();
    while (size > MAX_LOADED && it.hasNext()) {
      Entry old = it.next();
      if (old.leases == 0 && old.model.isDone()) {
        it.remove();
        old.close();
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
