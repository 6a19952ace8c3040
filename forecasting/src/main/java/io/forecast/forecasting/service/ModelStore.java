package io.forecast.forecasting.service;

import io.forecast.forecasting.Forecaster;
import io.forecast.forecasting.persist.AtomicDirectory;
import io.forecast.forecasting.persist.Recovery;
import io.forecast.forecasting.persist.StagedDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;

/**
 * A directory of model directories, one per model id ({@code ROOT/ID/model.json, weights.bin, ...}).
 *
 * <ul>
 *   <li>Everything lives on disk: a new store on the same directory (a restarted process) sees the
 *       same models.
 *   <li><b>No model is ever lost.</b> Writes follow {@link AtomicDirectory}'s protocol (a fsynced
 *       copy staged as {@code .new-ID-UUID}, the commit point, then swapped in): a crash at any
 *       instant leaves the id with its old or its new complete model. Deletes rename to
 *       {@code .del-ID-UUID} first.
 *   <li><b>Recovery at open.</b> The constructor completes or rolls back every interrupted swap (a
 *       staged copy with a readable {@code model.json}, written last, wins; otherwise a missing id
 *       gets its old copy back) and removes stale temporaries ({@link #recovery()} says what it did).
 *       Only one process may use a store directory at a time.
 *   <li>Only <em>complete</em> models are listed or served: a directory with a readable
 *       {@code model.json}. Protocol entries start with a dot, which ids never do, so they are never
 *       listed. Readers (listing, describe, loading) and the short swap of a write or delete exclude
 *       each other, so no reader sees an id missing mid-swap or loads a mix of two versions; writing
 *       a model's files happens outside that lock. Writes and deletes of one id are serialised.
 *   <li>Loaded models are handed out as {@link ModelLease}s from a bounded LRU cache ({@code
 *       ModelCache}: at most {@code maxLoadedModels} unleased models, a leased one never evicted).
 *       Deleting, replacing or evicting a model closes it only when its last lease is released.
 * </ul>
 *
 * <p>Thread-safe. Ids are checked by {@link ModelId#check}.
 */
public final class ModelStore implements AutoCloseable {
  /** Models kept loaded by default. */
  public static final int DEFAULT_MAX_LOADED_MODELS = 16;

  private final Path root;
  private final ModelCache cache;
  private final Recovery recovery;
  /** Readers share it; the renames of a write or delete take it exclusively. */
  private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();
  /** Serialise writes and deletes of one id (striped by id). */
  private final Object[] writeLocks = new Object[64];

  /** A store over {@code root} loading models with {@link ModelLoader#DEFAULT}. */
  public ModelStore(Path root) {
    this(root, ModelLoader.DEFAULT);
  }

  /**
   * A store over {@code root} keeping up to {@link #DEFAULT_MAX_LOADED_MODELS} models loaded.
   *
   * @param loader how a model directory is loaded (tests substitute a stub)
   */
  public ModelStore(Path root, ModelLoader loader) {
    this(root, loader, DEFAULT_MAX_LOADED_MODELS);
  }

  /**
   * A store over {@code root}; the directory is created on the first write. Opening recovers
   * interrupted writes and deletes (see the class description).
   *
   * @param loader how a model directory is loaded (tests substitute a stub)
   * @param maxLoadedModels the most unleased models kept loaded (at least 1)
   * @throws ModelStoreException if an interrupted write cannot be recovered
   */
  public ModelStore(Path root, ModelLoader loader, int maxLoadedModels) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    this.cache = new ModelCache(Objects.requireNonNull(loader, "loader"), maxLoadedModels);
    for (int i = 0; i < writeLocks.length; i++) {
      writeLocks[i] = new Object();
    }
    try {
      this.recovery = AtomicDirectory.recoverAll(this.root, ModelDirectories::isComplete);
    } catch (IOException | RuntimeException e) {
      throw new ModelStoreException("cannot recover the model store " + this.root + " (an interrupted write): "
          + e.getMessage(), e);
    }
  }

  /** The store's directory. */
  public Path root() {
    return root;
  }

  /** The most unleased models this store keeps loaded. */
  public int maxLoadedModels() {
    return cache.maxLoadedModels();
  }

  /** What the recovery at open did (empty when nothing was interrupted). */
  public Recovery recovery() {
    return recovery;
  }

  /** Whether a complete model with this id exists. */
  public boolean contains(String id) {
    Path dir = directory(id);
    swapLock.readLock().lock();
    try {
      return ModelDirectories.isComplete(dir);
    } finally {
      swapLock.readLock().unlock();
    }
  }

  /**
   * The complete models, sorted by id. Temporary directories, directories without a readable
   * {@code model.json} and plain files are skipped.
   */
  public List<ModelSummary> list() {
    List<ModelSummary> out = new ArrayList<>();
    swapLock.readLock().lock();
    try {
      if (!Files.isDirectory(root)) {
        return out;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (AtomicDirectory.isTemporary(entry) || !ModelId.isValid(name) || !ModelDirectories.isComplete(entry)) {
            continue;
          }
          try {
            out.add(ModelDirectories.summarize(name, entry));
          } catch (IOException | RuntimeException unreadable) {
            // an unreadable model.json is not a complete model: leave it out of the listing
          }
        }
      } catch (IOException e) {
        throw new ModelStoreException("cannot list the model store " + root + ": " + e.getMessage(), e);
      }
    } finally {
      swapLock.readLock().unlock();
    }
    out.sort(Comparator.comparing(ModelSummary::id));
    return out;
  }

  /**
   * Card, settings and provenance of a model, read from its JSON files (weights are not loaded).
   *
   * @throws InvalidModelIdException for an invalid id
   * @throws ModelNotFoundException if no complete model has this id
   */
  public ModelDescription describe(String id) {
    Path dir = directory(id);
    swapLock.readLock().lock();
    try {
      if (!ModelDirectories.isComplete(dir)) {
        throw new ModelNotFoundException(id);
      }
      return ModelDirectories.describe(id, dir);
    } catch (NoSuchFileException e) {
      throw new ModelNotFoundException(id);
    } catch (IOException e) {
      throw new ModelStoreException("cannot read model '" + id + "': " + e.getMessage(), e);
    } finally {
      swapLock.readLock().unlock();
    }
  }

  /**
   * Leases the loaded model of an id, loading it on first use. Close the lease when done.
   *
   * @throws InvalidModelIdException for an invalid id
   * @throws ModelNotFoundException if no complete model has this id
   * @throws ModelStoreException if the model's files cannot be loaded
   */
  public ModelLease acquire(String id) {
    Path dir = directory(id);
    LoadedModel entry = cache.leaseCached(id);
    if (entry != null && entry.isLoaded()) {
      return new ModelLease(this, id, entry);
    }
    swapLock.readLock().lock();
    try {
      if (entry == null) {
        if (!ModelDirectories.isComplete(dir)) {
          throw new ModelNotFoundException(id);
        }
        entry = cache.lease(id, dir);
      }
      try {
        entry.ensureLoaded();
        return new ModelLease(this, id, entry);
      } catch (IOException | RuntimeException e) {
        cache.discard(id, entry);
        if (!ModelDirectories.isComplete(dir)) {
          throw new ModelNotFoundException(id);
        }
        throw new ModelStoreException("cannot load model '" + id + "': " + e.getMessage(), e);
      }
    } finally {
      swapLock.readLock().unlock();
    }
  }

  /** A lease ended: trims the cache if it grew past its bound while every entry was leased. */
  void released() {
    cache.trim();
  }

  /**
   * Registers a listener told (id, model) whenever a loaded model is closed after leaving the cache
   * (evicted, replaced, deleted or the store closed); the service drops its per-model state then.
   */
  void addUnloadListener(BiConsumer<String, Forecaster> listener) {
    cache.addUnloadListener(listener);
  }

  void removeUnloadListener(BiConsumer<String, Forecaster> listener) {
    cache.removeUnloadListener(listener);
  }

  /**
   * Saves a model under an id, atomically and durably (see the class description): the files are
   * written and fsynced beside the id, then swapped in.
   *
   * @param overwrite whether an existing model may be replaced (its cached copy is retired and
   *     closed once no forecast uses it)
   * @throws ModelAlreadyExistsException if the id exists and {@code overwrite} is false
   * @throws ModelStoreException if writing fails (the previous model, if any, is kept)
   */
  public void save(String id, Forecaster model, boolean overwrite) {
    Path dir = directory(id);
    Objects.requireNonNull(model, "model");
    synchronized (writeLock(id)) {
      if (!overwrite && Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new ModelAlreadyExistsException(id);
      }
      try (StagedDirectory staged = AtomicDirectory.stage(dir, model::save)) {
        swapLock.writeLock().lock();
        try {
          staged.commit(overwrite);
        } finally {
          cache.retire(id);
          swapLock.writeLock().unlock();
        }
      } catch (FileAlreadyExistsException e) {
        throw new ModelAlreadyExistsException(id);
      } catch (IOException e) {
        throw new ModelStoreException("cannot save model '" + id + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * Deletes a model: it disappears from the listing at once (its directory is first renamed to a
   * {@code .del-} name, durably), and its cached copy is closed once no forecast uses it.
   *
   * @throws ModelNotFoundException if no complete model has this id
   */
  public void delete(String id) {
    Path dir = directory(id);
    Path trash;
    synchronized (writeLock(id)) {
      swapLock.writeLock().lock();
      try {
        if (!ModelDirectories.isComplete(dir)) {
          throw new ModelNotFoundException(id);
        }
        trash = AtomicDirectory.moveToTrash(dir);
      } catch (NoSuchFileException e) {
        throw new ModelNotFoundException(id);
      } catch (IOException e) {
        throw new ModelStoreException("cannot delete model '" + id + "': " + e.getMessage(), e);
      } finally {
        cache.retire(id);
        swapLock.writeLock().unlock();
      }
    }
    AtomicDirectory.deleteTrash(trash);
  }

  private Object writeLock(String id) {
    return writeLocks[Math.floorMod(id.hashCode(), writeLocks.length)];
  }

  /** Number of models currently loaded (or loading) in the cache. */
  public int loadedCount() {
    return cache.size();
  }

  /** Retires every cached model (each closes when its last lease is released). */
  @Override
  public void close() {
    cache.retireAll();
  }

  private Path directory(String id) {
    return root.resolve(ModelId.check(id));
  }
}
